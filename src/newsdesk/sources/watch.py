"""``newsdesk watch``: poll RSS/Atom feeds and fetch the new article pages they announce.

One *cycle* polls every feed with a conditional GET (ETag / Last-Modified, so an unchanged feed
costs one 304), turns new entries into :class:`~newsdesk.model.RawDocument` records and hands them
to a sink (by default the store's ``Desk.ingest_documents``). An entry that carries its full text
is taken from the feed itself; an entry with only a teaser gets its page fetched through the
guarded, polite :class:`~newsdesk.sources.http.Fetcher`.

What a cycle learned is kept in a small JSON state file beside the store (``<db>.watch.json``):
feed validators, the ids/URLs already seen (bounded), and pages still to fetch with their failure
counts. Pages are kept *pending* in the state rather than re-derived from the feed because the
feed will answer 304 next time: a page that failed once must still be retried. The state is
written atomically and only after the sink accepted the cycle's documents, so a crash between
fetch and store re-fetches (the store skips what it has) instead of losing entries.
"""

from __future__ import annotations

import copy
import fcntl
import json
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import InputError, NewsdeskError, StoreError
from newsdesk.model import Failure, RawDocument
from newsdesk.sources.feeds import iter_feed
from newsdesk.sources.http import Fetcher, FetchPolicy, FetchResult, Resolver, is_permanent, resolve_host
from newsdesk.sources.reading import binary_reason, looks_like_html

STATE_VERSION = 1
#: Entry keys (feed#guid and URLs) remembered; the oldest are forgotten beyond this.
MAX_SEEN = 50_000
#: Attempts at one article page before the watcher gives up on it (and keeps the feed's teaser).
MAX_PAGE_FAILURES = 3
#: Largest teaser kept in the state for the give-up fallback.
MAX_TEASER_CHARS = 64 * 1024
FEED_HEADERS = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                          "text/xml;q=0.9, */*;q=0.5"}
PAGE_HEADERS = {"Accept": "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.8, */*;q=0.5"}
_NO_ENTRIES = "feed has no entries"  # iter_feed's reason for an empty feed: normal when watching

Sink = Callable[[list[RawDocument]], Any]


# -------------------------------------------------------------------------------- feeds file


def read_feeds_file(path: str | Path) -> list[str]:
    """Feed URLs from a text file: one per line, ``#`` starts a comment, duplicates dropped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read feeds file ({exc})") from None
    urls: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if line:
            urls.append(line)
    return list(dict.fromkeys(urls))


def state_path_for(desk_path: str | Path) -> Path:
    """Where the watch state of the store at ``desk_path`` lives."""
    return Path(f"{desk_path}.watch.json")


# ------------------------------------------------------------------------------------- state


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # consecutive failed polls
    last_status: int | None = None
    last_polled: str | None = None


@dataclass
class PendingPage:
    """An article page still to fetch, with everything needed to build its document later."""

    url: str
    feed: str
    name: str
    keys: list[str]
    hints: dict[str, str] = field(default_factory=dict)
    teaser: str = ""  # the feed's HTML rendering of the entry, kept as a fallback
    failures: int = 0


@dataclass
class WatchState:
    feeds: dict[str, FeedState] = field(default_factory=dict)
    seen: dict[str, None] = field(default_factory=dict)  # insertion-ordered set
    pending: dict[str, PendingPage] = field(default_factory=dict)

    def is_seen(self, key: str) -> bool:
        return key in self.seen

    def mark_seen(self, keys: Sequence[str]) -> None:
        for key in keys:
            self.seen.pop(key, None)
            self.seen[key] = None
        while len(self.seen) > MAX_SEEN:
            del self.seen[next(iter(self.seen))]

    def copy(self) -> WatchState:
        return copy.deepcopy(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "feeds": {url: asdict(f) for url, f in self.feeds.items()},
            "seen": list(self.seen),
            "pending": [asdict(p) for p in self.pending.values()],
        }

    @classmethod
    def from_json(cls, data: Any) -> WatchState:
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a newsdesk watch state (version mismatch)")
        pending = [PendingPage(**p) for p in data.get("pending", [])]
        return cls(
            feeds={url: FeedState(**f) for url, f in data.get("feeds", {}).items()},
            seen=dict.fromkeys(str(k) for k in data.get("seen", [])),
            pending={p.url: p for p in pending},
        )

    @classmethod
    def load(cls, path: Path) -> tuple[WatchState, Failure | None]:
        """The saved state, or a fresh one; an unreadable file is set aside (and reported), not fatal."""
        if not path.exists():
            return cls(), None
        try:
            return cls.from_json(json.loads(path.read_text(encoding="utf-8"))), None
        except (OSError, ValueError, TypeError) as exc:
            aside = path.with_name(path.name + ".corrupt")
            os.replace(path, aside)
            reason = f"state file unreadable ({exc}); starting afresh, old file kept as {aside.name}"
            return cls(), Failure(str(path), "watch", reason)

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old state or the new one, never half of one."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self.to_json(), handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)


@contextmanager
def state_lock(path: Path) -> Iterator[None]:
    """One watcher per state file: two would each overwrite the other's progress."""
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{path}: another `newsdesk watch` is using this state") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ------------------------------------------------------------------------------------- cycle


@dataclass
class CycleReport:
    """What one polling cycle produced: the new documents and every failure, one line each."""

    documents: list[RawDocument] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    feeds: int = 0
    not_modified: int = 0
    pages_fetched: int = 0
    pages_pending: int = 0  # left to retry next cycle
    ingest: Any = None  # what the sink returned (the store's IngestReport)

    def summary(self) -> str:
        line = (f"{self.feeds} feeds polled ({self.not_modified} not modified), "
                f"{len(self.documents)} new documents ({self.pages_fetched} pages fetched), "
                f"{len(self.failures)} failed, {self.pages_pending} pages to retry")
        summary = getattr(self.ingest, "summary", None)
        return f"{line}; {summary()}" if callable(summary) else line


class Watcher:
    """Runs polling cycles against a :class:`WatchState` with one :class:`Fetcher`."""

    def __init__(self, fetcher: Fetcher, *, max_page_failures: int = MAX_PAGE_FAILURES) -> None:
        self.fetcher = fetcher
        self.max_page_failures = max(1, max_page_failures)

    def poll(self, state: WatchState, feeds: Sequence[str]) -> CycleReport:
        """One cycle over ``feeds``; ``state`` is updated in place (the caller saves it)."""
        report = CycleReport(feeds=len(feeds))
        requests = [(url, {**FEED_HEADERS, **_conditional(state.feeds.get(url))}) for url in feeds]
        for url, result in zip(feeds, self.fetcher.fetch_many(requests), strict=True):
            self._take_feed(url, result, state, report)
        self._fetch_pages(state, report)
        report.pages_pending = len(state.pending)
        return report

    def _take_feed(self, url: str, result: FetchResult | Failure, state: WatchState, report: CycleReport) -> None:
        feed = state.feeds.setdefault(url, FeedState())
        feed.last_polled = _now()
        if isinstance(result, Failure):
            feed.failures += 1
            report.failures.append(result)
            return
        feed.failures, feed.last_status = 0, result.status
        if result.not_modified:
            report.not_modified += 1
            return
        feed.etag = result.headers.get("etag") or None
        feed.last_modified = result.headers.get("last-modified") or None
        for item in iter_feed(result.content, url, _now()):
            if isinstance(item, Failure):
                if item.reason != _NO_ENTRIES:
                    report.failures.append(item)
                continue
            self._take_entry(url, item, state, report)

    def _take_entry(self, feed: str, doc: RawDocument, state: WatchState, report: CycleReport) -> None:
        keys = [f"{feed}#{doc.name}"] + ([doc.url] if doc.url else [])
        if any(state.is_seen(k) for k in keys) or (doc.url and doc.url in state.pending):
            return
        if doc.hints.get("partial") != "1" or not doc.url:
            report.documents.append(doc)  # full text in the feed (or nothing more to fetch)
            state.mark_seen(keys)
            return
        teaser = doc.content.decode("utf-8", errors="replace")[:MAX_TEASER_CHARS]
        state.pending[doc.url] = PendingPage(doc.url, feed, doc.name, keys, dict(doc.hints), teaser)

    def _fetch_pages(self, state: WatchState, report: CycleReport) -> None:
        pages = list(state.pending.values())
        results = self.fetcher.fetch_many([(page.url, PAGE_HEADERS) for page in pages])
        for page, result in zip(pages, results, strict=True):
            outcome = page_document(page, result) if isinstance(result, FetchResult) else result
            if isinstance(outcome, RawDocument):
                report.pages_fetched += 1
                self._settle(page, outcome, state, report, extra_keys=[outcome.url or page.url])
                continue
            page.failures += 1
            final = is_permanent(outcome) or page.failures >= self.max_page_failures
            if not final:
                note = f"attempt {page.failures} of {self.max_page_failures}, will retry"
                report.failures.append(Failure(outcome.source, outcome.stage, f"{outcome.reason} ({note})"))
                continue
            if not is_permanent(outcome):
                outcome = Failure(outcome.source, outcome.stage,
                                  f"{outcome.reason} (giving up after {page.failures} attempts)")
            report.failures.append(outcome)
            self._settle(page, teaser_document(page), state, report)

    def _settle(self, page: PendingPage, doc: RawDocument | None, state: WatchState, report: CycleReport,
                extra_keys: Sequence[str] = ()) -> None:
        if doc is not None:
            report.documents.append(doc)
        state.mark_seen([*page.keys, *extra_keys])
        del state.pending[page.url]


def page_document(page: PendingPage, result: FetchResult) -> RawDocument | Failure:
    """The fetched article page as a document, with the feed's title/date/author as hints."""
    if result.status != 200:
        return Failure(page.url, "fetch", f"unexpected HTTP {result.status} for an article page")
    kind = _page_kind(result)
    if kind is None:
        return Failure(page.url, "fetch", f"refused content: not an HTML or text page ({result.media_type})")
    reason = binary_reason(result.content) if result.content.strip() else "empty page"
    if reason:
        return Failure(page.url, "fetch", f"refused content: {reason}")
    hints = {k: v for k, v in page.hints.items() if k != "partial"}
    hints.update(url=result.final_url, feed=page.feed)
    if result.charset:
        hints["charset"] = result.charset
    return RawDocument(page.name, result.final_url, result.content, kind, result.final_url, _now(), hints)


def teaser_document(page: PendingPage) -> RawDocument | None:
    """The feed's teaser for a page that cannot be fetched: better a partial text than none."""
    if not page.teaser:
        return None
    url = page.url if page.url.lower().startswith(("http://", "https://")) else None
    hints = {k: v for k, v in page.hints.items() if url or k != "url"}
    return RawDocument(page.name, f"{page.feed}#{page.name}", page.teaser.encode("utf-8"), "html", url,
                       _now(), hints)


def _page_kind(result: FetchResult) -> str | None:
    media = result.media_type
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media == "text/plain":
        return "text"
    if not media:
        return "html" if looks_like_html(result.content) else "text"
    return None


def _conditional(feed: FeedState | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if feed is not None and feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed is not None and feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _now() -> str:
    return datetime.now(tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -------------------------------------------------------------------------------------- loop


@dataclass
class WatchReport:
    """Totals over all cycles of one :func:`watch` call; ``last`` is the latest cycle in full."""

    cycles: int = 0
    documents: int = 0
    failures: int = 0
    last: CycleReport | None = None


def desk_sink(desk_path: str | Path) -> Sink:
    """A sink that ingests each cycle's documents into the store at ``desk_path``.

    The store is opened per cycle, so its ingest lock is held only while writing and a
    ``newsdesk ingest`` can run between cycles.
    """

    def ingest(docs: list[RawDocument]) -> Any:
        from newsdesk.desk import Desk

        with Desk(desk_path) as desk:
            method = getattr(desk, "ingest_documents", None)
            if method is None:
                raise NewsdeskError("this newsdesk build has no Desk.ingest_documents; cannot store watched documents")
            return method(docs)

    return ingest


def watch(
    feeds_file: str | Path,
    desk_path: str | Path | None,
    *,
    interval: float = 900.0,
    allow_private: bool = False,
    once: bool = False,
    sink: Sink | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    on_cycle: Callable[[CycleReport], None] | None = None,
    policy: FetchPolicy | None = None,
    state_path: str | Path | None = None,
    max_cycles: int | None = None,
    stop: threading.Event | None = None,
    resolve: Resolver = resolve_host,
    max_page_failures: int = MAX_PAGE_FAILURES,
) -> WatchReport:
    """Poll the feeds listed in ``feeds_file`` every ``interval`` seconds (once with ``once``).

    Each cycle's new documents go to ``sink`` (default: ingest into the store at ``desk_path``);
    failures go to ``on_failure`` one by one. The feeds file is re-read every cycle, so feeds can
    be added or removed without a restart. ``stop`` ends the loop between cycles.
    """
    if sink is None:
        if desk_path is None:
            raise InputError("watch needs a store path or a sink for the documents")
        sink = desk_sink(desk_path)
    policy = policy or FetchPolicy()
    if allow_private and not policy.allow_private:
        policy = replace(policy, allow_private=True)
    if state_path is None:
        if desk_path is None:
            raise InputError("watch needs a store path or a state path")
        state_path = state_path_for(desk_path)
    state_file = Path(state_path)
    stop = stop or threading.Event()
    total = WatchReport()
    report_failure = on_failure or (lambda failure: None)
    with state_lock(state_file), Fetcher(policy, resolve=resolve) as fetcher:
        state, warning = WatchState.load(state_file)
        if warning is not None:
            report_failure(warning)
        watcher = Watcher(fetcher, max_page_failures=max_page_failures)
        while True:
            state = _cycle(watcher, state, read_feeds_file(feeds_file), state_file, sink, total)
            for failure in total.last.failures if total.last else ():
                report_failure(failure)
            if on_cycle is not None and total.last is not None:
                on_cycle(total.last)
            if once or (max_cycles is not None and total.cycles >= max_cycles) or stop.wait(interval):
                return total


def _cycle(watcher: Watcher, state: WatchState, feeds: list[str], state_file: Path, sink: Sink,
           total: WatchReport) -> WatchState:
    """Poll on a copy of the state; keep the copy only once the sink has taken the documents."""
    working = state.copy()
    report = watcher.poll(working, feeds)
    if report.documents:
        report.ingest = sink(report.documents)
    working.save(state_file)
    total.cycles += 1
    total.documents += len(report.documents)
    total.failures += len(report.failures)
    total.last = report
    return working
