"""Markdown, HTML and JSON renderings of a brief; article text is treated as untrusted."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newsdesk.brief.render import group_title, item_text, to_html, to_json, to_markdown
from newsdesk.brief.writer import write_brief
from newsdesk.model import BriefItem, Source, TimelineEntry


@pytest.fixture
def brief(story_records):
    r = story_records
    first = r["analyses"][0].sentences[0]
    entry = TimelineEntry("2024-09-01", first.text, (Source("a1", 0, first.text),))
    return write_brief(
        r["story"],
        r["articles"],
        r["analyses"],
        background=r["background"],
        timeline=[entry],
        duplicates={"a1": ["a3"]},
    )


def test_markdown_has_sections_groups_and_sources(brief):
    md = to_markdown(brief)
    assert md.startswith("# Putin visits China")
    for heading in (
        "## Summary",
        "## Background",
        "## Key aspects",
        "## Reactions",
        "## Key players",
        "## Timeline",
        "## Sources",
    ):
        assert heading in md
    assert "**European Union**" in md
    assert "- **Vladimir Putin** — President of Russia, RUS" in md
    assert "- 2024-09-01 – Russian President" in md
    assert "[1] Wire, 2024-09-01 — Wire report a1 — https://news.example/a1 — “Russian" in md
    assert "[1][2]" in md


def test_html_escapes_untrusted_text(brief):
    evil = dataclasses.replace(
        brief.sources[0],
        text='<script>alert(1)</script> "quoted"',
        url="javascript:alert(1)",
    )
    item = dataclasses.replace(brief.sections[0].items[0], text="<img src=x onerror=alert(1)>")
    section = dataclasses.replace(brief.sections[0], items=(item,))
    hostile = dataclasses.replace(
        brief, title="<b>t</b>", sources=(evil, *brief.sources[1:]), sections=(section, *brief.sections[1:])
    )
    out = to_html(hostile)
    assert "<script>" not in out and "<img" not in out and "<b>t</b>" not in out
    assert "&lt;script&gt;" in out and "javascript:" not in out
    assert '<a href="#src-1" class="cite" data-article="a1" data-sentence="0">[1]</a>' in out
    assert 'id="src-1"' in out


def test_markdown_neutralises_links_and_html():
    from newsdesk.model import Brief, BriefItem, Section

    src = Source("x", 0, "See [1](http://evil) <b>now</b>.")
    b = Brief("s", "T", (Section("Summary", (BriefItem(src.text, (1,)),)),), (), (), (src,))
    md = to_markdown(b)
    assert "[1](http://evil)" not in md and "<b>" not in md


def test_json_shape(brief):
    data = to_json(brief)
    json.dumps(data)
    assert data["title"] == "Putin visits China"
    assert [s["name"] for s in data["sections"]][0] == "Summary"
    assert set(data["sections"][0]["items"][0]) >= {"text", "citations"}
    assert data["timeline"][0]["citations"] == [1]
    assert data["key_players"][0]["name"] == "Vladimir Putin"
    assert data["sources"][0]["n"] == 1 and data["sources"][0]["article_id"] == "a1"


def test_every_rendering_words_items_and_group_titles_alike():
    """The dashboard's story page uses these too: a clause ends with a full stop, a Background line
    of an earlier story says when it was reported, themes are capitalised, Background has no groups."""
    clause = BriefItem("The minister called the deal a mistake", (1,), "Ana Ruiz (Spain)")
    earlier = BriefItem("The first round of talks ended in March.", (2,), "2024-03-02")
    assert item_text("Reactions", clause) == "The minister called the deal a mistake."
    assert item_text("Background", earlier) == "(reported 2024-03-02) The first round of talks ended in March."
    assert group_title("Key aspects", "trade and economy") == "Trade and economy"
    assert group_title("Reactions", None) == "Others"
    assert group_title("Background", "2024-03-02") is None


def test_a_source_without_url_shows_the_file_it_came_from(story_records):
    r = story_records
    scraped = dataclasses.replace(r["articles"][1], url=None, source="scrapes/daily-2024-09-02.txt")
    brief = write_brief(r["story"], [r["articles"][0], scraped, r["articles"][2]], r["analyses"])
    from_file = [s for s in brief.sources if s.article_id == scraped.id]
    assert from_file and all(s.origin == "scrapes/daily-2024-09-02.txt" and s.url is None for s in from_file)
    assert all(s.origin is None for s in brief.sources if s.article_id != scraped.id)
    assert "`scrapes/daily-2024-09-02.txt`" in to_markdown(brief)
    assert '<code class="origin">scrapes/daily-2024-09-02.txt</code>' in to_html(brief)
    assert {s["origin"] for s in to_json(brief)["sources"]} == {None, "scrapes/daily-2024-09-02.txt"}
