"""Dask engine: shards (input files, e.g. CC-NEWS WARCs) are read, extracted and analysed on workers.

A big file (a WARC, a JSONL dump) is a shard of its own; consecutive small files of one directory
(single pages) are grouped, up to :data:`GROUP_FILES` a shard: one task and one partition per page
cost about a tenth of the page's own processing in Parquet writes and reads and scheduling.

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
pays it once, not once per ingest. A local cluster's workers are forked from one process that has
loaded the models already (see :func:`local_cluster`), so they load nothing themselves.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsdesk.engine.allocator import keep_freed_memory
from newsdesk.engine.local import BATCH_SIZE, loaded_analyzer, warm_extraction
from newsdesk.model import Analysis, Article, Failure, RawDocument, from_dict, stable_id, to_dict
from newsdesk.pipeline import Prepared, Processed, _batched, prepare, process_batch
from newsdesk.sources import iter_documents, iter_files

#: ``content_z`` is the page as the store keeps it (compressed) and ``text_hash``/``signature`` its
#: dedup signature: made on the workers, so the client that loads the store does not redo them.
#: Partitions written before those columns existed have ``content`` (raw bytes) instead.
COLUMNS = ("kind", "source", "stage", "reason", "doc", "content_z", "article", "analysis", "text_hash",
           "signature")


#: Most small files grouped into one shard; 8 pages keep tasks small enough to balance 2 workers.
GROUP_FILES = 8
#: Files of this size or more are a shard of their own.
SMALL_FILE = 1 << 20
#: Settings of the LocalCluster this module starts, whose processes share the machine's cores with
#: the work. Each Dask worker samples its own stack every 10 ms for the dashboard's profile view;
#: the local cluster has no dashboard, and the sampling cost a busy worker 11 % of its CPU on a
#: loaded 2-core machine (9.8 against 8.8 s for 64 pages, three pairs). Every server (scheduler,
#: nanny, worker, client) also wakes every 20 ms only to time its own event loop (a warning after
#: 3 s unresponsive, which a 1 s tick still gives). Idle, a 2-worker cluster's client process spent
#: 36–43 ms of CPU a second with Dask's defaults and 20–23 ms with these settings; each worker 30 against 8–9 ms.
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s"}

Shard = tuple[str, ...]


def shards_of(paths: Sequence[str | Path]) -> list[Shard]:
    """The input files under ``paths`` as shards, in input order (see the module docstring)."""
    shards: list[Shard] = []
    group: list[Path] = []
    for path in iter_files(paths):
        if group and (len(group) >= GROUP_FILES or path.parent != group[-1].parent or _big(path)):
            shards.append(tuple(str(p) for p in group))
            group = []
        if _big(path):
            shards.append((str(path),))
        else:
            group.append(path)
    if group:
        shards.append(tuple(str(p) for p in group))
    return shards


def _big(path: Path) -> bool:
    try:
        return path.stat().st_size >= SMALL_FILE
    except OSError:
        return False


def partition_name(shard: Shard) -> str:
    """A partition name that changes when a file of the shard changes (path, size, mtime)."""
    sig: list[str] = []
    for name in shard:
        path = Path(name)
        try:
            st = path.stat()
            sig += [str(path.resolve()), str(st.st_size), str(int(st.st_mtime))]
        except OSError:
            sig += [name, "missing", "0"]
    return f"part-{stable_id(*sig)}.parquet"


def local_cluster(workers: int | None = None) -> Any:
    """A LocalCluster on this machine: ``workers`` processes (default 2) of one thread each, no dashboard.

    Its workers are forked from a fork server that imported newsdesk and loaded every model first
    (:data:`TEMPLATE_MODULE`), as the local engine's pool forks from a parent with the models loaded.
    Spawned, each worker imported and loaded everything itself: ≈ 3 s of CPU per worker, so a
    2-worker cluster's cold start cost twice the CPU of a 1-worker one (6.5–6.9 against 3.4–3.6 s,
    every process counted); forked, both cost one load (3.2–3.5 s). The fork server lives as long
    as the cluster: closing the cluster stops it.
    """
    import multiprocessing

    import dask
    from distributed.utils import get_mp_context

    forked = "forkserver" in multiprocessing.get_all_start_methods()  # not on Windows: spawned as before
    config = {**LOCAL_CLUSTER_CONFIG, "distributed.worker.multiprocessing-method": "forkserver" if forked else "spawn"}
    with dask.config.set(config):  # the nannies take the settings to their workers
        if forked:
            context = get_mp_context()  # sets distributed's own preload list, once per process: ours replaces it
            context.set_forkserver_preload(["distributed", TEMPLATE_MODULE])
        return _template_cluster()(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)


#: Imported by the fork server of :func:`local_cluster` before it forks any worker: it loads the models.
TEMPLATE_MODULE = "newsdesk.engine.dask_template"


@functools.cache
def _template_cluster() -> type:
    """LocalCluster, stopping its workers' fork server when it closes (distributed is imported lazily)."""
    from dask.distributed import LocalCluster

    class TemplateCluster(LocalCluster):
        """Why the stop: the server holds a loaded copy of the models, and a later cluster of this
        process must start its own (a cluster's cold start then always includes the model load)."""

        async def _close(self) -> None:
            await super()._close()
            stop_fork_server()

    return TemplateCluster


def stop_fork_server() -> None:
    """Stop this process's multiprocessing fork server, if one runs (its forked workers are unaffected).

    Python has no public call for it; ``_stop`` is the one its own tests use (3.8 to 3.13).
    """
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # noqa: SLF001 - no public equivalent
    if stop is not None:
        stop()


def warm_worker() -> float:
    """Load every model extraction and analysis need in this worker now; seconds it took (≈ 0 when warm).

    The Analyzer and extraction load their parts lazily; loading them here moves the load out of the
    first shard, as the local engine does before its pool forks (extraction's first page had cost
    each worker's first shard ≈ 0.6 s: the language model, the page-type and block models).
    """
    start = time.perf_counter()
    keep_freed_memory()
    warm_extraction()
    loaded_analyzer()
    return time.perf_counter() - start


def warm_workers(client: Any) -> dict[str, float]:
    """Run :func:`warm_worker` on every worker of ``client``'s cluster in parallel."""
    return client.run(warm_worker)


def process_shard(shard: Shard, parts_dir: str) -> str:
    """Extract and analyse one shard on a worker; write its results as a Parquet partition."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(parts_dir) / partition_name(shard)
    if target.exists():
        return str(target)
    keep_freed_memory()
    analyzer = loaded_analyzer()
    rows: dict[str, list] = {c: [] for c in COLUMNS}
    for batch in _batched(iter_documents(list(shard)), BATCH_SIZE):
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

    text, blob = pa.string(), pa.binary()
    return pa.schema([("kind", text), ("source", text), ("stage", text), ("reason", text), ("doc", text),
                      ("content_z", blob), ("article", text), ("analysis", text), ("text_hash", text),
                      ("signature", blob)])


def _add_row(rows: dict[str, list], item: Processed | Failure) -> None:
    if isinstance(item, Failure):
        values = ("failure", item.source, item.stage, item.reason, None, None, None, None, None, None)
    else:
        doc = to_dict(item.doc)
        doc.pop("content")
        prepared = item.prepared or prepare(item.doc, item.article)
        values = (
            "processed", item.doc.source, None, None, json.dumps(doc), prepared.raw,
            json.dumps(to_dict(item.article)), json.dumps(to_dict(item.analysis)), prepared.text_hash,
            prepared.signature,
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
        prepared = None
        if row.get("content_z") is not None:
            # The writer stores the compressed page as it is, as with the local engine's workers
            # (see pipeline.for_writer): decompressing it here was client time for nothing.
            prepared = Prepared(row["content_z"], row["text_hash"], row["signature"])
            content = b""
        else:
            content = row["content"]
        doc = RawDocument(doc.name, doc.source, content, doc.content_type, doc.url, doc.fetched_at, doc.hints)
        yield Processed(doc, from_dict(Article, json.loads(row["article"])),
                        from_dict(Analysis, json.loads(row["analysis"])), prepared)


def run_dask(
    paths: Sequence[str | Path],
    scheduler: str | None = "local",
    workers: int | None = None,
    *,
    parts_dir: str | Path,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Processed | Failure]:
    """Process every shard under ``paths`` on Dask; yield the results in shard order."""
    from dask.distributed import Client

    shards = shards_of(paths)
    Path(parts_dir).mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler in (None, "", "local"):
        cluster = local_cluster(workers)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        if any(not (Path(parts_dir) / partition_name(s)).exists() for s in shards):
            warm_workers(client)  # a rerun with every shard done needs no models
        futures = client.map(process_shard, shards, parts_dir=str(parts_dir), pure=False)
        for shard, future in zip(shards, futures, strict=True):
            part = future.result()
            if on_progress:
                on_progress(len(shard))  # files, as the local engine's progress counts them
            yield from read_partition(part)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
