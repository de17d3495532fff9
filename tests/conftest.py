"""Session fixtures shared by the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import DEMO, SHARED


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo corpus (plus the seed scrape when ../shared is present) ingested once per test session."""
    from newsdesk.desk import Desk

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    inputs = [DEMO]
    seed = SHARED / "seeds" / "001_197dea3c7fb0b554.txt"
    if seed.exists():
        inputs.append(seed)
    with Desk(db) as desk:
        report = desk.ingest(inputs, workers=2)
    assert report.added > 0, report.summary()
    return db
