"""Readers and writers sharing one store: WAL lets the dashboard read while ingest writes, and a
second ingest on the same store is refused with a clear message (the fcntl lock)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import hostile_corpus as hc
import pytest

from newsdesk.cli import main
from newsdesk.desk import Desk
from newsdesk.errors import StoreError
from newsdesk.pipeline import ingest_lock


def write_batch(root: Path, batch: int, n: int) -> Path:
    folder = root / f"batch-{batch}"
    folder.mkdir(parents=True)
    for k in range(n):
        i = 50_000 + batch * 100 + k
        (folder / f"p{i}.html").write_bytes(hc.good_page(i, paragraphs=2))
    return folder


@pytest.mark.slow
def test_readers_never_see_database_is_locked_while_ingest_writes(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Desk(db) as desk:  # a store with something in it before the readers start
        desk.ingest([write_batch(tmp_path, 0, 4)], workers=1)
    stop = threading.Event()
    errors: list[BaseException] = []
    reads = [0]

    def reader() -> None:
        while not stop.is_set():
            try:
                with Desk(db, readonly=True) as d:
                    stories = d.stories()
                    d.search("report")
                    d.store.counts()
                    if stories:
                        d.timeline(stories[0])
                reads[0] += 1
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        with Desk(db) as desk:
            for batch in range(1, 4):
                report = desk.ingest([write_batch(tmp_path, batch, 8)], workers=1)
                assert report.added == 8, report.summary()
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    assert not errors, f"reader failed after {reads[0]} reads: {errors[0]!r}"
    assert reads[0] >= 10
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4 + 3 * 8


def test_second_ingest_in_this_process_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with ingest_lock(db), pytest.raises(StoreError, match="another ingest is writing"):  # noqa: SIM117
        with ingest_lock(db):
            pass


def test_second_ingest_process_is_refused_with_a_clear_message(tmp_path: Path, capsys) -> None:
    db = tmp_path / "news.db"
    pages = write_batch(tmp_path, 9, 1)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from newsdesk.pipeline import ingest_lock\n"
         "with ingest_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        start = time.perf_counter()
        code = main(["ingest", str(pages), "--db", str(db), "--workers", "1", "--no-progress"])
        assert time.perf_counter() - start < 30  # refused at once, not after waiting for the lock
        err = capsys.readouterr().err
        assert code == 1
        assert "another ingest is writing to this store" in err and f"pid {holder.pid}" in err
    finally:
        holder.kill()
        holder.wait()
    assert main(["ingest", str(pages), "--db", str(db), "--workers", "1", "--no-progress"]) == 0  # lock freed
