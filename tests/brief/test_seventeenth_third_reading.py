"""An eleventh line-by-line reading of the briefs: a standing position ("has repeatedly denied") is
no reaction to the story; a reaction is printed without a "while" clause that tells other news; and
a done act whose only plan sits in a comma-bounded relative clause is not What comes next."""

from __future__ import annotations

from conftest import ANDEAN_LEAD as LEAD
from conftest import ARCE, PERU, S, andean_reactions
from conftest import pool as _pool
from newsdesk.brief.sections import still_ahead
from newsdesk.model import SUBORDINATE_CLAUSE

_reactions = andean_reactions


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
