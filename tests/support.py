"""Test helpers: where the demo corpus and ../shared live; skipping cleanly when shared/ is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO = REPO / "data" / "demo"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test when a fresh clone has no shared/ beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (no ../shared beside this clone)")
    return path
