"""Train the date ranker on WCXB dev articles, cross-validated by site, and ship its weights.

Every distinct day a page states is a candidate (:mod:`newsdesk.extract.dates`); its label is
whether it is the annotated publication date. A logistic model over the candidates' cues (and
pairs of cues) scores them and the page's date is the best-scoring one. Folds are grouped by site
(GroupKFold over the page's domain), so the reported accuracy is on sites the model never saw;
pages whose gold date is none of the candidates count as misses.

    .venv/bin/python scripts/train_dates.py [--folds 5] [--c 1.0] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import vstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_extraction import MODELS, WCXB, hashed  # noqa: E402 - same data, paths and feature hashing


def collect(page_id: str) -> dict[str, Any] | None:
    """The date candidates of one WCXB article with their features and labels (worker process)."""
    from newsdesk.errors import ExtractionError
    from newsdesk.extract.charset import decode_html
    from newsdesk.extract.dates import candidate_features
    from newsdesk.extract.html import parse_page
    from newsdesk.extract.metadata import read_metadata

    record = json.loads((WCXB / "ground-truth" / f"{page_id}.json").read_text(encoding="utf-8"))
    gold = (record["ground_truth"].get("publish_date") or "")[:10]
    if record["_internal"]["page_type"]["primary"] != "article" or not gold:
        return None
    text, _ = decode_html(gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes()))
    try:  # the tree extraction reads (trafilatura's parse), so training sees what the pipeline sees
        meta = read_metadata(parse_page(text), record.get("url"))
    except (ValueError, TypeError, ExtractionError):
        return None
    cands = meta.date_candidates
    return {"id": page_id, "gold": gold, "days": [c.day for c in cands],
            "features": [candidate_features(c) for c in cands], "labels": [int(c.day == gold) for c in cands]}


def domains() -> dict[str, str]:
    files = json.loads((WCXB / "metadata.json").read_text(encoding="utf-8"))["files"]
    out = {}
    for path in sorted((WCXB / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = (files.get(path.stem) or {}).get("domain") or record.get("url") or path.stem
    return out


def collect_by_site(collect: Any, workers: int) -> tuple[list[dict[str, Any]], np.ndarray] | None:
    """Every WCXB dev page ``collect`` can read, with its site as the CV group; None without the data.

    Shared with ``train_pagetype.py`` so both models are trained and held out over the same sites.
    """
    if not WCXB.exists():
        print(f"no training data at {WCXB}", file=sys.stderr)
        return None
    sites = domains()
    with Pool(workers) as pool:
        pages = [p for p in pool.imap(collect, sorted(sites), chunksize=8) if p is not None]
    return pages, np.array([sites[p["id"]] for p in pages])


def evaluate(pages: list[dict[str, Any]], groups: np.ndarray, folds: int, c: float, bits: int) -> dict[str, float]:
    """Held-out share of pages whose best-scored candidate is the gold date, by site folds."""
    hits = np.zeros(len(pages), dtype=bool)
    for train_idx, test_idx in GroupKFold(folds).split(np.zeros(len(pages)), groups=groups):
        model = fit([pages[i] for i in train_idx], c, bits)
        for i in test_idx:
            hits[i] = pick(model, pages[i], bits) == pages[i]["gold"]
    reachable = np.array([1 in p["labels"] for p in pages])
    return {"pages": len(pages), "cv accuracy": float(hits.mean()), "gold among candidates": float(reachable.mean())}


def fit(pages: list[dict[str, Any]], c: float, bits: int) -> LogisticRegression:
    """Pairwise ranking: logistic regression on (gold - other) feature differences within a page.

    Only the order of candidates on the same page matters, so a pointwise model would waste its
    capacity on how many candidates pages have; differences cancel what candidates share.
    """
    diffs, labels = [], []
    for page in pages:
        if 1 not in page["labels"]:
            continue
        x = hashed(page["features"], bits)
        gold = x[page["labels"].index(1)]
        for row, label in zip(x, page["labels"], strict=True):
            if not label:
                diffs += [gold - row, row - gold]
                labels += [1, 0]
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, fit_intercept=False)
    return model.fit(vstack(diffs), np.array(labels))


def pick(model: LogisticRegression, page: dict[str, Any], bits: int) -> str | None:
    if not page["days"]:
        return None
    scores = model.decision_function(hashed(page["features"], bits))
    return max(zip(scores, page["days"], strict=True))[1]


def save(model: LogisticRegression, bits: int) -> None:
    from newsdesk.extract.learned import LinearModel

    coef = model.coef_[0]
    nonzero = np.flatnonzero(np.abs(coef) > 1e-4)
    MODELS.mkdir(parents=True, exist_ok=True)
    LinearModel(nonzero, coef[nonzero], 0.0, 0.5, bits).save(MODELS / "extract_dates.npz")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--bits", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-save", action="store_true", help="report the cross-validated figures only")
    args = ap.parse_args(argv)
    found = collect_by_site(collect, args.workers)
    if found is None:
        return 1
    pages, groups = found
    print(json.dumps(evaluate(pages, groups, args.folds, args.c, args.bits), indent=1))
    gold_cues = Counter(cue for p in pages for feats, y in zip(p["features"], p["labels"], strict=True) if y
                        for cue in feats if "&" not in cue)
    print("cues of gold dates:", gold_cues.most_common(15))
    if not args.no_save:
        save(fit(pages, args.c, args.bits), args.bits)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
