"""`Desk`: the one obvious Python entry point. Every CLI command is a call to one of its methods.

    >>> from newsdesk import Desk
    >>> with Desk("news.db") as desk:
    ...     report = desk.ingest(["data/demo"])
    ...     story = desk.stories()[0]
    ...     print(desk.brief_markdown(story.id))
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import InputError
from newsdesk.model import Analysis, Article, Brief, Event, Failure, RawDocument, Story, Thread, TimelineEntry
from newsdesk.paths import DEFAULT_DB
from newsdesk.sources import iter_documents, iter_files
from newsdesk.store import SearchHit, Store
from newsdesk.stories.timeline import TimelineParams, story_timeline, thread_timeline

if TYPE_CHECKING:  # the pipeline (spaCy, the models' code, datasketch) loads only when ingesting:
    from newsdesk.pipeline import IngestReport  # reading commands start ≈ 1.5 s sooner without it

#: Bump when the brief writer changes, so cached briefs are rebuilt.
BRIEF_VERSION = "30"
#: The story timeline's developments the brief's Timeline chooses its lines from. The story
#: timeline keeps its 15 most widely reported, a shorter text first among equals; the brief wants
#: the fuller report of a day and drops orphans and restatements, so cut to 15 first it lost the
#: parade's own report to "The image of … at the parade travelled fast".
BRIEF_TIMELINE_DRAFTS = 40


class Desk:
    """A newsdesk store plus the operations on it (ingest, stories, briefs, search, export)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.store = Store(self.path, readonly=readonly)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------------------------- ingest

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        engine: str = "local",
        workers: int | None = None,
        scheduler: str | None = None,
        progress: bool = False,
        on_failure: Callable[[Failure], None] | None = None,
    ) -> IngestReport:
        """Read, extract, analyse, dedup, cluster and store ``paths``; already-stored inputs are skipped."""
        import time

        from newsdesk.pipeline import Ingester, IngestReport, Progress, ingest_lock, refresh_stories

        for p in paths:
            if not Path(p).exists():
                raise InputError(f"{p}: no such file or directory")
        start = time.perf_counter()
        report = IngestReport()
        with ingest_lock(self.path):
            bar = Progress(progress)
            ingester = Ingester(self.store)
            finished: list[tuple[str, int, int, int]] = []
            items = self._process(paths, engine, workers, scheduler, report, bar.update, finished)
            ingester.write(_reporting(items, on_failure), report)
            bar.close()
            with self.store.transaction():  # every document of these shards is now stored
                for shard in finished:
                    self.store.mark_shard(*shard)
            stories, threads = refresh_stories(self.store)
        report.stories, report.threads = len(stories), len(threads)
        report.seconds = time.perf_counter() - start
        return report

    def ingest_documents(
        self,
        docs: Iterable[RawDocument | Failure],
        *,
        workers: int | None = None,
        on_failure: Callable[[Failure], None] | None = None,
    ) -> IngestReport:
        """Ingest documents that did not come from paths (e.g. `newsdesk watch`); stored ones are skipped."""
        import time

        from newsdesk.engine.local import run_local
        from newsdesk.pipeline import Ingester, IngestReport, ingest_lock, refresh_stories

        docs = list(docs)
        start = time.perf_counter()
        report = IngestReport()

        def fresh() -> Iterator[RawDocument | Failure]:
            for doc in docs:
                report.seen += 1
                if isinstance(doc, Failure) or not self.store.has_raw(doc.id):
                    yield doc
                else:
                    report.already_stored += 1

        with ingest_lock(self.path):
            workers = workers or (1 if len(docs) < 64 else None)  # a pool is not worth it for a few pages
            Ingester(self.store).write(_reporting(run_local(fresh(), workers), on_failure), report)
            stories, threads = refresh_stories(self.store)
        report.stories, report.threads = len(stories), len(threads)
        report.seconds = time.perf_counter() - start
        return report

    def _process(self, paths, engine, workers, scheduler, report, tick, finished):  # noqa: ANN001, ANN202
        if engine == "dask":
            from newsdesk.engine.dask import run_dask

            def counted():  # noqa: ANN202
                parts = Path(f"{self.path}.parts")
                for item in run_dask(paths, scheduler or "local", workers, parts_dir=parts, on_progress=tick):
                    report.seen += 1
                    yield item

            return counted()
        if engine != "local":
            raise InputError(f"unknown engine {engine!r} (choose local or dask)")
        from newsdesk.engine.local import run_local

        def fresh():  # noqa: ANN202 - skip what the store already holds before any work is done
            for shard in iter_files(paths):
                key = _shard_key(shard)
                done = self.store.shard_done(*key) if key else None
                if done is not None:  # a shard completed by an earlier run: not even read again
                    report.seen += done
                    report.already_stored += done
                    tick(done)
                    continue
                count = 0
                for doc in iter_documents([shard]):
                    count += 1
                    report.seen += 1
                    if isinstance(doc, Failure) or not self.store.has_raw(doc.id):
                        yield doc
                    else:
                        report.already_stored += 1
                        tick(1)
                if key:
                    finished.append((*key, count))

        return run_local(fresh(), workers, on_progress=tick)

    # --------------------------------------------------------------------------------- queries

    def stories(self) -> list[Story]:
        return self.store.stories()

    def story(self, story_id: str) -> Story:
        story = self.store.story(story_id)
        if story is None:
            story = self._story_by_prefix(story_id)
        return story

    def _story_by_prefix(self, prefix: str) -> Story:
        matches = [s for s in self.store.stories() if s.id.startswith(prefix)]
        if len(matches) != 1:
            reason = "no story" if not matches else f"{len(matches)} stories"
            raise InputError(f"{reason} with id {prefix!r} (see `newsdesk stories`)")
        return matches[0]

    def threads(self) -> list[Thread]:
        return self.store.threads()

    def thread(self, thread_id: str) -> Thread:
        thread = next((t for t in self.store.threads() if t.id == thread_id), None)
        if thread is None:
            raise InputError(f"no thread with id {thread_id!r} (see `newsdesk threads`)")
        return thread

    def thread_stories(self, thread: Thread) -> list[Story]:
        """The thread's stories, oldest first."""
        stories = [s for s in (self.store.story(sid) for sid in thread.story_ids) if s is not None]
        return sorted(stories, key=lambda s: s.first_seen or "")

    def thread_of(self, story: Story) -> Thread | None:
        return next((t for t in self.store.threads() if t.id == story.thread_id), None)

    def article(self, article_id: str) -> Article:
        article = self.store.article(article_id)
        if article is None:
            raise InputError(f"no article with id {article_id!r}")
        return article

    def analysis(self, article_id: str) -> Analysis | None:
        return self.store.analysis(article_id)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        return self.store.search(query, limit, offset)

    def events(self, article_ids: Sequence[str] | None = None) -> list[Event]:
        return self.store.events(article_ids)

    # ---------------------------------------------------------------------------------- briefs

    def _bundle(self, story: Story) -> tuple[list[Article], list[Analysis]]:
        articles = self.store.articles(story.article_ids)
        analyses = [x for x in (self.store.analysis(a.id) for a in articles) if x is not None]
        return articles, analyses

    def timeline(self, story: Story) -> tuple[TimelineEntry, ...]:
        return story_timeline(*self._bundle(story))

    def thread_timeline(self, thread: Thread) -> tuple[TimelineEntry, ...]:
        parts = {}
        for story_id in thread.story_ids:
            story = self.store.story(story_id)
            if story is not None:
                parts[story.id] = self.timeline(story)
        return thread_timeline(parts)

    def brief(self, story_id: str) -> Brief:
        """The story's brief, rebuilt only when its articles (or its thread's earlier stories) changed."""
        story = self.story(story_id)
        earlier = self.earlier_stories(story)
        fingerprint = _fingerprint(story, earlier)
        cached = self.store.cached_brief(story.id, fingerprint)
        if cached is not None:
            return cached
        from newsdesk.brief import write_brief

        articles, analyses = self._bundle(story)
        duplicates = {a.id: [d.id for d in self.store.duplicates_of(a.id)] for a in articles}
        brief = write_brief(
            story,
            articles,
            analyses,
            background=[(s, *self._bundle(s)) for s in earlier],
            timeline=story_timeline(articles, analyses, params=TimelineParams(max_entries=BRIEF_TIMELINE_DRAFTS)),
            duplicates={k: v for k, v in duplicates.items() if v},
        )
        with self.store.transaction():
            self.store.save_brief(brief, fingerprint)
        return brief

    def earlier_stories(self, story: Story) -> list[Story]:
        """The stories of the same thread that began before this one, oldest first (its background)."""
        thread = self.thread_of(story)
        if thread is None:
            return []
        others = [self.store.story(sid) for sid in thread.story_ids if sid != story.id]
        return sorted(
            (s for s in others if s is not None and (s.first_seen or "") < (story.first_seen or "")),
            key=lambda s: s.first_seen or "",
        )

    def brief_rewritten(self, story_id: str) -> tuple[Brief, object]:
        """The brief rewritten into prose by the configured LLM endpoint (``NEWSDESK_LLM_*``).

        Each generated sentence is kept only when its citations support it; the rest fall back to
        the extractive sentences. Returns the brief and the writer's report (kept / rejected).
        """
        from newsdesk.brief import rewrite_brief

        return rewrite_brief(self.brief(story_id))

    def brief_markdown(self, story_id: str) -> str:
        from newsdesk.brief import to_markdown

        return to_markdown(self.brief(story_id))

    def brief_html(self, story_id: str) -> str:
        from newsdesk.brief import to_html

        return to_html(self.brief(story_id))

    def brief_json(self, story_id: str) -> dict:
        from newsdesk.brief import to_json

        return to_json(self.brief(story_id))


def _shard_key(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), st.st_size, int(st.st_mtime))


def _fingerprint(story: Story, earlier: Sequence[Story]) -> str:
    parts = [BRIEF_VERSION, story.id, *story.article_ids]
    for s in earlier:
        parts += [s.id, *s.article_ids]
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def _reporting(items, on_failure):  # noqa: ANN001, ANN202
    for item in items:
        if on_failure is not None and isinstance(item, Failure):
            on_failure(item)
        yield item
