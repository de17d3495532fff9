"""``benchmarks/background_imitation.py``: its greedy is the shipped summariser's, its model learns the oracle."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from newsdesk.brief.summarize import DEFAULT_WEIGHTS, SumDoc, summarize
from support import benchmark_module

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "timelines" / "background-summaries"


@pytest.fixture(scope="module")
def imitation():
    return benchmark_module("background_imitation")


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")
def test_rollout_at_beta_zero_is_the_shipped_summariser_and_labels_every_state(imitation):
    background = benchmark_module("background")
    for step in imitation.load_event(DATA / "haitian_earthquake")[:4]:
        p = imitation.problem(step)
        chosen, states = imitation.rollout(p, imitation.shipped_relevance(p), None, 0.0, True)
        assert imitation.printed(p, chosen) == background.newsdesk_system(step)
        assert chosen[0] == 0 and sum(p.units[i].words for i in chosen) <= p.budget
        assert len(states) == len(chosen) - 1  # one state per pick after the forced opening
        assert all(s.features.shape == (len(s.gains), 28) for s in states)
        # a zero margin leaves the model nothing to break but exact ties: the shipped choice again
        length_first = imitation.rollout(
            p, imitation.shipped_relevance(p), lambda x: x[:, 21], 0.0, False, 0.0
        )
        assert length_first[0] == chosen


def test_conditional_logit_learns_which_feature_the_best_candidate_has(imitation):
    rng = np.random.default_rng(0)
    states = []
    for _ in range(40):
        features = rng.normal(size=(6, 3))
        states.append(imitation.State(features, features[:, 1] - 0.1 * features[:, 2]))
    weights, _, _ = imitation.fit(states, penalty=1.0)
    assert weights[1] > abs(weights[0]) and weights[1] > 0 > weights[2]


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")
def test_rollout_follows_the_summariser_with_the_date_gain_on(imitation, monkeypatch):
    background = benchmark_module("background")
    monkeypatch.setattr(imitation, "OFF", dataclasses.replace(imitation.OFF, dates=0.2))
    dated = dataclasses.replace(DEFAULT_WEIGHTS, dates=0.2)
    differs = 0
    for step in imitation.load_event(DATA / "mj_death")[26:32]:
        p = imitation.problem(step)
        chosen, _ = imitation.rollout(p, imitation.shipped_relevance(p), None, 0.0, False)
        docs = [SumDoc(str(i), text, date) for i, (date, text) in enumerate(step.updates)]
        assert imitation.printed(p, chosen) == " ".join(t for t, _ in summarize(docs, 150, weights=dated))
        differs += imitation.printed(p, chosen) != background.newsdesk_system(step)
    assert differs  # the date gain changes some of these summaries, so the check above can fail
