"""The story brief: grounded sections, citations, duplicates and verification."""

from __future__ import annotations

import dataclasses

import pytest

from newsdesk.brief.writer import SECTION_ORDER, verify_brief, write_brief
from newsdesk.model import BriefItem, Section, Source, TimelineEntry


@pytest.fixture
def brief(story_records):
    r = story_records
    entry = TimelineEntry(
        "2024-09-01",
        r["analyses"][0].sentences[0].text,
        (Source("a1", 0, r["analyses"][0].sentences[0].text),),
    )
    return write_brief(
        r["story"],
        r["articles"],
        r["analyses"],
        background=r["background"],
        timeline=[entry],
        duplicates={"a1": ["a3"]},
    )


def _section(brief, name):
    return next(s for s in brief.sections if s.name == name)


def test_brief_is_fully_grounded(brief, story_records):
    assert verify_brief(brief, story_records["all_articles"], story_records["all_analyses"]) == []
    assert tuple(s.name for s in brief.sections) == SECTION_ORDER
    assert brief.title == "Putin visits China" and brief.generated_at


def test_summary_is_central_and_bounded(brief):
    summary = _section(brief, "Summary").items
    assert 3 <= len(summary) <= 4
    assert any("state visit" in item.text for item in summary)
    assert not any("Subscribe" in item.text for s in brief.sections for item in s.items)


def test_background_uses_earlier_story_and_historical_lines(brief):
    texts = [i.text for i in _section(brief, "Background").items]
    assert any("May 16, 2024" in t for t in texts)
    assert any("had last visited" in t for t in texts)


def test_reactions_are_third_parties_grouped_by_actor(brief):
    groups = {i.group for i in _section(brief, "Reactions").items}
    assert {"Antony Blinken", "European Union"} <= groups
    assert "Xi Jinping" not in groups


def test_what_comes_next_and_key_aspects(brief):
    outlook = " ".join(i.text for i in _section(brief, "What comes next").items)
    assert "Kazan" in outlook
    aspects = _section(brief, "Key aspects").items
    assert aspects and all(i.group for i in aspects)
    assert {i.group for i in aspects} <= {"technology", "trade and economy", "energy", "diplomacy"}


def test_syndicated_sentence_cites_both_copies(brief):
    lead = next(i for s in brief.sections for i in s.items if "state visit" in i.text)
    cited = {brief.sources[n - 1].article_id for n in lead.citations}
    assert cited == {"a1", "a3"}


def test_sources_are_deduplicated_and_numbered_in_order_of_use(brief):
    keys = [(s.article_id, s.sentence_index) for s in brief.sources]
    assert len(keys) == len(set(keys))
    seen = 0
    for section in brief.sections:
        for item in section.items:
            for n in item.citations:
                assert n <= seen + 1
                seen = max(seen, n)


def test_key_players_and_timeline(brief):
    names = [p.name for p in brief.key_players]
    assert names[0] == "Vladimir Putin"
    assert "Gazprom" in names and "China" not in names
    putin = brief.key_players[0]
    assert putin.country == "RUS" and putin.role == "President of Russia" and putin.citations
    assert len(brief.timeline) == 1
    numbers = {(s.article_id, s.sentence_index): n for n, s in enumerate(brief.sources, 1)}
    assert ("a1", 0) in numbers
    assert brief.timeline[0].citations[0].publisher == "Wire"


def test_verify_catches_tampering(brief, story_records):
    arts, ans = story_records["all_articles"], story_records["all_analyses"]
    forged = dataclasses.replace(brief.sources[0], text="Something nobody wrote.")
    tampered = dataclasses.replace(brief, sources=(forged, *brief.sources[1:]))
    assert any("differs" in p for p in verify_brief(tampered, arts, ans))
    extra = Section(
        "Summary", (BriefItem("An invented claim about the visit.", (1,)), BriefItem("Uncited.", ()))
    )
    invented = dataclasses.replace(brief, sections=(extra, *brief.sections[1:]))
    problems = verify_brief(invented, arts, ans)
    assert any("not supported" in p for p in problems)
    assert any("no citation" in p for p in problems)
    repeated = dataclasses.replace(brief, sections=(*brief.sections, brief.sections[0]))
    assert any("repeats" in p for p in verify_brief(repeated, arts, ans))


def test_empty_story_gives_empty_but_valid_brief(story_records):
    story = dataclasses.replace(story_records["story"], article_ids=())
    brief = write_brief(story, [], [])
    assert all(not s.items for s in brief.sections) and brief.sources == ()
    assert verify_brief(brief, {}, {}) == []
