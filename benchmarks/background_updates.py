"""Can a background summary be told which earlier *updates* to draw on? An update-level ranker, held out by event.

Why: the twentieth pass found that the summariser, told only which source updates the greedy ROUGE-1
oracle draws on (``background_prior.oracle_labels``), already passes the humans on ROUGE-1. This script
asks whether those updates can be predicted without the references. It (1) labels each update of each
step 1 when the oracle takes a sentence from it (the opening sentence is not a label); (2) builds
surface features of each update, standardised within the step; (3) prints each feature's AUC against
the labels; (4) fits a logistic ranker with each train event held out in turn and prints its AUC; and
(5) scores the unchanged summariser steered by a ranker, two ways: the ranker's score added to the
relevance of the update's sentences (``prior κ``), or sentences of the opening and the ranker's top
``k`` updates taken first, others only once those are spent (``top k``). Besides the held-out ranker
it steers with the oracle's own labels (the ceiling) and with those labels plus Gaussian noise tuned
to an AUC of about 0.7, 0.8 and 0.9, which shows how good a ranker must be before it helps. Last, (6)
it asks how well the two reference annotators agree on which updates they draw on, and how well the
ranker finds them (:func:`reference_auc`): no ranker can be expected to beat the other annotator.

Steps with fewer than four updates are left out of the AUCs, and so is the first update (always drawn
on through the opening sentence). ``--dev`` adds dev, with the ranker fitted on all of train.

    PYTHONPATH=src .venv/bin/python benchmarks/background_updates.py [--dev] [--top 6] [--kappa 0.1,0.3]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import statistics
import sys
import zlib
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from background import _SCORER, DATA, Step, load_event, score, splits
from background_prior import Problem, S, oracle_labels, problem
from newsdesk.brief.sentence_prior import standardised
from newsdesk.brief.sentences import split_sentences

#: Words that might mark a milestone rather than a day's incident (rates per sentence of the update).
LEXICONS = {
    "violence": r"\b(?:kill\w*|died|dies|dead|deaths?|bomb\w*|attack\w*|wounded|injured)\b",
    "decision": r"\b(?:agree\w*|sign\w*|approv\w*|pass(?:es|ed)|vote[sd]?|announc\w*|declar\w*|launch\w*|"
    r"appoint\w*|elect\w*|resign\w*|arrest\w*|charg\w*|sentenc\w*)\b",
    "superlative": r"\b(?:first|largest|biggest|worst|record|historic|unprecedented)\b",
    "numbers": r"\d[\d,.]*",
}

#: Noise levels added to the oracle's 0/1 labels: the AUC of label + σ·N(0, 1) is Φ(1 / (σ√2)).
NOISE = {
    "oracle + noise (AUC ≈ 0.7)": 1.35,
    "oracle + noise (AUC ≈ 0.8)": 0.84,
    "oracle + noise (AUC ≈ 0.9)": 0.55,
}


@dataclasses.dataclass(frozen=True)
class UpdateStep:
    """One step: its candidates (``background_prior.Problem``), the summariser's relevance, per-update data."""

    problem: Problem
    n_docs: int
    relevance: np.ndarray  # the shipped relevance, learned sentence prior included
    ranks: np.ndarray  # each candidate's update
    features: dict[str, np.ndarray]  # one value per update
    labels: np.ndarray  # 1 where the oracle takes a sentence from the update


def _per_update(values: np.ndarray, ranks: np.ndarray, n_docs: int, how: Callable) -> np.ndarray:
    return np.array([how(values[ranks == k]) if (ranks == k).any() else 0.0 for k in range(n_docs)])


def update_features(
    p: Problem, n_docs: int, ranks: np.ndarray, relevance: np.ndarray
) -> dict[str, np.ndarray]:
    """Surface features of each update, from the updates before the step only (no reference is read)."""
    membership = np.zeros((n_docs, len(ranks)))
    membership[ranks, np.arange(len(ranks))] = 1.0
    vectors = membership @ p.matrix.toarray()
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    cosine = vectors @ vectors.T
    centre = vectors.mean(axis=0)
    weight, facts = p.table
    fact_weight = np.array([sum(weight.get(f, 0.0) for f in unit) for unit in facts])
    update_facts = [set().union(*(facts[i] for i in np.flatnonzero(ranks == k))) for k in range(n_docs)]
    first_seen: dict[str, int] = {}
    for k, found in enumerate(update_facts):
        for fact in found:
            first_seen.setdefault(fact, k)
    new = [{f for f in found if first_seen[f] == k} for k, found in enumerate(update_facts)]
    sentences = np.bincount(ranks, minlength=n_docs).astype(float)
    texts = [" ".join(p.units[i].text for i in np.flatnonzero(ranks == k)) for k in range(n_docs)]
    order = np.arange(n_docs)
    features = {
        "age": np.log1p(n_docs - 1 - order),
        "words": np.log1p(np.bincount(ranks, weights=[u.words for u in p.units], minlength=n_docs)),
        "sentences": sentences,
        "best relevance": _per_update(relevance, ranks, n_docs, np.max),
        "best fact weight": _per_update(fact_weight, ranks, n_docs, np.max),
        "fact weight": np.log1p([sum(weight.get(f, 0.0) for f in found) for found in update_facts]),
        "new key facts": np.log1p([len(found) for found in new]),
        "new facts restated later": np.array(
            [
                np.mean([bool(new[k] & update_facts[j]) for j in range(k + 1, n_docs)])
                if new[k] and k < n_docs - 1
                else 0.0
                for k in order
            ]
        ),
        "cosine to the centroid": vectors @ centre,
        "cosine to earlier updates": np.array([cosine[k, :k].mean() if k else 0.0 for k in order]),
        "cosine to later updates": np.array(
            [cosine[k, k + 1 :].mean() if k < n_docs - 1 else 0.0 for k in order]
        ),
    }
    for name, pattern in LEXICONS.items():
        counts = [len(re.findall(pattern, text, flags=re.IGNORECASE)) for text in texts]
        features[f"'{name}' words"] = np.array(counts) / np.maximum(sentences, 1.0)
    return features


def update_step(step: Step) -> UpdateStep:
    """One step's candidates as the summariser builds them, its update features and the oracle's update labels."""
    p = problem(step)
    n_docs = sum(1 for _, text in step.updates if text and text.strip())
    ranks = np.array([u.doc_rank for u in p.units])
    relevance = S.relevance_scores(list(p.units), p.matrix, n_docs, S.DEFAULT_WEIGHTS, p.table)
    labels = np.zeros(n_docs)
    labels[np.unique(ranks[oracle_labels(p) == 1])] = 1.0
    return UpdateStep(p, n_docs, relevance, ranks, update_features(p, n_docs, ranks, relevance), labels)


def matrix(s: UpdateStep) -> np.ndarray:
    """The features in name order, standardised within the step (a long story and a short one weigh alike)."""
    return standardised(np.column_stack([s.features[name] for name in sorted(s.features)]))


def mean_auc(steps: Sequence[UpdateStep], scores: Callable[[UpdateStep], np.ndarray]) -> float:
    """Mean over steps of the AUC of ``scores`` against the labels (updates after the first)."""
    values = []
    for s in steps:
        labels = s.labels[1:]
        if s.n_docs >= 4 and 0 < labels.sum() < len(labels):
            values.append(roc_auc_score(labels, scores(s)[1:]))
    return statistics.mean(values)


def fit(steps: Sequence[UpdateStep]) -> LogisticRegression:
    """A strongly regularised logistic ranker (the first update, always drawn on, left out)."""
    x = np.vstack([matrix(s)[1:] for s in steps])
    y = np.concatenate([s.labels[1:] for s in steps])
    return LogisticRegression(C=0.01, max_iter=3000).fit(x, y)


def choose(s: UpdateStep, update_score: np.ndarray | None, kappa: float, top: int | None) -> list[int]:
    """The shipped greedy choice (in the order taken), its relevance shifted by ``kappa`` × the update's
    standardised score; with ``top``, sentences of the opening and the ``top`` best-scored updates come
    first, and others only once those are spent (their relevance is lowered by 100)."""
    relevance = s.relevance
    if update_score is not None:
        shift = standardised(np.asarray(update_score, dtype=float))
        relevance = relevance + kappa * shift[s.ranks]
        if top is not None and s.n_docs > top + 1:
            kept = np.append(np.argsort(-shift[1:], kind="stable")[:top] + 1, 0)
            relevance = np.where(np.isin(s.ranks, kept), relevance, relevance - 100.0)
    units = list(s.problem.units)
    return S._fact_aware(
        units, s.problem.table, s.problem.matrix, relevance, s.problem.budget, S.DEFAULT_WEIGHTS
    )


def summary(s: UpdateStep, update_score: np.ndarray | None, kappa: float, top: int | None) -> str:
    """The chosen sentences in reading order, printed as the summariser prints them."""
    units = list(s.problem.units)
    chosen = sorted(choose(s, update_score, kappa, top), key=lambda i: (units[i].doc_rank, units[i].position))
    return " ".join(c.printed for c in S._with_datelines([units[i] for i in chosen], S.DEFAULT_WEIGHTS.tense))


def row(name: str, steps: Sequence[UpdateStep], scorer, kappa: float = 0.0, top: int | None = None) -> str:
    rows = [
        score(summary(s, None if scorer is None else scorer(s), kappa, top), s.problem.refs) for s in steps
    ]
    figures = " / ".join(f"{statistics.mean(r[k] for r in rows):.4f}" for k in ("rouge1", "rouge2", "rougeL"))
    return f"| {name} | {figures} / {100 * statistics.mean(r['facts'] for r in rows):.1f} % |"


def noisy(sigma: float) -> Callable[[UpdateStep], np.ndarray]:
    def scorer(s: UpdateStep) -> np.ndarray:
        seed = zlib.crc32(f"{s.problem.event} {s.n_docs}".encode())
        return s.labels + sigma * np.random.default_rng(seed).standard_normal(s.n_docs)

    return scorer


def _content(text: str) -> set[str]:
    return {w for w in _SCORER._tokenizer.tokenize(text) if w not in ENGLISH_STOP_WORDS}


def reference_use(s: UpdateStep, reference: str, share: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    """Which updates one reference draws on: (1 where a reference sentence's best-matching candidate
    lies, when that candidate holds at least ``share`` of the sentence's content words; the best such
    share over the reference's sentences)."""
    candidates = [_content(u.text) for u in s.problem.units]
    aligned, coverage = np.zeros(s.n_docs), np.zeros(s.n_docs)
    for sentence in split_sentences(reference):
        words = _content(sentence)
        if len(words) < 3:
            continue
        overlap = np.array([len(words & c) / len(words) for c in candidates])
        if overlap.max() >= share:
            aligned[s.ranks[int(np.argmax(overlap))]] = 1.0
        coverage = np.maximum(coverage, _per_update(overlap, s.ranks, s.n_docs, np.max))
    return aligned, coverage


def reference_auc(
    steps: Sequence[UpdateStep], scorer: Callable[[UpdateStep], np.ndarray] | None = None
) -> float:
    """Mean AUC against the updates each reference draws on, scored by ``scorer`` or, when none is
    given, by the *other* reference's coverage (both ways round).

    Why: a ranker of updates cannot be expected to agree with one annotator better than the other
    annotator does."""
    values = []
    for s in steps:
        if s.n_docs < 4 or len(s.problem.refs) < 2:
            continue
        (aligned_a, cover_a), (aligned_b, cover_b) = (reference_use(s, r) for r in s.problem.refs[:2])
        for aligned, coverage in ((aligned_b, cover_a), (aligned_a, cover_b)):
            if 0 < aligned[1:].sum() < s.n_docs - 1:
                values.append(roc_auc_score(aligned[1:], (coverage if scorer is None else scorer(s))[1:]))
    return statistics.mean(values)


def report(split: str, steps: Sequence[UpdateStep], ranker, kappas: Sequence[float], top: int) -> None:
    print(f"\n{split}: AUC of each feature (mean over steps)\n")
    names = sorted(steps[0].features)
    print(" | ".join(f"{name} {mean_auc(steps, lambda s, n=name: s.features[n]):.2f}" for name in names))
    print(
        "\nAUC against the updates a reference draws on: the other reference "
        f"{reference_auc(steps):.3f}, the ranker {reference_auc(steps, ranker):.3f}"
    )
    print(f"\n| {split} | R-1 / R-2 / R-L / key facts |\n|---|---|")
    print(row("shipped", steps, None), flush=True)
    scorers = {"ranker": ranker, "oracle's updates": lambda s: s.labels}
    scorers.update({name: noisy(sigma) for name, sigma in NOISE.items()})
    for name, scorer in scorers.items():
        auc = mean_auc(steps, scorer)
        for kappa in kappas:
            print(row(f"{name} (AUC {auc:.2f}), prior κ {kappa:g}", steps, scorer, kappa), flush=True)
        print(row(f"{name} (AUC {auc:.2f}), top {top}", steps, scorer, 0.0, top), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", action="store_true", help="also score dev with the all-of-train ranker")
    parser.add_argument("--top", type=int, default=6, help="updates kept by the top-k rows")
    parser.add_argument("--kappa", default="0.1,0.3", help="weights of the update score in the relevance")
    args = parser.parse_args(argv)
    kappas = [float(v) for v in args.kappa.split(",")]
    events = splits()["train"]
    train = [update_step(step) for event in events for step in load_event(DATA / event)]
    held_out = {e: fit([s for s in train if s.problem.event != e]) for e in events}
    print(
        "held-out ranker AUC by event:",
        ", ".join(
            f"{e} {mean_auc([s for s in train if s.problem.event == e], lambda s: held_out[s.problem.event].decision_function(matrix(s))):.3f}"
            for e in events
        ),
    )
    report(
        "train, ranker held out by event",
        train,
        lambda s: held_out[s.problem.event].decision_function(matrix(s)),
        kappas,
        args.top,
    )
    if args.dev:
        full = fit(train)
        dev = [update_step(step) for event in splits()["dev"] for step in load_event(DATA / event)]
        report(
            "dev, ranker fitted on all of train",
            dev,
            lambda s: full.decision_function(matrix(s)),
            kappas,
            args.top,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
