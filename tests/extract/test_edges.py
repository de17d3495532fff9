"""Menus and labels above the first prose line go; prose, later lines and prose-less texts stay."""

from __future__ import annotations

from newsdesk.extract.blocks import page_blocks
from newsdesk.extract.edges import is_prose, trim_head
from newsdesk.extract.html import parse_page

PROSE = "The council approved the new tram line on Tuesday evening after a debate of almost six hours."
MORE = "Supporters said the line would cut journeys across the city by a third and take cars off the road."
PAGE = ("<html><body><nav><a href='/'>Back to blog</a></nav><p>Opinion piece</p>"
        f"<p>{PROSE}</p><p>{MORE}</p><ul><li><a href='/x'>Related story</a></li></ul></body></html>")


def _blocks(markup: str = PAGE) -> list:
    return page_blocks(parse_page(markup))


def test_prose_is_a_long_line_that_ends_like_a_sentence() -> None:
    assert is_prose(PROSE)
    assert not is_prose(PROSE.rstrip("."))  # a long heading or list stub
    assert not is_prose("Short line.")


def test_an_all_link_line_above_the_prose_goes_on_any_page_and_a_plain_label_stays() -> None:
    lines = ["Back to blog", "Opinion piece", PROSE, MORE, "Related story"]
    assert trim_head(lines, _blocks(), marked_article=False) == ["Opinion piece", PROSE, MORE, "Related story"]


def test_on_a_marked_article_short_labels_above_the_prose_go_too() -> None:
    lines = ["Back to blog", "Opinion piece", PROSE, MORE, "Related story"]
    assert trim_head(lines, _blocks(), marked_article=True) == [PROSE, MORE, "Related story"]


def test_longer_lines_above_the_prose_stay_even_when_they_are_links() -> None:
    link = "Read our full guide to the city's new tram network"
    markup = f"<html><body><p><a href='/g'>{link}</a></p><p>{PROSE}</p></body></html>"
    assert trim_head([link, PROSE], _blocks(markup), marked_article=True) == [link, PROSE]


def test_a_line_in_a_block_that_is_only_partly_a_link_stays() -> None:
    markup = f"<html><body><p>See <a href='/m'>the map</a></p><p>{PROSE}</p></body></html>"
    assert trim_head(["See the map", PROSE], _blocks(markup), marked_article=False) == ["See the map", PROSE]


def test_without_prose_or_when_the_text_starts_with_it_nothing_changes() -> None:
    assert trim_head(["Back to blog", "Opinion piece"], _blocks(), marked_article=True) == ["Back to blog",
                                                                                            "Opinion piece"]
    assert trim_head([PROSE, "Back to blog"], _blocks(), marked_article=True) == [PROSE, "Back to blog"]
