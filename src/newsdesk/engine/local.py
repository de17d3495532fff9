"""Local engine: every core through a process pool, results in input order, bounded memory.

The Analyzer (spaCy model, actor dictionary and its phrase matcher: seconds of CPU) is loaded once,
in this process, before the pool forks its workers, which inherit it: loading it in every worker
cost one extra load per worker on a machine whose cores the workers share. Where processes are
spawned rather than forked, each worker loads its own on first use. Workers handle small batches
of documents (pickling is paid per batch, and the last batches leave no worker idle for long) and
results are yielded in input order as soon as they are ready.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from newsdesk.analyze import Analyzer
from newsdesk.model import Failure, RawDocument
from newsdesk.pipeline import Processed, _batched, process_batch

#: Documents per task: the analysis batches its parse across them; small tasks end a run with little idle time.
BATCH_SIZE = 8

_worker_analyzer: Analyzer | None = None


def loaded_analyzer() -> Analyzer:
    """This process's Analyzer with every model loaded (built on first use, kept for the process's life)."""
    global _worker_analyzer
    if _worker_analyzer is None:
        analyzer = Analyzer()
        for part in ("nlp", "actors", "models", "finder", "triage", "theme_words"):
            getattr(analyzer, part)  # the parts load lazily: load them all now
        _worker_analyzer = analyzer
    return _worker_analyzer


def _worker_process(batch: list[RawDocument]) -> list[Processed | Failure]:
    return process_batch(batch, loaded_analyzer())


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
        analyzer = loaded_analyzer()
        for batch in _batched(docs, BATCH_SIZE):
            failures = [d for d in batch if isinstance(d, Failure)]
            yield from failures
            results = process_batch([d for d in batch if isinstance(d, RawDocument)], analyzer)
            report(len(batch))
            yield from results
        return
    pending: deque[tuple[int, Future[list[Processed | Failure]]]] = deque()
    if multiprocessing.get_start_method() == "fork":
        loaded_analyzer()  # inherited by the forked workers
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
