"""The speed paths of HTML extraction give the answers of the slower code they replace.

Each fast path (our own parse with C-level element classes, the gated trafilatura author search,
the single-loop block walk that skips hidden subtrees, the rendered text, the model's bucket
lookup) is checked against what it replaces, on markup that exercises its edge cases.
"""

from __future__ import annotations

import numpy as np
import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura import metadata as traf_meta
from trafilatura.utils import load_html

from newsdesk.extract import html as html_module
from newsdesk.extract.blocks import hash_feature, page_blocks
from newsdesk.extract.learned import LinearModel
from newsdesk.extract.metadata import parse_html
from newsdesk.extract.visible_text import rendered_text

PAGES = {
    "plain": "<html><head><title>T</title></head><body><form><input name=q></form><p>Text here.</p></body></html>",
    "xml-declared": '<?xml version="1.0" encoding="utf-8"?><html><body><p>Déjà vu.</p></body></html>',
    "doctype": "<!DOCTYPE html>\n<html><body><div><p>One</p><p>Two</p></div></body></html>",
    "fragment": "<p>only a paragraph</p>",
    "no-html-word": "<div><p>a</p></div><div><p>b</p></div>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_own_parse_builds_the_tree_trafilatura_builds(name: str) -> None:
    ours, theirs = html_module._load_html(PAGES[name]), load_html(PAGES[name])
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert all(isinstance(el, lxml_html.HtmlElement) for el in ours.iter())  # text_content() everywhere


AUTHOR_PAGES = [
    '<html><body><div class="author-name">Jane Doe</div><p>Text of the story.</p></body></html>',
    '<html><body><p>By <a rel="author" href="/jd">Jane Doe</a></p></body></html>',
    '<html><body><span id="zuozhe">Li Wei</span></body></html>',
    '<html><body><h3 class="BBL">Max Mustermann</h3></body></html>',
    "<html><body><author>Ann Example</author></body></html>",
    '<html><body><div class="post"><p>Nobody signs this text.</p></div></body></html>',
]


@pytest.mark.parametrize("page", AUTHOR_PAGES)
def test_gated_author_search_agrees_with_trafilatura(page: str) -> None:
    tree = html_module.parse_page(page)
    assert html_module._markup_author(tree) == traf_meta.extract_author(tree)


def test_author_search_is_skipped_without_author_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(_tree: object) -> str:
        raise AssertionError("the gate should have answered")

    tree = html_module.parse_page(AUTHOR_PAGES[-1])
    monkeypatch.setattr(traf_meta, "extract_author", unexpected)
    assert html_module._markup_author(tree) is None


def test_block_walk_skips_hidden_subtrees_but_keeps_their_tails() -> None:
    tree = parse_html("<html><body><p>Start <span style='display:none'>hidden <b>deep</b></span>tail</p>"
                      "<svg><text>drawn</text></svg>after <a href='/x'>link</a></body></html>")
    blocks = page_blocks(tree)
    assert [b.text for b in blocks] == ["Start tail", "after link"]
    assert blocks[1].link_chars == len("link") and blocks[1].tag == "body"


def test_rendered_text_skips_scripts_and_finds_the_headline() -> None:
    tree = parse_html("<html><body><nav>Menu</nav><h1>Big news<script>var x;</script> today</h1>"
                      "<p>Body <noscript>enable js</noscript>text</p></body></html>")
    text, offset = rendered_text(tree, tree.find(".//h1"))
    assert text == "Menu\nBig news today\nBody text"
    assert text[offset:].lstrip().startswith("Big news") and "Menu" not in text[offset:]


def test_model_scores_new_and_cached_features_alike() -> None:
    model = LinearModel(np.array([hash_feature("a"), hash_feature("b")]), np.array([1.0, -0.5]), 0.25)
    first = model.probability(["a", "b", "unseen"])
    assert model.probability(["unseen", "b", "a", "a"]) == pytest.approx(first)
    assert first == pytest.approx(1 / (1 + np.exp(-(0.25 + 1.0 - 0.5))))


def test_block_walk_finds_hidden_elements_by_each_marking() -> None:
    tree = parse_html("<html><body><div hidden><p>a</p></div><div aria-hidden='true'><p>b</p></div>"
                      "<div aria-hidden='false'><p>c</p></div><div style='VISIBILITY: hidden'><p>d</p></div>"
                      "<div style='color: red'><p>e</p></div><p style='display : none'>f</p><p>g</p></body></html>")
    assert [b.text for b in page_blocks(tree)] == ["c", "e", "g"]
    hidden_body = parse_html("<html><body hidden><p>x</p></body></html>")
    assert page_blocks(hidden_body) == []


#: Markup where the attribute-node XPaths could part from the element tests they replace: the
#: attribute on other tags, other values that contain the wanted one, repeats, nesting, odd case.
MARKED_PAGE = """<html><head>
<meta name="citation_author" content="Ann One"><meta name="citation_authors" content="Not Me">
<script type="application/ld+json">{"@type": "NewsArticle"}</script>
<meta name="script:ld+json" content='{"@type": "WebPage"}'><div name="citation_author">not a meta</div>
<script type="application/LD+json">{}</script><meta name="citation_author" content="Bo Two">
</head><body>
<time datetime="2024-05-01">May 1</time><span itemprop="datePublished" content="2024-05-02">x</span>
<div itemprop="dateModified"><time>2024-05-03</time></div><p itemprop="datePublishedExtra">no</p>
<span itemprop="DatePublished">case differs</span><meta itemprop="dateCreated" content="2024-05-04">
<script type="application/ld+json">{"@type": "Person"}</script><p>Body text of the page.</p>
</body></html>"""


def test_date_elements_are_the_time_and_itemprop_elements_in_page_order() -> None:
    from newsdesk.extract.dates import _DATE_ELEMENTS

    tree = html_module.parse_page(MARKED_PAGE)
    slow = tree.xpath("//time | //*[@itemprop='datePublished' or @itemprop='dateModified' or @itemprop='dateCreated']")
    assert _DATE_ELEMENTS(tree) == slow
    assert [el.tag for el in slow] == ["time", "span", "div", "time", "meta"]


def test_citation_and_jsonld_elements_match_the_element_tests() -> None:
    from newsdesk.extract.metadata import _CITATION_AUTHORS, _JSONLD_BLOCKS

    tree = html_module.parse_page(MARKED_PAGE)
    assert _CITATION_AUTHORS(tree) == tree.xpath('//meta[@name="citation_author"]')
    assert [el.get("content") for el in _CITATION_AUTHORS(tree)] == ["Ann One", "Bo Two"]
    slow = tree.xpath('//script[@type="application/ld+json"] | //meta[@name="script:ld+json"]')
    assert _JSONLD_BLOCKS(tree) == slow
    assert [el.tag for el in slow] == ["script", "meta", "script"]
