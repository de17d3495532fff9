"""The plain-text cleaner's page-kind context: the kind classifier, kind features and per-kind settings."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsdesk.extract.blocks import hash_feature
from newsdesk.extract.lines import BITS, LineModel, PageKinds, kind_features, page_features

SHOP = ["Acme Rocket Boots", "$129.99", "Add to cart", "Size", "9", "10", "Reviews (12)"]
STORY = ["Ports reopen as dock workers end walkout",
         "Dock workers returned to the container terminals on Sunday after union leaders accepted a revised offer.",
         "The walkout had halted almost all freight traffic through the two largest harbours for seven days."]


def _classifier() -> PageKinds:
    """A two-kind classifier that calls a page a product when it uses "cart" or has price lines."""
    features = ["pv:cart", "pshare:price:3"]
    indices = np.array([hash_feature(f, BITS) for f in features], dtype=np.int32)
    weights = np.array([[-2.0, 2.0], [-1.0, 1.0]], dtype=np.float32)  # columns: article, product
    return PageKinds(("article", "product"), indices, weights, np.array([0.5, -0.5]))


def test_page_features_say_what_the_page_is_made_of() -> None:
    feats = page_features(SHOP, frozenset({"cart", "reviews", "the"}))
    assert {"pv:cart", "pv:reviews"} <= set(feats) and "pv:the" not in feats  # only words the page uses
    assert "pshare:price:3" in feats  # one line in seven has a price: share 0.14, in [0.1, 0.2)
    assert "pshare:prose:0" in feats and "plines:0" in feats


def test_page_kinds_predict_from_the_page_text() -> None:
    kinds = _classifier()
    vocab = frozenset({"cart"})
    assert kinds.predict(SHOP, vocab) == "product"
    assert kinds.predict(STORY, vocab) == "article"
    assert kinds.predict(SHOP, frozenset()) == "product"  # the price share alone is enough here


def test_kind_features_cross_the_kind_with_each_line_shape() -> None:
    crossed = kind_features(STORY, (1, 2), "forum")
    assert len(crossed) == len(STORY)
    assert all(f.startswith("k:forum") for feats in crossed for f in feats)
    assert "k:forum:span:before1" in crossed[0] and "k:forum:span:in0" in crossed[1]
    assert kind_features(STORY, None, "forum")[0][2] == "k:forum:span:none"


def test_per_kind_settings_replace_the_global_ones_and_survive_save_and_load(tmp_path: Path) -> None:
    model = LineModel(np.array([3, 7], dtype=np.int32), np.array([0.5, -1.0], dtype=np.float32), 0.1, 1.0, 2.0,
                      vocab=frozenset({"cart"}), kinds=_classifier(), kind_settings={"product": (0.5, 4.0, 0.6)},
                      gap=0.3)
    assert model.settings("product") == (0.5, 4.0, 0.6)
    assert model.settings("article") == model.settings(None) == (1.0, 2.0, 0.3)
    assert model.page_kind(SHOP) == "product"
    model.save(tmp_path / "m.npz")
    loaded = LineModel.load(tmp_path / "m.npz")
    assert loaded.kind_settings == {"product": (0.5, 4.0, 0.6)} and loaded.page_kind(SHOP) == "product"
    assert loaded.gap == 0.3
    assert loaded.kinds is not None and loaded.kinds.names == ("article", "product")
    assert loaded.table == model.table


def test_a_model_without_kinds_uses_no_kind_features() -> None:
    model = LineModel(np.array([3], dtype=np.int32), np.array([0.5], dtype=np.float32), 0.1, 1.0, 2.0)
    assert model.page_kind(SHOP) is None and model.settings("product") == (1.0, 2.0, 0.0)


def test_stack_features_describe_a_line_by_its_neighbours_first_stage_odds() -> None:
    from newsdesk.extract.lines import stack_features

    odds = [3.0, -1.0, 2.5, 0.2, -5.0]
    feats = stack_features(odds, ["Home", "Ports reopen as dock workers end walkout", "x", "y", "z"], "article")
    assert len(feats) == len(odds)
    assert "s:z:6" in feats[0] and "s:z:6:karticle" in feats[0]  # 3.0 is in [2, 4): bucket 6
    assert "s:n-1:none" in feats[0] and "s:n1:3" in feats[0]  # the next line's -1.0 is in [-1, 0): bucket 3
    assert "s:strong:1:1" in feats[1]  # confident keeps on both sides, one line away
    assert "s:strong:5:2" in feats[0]  # none before, the next two lines on
    assert stack_features([], [], None) == []


def test_a_stacked_model_scores_lines_with_its_second_stage() -> None:
    from newsdesk.extract.lines import stack_features

    stack = LineModel(np.array([hash_feature("s:z:0", BITS)], dtype=np.int32), np.array([10.0], dtype=np.float32),
                      -1.0, 0.0, 0.0)
    first = LineModel(np.array([hash_feature("bad", BITS)], dtype=np.int32), np.array([-9.0], dtype=np.float32),
                      0.0, 0.0, 0.0, stack=stack)
    texts = ["a", "b"]
    assert first.log_odds([["bad"], []]) == [-9.0, 0.0]
    # the second stage turns a very low first-stage score into a keep, and leaves a middling one a drop
    assert "s:z:0" in stack_features([-9.0, 0.0], texts, None)[0]
    assert first.scores([["bad"], []], texts) == [9.0, -1.0]
    assert first.keep([["bad"], []], texts) == [True, False]
