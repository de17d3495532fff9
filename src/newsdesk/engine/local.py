"""Local engine: every core through a process pool, results in input order, bounded memory.

Each worker process builds one Analyzer (spaCy model loaded once per process) and handles batches
of documents, so model loading and inter-process pickling are paid per batch, not per page.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from newsdesk.analyze import Analyzer
from newsdesk.model import Failure, RawDocument
from newsdesk.pipeline import Processed, _batched, process_batch

BATCH_SIZE = 16

_worker_analyzer: Analyzer | None = None


def _worker_process(batch: list[RawDocument]) -> list[Processed | Failure]:
    global _worker_analyzer
    if _worker_analyzer is None:
        _worker_analyzer = Analyzer()
    return process_batch(batch, _worker_analyzer)


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
    if workers <= 1:
        analyzer = Analyzer()
        for batch in _batched(docs, BATCH_SIZE):
            failures = [d for d in batch if isinstance(d, Failure)]
            yield from failures
            results = process_batch([d for d in batch if isinstance(d, RawDocument)], analyzer)
            report(len(batch))
            yield from results
        return
    pending: deque[tuple[int, Future[list[Processed | Failure]]]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for batch in _batched(docs, BATCH_SIZE):
            yield from (d for d in batch if isinstance(d, Failure))
            raw = [d for d in batch if isinstance(d, RawDocument)]
            pending.append((len(batch), pool.submit(_worker_process, raw)))
            while len(pending) > workers * 2:
                n, fut = pending.popleft()
                report(n)
                yield from fut.result()
        while pending:
            n, fut = pending.popleft()
            report(n)
            yield from fut.result()
