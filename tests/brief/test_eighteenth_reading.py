"""The eighteenth reading: the cue rules of the last passes, tried on new wordings. A standing
position is told by how often or how long, whatever the verb ("has denied repeatedly", "has for
years insisted", "routinely rejects"); a reaction is cut before any contrasting clause that tells
other news (", even as …", "; meanwhile …", " — while …"); a side event may put the word after its
event ("on the summit's sidelines"); a relative clause set off by dashes or brackets, or a "where"
clause, describes in passing as one set off by commas does. And what a reader of the briefs found
besides: what was said on a trip before the story, what goes on from it, and an act told as "Earlier
this month …" are no reactions (the last is background); a charge told in the present with no date
is a held position; a background line placed by a bare weekday carries its report date."""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import ANDEAN_DYAD as DYAD
from conftest import ANDEAN_LEAD as LEAD
from conftest import ARCE, PERU, S, andean_reactions, done_lines
from conftest import pool as _pool
from newsdesk.brief.candidates import is_historical
from newsdesk.brief.reactions import reactions
from newsdesk.brief.sections import background, central_first, still_ahead
from newsdesk.model import SUBORDINATE_CLAUSE, Actor, Story


def _reactions(text: str) -> list[tuple[str, str]]:
    return andean_reactions(S(text, [("Lima", "GPE", PERU)], ("diplomacy",)))


@pytest.mark.parametrize("text", [
    "Lima has denied repeatedly that it backs either side and says it is a neutral party in the dispute.",
    "Lima has for years insisted that it backs neither side and is a neutral party in the dispute.",
    "Lima has time and again rejected claims that it backs either side in the dispute.",
    "Lima routinely rejects claims that it backs either side and says it is a neutral party in the dispute.",
    "Lima has long been critical of the quota and says it harms its own lithium exporters.",
])
def test_a_standing_position_is_told_by_how_often_whatever_the_verb(text):
    assert _reactions(text) == []


def test_a_reaction_with_no_frequency_is_still_a_reaction():
    for text in ("Lima denied backing either side and said it was a neutral party in the dispute.",
                 "Lima has already said it backs neither side and called the quota a neutral step."):
        assert _reactions(text) == [("Peru", text)]


@pytest.mark.parametrize("after", [
    ", even as Andean ministers set up a new observer category.",
    "; meanwhile Andean ministers set up a new observer category.",
    " — while Andean ministers set up a new observer category.",
    ", but Andean ministers set up a new observer category.",
])
def test_a_reaction_is_cut_before_any_contrasting_clause_about_other_news(after):
    assert _reactions("The quota drew criticism from Lima" + after) == [("Peru", "The quota drew criticism from Lima")]


def test_a_but_that_goes_on_with_the_reacting_party_is_not_cut():
    text = "The quota drew criticism from Lima, but won praise from its lithium exporters."
    assert _reactions(text) == [("Peru", text)]


TITLE = "Lam meets Boric in Quito as Andean summit closes with new observer tier"
CLOSED = ("Lam met Chilean President Gabriel Boric in Quito on Thursday as the Andean summit closed with a new "
          "observer status for five countries.")


@pytest.mark.parametrize("place", [
    "sitting down on the Andean summit's sidelines in Quito",
    "sitting down on the sidelines at the Andean summit in Quito",
    "sitting down in the margins of the Andean summit in Quito",
    "sitting down on the side-lines of the Andean summit in Quito",
])
def test_a_side_event_in_other_words_gives_way_to_the_event_it_is_beside(place):
    aside = ("Peru's president and Bolivia's president held their first formal meeting in five years on Wednesday, "
             f"{place}.")
    first, closed = done_lines(aside, CLOSED)
    assert central_first([first, closed], TITLE, [0, 1]) == [1, 0]


def test_a_margin_that_is_no_place_does_not_make_a_side_event():
    won = ("Peru's president and Bolivia's president held their first formal meeting in five years on Wednesday, "
           "sitting down at the Andean summit in Quito after a vote won by a narrow margin.")
    first, closed = done_lines(won, CLOSED)
    assert central_first([first, closed], TITLE, [0, 1]) == [0, 1]


def _ahead(text: str) -> bool:
    host = [{"future": True, "clause": SUBORDINATE_CLAUSE, "trigger": "host"}]
    line = S(text, [("Arce", "PERSON", ARCE)], ("diplomacy",), host, [("next year", "2026-01-01")])
    pool = _pool([("q2", "2025-06-11", [LEAD, line])], "2025-06-11")
    return still_ahead(pool.candidates[1], pool)


@pytest.mark.parametrize("text", [
    "Arce handed the rotating presidency to Peru — which will host next year's summit — at the close of the meeting.",
    "Arce handed the rotating presidency to Peru (which will host next year's summit) at the close of the meeting.",
    "Arce handed the rotating presidency to Peru, where next year's summit will be held.",
])
def test_a_plan_only_in_a_dashed_bracketed_or_where_clause_is_not_what_comes_next(text):
    assert not _ahead(text)


def test_a_plan_in_the_main_clause_beside_a_dashed_aside_stays():
    assert _ahead("Arce — who chaired the meeting — will hand the rotating presidency to Peru next year.")


ALVAREZ = Actor("Ana Alvarez", "PER", "GOV", role="Foreign Minister of Peru")


def _story_reactions(*lines: S) -> list[tuple[str, str]]:
    pool = _pool([("q1", "2025-06-11", [LEAD, DYAD, *lines])], "2025-06-11")
    story = Story("s1", "Arce and Boric close Andean summit", ("q1",), "2025-06-10", "2025-06-11",
                  ("Luis Arce", "Gabriel Boric"))
    return [(p.group, p.printed) for p in reactions(pool, story)]


def test_what_was_said_on_a_trip_before_the_story_is_no_reaction_nor_what_goes_on_from_it():
    trip = S("Peru's foreign minister Ana Alvarez, who held talks in Lima in late May, said during that trip that "
             "Bolivia was the leading supplier of lithium to Chile.", [("Ana Alvarez", "PERSON", ALVAREZ)],
             ("diplomacy",), dates=[("late May", "2025-05-20")])
    more = S("She warned that Lima was prepared to take further steps if the flows continued.", [], ("diplomacy",))
    assert _story_reactions(trip, more) == []
    # said during the story's own meeting, it is a reaction
    now = S("Peru's foreign minister Ana Alvarez, who held talks in Quito on Wednesday, said during that trip that "
            "Bolivia was the leading supplier of lithium to Chile.", [("Ana Alvarez", "PERSON", ALVAREZ)],
            ("diplomacy",), dates=[("on Wednesday", "2025-06-11")])
    assert [group for group, _ in _story_reactions(now)] == ["Ana Alvarez"]


def test_an_act_told_as_earlier_this_month_is_background_not_a_reaction():
    text = ("Earlier this month Lima announced sanctions on 30 firms in Bolivia and Chile that it accused of "
            "smuggling lithium.")
    line = S(text, [("Lima", "GPE", PERU)], ("trade and economy",), dates=[("Earlier this month", "2025-06-01")])
    assert _story_reactions(line) == []
    pool = _pool([("q1", "2025-06-11", [LEAD, line])], "2025-06-11")
    # the date resolver reads "this month" as the whole month, which holds the story's days
    month = tuple(replace(d, date_end="2025-06-30", granularity="month") for d in pool.candidates[1].dates)
    assert is_historical(replace(pool.candidates[1], dates=month), "2025-06-10")
    # further in, "earlier this month" is an aside of the news
    news = S("Lima on Wednesday lifted the sanctions it announced earlier this month on 30 firms in Bolivia.",
             [("Lima", "GPE", PERU)], ("trade and economy",), [{"plover": "CONCEDE", "date": "2025-06-11"}],
             [("on Wednesday", "2025-06-11")])
    pool = _pool([("q1", "2025-06-11", [LEAD, news])], "2025-06-11")
    assert not is_historical(pool.candidates[1], "2025-06-10")


def test_a_charge_told_in_the_present_with_no_date_is_held_not_a_reaction():
    held = S("Western governments accuse Bolivia of helping to sustain Chile's smelters by supplying lithium, a "
             "charge La Paz denies.", [], ("trade and economy",))
    assert _story_reactions(held) == []
    told = S("Western governments accused Bolivia on Wednesday of helping to sustain Chile's smelters by "
             "supplying lithium.", [], ("trade and economy",), dates=[("on Wednesday", "2025-06-11")])
    assert [group for group, _ in _story_reactions(told)] == ["Western governments"]


def test_a_background_line_placed_by_a_bare_weekday_carries_its_report_date():
    text = ("Arce had given Lima until June 1 to agree, and on Wednesday he ordered a 25% tariff on Peruvian "
            "copper over its sales to Chile.")
    line = S(text, [("Arce", "PERSON", ARCE)], ("trade and economy",), [{"historical": True, "date": "2025-06-04"}],
             [("June 1", "2025-06-01"), ("on Wednesday", "2025-06-04")])
    pool = _pool([("q1", "2025-06-08", [line])], "2025-06-11")
    picks = background(pool, [], "2025-06-10")
    assert [(p.candidate.text, p.group) for p in picks] == [(text, "2025-06-08")]
    dated = S("Arce had given Lima until June 1 to agree to the quota and to cut its copper sales to Chile.",
              [("Arce", "PERSON", ARCE)], ("trade and economy",), [{"historical": True, "date": "2025-06-01"}],
              [("June 1", "2025-06-01")])
    pool = _pool([("q1", "2025-06-08", [dated])], "2025-06-11")
    assert [p.group for p in background(pool, [], "2025-06-10")] == [None]


def test_a_date_in_a_participle_that_describes_the_subject_does_not_make_a_plan_history():
    """ "The truce first agreed in Geneva in May is due to expire on November 10": May dates the truce."""
    def ahead(text: str, dates: list[tuple[str, str]]) -> bool:
        line = S(text, [], ("trade and economy",), [], dates)
        pool = _pool([("q2", "2025-06-11", [LEAD, line])], "2025-06-11")
        return still_ahead(pool.candidates[1], pool)

    assert ahead("The lithium quota first agreed in Lima in May is due to expire on June 30.",
                 [("in May", "2025-05-01"), ("June 30", "2025-06-30")])
    # the participle's act is past, and so is the main one: nothing ahead
    assert not ahead("The lithium quota agreed in Lima in May was renewed by both ministers on Wednesday.",
                     [("in May", "2025-05-01"), ("on Wednesday", "2025-06-11")])
