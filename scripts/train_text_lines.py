"""Train the plain-text cleaner's line model on WCXB dev pages rendered as text, cross-validated by site.

Each WCXB dev page is rendered to the text a browser copy-paste gives (``render_text`` of
``benchmarks/extraction.py``), its lines labelled by the ground truth (``label_lines``, also from there: ``line_label``, then
surplus copies of a repeated line dropped), and described by
:func:`newsdesk.extract.text.line_features_of`, plus its vocabulary features
(:func:`newsdesk.extract.lines.vocabulary_features`: the line's words among those found on at least
``--min-sites`` different training sites, and on short lines their pairs; the vocabulary of each
fold comes from its training pages only, and ships with the model).
A logistic regression over the hashed features gives each line a keep log-odds; a two-state
Viterbi pass smooths them with a switch penalty, and a bias moves the precision/recall balance.

Folds are grouped by site (GroupKFold over the page's domain). The weights are fitted on the
training folds only; the switch penalty and bias (two scalars) of each fold are picked on the
other folds' out-of-fold predictions (and for the shipped model, on all of them). The reported
figures are the held-out ones, computed exactly as the benchmark does (``clean_scrape`` with the
fold's model on each held-out page). The shipped model (``data/models/text_lines.npz``) is then
fitted on all pages with the chosen settings.

    .venv/bin/python scripts/train_text_lines.py [--limit N] [--folds 5] [--min-sites 20] [--cache /tmp/text-lines.pkl]
"""

from __future__ import annotations

import argparse
import pickle
import re
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
WORD = re.compile(r"\w+")
#: A vocabulary word must occur on this many training sites (of ~1,000; see ``vocabulary``).
MIN_SITES = 20
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import label_lines, load_wcxb, render_text  # noqa: E402
from newsdesk.extract.blocks import hash_feature  # noqa: E402
from newsdesk.extract.lines import BITS, MODEL_PATH, LineModel, viterbi, vocabulary_features  # noqa: E402
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


def vocabulary(docs: list[Doc], pages: np.ndarray, min_sites: int) -> frozenset[str]:
    """Words (lower-cased) that occur on at least ``min_sites`` different sites among ``pages``:
    common enough to say what kind of line holds them, too common to name one site."""
    sites: dict[str, set[str]] = {}
    for i in pages:
        doc = docs[i]
        for word in {w.lower() for line in doc.lines for w in WORD.findall(line)}:
            sites.setdefault(word, set()).add(doc.domain)
    return frozenset(w for w, found in sites.items() if len(found) >= min_sites)


def buckets(doc: Doc, vocab: frozenset[str]) -> list[set[int]]:
    """Per scrape line, its hashed features: the cached ones plus its vocabulary features (the
    scrape line's text is its rendered lines joined by a space, as ``scrape_lines`` joins them)."""
    if not vocab:
        return [set(feats) for feats in doc.features]
    return [set(feats) | {hash_feature(f, BITS) for f in vocabulary_features(
        " ".join(doc.lines[n] for n in sources), vocab)} for sources, feats in zip(doc.sources, doc.features, strict=True)]


def matrix(docs: list[Doc], pages: np.ndarray, vocab: frozenset[str]) -> tuple[csr_matrix, np.ndarray]:
    """Binary feature matrix of some pages' lines and their labels (a scrape line is kept when any
    of its rendered lines is gold)."""
    rows, cols, y = [], [], []
    for d in pages:
        doc = docs[d]
        for sources, feats in zip(doc.sources, buckets(doc, vocab), strict=True):
            rows.extend([len(y)] * len(feats))
            cols.extend(feats)
            y.append(any(doc.labels[n] for n in sources))
    data = np.ones(len(cols), dtype=np.float32)
    return csr_matrix((data, (rows, cols)), shape=(len(y), 1 << BITS)), np.array(y)


def fit(x: csr_matrix, y: np.ndarray, alpha: float, vocab: frozenset[str]) -> LineModel:
    """Logistic regression by averaged SGD (as good as an exact solver here, and fast enough to
    cross-validate on a shared 2-core machine)."""
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=10, tol=None, average=True, random_state=0)
    clf.fit(x, y)
    weights = clf.coef_[0]
    nz = np.flatnonzero(np.abs(weights) > 1e-6)
    return LineModel(nz.astype(np.int32), weights[nz].astype(np.float32), float(clf.intercept_[0]), 0.0, 0.0,
                     vocab=vocab)


def log_odds(model: LineModel, doc: Doc) -> list[float]:
    table = model.table
    return [model.intercept + sum(table.get(b, 0.0) for b in feats) for feats in buckets(doc, model.vocab)]


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
    ap.add_argument("--min-sites", type=int, default=MIN_SITES,
                    help="a vocabulary word must occur on this many training sites (0: no vocabulary features)")
    ap.add_argument("--cache", type=Path, help="pickle of the rendered, labelled pages (built when missing)")
    ap.add_argument("--no-write", action="store_true", help="report the cross-validated figures only")
    ap.add_argument("--model", type=Path, default=MODEL_PATH, help="where to write the model")
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        docs = pickle.loads(args.cache.read_bytes())
    else:
        docs = build(args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(docs))
    groups = [d.domain for d in docs]
    fold_models: dict[str, LineModel] = {}
    folds = list(GroupKFold(args.folds).split(docs, groups=groups))
    for k, (train, test) in enumerate(folds):
        vocab = vocabulary(docs, train, args.min_sites) if args.min_sites else frozenset()
        model = fit(*matrix(docs, train, vocab), args.alpha, vocab)
        fold_models.update({docs[i].id: model for i in test})
        print(f"fold {k + 1}/{args.folds}: {len(train)} train pages, {len(test)} held out", flush=True)
    odds = {d.id: log_odds(fold_models[d.id], d) for d in docs}
    grid = [(s, b) for s in (0.5, 1.0, 2.0) for b in (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0)]
    scored = {sb: [doc_scores(d, odds[d.id], *sb) for d in docs] for sb in grid}
    for sb, rows in sorted(scored.items()):
        lf1, wf1 = pooled(rows)
        print(f"switch {sb[0]:.1f} bias {sb[1]:+.1f}: line F1 {lf1:.3f} word F1 {wf1:.3f}")
    tuned: dict[str, LineModel] = {}
    for train, test in folds:  # each fold's settings are chosen on the other folds' held-out pages
        switch, bias = choose_settings(scored, train)
        print(f"fold settings: switch {switch} bias {bias}")
        m = fold_models[docs[test[0]].id]
        model = LineModel(m.indices, m.weights, m.intercept, switch, bias, vocab=m.vocab)  # one per fold
        tuned.update({docs[i].id: model for i in test})
    switch, bias = choose_settings(scored, np.arange(len(docs)))
    print(f"chosen switch {switch} bias {bias}")
    for subset, row in benchmark_scores(docs, tuned).items():
        print(f"cross-validated ({args.folds} folds by site), {subset}: "
              + ", ".join(f"{k} {v:.3f}" for k, v in row.items()), flush=True)
    if not args.no_write:
        everything = np.arange(len(docs))
        vocab = vocabulary(docs, everything, args.min_sites) if args.min_sites else frozenset()
        final = fit(*matrix(docs, everything, vocab), args.alpha, vocab)
        LineModel(final.indices, final.weights, final.intercept, switch, bias, vocab=vocab).save(args.model)
        print(f"wrote {args.model} ({len(final.indices)} weights, {len(vocab)} vocabulary words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
