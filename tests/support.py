"""Test helpers: where the demo corpus and ../shared live; skipping cleanly when shared/ is absent; an
analysed sentence's actors."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

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


def mention_actors(analyzer: Any, text: str, date: str = "2024-03-01") -> dict[str, str | None]:
    """Each mention's text -> its actor's name (None: unresolved), for ``text`` analysed as one article
    dated ``date``: the resolver tests read one mapping instead of walking the analysis."""
    from newsdesk.model import Article

    article = Article(id="t", name="t", url=None, title=None, author=None, date=date,
                      language="en", page_type="article", text=text)
    return {m.text: (m.actor.name if m.actor else None) for m in analyzer.analyze(article).mentions}
