"""A first page-type heuristic: article, listing (section front, tag page, search results) or other.

An article page has a few hundred words in several paragraphs and little of its text inside links;
a listing is mostly links and repeated teaser headlines with little prose of its own. This is a
deliberately simple rule set that a trained classifier can replace behind the same signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PageSignals:
    """Measurements page-type classification looks at."""

    words: int  # words in the extracted main text
    paragraphs: int  # paragraphs in the extracted main text
    link_density: float = 0.0  # share of the page body's text inside <a> elements
    teasers: int = 0  # linked headlines (h2/h3/h4 containing a link) on the page
    marked_article: bool = False  # og:type article or Article JSON-LD


def classify_page(signals: PageSignals) -> str:
    """"article", "listing" or "other" from simple thresholds on :class:`PageSignals`."""
    prose_poor = signals.words < 250 or signals.paragraphs < 3
    if signals.teasers >= 6 and prose_poor:
        return "listing"
    if signals.link_density > 0.5 and signals.words < 400:
        return "listing"
    if signals.words >= 150 and signals.paragraphs >= 2:
        return "article"
    if signals.marked_article and signals.words >= 60:
        return "article"
    return "other"


def page_signals(tree: Any, words: int, paragraphs: int, marked_article: bool) -> PageSignals:
    """Measure link density and linked-headline count on a parsed page."""
    body = tree.find(".//body")
    if body is None:
        return PageSignals(words, paragraphs, marked_article=marked_article)
    for bad in body.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    total = len(" ".join(body.text_content().split()))
    linked = sum(len(" ".join(a.text_content().split())) for a in body.iter("a"))
    teasers = len(body.xpath(".//h2[.//a]|.//h3[.//a]|.//h4[.//a]"))
    return PageSignals(words, paragraphs, linked / total if total else 0.0, teasers, marked_article)
