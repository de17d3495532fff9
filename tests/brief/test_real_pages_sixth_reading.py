"""A sixth reading of briefs built from real web pages (issue #4, twenty-third pass): an acronym the page
spelled out earlier leans like a bare surname, until a line above spells it out; "There's a …" with no
name, an unnamed neighbour or counterpart, "Aside from those, …", and what "tests reveal the game" or "the
new 1.5-liter" does lean; a stage direction ("Enter …"), a lone "because" clause and a "…, but that
doesn't mean …" lead-in are no news; the colours a car comes in are a spec, not a step to come; a state
that has lasted "for years" is no day's event; a body named only as a post, a place or a brand is no key
player."""

from __future__ import annotations

from conftest import S, candidates_after, leans_after, make
from newsdesk.brief.anaphora import acronym_reference, spelled_out
from newsdesk.brief.candidates import build_candidates, commentary, needs_context
from newsdesk.brief.players import choose_timeline, key_players, lasting_state
from newsdesk.brief.prose import not_reported
from newsdesk.brief.sections import product_spec
from newsdesk.model import Actor, Source, TimelineEntry

VELA = Actor("Raul Vela", "BOL", "GOV", "Trade Minister of Bolivia")
SOTO = Actor("Luis Soto", "PER", "GOV", "Trade Minister of Peru")
INTRO = S("Doctors in Oruro found chronic beryllium disease, or CBD, in a welder who had worked at the Huanuni smelter.")


def _candidates(*lines: S) -> list:
    return candidates_after([INTRO], *lines)


def _leans(*lines: S) -> list[bool]:
    return leans_after([INTRO], *lines)


def test_an_acronym_spelled_out_before_leans_until_a_line_above_spells_it_out():
    subject = S("CBD, as the Bolivian journal explained last year, is a rare and slow illness of the lungs.")
    reported = S("A doctor at the Oruro clinic told the journal in May that CBD was hard to tell from asthma.")
    assert _leans(subject, reported) == [True, True]
    candidates = {c.text: c for c in _candidates(subject)}
    assert candidates[subject.text].surname == "CBD"
    assert needs_context(candidates[subject.text], [])
    assert not needs_context(candidates[subject.text], [INTRO.text])  # the line above says what it is
    standing = [
        S("The Oruro clinic opened a CBD ward for smelter workers in May, the Bolivian journal said."),
        S("Cases of chronic beryllium disease (CBD) were also found in two Huanuni miners in June."),
    ]
    assert _leans(*standing) == [False, False]
    # a body the actor dictionary knows reads without its spelling-out, whatever words its mention spans
    known = Actor("Andean Mining Council", None, "IGO")
    article, analysis = make("g4", "2025-06-11", "Wire", [
        S("Delegates met at the Andean Mining Council (AMC) in Lima on Monday to discuss the smelter."),
        S("The AMC said on Tuesday that the Oruro smelter had to close for a month.", [("The AMC", "ORG", known)]),
    ])
    assert [c.leans for c in build_candidates([article], [analysis])] == [False, False]
    # an acronym no earlier line spelled out, or one the actor dictionary knows, stands alone
    text = "CBD, as the Bolivian journal explained, is rare."
    assert acronym_reference(text, spelled_out("A welder fell ill in Oruro. " + text), 28) == ""
    page = "Chronic beryllium disease (CBD) is rare. " + text
    assert spelled_out(page) == {"CBD": 26}
    assert acronym_reference(text, spelled_out(page), 41) == "CBD"
    assert acronym_reference(text, spelled_out(page), 20) == ""  # spelled out only after the line
    assert acronym_reference(text, spelled_out(page), 41, frozenset({"CBD"})) == ""


def test_a_thing_placed_nowhere_an_unnamed_neighbour_and_an_aside_on_those_lean():
    leaning = [
        S("There's a wide, folding tray between the front seats with two more charging ports."),
        S("Squeezed by its larger neighbor in the tin trade, the Oruro smelter is shipping more tin than ever."),
        S("Aside from those, lane keeping and blind spot alerts are also standard on the 2026 Condor."),
        S("Early tests by the Lima Games Lab reveal that the game runs at an uneven frame rate."),
        S("Beyond its looks, Andes Motors said that the new 1.5-liter will burn a fifth less fuel."),
    ]
    assert _leans(*leaning) == [True] * len(leaning)
    standing = [
        S("There are now 40 tin smelters in Bolivia, according to the mining ministry."),
        S("The Oruro smelter and its neighbor Vinto shipped more tin than ever in May."),
        S("Trade Minister Raul Vela met his Peruvian counterpart, Luis Soto, in Oruro on Tuesday.",
          [("Raul Vela", "PERSON", VELA), ("Luis Soto", "PERSON", SOTO)]),
        S("Andes Motors said that the new Condor will burn a fifth less fuel than the old one."),
    ]
    assert _leans(*standing) == [False] * len(standing)


def test_a_stage_direction_a_lone_reason_and_a_lead_in_are_no_news():
    assert not_reported("Enter Bolivia to throw its hat into the lithium ring.")
    assert not_reported("Because mining tin four kilometres up is anything but easy.")
    assert not not_reported("Because of the strike, the Huanuni mine shipped no tin in May.")
    assert not not_reported("Because the road to Oruro was shut, the trucks went by Potosi.")
    assert not not_reported("Enter the password to read the Oruro report.")  # no stage direction: a capital follows
    assert commentary("Tin may have lost its shine for most traders, but that doesn't mean the metal is finished.")
    assert not commentary("Tin may have lost its shine for most traders, and the Huanuni mine cut 200 jobs in May.")


def test_the_colours_a_car_comes_in_are_a_spec():
    assert product_spec("Andes Motors will offer the Condor in nine different colours, including a new Salar White.")
    assert not product_spec("Andes Motors will offer the Condor in Peru and Chile from March.")
    assert not product_spec("Andes Motors will offer the Condor in nine colours when it goes on sale in March.")


def _entry(day: str, text: str, index: int) -> TimelineEntry:
    return TimelineEntry(day, text, (Source("g2", index, text, date="2025-06-11"),))


def test_a_state_that_has_lasted_is_no_day_s_event():
    lasting = "A deal on the Oruro smelter has remained out of reach for quite some time."
    assert lasting_state(lasting)
    assert not lasting_state("The Oruro smelter has been shut for two weeks since the strike of June 2.")
    assert not lasting_state("The Oruro smelter reopened on Tuesday after a strike.")
    kept = _entry("2025-06-11", "Bolivia's mining ministry reopened the Oruro smelter on Tuesday after a strike.", 0)
    chosen = choose_timeline([_entry("2025-06-10", lasting, 1), kept], ("2025-06-09", "2025-06-11"))
    assert [e.text for e in chosen] == [kept.text]


def test_a_line_that_opens_on_a_pronoun_stands_for_no_day():
    kept = _entry("2025-06-11", "Bolivia's mining ministry reopened the Oruro smelter on Tuesday after a strike.", 0)
    orphan = _entry("2025-06-10", "On Monday evening, he pinned the smelter's new safety rules to the canteen wall.", 1)
    chosen = choose_timeline([orphan, kept], ("2025-06-09", "2025-06-11"))
    assert [e.text for e in chosen] == [kept.text]


def test_a_body_named_only_as_a_post_a_place_or_a_brand_is_no_key_player():
    eu = Actor("European Union", "EUR", "IGO")
    maker = Actor("Condor Systems", "USA", "BUS")
    ministry = Actor("Mining Ministry", "BOL", "GOV", "Ministry of Mining of Bolivia")
    lines = [
        S("Bolivia's ambassador to the European Union, Ana Rojas, visited the Oruro smelter on Tuesday.",
          [("European Union", "ORG", eu)]),
        S("Engineers from across the European Union will bid to rebuild the smelter, the Mining Ministry said.",
          [("European Union", "ORG", eu), ("Mining Ministry", "ORG", ministry)]),
        S("The new truck comes with Condor Systems SmartHaul as standard, the Mining Ministry said.",
          [("Condor Systems", "ORG", maker), ("Mining Ministry", "ORG", ministry)]),
    ]
    article, analysis = make("g3", "2025-06-11", "Wire", lines)
    players = key_players(build_candidates([article], [analysis]), lambda c: 1, set())
    assert [p.name for p in players] == ["Mining Ministry"]
