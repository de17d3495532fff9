"""``watch``: feeds polled with conditional GET, new pages fetched, state resumed across runs."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from test_http import Hit, LocalSite, Reply, fast

from newsdesk.errors import InputError, StoreError
from newsdesk.model import RawDocument
from newsdesk.sources import watch as watch_module
from newsdesk.sources.watch import (
    CycleReport,
    PendingPage,
    WatchState,
    read_feeds_file,
    state_lock,
    state_path_for,
    watch,
)

ARTICLE = (b"<html><head><title>Council votes</title></head><body><article><h1>Council votes</h1>"
           b"<p>The council approved the harbour budget on Wednesday after a long debate.</p>"
           b"</article></body></html>")


def rss(base: str, extra: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Wire</title><link>{base}/</link>
<item><title>Ferry strike ends</title><link>{base}/ferry</link><guid>urn:wire:1</guid>
  <pubDate>Tue, 14 May 2024 09:30:00 +0000</pubDate>
  <content:encoded><![CDATA[<p>The ferry strike ended on Tuesday after overnight talks.</p>]]></content:encoded></item>
<item><title>Council votes on budget</title><link>{base}/articles/council</link><guid>urn:wire:2</guid>
  <pubDate>Wed, 15 May 2024 10:00:00 +0000</pubDate><author>desk@wire.example (Mira Olsen)</author>
  <description>The council votes on the budget.</description></item>
<item><title>Local file</title><link>file:///etc/passwd</link><guid>urn:wire:3</guid>
  <description>Teaser three.</description></item>
<item><title>Gopher hole</title><link>gopher://127.0.0.1:70/1</link><guid>urn:wire:4</guid>
  <description>Teaser four.</description></item>
{extra}
</channel></rss>""".encode()


class FeedSite(LocalSite):
    """A news site with a feed that honours If-None-Match and an article page."""

    def __enter__(self) -> FeedSite:
        super().__enter__()
        self.etag = '"rev-1"'
        self.extra = ""
        self.routes["/feed.xml"] = self.feed
        self.static("/articles/council", ARTICLE, **{"Content-Type": "text/html; charset=utf-8"})
        return self

    def feed(self, hit: Hit) -> Reply:
        if self.etag and hit.headers.get("if-none-match") == self.etag:
            return 304, {"ETag": self.etag}, b""
        headers = {"Content-Type": "application/rss+xml", "Last-Modified": "Wed, 15 May 2024 10:00:00 GMT"}
        if self.etag:
            headers["ETag"] = self.etag
        return 200, headers, rss(self.base, self.extra)

    def statuses(self, path: str) -> list[int]:
        return [h.status for h in self.hits if h.path == path]


@pytest.fixture
def site():
    with FeedSite() as s:
        yield s


@pytest.fixture
def feeds_file(tmp_path: Path, site: FeedSite) -> Path:
    path = tmp_path / "feeds.txt"
    path.write_text(f"# news feeds\n\n{site.url('/feed.xml')}   # the wire\n", encoding="utf-8")
    return path


def run(feeds_file: Path, tmp_path: Path, **kwargs) -> tuple[list[list[RawDocument]], list, object]:
    batches: list[list[RawDocument]] = []
    failures: list = []
    kwargs.setdefault("policy", fast(host_delay=0.0))
    kwargs.setdefault("once", True)
    report = watch(feeds_file, tmp_path / "news.db", allow_private=True, sink=batches.append,
                   on_failure=failures.append, interval=0, **kwargs)
    return batches, failures, report


def test_first_poll_takes_full_entries_and_fetches_partial_pages(site: FeedSite, feeds_file: Path,
                                                                 tmp_path: Path) -> None:
    batches, failures, _ = run(feeds_file, tmp_path)
    docs = {d.name: d for d in batches[0]}
    full = docs["urn-wire-1"]
    assert full.source == f"{site.url('/feed.xml')}#urn-wire-1" and b"ferry strike ended" in full.content
    page = docs["urn-wire-2"]
    assert page.content == ARTICLE and page.content_type == "html"
    assert page.url == page.source == site.url("/articles/council") and page.fetched_at
    assert page.hints["title"] == "Council votes on budget" and page.hints["date"] == "2024-05-15"
    assert page.hints["charset"] == "utf-8" and "partial" not in page.hints
    assert site.count("/articles/council") == 1


def test_file_and_gopher_entry_links_are_never_fetched_and_teasers_kept(site: FeedSite, feeds_file: Path,
                                                                        tmp_path: Path) -> None:
    batches, failures, _ = run(feeds_file, tmp_path)
    teasers = {d.name: d for d in batches[0] if d.name in ("urn-wire-3", "urn-wire-4")}
    assert len(teasers) == 2 and all(d.url is None and d.hints.get("partial") == "1" for d in teasers.values())
    assert all("url" not in d.hints for d in teasers.values())
    assert {h.path for h in site.hits} == {"/robots.txt", "/feed.xml", "/articles/council"}


def test_non_http_feed_and_page_urls_are_refused_with_a_failure(site: FeedSite, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("file:///etc/passwd\ngopher://127.0.0.1:70/1\n", encoding="utf-8")
    state = WatchState()  # a pending page whose link a feed parser let through: refused at fetch time
    state.pending["gopher://127.0.0.1:70/0"] = PendingPage(
        "gopher://127.0.0.1:70/0", site.url("/feed.xml"), "g", ["g"], {"title": "G", "url": "gopher://x"},
        "<p>Teaser.</p>")
    state.save(state_path_for(tmp_path / "news.db"))
    batches, failures, _ = run(feeds, tmp_path)
    reasons = {f.source: f.reason for f in failures}
    assert "scheme 'file'" in reasons["file:///etc/passwd"] and "file:///etc/passwd" in reasons["file:///etc/passwd"]
    assert "scheme 'gopher'" in reasons["gopher://127.0.0.1:70/1"]
    assert reasons["gopher://127.0.0.1:70/0"].startswith("refused gopher://127.0.0.1:70/0: scheme 'gopher'")
    [teaser] = batches[0]
    assert teaser.url is None and "url" not in teaser.hints and teaser.content == b"<p>Teaser.</p>"
    assert site.hits == []


def test_second_poll_gets_304_and_no_duplicates(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    cycles: list[CycleReport] = []
    batches, _, report = run(feeds_file, tmp_path, once=False, max_cycles=2, on_cycle=cycles.append)
    assert site.statuses("/feed.xml") == [200, 304]
    second = [h for h in site.hits if h.path == "/feed.xml"][1]
    assert second.headers["if-none-match"] == '"rev-1"'
    assert second.headers["if-modified-since"] == "Wed, 15 May 2024 10:00:00 GMT"
    assert len(batches) == 1 and len(cycles) == 2 and cycles[1].not_modified == 1 and not cycles[1].documents
    assert report.cycles == 2 and site.count("/articles/council") == 1


def test_resume_from_saved_state_fetches_nothing_new(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    first, _, _ = run(feeds_file, tmp_path)
    assert state_path_for(tmp_path / "news.db").exists()
    site.etag = None  # a server without validators answers 200 again: the seen set must still hold
    second, _, report = run(feeds_file, tmp_path)
    assert len(first[0]) == 4 and second == [] and report.documents == 0
    assert site.count("/articles/council") == 1


def test_new_entry_is_picked_up_on_a_later_run(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    run(feeds_file, tmp_path)
    site.etag = '"rev-2"'
    site.extra = (f"<item><title>Port reopens</title><link>{site.base}/articles/port</link>"
                  "<guid>urn:wire:5</guid><description>Teaser.</description></item>")
    site.static("/articles/port", ARTICLE.replace(b"Council", b"Port"))
    batches, _, _ = run(feeds_file, tmp_path)
    assert [d.name for d in batches[0]] == ["urn-wire-5"] and batches[0][0].url == site.url("/articles/port")


def test_failed_page_is_retried_next_cycle_even_when_feed_is_unchanged(site: FeedSite, feeds_file: Path,
                                                                       tmp_path: Path) -> None:
    site.sequence("/articles/council", [(500, {}, b"oops"), (200, {"Content-Type": "text/html"}, ARTICLE)])
    first, failures, _ = run(feeds_file, tmp_path, policy=fast(retries=0))
    assert "urn-wire-2" not in {d.name for d in first[0]}
    assert any("attempt 1 of 3, will retry" in f.reason for f in failures)
    state = json.loads(state_path_for(tmp_path / "news.db").read_text())
    assert [p["url"] for p in state["pending"]] == [site.url("/articles/council")]
    second, _, _ = run(feeds_file, tmp_path, policy=fast(retries=0))
    assert site.statuses("/feed.xml")[-1] == 304
    assert [d.name for d in second[0]] == ["urn-wire-2"] and second[0][0].content == ARTICLE


def test_page_that_keeps_failing_is_given_up_with_its_teaser(site: FeedSite, feeds_file: Path,
                                                             tmp_path: Path) -> None:
    site.static("/articles/council", b"down", 503)
    batches, failures, _ = run(feeds_file, tmp_path, once=False, max_cycles=2, max_page_failures=2,
                               policy=fast(retries=0))
    assert any("giving up after 2 attempts" in f.reason for f in failures)
    teaser = [d for batch in batches for d in batch if d.name == "urn-wire-2"]
    assert len(teaser) == 1 and teaser[0].hints["partial"] == "1" and teaser[0].url == site.url("/articles/council")
    assert site.count("/articles/council") == 2


def test_robots_disallowed_page_falls_back_to_teaser(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    site.static("/robots.txt", b"User-agent: *\nDisallow: /articles/\n")
    batches, failures, _ = run(feeds_file, tmp_path)
    assert any("robots.txt" in f.reason for f in failures) and site.count("/articles/council") == 0
    assert "urn-wire-2" in {d.name for d in batches[0]}


def test_state_is_saved_only_after_the_sink_accepts(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    def broken(docs: list[RawDocument]) -> None:
        raise RuntimeError("store unavailable")

    with pytest.raises(RuntimeError):
        watch(feeds_file, tmp_path / "news.db", once=True, allow_private=True, sink=broken, policy=fast())
    assert not state_path_for(tmp_path / "news.db").exists()
    batches, _, _ = run(feeds_file, tmp_path)
    assert len(batches[0]) == 4  # nothing was lost by the failed cycle


def test_rate_limit_applies_across_feed_and_pages(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    run(feeds_file, tmp_path, policy=fast(host_delay=0.1))
    starts = [h.at for h in site.hits]
    assert len(starts) == 3  # robots.txt, feed, article
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.05  # generous: arrival jitters


def test_stop_event_ends_the_loop(site: FeedSite, feeds_file: Path, tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    _, _, report = run(feeds_file, tmp_path, once=False, stop=stop)
    assert report.cycles == 1


# ----------------------------------------------------------------------------- state, files


def test_read_feeds_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text("# comment\nhttps://a.example/feed#top\n\n  https://b.example/rss  # b\n"
                    "https://a.example/feed#top\n", encoding="utf-8")
    assert read_feeds_file(path) == ["https://a.example/feed#top", "https://b.example/rss"]
    with pytest.raises(InputError):
        read_feeds_file(tmp_path / "missing.txt")


def test_corrupt_state_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "news.db.watch.json"
    path.write_text("{not json", encoding="utf-8")
    state, warning = WatchState.load(path)
    assert state.seen == {} and warning is not None and "starting afresh" in warning.reason
    assert (tmp_path / "news.db.watch.json.corrupt").exists() and not path.exists()


def test_state_round_trip_and_bounded_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watch_module, "MAX_SEEN", 3)
    state = WatchState()
    state.mark_seen(["a", "b", "c", "d"])
    assert list(state.seen) == ["b", "c", "d"]
    path = tmp_path / "state.json"
    state.save(path)
    again, warning = WatchState.load(path)
    assert warning is None and list(again.seen) == ["b", "c", "d"]
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]  # no temporary file left


def test_one_watcher_per_state(tmp_path: Path) -> None:
    path = tmp_path / "news.db.watch.json"
    with state_lock(path), pytest.raises(StoreError), state_lock(path):
        pass
