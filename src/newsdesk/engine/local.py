"""Local engine: every core through a process pool, results in input order, bounded memory.

The Analyzer (spaCy model, actor dictionary and its phrase matcher: seconds of CPU) is loaded once,
in this process, before the pool forks its workers, which inherit it: loading it in every worker
cost one extra load per worker on a machine whose cores the workers share. Extraction's own lazily
loaded models are warmed here too, for the same reason, and first, so that the helpers inherit
them. While the analysis models load, the other cores would idle, so helper processes forked
beforehand extract the first documents meanwhile, and the pool only analyses those. Where processes
are spawned rather than forked, each worker loads its own models on first use. Every process that
extracts or analyses keeps the memory it frees for reuse, and the loaded models are frozen out of
the garbage collector's full collections (``allocator.py``: page faults took 5–8 % of a worker's
CPU, collections ≈ 1.3 %). Workers handle small batches of documents (pickling is paid per batch,
and the last batches leave no worker idle for long) and results are yielded in input order as soon
as they are ready.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice

from trafilatura import external as traf_external

from newsdesk.analyze import Analyzer
from newsdesk.engine.allocator import freeze_models, keep_freed_memory
from newsdesk.extract import extract
from newsdesk.model import Article, Failure, RawDocument
from newsdesk.pipeline import Processed, _batched, analyse_batch, extract_batch, for_writer, process_batch

#: Documents per task: the analysis batches its parse across them; small tasks end a run with little idle time.
BATCH_SIZE = 8
#: Batches in flight per worker. The writer takes a whole date-ordered window of results at once
#: and stores it (seconds) without asking for more: this many batches, submitted beforehand, keep
#: the workers busy meanwhile instead of idle until the writer is back.
IN_FLIGHT_PER_WORKER = 8
#: Batches offered to each helper while the models load; a batch no helper has started when the
#: models are ready goes to the pool whole, so this only has to outlast the load: 16 batches are
#: ≈ 3.5 s of news pages, 8 were about as long as a cached load (2–3 s) and shorter than a first
#: run's (≈ 5 s, building the alias cache) or a load on a busy machine.
PREPASS_BATCHES = 16

_worker_analyzer: Analyzer | None = None
_extraction_warm = False

#: A small page that takes extraction through its models (page type, main body, dates).
_WARM_PAGE = RawDocument(
    "warm-up",
    "warm-up",
    b"<html><head><title>Talks resume</title><meta property='article:published_time' content='2024-05-16'>"
    b"</head><body><article><h1>Talks resume</h1><p>By A. Writer, May 16, 2024</p>"
    + b"<p>The ministers met in Geneva on Monday and agreed to resume the talks next month, officials said.</p>"
    * 5
    + b"</article></body></html>",
    "html",
    "https://example.test/warm-up",
)


def loaded_analyzer() -> Analyzer:
    """This process's Analyzer with every model loaded (built on first use, kept for the process's life)."""
    global _worker_analyzer
    if _worker_analyzer is None:
        _worker_analyzer = Analyzer().load()
        freeze_models()  # before any pool forks: see ``allocator.freeze_models``
    return _worker_analyzer


def warm_extraction() -> None:
    """Load what extraction loads on first use (its models), once per process.

    Also justext's stop list of every language (≈ 154,000 words, ≈ 0.1 s), which trafilatura
    builds on a process's first justext candidate: the warm-up page has none, yet on a crawl every
    worker and helper meets one within its first pages and built the list again."""
    global _extraction_warm
    if not _extraction_warm:
        with contextlib.suppress(Exception):  # an optimisation only: workers load on first use anyway
            extract(_WARM_PAGE)
        if traf_external.JT_STOPLIST is None:
            with contextlib.suppress(Exception):
                traf_external.jt_stoplist_init()
        _extraction_warm = True


def _worker_process(batch: list[RawDocument]) -> list[Processed | Failure]:
    return _for_writer(process_batch(batch, loaded_analyzer()))


def _worker_analyse(extracted: list[tuple[RawDocument, Article] | Failure]) -> list[Processed | Failure]:
    return _for_writer(analyse_batch(extracted, loaded_analyzer()))


def _for_writer(results: list[Processed | Failure]) -> list[Processed | Failure]:
    return [for_writer(r) if isinstance(r, Processed) else r for r in results]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run_local(
    docs: Iterable[RawDocument | Failure],
    workers: int | None = None,
    *,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Processed | Failure]:
    """Extract and analyse ``docs`` on ``workers`` processes (1 = in this process)."""
    workers = workers or default_workers()
    report = on_progress or (lambda n: None)
    batches = _batched(docs, BATCH_SIZE)
    if workers <= 1:
        keep_freed_memory()
        analyzer = loaded_analyzer()
        for batch in batches:
            failures = [d for d in batch if isinstance(d, Failure)]
            yield from failures
            results = process_batch([d for d in batch if isinstance(d, RawDocument)], analyzer)
            report(len(batch))
            yield from results
        return
    head: list[tuple[list, list | None]] = []
    if multiprocessing.get_start_method() == "fork":  # the models are inherited by the forked workers
        head = _load_while_extracting(batches, workers - 1)
    pending: deque[tuple[int, Future[list[Processed | Failure]]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=keep_freed_memory) as pool:
        for batch, extracted in chain(head, ((b, None) for b in batches)):
            yield from (d for d in batch if isinstance(d, Failure))
            if extracted is None:
                future = pool.submit(_worker_process, [d for d in batch if isinstance(d, RawDocument)])
            else:
                future = pool.submit(_worker_analyse, extracted)
            pending.append((len(batch), future))
            while len(pending) > workers * IN_FLIGHT_PER_WORKER:
                n, fut = pending.popleft()
                report(n)
                yield from fut.result()
        while pending:
            n, fut = pending.popleft()
            report(n)
            yield from fut.result()


def _load_while_extracting(batches: Iterator[list], helpers: int) -> list[tuple[list, list | None]]:
    """Load the models here while ``helpers`` processes extract the first batches.

    Returns those batches, each with its extraction, or None where no helper got to it (or one
    failed): the pool then processes it whole. Nothing is read ahead when the models are loaded."""
    warm_extraction()  # before the helpers fork: they inherit extraction's models instead of each loading them
    if _worker_analyzer is not None:
        return []
    head: list[list] = []
    futures: list[Future[list[tuple[RawDocument, Article] | Failure]]] = []
    # forked before the analysis models load
    with ProcessPoolExecutor(max_workers=max(1, helpers), initializer=keep_freed_memory) as pool:
        for batch in islice(batches, PREPASS_BATCHES * max(1, helpers)):  # a helper starts on the first
            head.append(batch)
            futures.append(pool.submit(extract_batch, [d for d in batch if isinstance(d, RawDocument)]))
        loaded_analyzer()
        for future in futures:
            future.cancel()  # those not started: the pool does them
    return [
        (batch, None if future.cancelled() or future.exception() is not None else future.result())
        for batch, future in zip(head, futures, strict=True)
    ]
