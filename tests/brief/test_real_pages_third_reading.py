"""A third reading of briefs built from real web pages (issue #4, twentieth pass): the headline's own act
is no reaction, nor are its protagonist's other words; a closing attribution names its speaker after
the last comma; a Summary line that names someone by surname needs the full name in a line printed
above it; and a few more ways a lifted sentence leans on the one before it."""

from __future__ import annotations

from conftest import ANDEAN_DYAD, ANDEAN_LEAD, S, make, pool
from newsdesk.brief.candidates import build_candidates
from newsdesk.brief.prose import addresses_reader
from newsdesk.brief.reactions import reactions, tells_the_headline
from newsdesk.brief.sections import summary
from newsdesk.brief.speakers import article_speeches
from newsdesk.model import Actor, Story

VELA = Actor("Rosa Vela", "PER", "GOV", role="Trade Minister of Peru")
PERU = Actor("Peru", "PER", "GOV")
ARGENTINA = Actor("Argentina", "ARG", "GOV")
EU = Actor("European Union", "EUR", "IGO")
CHARGE = S(
    "Peru's trade minister Rosa Vela on Thursday accused Bolivia and Chile of freezing Peruvian lithium out of the quota.",
    [("Peru", "GPE", PERU), ("Rosa Vela", "PERSON", VELA)],
)
URGED = S("She urged Bolivia and Chile to reopen the quota talks before March.")
ARGENTINA_SAID = S(
    "Argentina's foreign ministry said on Thursday it regretted that the quota left its miners out.",
    [("Argentina", "GPE", ARGENTINA)],
)
TITLE = "Peru accuses Bolivia and Chile of freezing its lithium out of the quota"


def _reactions(title: str) -> list[str]:
    summit = pool([("q1", "2025-06-11", [ANDEAN_LEAD, ANDEAN_DYAD, CHARGE, URGED, ARGENTINA_SAID])], "2025-06-11")
    story = Story("s1", title, ("q1",), "2025-06-10", "2025-06-11", ("Luis Arce", "Gabriel Boric"))
    return [p.printed for p in reactions(summit, story)]


def test_the_headline_act_and_its_speaker_are_no_reaction():
    assert tells_the_headline(CHARGE.text, TITLE)
    assert not tells_the_headline(ARGENTINA_SAID.text, TITLE)
    assert not tells_the_headline(CHARGE.text, "Lithium quota")  # too short a title to tell
    printed = _reactions(TITLE)
    assert CHARGE.text not in printed and URGED.text not in printed  # the protagonist's words
    assert ARGENTINA_SAID.text in printed  # a third party's answer stays
    # under a headline about something else, Peru is an outside party again
    other = _reactions("Arce and Boric close the Andean summit with a lithium quota")
    assert CHARGE.text in other and ARGENTINA_SAID.text in other


def test_the_headline_act_leads_the_summary_once_it_is_no_reaction():
    summit = pool([("q1", "2025-06-11", [ANDEAN_LEAD, ANDEAN_DYAD, CHARGE, ARGENTINA_SAID])], "2025-06-11")
    story = Story("s1", TITLE, ("q1",), "2025-06-10", "2025-06-11", ("Luis Arce", "Gabriel Boric"))
    reactions(summit, story)
    assert CHARGE.text in [p.printed for p in summary(summit, "2025-06-10", 3, TITLE)]


def test_a_closing_attribution_names_its_speaker_after_the_last_comma():
    line = S(
        "Miners from across the European Union will be invited to bid for the quota, the Interior Ministry said.",
        [("European Union", "ORG", EU)],
    )
    opened = S("The European Union said on Friday that the quota was fair.", [("European Union", "ORG", EU)])
    act = S("Peru is pressing for a bigger share, a demand the European Union has rejected.",
            [("Peru", "GPE", PERU), ("European Union", "ORG", EU)])
    met = S("Rosa Vela opened the quota talks in Quito on Tuesday.", [("Rosa Vela", "PERSON", VELA)])
    pronoun = S("“The quota is unfair to every miner,” she said.")
    _, analysis = make("c1", "2025-06-11", "Wire", [line, opened, act, met, pronoun])
    speeches = article_speeches(analysis)
    assert speeches[0][0].speaker is None  # the ministry spoke; the EU is only named in what it said
    assert speeches[1][0].speaker == EU
    assert speeches[2][0].speaker == PERU  # "rejected" tells an act, not an attribution: unchanged
    assert speeches[4][0].speaker is None  # a closing "she said" is not guessed from the sentences before


def test_a_bare_surname_in_the_summary_needs_the_full_name_above_it():
    full = S("Peru's trade minister Rosa Vela flew to Quito on Tuesday for the lithium quota talks.",
             [("Rosa Vela", "PERSON", VELA)], events=[{"plover": "CONSULT"}])
    intro = S("She has run the ministry since January, when Rosa Vela replaced a banker.")
    bare = S("Vela signed a rail freight pact with Ecuador's ports authority on Wednesday evening.",
             events=[{"plover": "AGREE"}])

    def lines(bare_day: str) -> list[str]:
        built = pool([("a1", bare_day, [intro, bare]), ("a2", "2025-06-10", [full])], "2025-06-11")
        return [p.printed for p in summary(built, "2025-06-09", 5)]

    after = lines("2025-06-11")  # printed after the line that names her in full: she has been met
    assert bare.text in after and after.index(full.text) < after.index(bare.text)
    before = lines("2025-06-09")  # printed first, it would name her before the full name: dropped
    assert full.text in before and bare.text not in before


def _leans(*lines: S) -> list[bool]:
    intro = S("Bolivia's mining adviser Tomas Vega and the reporter Ana Qin of the Andean Times toured Potosi on Tuesday.")
    article, analysis = make("l1", "2025-06-11", "Wire", [ANDEAN_LEAD, intro, *lines])
    return [c.leans for c in build_candidates([article], [analysis])[2:]]


def test_more_ways_a_lifted_sentence_leans_on_the_one_before():
    leaning = [
        S("As they left the mine at Potosi, one after another, they looked tired."),
        S("“Moreover, Bolivia also missed its lithium target in May,” the Potosi union said."),
        S("For example, the Potosi plant in Bolivia ships only half of its lithium by rail."),
        S("Recent governments in La Paz have, however, accepted that the mines were run badly."),
        S("Later, in remarks at the Quito summit, Arce promised a second lithium plant."),
        S("On one of those nights, the Potosi miners saw a lithium truck leave empty."),
        S("In 2019, authorities there were accused of hiding the true size of the Potosi spill."),
        S("No details were provided on how the Potosi lithium targets would be met by 2030."),
        S("Miners across Bolivia are talking about it: Potosi is running out of lithium."),
        S("Qin of the Andean Times reports that the Potosi mine will close for a month in July."),
        S("The Potosi mine will close for a month in July, reports Qin."),
    ]
    assert _leans(*leaning) == [True] * len(leaning)
    standing = [
        S("As Bolivia's miners left Potosi on Tuesday, the union said the lithium target was met."),
        S("The Potosi plant in Bolivia ships only half of its lithium by rail, the union said."),
        S("The union said those who left the Potosi mine in May were paid for a full month."),
        S("The ministry said those countries that buy Bolivian lithium will pay more from July."),
        S("A spill was reported at Potosi in Bolivia after two miners there fell ill last week."),
        S("Miners' leader Juan Mamani told the Andean Times that Potosi would reopen in August."),
    ]
    assert _leans(*standing) == [False] * len(standing)


def test_advice_the_writer_was_told_for_the_reader_is_no_report():
    told = "Primarily, the Andean exchange tells us you should expect to pay the full quota price."
    assert addresses_reader(told, speaks=True)
    assert not addresses_reader("The Andean exchange told us the quota price would rise in March.", speaks=True)
    assert not addresses_reader("The exchange said you should expect higher prices, the minister said.", speaks=True)
