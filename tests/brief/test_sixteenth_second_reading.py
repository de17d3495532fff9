"""A ninth line-by-line reading of the briefs: an undated act that the sentence places in the story
is news, not background; a day given only as a deadline dates no act in the Timeline; a relative
clause about a party's past does not make the main clause's plan history."""

from __future__ import annotations

from conftest import S
from conftest import pool as _pool
from newsdesk.brief.candidates import Candidate, is_historical, without_side_clauses
from newsdesk.brief.sections import outlook, still_ahead
from newsdesk.model import Actor
from newsdesk.stories.timeline import deadline_only

ROJAS = Actor("Ana Rojas", "BOL", "GOV", role="Foreign Minister of Bolivia")


DOUBLES = (
    "The quota, approved by the ministers in the early hours, doubles the previous ceiling of 40,000 tonnes "
    "a year, which runs until 2026."
)
SHUNNED = "Buyers had shunned Bolivian lithium from this week's output, a heavy blow to small miners."


def test_an_undated_act_the_sentence_places_in_the_story_is_news():
    undated_done = {"plover": "AGREE", "historical": True}
    pool = _pool(
        [("q1", "2025-06-08", [
            S(DOUBLES, themes=("trade and economy",), events=[undated_done], dates=[("2026", "2026-01-01")]),
            S(SHUNNED, themes=("trade and economy",), events=[undated_done], dates=[("this week", "2025-06-02")]),
            S("The quota, agreed in the early hours, doubles the ceiling.", themes=("trade and economy",),
              events=[undated_done]),
        ])],
        "2025-06-08",
    )
    doubles, shunned, bare = pool.candidates
    assert not is_historical(doubles, "2025-06-02")
    # a past perfect keeps it before the report; with no date in the story, the wording decides
    assert is_historical(shunned, "2025-06-02")
    assert is_historical(bare, "2025-06-02")


def dated_by_deadline(candidate: Candidate, day: str) -> bool:
    return deadline_only(candidate.sentence, candidate.dates, day)


DEADLINE = "Arce had given Chile until June 6 to answer, and on Wednesday he ordered new checks at the border."


def test_a_day_given_as_a_deadline_dates_no_act():
    pool = _pool(
        [("d1", "2025-06-07", [
            S(DEADLINE, themes=("diplomacy",), events=[{"date": "2025-06-06"}],
              dates=[("June 6", "2025-06-06"), ("on Wednesday", "2025-06-04")]),
            S("Ministers must reply no later than Friday, the chair said.", themes=("diplomacy",),
              dates=[("Friday", "2025-06-06")]),
            S("Ministers met in Quito on June 6 and talked until late.", themes=("diplomacy",),
              dates=[("June 6", "2025-06-06")]),
        ])],
        "2025-06-07",
    )
    deadline, no_later, met = pool.candidates
    assert dated_by_deadline(deadline, "2025-06-06")
    assert not dated_by_deadline(deadline, "2025-06-04")  # the order on Wednesday was an act
    assert dated_by_deadline(no_later, "2025-06-06")
    assert not dated_by_deadline(met, "2025-06-06")


# Named: "The former Bolivian foreign minister, who …" would lean on the line that named him (see
# test_seventeenth_reading.py), and What comes next would leave it out for that.
HANDOVER = (
    "Commission chair Luis Vega, who has led the commission since 2019, will hand over on Oct. 1 "
    "to Ana Rojas, whose appointment ministers confirmed last month."
)


def test_a_side_clause_about_a_partys_past_does_not_make_a_plan_history():
    assert without_side_clauses(HANDOVER) == (
        "Commission chair Luis Vega, will hand over on Oct. 1 to Ana Rojas,"
    )
    pool = _pool(
        [("h1", "2025-06-09", [
            S(HANDOVER, [("Ana Rojas", "PERSON", ROJAS)], ("diplomacy",),
              dates=[("2019", "2019-01-01"), ("Oct. 1", "2025-10-01"), ("last month", "2025-05-01")]),
            S("The commission, which will meet on Oct. 1, was set up in 2019.", themes=("diplomacy",),
              dates=[("Oct. 1", "2025-10-01"), ("2019", "2019-01-01")]),
            S("The minister will hand over on Oct. 1 to Ana Rojas, as agreed last month.",
              [("Ana Rojas", "PERSON", ROJAS)], ("diplomacy",),
              dates=[("Oct. 1", "2025-10-01"), ("last month", "2025-05-01")]),
        ])],
        "2025-06-09",
    )
    handover, set_up, as_agreed = pool.candidates
    assert still_ahead(handover, pool)
    # the main clause's own past still counts
    assert not still_ahead(set_up, pool)
    assert not still_ahead(as_agreed, pool)
    assert [p.candidate.text for p in outlook(pool)] == [HANDOVER]
