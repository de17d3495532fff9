"""What an analyst objects to when a brief is read next to a machine-written one: orphaned
references, reactions that are not reactions, outlook that is not ahead, list lead-ins, and the
same fact said twice in two sections or on one timeline day. Stories written inline, in our words."""

from __future__ import annotations

from conftest import CHINA, PUTIN, RUSSIA, XI, S, make
from newsdesk.brief.anaphora import unresolved_reference
from newsdesk.brief.candidates import (
    article_candidates,
    build_candidates,
    is_historical,
    needs_context,
)
from newsdesk.brief.players import timeline
from newsdesk.brief.writer import _pool, verify_brief, write_brief
from newsdesk.model import Actor, Source, Story, TimelineEntry

LULA = Actor("Luiz Inácio Lula da Silva", "BRA", "GOV", "President of Brazil")
STOLTENBERG = Actor("Jens Stoltenberg", "NATO", "IGO", "Secretary General of NATO")
RUTTE = Actor("Mark Rutte", "NLD", "ELI", "Former Prime Minister of the Netherlands")
SCHOOF = Actor("Dick Schoof", "NLD", "GOV", "Prime Minister of the Netherlands")
BIDEN = Actor("Joe Biden", "USA", "GOV", "President of the United States")
USA = Actor("United States", "USA", "GOV")


def test_references_only_earlier_sentences_resolve():
    orphans = (
        "The announcement comes two days after a reshuffle of the cabinet in Moscow.",
        "The decision, taken by the council of heads of state, raises membership to eleven.",
        "Neither minister mentioned a final price for the project at the press conference.",
        "Officials in Beijing have always rejected the accusations, saying exports are legal.",
        "The countries on the list still have to accept the offer before December.",
        "The regional governor confirmed it on Friday after weeks of rumours in the press.",
        "During that visit, which took in two cities, the leaders opened a bridge.",
        "Other governments in the bloc stressed that he had no mandate to speak for them.",
        "Modi said afterwards that the two countries had always stood together.",
        "Even with a signed memorandum, building the line would take years.",
    )
    standalone = (
        "The decision to open an SCO development bank ends years of debate.",
        "Putin made China the first stop abroad of his new term in office.",
        "Zelensky said he would fly to Washington to meet the president on Monday.",
        "The BRICS leaders said it was time to reform the world's financial institutions.",
        "Blinken raised the matter in Beijing in April and said afterwards that China was the main supplier.",
    )
    assert all(unresolved_reference(t) for t in orphans), [t for t in orphans if not unresolved_reference(t)]
    assert not any(unresolved_reference(t, dated="April" in t) for t in standalone)


def test_a_him_needs_someone_besides_its_subject_and_a_description_names_no_one():
    rutte = "Mark Rutte, the former Dutch prime minister, succeeds him on October 1 at the helm of the alliance."
    article, analysis = make(
        "h1",
        "2024-07-11",
        "Wire",
        [
            S(
                rutte,
                # the tagger reads the apposition as a second person, and a resolver may name them
                [("Mark Rutte", "PERSON", RUTTE), ("Dutch prime minister", "PERSON", SCHOOF)],
            ),
            S(
                "Joe Biden awarded Jens Stoltenberg the Medal of Freedom and thanked him for ten years of work.",
                [("Joe Biden", "PERSON", BIDEN), ("Jens Stoltenberg", "PERSON", STOLTENBERG)],
            ),
            S("Joe Biden awarded him the Medal of Freedom on Tuesday evening at the White House.", [("Joe Biden", "PERSON", BIDEN)]),
        ],
    )
    leaning = {c.text: needs_context(c) for c in article_candidates(article, analysis)}
    assert leaning[rutte]
    assert not leaning[
        "Joe Biden awarded Jens Stoltenberg the Medal of Freedom and thanked him for ten years of work."
    ]
    assert leaning["Joe Biden awarded him the Medal of Freedom on Tuesday evening at the White House."]


def _summit():
    """A three-day summit: news, an orphan, a reaction that is none, an earlier remark, a duration
    mistaken for a date, a list lead-in, and one fact reported twice in other words."""
    a1, n1 = make(
        "m1",
        "2024-10-21",
        "Wire",
        [
            S(
                "Vladimir Putin opened the leaders' summit in Kazan on Monday with a call for a new payment system.",
                [("Vladimir Putin", "PERSON", PUTIN)],
                ("diplomacy",),
                [{"date": "2024-10-21"}],
                [("on Monday", "2024-10-21")],
            ),
            S(
                "On Monday, the Chinese foreign ministry said Beijing and Moscow had agreed on a new grain corridor along the Amur river.",
                [("Beijing", "GPE", CHINA), ("Moscow", "GPE", RUSSIA)],
                ("trade and economy",),
                [{"date": "2024-10-21"}],
                [("On Monday", "2024-10-21")],
            ),
            S(
                "Brazil's President Luiz Inacio Lula da Silva called off his trip after a fall at home on Saturday.",
                [("Luiz Inacio Lula da Silva", "PERSON", LULA)],
                ("diplomacy",),
                [{"date": "2024-10-19"}],
                [("on Saturday", "2024-10-19")],
            ),
            S(
                "A grain deal on the eve:",
                [],
                ("trade and economy",),
            ),
        ],
    )
    a2, n2 = make(
        "m2",
        "2024-10-23",
        "Ledger",
        [
            S(
                "Xi Jinping and Vladimir Putin signed a long-term grain and fertiliser accord in Kazan on Wednesday.",
                [("Xi Jinping", "PERSON", XI), ("Vladimir Putin", "PERSON", PUTIN)],
                ("trade and economy",),
                [{"date": "2024-10-23"}],
                [("on Wednesday", "2024-10-23")],
            ),
            S(
                "On Monday, China's foreign ministry said Beijing and Moscow had agreed on a grain corridor along the Amur river in Heilongjiang.",
                [("China", "GPE", CHINA), ("Beijing", "GPE", CHINA), ("Moscow", "GPE", RUSSIA)],
                ("security and military",),
                [{"date": "2024-10-21"}],
                [("On Monday", "2024-10-21")],
            ),
            S(
                "The announcement comes a week after a reshuffle of Russia's agriculture ministry.",
                [("Russia", "GPE", RUSSIA)],
                ("trade and economy",),
                [{}],
            ),
            S(
                "The final declaration pledges at least 20 billion dollars for grain storage over the next year.",
                [],
                ("trade and economy",),
                [{"future": True, "date": "2025-01-01"}],
                [("next year", "2025-01-01")],
            ),
            S(
                "Stoltenberg said last month that a grain pact between the two would not change the war.",
                [("Stoltenberg", "PERSON", STOLTENBERG)],
                ("diplomacy",),
            ),
            S(
                "Washington criticised the accord, warning that it would help Russia finance the war in Ukraine.",
                [("Washington", "GPE", USA), ("Russia", "GPE", RUSSIA)],
                ("diplomacy",),
            ),
            S(
                "The two leaders will meet again at the regional summit in Tianjin next year.",
                [],
                ("diplomacy",),
                [{"future": True, "date": "2025-01-01"}],
                [("next year", "2025-01-01")],
            ),
        ],
    )
    story = Story(
        "k", "Kazan summit", ("m1", "m2"), "2024-10-21", "2024-10-23", ("Vladimir Putin", "Xi Jinping")
    )
    return story, [a1, a2], [n1, n2]


def _sections(brief):
    return {s.name: [i for i in s.items] for s in brief.sections}


def test_summit_brief_reads_without_its_source_articles():
    story, articles, analyses = _summit()
    brief = write_brief(story, articles, analyses)
    sections = _sections(brief)
    printed = [i.text for items in sections.values() for i in items]
    assert not any(t.startswith("The announcement") for t in printed)  # which announcement?
    assert not any(t.endswith(":") for t in printed)  # a list's lead-in says nothing
    reactions = {i.group: i.text for i in sections["Reactions"]}
    assert any("criticised the accord" in t for t in reactions.values())
    assert not any("called off" in t for t in reactions.values())  # cancelling a trip is no reaction
    assert not any("said last month" in t for t in reactions.values())  # said before the story
    outlook = [i.text for i in sections["What comes next"]]
    assert any("Tianjin" in t for t in outlook)
    assert not any("over the next year" in t for t in outlook)  # a length of time, not a date due
    corridor = [t for t in printed if "grain corridor" in t]
    assert len(corridor) == 1, corridor  # one report, two outlets' words, printed once
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def test_one_days_report_in_two_outlets_words_is_one_event():
    story, articles, analyses = _summit()
    pool = _pool(build_candidates(articles, analyses), story.key_actors, story.last_seen)
    corridor = [i for i, c in enumerate(pool.candidates) if "grain corridor" in c.text]
    opened = next(i for i, c in enumerate(pool.candidates) if c.text.startswith("Vladimir Putin opened"))
    assert len(corridor) == 2
    assert pool.same_event(*corridor)  # each names a place the other does not: only the words tell
    assert not pool.same_event(corridor[0], opened)  # same day, another event


def test_reaction_under_its_speaker_may_open_with_he_but_not_with_it():
    story, articles, analyses = _summit()
    extra, notes = make(
        "m3",
        "2024-10-23",
        "Gazette",
        [
            S(
                "US Secretary of State Antony Blinken raised it with Chinese officials and warned of sanctions on grain traders.",
                [("Antony Blinken", "PERSON", Actor("Antony Blinken", "USA", "GOV", "US Secretary of State"))],
            ),
            S(
                "Brazilian Foreign Minister Mauro Vieira criticised the accord as a threat to Brazil's soy exports.",
                [("Mauro Vieira", "PERSON", Actor("Mauro Vieira", "BRA", "GOV", "Foreign Minister of Brazil"))],
            ),
            S(
                "He warned that Brazil would raise the matter at the next meeting of the grain exporters' forum.",
                [("Brazil", "GPE", Actor("Brazil", "BRA", "GOV"))],
            ),
        ],
    )
    story = Story("k", "Kazan", (*story.article_ids, "m3"), story.first_seen, story.last_seen, story.key_actors)
    brief = write_brief(story, [*articles, extra], [*analyses, notes])
    reactions = [(i.group, i.text) for i in _sections(brief)["Reactions"]]
    assert not any("raised it" in t for _, t in reactions)
    vieira = [t for g, t in reactions if g and g.startswith("Mauro Vieira")]
    assert any(t.startswith("He warned") for t in vieira)


def test_a_figure_given_in_background_is_not_repeated_under_key_aspects():
    article, analysis = make(
        "t1",
        "2024-05-16",
        "Wire",
        [
            S(
                "Xi Jinping and Vladimir Putin signed a statement on deeper ties in Beijing on Thursday.",
                [("Xi Jinping", "PERSON", XI), ("Vladimir Putin", "PERSON", PUTIN)],
                ("diplomacy",),
                [{"date": "2024-05-16"}],
                [("on Thursday", "2024-05-16")],
            ),
            S(
                "Trade between the neighbours reached some $240 billion in 2023, a record set well before the visit.",
                [],
                ("trade and economy",),
                [{"historical": True, "date": "2023-01-01"}],
                [("2023", "2023-01-01")],
            ),
            S(
                # news by its dates (a 2024 target), so Key aspects may take it: the same figure again
                "Customs figures put two-way commerce at about $240 billion in 2023, above the target set for 2024.",
                [],
                ("trade and economy",),
                [{}],
                [("2023", "2023-01-01"), ("2024", "2024-01-01")],
            ),
        ],
    )
    story = Story("t", "Visit", ("t1",), "2024-05-16", "2024-05-16", ("Vladimir Putin", "Xi Jinping"))
    brief = write_brief(story, [article], [analysis])
    printed = [i.text for s in brief.sections for i in s.items]
    assert sum("240 billion" in t for t in printed) == 1, printed


def test_timeline_drops_orphans_and_keeps_one_report_of_each_event():
    def entry(day: str, i: int, text: str) -> TimelineEntry:
        return TimelineEntry(day, text, (Source("x", i, text),))

    fuller = entry(
        "2024-05-17",
        1,
        "Vladimir Putin ended his two-day state visit to China on Friday in Harbin, where he opened a trade fair.",
    )
    shorter = entry("2024-05-17", 2, "Vladimir Putin left Harbin on Friday at the end of the two-day state visit to China.")
    orphan = entry("2024-05-16", 3, "Neither leader mentioned a final price for the project on Thursday.")
    # (a line of at least eight words: a shorter one with no time of its own is thin, and gives way
    # to a fuller line of its day; see test_fifteenth_reading.py)
    other = entry("2024-05-17", 4, "Putin invited Xi to visit Russia for talks on a gas pipeline.")
    plan_text = "The finance ministers said the new payment system would start on June 1 for both banks."
    plan = TimelineEntry("2024-06-01", plan_text, (Source("x", 5, plan_text, date="2024-05-17"),))
    filler = [
        entry(f"2024-05-{d:02d}", 10 + d, f"Delegation number {d} signed a separate accord on river shipping routes.")
        for d in range(10, 16)
    ]
    out = timeline(
        [shorter, fuller, orphan, other, plan, *filler],
        {},
        lambda article, s: s,
        ("2024-05-10", "2024-05-18"),
        orphan=lambda e: "the project" in e.text,
    )
    texts = [e.text for e in out]
    assert fuller.text in texts and shorter.text not in texts
    assert other.text in texts  # sharing two names is not the same event
    assert orphan.text not in texts
    assert plan.text not in texts  # dated after its only report: a plan, not what happened


def test_a_first_meeting_since_a_year_is_news_but_a_preview_of_one_is_judged_as_usual():
    article, analysis = make(
        "y1",
        "2025-03-05",
        "Wire",
        [
            S(
                "The two presidents met for two hours at a border town, their first meeting since 2019.",
                events=[{"historical": True, "date": "2019-01-01"}],  # the resolver dates the meeting 2019
                dates=[("2019", "2019-01-01")],
            ),
            S(
                "The talks would be their first meeting since 2019, when they met at a summit in Osaka.",
                events=[{"historical": True, "date": "2019-06-01"}],
                dates=[("2019", "2019-06-01")],
            ),
        ],
    )
    news, preview = article_candidates(article, analysis)
    assert not is_historical(news, "2025-03-04")
    assert is_historical(preview, "2025-03-04")
