"""The trainers: the block model's bars per page kind, the memoised grid and its leak count; the
page-type learner's repeatable fits."""

from __future__ import annotations

from types import ModuleType

import numpy as np

from support import REPO


def _trainer(name: str = "train_extraction") -> ModuleType:
    import importlib
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "scripts"))


TEXTS = ["Home News Sport", "The council approved the tram line on Tuesday after a long debate.",
         "Sign up for our newsletter", "Construction starts next spring and the first trams run in 2027."]
GOLD = "The council approved the tram line on Tuesday after a long debate.\n" + TEXTS[3]


def _page(marked: bool) -> dict:
    return {"set": "wcxb", "texts": TEXTS, "kept": "\n".join(TEXTS[1:3]), "in": [0, 1, 1, 0],
            "gold": GOLD, "marked": marked, "without": ["Sign up for our newsletter", "Home"]}


def test_grid_scores_every_pair_and_counts_the_leaked_snippets() -> None:
    train = _trainer()
    probs = np.array([0.05, 0.95, 0.04, 0.92])
    scores, leaks = train._grid([_page(False), _page(True)], [probs, probs])
    # unmarked: dropping the newsletter line (low 0.05) and adding the missed paragraph (high 0.9)
    # gives the gold text exactly; no edit keeps the newsletter line, one leaked snippet
    assert scores[(0.05, 0.9)][0] == 1.0 and leaks[(0.05, 0.9)][0] == 0
    assert scores[train.NO_EDIT][0] < 1.0 and leaks[train.NO_EDIT][0] == 1
    # marked: only pairs that add nothing are scored
    assert np.isnan(scores[(0.05, 0.9)][1]) and leaks[(0.05, 1.01)][1] == 0


def test_marked_articles_get_drop_only_bars() -> None:
    train = _trainer()
    cells = len(train.SHARE_EDGES) + 1
    pairs = [(0.0, 0.5), (0.1, 0.5), (0.0, 1.01), (0.1, 1.01)]
    # two pages in the top kept-share bucket, one unmarked and one marked: adding scores best on both
    grid = {pair: np.array([0.5 + 0.4 * (pair[1] < 1) + 0.05 * (pair[0] > 0)] * 2) for pair in pairs}
    buckets = np.array([cells - 1, 2 * cells - 1])
    bars = train._best_bars(grid, buckets, np.arange(2), edit_marked=True)
    assert bars[cells - 1] == (0.1, 0.5)  # unmarked: add and drop
    assert bars[2 * cells - 1] == (0.1, 1.01)  # marked: the best pair that adds nothing
    assert bars[0] == train.NO_EDIT  # a bucket without pages is not edited
    assert train._best_bars(grid, buckets, np.arange(2))[2 * cells - 1] == train.NO_EDIT  # by default: no edit


def test_pagetype_learner_gives_the_same_weights_whatever_numpy_global_generator_holds() -> None:
    from scipy.sparse import random as sparse_random

    train = _trainer("train_pagetype")
    x = sparse_random(300, 2000, density=0.02, format="csr", random_state=3)
    x.data[:] = 1.0
    y = (np.random.default_rng(7).random(300) < 0.5).astype(int)
    weights, state = [], np.random.get_state()
    try:
        for seed in (1, 2):  # liblinear's dual solver shuffles the pages; unseeded, the two fits differ by ~1e-6
            np.random.seed(seed)
            weights.append(train.learner(1.0).fit(x, y).coef_)
    finally:
        np.random.set_state(state)
    assert np.array_equal(weights[0], weights[1])


def test_pagetype_tree_bag_ships_as_one_tree_set_with_the_same_log_odds(tmp_path, monkeypatch) -> None:
    from newsdesk.extract.pagetype import TREES_FILE, PageTypeTrees

    train = _trainer("train_pagetype")
    rng = np.random.default_rng(5)
    counted = rng.integers(-1, 6, size=(200, 3)).astype(float)  # counted features, -1 where absent
    scores = rng.normal(size=(200, 2))  # the linear score and one side score
    y = (scores[:, 0] + 0.5 * (counted[:, 0] > 2) + rng.normal(scale=0.7, size=200) > 0).astype(int)
    rows = np.column_stack([counted, scores])
    bag = train.TreeBag(2, members=3).fit(rows, y)
    single = bag.members_[0].decision_function(rows)
    assert not np.allclose(bag.decision_function(rows), single)  # the members draw different pages
    monkeypatch.setattr(train, "MODELS", tmp_path)
    train.save_trees(bag, ["a:", "b:", "c:"], rows, ("forum",))
    shipped = PageTypeTrees.load(tmp_path / TREES_FILE)
    assert len(shipped.roots) == 3 * 30 and np.isclose(shipped.rate, 0.05 / 3)
    mine = [shipped.raw(shipped.row([f"a:{int(r[0])}", f"b:{int(r[1])}", f"c:{int(r[2])}"], *r[3:])) for r in rows]
    assert np.allclose(mine, bag.decision_function(rows), atol=1e-6)


def test_pagetype_prose_vocabulary_keeps_words_found_on_enough_sites() -> None:
    train = _trainer("train_pagetype")
    sites = train.PROSE_SITES
    words = [{"the": 3, "ferry": 1} for _ in range(sites)] + [{"the": 1, "lantern": 2} for _ in range(sites)]
    groups = np.array([f"s{i}" for i in range(sites)] + ["shop"] * sites)  # "lantern": many pages, one site
    assert train.prose_vocabulary(words, groups, np.arange(2 * sites)) == ["ferry", "the"]
    assert train.prose_vocabulary(words, groups, np.arange(1, 2 * sites)) == ["the"]  # "ferry" on one site fewer
    matrix = train.prose_matrix(words, ["ferry", "the"])
    assert matrix.shape == (2 * sites, 2)
    assert np.isclose(matrix[0, 0], np.log1p(250.0) / 5) and matrix[-1, 0] == 0.0
