"""A third line-by-line reading of the briefs: a theme named in passing that took the group of a
theme a line is about, a schedule printed as an aspect, a Summary opening on "The meeting …", what a
delegation announced before the meeting printed as a reaction, a demonstrative with a time after
it, and a reaction dated again in the Timeline."""

from __future__ import annotations

from conftest import S, assert_context_reading, make
from newsdesk.analyze.themes import sentence_themes
from newsdesk.brief.meeting import schedule_line
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import Actor, Source, Story, TimelineEntry

BRAZIL = Actor("Brazil", "BRA", "GOV")
ARGENTINA = Actor("Argentina", "ARG", "GOV")
INDIA = Actor("India", "IND", "GOV")
LULA = Actor("Luiz Inacio Lula da Silva", "BRA", "GOV", "President of Brazil")

_PASSING = (
    "diplomacy",
    "trade and economy",
    "energy",
    "sanctions",
    "climate and infrastructure",
    "health",
    "elections and politics",
)


def _grouped(brief) -> dict[str, str | None]:  # noqa: ANN001
    return {i.text: i.group for s in brief.sections if s.name == "Key aspects" for i in s.items}


def test_a_theme_named_only_in_passing_does_not_take_the_group_of_a_theme_a_line_is_about():
    """Seven themes are named in three lines that are all about diplomacy; the one line about
    technology used to find no group, the six slots going to themes that lead no line at all."""
    tech = "Brazil and Argentina agreed to build a satellite, share artificial intelligence research and launch a space agency."
    article, analysis = make(
        "t1",
        "2025-06-03",
        "Wire",
        [
            S("Brazil's president met Argentina's president in Brasilia on Monday for talks on a wide agenda.", [], _PASSING, [{}]),
            S("Their foreign ministers held separate talks in Brasilia on Monday about a new treaty.", [], _PASSING),
            S("Diplomats from both countries described the summit in Brasilia as a fresh start in relations.", [], _PASSING),
            S(tech, [], ("technology",)),
        ],
    )
    story = Story("t", "Brasilia summit", ("t1",), "2025-06-03", "2025-06-03", themes=("diplomacy",))
    brief = write_brief(story, [article], [analysis], max_summary_sentences=1)
    assert _grouped(brief).get(tech) == "technology"
    assert verify_brief(brief, {article.id: article}, {analysis.article_id: analysis}) == []


def test_a_line_that_only_gives_the_meetings_dates_is_a_schedule():
    schedules = (
        "The summit runs from Tuesday to Thursday.",
        "The talks are held on Friday in Geneva.",
        "This year's forum takes place from 3 to 5 June.",
        "The three-day conference opens on Monday.",
    )
    not_schedules = (
        "The summit runs the risk of ending without a deal on grain.",
        "The visit lasts three days and includes talks on gas, grain and a new bridge over the Amur.",
        "The summit, which runs until Thursday, is expected to focus on air defence for Ukraine and on spending.",
        "Brazil said the talks would run from Tuesday to Thursday and cover beef and soy exports to China.",
    )
    article, analysis = make("c0", "2025-06-01", "Wire", [S(t, []) for t in schedules + not_schedules])
    story = Story("c", "Schedules", ("c0",), "2025-06-01", "2025-06-01")
    from newsdesk.brief.candidates import build_candidates

    judged = {c.text: schedule_line(c) for c in build_candidates([article], [analysis])}
    assert [t for t in schedules if not judged[t]] == []
    assert [t for t in not_schedules if judged[t]] == []
    assert story.id == "c"


def test_a_schedule_is_no_key_aspect_once_the_meeting_has_happened():
    schedule = "The summit in Brasilia runs from Monday to Wednesday."
    a1, n1 = make(
        "m1",
        "2025-06-01",
        "Wire",
        [
            S("Brazil's president hosts South American leaders in Brasilia this week for talks on trade.", [], ("diplomacy",), [{}]),
            S(schedule, [], ("diplomacy",)),
            S("Diplomats expect talks in Brasilia on a treaty for river ports and a new border bridge.", [], ("diplomacy",)),
        ],
    )
    a2, n2 = make(
        "m2",
        "2025-06-04",
        "Daily",
        [
            S("South American leaders signed a river ports treaty in Brasilia on Wednesday.", [], ("diplomacy",), [{}]),
            S("The treaty opens Brazilian river ports to ships from Paraguay, Bolivia and Argentina.", [], ("diplomacy",)),
        ],
    )
    story = Story("m", "Brasilia summit", ("m1", "m2"), "2025-06-01", "2025-06-04", themes=("diplomacy",))
    brief = write_brief(story, [a1, a2], [n1, n2])
    printed = [i.text for s in brief.sections for i in s.items]
    assert schedule not in printed
    assert verify_brief(brief, {a.id: a for a in (a1, a2)}, {n.article_id: n for n in (n1, n2)}) == []


def _tour_story(named: bool):
    """A preview whose lead names the meeting only by its kind, and two reports after it."""
    caps = "The meeting caps a tour of Asia for Lula, who visited Jakarta on Sunday and Hanoi on Tuesday."
    met = (
        "Brazilian President Luiz Inacio Lula da Silva said on Thursday that Brazil would cut tariffs on Chinese cars "
        "after meeting Chinese President Xi Jinping in Shanghai."
        if named
        else "Brazilian President Luiz Inacio Lula da Silva said on Thursday that Brazil would cut tariffs on Chinese cars."
    )
    a1, n1 = make("u1", "2025-07-01", "Wire", [S(caps, [("Lula", "PERSON", LULA)], ("diplomacy",), [{}])])
    a2, n2 = make(
        "u2",
        "2025-07-03",
        "Daily",
        [S(met, [("Luiz Inacio Lula da Silva", "PERSON", LULA)], ("trade and economy",), [{}])],
    )
    a3, n3 = make(
        "u3",
        "2025-07-04",
        "Post",
        [S("China said on Friday it would buy more Brazilian soybeans, confirming part of the Shanghai deal.", [], ("trade and economy",), [{}])],
    )
    story = Story("u", "Lula in Shanghai", ("u1", "u2", "u3"), "2025-07-01", "2025-07-04")
    return caps, met, story, [a1, a2, a3], [n1, n2, n3]


def test_a_summary_does_not_open_on_the_meeting_named_only_by_its_kind():
    caps, met, story, articles, analyses = _tour_story(named=True)
    brief = write_brief(story, articles, analyses)
    summary = [i.text for s in brief.sections if s.name == "Summary" for i in s.items]
    assert summary[0] != caps
    assert summary.index(met) < summary.index(caps)  # it follows the line that names the meeting
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []

    caps, met, story, articles, analyses = _tour_story(named=False)
    brief = write_brief(story, articles, analyses)
    summary = [i.text for s in brief.sections if s.name == "Summary" for i in s.items]
    assert caps not in summary  # no line names a meeting for it to follow


def test_what_a_delegation_announced_before_the_meeting_is_no_reaction():
    delegation = "New Delhi has said its foreign minister, Ravi Menon, will lead the Indian delegation."
    stance = "New Delhi has said it would never accept a transit corridor through Kashmir."
    a1, n1 = make(
        "d1",
        "2025-07-02",
        "Wire",
        [
            S(
                "Brazil's president flew into Buenos Aires on Tuesday for a summit with Argentina's president.",
                [("Brazil", "GPE", BRAZIL), ("Argentina", "GPE", ARGENTINA)],
                ("diplomacy",),
                [{}],
            ),
            S(delegation, [("New Delhi", "GPE", INDIA)], ("diplomacy",)),
            S(stance, [("New Delhi", "GPE", INDIA)], ("diplomacy",)),
        ],
    )
    a2, n2 = make(
        "d2",
        "2025-07-04",
        "Daily",
        [
            S(
                "Brazil and Argentina signed a gas pipeline accord in Buenos Aires on Thursday.",
                [("Brazil", "GPE", BRAZIL), ("Argentina", "GPE", ARGENTINA)],
                ("energy",),
                [{}],
            ),
            S(
                "Argentina will send gas to Brazil from 2027 through the pipeline.",
                [("Argentina", "GPE", ARGENTINA), ("Brazil", "GPE", BRAZIL)],
                ("energy",),
            ),
        ],
    )
    story = Story(
        "d", "Gas accord", ("d1", "d2"), "2025-07-02", "2025-07-04", key_actors=("Brazil", "Argentina")
    )
    brief = write_brief(story, [a1, a2], [n1, n2])
    reactions = [i.text for s in brief.sections if s.name == "Reactions" for i in s.items]
    assert stance in reactions
    printed = [i.text for s in brief.sections for i in s.items]
    assert delegation not in printed  # nor anywhere else: by the last report the meeting has met
    assert verify_brief(brief, {a.id: a for a in (a1, a2)}, {n.article_id: n for n in (n1, n2)}) == []


def test_a_demonstrative_with_a_time_after_its_noun_needs_the_sentence_before():
    orphans = (
        "Lula announced that levy earlier this month in response to new Chinese export rules.",
        "Chile lifted those quotas last year after a long dispute with Peru.",
        "Peru doubled this fee later in the talks, officials in Lima said.",
    )
    standalone = (
        "Lula announced that Brazil would cut the levy on Chinese cars later this year.",
        "Chile said this week that copper quotas would rise in 2026.",
        "The levy that Chile imposed last year on Peruvian fish was lifted in May.",
        "Brazil and China signed the soy deal earlier this month in Shanghai.",
    )
    assert_context_reading(orphans, standalone)


def test_the_timeline_does_not_date_again_a_line_printed_under_reactions():
    criticism = "The grain accord drew sharp criticism in Washington and Brussels on Tuesday."
    usa, eu = Actor("United States", "USA", "GOV"), Actor("European Union", "EUR", "IGO")
    signed = "Brazil and Argentina signed a grain accord in Buenos Aires on Monday."
    a1, n1 = make(
        "e1",
        "2025-08-05",
        "Wire",
        [
            S(signed, [("Brazil", "GPE", BRAZIL), ("Argentina", "GPE", ARGENTINA)], ("trade and economy",), [{}]),
            S(criticism, [("Washington", "GPE", usa), ("Brussels", "ORG", eu)], ("trade and economy",)),
            S(
                "Brazil and Argentina said the accord would raise grain trade across their border by a fifth.",
                [("Brazil", "GPE", BRAZIL), ("Argentina", "GPE", ARGENTINA)],
                ("trade and economy",),
            ),
        ],
    )
    story = Story("e", "Grain accord", ("e1",), "2025-08-05", "2025-08-05", key_actors=("Brazil", "Argentina"))
    entries = tuple(
        TimelineEntry(day, text, (Source("e1", index, text, date="2025-08-05"),))
        for day, index, text in (("2025-08-04", 0, signed), ("2025-08-05", 1, criticism))
    )
    brief = write_brief(story, [a1], [n1], timeline=entries)
    reactions = [i.text for s in brief.sections if s.name == "Reactions" for i in s.items]
    assert criticism in reactions
    assert criticism not in [e.text for e in brief.timeline]
    assert verify_brief(brief, {a1.id: a1}, {n1.article_id: n1}) == []


def _words(text: str) -> list[str]:
    return text.split()


def test_a_long_term_is_no_election_and_to_defend_and_deter_is_security():
    """"Over the long term" filed a pact on Ukraine's defence under Elections and politics."""
    compact = _words("more than 20 country endorse a compact to help ukraine defend itself over the long term and deter")
    assert sentence_themes(compact)[:1] == ("security and military",)
    assert "elections and politics" not in sentence_themes(_words("member adopt a long - term development strategy"))
    assert "elections and politics" not in sentence_themes(_words("in term of trade the deal help both"))
    assert "elections and politics" in sentence_themes(_words("putin be sworn in for a fifth term as president"))
    assert "elections and politics" in sentence_themes(_words("his new term in office begin in may"))
