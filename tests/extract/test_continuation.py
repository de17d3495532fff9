"""Article text trafilatura cut short: missed paragraphs of the kept paragraphs' template come back."""

from __future__ import annotations

from newsdesk.extract.continuation import restore_continuation
from newsdesk.extract.html import parse_page

FIRST = [
    "The council approved the new tram line on Tuesday evening after a debate that lasted almost six hours.",
    "Supporters said the line would cut journeys across the city by a third and take cars off the ring road.",
]
SECOND = [
    "Opponents argued that the money would be better spent on buses, which already serve most of the suburbs.",
    "Construction is due to start next spring, and the first trams should carry passengers early in 2027.",
    "The mayor said the vote ended ten years of argument and promised regular reports on the budget and works.",
]


def _chunk(texts: list[str]) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in texts)
    return f'<div class="grid"><div class="grid-item">{paragraphs}</div></div>'


def _page(body: str) -> str:
    return f"<html><head><title>Tram</title></head><body><main>{body}</main></body></html>"


CHUNKED = _page(f'<div class="chunks">{_chunk(FIRST)}<aside class="ad">Advertisement</aside>{_chunk(SECOND)}</div>'
                '<footer><p>Share this story with your friends</p></footer>')


def test_paragraphs_of_the_kept_template_after_an_ad_break_come_back_in_page_order() -> None:
    text = [*FIRST, "Share this story"]  # a line that matches no paragraph stays after the one before it
    assert restore_continuation(parse_page(CHUNKED), text) == [*FIRST, "Share this story", *SECOND]


def test_a_kept_paragraph_split_in_two_lines_is_not_restored_twice() -> None:
    half = len(FIRST[1]) // 2
    split = FIRST[1].rfind(" ", 0, half)
    text = [FIRST[0], FIRST[1][:split], FIRST[1][split + 1 :]]
    restored = restore_continuation(parse_page(CHUNKED), text)
    assert restored == [*text, *SECOND]


def test_a_small_remainder_in_the_same_mould_is_left_out() -> None:
    # the kept text is long; one missed paragraph of the same template (an author bio, say) holds
    # far less than half as many words, so nothing comes back
    long_text = FIRST * 3
    page = _page(_chunk(long_text) + _chunk(SECOND[:1]))
    kept = [f"{t} (part {n})" for n, t in enumerate(long_text)]  # distinct lines, same words
    assert restore_continuation(parse_page(page), kept) == kept


def test_a_template_of_bare_tags_restores_nothing() -> None:
    paragraphs = "".join(f"<p>{t}</p>" for t in FIRST + SECOND)
    page = f"<html><body><div><div>{paragraphs}</div></div></body></html>"
    assert restore_continuation(parse_page(page), FIRST) == FIRST


def test_teasers_and_headings_in_the_same_template_stay_out() -> None:
    teaser = ('<a href="/a">Read the full story about the ring road closures and the new bus lanes that open '
              'next week in the city centre.</a>')
    heading = "What the vote means for the residents who live along the planned route of the new line"
    page = _page(_chunk(FIRST) + _chunk([teaser, heading, teaser]))
    assert restore_continuation(parse_page(page), FIRST) == FIRST


LEAD = "The harbour board agreed on Monday to dredge the northern channel before the winter storms arrive."
REST = "Work starts next month, and the board expects the channel to stay open to ferries during the works."
SIDE = "Our guide to the best seaside walks along the northern coast, with maps and tide tables for each."


def _loose(markup: str, lines: list[str]) -> list[str]:
    from newsdesk.extract.blocks import page_blocks
    from newsdesk.extract.continuation import restore_loose_text
    from newsdesk.extract.edges import is_prose

    return restore_loose_text(lines, page_blocks(parse_page(markup)), is_prose)


def test_the_loose_text_that_opens_a_kept_container_comes_back_before_the_rest() -> None:
    markup = _page(f'<div class="content">{LEAD}<br><br><img src="x.jpg">{REST}</div>'
                   f'<div class="side"><p>{SIDE}</p></div>')
    assert _loose(markup, [REST]) == [LEAD, REST]


def test_prose_in_another_element_and_short_loose_text_stay_out() -> None:
    markup = _page(f'<div class="content">Photo: the harbour<br>{REST}</div><div class="side"><p>{SIDE}</p></div>')
    assert _loose(markup, [REST]) == [REST]
    assert _loose(markup, []) == []


def _gaps(markup: str, lines: list[str]) -> list[str]:
    from newsdesk.extract.blocks import page_blocks
    from newsdesk.extract.continuation import restore_gaps
    from newsdesk.extract.edges import is_prose

    return restore_gaps(lines, page_blocks(parse_page(markup)), is_prose)


GUIDE = [
    "A smart meter sends your readings to the supplier every half hour, so nobody needs to visit your home.",
    "Most suppliers fit one for free, and the work takes about an hour while the power is switched off.",
    "If the display stops working, call your supplier: the meter itself usually keeps sending readings.",
]


def test_a_skipped_subheading_and_list_between_two_kept_paragraphs_come_back_in_page_order() -> None:
    markup = _page(f'<div class="post"><p>{GUIDE[0]}</p><h2>What does the display show?</h2>'
                   "<ul><li>The energy you used today</li><li>What it cost so far</li></ul>"
                   f"<p>{GUIDE[1]}</p><h3>Getting one fitted</h3><p>{GUIDE[2]}</p></div>")
    assert _gaps(markup, GUIDE) == [GUIDE[0], "What does the display show?", "- The energy you used today",
                                    "- What it cost so far", GUIDE[1], "Getting one fitted", GUIDE[2]]


def test_teaser_links_their_heading_paragraphs_and_other_containers_stay_out() -> None:
    teasers = ('<h2>You may also like</h2><ul><li><a href="/a">Heat pumps explained in full</a></li>'
               '<li><a href="/b">Solar panels on a flat roof</a></li></ul>')
    markup = _page(f'<div class="post"><p>{GUIDE[0]}</p>{teasers}<p>{GUIDE[1]}</p>'
                   "<ul><li>1</li><li>3</li></ul><p>A quoted aside the extractor skipped on purpose.</p>"
                   f'<p>{GUIDE[2]}</p></div><div class="side"><h2>Our newsletter</h2></div>')
    assert _gaps(markup, GUIDE) == GUIDE
    apart = _page(f'<div class="a"><p>{GUIDE[0]}</p></div><h2>Between two boxes</h2>'
                  f'<div class="b"><p>{GUIDE[1]}</p></div>')
    assert _gaps(apart, GUIDE[:2]) == GUIDE[:2]  # the prose lines sit in different parents
    assert _gaps(markup, []) == []
