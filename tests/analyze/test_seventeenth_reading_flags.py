"""A done act dated by a weekday set before its clause: the weekday is read from the clause it
opens, and a later span inside what was adopted ("aid over the next year") does not make the act
future."""

from __future__ import annotations

from newsdesk.analyze.dates import find_dates


def _days(text: str, article_date: str) -> list[tuple[str, str]]:
    return [(d.text, d.date) for d in find_dates(text, article_date)]


def test_a_fronted_weekday_takes_the_tense_of_the_clause_it_opens():
    """2025-06-12 is a Thursday. "On Wednesday, ministers adopted …" is the day before, whatever
    "the next year" later in the sentence says; a plan after the same opening looks ahead."""
    adopted = ("On Wednesday, Andean ministers adopted a charter committing $4 billion to Bolivia's lithium "
               "industry over the next year.")
    assert _days(adopted, "2025-06-12")[0] == ("Wednesday", "2025-06-11")
    assert _days("On Wednesday, Andean ministers will adopt a charter for the next year.", "2025-06-12")[0] == (
        "Wednesday", "2025-06-18")
    assert _days("On Wednesday, the ministers are expected to adopt a charter.", "2025-06-12")[0] == (
        "Wednesday", "2025-06-18")
    # a weekday with words of its own in its clause is read as before
    assert _days("Ministers adopted a charter on Wednesday.", "2025-06-12")[0] == ("on Wednesday", "2025-06-11")


def _event(analyzer, text: str, date: str, trigger: str):
    return next(e for e in analyzer.code_sentence(text, date) if (e.trigger or "").startswith(trigger))


def test_a_done_act_is_not_future_for_the_span_of_what_it_made(analyzer):
    text = ("On Wednesday, Andean ministers adopted a charter describing Bolivia's lithium plan as vital and "
            "committing at least $4 billion in aid over the next year.")
    event = _event(analyzer, text, "2025-06-11", "adopted")
    assert (event.date, event.future) == ("2025-06-11", False)
    # a plan the act itself reports still looks ahead
    agreed = _event(analyzer, "On Wednesday, Andean ministers promised to sign a charter next year.", "2025-06-11",
                    "promised")
    assert agreed.future
    # with no day of its own, a past verb does not settle it: the later date still counts
    undated = _event(analyzer, "Andean ministers adopted a charter committing aid over the next year.", "2025-06-11",
                     "adopted")
    assert undated.future
