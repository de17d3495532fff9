"""The update-level ranker benchmark: its shipped row is the harness's summary, and its steering rules hold."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from support import benchmark_module

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "timelines" / "background-summaries"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")


@pytest.fixture(scope="module")
def steps():
    updates = benchmark_module("background_updates")
    chosen = [s for s in updates.load_event(DATA / "haitian_earthquake") if len(s.updates) >= 4][:2]
    return updates, chosen, [updates.update_step(s) for s in chosen]


def test_unsteered_summary_is_the_harness_summary(steps):
    updates, raw, built = steps
    background = benchmark_module("background")
    for step, s in zip(raw, built, strict=True):
        assert updates.summary(s, None, 0.0, None) == background.newsdesk_system(step)


def test_labels_and_features_have_one_value_per_update(steps):
    _, _, built = steps
    for s in built:
        assert set(np.unique(s.labels)) <= {0.0, 1.0}
        assert all(len(v) == s.n_docs for v in s.features.values())
        assert s.features["age"][-1] == 0.0


def test_top_k_takes_the_opening_and_the_best_updates_first(steps):
    updates, _, built = steps
    s = built[-1]
    score = np.zeros(s.n_docs)
    score[2] = 1.0  # one update ranked above all others
    order = updates.choose(s, score, 0.0, 1)
    allowed = [s.problem.units[i].doc_rank in (0, 2) for i in order]
    assert allowed[0] and allowed == sorted(allowed, reverse=True)
    assert updates.choose(s, None, 0.0, 1) == updates.choose(s, np.zeros(s.n_docs), 0.0, None)


def test_a_reference_made_of_one_update_is_aligned_to_it(steps):
    updates, _, built = steps
    s = built[-1]
    source = next(u for u in s.problem.units if u.doc_rank == 2 and len(u.text.split()) > 8)
    aligned, coverage = updates.reference_use(s, source.text)
    assert aligned[2] == 1.0 and aligned.sum() == 1.0
    assert coverage[2] == pytest.approx(1.0)


def test_agreement_of_identical_references_is_perfect(steps):
    updates, _, built = steps
    s = built[-1]
    twin = dataclasses.replace(s, problem=dataclasses.replace(s.problem, refs=(s.problem.refs[0],) * 2))
    assert updates.reference_auc([twin]) == pytest.approx(1.0)
