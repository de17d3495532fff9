"""Train the plain-text cleaner's line model on WCXB dev pages rendered as text, cross-validated by site.

Each WCXB dev page is rendered to the text a browser copy-paste gives (``render_text`` of
``benchmarks/extraction.py``), its lines labelled by the ground truth (``label_lines``, also from there: ``line_label``, then
surplus copies of a repeated line dropped), and described by
:func:`newsdesk.extract.text.line_features_of`, plus its vocabulary features
(:func:`newsdesk.extract.lines.vocabulary_features`: the line's words among those found on at least
``--min-sites`` different training sites, and on short lines their pairs; the vocabulary of each
fold comes from its training pages only, and ships with the model).
A logistic regression over the hashed features gives each line a keep log-odds; a Viterbi pass
smooths them with a switch penalty and a gap cost (each dropped line inside the article's stretch,
``--gaps``), and a bias moves the precision/recall balance.

Page kinds (``--kinds``): a page-level classifier of the seven WCXB types
(:class:`newsdesk.extract.lines.PageKinds`) predicts each page's kind, which is crossed with the
lines' shapes (:func:`newsdesk.extract.lines.kind_features`); the line model learns from the kinds
predicted for its training pages by inner folds (grouped by site, so a page's kind comes from a
classifier that did not see its site, as at run time), and the switch and bias may be chosen per
predicted kind.

Folds are grouped by site (GroupKFold over the page's domain). The weights are fitted on the
training folds only; the switch penalty, bias and gap cost (three scalars, or three per page kind
with ``--kind-settings``) of each fold are picked on the other folds' out-of-fold predictions (and for
the shipped model, on all of them). The reported
figures are the held-out ones, computed exactly as the benchmark does (``clean_scrape`` with the
fold's model on each held-out page). The shipped model (``data/models/text_lines.npz``) is then
fitted on all pages with the chosen settings.

    .venv/bin/python scripts/train_text_lines.py [--limit N] [--folds 5] [--min-sites 20] [--cache /tmp/text-lines.pkl]
        [--kinds] [--kind-settings] [--gaps 0,0.6] [--run-folds 2]
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import statistics
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")
#: A vocabulary word must occur on this many training sites (of ~1,000; see ``vocabulary``).
MIN_SITES = 20
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import DATA, label_lines, load_wcxb, render_text  # noqa: E402
from newsdesk.extract.blocks import hash_feature  # noqa: E402
from newsdesk.extract.lines import (  # noqa: E402
    BITS,
    MODEL_PATH,
    LineModel,
    PageKinds,
    kind_features,
    page_features,
    stack_features,
    viterbi,
    vocabulary_features,
)
from newsdesk.extract.mainbody import normalised  # noqa: E402
from newsdesk.extract.scoring import bow_f1  # noqa: E402
from newsdesk.extract.text import clean_scrape, line_features_of, prose_span, scrape_lines  # noqa: E402

#: Fewer pages than this of one predicted kind among the training pages: that kind keeps the global settings.
MIN_KIND_PAGES = 40
#: Gap costs tried (0: plain two-state smoothing); see ``newsdesk.extract.lines.viterbi``.
GAPS = (0.0, 0.6)
Setting = tuple[float, float, float]  # (switch, bias, gap)


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


@dataclass(frozen=True)
class View:
    """What the kind features and the page classifier need of a page, computed once: its scrape
    lines' texts, the longest prose run and its lower-cased words."""

    texts: tuple[str, ...]
    span: tuple[int, int] | None
    words: frozenset[str]


def view(doc: Doc) -> View:
    lines = scrape_lines("\n".join(doc.lines))
    texts = tuple(line.text for line in lines)
    return View(texts, prose_span(lines), frozenset(w.lower() for t in texts for w in WORD.findall(t)))


def vocabulary(docs: list[Doc], pages: np.ndarray, min_sites: int, views: list[View]) -> frozenset[str]:
    """Words (lower-cased) that occur on at least ``min_sites`` different sites among ``pages``:
    common enough to say what kind of line holds them, too common to name one site."""
    sites: dict[str, set[str]] = {}
    for i in pages:
        for word in views[i].words:
            sites.setdefault(word, set()).add(docs[i].domain)
    return frozenset(w for w, found in sites.items() if len(found) >= min_sites)


def buckets(doc: Doc, vocab: frozenset[str], page: View | None = None, kind: str | None = None) -> list[set[int]]:
    """Per scrape line, its hashed features: the cached ones plus its vocabulary features (the
    scrape line's text is its rendered lines joined by a space, as ``scrape_lines`` joins them)
    and, given the page's kind, the kind features."""
    out = [set(feats) for feats in doc.features]
    if vocab:
        for found, sources in zip(out, doc.sources, strict=True):
            found |= {hash_feature(f, BITS) for f in vocabulary_features(" ".join(doc.lines[n] for n in sources), vocab)}
    if kind is not None and page is not None:
        for found, crossed in zip(out, kind_features(list(page.texts), page.span, kind), strict=True):
            found |= {hash_feature(f, BITS) for f in crossed}
    return out


@dataclass(frozen=True)
class Features:
    """Every page's scrape lines as one binary matrix (one vocabulary, one kind per page), with each
    page's rows, so that a fold and its inner folds fit and score from it without hashing again.
    A scrape line is labelled content when any of its rendered lines is gold."""

    x: csr_matrix
    y: np.ndarray
    starts: np.ndarray  # page i's rows are starts[i]:starts[i + 1]

    def rows(self, pages: np.ndarray) -> np.ndarray:
        return np.concatenate([np.arange(self.starts[i], self.starts[i + 1]) for i in pages])

    def fit(self, pages: np.ndarray, alpha: float, vocab: frozenset[str]) -> LineModel:
        rows = self.rows(pages)
        return fit(self.x[rows], self.y[rows], alpha, vocab)

    def odds(self, model: LineModel, pages: np.ndarray) -> dict[int, list[float]]:
        """The model's (first-stage) log-odds of each line of these pages."""
        weights = np.zeros(self.x.shape[1])
        weights[model.indices] = model.weights
        z = self.x[self.rows(pages)] @ weights + model.intercept
        out, at = {}, 0
        for i in pages:
            n = int(self.starts[i + 1] - self.starts[i])
            out[int(i)], at = z[at : at + n].tolist(), at + n
        return out


def features(docs: list[Doc], vocab: frozenset[str], views: list[View], kinds: dict[int, str]) -> Features:
    """The :class:`Features` of all pages; ``kinds``: each page's kind to cross with (none: no kind features)."""
    rows, cols, y, starts = [], [], [], [0]
    for d, doc in enumerate(docs):
        for sources, feats in zip(doc.sources, buckets(doc, vocab, views[d], kinds.get(d)), strict=True):
            rows.extend([len(y)] * len(feats))
            cols.extend(feats)
            y.append(any(doc.labels[n] for n in sources))
        starts.append(len(y))
    data = np.ones(len(cols), dtype=np.float32)
    return Features(csr_matrix((data, (rows, cols)), shape=(len(y), 1 << BITS)), np.array(y), np.array(starts))


def true_kinds(docs: list[Doc]) -> list[str]:
    """Each page's WCXB type (its primary page type in the ground truth)."""
    folder = DATA / "wcxb-dev" / "ground-truth"
    return [json.loads((folder / f"{doc.id}.json").read_text(encoding="utf-8"))["_internal"]["page_type"]["primary"]
            for doc in docs]


def fit_kinds(pages: np.ndarray, views: list[View], kinds: list[str], vocab: frozenset[str]) -> PageKinds:
    """The page-kind classifier (multinomial logistic regression) fitted on some pages."""
    rows, cols = [], []
    for r, i in enumerate(pages):
        found = {hash_feature(f, BITS) for f in page_features(list(views[i].texts), vocab)}
        rows.extend([r] * len(found))
        cols.extend(found)
    used, columns = np.unique(np.array(cols, dtype=np.int64), return_inverse=True)  # only the buckets seen
    x = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, columns)), shape=(len(pages), len(used)))
    clf = LogisticRegression(C=1.0, max_iter=300).fit(x, [kinds[i] for i in pages])
    return PageKinds(tuple(clf.classes_), used.astype(np.int32), clf.coef_.T.astype(np.float32),
                     clf.intercept_.astype(np.float64))


def inner_kinds(docs: list[Doc], pages: np.ndarray, views: list[View], kinds: list[str],
                min_sites: int) -> dict[int, str]:
    """Predicted kinds of some (training) pages, each from a classifier fitted on the others' sites
    (4 inner folds by site), so the line model learns from kinds as wrong as at run time."""
    out: dict[int, str] = {}
    for inner_train, inner_test in GroupKFold(4).split(pages, groups=[docs[i].domain for i in pages]):
        vocab = vocabulary(docs, pages[inner_train], min_sites, views)
        classifier = fit_kinds(pages[inner_train], views, kinds, vocab)
        out.update({int(i): classifier.predict(list(views[i].texts), vocab) for i in pages[inner_test]})
    return out


def fit(x: csr_matrix, y: np.ndarray, alpha: float, vocab: frozenset[str]) -> LineModel:
    """Logistic regression by averaged SGD (as good as an exact solver here, and fast enough to
    cross-validate on a shared 2-core machine)."""
    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=10, tol=None, average=True, random_state=0)
    clf.fit(x, y)
    weights = clf.coef_[0]
    nz = np.flatnonzero(np.abs(weights) > 1e-6)
    return LineModel(nz.astype(np.int32), weights[nz].astype(np.float32), float(clf.intercept_[0]), 0.0, 0.0,
                     vocab=vocab)


def line_labels(doc: Doc) -> list[bool]:
    """Per scrape line: kept when any of its rendered lines is gold."""
    return [any(doc.labels[n] for n in sources) for sources in doc.sources]


def inner_odds(docs: list[Doc], pages: np.ndarray, feats: Features, alpha: float,
               vocab: frozenset[str]) -> dict[int, list[float]]:
    """First-stage log-odds of some (training) pages, each from a model fitted on the others' sites
    (4 inner folds by site; the outer fold's vocabulary, which holds no labels)."""
    odds: dict[int, list[float]] = {}
    for inner_train, inner_test in GroupKFold(4).split(pages, groups=[docs[i].domain for i in pages]):
        odds.update(feats.odds(feats.fit(pages[inner_train], alpha, vocab), pages[inner_test]))
    return odds


def stacked(stack: LineModel, odds: list[float], page: View, kind: str | None) -> list[float]:
    return stack.log_odds(stack_features(odds, list(page.texts), kind))


def fit_stack(docs: list[Doc], pages: np.ndarray, views: list[View], kinds: dict[int, str],
              odds: dict[int, list[float]], alpha: float) -> LineModel:
    """The second stage, fitted on first-stage log-odds that are out-of-fold for every page, so it
    learns how far first-stage odds are to be trusted on pages their model did not see, as on a
    new page."""
    rows, cols, y = [], [], []
    for i in pages:
        for feats, label in zip(stack_features(odds[int(i)], list(views[i].texts), kinds.get(int(i))),
                                line_labels(docs[i]), strict=True):
            found = {hash_feature(f, BITS) for f in feats}
            rows.extend([len(y)] * len(found))
            cols.extend(found)
            y.append(label)
    x = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(y), 1 << BITS))
    return fit(x, np.array(y), alpha, frozenset())


def doc_scores(doc: Doc, odds: list[float], setting: Setting) -> tuple[int, int, int, float]:
    """(true positives, kept lines, gold lines, word F1) of one page's smoothed decisions, without
    the cleaner's filters."""
    switch, bias, gap = setting
    keep = viterbi([z + bias for z in odds], switch, gap)
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


def choose_settings(scored: dict[Setting, list[tuple[int, int, int, float]]], pages: np.ndarray) -> Setting:
    """The (switch, bias, gap) with the best line F1 + word F1 over the given pages (held-out odds)."""
    return max(scored, key=lambda sb: sum(pooled([scored[sb][i] for i in pages])))


def choose_kind_settings(scored: dict[Setting, list[tuple[int, int, int, float]]], pages: np.ndarray,
                         predicted: dict[int, str]) -> dict[str, Setting]:
    """Per predicted page kind with enough pages among ``pages``, its own best (switch, bias, gap)."""
    by_kind: dict[str, list[int]] = {}
    for i in pages:
        by_kind.setdefault(predicted[int(i)], []).append(int(i))
    return {kind: choose_settings(scored, np.array(found)) for kind, found in by_kind.items()
            if len(found) >= MIN_KIND_PAGES}


def benchmark_scores(docs: list[Doc], models: dict[str, LineModel],
                     kinds: list[str] | None = None) -> dict[str, dict[str, float]]:
    """The benchmark's figures (``score_scrapes``), each page cleaned by the model that did not see it;
    given the pages' true kinds, also per kind (where the errors are)."""
    per_doc = []  # (subset names, true positives, kept lines, gold lines, word F1)
    for d, doc in enumerate(docs):
        result = clean_scrape("\n".join(doc.lines), model=models[doc.id])
        chosen_lines = set(result.kept_lines)
        kept = [i in chosen_lines and normalised(line) != "  " for i, line in enumerate(doc.lines)]
        tp = sum(k and y for k, y in zip(kept, doc.labels, strict=True))
        subsets = {"all", *(["articles"] if doc.article else []), *([f"kind {kinds[d]}"] if kinds else [])}
        per_doc.append((subsets, tp, sum(kept), sum(doc.labels), bow_f1("\n".join(result.paragraphs), doc.body)))
    rows = {}
    for subset in ("all", "articles", *sorted({f"kind {k}" for k in kinds or []})):
        chosen = [d for d in per_doc if subset in d[0]]
        tp, kept_n, gold_n = (sum(d[k] for d in chosen) for k in (1, 2, 3))
        p, r = tp / max(kept_n, 1), tp / max(gold_n, 1)
        rows[subset] = {"line P": p, "line R": r, "line F1": 2 * p * r / max(p + r, 1e-9),
                        "word F1": statistics.fmean(d[4] for d in chosen)}
    return rows


def settle(docs: list[Doc], odds: dict[int, list[float]], folds: list[tuple[np.ndarray, np.ndarray]],
           predicted: dict[int, str], per_kind: bool, name: str, gaps: tuple[float, ...] = GAPS) -> tuple[dict, dict]:
    """Score the (switch, bias, gap) grid on held-out log-odds, and choose each fold's settings on
    the other folds' pages; prints the figures before the cleaner's filters. Returns the scored
    grid and, per fold (by its first page), the chosen ((switch, bias, gap), per-kind settings)."""
    evaluated = np.sort(np.array(list(odds)))
    grid = [(s, b, g) for s in (1.0, 2.0, 3.0, 4.0) for b in np.arange(0.0, 6.01, 0.5).tolist() for g in gaps]
    scored = {sbg: {int(i): doc_scores(docs[i], odds[int(i)], sbg) for i in evaluated} for sbg in grid}
    chosen, rows, global_rows = {}, [], []
    for _, test in folds:  # each fold's settings are chosen on the other folds' held-out pages
        others = np.setdiff1d(evaluated, test)
        setting = choose_settings(scored, others)
        kinds = choose_kind_settings(scored, others, predicted) if per_kind else {}
        chosen[int(test[0])] = (setting, kinds)
        rows += [scored[kinds.get(predicted.get(int(i), ""), setting)][int(i)] for i in test]
        global_rows += [scored[setting][int(i)] for i in test]
        print(f"{name}: fold settings (switch, bias, gap) {setting}" + "".join(f"; {k} {v}" for k, v in sorted(kinds.items())))
    for settings, found in (("global", global_rows), ("per kind" if per_kind else "global", rows)):
        lf1, wf1 = pooled(found)
        print(f"{name}, held out, before the cleaner's filters, {settings} settings: line F1 {lf1:.3f} "
              f"word F1 {wf1:.3f}", flush=True)
    return scored, chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--run-folds", type=int, default=None,
                    help="evaluate only the first N folds (N >= 2; quicker, for trying things); nothing is written")
    ap.add_argument("--alpha", type=float, default=1e-5, help="L2 strength of the logistic regression")
    ap.add_argument("--min-sites", type=int, default=MIN_SITES,
                    help="a vocabulary word must occur on this many training sites (0: no vocabulary features)")
    ap.add_argument("--kinds", action="store_true", help="page-kind classifier and kind features")
    ap.add_argument("--kind-settings", action="store_true", help="switch and bias chosen per predicted page kind")
    ap.add_argument("--stack", action="store_true", help="a second stage over the first stage's log-odds")
    ap.add_argument("--gaps", default=",".join(map(str, GAPS)),
                    help="gap costs to choose from, comma-separated (0 alone: the two-state smoothing)")
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
    views = [view(doc) for doc in docs]
    kinds = true_kinds(docs) if args.kinds else None
    folds = list(GroupKFold(args.folds).split(docs, groups=[d.domain for d in docs]))[: args.run_folds]
    fold_models: dict[int, LineModel] = {}
    predicted: dict[int, str] = {}  # held-out predicted kind of each evaluated page
    first_odds: dict[int, list[float]] = {}  # held-out first-stage log-odds
    odds: dict[int, list[float]] = {}  # held-out log-odds of the model (the second stage's with --stack)
    for k, (train, test) in enumerate(folds):
        vocab = vocabulary(docs, train, args.min_sites, views) if args.min_sites else frozenset()
        classifier, train_kinds = None, {}
        if kinds is not None:
            classifier = fit_kinds(train, views, kinds, vocab)
            train_kinds = inner_kinds(docs, train, views, kinds, args.min_sites)
            predicted.update({int(i): classifier.predict(list(views[i].texts), vocab) for i in test})
        feats = features(docs, vocab, views, {**train_kinds, **{int(i): predicted[int(i)] for i in test if kinds}})
        model = replace(feats.fit(train, args.alpha, vocab), kinds=classifier)
        first_odds.update(feats.odds(model, test))
        odds.update({int(i): first_odds[int(i)] for i in test})
        if args.stack:
            stack = fit_stack(docs, train, views, train_kinds, inner_odds(docs, train, feats, args.alpha, vocab),
                              args.alpha)
            model = replace(model, stack=stack)
            odds.update({int(i): stacked(stack, first_odds[int(i)], views[i], predicted.get(int(i))) for i in test})
        fold_models.update({int(i): model for i in test})
        print(f"fold {k + 1}/{args.folds}: {len(train)} train pages, {len(test)} held out", flush=True)
    evaluated = np.sort(np.array(list(odds)))
    if kinds is not None:
        right = sum(predicted[int(i)] == kinds[i] for i in evaluated)
        print(f"page kind, held out: accuracy {right / len(evaluated):.3f}")
    gaps = tuple(float(g) for g in args.gaps.split(","))
    if args.stack:
        settle(docs, first_odds, folds, predicted, args.kind_settings, "first stage", gaps)
    scored, chosen = settle(docs, odds, folds, predicted, args.kind_settings, "model", gaps)
    tuned: dict[str, LineModel] = {}
    for _, test in folds:
        (switch, bias, gap), per_kind = chosen[int(test[0])]
        model = replace(fold_models[int(test[0])], switch=switch, bias=bias, gap=gap, kind_settings=per_kind)
        tuned.update({docs[i].id: model for i in test})
    switch, bias, gap = choose_settings(scored, evaluated)
    per_kind = choose_kind_settings(scored, evaluated, predicted) if args.kind_settings else {}
    print(f"chosen (switch, bias, gap) {(switch, bias, gap)}" + "".join(f"; {k} {v}" for k, v in sorted(per_kind.items())))
    true = [kinds[i] for i in evaluated] if kinds is not None else None
    for subset, row in benchmark_scores([docs[i] for i in evaluated], tuned, true).items():
        print(f"cross-validated ({len(folds)} of {args.folds} folds by site), {subset}: "
              + ", ".join(f"{k} {v:.3f}" for k, v in row.items()), flush=True)
    if not args.no_write and args.run_folds is None:
        everything = np.arange(len(docs))
        vocab = vocabulary(docs, everything, args.min_sites, views) if args.min_sites else frozenset()
        classifier = fit_kinds(everything, views, kinds, vocab) if kinds is not None else None
        # each page crossed with its kind from the fold classifier that did not see its site
        final = features(docs, vocab, views, predicted).fit(everything, args.alpha, vocab)
        stack = fit_stack(docs, everything, views, predicted, first_odds, args.alpha) if args.stack else None
        replace(final, switch=switch, bias=bias, gap=gap, kinds=classifier, kind_settings=per_kind,
                stack=stack).save(args.model)
        print(f"wrote {args.model} ({len(final.indices)} weights, {len(vocab)} vocabulary words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
