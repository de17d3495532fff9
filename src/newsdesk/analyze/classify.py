"""Learned event typing on top of the rule coder: sentence features → PLOVER type / penta class.

The rules in ``events.py`` find triggers, actors and flags well but pick the wrong type where a
sentence has several candidate verbs ("police fired tear gas to disperse protesters": COERCE, not
PROTEST). A linear model over the rule candidates, the CAMEO verb dictionary's reading of each
verb, and the sentence's lemmas weighs that evidence. Weights are plain arrays in an ``.npz`` (no
pickle) under ``data/models/``, written by ``scripts/train_events.py``; inference is a sparse dot
product, so it costs nothing next to the parse. Without the files the rules decide alone.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from newsdesk.analyze.codebook import Codebook
from newsdesk.analyze.spantag import SPAN_MODEL, SpanTagger
from newsdesk.paths import data_file

log = logging.getLogger(__name__)

TYPE_MODEL = "event_type.npz"
PENTA_MODEL = "event_penta.npz"
CAMEO_VERBS = "cameo_verbs.json"
_STOP_POS = {"PUNCT", "SPACE", "DET", "CCONJ", "NUM", "SYM", "X"}


@dataclass(frozen=True)
class CameoVerbs:
    """Verb lemma → CAMEO root, and "verb object" → root, derived from the CAMEO verb dictionary;
    ``codebook`` holds the dictionary's whole patterns, which the coder matches over the parse."""

    verbs: dict[str, str] = field(default_factory=dict)
    objects: dict[str, str] = field(default_factory=dict)
    codebook: Codebook = field(default_factory=Codebook)

    def root_of(self, verb: str, objects: list[str]) -> str | None:
        for obj in objects:
            root = self.objects.get(f"{verb} {obj}")
            if root:
                return root
        return self.verbs.get(verb)


@lru_cache(maxsize=2)
def load_cameo_verbs(path: str | None = None) -> CameoVerbs:
    file = Path(path) if path else data_file("models") / CAMEO_VERBS
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError:
        log.info("no CAMEO verb lexicon at %s: rules only", file)
        return CameoVerbs()
    return CameoVerbs(data.get("verbs", {}), data.get("objects", {}), Codebook.from_json(data))


def sentence_features(sent: Span, cand_types: list[tuple[str, str, bool, bool]], lexicon: CameoVerbs,
                      coded_root: str | None = None) -> list[str]:
    """Feature strings of one parsed sentence.

    ``cand_types`` are the rule candidates as (PLOVER type, trigger lemma, is_root_clause,
    is_background), in sentence order; the model learns how far to trust each kind of candidate.
    A background candidate ("after the peace deal") only counts as such: it is not the news.
    ``coded_root`` is the CAMEO root the rules and the verb dictionary's patterns give the first
    candidate that is news (``events.coded_root``): the PLOVER type cannot tell 03 from 05 or 10
    from 11, the 5-way classes' borders.
    """
    feats: list[str] = ["bias"] + ([f"{CODEBOOK_PREFIX}t={coded_root}"] if coded_root else [])
    prev = "<s>"
    for tok in sent:
        if tok.pos_ in _STOP_POS:
            continue
        lemma = tok.lemma_.lower()
        feats.append(f"l={lemma}")
        feats.append(f"b={prev}_{lemma}")
        prev = lemma
        if tok.pos_ == "VERB":
            feats.extend(_verb_features(tok, lemma, lexicon))
        feats.extend(reported_act_features(tok, lexicon))
        if tok.dep_ == "neg":
            feats.append(f"neg={tok.head.lemma_.lower()}")
    first = True
    for plover, lemma, root, background in cand_types:
        if background:
            feats.append(f"tb={plover}")
            continue
        feats.append(f"t={plover}")
        feats.append(f"tl={plover}:{lemma}")
        if root:
            feats.append(f"tr={plover}")
        if first:
            feats.append(f"t0={plover}")
            first = False
    if first:
        feats.append("t=none")
    return feats


def _objects(tok: Token) -> list[str]:
    """Lemmas of what a verb acts on: its objects, complements and prepositions' objects."""
    objs = [c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "prep", "xcomp")]
    return objs + [g.lemma_.lower() for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]


def _verb_features(tok: Token, lemma: str, lexicon: CameoVerbs) -> list[str]:
    objs = _objects(tok)
    out = [f"v={lemma}"]
    root = lexicon.root_of(lemma, objs)
    if root:
        out.append(f"cv={root}")
        if tok.dep_ == "ROOT":
            out.append(f"cvr={root}")
    if tok.dep_ == "ROOT":
        out.append(f"root={lemma}")
        out.extend(f"ro={lemma}_{o}" for o in objs[:3])
    return out + codebook_features(tok, lexicon.codebook)


#: Prefix of the codebook's features: the 5-way model reads them; the PLOVER type model is trained
#: without them (:func:`type_features`), its rules having been written against the same readings.
CODEBOOK_PREFIX = "cb"


def codebook_features(tok: Token, book: Codebook) -> list[str]:
    """The CAMEO verb dictionary's compound-pattern root of one verb ("lifted sanctions" 08,
    "claimed responsibility" 01), and "---" where its pattern says no event.

    The single-verb root (``cv=``) cannot tell "lift sanctions" from "lift a siege"; the pattern
    can, and it names the CAMEO family the 5-way classes are made of with words the training
    file need not contain — which is what carries to other news."""
    pat = book.pattern(tok) if book.patterns else None
    if pat is None:
        return []
    root = pat.code[:2] if pat.code != "---" else "none"
    out = [f"{CODEBOOK_PREFIX}p={root}"]
    if tok.dep_ == "ROOT":
        out.append(f"{CODEBOOK_PREFIX}r={root}")
    return out


#: Verbs whose complement clause is the act a sentence reports, in both labelled sources: a report
#: ("said troops shelled the town", "announced it had suspended aid") or a decision ("decided to grant
#: asylum"). Under an intent, appeal or threat ("agreed to send troops", "urged it to release",
#: "threatened to pull funding") both files label the frame, as CAMEO codes it, so those complements
#: get no features of their own: read from the ConfliBERT and PLOVER GSR labels, agree's complement
#: names the class in 3 of 54 ConfliBERT sentences, decide's in 6 of 6.
REPORTING_VERBS = frozenset({
    "say", "tell", "state", "report", "claim", "confirm", "announce", "declare", "warn",
    "decide", "order", "approve", "begin", "start", "continue", "move", "resolve",
})


def reported_act_features(tok: Token, lexicon: CameoVerbs) -> list[str]:
    """The act under a reporting or deciding verb, apart from the bag of verbs: its lemma, its
    CAMEO root by the verb lexicon and by the dictionary's patterns (``cbx…``, 5-way only).

    In the bag, "said" and "shelled" weigh alike, and "say" governs a clause in over 200 of the
    1,349 ConfliBERT sentences. Marking the reported act lets the 5-way model learn that it, not the
    report, is the event; the CAMEO roots carry that to acts the training files do not name."""
    head = tok.head
    if tok.dep_ not in ("xcomp", "ccomp") or tok.pos_ not in ("VERB", "AUX") or head.pos_ != "VERB" \
            or head.lemma_.lower() not in REPORTING_VERBS:
        return []
    lemma = tok.lemma_.lower()
    out = [f"{REPORTED_PREFIX}v={lemma}"]
    root = lexicon.root_of(lemma, _objects(tok))
    if root:
        out.append(f"{REPORTED_PREFIX}c={root}")
    pat = lexicon.codebook.pattern(tok) if lexicon.codebook.patterns else None
    if pat is not None:
        out.append(f"{REPORTED_PREFIX}={pat.code[:2] if pat.code != '---' else 'none'}")
    return out


#: Prefix of the reported act's features; it starts with :data:`CODEBOOK_PREFIX`, so the PLOVER
#: type model, whose rules already read frames (``codebook.compose``), is trained without them.
REPORTED_PREFIX = f"{CODEBOOK_PREFIX}x"


def type_features(feats: list[str]) -> list[str]:
    """The PLOVER type model's features: all but the codebook's (see :data:`CODEBOOK_PREFIX`)."""
    return [f for f in feats if not f.startswith(CODEBOOK_PREFIX)]


class LinearModel:
    """Multinomial logistic regression stored as arrays: vocabulary, weights, intercepts, classes."""

    def __init__(self, vocab: list[str], weights: np.ndarray, intercept: np.ndarray, classes: list[str]) -> None:
        self.index = {f: i for i, f in enumerate(vocab)}
        self.weights = weights
        self.intercept = intercept
        self.classes = classes

    @classmethod
    def load(cls, path: Path) -> LinearModel | None:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls([str(v) for v in data["vocab"]], data["weights"], data["intercept"],
                           [str(c) for c in data["classes"]])
        except (OSError, KeyError, ValueError) as exc:
            log.info("event model %s not usable (%s): rules only", path, exc)
            return None

    def save(self, path: Path) -> None:
        vocab = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, vocab=np.array(vocab), weights=self.weights.astype(np.float32),
                            intercept=self.intercept.astype(np.float32), classes=np.array(self.classes))

    def proba(self, feats: list[str]) -> dict[str, float]:
        # Rows are summed in first-seen order, not set order (which follows PYTHONHASHSEED): float32
        # sums must come out the same in every worker process.
        rows = [self.index[f] for f in dict.fromkeys(feats) if f in self.index]
        scores = self.weights[rows].sum(axis=0) + self.intercept if rows else self.intercept.copy()
        top = float(scores.max())
        exp = [math.exp(float(s) - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}


_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


class PentaModel:
    """ConfliBERT's 5-way CAMEO family (01–02, 03–05, 06–08, 09–13 + 16, the rest of 14–20) of a sentence
    (the Phoenix table, :func:`newsdesk.analyze.eventdata.penta`).

    Trained on a larger, differently sampled corpus than PLOVER GSR, its verdict is a feature of
    the PLOVER type model. Word 1–2-gram TF-IDF (sublinear tf, L2) next to the L2-normalised
    binary lexicon features, one linear score per class: what scikit-learn's pipeline computes,
    replayed from arrays.
    """

    def __init__(self, words: list[str], idf: np.ndarray, lex: list[str], weights: np.ndarray,
                 intercept: np.ndarray) -> None:
        self.words = {w: i for i, w in enumerate(words)}
        self.lex = {f: len(words) + i for i, f in enumerate(lex)}
        self.idf = idf
        self.weights = weights
        self.intercept = intercept

    @classmethod
    def load(cls, path: Path) -> PentaModel | None:
        try:
            with np.load(path, allow_pickle=False) as d:
                return cls([str(w) for w in d["words"]], d["idf"], [str(f) for f in d["lex"]], d["weights"],
                           d["intercept"])
        except (OSError, KeyError, ValueError) as exc:
            log.info("penta model %s not usable (%s)", path, exc)
            return None

    def save(self, path: Path) -> None:
        words = sorted(self.words, key=self.words.__getitem__)
        lex = sorted(self.lex, key=self.lex.__getitem__)
        np.savez_compressed(path, words=np.array(words), idf=self.idf.astype(np.float32), lex=np.array(lex),
                            weights=self.weights.astype(np.float32), intercept=self.intercept.astype(np.float32))

    def scores(self, text: str, feats: list[str]) -> np.ndarray:
        tokens = _WORD.findall(text.lower())
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        counts: dict[int, int] = {}
        for gram in grams:
            j = self.words.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        out = self.intercept.astype(np.float64)
        if counts:
            idx = np.fromiter(counts, dtype=np.int64)
            vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[idx]
            out = out + (vals / np.linalg.norm(vals)) @ self.weights[idx]
        lex = [j for j in (self.lex.get(f) for f in dict.fromkeys(feats)) if j is not None]
        if lex:
            out = out + self.weights[lex].sum(axis=0) / math.sqrt(len(lex))
        return out

    def predict(self, text: str, feats: list[str]) -> int:
        return int(np.argmax(self.scores(text, feats)))


@dataclass
class EventModels:
    """The optional learned parts of event coding; any may be None (rules decide alone)."""

    type_model: LinearModel | None = None
    lexicon: CameoVerbs = field(default_factory=CameoVerbs)
    spans: SpanTagger | None = None
    penta: PentaModel | None = None

    @classmethod
    def load(cls, directory: Path | None = None) -> EventModels:
        d = directory or data_file("models")
        return cls(LinearModel.load(d / TYPE_MODEL), load_cameo_verbs(str(d / CAMEO_VERBS)),
                   SpanTagger.load(d / SPAN_MODEL), PentaModel.load(d / PENTA_MODEL))


def with_penta(feats: list[str], text: str, penta: PentaModel | None) -> list[str]:
    """The type model's features plus the 5-way model's verdict on the same sentence."""
    return [*feats, f"penta={penta.predict(text, feats)}"] if penta is not None else feats
