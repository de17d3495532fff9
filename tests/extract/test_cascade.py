"""trafilatura's cascade as :class:`PageCascade` runs it gives ``bare_extraction``'s text, mode by mode,
on pages that take each of its branches, and leaves the page's tree as it was."""

from __future__ import annotations

import re
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
    "text under a fifth of a long page (escalation, no recovery pass)": _article(3),
    "comment section (pruned copy)": _article(10, COMMENTS),
    "short text and comments": _article(1, COMMENTS),
    "infinite scroll": _article(6, f"<div class='infinite-scroll'><p>{PROSE} Next story.</p></div>"),
    "cookie banner": _article(1, "<div class='cookie-banner'><p>We use cookies to improve your visit.</p></div>"),
    "forum thread": _article(2, COMMENTS, head=FORUM),
    "tiny page (recall, baseline)": "<html><body><div><span>Opening hours: 9 to 5, Monday to Friday.</span></div></body></html>",
    "two documents glued": f"<html><body><p>{PROSE}</p></body></html><html><body><p>{PROSE} Again.</p></body></html>",
    "teaser block found by the recovery pass (fast and full mode differ)": (
        "<html><head><title>Tram</title></head><body><article><h1>Tram line approved</h1><p>The council voted.</p>"
        f"</article><div class='teaser'><p>{PROSE} More on the vote.</p><p>{PROSE} And the route.</p></div></body></html>"),
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


def test_the_gates_answer_as_their_patterns_do() -> None:
    # every alternative of each pattern, in both cases, inside other values, and letters that fold onto ASCII
    samples = ["", "nav main", "mvp-post-add-box", "mvp-post-add-wrap x", "infinitescroll", "infinite-scroll",
               "infinite", "elementor-share-buttons", "Comment", "comment-list", "commentary", "x comment",
               "comol", "disqus_thread", "dsq-comments", "article-comments", "post-comments", "a\ncomments",
               "cookie-banner", "COOKIE_NOTICE", "Cookie-Policy", "notice--cookie", "consent-manager",
               "ConsentSDK", "borlabs", "CookieBot", "cmplz", "OneTrust", "moove_gdpr", "cookie", "consent",
               "co\u212aie-bar", "con\u017fent-banner", "c\u00f6okie-bar", "\u00e9 cookie_law", "k\u212a"]
    random = __import__("random").Random(5)
    parts = ["cookie", "consent", "-", "_", "banner", "manager", "omment", "C", "c", "ary", "\n", "infinite",
             "scroll", "\u212a", "\u017f", "e", "moove", "gdpr", "notice", "post", "article", "s"]
    samples += ["".join(random.choices(parts, k=random.randint(1, 8))) for _ in range(3000)]
    gates = [*cascade._RAW_PRUNE_GATES, *cascade._COMMENT_PRUNE_GATES]
    for text in samples:
        for gate in gates:
            assert gate.search(text) == (gate.pattern.search(text) is not None), (gate.pattern.pattern, text)
        assert cascade._COOKIE_GATE.search(text) == (re.search(cascade._COOKIE_CONSENT_RE, text, re.I) is not None), text


def test_the_cookie_gate_is_the_pinned_pattern_with_its_words() -> None:
    assert cascade._COOKIE_CONSENT_RE == cascade._COOKIE_PATTERN
    assert cascade._COOKIE_GATE.fold and cascade._COOKIE_GATE.words


def test_a_page_is_extracted_and_read_by_readability_once_per_focus(monkeypatch: pytest.MonkeyPatch) -> None:
    # the fast run's main texts serve the full cascade; readability runs once for both full-mode comparisons
    tree = parse_page(PAGES["text under a fifth of a long page (escalation, no recovery pass)"])
    calls: list[str] = []
    readability: list[int] = []
    real_extract, real_readability = cascade.extract_content, cascade._TRY_READABILITY

    def extract(cleaned: Any, options: Any) -> Any:
        calls.append(options.focus)
        return real_extract(cleaned, options)

    def summary(raw: Any) -> Any:
        readability.append(1)
        return real_readability(raw)

    monkeypatch.setattr(cascade, "extract_content", extract)
    monkeypatch.setattr(cascade, "_TRY_READABILITY", summary)
    page = PageCascade(tree, None)
    texts = [page.text(fast) for fast in (True, False)]
    assert texts == [_bare_text(tree, None, fast, False) for fast in (True, False)]
    assert sorted(calls) == ["balanced", "recall"]  # fast mode escalated; full mode reused both
    assert len(readability) == 1


def test_a_text_the_recovery_pass_made_is_extracted_again_in_full_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = parse_page(PAGES["teaser block found by the recovery pass (fast and full mode differ)"])
    calls: list[tuple[bool, str]] = []
    real = cascade.extract_content

    def extract(cleaned: Any, options: Any) -> Any:
        calls.append((options.fast, options.focus))
        return real(cleaned, options)

    monkeypatch.setattr(cascade, "extract_content", extract)
    page = PageCascade(tree, None)
    assert page.text(True) != page.text(False)
    assert (False, "balanced") in calls
    assert trafilatura.external.try_readability is cascade._TRY_READABILITY  # restored after the comparison


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_justext_candidate_is_trafilaturas(name: str) -> None:
    # the cleaning leaves the cookie-banner test out only where no class or id value can pass it
    tree = parse_page(PAGES[name])
    page = PageCascade(tree, None)
    options = cascade._options(False, False, None)
    body, text = page._justext(page.pruned(), options)
    expected_body, expected_text = trafilatura.external.justext_rescue(copy(page.pruned()), options)
    assert (etree.tostring(body), text) == (etree.tostring(expected_body), expected_text)
