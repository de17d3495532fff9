"""A weekday after a past verb dates that act, even when what the act set out looks ahead; and
"agreed" is a past verb though it ends in "-eed"."""

from __future__ import annotations

from newsdesk.analyze.dates import find_dates

THURSDAY = "2025-06-12"


def _day(text: str) -> str:
    return next(d.date for d in find_dates(text, THURSDAY) if "Wednesday" in d.text)


def test_a_later_span_in_what_a_past_act_set_out_does_not_move_its_day():
    assert _day("Andean ministers adopted a water charter on Wednesday that runs for the next year.") == "2025-06-11"
    assert _day("Andean ministers signed on Wednesday a pledge to meet again next year.") == "2025-06-11"
    # a future cue before the day, or one that dates the day itself, still looks ahead
    assert _day("Andean ministers will adopt a water charter on Wednesday that runs for the next year.") == (
        "2025-06-18")
    assert _day("Andean ministers announced talks on Wednesday next week.") == "2025-06-18"


def test_agreed_is_a_past_verb():
    assert _day("On Wednesday, Andean ministers agreed to meet again next year in Quito.") == "2025-06-11"
    assert _day("On Wednesday, Andean ministers will meet again in Quito.") == "2025-06-18"


def test_the_adoption_is_not_a_future_event(analyzer):
    text = "Andean ministers adopted a water charter on Wednesday that runs for the next year."
    event = next(e for e in analyzer.code_sentence(text, THURSDAY) if (e.trigger or "").startswith("adopted"))
    assert (event.date, event.future) == ("2025-06-11", False)
