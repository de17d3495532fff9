"""Background summaries: the content-choice ideas of issue #4's last round, measured on all six events.

Why this script: the default summariser (``newsdesk.brief.summarize``) chooses sentences greedily by
relevance, MMR redundancy and not-yet-covered key facts. Four other ways to choose or order the same
candidates were proposed, and each is run here over the same candidates, relevance and budget, so
that only the choice differs:

* ``order: as chosen`` — the defaults' sentences printed in the order they were picked (most
  relevant first) instead of chronologically: ROUGE-L is order-sensitive;
* ``clusters first`` — the candidates clustered by TF-IDF (average-link cosine, one cluster per
  ~22 budget words), then the most relevant sentence of each cluster, biggest clusters first: one
  sentence per sub-topic, as a human background has one clause per development;
* ``cluster coverage w`` — the defaults' greedy choice with each cluster as one more "fact" of
  weight ``w`` × its share of the relevance mass, so a sub-topic already covered is worth less;
* ``word novelty a`` — redundancy measured as the share of a candidate's content stems already
  printed (mixed with the defaults' max-cosine by ``a``): a restated fact counts once;
* ``rolling pool p`` — the summary after update k is chosen from a pool carried over from update
  k−1 (its best ``p`` words) plus update k's sentences, as annotators extend their last background.

``--compression`` also prints how many words each fact-preserving cut kind of
``newsdesk.brief.compress`` frees over every input sentence (the ceiling of what compression adds).

Nothing here is learned: every variant is a fixed rule, so the train and dev figures are both out of
sample; a variant would be kept only if it beat the defaults on both splits.

    .venv/bin/python benchmarks/background_ideas.py [--variants a,b] [--compression]
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from nltk.stem.porter import PorterStemmer
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from background import DATA, Step, format_table, load_event, score, splits
from newsdesk.brief.compress import KINDS, compress, is_compression
from newsdesk.brief.facts import fact_weights, key_facts, unit_facts
from newsdesk.brief.sentences import split_sentences

# The package re-exports the function ``summarize`` under the module's name.
S = importlib.import_module("newsdesk.brief.summarize")

WORDS_PER_CLUSTER = 22  # about one sentence of the budget per cluster
STEMMER = PorterStemmer()


@dataclass(frozen=True)
class Problem:
    """One step's candidates as the default summariser sees them."""

    docs: tuple  # SumDoc, in time order
    units: tuple  # summarize._Unit
    budget: int
    matrix: sparse.csr_matrix
    relevance: np.ndarray


Choice = Callable[[Problem], list[int]]


def problem(docs: Sequence, budget: int = 150) -> Problem:
    """Candidates, budget, TF-IDF rows and relevance exactly as :func:`summarize.select` builds them."""
    weights = S.DEFAULT_WEIGHTS
    ordered = S._ordered_docs([d for d in docs if d.text and d.text.strip()])
    units = S._units(ordered, weights)
    matrix = S.tfidf_matrix([u.text for u in units])
    relevance = S.relevance_scores(units, matrix, len(ordered), weights, S.fact_table(units, ordered, weights))
    return Problem(tuple(ordered), tuple(units), S.word_budget(ordered, budget, weights), matrix, relevance)


def printed(units: Sequence, chosen: Sequence[int], chronological: bool = True) -> str:
    if chronological:
        chosen = sorted(chosen, key=lambda i: (units[i].doc_rank, units[i].position))
    return " ".join(c.printed for c in S._with_datelines([units[i] for i in chosen]))


# ----------------------------------------------------------------------------------- choices


def _facts(p: Problem) -> tuple[list[frozenset[str]], dict[str, float]]:
    weight = {
        f: w**S.DEFAULT_WEIGHTS.fact_power
        for f, w in fact_weights([key_facts(d.text) for d in p.docs]).items()
    }
    return unit_facts([u.text for u in p.units], set(weight)), weight


def _similarity(p: Problem) -> np.ndarray:
    return (p.matrix @ p.matrix.T).toarray() if p.matrix.shape[1] else np.zeros((len(p.units),) * 2)


def _sentence_ids(units: Sequence) -> list[int]:
    ids: dict[tuple[int, int], int] = {}
    return [ids.setdefault((u.doc_rank, u.position), len(ids)) for u in units]


def greedy(p: Problem, extra: Mapping[int, tuple[str, float]] | None = None) -> list[int]:
    """The defaults' choice (:func:`summarize.fact_select`, opening forced); ``extra`` adds one weighted
    pseudo-fact per candidate index."""
    facts, fact_weight = _facts(p)
    if extra:
        fact_weight = {**fact_weight, **{name: w for name, w in extra.values()}}
        facts = [f | {extra[i][0]} if i in extra else f for i, f in enumerate(facts)]
    return S.fact_select(
        p.relevance,
        _similarity(p),
        [u.words for u in p.units],
        facts,
        fact_weight,
        _sentence_ids(p.units),
        budget=p.budget,
        weights=S.DEFAULT_WEIGHTS,
        forced=[0],
    )


def defaults(p: Problem) -> list[int]:
    return greedy(p)


def clusters(p: Problem, per_cluster: int = WORDS_PER_CLUSTER) -> np.ndarray | None:
    """Average-link cosine clusters of the candidates, about ``budget / per_cluster`` of them."""
    if len(p.units) <= 2 or p.matrix.shape[1] == 0:
        return None
    count = min(len(p.units), max(2, round(p.budget / per_cluster)))
    return fcluster(
        linkage(p.matrix.toarray(), method="average", metric="cosine"), t=count, criterion="maxclust"
    )


def clusters_first(p: Problem) -> list[int]:
    """The opening sentence, then the most relevant fitting sentence of each cluster, heaviest first."""
    labels = clusters(p)
    if labels is None:
        return defaults(p)
    similarity = _similarity(p)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    chosen = [0] if p.units[0].words <= p.budget else []
    for group in sorted(members.values(), key=lambda g: -sum(p.relevance[i] for i in g)):
        used = sum(p.units[i].words for i in chosen)
        fitting = [
            i
            for i in group
            if i not in chosen
            and used + p.units[i].words <= p.budget
            and all(similarity[i, j] < S.DEFAULT_WEIGHTS.max_similarity for j in chosen)
        ]
        if fitting and not any(i in chosen for i in group):
            chosen.append(max(fitting, key=lambda i: p.relevance[i]))
    return chosen


def cluster_coverage(weight: float) -> Choice:
    """The defaults' greedy choice with every cluster one more fact, worth ``weight`` × its relevance share."""

    def choose(p: Problem) -> list[int]:
        labels = clusters(p)
        if labels is None:
            return greedy(p)
        mass: dict[int, float] = {}
        for index, label in enumerate(labels):
            mass[int(label)] = mass.get(int(label), 0.0) + float(p.relevance[index])
        top = max(mass.values())
        extra = {i: (f"cluster:{label}", weight * mass[int(label)] / top) for i, label in enumerate(labels)}
        return greedy(p, extra)

    return choose


def stems(text: str) -> frozenset[str]:
    """Porter stems of the content words (ROUGE's own stemmer), stop words dropped."""
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    return frozenset(STEMMER.stem(w) for w in words if w not in ENGLISH_STOP_WORDS)


def word_novelty(alpha: float) -> Choice:
    """The defaults' greedy gain with redundancy ``(1−α)·max cosine + α·share of stems already printed``."""

    def choose(p: Problem) -> list[int]:
        weights = S.DEFAULT_WEIGHTS
        facts, fact_weight = _facts(p)
        similarity = _similarity(p)
        lengths = np.array([u.words for u in p.units])
        own = [stems(u.text) for u in p.units]
        sentence = np.array(_sentence_ids(p.units))
        open_mask = np.ones(len(p.units), dtype=bool)
        closest = np.zeros(len(p.units))
        have: set[str] = set()
        printed_stems: set[str] = set()
        chosen: list[int] = []
        best = 0 if lengths[0] <= p.budget else None
        while best is not None:
            chosen.append(best)
            have.update(facts[best])
            printed_stems.update(own[best])
            open_mask &= sentence != sentence[best]
            closest = np.maximum(closest, similarity[best])
            open_mask &= closest < weights.max_similarity
            fits = open_mask & (lengths + lengths[chosen].sum() <= p.budget)
            if not fits.any():
                break
            new = np.array([sum(fact_weight.get(f, 0.0) for f in facts[i] - have) for i in range(len(own))])
            seen = np.array([len(s & printed_stems) / max(len(s), 1) for s in own])
            redundancy = (1 - alpha) * closest + alpha * seen
            gain = (
                weights.mmr_lambda * p.relevance + weights.facts * new - (1 - weights.mmr_lambda) * redundancy
            )
            best = int(np.argmax(np.where(fits, gain, -np.inf)))
        return chosen

    return choose


# ----------------------------------------------------------------------------------- systems

System = Callable[[Sequence[Step]], list[str]]  # one event's steps -> one summary per step


def per_step(choice: Choice, chronological: bool = True) -> System:
    def run(steps: Sequence[Step]) -> list[str]:
        out = []
        for step in steps:
            p = problem([S.SumDoc(id=str(i), text=t, date=d) for i, (d, t) in enumerate(step.updates)])
            out.append(printed(p.units, choice(p), chronological) if p.units else "")
        return out

    return run


def rolling(pool: int) -> System:
    """Summary after update k chosen from the pool kept after update k−1 plus update k's sentences.

    Relevance is computed over everything up to update k (what was known then), so the summary of
    step t is the rolling state after update t−1 and one pass over the event serves every step.
    """

    def run(steps: Sequence[Step]) -> list[str]:
        history = max(steps, key=lambda s: len(s.updates)).updates
        docs = [S.SumDoc(id=str(i), text=t, date=d) for i, (d, t) in enumerate(history)]
        kept: set[tuple[int, int]] = set()
        texts = []
        for k in range(len(docs)):
            p = problem(docs[: k + 1])
            allowed = [
                i
                for i, u in enumerate(p.units)
                if i == 0 or u.doc_rank == k or (u.doc_rank, u.position) in kept
            ]
            sub = Problem(
                p.docs, tuple(p.units[i] for i in allowed), p.budget, p.matrix[allowed], p.relevance[allowed]
            )
            texts.append(printed(sub.units, greedy(sub)))
            carried = greedy(Problem(sub.docs, sub.units, max(pool, p.budget), sub.matrix, sub.relevance))
            kept = {(sub.units[i].doc_rank, sub.units[i].position) for i in carried}
        return [texts[len(step.updates) - 1] for step in steps]

    return run


VARIANTS: dict[str, System] = {
    "defaults": per_step(defaults),
    "order: as chosen": per_step(defaults, chronological=False),
    "clusters first": per_step(clusters_first),
    "cluster coverage 0.5": per_step(cluster_coverage(0.5)),
    "cluster coverage 1.0": per_step(cluster_coverage(1.0)),
    "word novelty 0.5": per_step(word_novelty(0.5)),
    "word novelty 1.0": per_step(word_novelty(1.0)),
    "rolling pool 150": rolling(150),
    "rolling pool 400": rolling(400),
}

EventRows = dict[str, list[dict[str, float]]]


def score_system(system: System, steps: Mapping[str, Sequence[Step]]) -> EventRows:
    return {
        event: [score(text, step.backgrounds[1:]) for text, step in zip(system(s), s, strict=True)]
        for event, s in steps.items()
    }


def pooled(rows: EventRows, events: Sequence[str]) -> dict[str, float]:
    flat = [r for e in events for r in rows[e]]
    return {key: statistics.mean(r[key] for r in flat) for key in flat[0]}


def compression_table(steps: Mapping[str, Sequence[Step]]) -> str:
    """Share of sentences each cut kind shortens and the words it frees, over every input sentence."""
    sentences = sorted(
        {
            s
            for event in steps.values()
            for _, text in max(event, key=lambda st: len(st.updates)).updates
            for s in split_sentences(text)
            if len(s.split()) >= 5
        }
    )
    total = sum(len(s.split()) for s in sentences)
    lines = [
        f"{len(sentences)} sentences, {total} words",
        "",
        "| cuts | sentences cut | words freed | per cut sentence | not a subsequence |",
        "|---|---|---|---|---|",
    ]
    for name, kinds in [(k, (k,)) for k in KINDS] + [("all", KINDS)]:
        results = [(s, compress(s, kinds)) for s in sentences]
        cut = [(s, c) for s, c in results if c.changed]
        freed = sum(len(s.split()) - len(c.text.split()) for s, c in cut)
        wrong = sum(not is_compression(c.text, s) for s, c in cut)
        lines.append(
            f"| {name} | {100 * len(cut) / len(sentences):.1f} % | {freed} ({100 * freed / total:.1f} %) "
            f"| {freed / max(len(cut), 1):.1f} | {wrong} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", help="comma-separated variant names (default: all)")
    parser.add_argument("--compression", action="store_true", help="also print the words each cut frees")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"data not found: {DATA}", file=sys.stderr)
        return 2
    groups = splits()
    steps = {event: load_event(DATA / event) for event in groups["all"]}
    names = list(VARIANTS)
    if args.variants:
        names = list(dict.fromkeys(["defaults", *(n.strip() for n in args.variants.split(",") if n.strip())]))
    unknown = set(names) - set(VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variants: {', '.join(sorted(unknown))}")
    results = {name: score_system(VARIANTS[name], steps) for name in names}
    for split in ("train", "dev"):
        table = [(name, pooled(rows, groups[split])) for name, rows in results.items()]
        print(f"Split `{split}`\n\n{format_table(table)}\n")
    print("Per event, ROUGE-1 / ROUGE-L / key facts\n")
    for name, rows in results.items():
        cells = [
            f"{e} {pooled(rows, [e])['rouge1']:.3f} / {pooled(rows, [e])['rougeL']:.3f} / "
            f"{100 * pooled(rows, [e])['facts']:.0f} %"
            for e in groups["all"]
        ]
        print(f"- {name}: " + "; ".join(cells))
    if args.compression:
        print("\n" + compression_table(steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
