"""Crash safety: `newsdesk ingest` killed with SIGKILL at random points, then rerun to completion.

After every kill the store must pass ``PRAGMA integrity_check`` and hold no duplicate; after every
rerun each input page is stored exactly once and every canonical article belongs to a story.

Kills are seeded and spread over three phases: *startup* (a random delay of up to 2 s: imports,
model loading, reading), *write* (right after the first write to the WAL, i.e. between or inside
the per-64-article transactions) and *late* (up to 2 s after the first write: the remaining
batches, story refresh and shard markers). Two lanes (own corpus, own store) run side by side to
keep the wall time down; each round adds new pages so that every run has work to do, and the
first round adds more than one transaction's worth (64).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import hostile_corpus as hc
import pytest

KILLS = int(os.environ.get("NEWSDESK_CRASH_KILLS", "20"))
LANES = 2
FIRST_ROUND_PAGES = 70
PAGES_PER_ROUND = 3
RUN_TIMEOUT_S = 240


@dataclass
class Lane:
    root: Path
    seed: int
    pages: list[str] = field(default_factory=list)
    kills: dict[str, int] = field(default_factory=dict)
    finished_before_kill: int = 0

    @property
    def corpus(self) -> Path:
        return self.root / "pages"

    @property
    def db(self) -> Path:
        return self.root / "news.db"


def ingest_command(lane: Lane) -> list[str]:
    return [sys.executable, "-m", "newsdesk.cli", "ingest", str(lane.corpus), "--db", str(lane.db),
            "--workers", "1", "--no-progress"]


def add_pages(lane: Lane, n: int) -> None:
    lane.corpus.mkdir(parents=True, exist_ok=True)
    for _ in range(n):
        i = lane.seed * 10_000 + len(lane.pages)
        name = f"page-{i}"
        (lane.corpus / f"{name}.html").write_bytes(hc.good_page(i, paragraphs=2))
        lane.pages.append(name)


def wal_stamp(db: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(f"{db}-wal")
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def kill_run(lane: Lane, rng: random.Random, phase: str) -> bool:
    """Start an ingest and SIGKILL it in ``phase``; False when it finished before the kill."""
    before = wal_stamp(lane.db)
    proc = subprocess.Popen(ingest_command(lane), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.monotonic()
    deadline = started + (rng.uniform(0.05, 2.0) if phase == "startup" else RUN_TIMEOUT_S)
    wrote_at = None
    after_write = rng.uniform(0.0, 0.05) if phase == "write" else rng.uniform(0.1, 2.0)
    while proc.poll() is None and time.monotonic() < deadline:
        if phase != "startup" and wrote_at is None and wal_stamp(lane.db) != before:
            wrote_at = time.monotonic()
            deadline = wrote_at + after_write
        time.sleep(0.002)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def complete_run(lane: Lane) -> None:
    done = subprocess.run(ingest_command(lane), capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert done.returncode == 0, done.stderr


def check_after_kill(db: Path) -> None:
    if not db.exists():
        return
    with sqlite3.connect(db, timeout=30) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles" not in tables:  # killed before the first migration committed: nothing stored yet
            return
        dupes = conn.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT id), COUNT(*) - COUNT(DISTINCT text), COUNT(*) - COUNT(DISTINCT name)"
            " FROM articles"
        ).fetchone()
        assert tuple(dupes) == (0, 0, 0)
    conn.close()


def check_complete(lane: Lane) -> None:
    check_after_kill(lane.db)
    with sqlite3.connect(lane.db, timeout=30) as conn:
        names = sorted(r[0] for r in conn.execute("SELECT name FROM articles"))
        assert names == sorted(lane.pages), f"{len(names)} articles stored for {len(lane.pages)} pages"
        raw = conn.execute("SELECT COUNT(*) FROM raw_documents").fetchone()[0]
        assert raw == len(lane.pages)
        unassigned = conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            " WHERE a.canonical_id IS NULL AND s.story_id IS NULL"
        ).fetchone()[0]
        assert unassigned == 0, f"{unassigned} canonical articles without a story"
        orphans = conn.execute(
            "SELECT COUNT(*) FROM story_articles s LEFT JOIN stories t ON t.id = s.story_id WHERE t.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0, f"{orphans} story assignments to stories that were never written"
    conn.close()


def run_lane(lane: Lane, kills: int) -> Lane:
    rng = random.Random(lane.seed)
    phases = ["startup", "write", "late"]
    done = 0
    rounds = 0
    while done < kills and rounds < kills * 3:
        add_pages(lane, FIRST_ROUND_PAGES if rounds == 0 else PAGES_PER_ROUND)
        phase = phases[rounds % 3] if rounds else "write"
        rounds += 1
        if kill_run(lane, rng, phase):
            done += 1
            lane.kills[phase] = lane.kills.get(phase, 0) + 1
            check_after_kill(lane.db)
        else:
            lane.finished_before_kill += 1
        complete_run(lane)
        check_complete(lane)
    assert done == kills, f"only {done} of {kills} runs could be killed before they finished"
    return lane


@pytest.mark.slow
def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    per_lane = [KILLS // LANES + (1 if k < KILLS % LANES else 0) for k in range(LANES)]
    lanes = [Lane(tmp_path / f"lane{k}", seed=k + 1) for k in range(LANES)]
    with ThreadPoolExecutor(LANES) as pool:
        results = list(pool.map(run_lane, lanes, per_lane))
    total: dict[str, int] = {}
    for lane in results:
        for phase, n in lane.kills.items():
            total[phase] = total.get(phase, 0) + n
    print(f"\ncrash test: {sum(total.values())} kills {total}, "
          f"{sum(lane.finished_before_kill for lane in results)} runs finished before their kill, "
          f"{sum(len(lane.pages) for lane in results)} pages, 0 lost, 0 duplicated")
    assert sum(total.values()) >= KILLS
