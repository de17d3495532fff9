"""A tenth line-by-line reading of the briefs: a key player who met one side of the story in person,
within its dates, is a participant; what he says is the story, not a third party's reaction. A short
Key aspects line that names only people a printed line already names restates that line."""

from __future__ import annotations

from conftest import S
from conftest import pool as _pool
from newsdesk.brief.reactions import reactions
from newsdesk.brief.sections import key_aspects
from newsdesk.model import Actor, Story

BORIC = Actor("Gabriel Boric", "CHL", "GOV", role="President of Chile")
ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
CHILE = Actor("Chile", "CHL", "GOV")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
LAM = Actor("Ana Lam", "PER", "GOV", role="President of Peru")
TITLE = "Arce and Boric close Andean summit in Quito with a lithium quota"
SAID = "Lam said the two countries should deepen cooperation on lithium and settle their differences calmly."


def _said(meeting: S) -> list[tuple[str, str]]:
    pool = _pool(
        [("q1", "2025-06-11", [
            S("Arce and Boric signed a lithium quota in Quito on Wednesday as the Andean summit closed.",
              [("Arce", "PERSON", ARCE), ("Boric", "PERSON", BORIC)], ("diplomacy",), [{"date": "2025-06-11"}]),
            S("Bolivia and Chile will review the quota in March.", [("Bolivia", "GPE", BOLIVIA), ("Chile", "GPE", CHILE)],
              ("diplomacy",), [{"future": True}]),
            meeting,
            S(SAID, [("Lam", "PERSON", LAM)], ("diplomacy",)),
        ])],
        "2025-06-11",
    )
    story = Story("s1", TITLE, ("q1",), "2025-06-10", "2025-06-11", ("Luis Arce", "Gabriel Boric", "Ana Lam"))
    return [(p.group, p.printed) for p in reactions(pool, story)]


def _meeting(trigger: str, date: str, **flags: bool) -> S:
    text = f"Arce and Peru's president Ana Lam {trigger} in Quito on {date}."
    return S(text, [("Arce", "PERSON", ARCE), ("Ana Lam", "PERSON", LAM)], ("diplomacy",),
             [{"actors": (ARCE, LAM), "trigger": trigger, "date": date, **flags}])


def test_a_key_player_who_met_one_side_in_the_story_is_no_third_party():
    assert _said(_meeting("held talks", "2025-06-10")) == []
    # a call, a planned or an earlier meeting leaves her a third party
    outside = [("Ana Lam", SAID)]
    assert _said(_meeting("spoke by phone", "2025-06-10")) == outside
    assert _said(_meeting("held talks", "2025-06-12", future=True)) == outside
    assert _said(_meeting("held talks", "2025-03-02")) == outside


FAREWELL = "The summit doubles as a farewell for Ana Lam, who has chaired the Andean commission since 2019."
NOTE = "The meeting is Lam's last as chair of the commission."


def _aspects(note: S) -> list[str]:
    pool = _pool(
        [("q2", "2025-06-11", [
            S(FAREWELL, [("Ana Lam", "PERSON", LAM)], ("diplomacy",), [{"historical": True}]),
            note,
        ])],
        "2025-06-11",
    )
    pool.take(0)  # printed in an earlier section
    return [p.candidate.text for p in key_aspects(pool, ("diplomacy",))]


def test_a_short_note_on_a_person_a_printed_line_already_tells_adds_nothing():
    assert _aspects(S(NOTE, [("Lam", "PERSON", LAM)], ("diplomacy",))) == []
    # a person the printed line does not name, or a line long enough to tell more, is an aspect of its own
    other = "The meeting is Arce's last as president of Bolivia."
    assert _aspects(S(other, [("Arce", "PERSON", ARCE)], ("diplomacy",))) == [other]
    longer = ("The meeting is Lam's last as chair of the commission, which she steered through two lithium disputes "
              "and a border row.")
    assert _aspects(S(longer, [("Lam", "PERSON", LAM)], ("diplomacy",))) == [longer]
