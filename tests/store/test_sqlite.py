from __future__ import annotations

import sqlite3

import pytest

from newsdesk.errors import StoreError
from newsdesk.model import (
    Actor,
    Analysis,
    Article,
    DuplicateLink,
    Event,
    Failure,
    Mention,
    RawDocument,
    Sentence,
    Story,
    Thread,
)
from newsdesk.store import Store
from newsdesk.store.migrations import MIGRATIONS


def _article(name: str, text: str, date: str = "2024-05-16") -> Article:
    return Article(
        id=Article.make_id(None, text), name=name, url=None, title=f"Title {name}", author="A. Writer",
        date=date, language="en", page_type="article", text=text, paragraphs=(text,), publisher="Test Wire",
        source=f"/in/{name}.html", raw_id=None,
    )


def _analysis(article: Article) -> Analysis:
    putin = Actor("Vladimir Putin", "RUS", "GOV", "President of Russia")
    return Analysis(
        article_id=article.id,
        sentences=(Sentence(article.id, 0, 0, len(article.text), article.text),),
        mentions=(Mention(article.id, 0, 0, 5, "Putin", "PERSON", putin),),
        events=(Event(article.id, 0, "CONSULT", "04", 1, 1.0, actors=(putin,),
                      recipients=(Actor("China", "CHN", "GOV"),), date="2024-05-16"),),
        themes=("diplomacy",),
    )


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def test_schema_is_migrated_once_and_recorded(tmp_path):
    path = tmp_path / "m.db"
    Store(path).close()
    Store(path).close()
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [m[0] for m in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "n.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_readonly_open_of_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.db", readonly=True)


def test_articles_round_trip_and_are_idempotent(store):
    a = _article("one", "Vladimir Putin met Xi Jinping in Beijing on Thursday.")
    with store.transaction():
        assert store.add_article(a, _analysis(a))
        assert not store.add_article(a, _analysis(a))
    assert store.article(a.id) == a
    assert store.analysis(a.id) == _analysis(a)
    assert store.counts()["articles"] == 1
    assert store.events([a.id])[0].plover == "CONSULT"


def test_raw_document_is_kept_verbatim(store):
    doc = RawDocument("p", "/in/p.html", b"<html>\xe2\x80\x99</html>", "html")
    with store.transaction():
        assert store.add_raw(doc)
        assert not store.add_raw(doc)
    assert store.raw_content(doc.id) == doc.content


def test_duplicate_link_is_stored(store):
    a = _article("one", "A wire story about an energy deal between Moscow and Beijing.")
    b = _article("two", "A wire story about an energy deal between Moscow and Beijing, republished.")
    with store.transaction():
        store.add_article(a, None)
        store.add_article(b, None, duplicate=DuplicateLink(b.id, a.id, "near", 0.93))
    assert [d.id for d in store.duplicates_of(a.id)] == [b.id]
    assert store.counts()["duplicates"] == 1


def test_search_ranks_and_marks_hits(store):
    a = _article("one", "Gazprom signed a memorandum on the Power of Siberia 2 pipeline.")
    b = _article("two", "NATO leaders met in Washington for the alliance's anniversary summit.")
    with store.transaction():
        store.add_article(a, None)
        store.add_article(b, None)
    hits = store.search("pipeline siberia")
    assert [h.article_id for h in hits] == [a.id]
    assert "[[" in hits[0].snippet
    assert store.search('"power of siberia"')[0].article_id == a.id
    # FTS syntax characters in user input are neutralised, not an error
    assert store.search('NEAR( OR "') == []


def test_failures_are_recorded_once(store):
    f = Failure("/in/bad.html", "read", "empty file")
    with store.transaction():
        store.add_failure(f)
        store.add_failure(f)
    assert store.failures() == [f]


def test_stories_and_threads_are_replaced_as_a_whole(store):
    a = _article("one", "Putin arrived in Beijing.")
    with store.transaction():
        store.add_article(a, None)
        store.assign_story(a.id, "s1")
        store.replace_stories(
            [Story("s1", "Putin in Beijing", (a.id,), "2024-05-16", "2024-05-17", ("RUS",), ("diplomacy",), "t1")],
            [Thread("t1", "Putin visits China", ("s1",))],
        )
    [story] = store.stories()
    assert story.article_ids == (a.id,) and story.thread_id == "t1"
    assert store.threads() == [Thread("t1", "Putin visits China", ("s1",))]
    assert store.story_of(a.id) == "s1"


def test_state_round_trips_json(store):
    with store.transaction():
        store.set_state("k", {"a": [1, 2]})
    assert store.get_state("k") == {"a": [1, 2]}
    assert store.get_state("missing") is None


def test_shard_markers_match_path_size_and_mtime(store):
    with store.transaction():
        store.mark_shard("/data/a.warc.gz", 100, 5, 42)
    assert store.shard_done("/data/a.warc.gz", 100, 5) == 42
    assert store.shard_done("/data/a.warc.gz", 101, 5) is None  # the file changed: read it again
    assert store.shard_done("/data/b.warc.gz", 100, 5) is None
