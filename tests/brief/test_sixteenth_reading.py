"""An eighth line-by-line reading of the briefs: a first line that names the story's event less than
half as well as a later one gives way to it; a side event's line comes last in the Summary; what a
done package was meant to do is no plan; what analysts make of the story is analysis, not a plan;
"accused the three leaders of conspiring" leans on the line before, in Reactions too; a sweep over
the event's scenes and a one-line mood are colour, not aspects; the host "is hosting the meeting"
is a stale preview once the meeting is over."""

from __future__ import annotations

from conftest import S, done_lines
from conftest import pool as _pool
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.candidates import commentary, perspective
from newsdesk.brief.reactions import reactions
from newsdesk.brief.sections import (
    central_first,
    key_aspects,
    outlook,
    side_events_last,
    stale,
    still_ahead,
    summary,
)
from newsdesk.model import Actor, Story

BORIC = Actor("Gabriel Boric", "CHL", "GOV", role="President of Chile")
ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
CHILE = Actor("Chile", "CHL", "GOV")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
EU = Actor("European Union", "EUR", "IGO")
MILEI = Actor("Javier Milei", "ARG", "GOV", role="President of Argentina")
KALLAS = Actor("Kaja Kallas", "EUR", "IGO", role="EU foreign policy chief")
DONE = {"plover": "CONSULT"}

TITLE = "Andean ministers agree lithium export quota after marathon talks in Quito"
OPENED = "The Andean climate meeting opened in Quito on Monday with five days of talks."
AGREED = "Ministers from five Andean countries agreed on Sunday on a lithium export quota in Quito."
SIDELINES = "Peru and Chile held their first formal talks on lithium in Quito during the Andean meeting."
FLOODS = "On Monday, floods hit Cusco and several other highland towns, killing dozens of people."
WALKOUT = "Bolivia's delegation left the Andean talks on Saturday over the quota's first draft."


def test_a_first_line_naming_the_event_less_than_half_as_well_gives_way():
    opened, agreed = done_lines(OPENED, AGREED)
    # three of the title's nine words against seven: the agreement leads
    assert central_first([opened, agreed], TITLE, [0, 1]) == [1, 0]
    # four against seven is not twice as many: a first line about the talks keeps its place (told "on the
    # sidelines of" the meeting, it gives way: see test_seventeenth_reading.py)
    sidelines, agreed = done_lines(SIDELINES, AGREED)
    assert central_first([sidelines, agreed], TITLE, [0, 1]) == [0, 1]


def test_a_side_event_comes_last_in_the_summary():
    agreed, floods, walkout = done_lines(AGREED, FLOODS, WALKOUT)
    assert side_events_last([agreed, floods, walkout], TITLE, [0, 1, 2]) == [0, 2, 1]
    # a first line off the title: the title tells little about the lines, nothing moves
    assert side_events_last([floods, agreed, walkout], TITLE, [1, 0, 2]) == [1, 0, 2]
    assert side_events_last([agreed, floods, walkout], "Quito talks", [0, 1, 2]) == [0, 1, 2]
    # in the Summary: told in order, the agreement leads (central_first), the floods go last
    pool = _pool(
        [(aid, date, [S(text, themes=("diplomacy",), events=[DONE])])
         for aid, date, text in (("f1", "2025-06-02", FLOODS), ("f2", "2025-06-07", WALKOUT), ("f3", "2025-06-08", AGREED))],
        "2025-06-08",
    )
    assert [p.candidate.text for p in summary(pool, "2025-06-02", 5, TITLE)] == [AGREED, WALKOUT, FLOODS]


PURPOSE = (
    "Officials said the Quito package was designed in part to shield the quota from future political swings "
    "among members, including the outcome of Peru's election in April."
)
PLAN = "Ministers will meet again in La Paz in April to review the quota."
ANALYSTS = "Mining analysts have said the quota alone will not lift prices, but that it could steady exports."


def test_what_a_done_package_was_meant_to_do_and_what_analysts_make_of_it_are_no_plans():
    ahead = {"future": True, "date": "2026-04-01"}
    pool = _pool(
        [("w1", "2025-06-09", [
            S(PURPOSE, themes=("trade and economy",), events=[ahead], dates=[("in April", "2026-04-01")]),
            S(PLAN, [("La Paz", "GPE", BOLIVIA)], ("trade and economy",), [ahead], [("in April", "2026-04-01")]),
            S(ANALYSTS, themes=("trade and economy",), events=[{"future": True}]),
        ])],
        "2025-06-09",
    )
    purpose, plan, _ = pool.candidates
    assert not still_ahead(purpose, pool) and still_ahead(plan, pool)
    assert [p.candidate.text for p in outlook(pool)] == [PLAN]
    assert perspective(ANALYSTS)
    assert perspective("Analysts cautioned that the quota covers only some of the region's mines.")
    assert not perspective("Some experts expect the talks to resume in March.")
    assert not perspective("Arce said analysts had misread the quota.")


ACCUSED = (
    "Argentine President Javier Milei accused the three leaders of conspiring against Argentina, and the "
    "European Union's foreign policy chief, Kaja Kallas, called the gathering a challenge to the regional order."
)


def test_accused_the_three_leaders_leans_on_the_line_before_in_reactions_too():
    assert unresolved_reference("Boric accused the three leaders of conspiring against Chile.")
    assert not unresolved_reference("The three leaders of the Andean bloc met in Quito on Sunday.")
    pool = _pool(
        [("r1", "2025-06-09", [
            S("Arce, Boric and Ecuador's president met in Quito on Sunday.",
              [("Arce", "PERSON", ARCE), ("Boric", "PERSON", BORIC)], ("diplomacy",), [DONE]),
            S("Bolivia and Chile signed the quota with Ecuador.", [("Bolivia", "GPE", BOLIVIA), ("Chile", "GPE", CHILE)],
              ("diplomacy",), [DONE]),
            S(ACCUSED, [("Javier Milei", "PERSON", MILEI), ("Kaja Kallas", "PERSON", KALLAS),
                        ("European Union", "ORG", EU)], ("diplomacy",), [DONE]),
        ])],
        "2025-06-09",
    )
    story = Story("s1", TITLE, ("r1",), "2025-06-09", "2025-06-09", ("Luis Arce", "Gabriel Boric"))
    printed = [(p.group, p.printed) for p in reactions(pool, story)]
    assert all("three leaders" not in text for _, text in printed)
    assert any(text.startswith("The European Union's foreign policy chief, Kaja Kallas") for _, text in printed)


MONTAGE = (
    "From the folk concert in La Paz to the stop at the Quito Institute of Technology and the wreath laid at "
    "a memorial to miners, the programme was built around shared history and technology."
)
SUBSTANCE = "Both countries plan joint research on lithium batteries and solar storage at two new laboratories."


def test_a_sweep_over_the_scenes_and_a_one_line_mood_are_colour_not_aspects():
    assert commentary(MONTAGE)
    assert not commentary("From the 2019 meeting to the 2024 one, lithium exports rose 60%.")
    assert not commentary("From the start, the talks were tense.")
    assert commentary("The border dispute hung over the talks.")
    assert commentary("Tariffs loomed over the meeting.")
    assert not commentary("The border dispute hung over the talks, and Arce asked for a commission within weeks.")
    assert not commentary("The debt weighs on the economy.")
    pool = _pool(
        [("k1", "2025-06-09", [
            S(MONTAGE, [("La Paz", "GPE", BOLIVIA)], ("technology",), [DONE]),
            S(SUBSTANCE, themes=("technology",), events=[DONE]),
            S("The border dispute hung over the talks.", themes=("technology",), events=[DONE]),
        ])],
        "2025-06-09",
    )
    assert [p.candidate.text for p in key_aspects(pool, ("technology",))] == [SUBSTANCE]


def test_the_host_is_hosting_the_meeting_is_stale_once_it_is_over():
    hosting = "President Luis Arce is hosting the summit at a difficult moment for the bloc."
    before = _pool(
        [("h1", "2025-06-05", [S(hosting, [("Luis Arce", "PERSON", ARCE)], ("diplomacy",), [DONE])]),
         ("h2", "2025-06-08", [S(AGREED, themes=("diplomacy",), events=[DONE])])],
        "2025-06-08",
    )
    assert stale(before.candidates[0], before)
    today = _pool([("h3", "2025-06-08", [S(hosting, [("Luis Arce", "PERSON", ARCE)], ("diplomacy",), [DONE])])], "2025-06-08")
    assert not stale(today.candidates[0], today)
