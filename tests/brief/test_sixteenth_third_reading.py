"""A tenth line-by-line reading of the briefs: two lines of one day with the same parties and the
same object tell one act whatever types the analyzer gives them; a day given only as a deadline
dates no line of the story timeline either (the one test the brief's Timeline uses)."""

from __future__ import annotations

from conftest import S, make
from newsdesk.brief.candidates import build_candidates, same_act_told_twice, same_dated_event
from newsdesk.brief.writer import write_brief
from newsdesk.model import Actor, Story
from newsdesk.stories.timeline import story_timeline

MINISTERS = Actor("BOL ministers", "BOL", "GOV")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")

DECLARED = (
    "Andean ministers declared on Thursday that Bolivia is on a firm path to full membership of the bloc, "
    "in a communique that stopped short of a date but set out the largest credit package yet."
)
ADOPTED = (
    "On Thursday, bloc ministers adopted a charter describing Bolivia's path to membership as firm and "
    "pledging at least 2 billion dollars in credit over the next year."
)
SIGNED = "Bolivian ministers signed a gas supply contract with Chile on Thursday, the first since 2019."
WATCHED = "On Thursday the delegation from Chile watched an army parade beside the ministers in Oruro."


def _specs() -> list[S]:
    return [
        S(DECLARED, [("Bolivia", "GPE", BOLIVIA)], ("diplomacy",),
          [{"plover": "CONSULT", "actors": (MINISTERS,), "recipients": (BOLIVIA,), "date": "2025-06-05",
            "trigger": "declared", "clause": 1}],
          [("on Thursday", "2025-06-05")]),
        S(ADOPTED, [("Bolivia", "GPE", BOLIVIA)], ("diplomacy",),
          [{"plover": "REQUEST", "actors": (MINISTERS,), "recipients": (BOLIVIA,), "date": "2025-06-05",
            "trigger": "adopted", "future": True}],
          [("On Thursday", "2025-06-05")]),
        S(SIGNED, [("Chile", "GPE", CHILE)], ("energy",),
          [{"plover": "AGREE", "actors": (MINISTERS,), "recipients": (CHILE,), "date": "2025-06-05",
            "trigger": "signed"}],
          [("on Thursday", "2025-06-05")]),
        S(WATCHED, [("Chile", "GPE", CHILE)], ("security and military",),
          [{"plover": "CONSULT", "actors": (MINISTERS,), "recipients": (CHILE,), "date": "2025-06-05",
            "trigger": "watched"}],
          [("On Thursday", "2025-06-05")]),
    ]


def test_one_act_told_twice_in_two_types_is_one_timeline_line():
    article, analysis = make("b1", "2025-06-05", "Wire", _specs())
    declared, adopted, signed, watched = build_candidates([article], [analysis])
    assert not same_dated_event(declared, adopted)  # other types, one read as still to come
    assert same_act_told_twice(declared, adopted) and same_act_told_twice(adopted, declared)
    assert not same_act_told_twice(signed, watched)  # one party, two things done
    assert not same_act_told_twice(declared, signed)  # other recipients

    story = Story("s1", "Bolivia's path to the bloc", ("b1",), "2025-06-05", "2025-06-05", ("Bolivia",))
    timeline = story_timeline([article], [analysis], "s1")
    assert {DECLARED, ADOPTED} <= {e.text for e in timeline}  # the drafts still hold both
    brief = write_brief(story, [article], [analysis], timeline=timeline)
    printed = [e.text for e in brief.timeline]
    assert (DECLARED in printed) != (ADOPTED in printed)
    assert SIGNED in printed and WATCHED in printed


DEADLINE = "Arce had given Chile until June 6 to answer, a deadline the talks in Quito then overran."


def test_the_story_timeline_dates_no_line_by_a_deadline():
    article, analysis = make("d1", "2025-06-07", "Wire", [
        S(DEADLINE, [("Chile", "GPE", CHILE)], ("diplomacy",),
          [{"plover": "COERCE", "actors": (BOLIVIA,), "recipients": (CHILE,), "date": "2025-06-06",
            "trigger": "given"}],
          [("June 6", "2025-06-06")]),
        S("Ministers met in Quito on June 6 and talked until late.", [], ("diplomacy",),
          [{"actors": (BOLIVIA,), "recipients": (CHILE,), "date": "2025-06-06", "trigger": "met"}],
          [("June 6", "2025-06-06")]),
    ])
    texts = [e.text for e in story_timeline([article], [analysis])]
    assert DEADLINE not in texts
    assert "Ministers met in Quito on June 6 and talked until late." in texts
