"""Test helpers: where the demo corpus and ../shared live; skipping cleanly when shared/ is absent."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

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


def benchmark_module(name: str) -> ModuleType:
    """A harness from ``benchmarks/`` (not a package), imported by file name for tests of its helpers."""
    bench = str(REPO / "benchmarks")
    sys.path.insert(0, bench)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(bench)
