"""A day named only as "today" in a sentence that tells no act is the page's present, not a day of
the story (issue #4, eighteenth pass: real pages dated their "today's market" lines)."""

from __future__ import annotations

from _story_factory import CHINA, PUTIN, Doc, Dt, Ev, build_all

from newsdesk.stories.timeline import story_timeline

ACT = "Putin announced today that Russia would open a new consulate in Harbin."
STATE = "Trade with China is the heart of today's Russian economy, officials argue."
ADVERT = "Download the full report on Russian trade today."


def _texts(sentences: list[str], events: list[Ev], dates: list[Dt]) -> list[str]:
    doc = Doc("t1", "Putin in Harbin", "2024-05-17", sentences, events, dates)
    articles, analyses = build_all([doc])
    return [e.text for e in story_timeline(articles, analyses, story_id="s")]


def test_today_dates_an_act_but_not_a_description_or_an_appeal() -> None:
    texts = _texts(
        [ACT, STATE, ADVERT],
        [Ev(0, "CONSULT", (PUTIN,), (CHINA,), "2024-05-17")],
        [Dt(0, "today", "2024-05-17"), Dt(1, "today's", "2024-05-17"), Dt(2, "today", "2024-05-17")],
    )
    assert texts == [ACT]


def test_a_stated_day_still_dates_a_sentence_without_an_act() -> None:
    dated = "Trade with China reached a record on May 17, officials argue."
    texts = _texts([dated], [], [Dt(0, "May 17", "2024-05-17")])
    assert texts == [dated]
