"""`newsdesk ingest` over a directory of good and hostile files: one stderr line per bad file naming
it, every good page stored once, and a second run adds nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_hostile_inputs import write_hostile_dir

from newsdesk.cli import main


@pytest.mark.slow
def test_ingest_batch_reports_each_bad_file_once_and_stores_the_good(tmp_path: Path, capsys) -> None:
    good, bad = write_hostile_dir(tmp_path / "in")
    db = tmp_path / "news.db"
    main(["ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1", "--no-progress"])
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    named = sorted(Path(line.removeprefix("newsdesk: ").split(": ", 1)[0]).name for line in err)
    assert named == sorted(bad), err
    assert all(line.startswith("newsdesk: ") and len(line.split(": ")) >= 3 for line in err)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in conn.execute("SELECT name FROM articles")]
    assert sorted(names) == sorted(good)

    main(["ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1", "--no-progress"])
    out = capsys.readouterr().out
    assert "0 articles added" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(good)
