"""A second reading of briefs built from real web pages (issue #4, nineteenth pass): an instruction,
a list item under a label, a page's furniture phrase, a headline glued to its lead and the tail of a
quotation are no reported prose; a generic "you" in a side clause is no address to the reader; a
person named only by surname, people "on both sides" and "the deaths" lean on the lines before."""

from __future__ import annotations

from conftest import S, make
from newsdesk.brief.candidates import build_candidates, strip_dateline
from newsdesk.model import Actor

ARCE = Actor("Luis Arce", "BOL", "GOV", role="President of Bolivia")
CRUZ = Actor("Ana Cruz", "PER", "GOV", role="Foreign Minister of Peru")
CHILE = Actor("Chile", "CHL", "GOV")
LEAD = S("Arce signed a lithium quota with Chile in Quito on Wednesday as the Andean summit closed.",
         [("Arce", "PERSON", ARCE), ("Chile", "GPE", CHILE)], ("diplomacy",), [{"plover": "AGREE"}])
INTRO = S("Peru's foreign minister Ana Cruz and the mining adviser Tomas Vega flew in on Tuesday.",
          [("Ana Cruz", "PERSON", CRUZ)])


def _printable(*lines: S) -> list[str]:
    article, analysis = make("p1", "2025-06-11", "Wire", [LEAD, *lines])
    return [c.text for c in build_candidates([article], [analysis])]


def _leans(*lines: S) -> list[bool]:
    """Whether each of ``lines`` leans, printed after the lead and the line that introduces Cruz and Vega."""
    article, analysis = make("p2", "2025-06-11", "Wire", [LEAD, INTRO, *lines])
    return [c.leans for c in build_candidates([article], [analysis])[2:]]


def test_an_instruction_to_the_reader_is_no_line():
    book = S("Book by December 31, 2025, for travel to Quito through April 30, 2026.")
    use = S("Use the Andean trade portal to track every lithium shipment in real time.")
    titled = S("Consider this 2014 entry — “Lithium for all,\" meant to sell the quota to voters.")
    assert _printable(book, use, titled) == [LEAD.text]
    # the same words as nouns, the subject of a report
    noun = S("Use of the new Andean port rose by a third after the quota was signed in Quito.")
    work = S("Work on the Antofagasta rail link resumed on Monday after a two-week strike.")
    assert _printable(noun, work) == [LEAD.text, noun.text, work.text]


def test_a_list_item_under_a_label_is_no_line():
    dates = S("Blackout dates: December 20, 2025 – January 3, 2026 for every Andean route.")
    why = S("Why it matters: Andean lithium buyers pay a quarter more than the world price.")
    brand = S("Andean Lithium Export Guide: The quota sets a ceiling of 40,000 tonnes a year.")
    assert _printable(dates, why, brand) == [LEAD.text]
    # a clause before the colon is a report's, and a label in capitals is a dateline
    clause = S("The timing is sensitive: Chile holds a referendum on mining royalties in March.")
    said = S("Peru's mining ministry said in a statement: the quota will be reviewed in March.")
    shares = S("Not every member shares Chile's urgency: Peru has said it will wait for the review.")
    dateline = S("LA PAZ: Bolivia's mining ministry confirmed the quota on Wednesday evening.")
    assert _printable(clause, said, shares, dateline) == [LEAD.text, clause.text, said.text, shares.text,
                                                          dateline.text]


def test_furniture_and_a_glued_headline_are_no_line():
    category = S("Andean Mining Group More in this category Lithium Markets More like this Quota news.")
    read = S("Survey June 11, 2025 5 min read Andean lithium outlook for the coming year.")
    glued = S("Andean lithium quota will be reviewed The review, due in March, covers every exporter.")
    assert _printable(category, read, glued) == [LEAD.text]
    # a "The" that starts a name, after a verb of telling
    named = S("Cruz told The Andean Times on Wednesday that the quota would be reviewed in March.")
    assert named.text in _printable(named)


def test_the_tail_of_a_quotation_is_no_line():
    tail = S("OUT,” Cruz tweeted on Wednesday night.", [("Cruz", "PERSON", CRUZ)])
    whole = S("We will review the quota in March,” Cruz said.", [("Cruz", "PERSON", CRUZ)])
    assert _printable(tail, whole) == [LEAD.text, whole.text]


def test_a_generic_you_in_a_side_clause_is_no_address_to_the_reader():
    ask = S("Chile is the biggest Andean lithium exporter, or the second, depending on who you ask.")
    count = S("Bolivia shipped 12 cargoes in May, 13 if you count the one held in Arica.")
    assert _printable(ask, count) == [LEAD.text, ask.text, count.text]
    advert = S("If you would like the full quota text, contact the Andean desk.")
    yours = S("Lithium prices rise when you least expect it, and your savings suffer.")
    assert _printable(advert, yours) == [LEAD.text]


def test_a_glued_outlet_dateline_is_stripped():
    assert strip_dateline("La Paz (Andean Wire)A muddled view of the quota weighs on miners.") == (
        "A muddled view of the quota weighs on miners.")


def test_a_bare_surname_introduced_before_leans():
    named = S("Cruz was named chair of the Andean lithium council on Wednesday.", [("Cruz", "PERSON", CRUZ)])
    closing = S("“We will review the quota in March,” Vega said in Quito on Wednesday.")
    opening = S("Vega, however, is counting on a higher quota for Peru next year.")
    met = S("Vega met the miners' union in Oruro on Thursday to explain the quota.")
    assert _leans(named, closing, opening, met) == [True, True, True, True]
    # a full name, a head of state, and a word the article also writes in lower case stay
    full = S("Ana Cruz was named chair of the Andean lithium council on Wednesday.", [("Ana Cruz", "PERSON", CRUZ)])
    assert _leans(full) == [False]
    article, analysis = make("p4", "2025-06-11", "Wire", [
        S("Bolivia's Luis Arce opened the summit.", [("Luis Arce", "PERSON", ARCE)]),
        S("Arce was greeted by miners in Potosí on Thursday.", [("Arce", "PERSON", ARCE)])])
    assert not build_candidates([article], [analysis])[1].leans
    article, analysis = make("p3", "2025-06-11", "Wire", [
        S("The Andean Mining Police guarded the depot, and the police stayed overnight."),
        S("Police arrested two lithium traders in Oruro on Wednesday.")])
    assert not build_candidates([article], [analysis])[1].leans


def test_a_governor_introduced_by_title_needs_no_introduction():
    intro = S("The campaign was launched by Gov. Rosa Mendez of Oruro on Monday.")
    later = S("Mendez launched the campaign to fight lithium smuggling in Oruro.")
    article, analysis = make("p5", "2025-06-11", "Wire", [intro, later])
    assert not build_candidates([article], [analysis])[1].leans


def test_people_on_unnamed_sides_and_unnamed_deaths_lean():
    sides = S("Businesspeople on both sides describe delays and rejected transfers at the border banks.")
    deaths = S("Bolivia's ombudsman Nadia Ruiz said in La Paz that the deaths were caused by gunshot wounds.")
    assert _leans(sides, deaths) == [True, True]
    object_side = S("Lima has never condemned the blockade, calls itself neutral and says it does not supply lithium "
                    "or arms to either side.")
    named = S("Officials on both sides of the Desaguadero said the deaths of three miners were an accident.")
    assert _leans(object_side, named) == [False, False]
