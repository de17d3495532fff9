"""The speed paths of HTML extraction give the answers of the slower code they replace.

Each fast path (our own parse with C-level element classes, the gated trafilatura author search,
the single-loop block walk that skips hidden subtrees, the rendered text, the model's bucket
lookup and its sum by bucket) is checked against what it replaces, on markup that exercises its
edge cases.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura import metadata as traf_meta
from trafilatura.utils import load_html

from newsdesk.extract import html as html_module
from newsdesk.extract.blocks import (
    _context_features,
    _marks,
    class_tokens,
    cross_prefix,
    describe,
    hash_feature,
    page_blocks,
)
from newsdesk.extract.learned import LinearModel, exact_terms
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


#: Pages whose attributes hold an author word but fail (or pass) the XPaths' own tests: case, ``rel``,
#: elements with no text.
GATED_AUTHOR_PAGES = [
    '<html><head><link rel="author" href="/humans.txt"></head><body><p>Text.</p></body></html>',
    '<html><body><img class="author-avatar" src="a.png"><p class="AUTHOR">Shouting</p></body></html>',
    '<html><body><div data-testid="author-box">x</div><span itemprop="publisher">Site</span></body></html>',
    '<html><body><p class="copywriter">Jane Roe</p><div id="Author">Bo Chen</div></body></html>',
    '<html><body><span itemprop="author">Ann Lee</span></body></html>',
    '<html><body><div data-component="SiteByline"><b>Max Muster</b></div></body></html>',
    '<html><body><a rel="author" href="/ann">Ann Lee</a></body></html>',
]


@pytest.mark.parametrize("page", AUTHOR_PAGES + GATED_AUTHOR_PAGES)
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


def _context_by_reading_every_ancestor(ancestors: tuple) -> list[str]:
    """The block context as first written: every ancestor read for every block."""
    feats = {f"depth:{sum(1 for edge in (5, 8, 11, 14, 18, 24) if len(ancestors) >= edge)}"}
    for level, el in enumerate(reversed(ancestors)):
        mark = _marks(el)
        feats.update(name for name in (mark.tag, mark.role) if name)
        for token in mark.tokens:
            feats.add(f"cls:{token}")
            if level < 3:
                feats.add(f"cls{level}:{token}")
    if len(ancestors) >= 2:
        feats.add(f"path:{ancestors[-2].tag}/{ancestors[-1].tag}")
    return sorted(feats)


def test_context_features_shared_down_the_ancestor_chain_match_reading_every_ancestor() -> None:
    page = ("<html><body><div class='page-wrap' role='main'><section id='mainContent' class='post'>"
            "<ul class='teaser-list'><li class='item post'><a class='title-link'>One</a></li>"
            "<li class='item featured'><span><a>Two</a></span> tail</li></ul>"
            "<p itemprop='articleBody' class='post'>Body text here.</p></section></div>"
            "<footer class='post'><p>Footer words</p></footer></body></html>")
    blocks = page_blocks(parse_html(page))
    marks: dict = {}
    chains: dict = {}
    for order in (blocks, blocks[::-1]):  # whichever block reaches an element first
        marks.clear()
        chains.clear()
        for block in order:
            assert _context_features(block.ancestors, marks, chains) == _context_by_reading_every_ancestor(
                block.ancestors)
    two = next(b for b in blocks if b.text == "Two tail")
    feats = _context_features(two.ancestors)
    assert {"cls0:featured", "cls1:teaser", "cls2:content", "cls:wrap", "role:main", "anc:section"} <= set(feats)
    assert "cls0:teaser" not in feats and "cls2:wrap" not in feats


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


#: Markup for the one-walk tag counts: linked headings inside and outside <body>, in a second
#: document glued after the first, an <h2> without a link, a link nested deeper in a heading.
HEADED_PAGE = ("<html><head><title>T</title></head><body><h2><a href='/a'>One</a></h2><h2>Plain</h2>"
               "<h3><span><a href='/b'>Two</a></span></h3><article><h4><a href='/c'>Three</a></h4></article>"
               "</body></html><html><body><h2><a href='/d'>Four</a></h2></body></html>")


def test_page_tags_match_the_xpaths_they_replace() -> None:
    from newsdesk.extract.pagetype import page_tags

    for page in (HEADED_PAGE, MARKED_PAGE, PAGES["plain"]):
        tree = html_module.parse_page(page)
        tags = page_tags(tree)
        assert tags["bodyheads"] == len(tree.xpath("//body//h2[.//a]|//body//h3[.//a]|//body//h4[.//a]"))
        assert tags["h2"] == len(tree.xpath("//h2"))
    assert page_tags(html_module.parse_page(HEADED_PAGE))["bodyheads"] == 4


def _marks_by_union(tree: etree._Element) -> str:
    """The class marks as the union XPath and element count gave them before."""
    if tree.xpath("count(//body//*[@class or @id])") <= 3000:
        return " ".join(tree.xpath("//body//*/@class | //body//*/@id", smart_strings=False))
    return " ".join(f"{e.get('class') or ''} {e.get('id') or ''}" for e in tree.xpath("//body//*[@class or @id]")[:3000])


@pytest.mark.parametrize(("elements", "with_id"), [(5, True), (1600, True), (3100, False)])
def test_class_marks_count_the_same_words(elements: int, with_id: bool) -> None:
    from newsdesk.extract.pagetype import _class_marks

    ids = [f" id=reply-{i}" if with_id else "" for i in range(elements)]
    items = "".join(f"<li class='post card-{i % 7}'{ids[i]}>x</li>" for i in range(elements))
    tree = html_module.parse_page(f"<html><body class='comment'><ul id='author-list'>{items}</ul></body></html>")
    fast, slow = _class_marks(tree).lower(), _marks_by_union(tree).lower()
    for word in ("comment", "post", "product", "card", "reply", "price", "author", "sidebar"):
        assert fast.count(word) == slow.count(word)


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern as it was before its speed-only lookahead: "(?=[…])(?:ALTERNATIVES)" → ALTERNATIVES."""
    source = re.sub(r"^\(\?=\[[^\]]+\]\)", "", pattern.pattern)
    if source.startswith("(?:") and source.endswith(")"):
        source = source[3:-1]
    return re.compile(source, pattern.flags)


SCANNED_TEXT = ("By Jane Doe | Posted on Dec. 4, 2025 (updated 2025-12-05T10:00). Written by A. B. and C. D.;"
                " 3rd of March 2024, 13/11/2025, 2/30/2024, ОКТ 4 2025, 4 ſeptember 2023, SEPT 9 2024,"
                " contributors: Ann, authors\nBo Chen\nreported by X, 2024.1.3 2024/4/29 Sort by Price, 2023-01-02 12 May 2022")


@pytest.mark.parametrize("where", ["dates", "byline", "pagetype"])
def test_lookahead_patterns_find_what_the_plain_patterns_find(where: str) -> None:
    from newsdesk.extract import byline, dates, pagetype

    pattern = {"dates": dates._TEXT_DATE, "byline": byline._TEXT_BY, "pagetype": pagetype._TEXT_DATE}[where]
    plain = _without_lookahead(pattern)
    assert plain.pattern != pattern.pattern
    for text in (SCANNED_TEXT, SCANNED_TEXT.lower(), SCANNED_TEXT.upper()):
        assert [m.group() for m in pattern.finditer(text)] == [m.group() for m in plain.finditer(text)]
    assert len(list(pattern.finditer(SCANNED_TEXT.lower()))) >= 4


def test_text_dates_stop_after_a_dozen_but_list_them_all() -> None:
    from newsdesk.extract.dates import _Collector, _visible_text, text_dates

    text = " ".join(f"Item {i}: May {i + 1}, 2024." for i in range(20))
    assert len(text_dates(text)) == 20
    found = _Collector(None)
    _visible_text(text, 0, found)
    assert sorted(found.cues) == [f"2024-05-{d:02d}" for d in range(1, 13)]


ENGLISH = ("The council said on Tuesday that it would review the plan, which has been criticised by residents who"
           " say the new road will cut through their park. It is not clear when a decision is expected.")
GERMAN = ("Die Digitalisierung als Wachstums- und Entwicklungstreiber zieht sich bereits heute durch alle Branchen,"
          " und die Unternehmen stehen vor der Aufgabe, ihre Prozesse neu zu denken und anzupassen.")
JAPANESE = "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕された。 Apple says it is the best for you and that is that"


def test_plainly_english_pages_skip_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    import py3langid

    from newsdesk.extract import detect_language

    assert [detect_language(t, "en-GB") for t in (ENGLISH, GERMAN, JAPANESE)] == [
        py3langid.classify(t)[0] for t in (ENGLISH, GERMAN, JAPANESE)]

    def unexpected(_text: str) -> tuple[str, float]:
        raise AssertionError("a plainly English page needs no identifier")

    monkeypatch.setattr(py3langid, "classify", unexpected)
    assert detect_language(ENGLISH, "en-GB") == "en" and detect_language(ENGLISH, "en") == "en"
    for text, declared in ((ENGLISH, None), (ENGLISH, "de"), (GERMAN, "en"), (JAPANESE, "en")):
        with pytest.raises(AssertionError):
            detect_language(text, declared)
    assert detect_language("Short", "en-US") == "en" and detect_language("Short", "x") is None




def test_author_gate_closes_when_no_attribute_passes_its_own_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(_tree: object) -> str:
        raise AssertionError("the gate should have answered")

    monkeypatch.setattr(traf_meta, "extract_author", unexpected)
    for page in GATED_AUTHOR_PAGES[:3]:
        assert html_module._markup_author(html_module.parse_page(page)) is None


def test_language_model_loads_on_the_first_page_even_when_it_takes_the_shortcut() -> None:
    """The identifier's one-off load happens at the first page, whichever path it takes, so it never
    lands on a later page of the batch (where a timed run would count it as that page's cost)."""
    import newsdesk.extract as extract_module

    extract_module._load_identifier.cache_clear()
    english = "The minister said on Tuesday that the talks with their neighbours would go on for a week."
    assert extract_module.detect_language(english, "en-GB") == "en"
    assert extract_module._load_identifier.cache_info().currsize == 1


def _set_summed(model: LinearModel, features: list[str]) -> float:
    """The model's probability as first written: the set of buckets, summed in the set's order."""
    found = {hash_feature(name, model.bits) for name in features}
    z = model.intercept + sum(model.table.get(bucket, 0.0) for bucket in found)
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def test_exact_terms_bounds_the_sums_that_come_out_the_same_in_any_order() -> None:
    rng = np.random.default_rng(3)
    # weights between 1e-4 and 1.5 in size, shipped as float32, as the block model's (1e-4 to 1.27)
    single = (rng.choice([-1.0, 1.0], 5000) * np.exp(rng.uniform(np.log(1e-4), np.log(1.5), 5000)))
    single = single.astype(np.float32).astype(np.float64)
    terms = exact_terms(single)
    assert 2000 < terms < 1 << 20  # float32 weights: thousands of terms
    sums = {sum(rng.permutation(single[:2000]).tolist()) for _ in range(20)}
    assert len(sums) == 1
    double = rng.normal(0.0, 0.5, 5000)  # float64 weights: no guarantee, the model takes the old path
    assert exact_terms(double) < 2
    assert len({sum(rng.permutation(double[:2000]).tolist()) for _ in range(20)}) > 1  # the order matters there
    assert exact_terms(np.array([0.0, 0.0])) > 10**6 and exact_terms(np.array([1.0, np.inf])) == 0


@pytest.mark.parametrize("weights_dtype", [np.float32, np.float64])
def test_model_sums_by_bucket_exactly_as_the_set_of_buckets_did(weights_dtype: type) -> None:
    """Both paths (exact, and set-summed when the weights are float64), crossed or not, on a 6-bit
    table where different names often share a bucket (counted once) and lists repeat names."""
    rng = np.random.default_rng(7)
    weights = rng.normal(0.0, 1.0, 64).astype(weights_dtype)
    model = LinearModel(np.arange(64), weights, -0.3, bits=6)
    assert (model.exact_terms > 1000) == (weights_dtype is np.float32)
    words = [f"{kind}:{i}" for kind in ("w", "cls", "tag", "prev:w") for i in range(40)]
    for _ in range(300):
        features = [words[i] for i in rng.integers(0, len(words), rng.integers(0, 120))]
        for prefix in ("", "in|", "out|"):
            crossed = features + [prefix + name for name in features] if prefix else features
            assert model.probability(features, prefix) == _set_summed(model, crossed)
            assert model.probability(features, prefix) == model.probability(crossed)


def test_uncrossed_block_features_are_the_first_half_of_the_crossed_ones() -> None:
    tree = parse_html("<html><body><nav class='menu'><a href='/'>Home</a></nav><article class='post'>"
                      "<p>The council approved the tram line on Tuesday.</p><p>Work starts in spring.</p>"
                      "</article></body></html>")
    kept = " the council approved the tram line on tuesday "
    crossed, plain = page_blocks(tree), page_blocks(tree)
    describe(crossed, kept)
    describe(plain, kept, crossed=False)
    for full, half in zip(crossed, plain, strict=True):
        verdict = "t:in" if full.text.startswith("The council") else "t:out"
        assert full.features == half.features + [cross_prefix(verdict) + name for name in half.features]


def _tokens_as_first_written(el: etree._Element) -> set[str]:
    """Class and id words with both regular expressions run on every element."""
    raw = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", f"{el.get('class') or ''} {el.get('id') or ''}")
    return {t for t in re.split(r"[^a-z0-9]+", raw.lower()) if 2 <= len(t) <= 20 and not t.isdigit()}


def test_element_marks_read_once_per_attribute_values_match_reading_each_element() -> None:
    tree = parse_html("<html><body><div id='mainContent' class='post-body x 2024'><ul class='list'>"
                      "<li class='item'>a</li><li class='item'>b</li><li>c</li><li id=''>d</li></ul>"
                      "<p class='item' role='Note'>e</p><p itemprop='articleBody'>f</p><span>g</span></div></body></html>")
    elements = list(tree.iter())
    for el in elements:
        assert class_tokens(el) == _tokens_as_first_written(el)
        mark = _marks(el)
        assert set(mark.tokens) == _tokens_as_first_written(el)
        role = el.get("role") or el.get("itemprop")
        assert mark.role == (f"role:{role.lower()[:20]}" if role else None)
        assert mark.tag == (None if el.tag in ("html", "body", "span") else f"anc:{el.tag}")
    items = [el for el in elements if el.get("class") == "item"]
    assert _marks(items[0]) is _marks(items[1])  # one reading for the same values
    assert _marks(items[2]).role == "role:note" and _marks(items[0]).role is None  # a role is part of the key
    assert set(_marks(elements[2]).tokens) == {"main", "content", "post", "body"}
