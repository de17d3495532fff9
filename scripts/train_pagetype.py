"""Train the article-or-not page-type model on WCXB dev, cross-validated by site, and ship its weights.

Features are :func:`newsdesk.extract.pagetype.type_features` (declared types, URL shape, prose and
link shares, listing and product cues, date and byline presence) over the page's visible blocks;
the model is logistic regression over hashed features, written to
``data/models/extract_pagetype.npz`` as plain arrays, followed by boosted trees over the counted
and yes/no features, the linear log-odds and the log-odds of side models: six one-vs-rest models
for the other WCXB page kinds and six article models that each read one feature family
(``extract_pagetype_trees.npz``, flat node arrays; ``extract_pagetype_side.npz``), and the log-odds of
a model over the words and word pairs of the page's prose found on many training sites
(``extract_pagetype_prose.npz``, :class:`~newsdesk.extract.pagetype.ProseWords`). The trees start
from a logistic combiner of those scores (:class:`ScoreStart`) and correct it from the page's structure;
ten such tree sets, each tree on its own 80 % draw of the pages, are averaged (:class:`TreeBag`).
Folds are grouped by site (GroupKFold over the page's domain), so the reported accuracy is on
sites the model never saw; ``--seeds`` adds shuffled site folds so the figure is not one lucky split.

The interface words (``sw:``, hundreds per page) enter the matrix at half weight, which is a
stronger L2 penalty on them alone: at full weight they outvoted the few structural features that
carry across sites. The scale is folded into the shipped weights, so the runtime model stays a
plain sum over present buckets.

    .venv/bin/python scripts/train_pagetype.py [--folds 5] [--c 0.1,0.3,1] [--seeds 0,1,2] [--workers 2] [--no-save]
                                               [--no-side] [--no-prose] [--no-pairs]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, diags
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_dates import collect_by_site  # noqa: E402 - the same pages and site grouping
from train_extraction import MODELS, WCXB, hashed  # noqa: E402 - same data, paths and feature hashing


def collect(page_id: str) -> dict[str, Any] | None:
    """The page-type features and label of one WCXB page (worker process)."""
    from newsdesk.errors import ExtractionError
    from newsdesk.extract.blocks import HASH_BITS, page_blocks, verdicts
    from newsdesk.extract.charset import decode_html
    from newsdesk.extract.html import bounded, parse_page
    from newsdesk.extract.metadata import read_metadata
    from newsdesk.extract.pagetype import prose_blocks, prose_pair_counts, prose_word_counts, type_features

    record = json.loads((WCXB / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    text, _ = decode_html(gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes()))
    try:  # the parser extract_html uses, so the model sees the trees it will be given
        tree = parse_page(bounded(text))
    except ExtractionError:
        return None
    meta = read_metadata(tree, record.get("url"))
    blocks = page_blocks(tree)
    verdicts(blocks, "")  # fills each block's word count, as extraction has done before it asks for the type
    prose = prose_blocks(blocks)
    words = prose_word_counts(prose)
    features = type_features(tree, blocks, meta, meta.url or record.get("url"), prose_words=words)
    return {"id": page_id, "bits": HASH_BITS, "features": features, "words": words, "pairs": prose_pair_counts(prose),
            "label": int(record["_internal"]["page_type"]["primary"] == "article"),
            "type": record["_internal"]["page_type"]["primary"]}


#: Matrix weight of a feature family (by name prefix); the rest enter at 1.
FAMILY_SCALE = {"sw": 0.5}


def bucket_scales(rows: list[list[str]], bits: int) -> np.ndarray:
    """Each hash bucket's matrix weight: the smallest family scale of the training names in it."""
    from newsdesk.extract.blocks import hash_feature

    scales = np.ones(1 << bits)
    for name in {f for feats in rows for f in feats if f.split(":", 1)[0] in FAMILY_SCALE}:
        bucket = hash_feature(name, bits)
        scales[bucket] = min(scales[bucket], FAMILY_SCALE[name.split(":", 1)[0]])
    return scales


def site_folds(folds: int, seed: int | None) -> GroupKFold:
    """GroupKFold by site: in order (seed None, the historical split) or shuffled by ``seed``."""
    return GroupKFold(folds) if seed is None else GroupKFold(folds, shuffle=True, random_state=seed)


#: The WCXB page kinds other than "article", each scored by its own one-vs-rest linear model.
KINDS = ("collection", "documentation", "forum", "listing", "product", "service")
#: Feature families (by name prefix), each read by its own article model; the rest form one more.
FAMILIES = {
    "iface": ("sw", "cta", "cue"),
    "class": ("bc", "mc", "mt", "mark"),
    "url": ("url",),
    "head": ("hd", "tt", "tt0", "tq", "tyear", "tlen", "tbar", "tdigit", "hq", "hn"),
    "decl": ("ld", "og", "author", "date", "datepub", "datetext"),
}
FAMILY_OF = {prefix: family for family, prefixes in FAMILIES.items() for prefix in prefixes}


def side_views(x: Any, y: np.ndarray, types: list[str], rows: list[list[str]],
               bits: int) -> list[tuple[str, Any, np.ndarray]]:
    """The side models' (name, matrix, label): one per other page kind (the full matrix, that kind's
    pages as positives), then one article model per feature family (the full matrix restricted to
    the buckets that family's names fall in, so the runtime can score all side models with one
    gather over the page's buckets and stay exact; the bucket lists use feature names, no labels)."""
    from newsdesk.extract.blocks import hash_feature

    views = [(kind, x, np.array([t == kind for t in types], dtype=int)) for kind in KINDS]
    masks = {family: np.zeros(x.shape[1]) for family in [*FAMILIES, "rest"]}
    for feats in rows:
        for name in feats:
            masks[FAMILY_OF.get(name.split(":", 1)[0], "rest")][hash_feature(name, bits)] = 1.0
    return views + [(f"family:{family}", csr_matrix(x @ diags(mask)), y) for family, mask in masks.items()]


def cross_validate(x: Any, dense: np.ndarray, y: np.ndarray, views: list[tuple[str, Any, np.ndarray]],
                   groups: np.ndarray, folds: int, grid: list[float], seed: int | None = None,
                   words: list[dict[str, int]] | None = None) -> dict[str, np.ndarray | list[float]]:
    """Held-out P(article) of every page by site folds: from the two stages ("stacked"), from the
    two stages without the side scores ("no side", the previous model) and from the linear stage
    alone ("linear"), with the C each fold chose ("C").

    Everything is learned inside the training fold: the C by its own inner site folds, the
    prose-word vocabulary (``words``: each page's :func:`prose_terms`) from its sites, and the
    trees from the linear, side and prose-word scores its inner site folds give its pages
    (out-of-fold, so the trees learn how far to trust a score on sites the linear models have not
    seen, as at runtime)."""
    out: dict[str, Any] = {name: np.zeros(len(y)) for name in ("stacked", "no side", "linear")}
    out["C"] = []
    for train_idx, test_idx in site_folds(folds, seed).split(x, y, groups):
        models = [(x, y)] + [(matrix, label) for _, matrix, label in views]  # the article model first
        if words is not None:
            models.append((prose_matrix(words, prose_vocabulary(words, groups, train_idx)), y))
        c = choose_c(x[train_idx], y[train_idx], groups[train_idx], folds - 1, grid)
        out["C"].append(c)
        score = np.column_stack([learner(c).fit(m[train_idx], label[train_idx]).decision_function(m[test_idx])
                                 for m, label in models])
        out["linear"][test_idx] = 1.0 / (1.0 + np.exp(-score[:, 0]))
        inner = inner_scores([(m[train_idx], label[train_idx]) for m, label in models], groups[train_idx],
                             folds - 1, c)
        trees = TreeBag(inner.shape[1]).fit(np.column_stack([dense[train_idx], inner]), y[train_idx])
        out["stacked"][test_idx] = trees.predict_proba(np.column_stack([dense[test_idx], score]))[:, 1]
        if len(models) > 1:
            trees = TreeBag(1).fit(np.column_stack([dense[train_idx], inner[:, :1]]), y[train_idx])
            out["no side"][test_idx] = trees.predict_proba(np.column_stack([dense[test_idx], score[:, :1]]))[:, 1]
        else:
            out["no side"][test_idx] = out["stacked"][test_idx]
    return out


#: Sites a word must be found on, among the training pages, to enter the prose-word score: so
#: that no site's own names do (h2's fourth-pass bar for site-independent words).
PROSE_SITES = 20


def prose_terms(page: dict[str, Any], pairs: bool = True) -> dict[str, int]:
    """The terms the prose-word score reads on a collected page: its prose words
    (:func:`prose_word_counts`) and, with ``pairs``, its word pairs (:func:`prose_pair_counts`, "a b").

    With the pairs, the two stages miss 77.1 pages a split over the ten site-fold splits, not 78.0
    (94.85 % instead of 94.79 %; no split more than one page worse; a development figure: chosen with
    those splits in view)."""
    return {**page["words"], **page["pairs"]} if pairs else dict(page["words"])


def prose_vocabulary(words: list[dict[str, int]], groups: np.ndarray, pages: np.ndarray) -> list[str]:
    """The prose words (and pairs) found on at least :data:`PROSE_SITES` sites among ``pages`` (no labels read)."""
    sites: dict[str, set[str]] = {}
    for i in pages.tolist():
        for word in words[i]:
            sites.setdefault(word, set()).add(groups[i])
    return sorted(word for word, found in sites.items() if len(found) >= PROSE_SITES)


def prose_matrix(words: list[dict[str, int]], vocabulary: list[str]) -> csr_matrix:
    """Every page's row over ``vocabulary``: each word's (or pair's) :meth:`ProseWords.value`,
    against the page's number of words (pairs, "a b", are not counted in it)."""
    from newsdesk.extract.pagetype import ProseWords

    column = {word: k for k, word in enumerate(vocabulary)}
    rows, cols, values = [], [], []
    for i, counts in enumerate(words):
        total = max(sum(n for word, n in counts.items() if " " not in word), 1)
        for word, n in counts.items():
            if word in column:
                rows.append(i)
                cols.append(column[word])
                values.append(ProseWords.value(n, total))
    return csr_matrix((values, (rows, cols)), shape=(len(words), len(vocabulary)))


def inner_scores(models: list[tuple[Any, np.ndarray]], groups: np.ndarray, folds: int, c: float) -> np.ndarray:
    """Each page's log-odds from each (matrix, label) model, fitted on the other sites (site folds)."""
    scores = np.zeros((len(groups), len(models)))
    for train_idx, test_idx in GroupKFold(folds).split(models[0][0], models[0][1], groups):
        for k, (m, label) in enumerate(models):
            scores[test_idx, k] = learner(c).fit(m[train_idx], label[train_idx]).decision_function(m[test_idx])
    return scores


def dense_matrix(rows: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    """The counted and yes/no features as columns (-1 where a page lacks one), and their names."""
    from newsdesk.extract.pagetype import dense_value

    values = [dict(v for v in map(dense_value, feats) if v is not None) for feats in rows]
    names = sorted({name for row in values for name in row})
    return np.array([[row.get(name, -1) for name in names] for row in values], dtype=float), names


def choose_c(x: Any, y: np.ndarray, groups: np.ndarray, folds: int, grid: list[float]) -> float:
    """The C of ``grid`` with the best accuracy over site folds of these pages (ties: the smaller C)."""
    if len(grid) == 1:
        return grid[0]
    scores = []
    for c in grid:
        hits = 0
        for train_idx, test_idx in GroupKFold(folds).split(x, y, groups):
            fitted = learner(c).fit(x[train_idx], y[train_idx])
            hits += int(np.sum((fitted.predict_proba(x[test_idx])[:, 1] >= 0.5) == y[test_idx]))
        scores.append(hits)
    return grid[int(np.argmax(scores))]


def confusion(types: list[str], predicted: np.ndarray) -> dict[str, str]:
    """Per WCXB page type: how many of its pages were given the wrong article-or-not verdict."""
    out = {}
    for kind in sorted(set(types)):
        rows = [p for t, p in zip(types, predicted, strict=True) if t == kind]
        wrong = sum((p >= 0.5) != (kind == "article") for p in rows)
        out[kind] = f"{wrong}/{len(rows)} wrong"
    return out


def learner(c: float) -> LogisticRegression:
    """L2 logistic regression; the dual solver, since there are far more hash buckets than pages
    (the same optimum as the primal, found about 30 times faster). The dual solver visits the pages
    in a random order; a fixed ``random_state`` makes that order, and so every figure, repeat from
    run to run (left unset, liblinear draws it from numpy's unseeded global generator)."""
    return LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=1000, random_state=0)


class ScoreStart(ClassifierMixin, BaseEstimator):
    """The trees' starting point: logistic regression over the row's last ``scores`` columns (the
    linear and side log-odds), its log-odds clipped to ±``START_CLIP`` as the runtime clips them.

    Thirteen scores are a linear problem; trees that must rebuild their combination from 1,500
    pages spend their rounds on it. Starting from the combiner, the trees only correct it."""

    def __init__(self, scores: int = 1) -> None:
        self.scores = scores

    def fit(self, x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> ScoreStart:
        self.model_ = LogisticRegression(max_iter=5000).fit(x[:, -self.scores:], y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        from newsdesk.extract.pagetype import START_CLIP

        # in float64: boosting hands its rows over as float32, and a float32 probability near 0 or 1
        # would lose the log-odds' digits on the way back
        scores = x[:, -self.scores:].astype(np.float64)
        return np.clip(self.model_.decision_function(scores), -START_CLIP, START_CLIP)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.log_odds(x)))
        return np.column_stack([1.0 - p, p])


def tree_learner(scores: int, seed: int = 0) -> GradientBoostingClassifier:
    """Shallow boosted trees (4 leaves, 30 rounds at rate 0.05, 20 pages a leaf) that start from the
    :class:`ScoreStart` combiner of the row's last ``scores`` columns, each tree fitted on its own
    draw of 80 % of the pages (``seed`` picks the draws): fixed, and small enough that 1,500 pages
    cannot be memorised. (The rounds were cut from 100 with the site folds in view.)"""
    return GradientBoostingClassifier(n_estimators=30, learning_rate=0.05, max_leaf_nodes=4, min_samples_leaf=20,
                                      subsample=0.8, random_state=seed, init=ScoreStart(scores))


#: How many tree sets the tree stage averages (:class:`TreeBag`).
BAG = 10


class TreeBag(ClassifierMixin, BaseEstimator):
    """The tree stage: ``members`` sets of :func:`tree_learner` trees, each drawing its own pages for
    each tree, their log-odds averaged.

    About 80 held-out pages have a P(article) between 0.3 and 0.7, and one set of 30 trees, fitted
    on 1,200 pages, tips such a page one way or the other partly by the accident of which splits it
    found. The average of five sets leans on what they agree on (+0.1 point over ten site splits, a
    development figure); ten sets gain 0.3 of a page a split more (also a development figure). All start
    from the same combiner, so the average is one set of 300 trees at a tenth of the rate, and ships as
    such (:func:`save_trees`)."""

    def __init__(self, scores: int = 1, members: int = BAG) -> None:
        self.scores = scores
        self.members = members

    def fit(self, x: np.ndarray, y: np.ndarray) -> TreeBag:
        self.members_ = [tree_learner(self.scores, seed).fit(x, y) for seed in range(self.members)]
        self.classes_ = self.members_[0].classes_
        return self

    def decision_function(self, x: np.ndarray) -> np.ndarray:
        return np.mean([member.decision_function(x) for member in self.members_], axis=0)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.decision_function(x)))
        return np.column_stack([1.0 - p, p])


def save_linear(model: LogisticRegression, bits: int, scales: np.ndarray) -> None:
    from newsdesk.extract.learned import LinearModel

    coef = model.coef_[0] * scales  # a present feature contributes its weight times its matrix value
    nonzero = np.flatnonzero(np.abs(coef) > 1e-4)
    MODELS.mkdir(parents=True, exist_ok=True)
    linear = LinearModel(nonzero, coef[nonzero], float(model.intercept_[0]), 0.5, bits)
    linear.save(MODELS / "extract_pagetype.npz")


def save_side(models: list[LogisticRegression], views: list[tuple[str, Any, np.ndarray]], bits: int,
              scales: np.ndarray, rows: list[list[str]]) -> None:
    """Write the side models as one weight row per bucket, after checking that the runtime class
    gives scikit-learn's log-odds on the training pages (float32 weights: within 0.02)."""
    from newsdesk.extract.blocks import hash_feature
    from newsdesk.extract.pagetype import SIDE_FILE, SideScores

    coef = np.column_stack([m.coef_[0] for m in models]) * scales[:, None]  # scale folded in, as save_linear
    nonzero = np.flatnonzero(np.abs(coef).max(axis=1) > 1e-4)
    shipped = SideScores(tuple(name for name, _, _ in views), nonzero, coef[nonzero].astype(np.float32),
                         np.array([m.intercept_[0] for m in models]), bits)
    mine = np.array([shipped.log_odds({hash_feature(f, bits) for f in r}) for r in rows])
    theirs = np.column_stack([m.decision_function(matrix) for m, (_, matrix, _) in zip(models, views, strict=True)])
    if not np.allclose(mine, theirs, atol=0.02):
        raise RuntimeError("the exported side models disagree with scikit-learn's; nothing written")
    shipped.save(MODELS / SIDE_FILE)


def save_prose(model: LogisticRegression, vocabulary: list[str], matrix: csr_matrix,
               words: list[dict[str, int]]) -> None:
    """Write the prose-word score, after checking that the runtime class gives scikit-learn's
    log-odds on the training pages."""
    from newsdesk.extract.pagetype import PROSE_FILE, ProseWords

    shipped = ProseWords(vocabulary, model.coef_[0], float(model.intercept_[0]))
    mine = np.array([shipped.log_odds({w: n for w, n in counts.items() if " " not in w},
                                      {w: n for w, n in counts.items() if " " in w}) for counts in words])
    if not np.allclose(mine, model.decision_function(matrix), atol=1e-6):
        raise RuntimeError("the exported prose-word score disagrees with scikit-learn's; nothing written")
    shipped.save(MODELS / PROSE_FILE)


def save_trees(trees: TreeBag, names: list[str], check: np.ndarray, sides: tuple[str, ...]) -> None:
    """Write the tree stage as flat node arrays (every member's trees, at the rate divided by the
    number of members: the average of their log-odds), after checking they give sklearn's own log-odds."""
    from newsdesk.extract.pagetype import TREES_FILE, PageTypeTrees

    estimators = [estimator for member in trees.members_ for (estimator,) in member.estimators_]
    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    for estimator in estimators:
        tree, offset = estimator.tree_, len(feature)
        roots.append(offset)
        leaf = tree.children_left == -1
        feature += np.where(leaf, 0, tree.feature).tolist()
        threshold += tree.threshold.tolist()
        left += np.where(leaf, -1, tree.children_left + offset).tolist()
        right += np.where(leaf, -1, tree.children_right + offset).tolist()
        value += tree.value[:, 0, 0].tolist()
    rate = trees.members_[0].learning_rate / len(trees.members_)
    first = trees.members_[0]  # every member starts from the same combiner
    start = first.init_.model_
    weights = np.concatenate([start.intercept_, start.coef_[0]])
    leaves = [e.apply(check[:1].astype(np.float32))[0] for e in estimators]
    sums = sum(e.tree_.value[n, 0, 0] for e, n in zip(estimators, leaves, strict=True))
    base = float(trees.decision_function(check[:1])[0] - rate * sums
                 - first.init_.log_odds(check[:1].astype(np.float32))[0])  # boosting reads float32 rows
    arrays = {"names": np.array(names), "roots": np.array(roots, dtype=np.int32),
              "feature": np.array(feature, dtype=np.int32), "threshold": np.array(threshold),
              "left": np.array(left, dtype=np.int32), "right": np.array(right, dtype=np.int32),
              "value": np.array(value), "base": np.float64(base), "rate": np.float64(rate), "sides": np.array(sides),
              "start": weights}
    shipped = PageTypeTrees(names, roots, feature, threshold, left, right, value, base, rate, sides,
                            tuple(weights.tolist()))
    mine = np.array([shipped.raw(r.tolist()) for r in check])
    if not np.allclose(mine, trees.decision_function(check), atol=1e-6):
        raise RuntimeError("the exported trees disagree with scikit-learn's; nothing written")
    np.savez_compressed(MODELS / TREES_FILE, **arrays)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", default="0.1,0.3,1", help="comma-separated C grid; each fit picks from it by inner CV")
    ap.add_argument("--seeds", default="0,1,2", help="comma-separated seeds of extra shuffled site-fold runs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-save", action="store_true", help="report the cross-validated figures only")
    ap.add_argument("--no-side", action="store_true", help="no side models: the trees read the linear score alone")
    ap.add_argument("--no-prose", action="store_true", help="no prose-word score for the trees")
    ap.add_argument("--no-pairs", action="store_true", help="the prose-word score reads no word pairs")
    args = ap.parse_args(argv)
    grid = [float(c) for c in args.c.split(",") if c]
    found = collect_by_site(collect, args.workers)
    if found is None:
        return 1
    pages, groups = found
    bits = pages[0]["bits"]
    rows = [p["features"] for p in pages]
    scales = bucket_scales(rows, bits)
    x = csr_matrix(hashed(rows, bits) @ diags(scales))
    dense, names = dense_matrix(rows)
    y = np.array([p["label"] for p in pages])
    views = [] if args.no_side else side_views(x, y, [p["type"] for p in pages], rows, bits)
    words = None if args.no_prose else [prose_terms(p, not args.no_pairs) for p in pages]
    runs = {seed: cross_validate(x, dense, y, views, groups, args.folds, grid, seed, words)
            for seed in [None, *(int(s) for s in args.seeds.split(",") if s)]}

    def accuracy(name: str) -> dict[str, float]:
        return {str(s): float(np.mean((r[name] >= 0.5) == y)) for s, r in runs.items()}

    def mean(name: str) -> float:
        return float(np.mean(list(accuracy(name).values())))

    print(json.dumps({"pages": len(pages), "article share": float(y.mean()),
                      "side models": [name for name, _, _ in views],
                      "cv accuracy (None: unshuffled site folds; n: shuffled with seed n)": accuracy("stacked"),
                      "mean over the splits": mean("stacked"),
                      "same, trees without the side scores": accuracy("no side"),
                      "mean over the splits, without the side scores": mean("no side"),
                      "same, linear stage alone": accuracy("linear"),
                      "C chosen per fold (unshuffled)": runs[None]["C"],
                      "held-out errors by page type (unshuffled)": confusion([p["type"] for p in pages],
                                                                             runs[None]["stacked"])}, indent=1))
    if not args.no_save:
        from newsdesk.extract.pagetype import PROSE_SCORE

        c = choose_c(x, y, groups, args.folds, grid)
        article = learner(c).fit(x, y)
        save_linear(article, bits, scales)
        side = [learner(c).fit(matrix, label) for _, matrix, label in views]
        if views:
            save_side(side, views, bits, scales, rows)
        models = [(x, y)] + [(matrix, label) for _, matrix, label in views]
        sides = tuple(name for name, _, _ in views)
        if words is not None:
            vocabulary = prose_vocabulary(words, groups, np.arange(len(words)))
            matrix = prose_matrix(words, vocabulary)
            save_prose(learner(c).fit(matrix, y), vocabulary, matrix, words)
            models.append((matrix, y))
            sides += (PROSE_SCORE,)
        stacked = np.column_stack([dense, inner_scores(models, groups, args.folds, c)])
        save_trees(TreeBag(len(models)).fit(stacked, y), names, stacked, sides)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
