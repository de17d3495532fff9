"""General extractive multi-document summariser.

Why extractive: every sentence newsdesk prints must be traceable to a source sentence, so the
summariser only *chooses* sentences and prints them verbatim — or shortened by cuts of whole
constituents that keep every date, number and name (:mod:`newsdesk.brief.compress`; by default
only trailing participle clauses such as ", sending shoppers running for cover"), so the printed
sentence stays supported by the source sentence it cites. The choice combines

* centrality — TF-IDF cosine of a sentence to the centroid of the whole group, i.e. how much of
  what all documents talk about the sentence carries;
* a lead prior — news writers put the key facts first, in each document and in a story's first
  report (the inciting event, which every background summary restates);
* a recency prior — the latest documents describe the current state of affairs;
* a small learned prior (:mod:`newsdesk.brief.sentence_prior`) — a logistic model of which
  sentences a reference-aware oracle picks, added with a small weight to break near ties;

and selects greedily with maximal marginal relevance (MMR) under a word budget, so that two
sentences saying the same thing are not both spent. The greedy gain also counts the key facts
(dates, numbers, names; :mod:`newsdesk.brief.facts`) a sentence adds that the summary lacks, each
weighted by how background-worthy it is — recurring across documents, in the first report, or
recent (optionally plus a flat amount for each new date: ``Weights.dates``, off) — and the first
report's lead sentence (the inciting event) always opens the summary. The
result is put back in reading order: chronological by document date, then by position in the
document. The opening sentence is printed after its report's date as a dateline ("January 12, 2010: …"):
human backgrounds state when the story began, news sentences rarely do (their article's date
does), and the dateline's words count against the budget. The dateline says when the source was
published, not when the event happened, so it never asserts more than the citation shows. A sentence that names its own day
("on Tuesday", "yesterday") gets no dateline, so the report's date cannot contradict it.
The word budget never exceeds the input's own length (at least 40 words): otherwise a short
history would come back whole, dateline added, instead of summarised. Sentences written in the
historical present, as timelines are ("Dr. Murray finds Jackson unconscious"), are printed in the
past tense (:mod:`newsdesk.brief.tense`: finite present verbs only, word for word otherwise, never
inside quotes): a background tells what happened before, and human backgrounds say "found".

These choices were made leave-one-event-out on the background-summary task
(``benchmarks/background_variants.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdesk.brief.compress import compress
from newsdesk.brief.facts import fact_weights, key_facts, trims, unit_facts
from newsdesk.brief.sentence_prior import Candidate, prior_features, sentence_prior
from newsdesk.brief.sentences import split_sentences
from newsdesk.brief.tense import past_tense


@dataclass(frozen=True)
class SumDoc:
    """One input document: plain text with an optional ISO date and group label."""

    id: str
    text: str
    date: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Weights:
    """Mixing weights of the relevance score; defaults tuned on the background-summaries train split."""

    centrality: float = 1.0
    lead: float = 0.3  # first sentences of a document
    lead_decay: float = 2.0  # lead prior = (1 + position) ** -lead_decay
    origin: float = 0.6  # sentences of the group's first document
    recency: float = 1.0  # sentences of the latest documents
    recency_span: float = 1.0  # documents over which the recency prior decays (e-folding)
    mmr_lambda: float = 0.6  # relevance vs. redundancy trade-off
    max_similarity: float = 0.5  # never pick a sentence this close to one already chosen
    length_power: float = 0.0  # gain divided by words ** length_power: favours compact sentences
    min_words: int = 5
    facts: float = 0.6  # weight of the not-yet-covered key facts a sentence adds (0 = plain MMR)
    trim: bool = False  # also offer sentences without attribution clauses (literal substrings)
    fact_power: float = 2.0  # fact weight ** fact_power: > 1 keeps only strongly recurring facts in play
    origin_lead: bool = True  # always open with the first document's lead sentence
    # Kinds of fact-preserving cut (newsdesk.brief.compress) applied to every sentence; trailing
    # participle clauses won leave-one-event-out over all cuts and no cuts.
    compress: tuple[str, ...] = ("participle",)
    # "origin": the opening (first report's lead) sentence is printed after its report's date,
    # "all": every sentence whose date was not just printed, "none": no datelines.
    dateline: str = "origin"
    # The budget never exceeds this share of the input's words (but is at least ``min_budget``):
    # a summary of a 60-word history is not the history itself. Leave-one-event-out picks 1.0 over
    # no cap for 5 of 6 held-out events; harder caps (0.3-0.75, square-root rules) lose on the long
    # events. 0 turns the cap off.
    input_share: float = 1.0
    min_budget: int = 40
    # Forward salience: TF-IDF cosine of a sentence to each *later* document, averaged — what the
    # story kept repeating after the sentence was written. Off: it lost leave-one-event-out.
    salience: float = 0.0
    # "past": chosen sentences written in the historical present are printed in the past tense
    # (newsdesk.brief.tense: finite present verbs only, never inside quotes), as a background tells
    # what happened before; "as-is" prints them in the source's tense. Selection is unaffected.
    tense: str = "past"
    # Weight of the learned sentence prior (newsdesk.brief.sentence_prior: a logistic model of the
    # sentences a reference-aware oracle picks, standardised within the summary) added to the
    # relevance. 0.05 won on train with each event held out; 0 turns it off.
    prior: float = 0.05
    # Flat gain for each date (month and day, newsdesk.brief.facts) a candidate adds that the summary
    # lacks, on top of its recurrence weight in ``facts``: a date rarely recurs across updates, so the
    # recurrence weight all but ignores it, yet human backgrounds say when things happened. Off: 0.2
    # (the largest value at which no train event loses ROUGE-1, ROUGE-L or key facts) raises all three
    # on train, but on dev ROUGE-2 and ROUGE-L fall slightly (docs/benchmarks.md, seventeenth pass).
    dates: float = 0.0


DEFAULT_WEIGHTS = Weights()

#: Background weight of each key fact, and the key facts of each candidate (:func:`fact_table`).
FactTable = tuple[dict[str, float], list[frozenset[str]]]


@dataclass(frozen=True)
class _Unit:
    """A candidate sentence (or a literal trim of one) with its provenance."""

    text: str
    doc_id: str
    doc_rank: int  # 0 = earliest document
    position: int  # sentence index within its document
    words: int
    trimmed: bool = False
    source: str = ""  # the verbatim source sentence when ``text`` is a compression of it
    date: str | None = None  # its document's date, printed as a dateline when ``dated``
    dated: bool = False  # ``words`` includes the dateline's words


@dataclass(frozen=True)
class Chosen:
    """A summary sentence, its document, and the source sentence it was cut from (or equals)."""

    text: str
    doc_id: str
    source: str
    dateline: str = ""  # "January 12, 2010:" — the source document's date, when printed
    told: str = ""  # ``text`` retold in the past tense, when that changed a word

    @property
    def printed(self) -> str:
        """The sentence as the summary prints it: dateline, then the (possibly compressed, retold) sentence."""
        body = self.told or self.text
        return f"{self.dateline} {body}" if self.dateline else body


# ----------------------------------------------------------------------------------- features


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows for ``texts`` (stop words removed, sublinear tf).

    Fitted on the candidate sentences themselves: the group is its own corpus, so terms that every
    sentence uses weigh little and the story's distinctive terms weigh most.
    """
    if not texts:
        return sparse.csr_matrix((0, 0))
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # nothing but stop words
        return sparse.csr_matrix((len(texts), 1))


def centrality(matrix: sparse.csr_matrix) -> np.ndarray:
    """Cosine of each row to the mean row: how typical of the whole group each sentence is."""
    if matrix.shape[0] == 0:
        return np.zeros(0)
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.zeros(matrix.shape[0])
    return np.asarray(matrix @ (centroid / norm)).ravel()


def _normalised(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if values.size else 0.0
    return values / top if top > 0 else values


def mmr_select(
    relevance: np.ndarray,
    matrix: sparse.csr_matrix,
    lengths: Sequence[int],
    *,
    budget: int | None = None,
    max_items: int | None = None,
    mmr_lambda: float = 0.7,
    max_similarity: float = 0.5,
    allowed: Sequence[bool] | None = None,
    length_power: float = 0.0,
) -> list[int]:
    """Greedy maximal-marginal-relevance choice of row indexes.

    Each step takes the sentence maximising ``λ·relevance − (1−λ)·max similarity to the chosen``,
    among those that still fit the word ``budget`` and are not near-duplicates of a chosen one.
    With ``length_power`` > 0 a positive gain is divided by ``words ** length_power``, so that under
    a tight budget two compact sentences can beat one long one. Returns indexes in the order chosen
    (most important first).
    """
    count = len(lengths)
    if count == 0:
        return []
    similarity = (matrix @ matrix.T).toarray() if matrix.shape[1] else np.zeros((count, count))
    open_mask = np.ones(count, dtype=bool) if allowed is None else np.array(allowed, dtype=bool)
    closest = np.zeros(count)
    scale = np.maximum(np.asarray(lengths, dtype=float), 1.0) ** length_power
    chosen: list[int] = []
    used = 0
    while open_mask.any() and (max_items is None or len(chosen) < max_items):
        fits = open_mask & _fits(lengths, used, budget)
        if not fits.any():
            break
        gain = mmr_lambda * relevance - (1 - mmr_lambda) * closest
        gain = np.where(gain > 0, gain / scale, gain)
        gain = np.where(fits, gain, -np.inf)
        best = int(np.argmax(gain))
        chosen.append(best)
        used += lengths[best]
        open_mask[best] = False
        closest = np.maximum(closest, similarity[best])
        open_mask &= closest < max_similarity
    return chosen


def fact_select(
    relevance: np.ndarray,
    similarity: np.ndarray,
    lengths: Sequence[int],
    facts: Sequence[frozenset[str]],
    fact_weight: dict[str, float],
    sentence_of: Sequence[int],
    *,
    budget: int,
    weights: Weights,
    forced: Sequence[int] = (),
) -> list[int]:
    """Greedy MMR whose gain also counts the weighted key facts a candidate adds.

    Why: ROUGE-style relevance alone keeps re-spending words on what the story is about; a
    background also needs the when/who/how-many, and a fact already printed is worth nothing the
    second time. Each step maximises ``λ·relevance + facts·Σ weight(new facts) + dates·(new dates)
    − (1−λ)·closest`` (positive gains divided by ``words ** length_power``). Candidates sharing a
    source sentence (a sentence and its trims) exclude each other once one is chosen.
    """
    count = len(lengths)
    open_mask = np.ones(count, dtype=bool)
    closest = np.zeros(count)
    scale = np.maximum(np.asarray(lengths, dtype=float), 1.0) ** weights.length_power
    sentence = np.asarray(sentence_of)
    # each candidate's dates, found once rather than at every step (only when the date gain is on)
    dates = [frozenset(f for f in unit if f.startswith("date:")) for unit in facts] if weights.dates else []
    have: set[str] = set()
    chosen: list[int] = []
    used = 0

    def take(best: int) -> None:
        nonlocal used
        chosen.append(best)
        used += lengths[best]
        have.update(facts[best])
        open_mask[sentence == sentence[best]] = False
        closest[:] = np.maximum(closest, similarity[best])
        open_mask[:] &= closest < weights.max_similarity

    for index in forced:
        if lengths[index] <= budget:
            take(index)
    while open_mask.any():
        fits = open_mask & _fits(lengths, used, budget)
        if not fits.any():
            break
        new = np.array([sum(fact_weight.get(f, 0.0) for f in facts[i] - have) for i in range(count)])
        gain = weights.mmr_lambda * relevance + weights.facts * new - (1 - weights.mmr_lambda) * closest
        if weights.dates:
            gain = gain + weights.dates * new_dates(dates, have)
        gain = np.where(gain > 0, gain / scale, gain)
        take(int(np.argmax(np.where(fits, gain, -np.inf))))
    return chosen


def new_dates(facts: Sequence[frozenset[str]], have: set[str]) -> np.ndarray:
    """How many dates (``date:MM-DD`` key facts) each candidate adds that ``have`` lacks."""
    return np.array([sum(f.startswith("date:") and f not in have for f in unit) for unit in facts], dtype=float)


def _fits(lengths: Sequence[int], used: int, budget: int | None) -> np.ndarray:
    if budget is None:
        return np.ones(len(lengths), dtype=bool)
    return np.array([used + n <= budget for n in lengths], dtype=bool)


# --------------------------------------------------------------------------------- summarise


# --------------------------------------------------------------------------------- datelines

#: Words a dateline adds ("January 12, 2010:"), reserved in the budget of a dated candidate.
DATELINE_WORDS = 3
_RELATIVE_DAY = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last\s+(?:night|week)|this\s+(?:morning|afternoon|evening|week)"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)


def dateline(date: str | None, with_year: bool = True) -> str:
    """``"January 12, 2010:"`` for an ISO date (without the year when ``with_year`` is false).

    Why: a background tells a reader *when* the story began, and human backgrounds open with the
    date of the inciting event; news sentences rarely carry their own date (the article does).
    Empty for a missing or malformed date.
    """
    try:
        day = dt.date.fromisoformat((date or "")[:10])
    except ValueError:
        return ""
    return f"{day:%B} {day.day}, {day.year}:" if with_year else f"{day:%B} {day.day}:"


def _datable(text: str) -> bool:
    """A sentence that states no date or day of its own, so its document's date cannot contradict it."""
    return not _RELATIVE_DAY.search(text) and not any(f.startswith("date:") for f in key_facts(text))


def _wants_dateline(mode: str, rank: int, position: int, date: str | None, text: str) -> bool:
    if mode == "none" or not dateline(date) or not _datable(text):
        return False
    return mode == "all" or (mode == "origin" and rank == 0 and position == 0)


def _with_datelines(units: Sequence[_Unit], tense: str = DEFAULT_WEIGHTS.tense) -> list[Chosen]:
    """Chosen sentences in reading order; a dated one gets a dateline unless its date was just printed.

    With ``tense="past"`` each sentence is also retold in the past tense (:mod:`newsdesk.brief.tense`).
    """
    out: list[Chosen] = []
    last_date: str | None = None
    last_year: str | None = None
    for unit in units:
        line = ""
        if unit.dated and unit.date != last_date:
            line = dateline(unit.date, with_year=(unit.date or "")[:4] != last_year)
            last_date, last_year = unit.date, (unit.date or "")[:4]
        told = past_tense(unit.text).text if tense == "past" else unit.text
        out.append(Chosen(unit.text, unit.doc_id, unit.source, line, told if told != unit.text else ""))
    return out


def _ordered_docs(docs: Sequence[SumDoc]) -> list[SumDoc]:
    """Documents in time order; input order where dates are missing (stable sort)."""
    if all(d.date for d in docs):
        return sorted(docs, key=lambda d: d.date or "")
    return list(docs)


def _units(docs: Sequence[SumDoc], weights: Weights) -> list[_Unit]:
    units: list[_Unit] = []
    for rank, doc in enumerate(docs):
        for position, source in enumerate(split_sentences(doc.text)):
            if not (len(source.split()) >= weights.min_words or (len(source.split()) >= 2 and position == 0)):
                continue
            text = compress(source, weights.compress).text if weights.compress else source
            dated = _wants_dateline(weights.dateline, rank, position, doc.date, text)
            words = len(text.split()) + (DATELINE_WORDS if dated else 0)
            units.append(_Unit(text, doc.id, rank, position, words, source=source, date=doc.date, dated=dated))
            if weights.trim:
                units.extend(
                    _Unit(short, doc.id, rank, position, len(short.split()), trimmed=True, source=source)
                    for short in trims(text)
                )
    return units


def relevance_scores(
    units: Sequence[_Unit],
    matrix: sparse.csr_matrix,
    n_docs: int,
    weights: Weights,
    facts: FactTable | None = None,
) -> np.ndarray:
    """The prior-weighted relevance of each candidate (see the module docstring).

    With ``weights.prior`` the learned sentence prior is added, which needs the units' key facts
    (``facts``, from :func:`fact_table`) for its features.
    """
    central = _normalised(centrality(matrix))
    lead = np.array([(1.0 + u.position) ** -weights.lead_decay for u in units])
    origin = np.array([1.0 if u.doc_rank == 0 else 0.0 for u in units])
    age = np.array([n_docs - 1 - u.doc_rank for u in units], dtype=float)
    recency = np.exp(-age / max(weights.recency_span, 1e-6))
    score = (
        weights.centrality * central
        + weights.lead * lead
        + weights.origin * origin
        + weights.recency * recency
    )
    if weights.salience:
        score = score + weights.salience * _normalised(forward_salience(units, matrix, n_docs))
    if weights.prior:
        if facts is None:
            raise ValueError("the learned sentence prior needs the units' key facts")
        score = score + weights.prior * _learned_prior(units, n_docs, central, score, facts)
    return score


def fact_table(units: Sequence[_Unit], docs: Sequence[SumDoc], weights: Weights) -> FactTable:
    """Background weight of each key fact (how it recurs across ``docs``) and each unit's facts.

    Computed once per summary: both the learned prior and the greedy fact gain read it.
    """
    weight = {f: w**weights.fact_power for f, w in fact_weights([key_facts(d.text) for d in docs]).items()}
    return weight, unit_facts([u.text for u in units], set(weight))


def _learned_prior(
    units: Sequence[_Unit],
    n_docs: int,
    central: np.ndarray,
    relevance: np.ndarray,
    table: FactTable,
) -> np.ndarray:
    """:func:`newsdesk.brief.sentence_prior.sentence_prior` of each unit (mean 0, unit spread)."""
    weight, facts = table
    candidates = [Candidate(u.text, u.doc_rank, u.position, u.words) for u in units]
    features = prior_features(
        candidates,
        n_docs,
        central,
        relevance,
        [sum(weight.get(f, 0.0) for f in unit) for unit in facts],
        [len(unit) for unit in facts],
    )
    return sentence_prior(features)


def forward_salience(units: Sequence[_Unit], matrix: sparse.csr_matrix, n_docs: int) -> np.ndarray:
    """Mean cosine of each candidate to the documents written after its own (0 for the latest).

    Why: what later reports keep restating is what the story turned on, which a background keeps;
    a sentence the story never came back to is a detail of its day.
    """
    ranks = np.array([u.doc_rank for u in units])
    if matrix.shape[1] == 0 or n_docs < 2:
        return np.zeros(len(units))
    membership = sparse.csr_matrix(
        (np.ones(len(units)), (ranks, np.arange(len(units)))), shape=(n_docs, len(units))
    )
    docs = (membership @ matrix).toarray()
    norms = np.linalg.norm(docs, axis=1, keepdims=True)
    docs /= np.where(norms > 0, norms, 1.0)
    to_doc = np.asarray(matrix @ docs.T)  # candidates x documents
    later = np.arange(n_docs)[None, :] > ranks[:, None]
    counts = later.sum(axis=1)
    return np.where(counts > 0, (to_doc * later).sum(axis=1) / np.maximum(counts, 1), 0.0)


def word_budget(docs: Sequence[SumDoc], max_words: int, weights: Weights = DEFAULT_WEIGHTS) -> int:
    """``max_words``, capped at ``input_share`` of the input's words but never below ``min_budget``.

    Why: with ``max_words`` above the input's length the "summary" would be the whole input plus a
    dateline; a background compresses its history. ``max_words`` stays the upper bound.
    """
    if weights.input_share <= 0:
        return max_words
    words = sum(len(d.text.split()) for d in docs)
    return min(max_words, max(weights.min_budget, int(weights.input_share * words)))


def _fact_aware(
    units: Sequence[_Unit],
    table: FactTable,
    matrix: sparse.csr_matrix,
    relevance: np.ndarray,
    max_words: int,
    weights: Weights,
) -> list[int]:
    """Run :func:`fact_select` with fact weights learnt from how often each fact recurs (``table``)."""
    weight, facts = table
    sentence_ids: dict[tuple[int, int], int] = {}
    sentence_of = [sentence_ids.setdefault((u.doc_rank, u.position), len(sentence_ids)) for u in units]
    similarity = (matrix @ matrix.T).toarray() if matrix.shape[1] else np.zeros((len(units),) * 2)
    forced = [0] if weights.origin_lead else []
    return fact_select(
        relevance,
        similarity,
        [u.words for u in units],
        facts,
        weight,
        sentence_of,
        budget=max_words,
        weights=weights,
        forced=forced,
    )


def select(docs: Sequence[SumDoc], max_words: int = 150, *, weights: Weights = DEFAULT_WEIGHTS) -> list[Chosen]:
    """Choose sentences of ``docs`` totalling at most ``max_words`` words, each with its source.

    The budget is also capped at the input's own length (:func:`word_budget`).

    Sentences are printed verbatim, or — with ``weights.compress`` — shortened by cuts that keep
    them supported by their source sentence (:mod:`newsdesk.brief.compress`). Returned in
    reading order (document date, then position). When even the best sentence is longer than the
    budget, the single most relevant sentence is returned rather than nothing: an over-long
    summary is more useful than an empty one.
    """
    ordered = _ordered_docs([d for d in docs if d.text and d.text.strip()])
    units = _units(ordered, weights)
    if not units:
        return []
    max_words = word_budget(ordered, max_words, weights)
    matrix = tfidf_matrix([u.text for u in units])
    table = fact_table(units, ordered, weights)
    relevance = relevance_scores(units, matrix, len(ordered), weights, table)
    if weights.facts > 0 or weights.trim or weights.origin_lead:
        chosen = _fact_aware(units, table, matrix, relevance, max_words, weights)
    else:
        chosen = mmr_select(
            relevance,
            matrix,
            [u.words for u in units],
            budget=max_words,
            mmr_lambda=weights.mmr_lambda,
            max_similarity=weights.max_similarity,
            length_power=weights.length_power,
        )
    if not chosen:
        full = [i for i, u in enumerate(units) if not u.trimmed]
        chosen = [max(full, key=lambda i: relevance[i])]
    chosen.sort(key=lambda i: (units[i].doc_rank, units[i].position))
    return _with_datelines([units[i] for i in chosen], weights.tense)


def summarize(
    docs: Sequence[SumDoc], max_words: int = 150, *, weights: Weights = DEFAULT_WEIGHTS
) -> list[tuple[str, str]]:
    """``(printed sentence, source doc id)`` pairs of :func:`select`, in reading order."""
    return [(c.printed, c.doc_id) for c in select(docs, max_words, weights=weights)]


def summarize_groups(lines: Iterable[dict], max_words: int = 150) -> Iterator[dict]:
    """The ``newsdesk summarize`` contract: JSON lines in, one summary per group out.

    Input lines are ``{"id", "date"?, "text", "group"?}``; when no line names a group they all form
    one group (reported as ``null``). Groups are emitted in order of first appearance.
    """
    groups: dict[str | None, list[SumDoc]] = {}
    for number, line in enumerate(lines):
        group = line.get("group")
        doc = SumDoc(
            id=str(line.get("id", number)),
            text=str(line.get("text") or ""),
            date=line.get("date") or None,
            group=None if group is None else str(group),
        )
        groups.setdefault(doc.group, []).append(doc)
    for group, docs in groups.items():
        chosen = select(docs, max_words)
        yield {
            "group": group,
            "summary": " ".join(c.printed for c in chosen),
            "sentences": [_sentence_record(c) for c in chosen],
        }


def _sentence_record(chosen: Chosen) -> dict[str, str]:
    """``{"text", "source_id"}``, plus ``"source_text"`` (the verbatim sentence) when shortened."""
    record = {"text": chosen.printed, "source_id": chosen.doc_id}
    if chosen.printed != chosen.source:
        record["source_text"] = chosen.source
    return record
