"""Train the plain-text cleaner's line model on WCXB dev pages rendered as text, cross-validated by site.

Each WCXB dev page is rendered to the text a browser copy-paste gives (``render_text`` of
``benchmarks/extraction.py``), its lines labelled by the ground truth (``label_lines``, also from there: ``line_label``, then
surplus copies of a repeated line dropped), and described by
:func:`newsdesk.extract.text.line_features_of`.
A logistic regression over the hashed features gives each line a keep log-odds; a two-state
Viterbi pass smooths them with a switch penalty, and a bias moves the precision/recall balance.

Folds are grouped by site (GroupKFold over the page's domain). The weights are fitted on the
training folds only; the switch penalty and bias (two scalars) of each fold are picked on the
other folds' out-of-fold predictions (and for the shipped model, on all of them). The reported
figures are the held-out ones, computed exactly as the benchmark does (``clean_scrape`` with the
fold's model on each held-out page). The shipped model (``data/models/text_lines.npz``) is then
fitted on all pages with the chosen settings.

    .venv/bin/python scripts/train_text_lines.py [--limit N] [--folds 5] [--cache /tmp/text-lines.pkl]
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import label_lines, load_wcxb, render_text  # noqa: E402
from newsdesk.extract.lines import BITS, MODEL_PATH, LineModel, viterbi  # noqa: E402
from newsdesk.extract.mainbody import normalised  # noqa: E402
from newsdesk.extract.scoring import bow_f1  # noqa: E402
from newsdesk.extract.text import clean_scrape, line_features_of, scrape_lines  # noqa: E402


@dataclass(frozen=True)
class Doc:
    """One rendered page: its lines, their labels (per rendered line) and its features."""

    id: str
    domain: str
    article: bool
    body: str
    lines: tuple[str, ...]
    labels: tuple[bool, ...]  # per rendered line
    sources: tuple[tuple[int, ...], ...]  # per scrape line: rendered line numbers
    features: tuple[tuple[int, ...], ...]  # per scrape line: hashed feature buckets


def build(limit: int | None) -> list[Doc]:
    """Render, label and describe every page (slow: cache the result with --cache)."""
    from newsdesk.extract.blocks import hash_feature

    docs = []
    for page in load_wcxb(limit):
        lines = render_text(page)
        body = page.body.replace("\\n", "\n")
        labels = tuple(label_lines(lines, body))
        scraped = scrape_lines("\n".join(lines))
        feats = line_features_of(scraped)
        docs.append(Doc(
            page.id, urlsplit(page.url or "").netloc.lower().removeprefix("www."), page.page_type == "article",
            body, tuple(lines), labels, tuple(line.sources for line in scraped),
            tuple(tuple(sorted({hash_feature(f, BITS) for f in fs})) for fs in feats),
        ))
    return docs


def matrix(docs: list[Doc]) -> tuple[csr_matrix, np.ndarray, np.ndarray]:
    """Binary feature matrix, labels (a scrape line is kept when any of its rendered lines is gold)
    and each row's document number."""
    rows, cols, y, owner = [], [], [], []
    for d, doc in enumerate(docs):
        for sources, feats in zip(doc.sources, doc.features, strict=True):
            rows.extend([len(y)] * len(feats))
            cols.extend(feats)
            y.append(any(doc.labels[n] for n in sources))
            owner.append(d)
    data = np.ones(len(cols), dtype=np.float32)
    return csr_matrix((data, (rows, cols)), shape=(len(y), 1 << BITS)), np.array(y), np.array(owner)


def fit(x: csr_matrix, y: np.ndarray, alpha: float) -> LineModel:
    """Logistic regression by averaged SGD (as good as an exact solver here, and fast enough to
    cross-validate on a shared 2-core machine)."""
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=10, tol=None, average=True, random_state=0)
    clf.fit(x, y)
    weights = clf.coef_[0]
    nz = np.flatnonzero(np.abs(weights) > 1e-6)
    return LineModel(nz.astype(np.int32), weights[nz].astype(np.float32), float(clf.intercept_[0]), 0.0, 0.0)


def log_odds(model: LineModel, doc: Doc) -> list[float]:
    table = model.table
    return [model.intercept + sum(table.get(b, 0.0) for b in feats) for feats in doc.features]


def doc_scores(doc: Doc, odds: list[float], switch: float, bias: float) -> tuple[int, int, int, float]:
    """(true positives, kept lines, gold lines, word F1) of one page's smoothed decisions, without
    the cleaner's filters."""
    keep = viterbi([z + bias for z in odds], switch)
    kept_lines = {n for k, sources in zip(keep, doc.sources, strict=True) if k for n in sources}
    kept = [i in kept_lines for i in range(len(doc.lines))]
    tp = sum(k and y for k, y in zip(kept, doc.labels, strict=True))
    f1 = bow_f1("\n".join(doc.lines[i] for i in sorted(kept_lines)), doc.body)
    return tp, sum(kept), sum(doc.labels), f1


def pooled(rows: list[tuple[int, int, int, float]]) -> tuple[float, float]:
    """Line F1 (micro) and word F1 (macro) of some pages' ``doc_scores``."""
    tp, kept_n, gold_n = (sum(r[k] for r in rows) for k in range(3))
    p, r = tp / max(kept_n, 1), tp / max(gold_n, 1)
    return 2 * p * r / max(p + r, 1e-9), statistics.fmean(row[3] for row in rows)


def choose_settings(scored: dict[tuple[float, float], list[tuple[int, int, int, float]]],
                    pages: np.ndarray) -> tuple[float, float]:
    """The (switch, bias) with the best line F1 + word F1 over the given pages (held-out odds)."""
    return max(scored, key=lambda sb: sum(pooled([scored[sb][i] for i in pages])))


def benchmark_scores(docs: list[Doc], models: dict[str, LineModel]) -> dict[str, dict[str, float]]:
    """The benchmark's figures (``score_scrapes``), each page cleaned by the model that did not see it."""
    per_doc = []  # (article, true positives, kept lines, gold lines, word F1)
    for doc in docs:
        result = clean_scrape("\n".join(doc.lines), model=models[doc.id])
        chosen_lines = set(result.kept_lines)
        kept = [i in chosen_lines and normalised(line) != "  " for i, line in enumerate(doc.lines)]
        tp = sum(k and y for k, y in zip(kept, doc.labels, strict=True))
        per_doc.append((doc.article, tp, sum(kept), sum(doc.labels), bow_f1("\n".join(result.paragraphs), doc.body)))
    rows = {}
    for subset in ("all", "articles"):
        chosen = [d for d in per_doc if subset == "all" or d[0]]
        tp, kept_n, gold_n = (sum(d[k] for d in chosen) for k in (1, 2, 3))
        p, r = tp / max(kept_n, 1), tp / max(gold_n, 1)
        rows[subset] = {"line P": p, "line R": r, "line F1": 2 * p * r / max(p + r, 1e-9),
                        "word F1": statistics.fmean(d[4] for d in chosen)}
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--alpha", type=float, default=1e-5, help="L2 strength of the logistic regression")
    ap.add_argument("--cache", type=Path, help="pickle of the rendered, labelled pages (built when missing)")
    ap.add_argument("--no-write", action="store_true", help="report the cross-validated figures only")
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        docs = build(args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))
    groups = [d.domain for d in docs]
    x, y, owner = matrix(docs)
    fold_models: dict[str, LineModel] = {}
    folds = list(GroupKFold(args.folds).split(docs, groups=groups))
    for k, (train, test) in enumerate(folds):
        rows = np.flatnonzero(np.isin(owner, train))
        model = fit(x[rows], y[rows], args.alpha)
        fold_models.update({docs[i].id: model for i in test})
        print(f"fold {k + 1}/{args.folds}: {len(train)} train pages, {len(test)} held out", flush=True)
    odds = {d.id: log_odds(fold_models[d.id], d) for d in docs}
    grid = [(s, b) for s in (0.5, 1.0, 2.0) for b in (-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)]
    scored = {sb: [doc_scores(d, odds[d.id], *sb) for d in docs] for sb in grid}
    for sb, rows in sorted(scored.items()):
        lf1, wf1 = pooled(rows)
        print(f"switch {sb[0]:.1f} bias {sb[1]:+.1f}: line F1 {lf1:.3f} word F1 {wf1:.3f}")
    tuned: dict[str, LineModel] = {}
    for train, test in folds:  # each fold's settings are chosen on the other folds' held-out pages
        switch, bias = choose_settings(scored, train)
        print(f"fold settings: switch {switch} bias {bias}")
        m = fold_models[docs[test[0]].id]
        model = LineModel(m.indices, m.weights, m.intercept, switch, bias)  # one per fold: each holds a table
        tuned.update({docs[i].id: model for i in test})
    switch, bias = choose_settings(scored, np.arange(len(docs)))
    print(f"chosen switch {switch} bias {bias}")
    for subset, row in benchmark_scores(docs, tuned).items():
        print(f"cross-validated ({args.folds} folds by site), {subset}: "
              + ", ".join(f"{k} {v:.3f}" for k, v in row.items()), flush=True)
    if not args.no_write:
        final = fit(x, y, args.alpha)
        LineModel(final.indices, final.weights, final.intercept, switch, bias).save(MODEL_PATH)
        print(f"wrote {MODEL_PATH} ({len(final.indices)} weights)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
