"""A fourth line-by-line reading of the briefs: a teaser that a Timeline filed as the day's event, a
weak line standing for a day that had a good one, and a plan for next year that What comes next
left out because another plan shared its year and a bloc's name."""

from __future__ import annotations

import numpy as np

from conftest import S, make
from newsdesk.brief.candidates import build_candidates, teaser
from newsdesk.brief.sections import Pool, dated_plans
from newsdesk.brief.summarize import tfidf_matrix
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import REPORTED_CLAUSE, Actor, Source, Story, TimelineEntry

PERU = Actor("Peru", "PER", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
#: Tuesday's main event in the Lima stories below: the Summary opens with it.
ACCORD = "Peru and Chile signed a copper accord in Lima on Tuesday, ending two years of talks over export quotas."


def _accord_row():
    return S(ACCORD, [("Peru", "GPE", PERU), ("Chile", "GPE", CHILE)], ("trade and economy",), [{}], [("Tuesday", "2025-05-06")])
MERCOSUR = Actor("Mercosur", None, "IGO")
ANDEAN = Actor("Andean Community", None, "IGO")


def _entries(article_id: str, written: str, lines: tuple[tuple[str, int, str], ...]) -> tuple[TimelineEntry, ...]:
    return tuple(TimelineEntry(day, text, (Source(article_id, index, text, date=written),)) for day, index, text in lines)


def _printed(brief, name: str) -> list[str]:  # noqa: ANN001
    return [i.text for s in brief.sections if s.name == name for i in s.items]


def test_a_teaser_that_announces_content_is_recognised():
    teasers = (
        "Here are five things the summit in Lima, which opened on Monday, told us about the region.",
        "Here's what the Lima summit on Monday means for copper prices.",
        "Four takeaways from the Lima summit that you need to know before the vote.",
        "What we know about the Andean accord signed in Lima on Monday.",
    )
    statements = (
        "Three questions will shape the coming weeks: whether Peru ratifies the accord and whether Chile joins it.",
        "Here, in the old colonial hall, Peru and Chile signed the accord on Monday.",
        "Peru and Chile said the talks in Lima on Monday had told them little that was new.",
        "Officials said things had moved faster than expected at the Lima summit on Monday.",
    )
    assert all(teaser(t) for t in teasers), [t for t in teasers if not teaser(t)]
    assert not any(teaser(t) for t in statements), [t for t in statements if teaser(t)]


def test_a_teaser_is_neither_a_timeline_entry_nor_a_summary_line():
    """The story's only line of its day was "Here are five things the trip … told us": the
    timeline kept it to give the day an entry."""
    signed = "Peru and Chile signed a copper accord in Lima on Tuesday after two days of talks."
    closed = "The Lima summit closed on Wednesday with a joint statement on lithium and copper exports."
    tease = "Here are five things the trip, which began in Lima on Monday, told us about the region."
    a1, n1 = make(
        "p1",
        "2025-05-08",
        "Wire",
        [
            S(tease, [("Lima", "GPE", PERU)], ("diplomacy",), [{}], [("Monday", "2025-05-05")]),
            S(signed, [("Peru", "GPE", PERU), ("Chile", "GPE", CHILE)], ("trade and economy",), [{}], [("Tuesday", "2025-05-06")]),
            S(closed, [("Lima", "GPE", PERU)], ("diplomacy",), [{}], [("Wednesday", "2025-05-07")]),
        ],
    )
    story = Story("p", "Lima summit", ("p1",), "2025-05-05", "2025-05-08", key_actors=("Peru", "Chile"))
    lines = (("2025-05-05", 0, tease), ("2025-05-06", 1, signed), ("2025-05-07", 2, closed))
    brief = write_brief(story, [a1], [n1], timeline=_entries("p1", "2025-05-08", lines))
    assert tease not in [e.text for e in brief.timeline]
    assert tease not in " ".join(_printed(brief, "Summary"))
    assert verify_brief(brief, {a1.id: a1}, {n1.article_id: n1}) == []


def _two_day_story() -> tuple:
    first = ACCORD
    second = "Bolivia's president arrived in Lima on Tuesday and met Peru's foreign minister for an hour."
    closing = "The Lima summit closed on Wednesday with a joint statement on lithium and copper exports by all three."
    a1, n1 = make(
        "q1",
        "2025-05-08",
        "Wire",
        [
            _accord_row(),
            S(second, [("Bolivia", "GPE", BOLIVIA), ("Peru", "GPE", PERU)], ("diplomacy",), [{}], [("Tuesday", "2025-05-06")]),
            S(closing, [("Lima", "GPE", PERU)], ("diplomacy",), [{}], [("Wednesday", "2025-05-07")]),
        ],
    )
    lines = (("2025-05-06", 0, first), ("2025-05-06", 1, second), ("2025-05-07", 2, closing))
    story = Story("q", "Lima summit", ("q1",), "2025-05-06", "2025-05-08", key_actors=("Peru", "Chile"))
    return story, a1, n1, _entries("q1", "2025-05-08", lines), (first, second, closing)


def test_the_timeline_keeps_a_days_main_event_that_the_summary_tells():
    """The Timeline is read on its own as the story's chronology: the accord the Summary opens with
    is still Tuesday's entry there, beside the day's other event."""
    story, a1, n1, entries, (first, second, closing) = _two_day_story()
    brief = write_brief(story, [a1], [n1], timeline=entries, max_summary_sentences=1)
    assert _printed(brief, "Summary") == [first]
    assert [(e.date, e.text) for e in brief.timeline] == [("2025-05-06", first), ("2025-05-06", second), ("2025-05-07", closing)]
    assert verify_brief(brief, {a1.id: a1}, {n1.article_id: n1}) == []


def test_a_weak_entry_does_not_stand_for_a_day_that_has_a_good_one():
    """A day's leaning line ("He also met …") is a filler only where the day has nothing better;
    here the day has the Summary's accord, which stays."""
    first = ACCORD
    leaning = "He also met Bolivia's foreign minister in Lima on Tuesday for an hour."
    a1, n1 = make(
        "w1",
        "2025-05-08",
        "Wire",
        [
            _accord_row(),
            S(leaning, [("Bolivia", "GPE", BOLIVIA)], ("diplomacy",), [{}], [("Tuesday", "2025-05-06")]),
        ],
    )
    story = Story("w", "Lima accord", ("w1",), "2025-05-06", "2025-05-08", key_actors=("Peru", "Chile"))
    lines = (("2025-05-06", 0, first), ("2025-05-06", 1, leaning))
    brief = write_brief(story, [a1], [n1], timeline=_entries("w1", "2025-05-08", lines))
    assert [(e.date, e.text) for e in brief.timeline] == [("2025-05-06", first)]


def _plans_pool() -> tuple[Pool, list[int]]:
    future = {"future": True}
    a1, n1 = make(
        "f1",
        "2025-09-05",
        "Wire",
        [
            S(
                "Chile hosts the Pacific forum in Santiago next year, and both leaders regularly meet at Mercosur gatherings.",
                [("Chile", "GPE", CHILE), ("Mercosur", "ORG", MERCOSUR)],
                ("multilateral bodies",),
                [{**future, "date": "2026-01-01", "actors": (CHILE,)}],
                [("next year", "2026-01-01")],
            ),
            S(
                "Bolivia, which chaired the Andean Community this year, will host the next leaders' meeting in 2026.",
                [("Bolivia", "GPE", BOLIVIA), ("Andean Community", "ORG", ANDEAN)],
                ("multilateral bodies",),
                [{**future, "date": "2026-01-01", "actors": (BOLIVIA,)}],
                [("2026", "2026-01-01")],
            ),
            S(
                "Peru will take over the rotating chairmanship of Mercosur in 2026.",
                [("Peru", "GPE", PERU), ("Mercosur", "ORG", MERCOSUR)],
                ("multilateral bodies",),
                [{**future, "date": "2026-01-01", "actors": (PERU,), "recipients": (MERCOSUR,)}],
                [("2026", "2026-01-01")],
            ),
            S(
                "Diplomats said the accord was designed to shield trade from swings after the November election in Chile.",
                [("Chile", "GPE", CHILE)],
                ("trade and economy",),
                [{**future, "date": "2025-11-01", "actors": (CHILE,), "clause": REPORTED_CLAUSE}],
                [("November", "2025-11-01")],
            ),
        ],
    )
    candidates = build_candidates([a1], [n1])
    pool = Pool(candidates, np.linspace(1.0, 0.5, len(candidates)), tfidf_matrix([c.text for c in candidates]), "2025-09-05")
    return pool, list(range(len(candidates)))


def test_a_plan_dated_ahead_is_new_where_another_plan_shares_its_year():
    """India's BRICS chair in 2026 was left out of What comes next: its year was in the SCO line, BRICS
    in the APEC line, so it added one new fact (India) and read as half the SCO line's words."""
    pool, ranked = _plans_pool()
    chair = "Peru will take over the rotating chairmanship of Mercosur in 2026."
    picked = [pool.candidates[i].text for i in pool.diverse(ranked, 6, plans_after="2025-09-05")]
    assert chair in picked
    assert dated_plans(pool.candidates[2], "2025-09-05") == {"plan:2026-01-01:PER", "plan:2026-01-01:Mercosur"}


def test_only_a_main_clause_plan_is_dated_by_its_own_clause():
    """A reported clause takes the sentence's first date: "designed to shield trade from swings after
    the November election" is no plan for November (the line the twelfth pass's date bonus let in)."""
    pool, _ = _plans_pool()
    assert dated_plans(pool.candidates[3], "2025-09-05") == frozenset()
    assert dated_plans(pool.candidates[2], "2026-06-30") == frozenset()  # by then it is no longer ahead
