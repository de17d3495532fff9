"""A weekday read against the tense of its clause, and an event's flags read from its own days."""

from __future__ import annotations

from newsdesk.analyze.dates import find_dates


def _days(text: str, article_date: str) -> list[str]:
    return [d.date for d in find_dates(text, article_date)]


def test_a_weekday_in_a_present_wish_looks_ahead():
    """2025-05-11 is a Sunday. What European governments "want at the centre of Monday's meeting"
    is the meeting still to come, not the one six days before."""
    assert _days("Envoys have said that fishing rights were discussed in Lima, and Chile wants that subject "
                 "at the centre of Monday's meeting.", "2025-05-11") == ["2025-05-12"]
    assert _days("Quito urges both sides to sign the accord on Friday.", "2025-05-11") == ["2025-05-16"]
    # a past verb in the clause, or a wish told in the past, still looks back
    assert _days("Chile's demands at Monday's meeting were rejected.", "2025-05-11") == ["2025-05-05"]
    assert _days("Officials had hoped Monday's meeting would settle it.", "2025-05-11") == ["2025-05-05"]
    # no wish and no tense cue: the sentence decides, as before
    assert _days("The outcome of Monday's meeting remains unclear.", "2025-05-11") == ["2025-05-05"]


def _flags(analyzer, text: str, date: str) -> dict[str, tuple[bool, bool]]:
    return {e.trigger or "": (e.future, e.historical) for e in analyzer.code_sentence(text, date)}


def test_another_nouns_day_does_not_make_an_event_future(analyzer):
    """Lam arrived on Monday; Wednesday's parade is ahead, but it is the parade's day, not the arrival's."""
    text = "Putin is due to remain in Pyongyang for Wednesday's parade, where he will be joined by Lam, who arrived on Monday."
    assert _flags(analyzer, text, "2024-06-17")["arrived"] == (False, False)


def test_a_relative_clauses_year_does_not_make_an_event_historical(analyzer):
    """"Proposed on Sunday" is this week's news; 2012 is when the minister took the post."""
    text = ("On Sunday Boric proposed replacing his interior minister, who had held the post since 2012, "
            "with a former mayor of Valparaiso.")
    future, historical = _flags(analyzer, text, "2025-05-13")["proposed"]
    assert not historical and not future
