"""Shared fixtures: the spaCy model and actor dictionary load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="session")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="session")
def analyzer(actors: ActorDictionary) -> Analyzer:
    return Analyzer(actors=actors)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
