"""The background-summary benchmark harness on a slice of the shared data (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import benchmark_module

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "timelines" / "background-summaries"

pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")


@pytest.fixture(scope="module")
def bench():
    return benchmark_module("background")


def test_key_facts_normalise_names_dates_numbers(bench):
    facts = bench.key_facts("On April 20th, Dr. Murray's team paid $853 to Barack Obama in Los Angeles.")
    assert {"date:04-20", "num:853", "name:murray", "name:barack obama", "name:los angeles"} <= facts
    assert (
        bench.fact_coverage(
            "Obama flew to Los Angeles on 20 April.", "Barack Obama went to Los Angeles on April 20."
        )
        > 0.6
    )


def test_newsdesk_beats_recency_on_a_small_event(bench):
    steps = bench.load_event(DATA / "haitian_earthquake")
    assert steps
    ours = bench.evaluate(steps, bench.newsdesk_system)
    base = bench.evaluate(steps, bench.recency_baseline)
    assert ours["words"] <= bench.BUDGET
    assert ours["rouge1"] >= base["rouge1"] - 0.02
