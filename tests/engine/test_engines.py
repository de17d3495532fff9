"""The local process pool and the Dask engine give the same store from the same input."""

from __future__ import annotations

import shutil

import pytest

from newsdesk.desk import Desk
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
    assert len(parts) == len(list(src.iterdir()))
    with Desk(tmp_path / "dask.db") as desk:
        again = desk.ingest([src], engine="dask", scheduler="local", workers=2)
    assert again.added == 0 and again.already_stored == dask.added
