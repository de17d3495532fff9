"""Faults an analyst finds reading a brief line by line: lines that need the sentence before them,
pageantry filed under security, and a reception in two capitals filed under one of them."""

from __future__ import annotations

from conftest import CHINA, PUTIN, RUSSIA, XI, S, assert_context_reading, make
from newsdesk.analyze.themes import sentence_themes
from newsdesk.brief.candidates import article_candidates, needs_context
from newsdesk.brief.speakers import article_speeches
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import Actor, Source, Story, TimelineEntry

USA = Actor("United States", "USA", "GOV")
EU = Actor("European Union", "EU", "IGO")
UKRAINE = Actor("Ukraine", "UKR", "GOV")


def test_a_role_a_reply_in_kind_an_announced_pact_and_a_lone_comparison_need_the_sentence_before():
    orphans = (
        "Ankara has offered Istanbul as a venue.",  # a venue for what?
        "The ministry said Warsaw would act as a mediator if asked.",
        "Officials in Hanoi said the government would respond in kind.",
        "The company's chairman announced the agreement to journalists in Jakarta on Monday.",
        "Lima confirmed the deal in a short statement.",
        "The Canadian trade minister, Anita Roy, was blunter.",  # than whom?
        "Mining analysts say Santiago still holds the stronger hand.",  # in what?
        "The plan's cost for Chile is hard to overstate.",  # which plan?
        "The tone differs from the minister's previous visit to Lima, in March 2023.",  # of what?
        "According to the central bank, that target was met only in 2022.",  # which target?
        "Peru's presidency presented the change as a way to bring order to a fast-growing defence budget.",  # which change?
    )
    standalone = (
        "Ankara has offered Istanbul as a venue for talks between the two foreign ministers.",
        "Norway served as a mediator between the government and the rebels in 2019.",
        "The refinery was built as a replacement for the plant closed by the floods in Dhaka.",
        "The chairman announced the agreement to build a smelter near Jakarta on Monday.",
        "Lima confirmed the deal with Santiago on lithium exports in a short statement.",
        "Brasilia criticised the accord, warning that it would hurt Brazilian farmers.",  # a reaction
        "Exports from Chile in May were higher than a year earlier.",
        "Santiago holds the stronger hand in the lithium talks with Lima.",
        "Delegates in Lima agreed that the climate change talks would resume in Bonn in June.",
        "Peru's congress approved the change of government in Lima on Tuesday.",
        "In Santiago, this year's talks opened with a row over copper quotas.",
        "Lima said it was ready to talk, but the response from Santiago was cooler.",
    )
    assert_context_reading(orphans, standalone)


def _lemmas(text: str) -> list[str]:
    """A sentence as the theme lexicons read it: lower-cased lemmas, written out by hand."""
    return text.split()


def test_pageantry_is_not_security_news():
    band = _lemmas("xi welcome the king with a ceremony where a military band play the anthem")
    carpet = _lemmas("before the troops march the two president walk along a red carpet")
    wreath = _lemmas("the minister lay a wreath at the memorial to fallen soldier")
    assert "security and military" not in sentence_themes(band)
    assert "security and military" not in sentence_themes(carpet)
    assert "security and military" not in sentence_themes(wreath)
    # two military words beside the pageantry, or none of it: still security
    parade = _lemmas("the parade on the rostrum show new missile and drone")
    assert "security and military" in sentence_themes(parade)
    ceremony = _lemmas("at a ceremony mark the anniversary the president announce new air defence for kyiv")
    assert "security and military" in sentence_themes(ceremony)


def _reception_story():
    a1, n1 = make(
        "r1",
        "2025-06-02",
        "Wire",
        [
            S(
                "Xi Jinping and Vladimir Putin signed a grain accord in Beijing on Monday.",
                [("Xi Jinping", "PERSON", XI), ("Vladimir Putin", "PERSON", PUTIN)],
                ("trade and economy",),
                [{}],
            ),
            S(
                "The grain accord drew sharp criticism in Washington and Brussels as a lifeline for Moscow.",
                [("Washington", "GPE", USA), ("Brussels", "ORG", EU), ("Moscow", "GPE", RUSSIA)],
                ("trade and economy",),
            ),
            S(
                "The signing met a cool response in Washington, where officials fear grain exports fund the war in Ukraine.",
                [("Washington", "GPE", USA), ("Ukraine", "GPE", UKRAINE)],
                ("trade and economy",),
            ),
            S(
                "China and Russia said the accord would raise grain trade across their border by a fifth.",
                [("China", "GPE", CHINA), ("Russia", "GPE", RUSSIA)],
                ("trade and economy",),
            ),
        ],
    )
    story = Story(
        "g1",
        "Grain accord",
        ("r1",),
        "2025-06-02",
        "2025-06-02",
        key_actors=("Xi Jinping", "Vladimir Putin"),
        themes=("trade and economy",),
    )
    return story, [a1], [n1]


def test_a_reception_in_two_capitals_is_filed_under_both_and_a_later_place_under_neither():
    story, articles, analyses = _reception_story()
    speeches = article_speeches(analyses[0])
    assert speeches[1][0].joint == 2  # "in Washington and Brussels"
    assert speeches[2][0].joint == 1  # Ukraine is named later, in what officials fear
    brief = write_brief(story, articles, analyses)
    groups = {i.text: i.group for s in brief.sections if s.name == "Reactions" for i in s.items}
    joint = next(g for t, g in groups.items() if "Washington and Brussels" in t)
    assert joint == "United States and European Union"
    cool = next(g for t, g in groups.items() if "cool response" in t)
    assert cool == "United States"
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def _port_story():
    """Two reports of a port deal: a preview written while the ministers travel, then the deal."""
    a1, n1 = make(
        "p1",
        "2025-04-06",
        "Wire",
        [
            S(
                "Trade ministers from across South America are converging on Valparaiso for a ports summit on Monday.",
                [],
                ("trade and economy",),
                [{}],
                [("on Monday", "2025-03-31")],  # a resolver read the weekday backwards
            ),
        ],
    )
    signed = "Chile and Peru signed a port agreement in Valparaiso on Tuesday, cutting fees for each other's ships."
    applied = "Port officials in Callao began charging Chilean ships the lower port fees on Wednesday."
    a2, n2 = make(
        "p2",
        "2025-04-09",
        "Daily",
        [
            S(
                signed,
                [("Chile", "GPE", CHILE), ("Peru", "GPE", PERU)],
                ("trade and economy",),
                [{"plover": "AGREE", "cameo": "05", "date": "2025-04-08"}],
                [("on Tuesday", "2025-04-08")],
            ),
            S(
                "Port fees between the two countries had doubled since 2019, raising costs for copper exporters.",
                [],
                ("trade and economy",),
            ),
            S(
                "Peruvian exporters welcomed the lower fees for copper shipped through Chilean ports.",
                [("Peruvian", "NORP", PERU)],
                ("trade and economy",),
            ),
            S(
                "Shipping lines expect the cut in port fees to raise copper cargoes by a tenth this year.",
                [],
                ("trade and economy",),
            ),
            S(
                applied,
                [("Callao", "GPE", PERU)],
                ("trade and economy",),
                [{"plover": "ENGAGE", "cameo": "06", "date": "2025-04-09"}],
                [("on Wednesday", "2025-04-09")],
            ),
        ],
    )
    story = Story(
        "p",
        "Port deal",
        ("p1", "p2"),
        "2025-04-06",
        "2025-04-09",
        key_actors=("Chile", "Peru"),
        themes=("trade and economy",),
    )
    entries = tuple(
        TimelineEntry(day, text, (Source("p2", index, text, date="2025-04-09"),))
        for day, index, text in (("2025-04-08", 0, signed), ("2025-04-09", 4, applied))
    )
    return story, [a1, a2], [n1, n2], entries


CHILE = Actor("Chile", "CHL", "GOV")
PERU = Actor("Peru", "PER", "GOV")


def test_a_sentence_is_printed_once_and_a_journey_under_way_is_no_key_aspect():
    story, articles, analyses, entries = _port_story()
    brief = write_brief(story, articles, analyses, timeline=entries, max_summary_sentences=1)
    sections = {s.name: [i.text for i in s.items] for s in brief.sections}
    printed = [t for texts in sections.values() for t in texts] + [e.text for e in brief.timeline]
    applied = entries[1].text
    assert printed.count(applied) == 1  # in the Timeline, not again under Key aspects
    assert any(e.text == applied for e in brief.timeline)
    assert not any("converging" in t for texts in sections.values() for t in texts)
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def test_a_bare_surname_of_someone_introduced_before_and_a_standfirst_are_left_out():
    aide = Actor("Rafael Ortiz", "CHL", "GOV", "President of Chile")
    article, analysis = make(
        "q1",
        "2025-04-09",
        "Wire",
        [
            S(
                "Chile's trade envoy Marta Quispe met Peruvian officials in Lima on Tuesday to discuss port fees.",
                [("Lima", "GPE", PERU)],
            ),
            S("Quispe said the two governments would publish the new fees within a month.", []),
            S("Ortiz said the agreement would lower costs for copper exporters in both countries.", [("Ortiz", "PERSON", aide)]),
            S("Vargas said the port workers' union would study the text before taking a position.", []),
            S("An explainer on the port fees, who pays them and why exporters in both countries complain.", []),
        ],
    )
    by_text = {c.text.split()[0]: c for c in article_candidates(article, analysis)}
    assert needs_context(by_text["Quispe"])  # named in full one sentence earlier
    assert not needs_context(by_text["Ortiz"])  # a leader the actor dictionary knows
    assert not needs_context(by_text["Vargas"])  # never introduced: the surname is all the article gives
    assert "An" not in by_text  # a standfirst is no sentence of the story


def test_a_bare_surname_reads_well_after_a_printed_line_that_names_the_person_in_full():
    article, analysis = make(
        "q2",
        "2025-04-10",
        "Wire",
        [
            S(
                "Chile's trade envoy Marta Quispe met Peruvian officials in Lima on Tuesday to discuss port fees.",
                [("Lima", "GPE", PERU)],
            ),
            S("Quispe said the two governments would publish the new fees within a month.", []),
            S("Quispe also said the customs offices at the border would stay open at night.", []),
        ],
    )
    by_text = {" ".join(c.text.split()[:2]): c for c in article_candidates(article, analysis)}
    alone, also = by_text["Quispe said"], by_text["Quispe also"]
    met = ["Chile's trade envoy Marta Quispe met Peruvian officials in Lima on Tuesday to discuss port fees."]
    assert needs_context(alone)  # nothing printed before it: the reader asks who Quispe is
    assert not needs_context(alone, met)  # the brief named her in full in an earlier line
    assert needs_context(alone, ["When Quispe arrived in Lima, the talks began."])  # no full name there
    assert needs_context(alone, ["Chile's trade envoy Marta Ruiz met Peruvian officials in Lima."])  # someone else
    assert needs_context(also, met)  # "also" leans on the sentence before it, whoever is named
    repeat = ["Chile's trade envoy Marta Quispe said the two governments would publish the new fees within a month."]
    assert needs_context(alone, repeat)  # met, but the line only repeats what the brief printed
