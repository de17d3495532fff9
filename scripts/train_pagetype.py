"""Train the article-or-not page-type model on WCXB dev, cross-validated by site, and ship its weights.

Features are :func:`newsdesk.extract.pagetype.type_features` (declared types, URL shape, prose and
link shares, listing and product cues, date and byline presence) over the page's visible blocks;
the model is logistic regression over hashed features, written to
``data/models/extract_pagetype.npz`` as plain arrays, followed by boosted trees over the counted
and yes/no features and the linear log-odds (``extract_pagetype_trees.npz``, flat node arrays).
Folds are grouped by site (GroupKFold over the page's domain), so the reported accuracy is on
sites the model never saw; ``--seeds`` adds shuffled site folds so the figure is not one lucky split.

The interface words (``sw:``, hundreds per page) enter the matrix at half weight, which is a
stronger L2 penalty on them alone: at full weight they outvoted the few structural features that
carry across sites. The scale is folded into the shipped weights, so the runtime model stays a
plain sum over present buckets.

    .venv/bin/python scripts/train_pagetype.py [--folds 5] [--c 0.1,0.3,1] [--seeds 0,1,2] [--workers 2] [--no-save]
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
    from newsdesk.extract.pagetype import type_features

    record = json.loads((WCXB / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    text, _ = decode_html(gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes()))
    try:  # the parser extract_html uses, so the model sees the trees it will be given
        tree = parse_page(bounded(text))
    except ExtractionError:
        return None
    meta = read_metadata(tree, record.get("url"))
    blocks = page_blocks(tree)
    verdicts(blocks, "")  # fills each block's word count, as extraction has done before it asks for the type
    features = type_features(tree, blocks, meta, meta.url or record.get("url"))
    return {"id": page_id, "bits": HASH_BITS, "features": features,
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


def cross_validate(x: Any, dense: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: int, grid: list[float],
                   seed: int | None = None) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Held-out P(article) of every page by site folds, from the two stages and from the linear
    stage alone, and the C each fold chose.

    Everything is learned inside the training fold: the C by its own inner site folds, and the
    trees from the linear scores its inner site folds give its pages (out-of-fold, so the trees
    learn how far to trust a score on sites the linear model has not seen, as at runtime)."""
    stacked, linear = np.zeros(len(y)), np.zeros(len(y))
    chosen = []
    for train_idx, test_idx in site_folds(folds, seed).split(x, y, groups):
        c = choose_c(x[train_idx], y[train_idx], groups[train_idx], folds - 1, grid)
        chosen.append(c)
        score = learner(c).fit(x[train_idx], y[train_idx]).decision_function(x[test_idx])
        linear[test_idx] = 1.0 / (1.0 + np.exp(-score))
        inner = inner_scores(x[train_idx], y[train_idx], groups[train_idx], folds - 1, c)
        trees = tree_learner().fit(np.column_stack([dense[train_idx], inner]), y[train_idx])
        stacked[test_idx] = trees.predict_proba(np.column_stack([dense[test_idx], score]))[:, 1]
    return stacked, linear, chosen


def inner_scores(x: Any, y: np.ndarray, groups: np.ndarray, folds: int, c: float) -> np.ndarray:
    """Each page's linear log-odds from a model fitted on the other sites (site folds)."""
    scores = np.zeros(len(y))
    for train_idx, test_idx in GroupKFold(folds).split(x, y, groups):
        scores[test_idx] = learner(c).fit(x[train_idx], y[train_idx]).decision_function(x[test_idx])
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
    (the same optimum as the primal, found about 30 times faster)."""
    return LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=1000)


def tree_learner() -> GradientBoostingClassifier:
    """Shallow boosted trees (4 leaves, 100 rounds at rate 0.05, 20 pages a leaf): fixed, not
    searched, and small enough that 1,500 pages cannot be memorised."""
    return GradientBoostingClassifier(n_estimators=100, learning_rate=0.05, max_leaf_nodes=4, min_samples_leaf=20,
                                      random_state=0)


def save_linear(model: LogisticRegression, bits: int, scales: np.ndarray) -> None:
    from newsdesk.extract.learned import LinearModel

    coef = model.coef_[0] * scales  # a present feature contributes its weight times its matrix value
    nonzero = np.flatnonzero(np.abs(coef) > 1e-4)
    MODELS.mkdir(parents=True, exist_ok=True)
    linear = LinearModel(nonzero, coef[nonzero], float(model.intercept_[0]), 0.5, bits)
    linear.save(MODELS / "extract_pagetype.npz")


def save_trees(trees: GradientBoostingClassifier, names: list[str], check: np.ndarray) -> None:
    """Write the tree stage as flat node arrays, after checking they give sklearn's own log-odds."""
    from newsdesk.extract.pagetype import TREES_FILE, PageTypeTrees

    roots, feature, threshold, left, right, value = [], [], [], [], [], []
    for (estimator,) in trees.estimators_:
        tree, offset = estimator.tree_, len(feature)
        roots.append(offset)
        leaf = tree.children_left == -1
        feature += np.where(leaf, 0, tree.feature).tolist()
        threshold += tree.threshold.tolist()
        left += np.where(leaf, -1, tree.children_left + offset).tolist()
        right += np.where(leaf, -1, tree.children_right + offset).tolist()
        value += tree.value[:, 0, 0].tolist()
    rate = trees.learning_rate
    leaves = trees.apply(check[:1])[0, :, 0].astype(int)
    sums = sum(e.tree_.value[n, 0, 0] for (e,), n in zip(trees.estimators_, leaves, strict=True))
    base = float(trees.decision_function(check[:1])[0] - rate * sums)
    arrays = {"names": np.array(names), "roots": np.array(roots, dtype=np.int32),
              "feature": np.array(feature, dtype=np.int32), "threshold": np.array(threshold),
              "left": np.array(left, dtype=np.int32), "right": np.array(right, dtype=np.int32),
              "value": np.array(value), "base": np.float64(base), "rate": np.float64(rate)}
    shipped = PageTypeTrees(names, roots, feature, threshold, left, right, value, base, rate)
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
    predicted, linear, chosen = cross_validate(x, dense, y, groups, args.folds, grid)
    shuffled = {seed: cross_validate(x, dense, y, groups, args.folds, grid, seed)[:2]
                for seed in (int(s) for s in args.seeds.split(",") if s)}
    print(json.dumps({"pages": len(pages), "article share": float(y.mean()),
                      "cv accuracy": float(np.mean((predicted >= 0.5) == y)),
                      "cv accuracy, linear stage alone": float(np.mean((linear >= 0.5) == y)),
                      "C chosen per fold": chosen,
                      "cv accuracy, shuffled site folds by seed": {
                          s: float(np.mean((p >= 0.5) == y)) for s, (p, _) in shuffled.items()},
                      "same, linear stage alone": {s: float(np.mean((q >= 0.5) == y)) for s, (_, q) in shuffled.items()},
                      "held-out errors by page type": confusion([p["type"] for p in pages], predicted)}, indent=1))
    if not args.no_save:
        c = choose_c(x, y, groups, args.folds, grid)
        save_linear(learner(c).fit(x, y), bits, scales)
        stacked = np.column_stack([dense, inner_scores(x, y, groups, args.folds, c)])
        save_trees(tree_learner().fit(stacked, y), names, stacked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
