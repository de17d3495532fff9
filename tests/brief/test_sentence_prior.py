"""The learned sentence prior of the background summariser, and the script that fits it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from newsdesk.brief.sentence_prior import (
    FEATURES,
    PRIOR_WEIGHTS,
    Candidate,
    inner_names,
    prior_features,
    sentence_prior,
    standardised,
)
from newsdesk.brief.summarize import (
    DEFAULT_WEIGHTS,
    SumDoc,
    _units,
    fact_table,
    relevance_scores,
    select,
    tfidf_matrix,
)
from support import benchmark_module

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "timelines" / "background-summaries"

DOCS = [
    SumDoc(
        "a",
        "A dam burst above the valley town of Rivers on Monday. Water swept away forty homes.",
        "2011-03-07",
    ),
    SumDoc(
        "b",
        "Engineers from Lake County inspected the broken dam. The mayor thanked the volunteers.",
        "2011-03-08",
    ),
    SumDoc(
        "c",
        "The state opened an inquiry into the dam's owner. Residents asked Governor Hale for help.",
        "2011-03-10",
    ),
]


def test_inner_names_skip_the_sentence_opening():
    assert inner_names("Engineers from Lake County met Governor Hale.") == 4  # lake, county, governor, hale
    assert inner_names("The mayor thanked the volunteers.") == 0


def test_features_follow_position_age_and_update_size():
    candidates = [
        Candidate("One two three four five.", 0, 0, 5),
        Candidate("Six seven Eight nine ten.", 0, 1, 5),
    ]
    candidates.append(Candidate("A later Report came in today.", 1, 0, 6))
    rows = prior_features(candidates, 2, np.ones(3), np.ones(3), [0.5, 0.0, 1.0], [1, 0, 2])
    column = {name: rows[:, i] for i, name in enumerate(FEATURES)}
    assert rows.shape == (3, len(FEATURES)) == (3, len(PRIOR_WEIGHTS))
    assert list(column["position"]) == pytest.approx([0.0, np.log(2), 0.0])
    assert list(column["age"]) == pytest.approx([np.log(2), np.log(2), 0.0])
    assert list(column["lead"]) == [1.0, 0.0, 1.0]
    assert list(column["update_words"]) == pytest.approx([np.log(11), np.log(11), np.log(7)])
    assert list(column["update_sentences"]) == [2.0, 2.0, 1.0]
    assert list(column["names"]) == [0.0, 1.0, 1.0]


def test_prior_is_standardised_within_the_summary_and_ranks_by_its_weights():
    base = np.zeros((4, len(FEATURES)))
    base[:, FEATURES.index("position")] = np.log1p([0, 1, 2, 3])
    prior = sentence_prior(base)
    assert prior.mean() == pytest.approx(0.0, abs=1e-9) and prior.std() == pytest.approx(1.0, abs=1e-6)
    # The fitted weight of position is negative: the oracle prefers sentences early in their update.
    assert PRIOR_WEIGHTS[FEATURES.index("position")] < 0 and list(np.argsort(-prior)) == [0, 1, 2, 3]
    assert not sentence_prior(np.ones((3, len(FEATURES)))).any()  # nothing to tell apart
    assert sentence_prior(np.zeros((0, len(FEATURES)))).shape == (0,)
    assert standardised(np.array([2.0, 4.0])) == pytest.approx([-1.0, 1.0])


def test_relevance_adds_the_weighted_prior_and_needs_the_documents():
    weights = dataclasses.replace(DEFAULT_WEIGHTS, compress=(), dateline="none")
    units = _units(DOCS, weights)
    matrix = tfidf_matrix([u.text for u in units])
    plain = relevance_scores(units, matrix, len(DOCS), dataclasses.replace(weights, prior=0.0))
    learned = relevance_scores(units, matrix, len(DOCS), weights, fact_table(units, DOCS, weights))
    shift = (learned - plain) / weights.prior
    assert shift.mean() == pytest.approx(0.0, abs=1e-9) and shift.std() == pytest.approx(1.0, abs=1e-6)
    with pytest.raises(ValueError):
        relevance_scores(units, matrix, len(DOCS), weights)


def test_summary_with_the_prior_stays_budgeted_and_opens_with_the_origin():
    chosen = select(DOCS, max_words=30)
    assert chosen[0].source.startswith("A dam burst")
    assert sum(len(c.printed.split()) for c in chosen) <= 30


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")
def test_fitting_script_scores_the_shipped_summariser_and_labels_within_budget():
    prior = benchmark_module("background_prior")
    background = benchmark_module("background")
    steps = prior.load_event(DATA / "haitian_earthquake")[:4]
    for step in steps:
        p = prior.problem(step)
        shipped = prior.summary(p, np.asarray(PRIOR_WEIGHTS), DEFAULT_WEIGHTS.prior)
        assert shipped == background.newsdesk_system(step)
        labels = prior.oracle_labels(p)
        assert labels[0] == 0 and set(np.unique(labels)) <= {0.0, 1.0}
        assert (
            p.units[0].words + sum(u.words for u, lab in zip(p.units, labels, strict=True) if lab) <= p.budget
        )
