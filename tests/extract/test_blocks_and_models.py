"""Block segmentation, hashed-feature linear models, scoring helpers, bylines and headlines."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsdesk.extract import extract
from newsdesk.extract.blocks import _bucket, describe, page_blocks
from newsdesk.extract.byline import clean_name, visible_byline
from newsdesk.extract.html import MAX_CHARS, bounded
from newsdesk.extract.learned import LinearModel
from newsdesk.extract.mainbody import normalised
from newsdesk.extract.metadata import parse_html, read_metadata
from newsdesk.extract.scoring import author_match, bow_f1, shingle_f1, snippets_found, title_match
from newsdesk.model import RawDocument

PAGE = """<html><head><title>Tram line approved - City Post</title>
<meta property="og:title" content="Council approves tram line | City Post"></head><body>
<div class="site-logo"><h1>City Post</h1></div>
<nav class="main-menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<script>var x = "never text";</script>
<div style="display:none">Hidden teaser</div>
<article class="post-body"><h1>Council approves new tram line</h1>
<div class="byline">By <a rel="author" href="/ana">Ana Ruiz</a> | 3 May 2024</div>
<p>The city council approved on Tuesday a budget for a <a href="/tram">new tram line</a> to the airport.</p>
<ul><li>Construction starts next spring.</li><li>First trams run in 2027.</li></ul>
</article></body></html>"""


def test_blocks_follow_block_boundaries_and_skip_hidden_and_scripts() -> None:
    blocks = page_blocks(parse_html(PAGE))
    texts = [b.text for b in blocks]
    assert "Construction starts next spring." in texts and "First trams run in 2027." in texts
    assert not any("never text" in t or "Hidden teaser" in t for t in texts)
    para = next(b for b in blocks if b.text.startswith("The city council"))
    assert para.tag == "p" and para.link_chars == len("new tram line")


def test_block_features_describe_links_tags_classes_and_neighbours() -> None:
    blocks = page_blocks(parse_html(PAGE))
    describe(blocks, " the city council approved on tuesday a budget for a new tram line to the airport ")
    para = next(b for b in blocks if b.text.startswith("The city council"))
    assert {"tag:p", "t:in", "cls:post", "cls:body", "anc:article"} <= set(para.features)
    assert any(f.startswith("prev:") for f in para.features)
    menu = next(b for b in blocks if b.text.startswith("Home"))
    assert "t:out" in menu.features and "cls:menu" in menu.features


TEASERS = "".join(f'<div class="card"><h3><a href="/s{i}">Teaser headline number {i}</a></h3></div>' for i in range(4))
LAYOUT_PAGE = f"""<html><body><main><article><div class="text">
<p>{'The council approved the tram line after a long debate about its cost and route. ' * 3}</p>
<p>Construction starts next spring and the first trams run in 2027.</p></div></article></main>
<aside><div class="related">{TEASERS}</div></aside></body></html>"""


def test_layout_features_count_a_repeated_template_and_the_distance_to_the_main_body() -> None:
    blocks = page_blocks(parse_html(LAYOUT_PAGE))
    describe(blocks, normalised(" ".join(b.text for b in blocks[:2])))
    lead, second, teaser = blocks[0], blocks[1], blocks[2]
    # the longest kept block anchors the main body; its sibling paragraph (one of two of its
    # template) meets it one level up, the teasers (four of one template) only at <body>, after it
    assert {"rep:1", "up:0", "side:m0"} <= set(lead.features)
    assert {"rep:1", "up:1", "side:a1"} <= set(second.features)
    assert teaser.text == "Teaser headline number 0"
    assert {"rep:2", "up:4", "side:a3"} <= set(teaser.features)


def test_linear_model_round_trips_through_npz(tmp_path: Path) -> None:
    from newsdesk.extract.blocks import hash_feature

    model = LinearModel(np.array([hash_feature("good")]), np.array([3.0]), -1.0, 0.4)
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded.threshold == 0.4
    assert loaded.probability(["good"]) > 0.8 > 0.3 > loaded.probability(["bad"])


def test_visible_headline_and_byline() -> None:
    tree = parse_html(PAGE)
    meta = read_metadata(tree, "https://citypost.example/tram")
    assert meta.title == "Council approves new tram line"  # the article h1, not the logo h1 or og:title
    assert visible_byline(tree) == "Ana Ruiz"
    assert clean_name("Written by Jane Doe | Updated May 3, 2024") == "Jane Doe"
    assert clean_name("Read our editorial guidelines to learn more about us.") is None


def test_scores() -> None:
    assert bow_f1("a b c", "a b c") == 1.0 and bow_f1("", "") == 1.0 and bow_f1("x", "") == 0.0
    assert 0 < bow_f1("a b c d", "a b") < 1
    assert shingle_f1("one two three four five", "one two three four five") == 1.0
    assert snippets_found("Home. The talks resumed.", ["Home", "Sign up"]) == (1, 2)
    assert title_match("Council Approves  Tram-Line", "council approves tram line")
    assert author_match("Jane Doe, Ana Ruiz", "Jane Doe and Ana Ruiz") and not author_match("Jane", "Jane Doe")


def test_oversized_page_is_cut_before_parsing() -> None:
    filler = "<script>" + "x" * 1000 + "</script>"
    text = "<html><body><p>Start of the article text here.</p>" + filler * (MAX_CHARS // 900) + "</body></html>"
    small = bounded(text)
    assert len(small) <= MAX_CHARS and "Start of the article" in small and "xxxx" not in small
    page = ("<html><body><article>" + "<p>The port reopened on Monday after a week-long strike by dock workers.</p>"
            + filler * (MAX_CHARS // 900) + "</article></body></html>")
    article = extract(RawDocument("big", "big.html", page.encode(), "html"))
    assert article.text.startswith("The port reopened")


def test_oversized_page_loses_its_long_attribute_values_before_the_cut() -> None:
    grid = "{&quot;sku&quot;: &quot;A1176&quot;}, " * (MAX_CHARS // 30)
    text = ("<html><body><div class='grid' data-variants='" + grid + "' data-id=\"short value\">"
            "<p>Wool Runner, natural black, 98 dollars.</p></div></body></html>")
    small = bounded(text)
    assert "Wool Runner" in small and "A1176" not in small and 'data-id="short value"' in small
    assert "data-variants=\"\"" in small
    page = ("<html><body><main><div data-variants='" + grid + "'>"
            "<p>The port reopened on Monday after a week-long strike by dock workers.</p></div></main></body></html>")
    article = extract(RawDocument("grid", "grid.html", page.encode(), "html"))
    assert article.text.startswith("The port reopened")


def test_bucket_counts_the_edges_a_value_reaches() -> None:
    edges = (0.05, 0.15, 0.3, 0.5, 0.7, 0.9)
    for value in [-1.0, 0.0, 0.05, 0.0499, 0.15, 0.2, 0.3, 0.9, 0.95, 1.0, 7.0] + [k / 997 for k in range(1000)]:
        assert _bucket(value, edges) == sum(1 for e in edges if value >= e)
    assert [_bucket(n, (2, 3, 6, 15)) for n in (0, 1, 2, 3, 5, 6, 14, 15, 99)] == [0, 0, 1, 2, 2, 3, 3, 4, 4]
