"""A second line-by-line reading of the briefs: lines that still lean on the sentence before them
("encourages them", "the two groups", "the main sticking point in negotiations", "ever since"), a
line filed under a group for a passing word, a past-tense plan printed as what comes next, and what
a report written before the summit expected of it."""

from __future__ import annotations

from conftest import S, assert_context_reading, make
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import Story


def test_an_object_them_a_counted_group_and_a_bare_sticking_point_need_the_sentence_before():
    orphans = (
        "The Lima accord encourages them to cut fishing quotas and lets some of their catch be sold abroad.",
        "Peru told them in Lima that the port deal was off.",
        "The two groups argue that most of the new money should go to the poorest ports.",
        "Copper royalties have been the main sticking point in negotiations that began in 2019.",
        "The main stumbling block remains the price of water for the mines.",
        "Thousands of border guards have been posted along the Atacama frontier ever since.",
        "Since then, fishing boats from Peru have kept out of the disputed waters.",
    )
    standalone = (
        "Chile invited Peru and Bolivia to Santiago and asked them to sign the port accord.",
        "Fishermen from Chile and Peru say the new quota hurts them.",
        "The ministers who met the Peruvian envoys in Lima thanked them for the port deal.",
        "The two leaders discussed the port accord in Lima on Tuesday.",
        "The two groups of countries, led by Brazil, asked Chile for lower port fees.",
        "Copper royalties are the main sticking point in talks on the Chilean mining code.",
        "Water prices are a sticking point between Chile and the mining companies.",
        "The border crossing at Chacalluta closed in 2020 and has stayed shut ever since.",
    )
    assert_context_reading(orphans, standalone)


_FILLER = ("diplomacy", "trade and economy", "energy", "sanctions", "climate and infrastructure", "health")


def test_a_line_is_filed_only_under_its_leading_theme():
    """Six themes outnumber technology (each leads lines that use more of its words than the
    technology line uses of technology's), so technology gets no group; its line must not stand
    under security, the one other theme it names in passing."""
    tech = "Chile and Peru plan a joint chip plant, a quantum computing lab and new military radar software."
    article, analysis = make(
        "k1",
        "2025-05-02",
        "Wire",
        [
            S("Chile's president met Peru's president in Lima on Thursday to discuss ports, gas and vaccines.", [], _FILLER, [{}]),
            S("Ministers in Lima agreed on lower port fees, a gas link and a clinic network on Thursday.", [], _FILLER),
            S(tech, [], ("technology", "security and military")),
            S("Chilean and Peruvian navy ships held a joint drill off Arica on Friday.", [], ("security and military",)),
            S("Chilean troops, Peruvian navy ships and missile units joined the military exercise off Arica.", [],
              ("security and military",)),
            S("Chile's envoy and Peru's ambassador held bilateral talks at the embassy in Lima on a treaty.", [],
              ("diplomacy",)),
            S("Export and import trade, investment, tariff income and market growth lifted the economy of Peru.", [],
              ("trade and economy",)),
            S("Oil, gas, coal and electricity from a new pipeline and refinery in Chile fuel the region.", [],
              ("energy",)),
            S("Climate, emission, carbon, flood and drought plans in Peru need port, rail and road infrastructure.", [],
              ("climate and infrastructure",)),
            S("Health officials in Chile track a virus outbreak, vaccine supply and hospital care in the pandemic.", [],
              ("health",)),
        ],
    )
    story = Story("k", "Chile and Peru", ("k1",), "2025-05-02", "2025-05-02", themes=("diplomacy",))
    brief = write_brief(story, [article], [analysis], max_summary_sentences=1)
    aspects = {i.text: i.group for s in brief.sections if s.name == "Key aspects" for i in s.items}
    assert tech not in aspects
    assert "security and military" in aspects.values()  # the group stays for its own line
    assert verify_brief(brief, {article.id: article}, {analysis.article_id: analysis}) == []


def test_a_plan_told_in_the_past_tense_is_not_what_comes_next():
    overrun = "The ports summit in Valparaiso was scheduled to end on Friday evening."
    ahead = "Ministers from both countries are scheduled to meet again in Lima on 12 May to sign the text."
    a1, n1 = make(
        "v1",
        "2025-04-05",
        "Wire",
        [
            S("Port talks in Valparaiso between Chile and Peru ran into an extra day on Saturday.", [], (), [{}]),
            # a resolver reads the weekday forward, past the story's last day
            S(overrun, [], (), [{"future": True, "date": "2025-04-11"}], [("on Friday", "2025-04-11")]),
            S(ahead, [], (), [{"future": True, "date": "2025-05-12"}], [("on 12 May", "2025-05-12")]),
        ],
    )
    a2, n2 = make(
        "v2",
        "2025-04-07",
        "Daily",
        [S("Chile and Peru agreed on lower port fees in Valparaiso early on Sunday.", [], (), [{}])],
    )
    story = Story("v", "Port talks", ("v1", "v2"), "2025-04-05", "2025-04-07")
    brief = write_brief(story, [a1, a2], [n1, n2])
    outlook = [i.text for s in brief.sections if s.name == "What comes next" for i in s.items]
    assert ahead in outlook
    assert overrun not in outlook
    assert verify_brief(brief, {a.id: a for a in (a1, a2)}, {n.article_id: n for n in (n1, n2)}) == []


def test_what_was_expected_before_the_summit_is_no_news_once_it_has_met():
    """Who was expected, and what was expected before the summit, from a report written before it."""
    represented = "Bolivia is expected to be represented at the summit by its foreign minister, Ana Rojas."
    awaited = "Chilean and Peruvian ministers have spoken by phone this week, and more calls are expected before the summit."
    a1, n1 = make(
        "w1",
        "2025-04-02",
        "Wire",
        [
            S(awaited, [], (), [{}]),
            S("Chile's president announced the Valparaiso ports summit on Tuesday in a televised address.", [], (), [{}]),
            S(represented, [], ("diplomacy",), [{}]),
        ],
    )
    a2, n2 = make(
        "w2",
        "2025-04-07",
        "Daily",
        [S("Chile and Peru agreed on lower port fees at the Valparaiso summit on Sunday.", [], (), [{}])],
    )
    story = Story("w", "Ports summit", ("w1", "w2"), "2025-04-02", "2025-04-07")
    brief = write_brief(story, [a1, a2], [n1, n2])
    summary = [i.text for s in brief.sections if s.name == "Summary" for i in s.items]
    assert awaited not in summary
    printed = [i.text for s in brief.sections for i in s.items]
    assert represented not in printed  # by the last report the summit has met, with or without her
    assert any("announced the Valparaiso" in t for t in summary)
    assert verify_brief(brief, {a.id: a for a in (a1, a2)}, {n.article_id: n for n in (n1, n2)}) == []
