"""Main-text selection: trafilatura's text edited by block verdicts, and the single parse it runs on."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import trafilatura

from newsdesk.extract.blocks import hash_feature
from newsdesk.extract.html import parse_page
from newsdesk.extract.learned import LinearModel
from newsdesk.extract.mainbody import align, compose, trafilatura_text

TEXTS = [
    "Home News Sport",  # 0: menu
    "The council approved the tram line on Tuesday after a long debate.",  # 1
    "Share this article",  # 2: furniture trafilatura kept
    "Construction starts next spring and the first trams run in 2027.",  # 3: content trafilatura missed
    "Related: bus fares rise again",  # 4
]
KEPT = "\n".join([TEXTS[1], TEXTS[2], "A caption trafilatura read from an image"])


def test_confident_verdicts_edit_trafilaturas_text_in_page_order() -> None:
    kept_flags = [False, True, True, False, False]
    probs = [0.01, 0.9, 0.02, 0.95, 0.4]
    lines = compose(KEPT, TEXTS, kept_flags, probs, low=0.05, high=0.8)
    # "Share" goes (kept, under the low bar), the unmatched caption stays where trafilatura had it
    # (after "Share"), the missed paragraph comes in at its block's place (over the high bar) and
    # the related link stays out (under it).
    assert lines == [TEXTS[1], "A caption trafilatura read from an image", TEXTS[3]]


def test_without_confident_verdicts_the_text_is_trafilaturas() -> None:
    lines = compose(KEPT, TEXTS, [False, True, True, False, False], [0.5] * 5, low=0.0, high=1.01)
    assert lines == KEPT.splitlines()


def test_an_added_block_replaces_the_part_trafilatura_had() -> None:
    texts = ["Intro sentence of the product. More details follow here in the same block."]
    kept = "Intro sentence of the product."
    assert align(kept, texts) == [(kept, 0)]
    assert compose(kept, texts, [False], [0.99], low=0.1, high=0.9) == texts


def test_trafilatura_on_the_shared_tree_matches_trafilatura_on_the_markup() -> None:
    body = "".join(f"<p>Paragraph {i} of a report on the new tram line, with enough words to count.</p>"
                   for i in range(6))
    page = f"<html><head><title>Tram</title></head><body><nav><a href='/'>Home</a></nav>" \
           f"<!-- a comment --><article>{body}</article></body></html>"
    tree = parse_page(page)
    assert trafilatura_text(tree, None) == (trafilatura.extract(page, include_comments=False) or "").strip()
    assert trafilatura_text(tree, None)  # and the tree is left intact for the block features
    assert len(tree.xpath("//p")) == 6


def test_model_counts_each_hashed_bucket_once() -> None:
    model = LinearModel(np.array([hash_feature("good")]), np.array([2.0]), 0.0)
    assert model.probability(["good", "good"]) == model.probability(["good"])
    assert abs(model.probability(["good"]) - 1 / (1 + np.exp(-2.0))) < 1e-9


def test_bars_depend_on_kept_share_and_article_marking_and_survive_the_npz(tmp_path: Path) -> None:
    model = LinearModel(np.array([1]), np.array([1.0]), 0.0, 0.9)
    model.bar_edges = (0.2, 0.6)
    model.bars = ((0.0, 0.5), (0.0, 0.7), (0.0, 1.01), (0.0, 1.01), (0.0, 1.01), (0.1, 1.01))
    model.save(tmp_path / "blocks.npz")
    loaded = LinearModel.load(tmp_path / "blocks.npz")
    assert loaded.bars_for(0.1, marked_article=False) == (0.0, 0.5)  # trafilatura kept little: add
    assert loaded.bars_for(0.3, marked_article=False) == (0.0, 0.7)
    assert loaded.bars_for(0.9, marked_article=True) == (0.1, 1.01)
    assert LinearModel(np.array([1]), np.array([1.0]), 0.0, 0.9).bars_for(0.1, False) == (0.9, 0.9)
