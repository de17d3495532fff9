"""trafilatura's cascade as :class:`PageCascade` runs it gives ``bare_extraction``'s text, mode by mode,
on pages that take each of its branches, and leaves the page's tree as it was."""

from __future__ import annotations

from copy import copy
from typing import Any

import pytest
import trafilatura
from lxml import etree
from trafilatura import core as traf_core
from trafilatura.baseline import html2txt

from newsdesk.extract import cascade
from newsdesk.extract.cascade import PageCascade, pruned_copy
from newsdesk.extract.html import parse_page

PROSE = "The council approved the new tram line on Tuesday after a long debate about its cost and route."
NAV = "".join(f"<li><a href='/s{i}'>Section number {i} of the site with a long menu label</a></li>" for i in range(60))


def _article(paragraphs: int, extra: str = "", head: str = "") -> str:
    body = "".join(f"<p>{PROSE} Paragraph {i}.</p>" for i in range(paragraphs))
    return (f"<html><head><title>Tram</title>{head}</head><body><nav><ul>{NAV}</ul></nav>"
            f"<article><h1>Tram line approved</h1>{body}</article>{extra}<footer>Contact us</footer></body></html>")


COMMENTS = ("<div id='comments' class='comments-area'><ol class='comment-list'><li>"
            "<p>Great news for the town, finally a tram!</p></li></ol></div>")
FORUM = ('<script type="application/ld+json">{"@context": "https://schema.org", '
         '"@type": "DiscussionForumPosting", "headline": "Tram"}</script>')
PAGES = {
    "article": _article(12),
    "short text on a long page (escalation)": _article(1),
    "comment section (pruned copy)": _article(10, COMMENTS),
    "short text and comments": _article(1, COMMENTS),
    "infinite scroll": _article(6, f"<div class='infinite-scroll'><p>{PROSE} Next story.</p></div>"),
    "cookie banner": _article(1, "<div class='cookie-banner'><p>We use cookies to improve your visit.</p></div>"),
    "forum thread": _article(2, COMMENTS, head=FORUM),
    "tiny page (recall, baseline)": "<html><body><div><span>Opening hours: 9 to 5, Monday to Friday.</span></div></body></html>",
    "two documents glued": f"<html><body><p>{PROSE}</p></body></html><html><body><p>{PROSE} Again.</p></body></html>",
}
MODES = [(True, False), (True, True), (False, False), (False, True)]


def _bare_text(tree: Any, url: str | None, fast: bool, recall: bool) -> str | None:
    found = trafilatura.bare_extraction(tree, url=url, include_comments=False, fast=fast, favor_recall=recall)
    return None if found is None else found.text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_mode_gives_bare_extractions_text_and_the_tree_stays_intact(name: str) -> None:
    tree = parse_page(PAGES[name])
    before = etree.tostring(tree)
    page = PageCascade(tree, "https://example.org/news/tram")
    for fast, recall in MODES:  # one PageCascade for all runs: what they share must not leak between them
        assert page.text(fast, recall) == _bare_text(tree, "https://example.org/news/tram", fast, recall)
    assert etree.tostring(tree) == before


@pytest.mark.parametrize("name", sorted(PAGES))
def test_shared_pieces_are_trafilaturas(name: str) -> None:
    tree = parse_page(PAGES[name])
    page = PageCascade(tree, None)
    expected = traf_core.prune_unwanted_nodes(copy(tree), traf_core.RAW_TREE_PRUNE_XPATH)
    if not traf_core._forum_thread_page(tree):
        expected = traf_core.prune_unwanted_nodes(expected, traf_core.REMOVE_COMMENTS_AND_LISTS_XPATH)
    assert etree.tostring(page.pruned()) == etree.tostring(expected)
    assert page.page_chars() == len(html2txt(page.pruned()))


def test_the_page_is_copied_only_when_a_prune_removes_something() -> None:
    plain = parse_page(PAGES["article"])
    assert PageCascade(plain, None).pruned() is plain
    commented = parse_page(PAGES["comment section (pruned copy)"])
    pruned = PageCascade(commented, None).pruned()
    assert pruned is not commented
    assert not pruned.xpath("//*[@id='comments']") and commented.xpath("//*[@id='comments']")


def test_later_prunes_run_on_the_copy_the_first_match_made() -> None:
    tree = parse_page(PAGES["comment section (pruned copy)"])
    outer = etree.XPath(".//div[@id='comments']")
    inner = etree.XPath(".//ol[@class='comment-list']")  # inside the removed div: nothing left to match
    result = pruned_copy(tree, [outer, inner])
    assert etree.tostring(result) == etree.tostring(
        traf_core.prune_unwanted_nodes(copy(tree), [outer, inner]))
    assert tree.xpath("//ol[@class='comment-list']")  # the page itself keeps everything


def test_another_trafilatura_version_runs_bare_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = parse_page(PAGES["short text on a long page (escalation)"])
    monkeypatch.setattr(cascade, "REPLICA", False)
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["fast"])
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    assert PageCascade(tree, None).text(True) == _bare_text(tree, None, True, False)
    assert calls == [True, True]  # ours, then the reference inside _bare_text


def test_the_cleaning_xpath_splits_into_its_plain_part_and_the_cookie_test() -> None:
    # trafilatura 2.3.1's basic_cleaning XPath ends with the cookie-banner test: the gate needs the rest alone
    assert cascade._BASIC_CLEAN_PLAIN is not cascade.BASIC_CLEAN_XPATH
    assert "re:test" not in cascade._BASIC_CLEAN_PLAIN.path
