"""How the stages connect: sources → extract → analyze (parallel, per document) → dedup → stories → store.

The per-document part (:func:`process_batch`) is pure: it runs the same in-process, in a process
pool or inside a Dask worker. The stateful part (dedup index, online clusterer, store writes) runs in
one place, :class:`Ingester`, in stream order, one transaction per batch.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.dedup import Deduper
from newsdesk.errors import ExtractionError, StoreError
from newsdesk.extract import extract
from newsdesk.model import (
    Analysis,
    Article,
    Failure,
    RawDocument,
    Story,
    Thread,
    from_dict,
    is_news,
    stable_id,
    to_dict,
)
from newsdesk.store import Store
from newsdesk.store.sqlite import ArticleRows, article_rows, compress_raw
from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer, with_terms
from newsdesk.stories.threads import StoryProfile, link_threads, make_story, profile_story

#: How many processed documents are buffered and ordered by date before clustering.
ORDER_WINDOW = 2000
#: Articles written per store transaction.
COMMIT_EVERY = 64
#: Longest time between two saves of the clusterer state during an ingest.
STATE_EVERY_S = 10.0


@dataclass(frozen=True)
class Prepared:
    """What the store keeps of a document that needs no ordering: its compressed bytes and the dedup
    signature, and (from :func:`for_writer`) its store rows and what the clusterer sees of it. Made
    in the parallel part, so the single writer process, which follows every worker and is alone at
    the end of a run, only looks up and inserts."""

    raw: bytes
    text_hash: str
    signature: bytes
    rows: ArticleRows | None = None
    cluster: ClusterDoc | None = None


@dataclass(frozen=True)
class Processed:
    """The per-document output of the parallel part of the pipeline.

    As sent to the writer by :func:`for_writer`, ``analysis`` is None and ``doc.content`` empty:
    ``prepared`` carries them, compressed and as store rows."""

    doc: RawDocument
    article: Article
    analysis: Analysis | None
    prepared: Prepared | None = None


@dataclass
class IngestReport:
    """What one ingest run did; printed by the CLI and returned by the API."""

    seen: int = 0
    added: int = 0
    already_stored: int = 0
    duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    stories: int = 0
    threads: int = 0
    seconds: float = 0.0
    #: Seconds from the start of :meth:`Ingester.write` until the first document came out of
    #: extraction and analysis (models loaded, first batch done): what a run pays once, whatever
    #: its size, so that a sustained rate can be told apart from an end-to-end one.
    startup_seconds: float = 0.0

    def summary(self) -> str:
        rate = self.added / self.seconds if self.seconds else 0.0
        return (
            f"{_count(self.seen, 'document')}: {_count(self.added, 'article')} added "
            f"({_count(self.duplicates, 'duplicate')} linked), "
            f"{self.already_stored} already stored, {len(self.failures)} failed; "
            f"{_count(self.stories, 'story', 'stories')} in {_count(self.threads, 'thread')}; "
            f"{self.seconds:.1f}s ({rate:.1f} articles/s)"
        )


def _count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the noun agreeing with it: "1 thread", "8 stories", "0 articles"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


# ------------------------------------------------------------------------------ parallel part


def process_batch(docs: Sequence[RawDocument], analyzer: Analyzer) -> list[Processed | Failure]:
    """Extract and analyse a batch of documents; every problem becomes a Failure, never an exception."""
    return analyse_batch(extract_batch(docs), analyzer)


def extract_batch(docs: Sequence[RawDocument]) -> list[tuple[RawDocument, Article] | Failure]:
    """The extraction half of :func:`process_batch` (it needs no models: it can start before they load)."""
    out: list[tuple[RawDocument, Article] | Failure] = []
    for doc in docs:
        try:
            out.append((doc, extract(doc)))
        except ExtractionError as exc:
            out.append(Failure(doc.source, "extract", str(exc)))
        except Exception as exc:  # noqa: BLE001 - a bug on one page must not stop the batch
            out.append(Failure(doc.source, "extract", f"internal error: {type(exc).__name__}: {exc}"))
    return out


def analyse_batch(
    extracted: Sequence[tuple[RawDocument, Article] | Failure], analyzer: Analyzer
) -> list[Processed | Failure]:
    """The analysis half of :func:`process_batch`: failures first, then the processed documents."""
    articles = [x for x in extracted if not isinstance(x, Failure)]
    out: list[Processed | Failure] = [x for x in extracted if isinstance(x, Failure)]
    try:
        analyses = list(analyzer.analyze_many([a for _, a in articles]))
    except Exception:  # noqa: BLE001 - retry one by one to isolate the bad article
        analyses = []
        for doc, article in articles:
            try:
                analyses.append(analyzer.analyze(article))
            except Exception as exc:  # noqa: BLE001
                analyses.append(None)  # type: ignore[arg-type]
                out.append(Failure(doc.source, "analyze", f"internal error: {type(exc).__name__}: {exc}"))
    for (doc, article), analysis in zip(articles, analyses, strict=True):
        if analysis is not None:
            out.append(Processed(doc, article, analysis, prepare(doc, article)))
    return out


#: Signs articles in the workers; the same parameters as the :class:`Ingester`'s own Deduper.
_SIGNER = Deduper()


def prepare(doc: RawDocument, article: Article) -> Prepared:
    """The order-free part of storing a document (see :class:`Prepared`)."""
    return Prepared(compress_raw(doc.content), *_SIGNER.fingerprint(article))


def for_writer(item: Processed) -> Processed:
    """``item`` as a pool worker sends it to the writer: everything order-free done here.

    The writer is one process that every worker feeds and that works alone at the end of a run,
    so the store rows and the clusterer's view are made in the worker, and neither the page (the
    store keeps it compressed) nor the analysis records (their rows carry them) are sent back."""
    prepared = item.prepared or prepare(item.doc, item.article)
    prepared = replace(prepared, rows=article_rows(item.article, item.analysis),
                       cluster=with_terms(cluster_doc(item.article, item.analysis)))
    return Processed(replace(item.doc, content=b""), item.article, None, prepared)


# ------------------------------------------------------------------------------ stateful part


class Ingester:
    """Writes processed documents to the store in stream order: dedup, story assignment, persistence."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.for_bulk_writes()
        self.deduper = Deduper()
        for article_id, digest, minhash in store.signatures():
            self.deduper.add_signature(article_id, digest, minhash)
        state = store.get_state("clusterer")
        # The store keeps the article → story map; the clusterer need not (bounded memory at scale).
        self.clusterer = (
            OnlineClusterer.from_state(state, keep_assignments=False)
            if state
            else OnlineClusterer(keep_assignments=False)
        )

    def write(self, items: Iterable[Processed | Failure], report: IngestReport) -> None:
        """Write everything in stream order, one transaction per batch.

        The clusterer's state is saved with the batch at most every ``STATE_EVERY_S`` seconds and
        always with the last batch: saving it is the costly part at scale, and a state a few
        batches old after a crash only means those articles are not offered to later ones.
        """
        started = time.time()
        last_state = time.monotonic()
        batches = _batched(_date_ordered(_timing_first(items, report)), COMMIT_EVERY)
        batch = next(batches, None)
        while batch is not None:
            following = next(batches, None)
            with self.store.transaction():
                for item in batch:
                    self._write_one(item, report)
                merged, moved = self.clusterer.take_changes()
                self.store.merge_stories(merged)  # merges first, then articles a split moved
                for article_id, story_id in moved.items():
                    self.store.assign_story(article_id, story_id)
                if following is None or time.monotonic() - last_state > STATE_EVERY_S:
                    self.store.set_state("clusterer", self.clusterer.to_state())
                    last_state = time.monotonic()
                last = batch[-1]
                current = last.source if isinstance(last, Failure) else last.doc.source
                self.store.set_state("ingest", _progress(report, started, following is None, current))
            batch = following

    def _write_one(self, item: Processed | Failure, report: IngestReport) -> None:
        if isinstance(item, Failure):
            report.failures.append(item)
            self.store.add_failure(item)
            return
        prepared = item.prepared or prepare(item.doc, item.article)
        self.store.add_raw(item.doc, compressed=prepared.raw)
        article = item.article
        if self.store.has_article(article.id):
            report.already_stored += 1
            return
        link = self.deduper.check_and_add(article, prepared.signature, prepared.text_hash)
        signature = (prepared.text_hash, prepared.signature)
        self.store.add_article(article, item.analysis, duplicate=link, signature=signature, rows=prepared.rows)
        report.added += 1
        if link is not None:
            report.duplicates += 1
            story_id = self.store.story_of(link.canonical_id)
        else:
            story_id = self.clusterer.add(prepared.cluster or cluster_doc(article, item.analysis))
        if story_id:
            self.store.assign_story(article.id, story_id)


def _timing_first(items: Iterable[Processed | Failure], report: IngestReport) -> Iterator[Processed | Failure]:
    """``items``, noting in ``report`` how long the first one took to come (see ``startup_seconds``)."""
    start = time.perf_counter()
    iterator = iter(items)
    first = next(iterator, None)
    report.startup_seconds = time.perf_counter() - start
    if first is not None:
        yield first
        yield from iterator


def _progress(report: IngestReport, started: float, done: bool, current: str) -> dict:
    """What the dashboard's ingest page shows while a run is going on."""
    return {
        "current": current,
        "started": started,
        "updated": time.time(),
        "done": done,
        "seen": report.seen,
        "added": report.added,
        "duplicates": report.duplicates,
        "already_stored": report.already_stored,
        "failures": len(report.failures),
    }


#: Mention labels whose actor's country is a state the page names as a place or people.
STATE_LABELS = frozenset({"GPE", "NORP", "LOC"})


def _state_code(code: str) -> bool:
    """An ISO 3166 alpha-3 code ("DEU"), not an international body's ("EU", "NATO") or a region's."""
    return len(code) == 3 and code.isalpha() and code.isupper()


def cluster_doc(article: Article, analysis: Analysis | None) -> ClusterDoc:
    """What the story clusterer sees of an article: text, title, date, actors and event types."""
    entities: list[str] = []
    events: list[str] = []
    states: list[str] = []
    if analysis is not None:
        for mention in analysis.mentions:
            if mention.actor is not None:
                entities.append(mention.actor.name)
                if mention.actor.country:
                    entities.append(mention.actor.country)
                    if mention.label in STATE_LABELS and _state_code(mention.actor.country):
                        states.append(mention.actor.country)
        events = [e.plover for e in analysis.events if not e.historical and not e.hypothetical]
    return ClusterDoc(
        id=article.id,
        text=article.text,
        title=article.title,
        date=topic_date(article, analysis),
        entities=tuple(dict.fromkeys(entities)),
        event_types=tuple(events),
        news=is_news(article.page_type, article.date),
        states=tuple(dict.fromkeys(states)),
    )


def topic_date(article: Article, analysis: Analysis | None, window_days: int = 30) -> str | None:
    """The date an article is *about*: its most reported current event's date, else its own date.

    A commentary published ten days after a visit is about the visit; clustering it by its
    publication date alone would find the visit's story already dormant.
    """
    if analysis is None or not article.date:
        return article.date
    try:
        published = date.fromisoformat(article.date)
    except ValueError:
        return article.date
    days: Counter[str] = Counter()
    for event in analysis.events:
        if event.historical or event.hypothetical or event.negated or not event.date:
            continue
        try:
            when = date.fromisoformat(event.date)
        except ValueError:
            continue
        if abs((when - published).days) <= window_days:
            days[event.date] += 1
    if not days:
        return article.date
    return max(days.items(), key=lambda kv: (kv[1], kv[0]))[0]


#: Part of every kept story profile's fingerprint: bump it when :func:`profile_story` changes.
PROFILE_VERSION = "1"


def refresh_stories(store: Store) -> tuple[list[Story], list[Thread]]:
    """Recompute story records (title, actors, dates) and the threads that link them.

    A story is profiled again only when its members changed since the last refresh: the profiles
    are kept in the store, keyed by their members. Profiling reads every member's analysis, and a
    refresh follows every ingest, however few articles it added to however large a store."""
    members = store.story_members()
    kept = store.story_profiles()
    profiles: list[StoryProfile] = []
    made: list[tuple[str, str, str]] = []
    for story_id, article_ids in members.items():
        fingerprint = stable_id(PROFILE_VERSION, *article_ids, length=40)
        old = kept.get(story_id)
        if old is not None and old[0] == fingerprint:
            profiles.append(from_dict(StoryProfile, json.loads(old[1])))
            continue
        articles = store.articles(article_ids)
        analyses = [store.analysis(a.id) for a in articles]
        profile = profile_story(story_id, articles, [x for x in analyses if x is not None])
        profiles.append(profile)
        made.append((story_id, fingerprint, json.dumps(to_dict(profile), ensure_ascii=False)))
    threads = link_threads(profiles)
    thread_of = {sid: t.id for t in threads for sid in t.story_ids}
    stories = [make_story(p, members[p.story_id], thread_of.get(p.story_id)) for p in profiles]
    with store.transaction():
        store.replace_stories(stories, threads)
        store.save_story_profiles(made, gone=[sid for sid in kept if sid not in members])
    return stories, threads


# ------------------------------------------------------------------------------------ helpers


@contextmanager
def ingest_lock(db_path: Path) -> Iterator[None]:
    """Only one ingest writes to a store at a time; a second one is refused with a clear message.

    An OS file lock is released by the kernel when its holder dies (even by SIGKILL), so a crashed
    run never leaves a stale lock behind.
    """
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise StoreError(f"{db_path}: another ingest is writing to this store (pid {holder}); "
                             "wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _date_ordered(items: Iterable[Processed | Failure]) -> Iterator[Processed | Failure]:
    """Order documents by publication date within a bounded window, so clustering sees time flow."""

    def key(item: Processed | Failure) -> tuple[str, str]:
        if isinstance(item, Failure):
            return ("", item.source)
        return (item.article.date or "9999", item.doc.source)

    window: list[Processed | Failure] = []
    for item in items:
        window.append(item)
        if len(window) >= ORDER_WINDOW:
            yield from sorted(window, key=key)
            window = []
    yield from sorted(window, key=key)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Progress:
    """A tqdm progress bar (articles/s and ETA) when asked for, silent otherwise."""

    def __init__(self, enabled: bool, total: int | None = None, unit: str = "doc") -> None:
        self.bar = None
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0
            self.bar = tqdm(total=total, unit=unit, dynamic_ncols=True, smoothing=0.1)

    def update(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

