"""An eleventh line-by-line reading of the briefs: a standing position ("has repeatedly denied") is
no reaction to the story; a reaction is printed without a "while" clause that tells other news; and
a done act whose only plan sits in a comma-bounded relative clause is not What comes next."""

from __future__ import annotations

from conftest import S
from conftest import pool as _pool
from newsdesk.brief.reactions import reactions
from newsdesk.brief.sections import still_ahead
from newsdesk.model import SUBORDINATE_CLAUSE, Actor, Story

ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
BORIC = Actor("Gabriel Boric", "CHL", "GOV", role="President of Chile")
BOLIVIA = Actor("Bolivia", "BOL", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
PERU = Actor("Peru", "PER", "GOV")
LEAD = S("Arce and Boric signed a lithium quota in Quito on Wednesday as the Andean summit closed.",
         [("Arce", "PERSON", ARCE), ("Boric", "PERSON", BORIC)], ("diplomacy",), [{"date": "2025-06-11"}])
DYAD = S("Bolivia and Chile will review the quota in March.", [("Bolivia", "GPE", BOLIVIA), ("Chile", "GPE", CHILE)],
         ("diplomacy",), [{"future": True}])


def _reactions(line: S) -> list[tuple[str, str]]:
    pool = _pool([("q1", "2025-06-11", [LEAD, DYAD, line])], "2025-06-11")
    story = Story("s1", "Arce and Boric close Andean summit", ("q1",), "2025-06-10", "2025-06-11",
                  ("Luis Arce", "Gabriel Boric"))
    return [(p.group, p.printed) for p in reactions(pool, story)]


def test_a_standing_position_is_no_reaction():
    standing = "Lima has repeatedly denied backing either side and says it is a neutral party in the dispute."
    assert _reactions(S(standing, [("Lima", "GPE", PERU)], ("diplomacy",))) == []
    said = "Lima denied backing either side and said it was a neutral party in the dispute."
    assert _reactions(S(said, [("Lima", "GPE", PERU)], ("diplomacy",))) == [("Peru", said)]


def test_a_reaction_is_printed_without_the_other_news_after_while():
    text = "The quota drew criticism from Lima, while Andean ministers set up a new observer category."
    assert _reactions(S(text, [("Lima", "GPE", PERU)], ("diplomacy",))) == [
        ("Peru", "The quota drew criticism from Lima")
    ]


def _ahead(text: str, events: list[dict], dates: list[tuple[str, str]]) -> bool:
    pool = _pool([("q2", "2025-06-11", [LEAD, S(text, [("Arce", "PERSON", ARCE)], ("diplomacy",), events, dates)])],
                 "2025-06-11")
    return still_ahead(pool.candidates[1], pool)


def test_a_plan_only_in_a_relative_clause_is_not_what_comes_next():
    handed = "Arce, who chaired the meeting, handed the rotating presidency to Peru, which will host next year's summit."
    host = [{"future": True, "clause": SUBORDINATE_CLAUSE, "trigger": "host"}]
    assert not _ahead(handed, host, [("next year", "2026-01-01")])
    # a plan in the main clause stays
    hands = "Arce, who chaired the meeting, will hand the rotating presidency to Peru next year."
    assert _ahead(hands, [{"future": True, "trigger": "hand"}], [("next year", "2026-01-01")])
