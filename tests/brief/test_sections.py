"""Datelines, speakers, stale previews and the per-article cache, on inline stories."""

from __future__ import annotations

from conftest import CHINA, PUTIN, XI, S, make
from newsdesk.brief import candidates as cache
from newsdesk.brief.candidates import article_candidates, strip_dateline
from newsdesk.brief.speakers import article_speeches
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import Actor, Story

TRUMP = Actor("Donald Trump", "USA", "GOV", "President of the United States")
USA = Actor("United States", "USA", "GOV")
KALLAS = Actor("Kaja Kallas", "EU", "IGO", "EU foreign policy chief")
EU = Actor("European Union", "EU", "IGO")


def test_datelines_are_stripped_to_a_literal_suffix():
    for raw in (
        "TIANJIN, China, Sept 1 (Continental Wire) – Leaders of the bloc adopted a joint declaration.",
        "BEIJING — Xi Jinping and Vladimir Putin held formal talks in Beijing on Tuesday.",
        "NEW DELHI, May 16 (Wire) - The two leaders agreed to deepen trade ties this year.",
        "LIMA/QUITO, March 3 (Andes Wire) - The two governments reopened their shared border crossing.",
    ):
        short = strip_dateline(raw)
        assert short != raw and raw.endswith(short) and short[0].isupper()
    for plain in (
        "US President Donald Trump accused the three leaders of conspiring against the United States.",
        "EU/UK talks on fishing quotas resumed in Brussels after a pause of two months.",
    ):
        assert strip_dateline(plain) == plain


def _reaction_story():
    a1, n1 = make(
        "r1",
        "2025-09-01",
        "Wire",
        [
            S(
                "Russian President Vladimir Putin used his speech to defend the war in Ukraine.",
                [("Vladimir Putin", "PERSON", PUTIN)],
                events=[{}],
            ),
            S(
                "He said the conflict had been triggered by Western efforts to draw Ukraine into NATO.",
                [("NATO", "ORG", Actor("NATO", "NATO", "IGO"))],
            ),
            S(
                "Xi Jinping and Vladimir Putin held formal talks in Beijing with China and Russia officials.",
                [("Xi Jinping", "PERSON", XI), ("Vladimir Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
                events=[{}],
            ),
        ],
    )
    a2, n2 = make(
        "r2",
        "2025-09-04",
        "Ledger",
        [
            S(
                "As the parade began, US President Donald Trump wrote on his platform that he hoped Xi would enjoy the day.",
                [("US President", "PERSON", TRUMP), ("Donald Trump", "PERSON", TRUMP), ("Xi", "PERSON", XI)],
            ),
            S(
                "He then asked Xi to pass on his regards to Putin, accusing them of conspiring against America.",
                [("Xi", "PERSON", XI), ("Putin", "PERSON", PUTIN)],
            ),
            S(
                "US President Donald Trump accused the leaders of plotting, and the European Union's foreign policy "
                "chief, Kaja Kallas, called the gathering a direct challenge to the rules-based order.",
                [
                    ("Donald Trump", "PERSON", TRUMP),
                    ("European Union", "ORG", EU),
                    ("Kaja Kallas", "PERSON", KALLAS),
                ],
            ),
            S(
                "Putin will travel to China this weekend for a summit and a military parade in Beijing.",
                [("Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
                events=[{"future": True, "date": "2025-08-30"}],
            ),
            S(
                "Kyrgyzstan will host the next summit of the organisation in 2026, officials confirmed.",
                [("Kyrgyzstan", "GPE", Actor("Kyrgyzstan", "KGZ", "GOV"))],
                events=[{"future": True, "date": "2026-01-01"}],
            ),
        ],
    )
    story = Story("s", "Visit", ("r1", "r2"), "2025-08-28", "2025-09-04", ("Vladimir Putin", "Xi Jinping"))
    return story, [a1, a2], [n1, n2]


def test_pronouns_take_the_subject_that_introduced_them():
    _, _, (n1, n2) = _reaction_story()
    first = article_speeches(n1)
    assert first[1][0].speaker == PUTIN  # "He said …" after a sentence about Putin
    second = article_speeches(n2)
    assert second[1][0].speaker == TRUMP  # not Xi or Putin, named later in the sentence
    speakers = [s.speaker for s in second[2]]
    assert speakers == [TRUMP, KALLAS]


def test_reactions_outlook_and_grounding():
    story, articles, analyses = _reaction_story()
    brief = write_brief(story, articles, analyses)
    sections = {s.name: s.items for s in brief.sections}
    groups = {i.group for i in sections["Reactions"]}
    assert any("Donald Trump" in g for g in groups) and any("Kaja Kallas" in g for g in groups)
    assert not any("NATO" in g or "Putin" in g for g in groups)
    kallas = next(i for i in sections["Reactions"] if "Kaja Kallas" in i.group)
    assert kallas.text.startswith("The European Union's foreign policy chief")
    outlook = " ".join(i.text for i in sections["What comes next"])
    assert "Kyrgyzstan" in outlook and "this weekend" not in outlook
    everything = " ".join(i.text for items in sections.values() for i in items)
    assert "this weekend" not in everything  # a stale preview goes nowhere
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def test_article_candidates_are_memoised_per_article():
    _, (a1, _), (n1, _) = _reaction_story()
    cache._CACHE.clear()
    first = article_candidates(a1, n1)
    assert article_candidates(a1, n1) is first
    edited = a1.__class__(**{**a1.__dict__, "text": a1.text + " "})
    assert article_candidates(edited, n1) is not first


def test_a_reaction_placed_in_time_by_the_sentence_before_is_left_out():
    """"Then, Washington warned …" recalls a reaction to an earlier visit; printed under Reactions
    it would read as a reaction to this one."""
    story, articles, analyses = _reaction_story()
    extra, notes = make(
        "r3",
        "2025-09-04",
        "Gazette",
        [
            S(
                "The tone differs from Putin's previous state visit to China in May 2024.",
                [("Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
            ),
            S(
                "Then, US officials warned that Chinese machine tools sold to Russia would bring new sanctions.",
                [("US", "GPE", USA), ("Chinese", "NORP", CHINA)],
            ),
            S(
                "US officials warned that Chinese drones sold to Russia would bring new sanctions.",
                [("US", "GPE", USA), ("Chinese", "NORP", CHINA)],
            ),
        ],
    )
    story = Story("s", "Visit", (*story.article_ids, "r3"), story.first_seen, story.last_seen, story.key_actors)
    brief = write_brief(story, [*articles, extra], [*analyses, notes])
    reactions = [i.text for s in brief.sections if s.name == "Reactions" for i in s.items]
    assert any("drones" in t for t in reactions)
    assert not any(t.startswith("Then,") for t in reactions)


def _misdated_preview():
    """A page dated after the visit it announces (the scraper's date, not the writer's)."""
    return make(
        "p1",
        "2024-05-26",
        "Monitor",
        [
            S(
                "Vladimir Putin prepares for his first trip abroad of his new term, and it leads to China.",
                [("Vladimir Putin", "PERSON", PUTIN), ("China", "GPE", CHINA)],
            ),
            S(
                "Putin's upcoming visit, scheduled for May 16-17, is expected to focus on trade.",
                [("Putin", "PERSON", PUTIN)],
                events=[{"future": True, "date": "2024-05-16"}],
                dates=[("May 16-17", "2024-05-16")],
            ),
            S(
                "Analysts see energy sales as the partnership's economic core.",
                [],
            ),
        ],
    )


def test_a_story_of_only_a_misdated_preview_still_has_a_summary():
    article, notes = _misdated_preview()
    story = Story("p", "Preview", ("p1",), "2024-05-26", "2024-05-26", ())
    brief = write_brief(story, [article], [notes])
    summary = [i.text for s in brief.sections if s.name == "Summary" for i in s.items]
    assert summary and summary[0].startswith("Vladimir Putin prepares")
    assert not any("upcoming" in t for t in summary)  # its plans are not news


def test_a_misdated_preview_beside_other_reports_is_no_summary():
    story, articles, analyses = _reaction_story()
    article, notes = _misdated_preview()
    story = Story("s", "Visit", (*story.article_ids, "p1"), story.first_seen, story.last_seen, story.key_actors)
    brief = write_brief(story, [*articles, article], [*analyses, notes])
    summary = [i for s in brief.sections if s.name == "Summary" for i in s.items]
    assert summary and not any("Vladimir Putin prepares" in i.text for i in summary)
