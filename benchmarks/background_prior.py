"""Fit and check the learned sentence prior of the background summariser (``sentence_prior.py``).

Why: the hand-set relevance spends about two sentences of each background on the latest update; a
greedy oracle that knows the human backgrounds spends about half of one and reaches further back.
This script (1) labels every candidate of every train step with that oracle, (2) fits a logistic model
on ten within-summary standardised features (:data:`newsdesk.brief.sentence_prior.FEATURES`),
(3) scores the summariser with the prior added at each weight of a small grid, the model fitted with
each train event held out in turn (leave-one-event-out: the figure to choose on), and (4) prints the
weights fitted on all of train, which ``sentence_prior.PRIOR_WEIGHTS`` holds (rounded to 4 places).

Oracle: starting from the forced opening sentence, add the candidate (printed in the past tense, as
the summariser prints it) that most raises ROUGE-1 F1 against annotators 2 and 3 while it fits the
word budget; stop when none raises it. The opening sentence itself is not a label (it is always
chosen). ``--dev`` also scores dev with the all-of-train model: report it once, for the shipped weight.

    PYTHONPATH=src .venv/bin/python benchmarks/background_prior.py [--grid 0.03,0.05,0.1] [--dev]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import importlib
import statistics
import sys
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from background import _SCORER, DATA, Step, load_event, references, score, splits
from newsdesk.brief.sentence_prior import FEATURES, Candidate, prior_features, standardised
from newsdesk.brief.tense import past_tense

S = importlib.import_module("newsdesk.brief.summarize")
OFF = dataclasses.replace(S.DEFAULT_WEIGHTS, prior=0.0)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One step's candidates, budget, hand-set relevance and prior features, as ``select`` builds them."""

    event: str
    refs: tuple[str, ...]
    table: tuple
    units: tuple
    budget: int
    matrix: object
    relevance: np.ndarray
    features: np.ndarray


def problem(step: Step) -> Problem:
    docs = [S.SumDoc(id=str(i), text=text, date=date) for i, (date, text) in enumerate(step.updates)]
    ordered = S._ordered_docs([d for d in docs if d.text and d.text.strip()])
    units = S._units(ordered, OFF)
    matrix = S.tfidf_matrix([u.text for u in units])
    table = S.fact_table(units, ordered, OFF)
    relevance = S.relevance_scores(units, matrix, len(ordered), OFF)
    central = S._normalised(S.centrality(matrix))
    weight, facts = table
    features = prior_features(
        [Candidate(u.text, u.doc_rank, u.position, u.words) for u in units],
        len(ordered),
        central,
        relevance,
        [sum(weight.get(f, 0.0) for f in unit) for unit in facts],
        [len(unit) for unit in facts],
    )
    budget = S.word_budget(ordered, 150, OFF)
    return Problem(
        step.event, tuple(references(step)), table, tuple(units), budget, matrix, relevance, features
    )


@functools.cache
def _tokens(text: str) -> Counter:
    return Counter(_SCORER._tokenizer.tokenize(past_tense(text).text))


def _rouge1(tokens: Counter, refs: Sequence[Counter]) -> float:
    total = 0.0
    size = sum(tokens.values())
    for ref in refs:
        match = sum((tokens & ref).values())
        if match:
            precision, recall = match / size, match / sum(ref.values())
            total += 2 * precision * recall / (precision + recall)
    return total / len(refs)


def oracle_labels(p: Problem) -> np.ndarray:
    """1 for each candidate the greedy ROUGE-1 oracle adds after the forced opening sentence."""
    refs = [Counter(_SCORER._tokenizer.tokenize(r)) for r in p.refs]
    chosen = [0] if p.units[0].words <= p.budget else []
    have = sum((_tokens(p.units[i].text) for i in chosen), Counter())
    used = sum(p.units[i].words for i in chosen)
    current = _rouge1(have, refs)
    while True:
        gains = [
            (_rouge1(have + _tokens(u.text), refs), i)
            for i, u in enumerate(p.units)
            if i not in chosen and used + u.words <= p.budget
        ]
        best = max(gains, key=lambda gain: (gain[0], -gain[1]), default=(current, -1))
        if best[0] <= current:
            break
        current, index = best
        chosen.append(index)
        have += _tokens(p.units[index].text)
        used += p.units[index].words
    labels = np.zeros(len(p.units))
    labels[chosen[1:] if chosen and chosen[0] == 0 else chosen] = 1
    return labels


def fit(problems: Sequence[Problem], labels: Sequence[np.ndarray]) -> np.ndarray:
    """Logistic-regression weights on within-step standardised features (the opening sentence left out)."""
    x = np.vstack([standardised(p.features)[1:] for p in problems])
    y = np.concatenate([lab[1:] for lab in labels])
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=1.0, max_iter=3000).fit(scaler.transform(x), y)
    return model.coef_[0] / scaler.scale_


def summary(p: Problem, weights: np.ndarray, share: float) -> str:
    relevance = p.relevance + share * S.sentence_prior(p.features, weights) if share else p.relevance
    chosen = S._fact_aware(list(p.units), p.table, p.matrix, relevance, p.budget, OFF)
    chosen.sort(key=lambda i: (p.units[i].doc_rank, p.units[i].position))
    return " ".join(c.printed for c in S._with_datelines([p.units[i] for i in chosen], OFF.tense))


def table_row(name: str, setting: str, rows: Sequence[dict]) -> str:
    """One Markdown row: mean ROUGE-1 / -2 / -L and key facts of scored summaries."""
    figures = " / ".join(f"{statistics.mean(r[k] for r in rows):.4f}" for k in ("rouge1", "rouge2", "rougeL"))
    facts = 100 * statistics.mean(r["facts"] for r in rows)
    return f"| {name} | {setting} | {figures} / {facts:.1f} % |"


def report(name: str, problems: Sequence[Problem], model_of, share: float) -> None:
    rows = [score(summary(p, model_of(p), share), p.refs) for p in problems]
    print(table_row(name, f"{share:g}", rows), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", default="0.03,0.05,0.1", help="weights of the prior in the relevance")
    parser.add_argument("--dev", action="store_true", help="also score dev with the all-of-train model")
    args = parser.parse_args(argv)
    events = splits()["train"]
    train = [problem(s) for e in events for s in load_event(DATA / e)]
    labels = [oracle_labels(p) for p in train]
    held_out = {
        e: fit(
            [p for p in train if p.event != e],
            [lab for p, lab in zip(train, labels, strict=True) if p.event != e],
        )
        for e in events
    }
    full = fit(train, labels)
    print(
        "weights fitted on all of train:",
        ", ".join(f"{n} {w:+.4f}" for n, w in zip(FEATURES, full, strict=True)),
    )
    print("\n| split | prior weight | R-1 / R-2 / R-L / key facts |\n|---|---|---|")
    report("train, no prior", train, lambda p: full, 0.0)
    for share in (float(v) for v in args.grid.split(",")):
        report("train, leave-one-event-out", train, lambda p: held_out[p.event], share)
    if args.dev:
        dev = [problem(s) for e in splits()["dev"] for s in load_event(DATA / e)]
        report("dev, no prior", dev, lambda p: full, 0.0)
        report("dev, all-of-train model", dev, lambda p: full, S.DEFAULT_WEIGHTS.prior)
    return 0


if __name__ == "__main__":
    sys.exit(main())
