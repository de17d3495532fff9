"""The local process pool and the Dask engine give the same store from the same input."""

from __future__ import annotations

import shutil

import pytest

from newsdesk.desk import Desk
from newsdesk.engine.dask import GROUP_FILES, shards_of
from support import DEMO

pytestmark = pytest.mark.slow


def _subset(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    pages = sorted((DEMO / "html").glob("*putin-china*.html"))[:5] + sorted((DEMO / "text").glob("*.txt"))[:2]
    for page in pages:
        shutil.copy(page, src / page.name)
    shutil.copy(DEMO / "feeds" / "world-desk.rss", src / "world-desk.rss")
    return src


def _snapshot(db):
    with Desk(db, readonly=True) as desk:
        articles = sorted((a.id, a.title, a.date) for a in desk.store.articles())
        members = sorted(sorted(ids) for ids in desk.store.story_members().values())
        events = sorted((e.article_id, e.sentence_index, e.plover) for e in desk.events())
    return articles, members, events


def test_dask_local_cluster_matches_local_engine(tmp_path):
    src = _subset(tmp_path)
    with Desk(tmp_path / "local.db") as desk:
        local = desk.ingest([src], workers=1)
    with Desk(tmp_path / "dask.db") as desk:
        dask = desk.ingest([src], engine="dask", scheduler="local", workers=2)
    assert local.added == dask.added > 0
    assert _snapshot(tmp_path / "local.db") == _snapshot(tmp_path / "dask.db")
    # each shard left a completed partition; a rerun reuses them and adds nothing
    parts = list((tmp_path / "dask.db.parts").glob("part-*.parquet"))
    assert len(parts) == len(shards_of([src]))
    with Desk(tmp_path / "dask.db") as desk:
        again = desk.ingest([src], engine="dask", scheduler="local", workers=2)
    assert again.added == 0 and again.already_stored == dask.added


def test_small_files_are_grouped_and_big_ones_stand_alone(tmp_path, monkeypatch):
    """A task per page costs Parquet and scheduling overhead; a WARC-sized file is its own task."""
    import newsdesk.engine.dask as engine

    for i in range(GROUP_FILES + 3):
        (tmp_path / f"p{i:02d}.html").write_text("<p>page</p>")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text("<p>other folder</p>")
    (tmp_path / "z.html").write_text("<p>" + "x" * 200 + "</p>")
    monkeypatch.setattr(engine, "SMALL_FILE", 100)
    shards = shards_of([tmp_path])
    files = [name for shard in shards for name in shard]
    assert files == [str(p) for p in engine.iter_files([tmp_path])]  # every file once, in input order
    assert [len(s) for s in shards] == [GROUP_FILES, 3, 1, 1]
    assert shards[-1] == (str(tmp_path / "z.html"),) and shards[-2] == (str(tmp_path / "sub" / "a.html"),)
    assert len({engine.partition_name(s) for s in shards}) == len(shards)


def _sampling(dask_worker) -> tuple[bool, float]:
    """Whether this Dask worker samples its own stack (its profile callbacks are registered), and
    how often (ms) it times its event loop."""
    return "profile" in dask_worker.periodic_callbacks, dask_worker.periodic_callbacks["tick"].callback_time


def test_the_local_cluster_runs_its_workers_without_the_stack_sampler():
    """The dashboard-less local cluster must not pay the 10 ms stack sampling of Dask's profiler nor
    a 20 ms event-loop tick, and the settings must reach the worker processes, not just this one's."""
    import dask
    from dask.distributed import Client

    from newsdesk.engine.dask import local_cluster

    assert dask.config.get("distributed.worker.profile.enabled")  # Dask's default: on
    with local_cluster(1) as cluster, Client(cluster) as client:
        assert list(client.run(_sampling).values()) == [(False, 1000)]
        assert cluster.scheduler.periodic_callbacks["tick"].callback_time == 1000
    assert dask.config.get("distributed.worker.profile.enabled")  # this process's config untouched


def _models_and_parent() -> tuple[bool, int]:
    """Whether this worker process holds a loaded Analyzer before any task asked for one, and its parent's pid."""
    import os

    import newsdesk.engine.local as local

    return local._worker_analyzer is not None, os.getppid()


def test_the_local_cluster_forks_its_workers_with_the_models_loaded():
    """Each worker used to import and load every model itself (2 workers: twice the CPU, side by side).
    They must come from one process that loaded them, and that process must go with the cluster."""
    import os
    from multiprocessing import forkserver

    from dask.distributed import Client

    from newsdesk.engine.dask import local_cluster

    with local_cluster(2) as cluster, Client(cluster) as client:
        states = list(client.run(_models_and_parent).values())
        server = forkserver._forkserver._forkserver_pid
        assert [loaded for loaded, _ in states] == [True, True]
        assert {parent for _, parent in states} == {server} and server != os.getpid()
    assert forkserver._forkserver._forkserver_pid is None  # stopped with the cluster
