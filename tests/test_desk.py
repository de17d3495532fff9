"""The Desk API: ingest bookkeeping, shard markers, lock, id prefixes."""

from __future__ import annotations

import os
import shutil

import pytest

from newsdesk.desk import Desk
from newsdesk.errors import InputError, StoreError
from newsdesk.pipeline import ingest_lock
from support import DEMO


@pytest.fixture
def small(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for page in sorted((DEMO / "html").glob("*cop29*.html")):
        shutil.copy(page, src / page.name)
    return src


def test_completed_shards_are_not_read_again(tmp_path, small):
    db = tmp_path / "d.db"
    with Desk(db) as desk:
        first = desk.ingest([small], workers=1)
        assert first.added == 2
        again = desk.ingest([small], workers=1)
        assert (again.added, again.already_stored, again.seen) == (0, 2, 2)
        page = sorted(small.iterdir())[0]
        os.utime(page, (1, 1))  # a changed shard is read again, its documents still deduplicated
        third = desk.ingest([small], workers=1)
        assert third.added == 0 and third.already_stored == 2


def test_missing_input_is_a_clear_error(tmp_path):
    with Desk(tmp_path / "d.db") as desk, pytest.raises(InputError, match="no such file"):
        desk.ingest([tmp_path / "absent"])


def test_second_ingest_on_the_same_store_is_refused(tmp_path, small):
    db = tmp_path / "d.db"
    with ingest_lock(db), Desk(db) as desk, pytest.raises(StoreError, match="another ingest"):
        desk.ingest([small])


def test_story_ids_accept_unique_prefixes(tmp_path, small):
    with Desk(tmp_path / "d.db") as desk:
        desk.ingest([small], workers=1)
        story = desk.stories()[0]
        assert desk.story(story.id[:5]).id == story.id
        with pytest.raises(InputError, match="no story"):
            desk.story("zzzz")
