"""Page type: the template and interface signals, and the shipped article-or-not model on clear cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from newsdesk.extract.blocks import page_blocks, verdicts
from newsdesk.extract.metadata import parse_html, read_metadata
from newsdesk.extract.pagetype import (
    PROSE_SCORE,
    PageTypeTrees,
    ProseWords,
    SideScores,
    article_probability,
    dense_value,
    load_prose,
    load_side,
    load_trees,
    prose_blocks,
    prose_pair_counts,
    prose_word_counts,
    type_features,
)

PROSE = ("The harbour board met on Tuesday evening and agreed to extend the winter ferry timetable by two "
         "weeks, after residents on the outer islands asked for more crossings during the school holidays. ")

BLOG_POST = f"""<html><head><title>Ferry timetable extended | Harbour Notes</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-01-29T20:47:55+00:00"></head>
<body class="post-template-default single single-post postid-3360 single-format-standard">
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article class="post type-post"><h1>Ferry timetable extended</h1><p>By Lena Park</p>
<div class="entry-content"><p>{PROSE * 3}</p><p>{PROSE * 2}</p><p>{PROSE * 2}</p></div>
<div class="comments"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></article></body></html>"""

PRODUCT = """<html><head><title>Brass ship lantern – Harbour Shop</title>
<meta property="og:type" content="product"></head>
<body class="template-product">
<div class="product__info"><h1>Brass ship lantern</h1><p class="price">$49.00</p>
<form><button>Add to cart</button></form><p>In stock</p>
<div class="product__description rte"><p>A solid brass lantern with a glass chimney, 30 cm tall, for
indoor use.</p></div></div>
<ul><li><a href="/p/1">Rope cleat</a> $12.00</li><li><a href="/p/2">Tide clock</a> $35.00</li>
<li><a href="/p/3">Compass</a> $22.00</li></ul></body></html>"""


def _features(html: str, url: str) -> set[str]:
    tree = parse_html(html)
    blocks = page_blocks(tree)
    verdicts(blocks, "")  # word counts, as extraction fills them before asking for the type
    return set(type_features(tree, blocks, read_metadata(tree, url), url))


def test_body_template_and_main_container_classes_are_features() -> None:
    feats = _features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/")
    assert {"bc:single", "bc:post", "bc:postid", "mc:entry", "mc:content", "mt:article"} <= feats
    assert not any(f.startswith("bc:") and any(ch.isdigit() for ch in f) for f in feats)


def test_interface_words_come_from_short_blocks_not_from_the_prose() -> None:
    feats = _features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/")
    assert {"sw:leave", "sw:reply", "sw:home"} <= feats
    assert "sw:islands" not in feats  # only in the long paragraphs


def _prose(html: str) -> list:
    blocks = page_blocks(parse_html(html))
    verdicts(blocks, "")
    return prose_blocks(blocks)


def _words(html: str) -> dict[str, int]:
    return prose_word_counts(_prose(html))


def _pairs(html: str) -> dict[str, int]:
    return prose_pair_counts(_prose(html))


def test_shipped_model_tells_a_blog_post_from_a_product_page() -> None:
    post = article_probability(sorted(_features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/")),
                               _words(BLOG_POST), _pairs(BLOG_POST))
    product = article_probability(sorted(_features(PRODUCT, "https://shop.harbour.example/products/brass-ship-lantern")),
                                  _words(PRODUCT), _pairs(PRODUCT))
    assert post is not None and product is not None  # data/models/extract_pagetype.npz is shipped
    assert post >= 0.5 > product


def test_prose_words_are_counted_in_the_long_paragraphs_only() -> None:
    words = _words(BLOG_POST)
    assert words["ferry"] == 7 and words["harbour"] == 7  # seven copies of PROSE, in three paragraphs
    assert "reply" not in words and "home" not in words  # the comment heading and the menu are not prose
    assert _words(PRODUCT) == {}  # the product description is under 25 words


def test_prose_word_score_sums_the_known_words_by_their_share_of_the_prose(tmp_path) -> None:
    prose = ProseWords(["our", "team"], np.array([-2.0, 1.0]), 0.5)
    counts = {"our": 3, "team": 1, "harbour": 6}  # "harbour" has no weight, but counts in the total
    expected = 0.5 - 2.0 * math.log1p(300.0) / 5 + 1.0 * math.log1p(100.0) / 5
    assert math.isclose(prose.log_odds(counts), expected)
    assert prose.log_odds({}) == 0.5
    prose.save(tmp_path / "prose.npz")
    assert math.isclose(ProseWords.load(tmp_path / "prose.npz").log_odds(counts), expected)


def test_shipped_prose_word_score_reads_common_words_only() -> None:
    prose = load_prose()
    assert prose is not None  # data/models/extract_pagetype_prose.npz is shipped with the trees that read it
    assert {"the", "our", "we"} <= set(prose.weight)
    assert prose.weight["our"] < 0  # a firm's "our services" prose leans away from an article


def test_trees_that_read_the_prose_word_score_need_the_page_words() -> None:
    from newsdesk.extract.learned import load_model

    features = sorted(_features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/"))
    model = load_model("extract_pagetype")
    assert model is not None
    assert article_probability(features) == model.probability(features)  # no words given: the linear model
    # the shipped prose score reads word pairs too: without them, the linear model decides
    assert article_probability(features, _words(BLOG_POST)) == model.probability(features)
    assert article_probability(features, _words(BLOG_POST), _pairs(BLOG_POST)) != model.probability(features)


def test_word_pairs_are_counted_inside_each_prose_block() -> None:
    pairs = _pairs(BLOG_POST)
    assert pairs["harbour board"] == 7 and pairs["ferry timetable"] == 7  # seven copies of PROSE
    # PROSE ends in "holidays" and starts with "the": the pair is made where copies join inside a
    # paragraph (4 joins in the three paragraphs), never across two paragraphs
    assert pairs["holidays the"] == 4
    assert _pairs(PRODUCT) == {}


def test_word_pairs_are_valued_against_the_number_of_words(tmp_path) -> None:
    prose = ProseWords(["our", "we offer"], np.array([-2.0, -1.0]), 0.5)
    assert prose.pairs and not ProseWords(["our"], np.array([1.0]), 0.0).pairs
    words, pairs = {"our": 1, "we": 2, "offer": 2, "boats": 5}, {"we offer": 2, "offer boats": 2}
    expected = 0.5 - 2.0 * math.log1p(100.0) / 5 - 1.0 * math.log1p(200.0) / 5  # shares of the 10 words
    assert math.isclose(prose.log_odds(words, pairs), expected)
    prose.save(tmp_path / "prose.npz")
    assert math.isclose(ProseWords.load(tmp_path / "prose.npz").log_odds(words, pairs), expected)


SERVICE = f"""<html><head><title>Harbour Movers | Affordable Moving Company</title></head>
<body><nav><a href="/">Home</a> <a href="/contact">Contact us</a></nav>
<main><div class="services"><h2>Our Services</h2>
<p>We move homes and offices across the islands. Our team packs, loads and delivers your furniture with care,
and we give you a fixed price before we start, so you always know what your move will cost with us.</p>
<ul><li>Packing</li><li>Storage</li><li>Piano moving</li></ul>
<h2>Why choose us?</h2><p>{PROSE}</p><p>{PROSE}</p><a href="/quote">Get a quote</a></div></main></body></html>"""


def test_title_shape_features() -> None:
    feats = _features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/")
    assert {"tt0:ferry", "tt:timetable", "tq:False", "tbar:0", "tyear:False"} <= feats  # site suffix cut
    service = _features(SERVICE, "https://movers.example/")
    assert {"tt0:harbour", "tt:movers", "tbar:1"} <= service  # the brand before a separator


def test_service_page_cues_headings_and_voice() -> None:
    feats = _features(SERVICE, "https://movers.example/")
    assert {"cta:contact us", "cta:get a quote", "cta:why choose", "hd:our", "hd:services", "hd:why"} <= feats
    assert "hq:1" in feats  # one heading is a question
    assert any(f.startswith("pwe:") and f != "pwe:0" for f in feats)  # "we", "our", "us" in the prose
    assert "pwe:0" in _features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/")


def test_container_of_the_main_prose_is_described() -> None:
    feats = _features(BLOG_POST, "https://harbour.example/2024/01/ferry-timetable-extended/")
    assert "cprose:2" in feats  # the entry-content div holds the three long paragraphs
    assert "cpfrac:10" in feats  # all its words are in <p>
    assert "p40:2" in feats  # three paragraphs of 40 words or more


def test_dense_values_are_read_from_counted_and_yes_no_features_only() -> None:
    assert dense_value("prose:3") == ("prose:", 3)
    assert dense_value("url:dateTrue") == ("url:date", 1)
    assert dense_value("og:False") == ("og:", 0)
    assert dense_value("mark:comment2") == ("mark:comment", 2)
    for word in ("sw:reply", "bc:single", "tt0:2024", "url:w:blog", "bias", "cnone"):
        assert dense_value(word) is None


def _stump() -> PageTypeTrees:
    """One split on "prose:" at 2.5 (leaves -1 / +1) and one on the linear score at 0 (leaves -2 / +2)."""
    return PageTypeTrees(["og:", "prose:"], roots=[0, 3], feature=[1, 0, 0, 2, 0, 0],
                         threshold=[2.5, 0.0, 0.0, 0.0, 0.0, 0.0], left=[1, -1, -1, 4, -1, -1],
                         right=[2, -1, -1, 5, -1, -1], value=[0.0, -1.0, 1.0, 0.0, -2.0, 2.0], base=0.2, rate=0.1)


def test_tree_stage_walks_each_tree_to_a_leaf() -> None:
    trees = _stump()
    assert trees.row(["prose:4", "og:True", "sw:reply"], 1.5) == [1.0, 4.0, 1.5]
    assert trees.row(["sw:reply"], -0.5) == [-1.0, -1.0, -0.5]  # absent counts are -1, as in training
    assert math.isclose(trees.raw([1.0, 4.0, 1.5]), 0.2 + 0.1 * (1.0 + 2.0))
    assert math.isclose(trees.raw([-1.0, -1.0, -0.5]), 0.2 + 0.1 * (-1.0 - 2.0))
    assert trees.probability(["prose:4"], 3.0) > 0.5 > trees.probability([], -3.0)


def test_tree_stage_reads_the_side_scores_after_the_linear_score() -> None:
    trees = PageTypeTrees(["prose:"], roots=[0], feature=[3, 0, 0], threshold=[0.0, 0.0, 0.0], left=[1, -1, -1],
                          right=[2, -1, -1], value=[0.0, -1.0, 1.0], base=0.0, rate=1.0, sides=("forum", "product"))
    assert trees.row(["prose:4"], 1.5, -2.0, 0.5) == [4.0, 1.5, -2.0, 0.5]
    assert trees.raw(trees.row([], 0.0, 0.0, 0.5)) == 1.0  # the split is on the second side score
    assert trees.raw(trees.row([], 0.0, 0.0, -0.5)) == -1.0


def test_side_scores_sum_each_bucket_once_and_survive_a_round_trip(tmp_path) -> None:
    side = SideScores(("forum", "product"), np.array([3, 7]), np.array([[1.0, -2.0], [0.5, 0.25]]),
                      np.array([-1.0, 0.1]), bits=4)
    assert side.log_odds({3, 7, 9}) == [0.5, pytest.approx(-1.65)]  # bucket 9 has no weights
    assert side.log_odds(set()) == [-1.0, 0.1]
    side.save(tmp_path / "side.npz")
    again = SideScores.load(tmp_path / "side.npz")
    assert again.names == ("forum", "product") and again.log_odds({3, 7, 9}) == pytest.approx([0.5, -1.65])


def test_shipped_side_models_match_the_tree_stage() -> None:
    trees, side = load_trees(), load_side()
    assert trees is not None and side is not None  # both are shipped, from one run of train_pagetype.py
    assert trees.sides == (*side.names, PROSE_SCORE)  # the prose-word score comes last
    assert side.names[:6] == ("collection", "documentation", "forum", "listing", "product", "service")
    product = sorted(_features(PRODUCT, "https://shop.harbour.example/products/brass-ship-lantern"))
    from newsdesk.extract.learned import load_model

    model = load_model("extract_pagetype")
    assert model is not None
    scores = dict(zip(side.names[:6], side.log_odds(model.buckets(product))[:6], strict=True))
    assert max(scores, key=scores.__getitem__) == "product"


def test_trees_that_need_missing_side_models_leave_the_verdict_to_the_linear_model(monkeypatch) -> None:
    from newsdesk.extract import pagetype
    from newsdesk.extract.learned import load_model

    features = sorted(_features(PRODUCT, "https://shop.harbour.example/products/brass-ship-lantern"))
    model = load_model("extract_pagetype")
    assert model is not None
    monkeypatch.setattr(pagetype, "load_side", lambda: None)
    assert article_probability(features, _words(PRODUCT), _pairs(PRODUCT)) == model.probability(features)


def test_shipped_tree_stage_reads_the_structural_features() -> None:
    trees = load_trees()
    assert trees is not None  # data/models/extract_pagetype_trees.npz is shipped
    assert {"prose:", "og:", "url:depth", "longest:"} <= set(trees.columns)
    assert not any(name.startswith(("sw:", "bc:")) for name in trees.columns)


def test_page_tags_match_whole_document_xpaths() -> None:
    from newsdesk.extract.html import parse_page
    from newsdesk.extract.pagetype import page_tags

    page = ("<html><body><h1>Talks</h1><h2><a href='/a'>Linked</a></h2><h3>Plain</h3><article><time>May 16</time>"
            "<pre><code>x</code></pre><ul><li>one</li><li>two</li></ul></article><form></form></body></html>"
            "<html><body><form></form><h4><span><a href='/b'>Also linked</a></span></h4><li>three</li></body></html>")
    tree = parse_page(page)
    by_xpath = {
        "linkedheads": len(tree.xpath("//h2[.//a]|//h3[.//a]|//h4[.//a]")), "articles": len(tree.xpath("//article")),
        "forms": len(tree.xpath("//form")), "times": len(tree.xpath("//time")), "pre": len(tree.xpath("//pre|//code")),
        "li": len(tree.xpath("//li")), "h1": len(tree.xpath("//h1")),
    }
    tags = page_tags(tree)
    assert {name: tags[name] for name in by_xpath} == by_xpath
    assert by_xpath["forms"] == 2 and by_xpath["linkedheads"] == 2


def test_tree_stage_starts_from_the_score_combiner() -> None:
    trees = PageTypeTrees(["prose:"], roots=[0], feature=[0, 0, 0], threshold=[2.5, 0.0, 0.0], left=[1, -1, -1],
                          right=[2, -1, -1], value=[0.0, -1.0, 1.0], base=0.0, rate=0.5, sides=("forum",),
                          start=(0.25, 2.0, -1.0))
    row = trees.row(["prose:4"], 1.5, 0.5)
    assert row == [4.0, 1.5, 0.5]
    assert math.isclose(trees.raw(row), 0.25 + 2.0 * 1.5 - 1.0 * 0.5 + 0.5 * 1.0)
    assert math.isclose(trees.raw(trees.row([], 20.0, 0.0)), 15.0 - 0.5)  # the combiner is clipped, the trees are not
    plain = PageTypeTrees(["prose:"], roots=[0], feature=[0, 0, 0], threshold=[2.5, 0.0, 0.0], left=[1, -1, -1],
                          right=[2, -1, -1], value=[0.0, -1.0, 1.0], base=0.0, rate=0.5, sides=("forum",))
    assert plain.raw(row) == 0.5  # a file without a combiner starts from base, as before


def test_shipped_tree_stage_starts_from_a_combiner_of_every_score() -> None:
    trees = load_trees()
    assert trees is not None
    assert len(trees.start) == 2 + len(trees.sides)  # intercept, the linear score, one per side model
    assert trees.start[1] > 0  # the article model's log-odds push towards "article"
