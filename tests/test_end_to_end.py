"""The whole pipeline on the demo corpus (and the seed scrape when ../shared is present)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from newsdesk.brief import verify_brief
from newsdesk.cli import main
from newsdesk.desk import Desk
from support import DEMO, shared_path

pytestmark = pytest.mark.slow

TRUTH = json.loads((DEMO / "stories.json").read_text())
VISIT_2024 = "putin-china-2024-05"
VISIT_2025 = "putin-china-2025-09"


def _truth_key(source: str) -> str | None:
    """The demo ground-truth key of a stored article's source (file, or container#record)."""
    path, _, record = source.partition("#")
    try:
        rel = Path(path).resolve().relative_to(DEMO.resolve()).as_posix()
    except ValueError:
        return None
    for key in (f"{rel}#{record}" if record else rel, rel):
        if key in TRUTH["files"]:
            return TRUTH["files"][key]
    return None


@pytest.fixture(scope="module")
def desk(demo_db):
    with Desk(demo_db) as d:
        yield d


def _story_labels(desk: Desk) -> dict[str, list[str | None]]:
    labels: dict[str, list[str | None]] = {}
    for story in desk.stories():
        labels[story.id] = [_truth_key(a.source) for a in desk.store.articles(story.article_ids)]
    return labels


def _story_for(desk: Desk, key: str) -> str:
    labels = _story_labels(desk)
    best = max(labels, key=lambda sid: labels[sid].count(key))
    assert labels[best].count(key) > 0, f"no story holds {key}"
    return best


def test_each_putin_visit_is_one_pure_story(desk):
    labels = _story_labels(desk)
    for key in (VISIT_2024, VISIT_2025):
        holders = [sid for sid, ls in labels.items() if key in ls]
        assert len(holders) == 1, f"{key} split over {len(holders)} stories: {holders}"
        others = {k for k in labels[holders[0]] if k not in (key, None)}
        assert not others, f"{key} story also holds {others}"


def test_the_two_visits_form_one_thread(desk):
    s24, s25 = desk.story(_story_for(desk, VISIT_2024)), desk.story(_story_for(desk, VISIT_2025))
    assert s24.id != s25.id
    assert s24.thread_id and s24.thread_id == s25.thread_id
    thread = desk.thread_of(s25)
    assert set(thread.story_ids) == {s24.id, s25.id}
    dates = {e.date for e in desk.thread_timeline(thread)}
    assert "2024-05-16" in dates and any(d.startswith("2025-0") for d in dates)


def test_syndicated_copy_is_linked_not_a_story(desk):
    for dup, original in TRUTH["duplicates"].items():
        dup_rows = [a for a in desk.store.articles() if _rel(a.source) == dup]
        assert dup_rows, dup
        row = desk.store.conn.execute("SELECT canonical_id FROM articles WHERE id = ?", (dup_rows[0].id,)).fetchone()
        assert row[0], f"{dup} is not linked to {original}"
        canonical = desk.article(row[0])
        assert _rel(canonical.source) == original
        assert desk.store.story_of(dup_rows[0].id) is None or desk.store.story_of(dup_rows[0].id) == \
            desk.store.story_of(canonical.id)


def _rel(source: str) -> str:
    path = source.partition("#")[0]
    try:
        return Path(path).resolve().relative_to(DEMO.resolve()).as_posix()
    except ValueError:
        return path


def test_brief_of_2025_visit_is_complete_and_grounded(desk):
    story_id = _story_for(desk, VISIT_2025)
    brief = desk.brief(story_id)
    names = [s.name for s in brief.sections]
    for wanted in ("Summary", "Background", "Key aspects", "Reactions", "What comes next"):
        assert wanted in names
    assert brief.key_players and brief.timeline
    articles = {a.id: a for a in desk.store.articles()}
    analyses = {aid: desk.analysis(aid) for aid in articles}
    assert verify_brief(brief, articles, analyses) == []
    for section in brief.sections:
        for item in section.items:
            assert item.citations, f"uncited sentence in {section.name}: {item.text}"
    background = " ".join(i.text for s in brief.sections if s.name == "Background" for i in s.items)
    assert re.search(r"May\s+(16|2024)|16[–-]17 May|May 16", background), background
    aspects = {i.group for s in brief.sections if s.name == "Key aspects" for i in s.items}
    assert {"energy", "multilateral bodies"} <= {a.lower() for a in aspects if a}
    md = desk.brief_markdown(story_id)
    for heading in ("Summary", "Background", "Key aspects", "Reactions", "What comes next", "Key players",
                    "Timeline"):
        assert f"## {heading}" in md


def test_reingest_adds_nothing(demo_db, capsys):
    before = Desk(demo_db, readonly=True)
    counts = before.store.counts()
    before.close()
    assert main(["ingest", str(DEMO), "--db", str(demo_db), "--workers", "1"]) == 0
    after = Desk(demo_db, readonly=True)
    assert after.store.counts() == counts
    after.close()


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.html").write_bytes(b"")
    (batch / "binary.html").write_bytes(bytes(range(256)) * 40)
    (batch / "latin.txt").write_bytes("Caf\xe9 in Paris \xff\xfe".encode("latin-1"))
    good = sorted((DEMO / "html").glob("*.html"))[0]
    shutil.copy(good, batch / good.name)
    clipped = Path(__file__).resolve().parents[2] / "shared" / "data" / "warc" / "clipped.warc.gz"
    if clipped.exists():
        shutil.copy(clipped, batch / "clipped.warc.gz")
    db = tmp_path / "bad.db"
    code = main(["ingest", str(batch), "--db", str(db), "--workers", "1"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 0
    for name in ("empty.html", "binary.html", "latin.txt"):
        lines = [ln for ln in err if name in ln]
        assert len(lines) == 1, (name, err)
    with Desk(db, readonly=True) as desk:
        assert desk.store.counts()["articles"] >= 1


def test_seed_scrape_extracts_exactly(capsys):
    seed = shared_path("seeds", "001_197dea3c7fb0b554.txt")
    assert main(["extract", str(seed)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["id"] == "001_197dea3c7fb0b554"
    assert record["title"] == "Putin’s Pivot: China Visit Signals Economic Power Play"
    assert record["author"] == "Saeed Minhas"
    assert record["text"].startswith("As Russian President Vladimir Putin gears up")
    assert record["text"].rstrip().endswith("geopolitical stability.")
    for junk in ("Related stories", "Latest stories", "Please enter", "accomplished journalist", "BabyX"):
        assert junk not in record["text"]


def test_gzipped_page_is_read(tmp_path, capsys):
    page = sorted((DEMO / "html").glob("*.html"))[0]
    gz = tmp_path / (page.name + ".gz")
    gz.write_bytes(gzip.compress(page.read_bytes()))
    assert main(["extract", str(gz)]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert record["id"] == page.stem and len(record["text"]) > 200
