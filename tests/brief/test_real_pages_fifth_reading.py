"""A fifth reading of briefs built from real web pages (issue #4, twenty-second pass): "In addition to …"
names what it adds to, and an apposition's "also" is no added act; an outlet's web name before a dash
is a dateline; a line cut off on an ellipsis is no sentence; "the report", "the man", a pair of bare
surnames and a "…,” Surname testified" lean; the speaker of "“…,” said Name" is the one named after
the verb; and what a lander will be able to deliver is a spec, not a step to come."""

from __future__ import annotations

from conftest import S, candidates_after, leans_after, make
from newsdesk.brief.candidates import build_candidates
from newsdesk.brief.prose import not_reported
from newsdesk.brief.sections import product_spec
from newsdesk.brief.speakers import article_speeches
from newsdesk.model import Actor

PERU = Actor("Peru", "PER", "GOV")
VELA = Actor("Rosa Vela", "PER", "GOV", role="Trade Minister of Peru")
INTRO = S("Bolivia's mining adviser Tomas Vega and the geologist Ana Quispe of the Potosi survey toured the mine on Tuesday.")


def _candidates(*lines: S) -> list:
    return candidates_after([INTRO], *lines)


def _leans(*lines: S) -> list[bool]:
    return leans_after([INTRO], *lines)


def test_an_addition_that_names_what_it_adds_to_and_an_apposition_also_do_not_lean():
    standing = [
        S("In addition to the two miners killed at Potosi on Tuesday, Bolivia's ombudsman said 30 miners were hurt."),
        S("On June 9, a third case of lung disease was found in a Potosi miner, also from the Oruro valley."),
        S("In 2024, it was reported that Bolivia had missed its lithium target by a third."),
        S("Once the brine reaches the Potosi ponds, it dries for 18 months before the lithium is taken out."),
    ]
    assert _leans(*standing) == [False] * len(standing)
    leaning = [
        S("In addition, Bolivia's ombudsman said 30 miners at Potosi were hurt on Tuesday."),
        S("In addition to its lithium quota on Tuesday, it announced a copper quota for Oruro in May."),
        S("Added together, it makes Potosi the dirtiest mine town in Bolivia."),
        S("Modi, on his visit to La Paz, also signed a lithium pact with Bolivia."),
    ]
    assert _leans(*leaning) == [True] * len(leaning)


def test_an_outlet_web_name_before_a_dash_is_a_dateline_and_a_cut_off_line_is_no_sentence():
    glued = S("AndesWire.Net - Verified footage shows Bolivian police firing on miners at Potosi on Tuesday.")
    texts = [c.text for c in _candidates(glued)]
    assert "Verified footage shows Bolivian police firing on miners at Potosi on Tuesday." in texts
    assert not any(t.startswith("AndesWire") for t in texts)

    assert not_reported("According to the Andean Times review, the Potosi plant ships half its lithium. Bolivia confirmed this…")
    assert not_reported("The Potosi plant ships half its lithium by rail to the port of Arica...")
    assert not not_reported("“We will reopen the mine when the water is gone…” the Potosi union leader Juan Mamani said.")
    assert not not_reported("Juan Mamani said: “We will reopen the mine when the water is gone…”")


def test_the_report_the_man_a_pair_of_surnames_and_a_testimony_by_surname_lean():
    leaning = [
        S("The report says the Lima ad agency Condor Co. designed the Potosi safety posters."),
        S("The man had a rare form of silicosis that strikes people who cut stone in Potosi."),
        S("“It does not stop me working in Potosi now,” the man wrote in a note to the Bolivian journal."),
        S("Vega and Quispe were flown to La Paz by Bolivian air force helicopter in May 2024."),
        S("“The Potosi quota was signed in a Quito hotel,” Vega testified before the Bolivian senate."),
    ]
    assert _leans(*leaning) == [True] * len(leaning)
    standing = [
        S("The report of the Potosi survey says the Bolivian mine leaked arsenic in May."),
        S("The man who led the Potosi survey, Juan Mamani, was flown to La Paz in May."),
        S("A 43-year-old man from Potosi fell ill after six years of cutting stone, the Bolivian journal said."),
        S("The Andean Times' report says the Lima ad agency Condor Co. designed the Potosi posters."),
        S("Condor and Puna ended up paying Potosi miners less as the lithium price fell in 2024."),
    ]
    assert _leans(*standing) == [False] * len(standing)


def test_the_speaker_of_an_inverted_attribution_is_named_after_the_verb():
    inverted = S(
        "“With no data from Quito this week, eyes will stay on the quota and Lima,” said Rosa Vela, the trade minister, in a note.",
        [("Lima", "GPE", PERU), ("Rosa Vela", "PERSON", VELA)],
    )
    unnamed = S(
        "“With no data from Quito this week, eyes will stay on the quota and Lima,” said a market analyst in a note.",
        [("Lima", "GPE", PERU)],
    )
    opening = S("Lima said on Friday that the quota was fair to its miners.", [("Lima", "GPE", PERU)])
    _, analysis = make("f2", "2025-06-11", "Wire", [inverted, unnamed, opening])
    speeches = article_speeches(analysis)
    assert speeches[0][0].speaker == VELA  # not Peru, which is only named in what she said
    assert speeches[1][0].speaker is None  # an unnamed analyst: no one the brief can file it under
    assert speeches[2][0].speaker == PERU  # the usual order keeps its reading


def test_what_a_lander_will_be_able_to_deliver_is_a_spec():
    assert product_spec("The chief engineer said the Condor lander will be able to deliver two tonnes of cargo to the Moon.")
    assert not product_spec("The Condor lander will be able to deliver two tonnes of cargo when it launches in 2027.")


def test_a_car_named_by_its_kind_in_what_its_maker_says_leans_and_a_plug_is_no_report():
    leaning = [
        S("The Bolivian maker, which turned to lithium after a bad year in 2023, says the wagon will be able to go 500 km."),
        S("Andes Motors says the car is a preview of a model for Peru and Chile, but it gave no date."),
    ]
    assert _leans(*leaning) == [True] * len(leaning)
    assert _leans(S("Andes Motors says the Vela wagon will be able to go 500 km on one charge.")) == [False]
    assert not_reported("Ana Quispe's book about the Potosi mines, \"Silver Mountain\" (Lima Press, 2024), is out now.")
    assert not not_reported("Ana Quispe said the Potosi report is out now and will be read in La Paz.")


def test_a_name_that_only_occurs_in_someone_s_quoted_words_is_no_key_player():
    from newsdesk.brief.players import key_players

    arce = Actor("Luis Arce", "BOL", "GOV", "President of Bolivia")
    boric = Actor("Gabriel Boric", "CHL", "GOV", "President of Chile")
    lines = [
        S("Bolivia's mining adviser Tomas Vega met Luis Arce in La Paz on Tuesday to discuss the Potosi spill.",
          [("Luis Arce", "PERSON", arce)]),
        S("“The lung reacts to the dust like a hothead, think Gabriel Boric rather than a diplomat,” Vega told the journal.",
          [("Gabriel Boric", "PERSON", boric)]),
    ]
    article, analysis = make("f3", "2025-06-11", "Wire", lines)
    players = key_players(build_candidates([article], [analysis]), lambda c: 1, set())
    assert [p.name for p in players] == ["Luis Arce"]
