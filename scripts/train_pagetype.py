"""Train the article-or-not page-type model on WCXB dev, cross-validated by site, and ship its weights.

Features are :func:`newsdesk.extract.pagetype.type_features` (declared types, URL shape, prose and
link shares, listing and product cues, date and byline presence) over the page's visible blocks;
the model is logistic regression over hashed features, written to
``data/models/extract_pagetype.npz`` as plain arrays. Folds are grouped by site (GroupKFold over
the page's domain), so the reported accuracy is on sites the model never saw.

    .venv/bin/python scripts/train_pagetype.py [--folds 5] [--c 0.3] [--workers 2] [--no-save]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_dates import collect_by_site  # noqa: E402 - the same pages and site grouping
from train_extraction import MODELS, WCXB, hashed  # noqa: E402 - same data, paths and feature hashing


def collect(page_id: str) -> dict[str, Any] | None:
    """The page-type features and label of one WCXB page (worker process)."""
    from newsdesk.extract.blocks import HASH_BITS, page_blocks
    from newsdesk.extract.charset import decode_html
    from newsdesk.extract.html import bounded
    from newsdesk.extract.metadata import parse_html, read_metadata
    from newsdesk.extract.pagetype import type_features

    record = json.loads((WCXB / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    text, _ = decode_html(gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes()))
    try:
        tree = parse_html(bounded(text))
    except (ValueError, TypeError):
        return None
    meta = read_metadata(tree, record.get("url"))
    features = type_features(tree, page_blocks(tree), meta, meta.url or record.get("url"))
    return {"id": page_id, "bits": HASH_BITS, "features": features,
            "label": int(record["_internal"]["page_type"]["primary"] == "article")}


def cross_validate(x: Any, y: np.ndarray, groups: np.ndarray, folds: int, c: float) -> np.ndarray:
    """Held-out P(article) of every page, by site folds."""
    predicted = np.zeros(len(y))
    for train_idx, test_idx in GroupKFold(folds).split(x, y, groups):
        predicted[test_idx] = learner(c).fit(x[train_idx], y[train_idx]).predict_proba(x[test_idx])[:, 1]
    return predicted


def learner(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", max_iter=1000)


def save(model: LogisticRegression, bits: int) -> None:
    from newsdesk.extract.learned import LinearModel

    coef = model.coef_[0]
    nonzero = np.flatnonzero(np.abs(coef) > 1e-4)
    MODELS.mkdir(parents=True, exist_ok=True)
    linear = LinearModel(nonzero, coef[nonzero], float(model.intercept_[0]), 0.5, bits)
    linear.save(MODELS / "extract_pagetype.npz")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength of the shipped model")
    ap.add_argument("--also-c", default="", help="comma-separated further C values to report (held out)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-save", action="store_true", help="report the cross-validated figures only")
    args = ap.parse_args(argv)
    found = collect_by_site(collect, args.workers)
    if found is None:
        return 1
    pages, groups = found
    bits = pages[0]["bits"]
    x = hashed([p["features"] for p in pages], bits)
    y = np.array([p["label"] for p in pages])
    predicted = cross_validate(x, y, groups, args.folds, args.c)
    print(json.dumps({"pages": len(pages), "article share": float(y.mean()),
                      "cv accuracy": float(np.mean((predicted >= 0.5) == y))}, indent=1))
    for c in filter(None, args.also_c.split(",")):
        other = cross_validate(x, y, groups, args.folds, float(c))
        print(f"C={c}: cv accuracy {np.mean((other >= 0.5) == y):.4f}")
    if not args.no_save:
        save(learner(args.c).fit(x, y), bits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
