"""A second reading of the briefs in the fourteenth pass: a Summary that opened on "announced the
meeting" or on a reply to something it does not name, a comment on what is known printed as news,
a market move filed under diplomacy for the meeting it preceded, and one dated plan told twice
because one telling named the office only as "the post"."""

from __future__ import annotations

from conftest import S, assert_context_reading, make
from newsdesk.brief.anaphora import reply_without_cause
from newsdesk.brief.candidates import build_candidates, commentary
from newsdesk.brief.meeting import bare_event
from newsdesk.brief.sections import home_theme
from newsdesk.brief.writer import verify_brief, write_brief
from newsdesk.model import Actor, Story

PERU = Actor("Peru", "PER", "GOV")
CHILE = Actor("Chile", "CHL", "GOV")
BORIC = Actor("Gabriel Boric", "CHL", "GOV", "President of Chile")
BOLUARTE = Actor("Dina Boluarte", "PER", "GOV", "President of Peru")


def _summary(brief) -> list[str]:  # noqa: ANN001
    return [i.text for s in brief.sections if s.name == "Summary" for i in s.items]


def test_a_bare_kind_of_event_further_in_a_sentence_is_found_unless_the_sentence_names_it():
    assert bare_event("Boric announced the meeting late on Monday in a post on social media.")
    assert bare_event("Officials confirmed the summit late on Tuesday.")
    assert not bare_event("Boric arrived for the summit in Lima on Tuesday.")  # says which
    assert not bare_event("Boric and Boluarte held a summit in Lima, and the summit agreed a lithium accord.")
    assert not bare_event("Boric and Boluarte signed a lithium accord in Lima on Tuesday.")


def test_a_reply_that_does_not_say_what_it_answers_is_found():
    assert reply_without_cause("Boluarte responded on Saturday that Peru would never give up its coast.")
    assert reply_without_cause("Lima hit back within hours.")
    assert not reply_without_cause("Boluarte responded to the proposal on Saturday with a counter-offer.")
    assert not reply_without_cause("Boluarte said on Saturday that Peru would never give up its coast.")


def test_a_comment_on_what_is_known_is_found():
    assert commentary("Two days after the talks in Lima, the outline of what they changed is becoming clearer.")
    assert commentary("Whether the accord will hold remains to be seen.")
    assert commentary("Officials said it was too early to say how many jobs the mine would bring.")
    assert not commentary("Peru and Chile signed a lithium accord in Lima on Tuesday.")
    assert not commentary("The sky over Lima became clearer on Tuesday.")


def _lima_story(opener: str, reply: str | None = None):  # noqa: ANN202
    """A preview that tells the meeting's announcement, and two reports after a summit in Lima."""
    preview = [S(opener, [("Boric", "PERSON", BORIC)], ("diplomacy",), [{}])]
    if reply:
        preview.append(S(reply, [("Boluarte", "PERSON", BOLUARTE)], ("diplomacy",), [{}]))
    a1, n1 = make("p1", "2025-05-03", "Wire", preview)
    ended = (
        "Chilean President Gabriel Boric and Peruvian President Dina Boluarte ended their summit in Lima on "
        "Friday with a lithium accord, both describing the talks as productive."
    )
    comment = "Two days after Boric and Boluarte met in Lima, the outline of what their summit changed is becoming clearer."
    later = "On Saturday Chile said it would open a consulate in Cusco, its first in the Peruvian highlands."
    a2, n2 = make(
        "p2",
        "2025-05-10",
        "Daily",
        [S(ended, [("Gabriel Boric", "PERSON", BORIC), ("Dina Boluarte", "PERSON", BOLUARTE)], ("diplomacy",), [{}])],
    )
    a3, n3 = make(
        "p3",
        "2025-05-12",
        "Post",
        [
            S(comment, [("Boric", "PERSON", BORIC), ("Boluarte", "PERSON", BOLUARTE)], ("diplomacy",), [{}]),
            S(later, [("Chile", "GPE", CHILE)], ("diplomacy",), [{}]),
        ],
    )
    story = Story("p", "Boric and Boluarte in Lima", ("p1", "p2", "p3"), "2025-05-03", "2025-05-12")
    return story, [a1, a2, a3], [n1, n2, n3], ended, comment, later


def test_a_summary_does_not_open_on_the_announcement_of_a_meeting_it_has_not_named():
    """"Boric announced the meeting …" leans on a line that names the meeting; the reports call it a
    summit, so nothing in the Summary does, and it is left out."""
    announced = "Boric announced the meeting late on Friday in a post on social media."
    story, articles, analyses, ended, comment, later = _lima_story(announced)
    brief = write_brief(story, articles, analyses)
    summary = _summary(brief)
    assert announced not in summary
    assert summary[0] == ended
    assert comment not in summary and later in summary  # a comment on what is known is no development
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def test_a_summary_does_not_open_on_a_reply_to_something_it_does_not_name():
    announced = "Boric announced the meeting late on Friday in a post on social media."
    reply = "Peruvian President Dina Boluarte responded on Saturday that Peru would never give up its coast."
    story, articles, analyses, ended, _, _ = _lima_story(announced, reply)
    brief = write_brief(story, articles, analyses)
    summary = _summary(brief)
    assert summary and summary[0] not in (announced, reply)
    assert verify_brief(brief, {a.id: a for a in articles}, {n.article_id: n for n in analyses}) == []


def test_a_summary_prefers_an_act_told_to_one_a_relative_clause_hangs_on_a_place():
    """"Lima, which settlers founded on a desert coast, lies a few hours from Santiago" has an event,
    but only in its relative clause: the Summary takes the act the report tells instead."""
    place = "Lima, which Spanish settlers founded on a desert coast, lies only a few hours by air from Santiago and La Paz."
    pressed = "Chile and Bolivia have pressed for Peru to open its Pacific ports to their exports."
    a1, n1 = make(
        "r1",
        "2025-05-03",
        "Wire",
        [
            S("Boric will meet Boluarte in Lima next Friday, his office said.", [("Boric", "PERSON", BORIC)],
              ("diplomacy",), [{"future": True, "date": "2025-05-09"}], [("next Friday", "2025-05-09")]),
            S(place, [("Lima", "GPE", PERU)], (), [{"clause": 2, "date": "2025-05-03"}]),
            S(pressed, [("Chile", "GPE", CHILE)], ("diplomacy",), [{"clause": 0}]),
        ],
    )
    story, articles, analyses, *_ = _lima_story("Boric arrived in Lima on Thursday evening.")
    articles, analyses = [a1, *articles[1:]], [n1, *analyses[1:]]
    story = Story("p", story.title, tuple(a.id for a in articles), "2025-05-03", "2025-05-12")
    summary = _summary(write_brief(story, articles, analyses))
    assert pressed in summary and place not in summary


def test_a_market_move_is_economic_news_unless_its_leading_theme_has_prices_of_its_own():
    """"Copper futures had risen in the days before the meeting" names a meeting and no trade word;
    its subject is a price."""
    copper = "Copper futures in London had risen in the days before the meeting on hopes of a deal."
    oil = "Oil prices had fallen in the days before the meeting on hopes of more supply."
    talks = "Boric and Boluarte held talks in Lima on Friday before the meeting of their ministers."
    article, analysis = make(
        "m1",
        "2025-05-09",
        "Wire",
        [S(copper, [], ("diplomacy",)), S(oil, [], ("energy", "diplomacy")), S(talks, [], ("diplomacy",))],
    )
    by_text = {c.text: c for c in build_candidates([article], [analysis])}
    shown = {"diplomacy", "energy", "trade and economy"}
    assert home_theme(by_text[copper], shown) == "trade and economy"
    assert home_theme(by_text[copper], {"diplomacy"}) == "diplomacy"  # no economy group to file it under
    assert home_theme(by_text[oil], shown) == "energy"
    assert home_theme(by_text[talks], shown) == "diplomacy"


def test_an_office_named_only_as_the_post_leans_on_the_sentence_before():
    """Which post Rutte-like successors take up, the sentence before said; the one they left is not it."""
    assert_context_reading(
        orphans=(
            "Boric, who stepped down last week after eight years as mayor of Santiago, will take up the post on 1 March.",
            "Boluarte will assume the role in January.",
        ),
        standalone=(
            "Boric, appointed secretary general last month, will take up the post on 1 March.",
            "Boric will take up the post of secretary general on 1 March.",
            "Lima took the position that the border treaty of 1929 settled every claim.",
            "Shoigu, who had held the post of defence minister since 2012, was moved to the Security Council.",
        ),
    )
