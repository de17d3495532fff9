"""A fifth line-by-line reading of the briefs: two Timeline lines of one day that tell the same end
of a visit in their lead clauses, a What comes next line whose only time is "before long", and a
key player "(1 mentions)". (The Timeline's days taken from a relative clause or another noun's
possessive are tested with the parse, in tests/analyze/test_event_dates.py.)"""

from __future__ import annotations

import numpy as np

from conftest import S, make
from newsdesk.brief.candidates import build_candidates
from newsdesk.brief.players import choose_timeline, lead_restates
from newsdesk.brief.render import to_html, to_markdown
from newsdesk.brief.sections import Pool, outlook, vague_outlook
from newsdesk.brief.summarize import tfidf_matrix
from newsdesk.model import Actor, Brief, KeyPlayer, Source, TimelineEntry

PERU = Actor("Peru", "PER", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
BORIC = Actor("Gabriel Boric", "CHL", "GOV", role="President of Chile")
#: Two reports of one end of a visit: their lead clauses tell one act, their tails differ.
WRAPPED = (
    "Gabriel Boric wrapped up his three-day state visit to Peru on Friday in Cusco, a city of Inca walls "
    "and colonial churches, where he opened a trade fair and toured a university."
)
LEFT = (
    "Gabriel Boric left Cusco on Friday at the end of a three-day state visit that Lima and Santiago both "
    "described as a new start."
)


def test_two_leads_that_tell_one_act_restate_each_other():
    assert lead_restates(WRAPPED, LEFT)
    # the same people, place and day, but another act: two events
    talks = "Gabriel Boric and Dina Boluarte held formal talks in Lima on Tuesday, the centrepiece of the visit."
    signing = (
        "Chilean President Gabriel Boric and Peruvian President Dina Boluarte oversaw the signing of more than "
        "12 cooperation documents in Lima on Tuesday, covering mining and fisheries."
    )
    assert not lead_restates(talks, signing)
    # the same act with another party: two events
    assert not lead_restates(
        "Gabriel Boric met Dina Boluarte in Lima on Tuesday for talks on a border crossing.",
        "Gabriel Boric met Luis Arce in Lima on Tuesday for talks on a border crossing.",
    )


def test_the_timeline_keeps_one_of_two_lines_that_tell_the_same_end_of_a_visit():
    """"Boric wrapped up his visit on Friday in Cusco, …" and "Boric left Cusco on Friday at the end
    of the visit …" were both Friday's lines: over whole sentences they share too few words."""
    signed = "Peru and Chile signed a lithium accord in Lima on Wednesday after two days of talks."
    entries = [
        TimelineEntry("2025-05-09", WRAPPED, (Source("b1", 0, WRAPPED, date="2025-05-09"),)),
        TimelineEntry("2025-05-09", LEFT, (Source("b2", 0, LEFT, date="2025-05-10"),)),
        TimelineEntry("2025-05-07", signed, (Source("b1", 1, signed, date="2025-05-09"),)),
    ]
    chosen = [e.text for e in choose_timeline(entries, ("2025-05-06", "2025-05-10"))]
    assert chosen == [signed, WRAPPED]


def _outlook_pool() -> Pool:
    vague = "Boric and Boluarte, who have met many times, are likely to see each other again before long."
    dated = "Boric and Boluarte are likely to meet again soon, at the Pacific forum in Santiago in October."
    ahead = {"future": True}
    a1, n1 = make(
        "o1",
        "2025-05-10",
        "Wire",
        [
            S(vague, [("Boric", "PERSON", BORIC)], ("diplomacy",), [ahead]),
            S(dated, [("Boric", "PERSON", BORIC), ("Santiago", "GPE", CHILE)], ("diplomacy",),
              [{**ahead, "date": "2025-10-01"}], [("October", "2025-10-01")]),
        ],
    )
    candidates = build_candidates([a1], [n1])
    scores = np.linspace(1.0, 0.5, len(candidates))
    return Pool(candidates, scores, tfidf_matrix([c.text for c in candidates]), "2025-05-10", frozenset({a1.id}))


def test_what_comes_next_leaves_out_a_line_whose_only_time_is_vague():
    pool = _outlook_pool()
    vague, dated = pool.candidates
    assert vague_outlook(vague) and not vague_outlook(dated)
    printed = [p.candidate.text for p in outlook(pool)]
    assert printed == [dated.text]


def test_a_player_named_once_has_one_mention():
    player = KeyPlayer("Gabriel Boric", "CHL", "GOV", "President of Chile", 1, (1,))
    others = KeyPlayer("Peru", "PER", "GOV", None, 4, (1,))
    src = Source("b1", 0, "Gabriel Boric arrived in Lima.", date="2025-05-09")
    brief = Brief("s", "Boric in Lima", (), (player, others), (), (src,))
    text = to_markdown(brief)
    assert "(1 mention) [1]" in text and "(4 mentions)" in text and "1 mentions" not in text
    assert "(1 mention)" in to_html(brief) and "1 mentions" not in to_html(brief)
