"""Dask engine: shards (input files, e.g. CC-NEWS WARCs) are read, extracted and analysed on workers.

``scheduler`` is the address of any running Dask scheduler (Kubernetes, SLURM via dask-jobqueue,
...) or ``"local"`` for a LocalCluster on this machine. Each shard's results are written by its
worker as one Parquet partition under ``parts_dir`` (which must be shared storage when workers run
on other machines). A partition is written to a temporary name and renamed when complete, so its
presence is the shard's completion marker: a rerun after a crash skips finished shards.

The client then reads the partitions back *in shard order* and feeds the same stateful part
(dedup, story clustering, store) as the local engine, so both engines give the same stories.

Each worker process keeps one Analyzer (spaCy pipeline, actor dictionary, event models) for its
whole life. :func:`warm_workers` loads it on every worker at once before shards are handed out, so
the first shards do not each pay a model load and a long-lived cluster (``--scheduler ADDRESS``)
pays it once, not once per ingest.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsdesk.analyze import Analyzer
from newsdesk.model import Analysis, Article, Failure, RawDocument, from_dict, stable_id, to_dict
from newsdesk.pipeline import Processed, _batched, process_batch
from newsdesk.sources import iter_documents, iter_files

_worker_analyzer: Analyzer | None = None

COLUMNS = ("kind", "source", "stage", "reason", "doc", "content", "article", "analysis")


def partition_name(shard: Path) -> str:
    """A partition name that changes when the shard file changes (path, size, mtime)."""
    try:
        st = shard.stat()
        sig = (str(shard.resolve()), str(st.st_size), str(int(st.st_mtime)))
    except OSError:
        sig = (str(shard), "missing", "0")
    return f"part-{stable_id(*sig)}.parquet"


def _analyzer() -> Analyzer:
    """This worker process's Analyzer, built on first use and kept for the process's life."""
    global _worker_analyzer
    if _worker_analyzer is None:
        _worker_analyzer = Analyzer()
    return _worker_analyzer


def warm_worker() -> float:
    """Load every model the analysis needs in this worker now; seconds it took (0 when warm).

    The Analyzer loads its parts lazily; touching them here moves the load out of the first shard.
    """
    start = time.perf_counter()
    analyzer = _analyzer()
    for part in ("nlp", "actors", "models", "finder", "triage", "theme_words"):
        getattr(analyzer, part)
    return time.perf_counter() - start


def warm_workers(client: Any) -> dict[str, float]:
    """Run :func:`warm_worker` on every worker of ``client``'s cluster in parallel."""
    return client.run(warm_worker)


def process_shard(path: str, parts_dir: str) -> str:
    """Extract and analyse one shard on a worker; write its results as a Parquet partition."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(parts_dir) / partition_name(Path(path))
    if target.exists():
        return str(target)
    analyzer = _analyzer()
    rows: dict[str, list] = {c: [] for c in COLUMNS}
    for batch in _batched(iter_documents([path]), 16):
        results: list[Processed | Failure] = [d for d in batch if isinstance(d, Failure)]
        results += process_batch([d for d in batch if isinstance(d, RawDocument)], analyzer)
        for item in results:
            _add_row(rows, item)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    pq.write_table(pa.table(rows, schema=_schema()), tmp)
    tmp.replace(target)
    return str(target)


def _schema():  # noqa: ANN202 - pyarrow is imported lazily
    import pyarrow as pa

    text = pa.string()
    return pa.schema([("kind", text), ("source", text), ("stage", text), ("reason", text), ("doc", text),
                      ("content", pa.binary()), ("article", text), ("analysis", text)])


def _add_row(rows: dict[str, list], item: Processed | Failure) -> None:
    if isinstance(item, Failure):
        values = ("failure", item.source, item.stage, item.reason, None, None, None, None)
    else:
        doc = to_dict(item.doc)
        doc.pop("content")
        values = (
            "processed", item.doc.source, None, None, json.dumps(doc), item.doc.content,
            json.dumps(to_dict(item.article)), json.dumps(to_dict(item.analysis)),
        )
    for column, value in zip(COLUMNS, values, strict=True):
        rows[column].append(value)


def read_partition(path: str | Path) -> Iterator[Processed | Failure]:
    """The records of one partition, in the order the worker produced them."""
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    for row in table.to_pylist():
        if row["kind"] == "failure":
            yield Failure(row["source"], row["stage"], row["reason"])
            continue
        doc_fields = json.loads(row["doc"])
        doc_fields["content"] = ""
        doc = from_dict(RawDocument, doc_fields)
        doc = RawDocument(doc.name, doc.source, row["content"], doc.content_type, doc.url, doc.fetched_at,
                          doc.hints)
        yield Processed(doc, from_dict(Article, json.loads(row["article"])),
                        from_dict(Analysis, json.loads(row["analysis"])))


def run_dask(
    paths: Sequence[str | Path],
    scheduler: str | None = "local",
    workers: int | None = None,
    *,
    parts_dir: str | Path,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Processed | Failure]:
    """Process every shard under ``paths`` on Dask; yield the results in shard order."""
    from dask.distributed import Client, LocalCluster

    shards = [str(p) for p in iter_files(paths)]
    Path(parts_dir).mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler in (None, "", "local"):
        cluster = LocalCluster(
            n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        if any(not (Path(parts_dir) / partition_name(Path(s))).exists() for s in shards):
            warm_workers(client)  # a rerun with every shard done needs no models
        futures = client.map(process_shard, shards, parts_dir=str(parts_dir), pure=False)
        for future in futures:
            part = future.result()
            if on_progress:
                on_progress(1)
            yield from read_partition(part)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
