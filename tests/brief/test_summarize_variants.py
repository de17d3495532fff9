"""The leave-one-event-out check of summariser settings (benchmarks/background_variants.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import benchmark_module

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "timelines" / "background-summaries"


@pytest.fixture(scope="module")
def variants():
    return benchmark_module("background_variants")


def _rows(value: float, steps: int) -> list[dict[str, float]]:
    return [{"rouge1": value, "rouge2": value, "rougeL": value, "facts": value, "words": 100.0}] * steps


def test_pick_never_sees_the_held_out_event(variants):
    # "spiky" wins on the long event a (and so on all events pooled) but loses on b and c: a pick
    # for a that looked at a itself, alone or pooled, would choose it.
    results = {
        "steady": {"a": _rows(0.5, 10), "b": _rows(0.5, 3), "c": _rows(0.5, 3)},
        "spiky": {"a": _rows(0.9, 10), "b": _rows(0.1, 3), "c": _rows(0.1, 3)},
    }
    held, picks = variants.leave_one_event_out(results, ["a", "b", "c"])
    assert picks["a"] == "steady"  # chosen on b and c only
    assert held["a"] == results["steady"]["a"]
    assert picks["b"] == picks["c"] == "spiky"  # a is among their training events


def test_pooled_weights_steps_not_events(variants):
    scores = {"long": _rows(1.0, 3), "short": _rows(0.0, 1)}
    assert variants.pooled(scores, ["long", "short"])["rouge1"] == pytest.approx(0.75)
    assert variants.objective({"rouge1": 0.4, "rougeL": 0.2, "facts": 0.5}) == pytest.approx(0.85)


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared background summaries not present")
def test_budget_applies_to_both_systems(variants):
    background = benchmark_module("background")
    steps = background.load_event(DATA / "haitian_earthquake")[:4]
    table, _ = background.run_steps(steps, budget=40)
    rows = dict(table)
    assert rows["newsdesk"]["words"] <= 40
    assert rows["recency baseline"]["words"] <= 40
    step = steps[-1]
    text = variants.summarise_step(step, variants.VARIANTS["defaults"], 40)
    assert text == background.newsdesk_system(step, 40)


def test_distinct_references_skip_copies_of_an_annotator():
    background = benchmark_module("background")
    wording = "The bank collapsed on Monday after a run on deposits."
    step = background.Step("e", (("2008-09-15", wording),), (wording, "Markets fell as the bank failed.", wording))
    assert background.references(step) == ["Markets fell as the bank failed.", wording]
    assert background.references(step, distinct=True) == ["Markets fell as the bank failed."]
    copied = background.human_agreement([step])
    distinct = background.human_agreement([step], distinct=True)
    assert copied["rouge1"] > distinct["rouge1"]  # a copy scored against itself inflates agreement


def test_a_named_part_of_the_grid_keeps_the_defaults(variants):
    grid = variants.chosen_variants("input share 0.6")
    assert list(grid) == ["defaults", "input share 0.6"]
    assert variants.chosen_variants(None) == variants.VARIANTS
    with pytest.raises(SystemExit):
        variants.chosen_variants("no such variant")


def test_event_table_has_one_cell_per_variant_and_event(variants):
    results = {"steady": {"a": _rows(0.5, 2), "b": _rows(0.25, 2)}}
    lines = variants.event_table(results, ["a", "b"]).splitlines()
    assert lines[0] == "| variant | a | b |"
    assert lines[2] == "| steady | 0.500 / 0.500 / 50.0 % / 100 | 0.250 / 0.250 / 25.0 % / 100 |"
