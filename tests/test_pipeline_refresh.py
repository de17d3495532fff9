"""Story refresh after an ingest: only stories whose members changed are profiled again."""

from __future__ import annotations

import newsdesk.pipeline as pipeline
from newsdesk.model import Analysis, Article, RawDocument, Sentence
from newsdesk.pipeline import Ingester, IngestReport, Processed, refresh_stories
from newsdesk.store import Store

SUBJECTS = {
    "port": "The harbour authority closed the northern container terminal after a crane collapsed in a storm.",
    "vote": "The opposition leader won the presidential runoff by a narrow margin, the election board said.",
    "flood": "River floods forced the evacuation of riverside villages across the northern province.",
}


def _items(start: int, n: int) -> list[Processed]:
    out = []
    for i in range(start, start + n):
        subject = list(SUBJECTS)[i % len(SUBJECTS)]
        text = f"{SUBJECTS[subject]} Report number {i} adds that officials met on day {i}."
        aid = f"a{i}"
        article = Article(aid, aid, f"https://example.test/{aid}", f"{subject} update {i}", None,
                          f"2024-05-{1 + i:02d}", "en", "article", text, (text,), "Example", f"src#{i}", None)
        doc = RawDocument(aid, f"src#{i}", text.encode(), "text")
        out.append(Processed(doc, article, Analysis(aid, (Sentence(aid, 0, 0, len(text), text),))))
    return out


def _ingest(store: Store, items: list[Processed]) -> None:
    Ingester(store).write(items, IngestReport())


def test_refresh_profiles_only_changed_stories_and_equals_a_full_refresh(tmp_path, monkeypatch):
    calls: list[str] = []
    profile = pipeline.profile_story
    monkeypatch.setattr(pipeline, "profile_story", lambda sid, *a: calls.append(sid) or profile(sid, *a))
    with Store(tmp_path / "s.db") as store:
        _ingest(store, _items(0, 9))
        first, _ = refresh_stories(store)
        assert len(calls) == len(first) == len(store.story_profiles())
        calls.clear()
        assert refresh_stories(store) == (first, [])  # nothing changed: nothing profiled
        assert calls == []
        _ingest(store, _items(9, 3))
        again = refresh_stories(store)
        changed = {s.id for s in again[0]} - {s.id for s in first if s in again[0]}
        assert set(calls) == changed and calls
        store.conn.execute("DELETE FROM story_profiles")
        assert refresh_stories(store) == again  # kept profiles equal ones made afresh
