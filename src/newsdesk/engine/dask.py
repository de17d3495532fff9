"""Dask engine: shards (input files) are read, extracted and analysed on Dask workers.

``scheduler`` is a ``tcp://host:port`` address of any running Dask scheduler (Kubernetes, SLURM via
dask-jobqueue, ...) or ``"local"`` for a LocalCluster on this machine. Results come back in shard
order, so the stateful part (dedup, clustering, store) sees the same stream as the local engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.model import Failure, RawDocument
from newsdesk.pipeline import Processed, _batched, process_batch
from newsdesk.sources import iter_documents, iter_files

_worker_analyzer: Analyzer | None = None


def process_shard(path: str) -> list[Processed | Failure]:
    """Everything the per-document stages do for one shard; runs on a Dask worker."""
    global _worker_analyzer
    if _worker_analyzer is None:
        _worker_analyzer = Analyzer()
    out: list[Processed | Failure] = []
    for batch in _batched(iter_documents([path]), 16):
        out.extend(d for d in batch if isinstance(d, Failure))
        out.extend(process_batch([d for d in batch if isinstance(d, RawDocument)], _worker_analyzer))
    return out


def run_dask(
    paths: Sequence[str | Path],
    scheduler: str | None = "local",
    workers: int | None = None,
    *,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Processed | Failure]:
    from dask.distributed import Client, LocalCluster

    shards = [str(p) for p in iter_files(paths)]
    cluster = None
    if scheduler in (None, "", "local"):
        cluster = LocalCluster(
            n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        futures = client.map(process_shard, shards, pure=False)
        for future in futures:
            results = future.result()
            if on_progress:
                on_progress(1)
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
