"""The content-choice variants of ``benchmarks/background_ideas.py`` on one small event (skipped without data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsdesk.brief.sentences import split_sentences
from newsdesk.brief.tense import is_retold_compression
from support import benchmark_module

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "timelines" / "background-summaries"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")


@pytest.fixture(scope="module")
def ideas():
    return benchmark_module("background_ideas")


@pytest.fixture(scope="module")
def steps(ideas):
    return ideas.load_event(ideas.DATA / "haitian_earthquake")


def test_defaults_variant_is_the_shipped_summariser(ideas, steps):
    """The variants differ from the defaults only in the choice: the baseline row must be newsdesk's own."""
    background = benchmark_module("background")
    assert ideas.VARIANTS["defaults"](steps) == [background.newsdesk_system(step) for step in steps]


def test_choice_order_prints_the_same_sentences(ideas, steps):
    chrono = ideas.VARIANTS["defaults"](steps)
    chosen = ideas.VARIANTS["order: as chosen"](steps)
    assert [sorted(a.split()) for a in chrono] == [sorted(b.split()) for b in chosen]
    assert chrono != chosen  # on this event the most relevant sentence is not always the earliest


def test_rolling_summary_cites_only_earlier_updates_within_budget(ideas, steps):
    dateline = re.compile(r"^[A-Z][a-z]+ \d{1,2}(?:, \d{4})?: ")
    for step, text in zip(steps, ideas.VARIANTS["rolling pool 150"](steps), strict=True):
        docs = [ideas.S.SumDoc(id=str(i), text=t) for i, (_, t) in enumerate(step.updates)]
        assert 0 < len(text.split()) <= ideas.S.word_budget(docs, 150)
        sources = [s for _, t in step.updates for s in split_sentences(t)]
        for sentence in split_sentences(text):
            body = dateline.sub("", sentence)
            assert any(is_retold_compression(body, source) for source in sources), body


def test_cluster_coverage_without_weight_is_the_default_choice(ideas, steps):
    assert ideas.per_step(ideas.cluster_coverage(0.0))(steps) == ideas.VARIANTS["defaults"](steps)
