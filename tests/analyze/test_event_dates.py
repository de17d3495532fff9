"""Which date phrase dates which event: read from the parse, not the sentence's first day."""

from __future__ import annotations

from newsdesk.model import MAIN_CLAUSE, SUBORDINATE_CLAUSE


def _by_trigger(analyzer, text: str, date: str) -> dict[str, tuple[str | None, int]]:
    return {e.trigger or "": (e.date, e.clause) for e in analyzer.code_sentence(text, date)}


def test_a_relative_clauses_day_does_not_date_the_main_event(analyzer):
    # 2024-06-21 is a Friday: "on Monday" is 17 June, but it is the visit's day, not the summit's
    found = _by_trigger(
        analyzer,
        "The summit ends a tour of Asia for Putin, who visited Hanoi on Monday and met Lam in Hanoi on Tuesday.",
        "2024-06-21",
    )
    assert found["ends tour"] == (None, MAIN_CLAUSE)
    assert found["visited"] == ("2024-06-17", SUBORDINATE_CLAUSE)


def test_a_possessive_day_dates_its_own_noun(analyzer):
    found = _by_trigger(analyzer, "Putin met Kim after Wednesday's parade in Pyongyang.", "2024-06-21")
    assert found["met"][0] is None


def test_a_relating_preposition_does_not_date_the_event(analyzer):
    found = _by_trigger(
        analyzer, "On Thursday Putin held talks with Kim, their first meeting since a summit in September.",
        "2024-06-21",
    )
    assert found["held talks"][0] == "2024-06-20"


def test_the_main_clause_keeps_its_own_day(analyzer):
    found = _by_trigger(analyzer, "Putin met Kim on Wednesday, a day after he arrived on Tuesday.", "2024-06-21")
    assert found["met"] == ("2024-06-19", MAIN_CLAUSE)


def test_a_reported_plan_keeps_its_day(analyzer):
    events = analyzer.code_sentence("The Kremlin said Putin will visit China on May 16.", "2024-05-10")
    assert any(e.date == "2024-05-16" for e in events)
