"""A learned greedy step for the background summariser: imitating the ROUGE oracle state by state.

Why: the shipped sentence prior (``sentence_prior.py``) scores each candidate once, before the greedy
choice starts, and reaches only about 2 % of the way from newsdesk to the greedy ROUGE oracle. This
script tests the richer picker the issue asks for: a model of the oracle's *next* pick given what the
summary already holds.

1. Roll-in: run the summariser's own greedy (``summarize.fact_select``'s gain, the prior off) on every
   train step. At each greedy state record every candidate that still fits the budget and is not a
   near-duplicate, with 28 features: the four hand-set relevance parts, the prior's ten features
   (standardised within the summary), ten more surface features (how widely its words recur across
   the updates, its cosine to the first update and to the updates' lead sentences, numbers, years,
   quotes, length, relative age, later updates' salience) and four of the state (weight and number of
   the key facts it would add, its closest cosine to a chosen sentence, the budget left after it).
2. Label: the ROUGE-1 F1 gain against annotators 2 and 3 of adding the candidate to the summary so
   far, divided by ``words ** 0.5`` (an absolute gain favours long sentences, which the budget makes
   pay twice).
3. Model: a conditional logit (softmax over the candidates of one state; the best-gain candidates
   share the target) with an L2 penalty, fitted with each train event held out in turn.
4. Use: the greedy gain becomes the shipped gain plus ``beta`` times the model's score standardised
   over the state's candidates; ``beta`` 0 is the summariser as shipped (the shipped prior included).
   Or, with a ``margin``, the model only breaks near ties: it picks among the candidates whose shipped
   gain is within the margin of the best.
   ``--dates`` sets the greedy's gain per new date (``Weights.dates``) for the roll-in and every row.

Nothing here is shipped: at every ``beta`` that raises ROUGE the key facts fall (see docs/benchmarks.md).

    PYTHONPATH=src .venv/bin/python benchmarks/background_imitation.py [--betas 0.03,0.06,0.1,0.2]
        [--margins 0.01,0.02] [--dev 0.1 [--dev-margin]] [--dates 0.2]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from background import _SCORER, DATA, load_event, score, splits
from background_prior import OFF, Problem, S, _rouge1, _tokens, problem, table_row
from newsdesk.brief.sentence_prior import sentence_prior, standardised

#: Words that carry no topic, left out of the recurrence features.
_STOP_WORDS = (
    "the a an of to in and on for is was were be been by with at as that this it its from or but he she "
    "they his her their has had have are not which who will would said says after before over than also "
    "into more about"
)
_STOP = frozenset(_STOP_WORDS.split())
LENGTH_POWER = 0.5  # the label is the ROUGE-1 gain divided by words ** LENGTH_POWER
PENALTY = 100.0  # L2 penalty of the conditional logit


@dataclass(frozen=True)
class State:
    """One greedy state: the open candidates' features and each one's oracle gain."""

    features: np.ndarray
    gains: np.ndarray


def _stems(text: str) -> set[str]:
    return {t for t in _SCORER._tokenizer.tokenize(text) if t not in _STOP}


def static_features(p: Problem) -> np.ndarray:
    """Per-candidate features fixed for the whole summary (see the module docstring)."""
    units, matrix = p.units, p.matrix
    ranks = np.array([u.doc_rank for u in units])
    n_docs = int(ranks.max()) + 1
    weights = OFF
    relevance_parts = np.column_stack(
        [
            S._normalised(S.centrality(matrix)),
            [(1.0 + u.position) ** -weights.lead_decay for u in units],
            ranks == 0,
            np.exp(-(n_docs - 1 - ranks) / weights.recency_span),
        ]
    )
    stems = [_stems(u.text) for u in units]
    in_docs = [set[str]() for _ in range(n_docs)]
    for rank, words in zip(ranks, stems, strict=True):
        in_docs[rank] |= words
    spread = Counter(w for words in in_docs for w in words)
    shares = [sorted(spread[w] / n_docs for w in words) or [0.0] for words in stems]
    texts = [u.text for u in units]
    surface = np.column_stack(
        [
            [statistics.mean(s) for s in shares],
            [statistics.mean(s[-5:]) for s in shares],
            _cosine_to(matrix, ranks == 0),
            _cosine_to(matrix, np.array([u.position == 0 for u in units])),
            [bool(re.search(r"\d", t)) for t in texts],
            [bool(re.search(r"\b(?:19|20)\d\d\b", t)) for t in texts],
            ['"' in t or "“" in t for t in texts],
            np.log([max(u.words, 1) for u in units]),
            ranks / max(n_docs - 1, 1),
            S.forward_salience(list(units), matrix, n_docs),
        ]
    )
    return np.hstack([relevance_parts, standardised(p.features), standardised(surface.astype(float))])


def _cosine_to(matrix, rows: np.ndarray) -> np.ndarray:
    """Cosine of every candidate to the summed TF-IDF rows of ``rows``."""
    if matrix.shape[1] == 0 or not rows.any():
        return np.zeros(matrix.shape[0])
    target = np.asarray(matrix[rows].sum(axis=0)).ravel()
    return np.asarray(matrix @ (target / (np.linalg.norm(target) or 1.0))).ravel()


Score = Callable[[np.ndarray], np.ndarray]


def rollout(
    p: Problem,
    relevance: np.ndarray,
    learned: Score | None,
    beta: float,
    label: bool,
    margin: float | None = None,
) -> tuple:
    """The greedy of ``summarize.fact_select`` (forced opening, same gain), plus ``beta`` × the model.

    With ``margin`` the model instead picks among the candidates whose shipped gain is within ``margin``
    of the best (a tie-breaker that cannot stray far from the fact gain).

    Returns the chosen indexes and, with ``label``, one :class:`State` per greedy step.
    """
    units, weights = p.units, OFF
    fact_weight, facts = p.table
    static = static_features(p)
    sentence_ids: dict[tuple[int, int], int] = {}
    sentence = np.array([sentence_ids.setdefault((u.doc_rank, u.position), len(sentence_ids)) for u in units])
    similarity = (p.matrix @ p.matrix.T).toarray() if p.matrix.shape[1] else np.zeros((len(units),) * 2)
    lengths = np.array([u.words for u in units])
    open_mask = np.ones(len(units), dtype=bool)
    closest = np.zeros(len(units))
    refs = [Counter(_SCORER._tokenizer.tokenize(r)) for r in p.refs]
    have: set[str] = set()
    tokens: Counter = Counter()
    chosen: list[int] = []
    states: list[State] = []

    def take(best: int) -> None:
        nonlocal tokens
        chosen.append(best)
        have.update(facts[best])
        tokens = tokens + _tokens(units[best].text) if label else tokens
        open_mask[sentence == sentence[best]] = False
        closest[:] = np.maximum(closest, similarity[best])
        open_mask[:] &= closest < weights.max_similarity

    if lengths[0] <= p.budget:
        take(0)
    while True:
        used = int(lengths[chosen].sum()) if chosen else 0
        index = np.flatnonzero(open_mask & (used + lengths <= p.budget))
        if index.size == 0:
            break
        new = np.array([sum(fact_weight.get(f, 0.0) for f in facts[i] - have) for i in index])
        state = np.column_stack(
            [
                new,
                [len(facts[i] - have) for i in index],
                closest[index],
                (p.budget - used - lengths[index]) / p.budget,
            ]
        )
        x = np.hstack([static[index], state])
        gain = (
            weights.mmr_lambda * relevance[index]
            + weights.facts * new
            - (1 - weights.mmr_lambda) * closest[index]
            + weights.dates * S.new_dates([facts[i] for i in index], have)
        )
        if learned is not None and margin is not None:
            gain = np.where(gain >= gain.max() - margin, learned(x), -np.inf)
        elif learned is not None and beta:
            gain = gain + beta * standardised(learned(x))
        if label:
            base = _rouge1(tokens, refs)
            oracle = np.array([_rouge1(tokens + _tokens(units[i].text), refs) for i in index]) - base
            states.append(State(x, oracle / lengths[index] ** LENGTH_POWER))
        take(int(index[int(np.argmax(gain))]))
    return chosen, states


def fit(states: Sequence[State], penalty: float = PENALTY) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Conditional-logit weights (on standardised features) and the standardisation's centre and scale."""
    useful = [s for s in states if s.gains.max() > 0]
    x = np.vstack([s.features for s in useful])
    centre, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    x = (x - centre) / scale
    target = np.concatenate([(s.gains == s.gains.max()) / (s.gains == s.gains.max()).sum() for s in useful])
    sizes = np.array([len(s.gains) for s in useful])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(useful)), sizes)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[group])
        total = np.add.reduceat(e, starts)
        value = -(target * s).sum() + (top + np.log(total)).sum() + 0.5 * penalty * w @ w
        return value, x.T @ (e / total[group] - target) + penalty * w

    w = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x
    return w, centre, scale


def scorer(model: tuple[np.ndarray, np.ndarray, np.ndarray]) -> Score:
    w, centre, scale = model
    return lambda x: ((x - centre) / scale) @ w


def shipped_relevance(p: Problem) -> np.ndarray:
    """The relevance ``select`` uses: the hand-set parts plus the shipped learned prior."""
    return p.relevance + S.DEFAULT_WEIGHTS.prior * sentence_prior(p.features)


def printed(p: Problem, chosen: Sequence[int]) -> str:
    order = sorted(chosen, key=lambda i: (p.units[i].doc_rank, p.units[i].position))
    return " ".join(c.printed for c in S._with_datelines([p.units[i] for i in order], OFF.tense))


def report(
    name: str,
    problems: Sequence[Problem],
    model_of: Callable[[Problem], Score | None],
    beta: float,
    margin: float | None = None,
) -> None:
    rows = [
        score(printed(p, rollout(p, shipped_relevance(p), model_of(p), beta, False, margin)[0]), p.refs)
        for p in problems
    ]
    setting = f"margin {margin:g}" if margin is not None else f"beta {beta:g}"
    print(table_row(name, setting, rows), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    global OFF
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--betas", default="0.03,0.06,0.1,0.2", help="weights of the learned step score")
    parser.add_argument("--margins", default="", help="tie-breaking margins to score instead of weights")
    parser.add_argument(
        "--dev", type=float, help="also score dev at this weight or margin (all-of-train model)"
    )
    parser.add_argument("--dev-margin", action="store_true", help="--dev is a margin, not a weight")
    parser.add_argument(
        "--dates", type=float, default=S.DEFAULT_WEIGHTS.dates, help="the greedy's gain per new date"
    )
    args = parser.parse_args(argv)
    OFF = dataclasses.replace(OFF, dates=args.dates)
    print(f"gain per new date in the greedy: {args.dates:g}")
    events = splits()["train"]
    train = [problem(s) for e in events for s in load_event(DATA / e)]
    states = [rollout(p, p.relevance, None, 0.0, True)[1] for p in train]
    held_out = {
        e: scorer(fit([s for p, st in zip(train, states, strict=True) if p.event != e for s in st]))
        for e in events
    }
    print("| split | setting | R-1 / R-2 / R-L / key facts |\n|---|---|---|")
    report("train, as shipped", train, lambda p: None, 0.0)
    for beta in (float(v) for v in args.betas.split(",") if v):
        report("train, leave-one-event-out", train, lambda p: held_out[p.event], beta)
    for margin in (float(v) for v in args.margins.split(",") if v):
        report("train, leave-one-event-out", train, lambda p: held_out[p.event], 0.0, margin)
    if args.dev is not None:
        full = scorer(fit([s for st in states for s in st]))
        dev = [problem(s) for e in splits()["dev"] for s in load_event(DATA / e)]
        report("dev, as shipped", dev, lambda p: None, 0.0)
        if args.dev_margin:
            report("dev, all-of-train model", dev, lambda p: full, 0.0, args.dev)
        else:
            report("dev, all-of-train model", dev, lambda p: full, args.dev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
