"""Train the event-typing models and derive the CAMEO verb lexicon shipped under ``data/models/``.

Usage::

    python scripts/train_events.py [--events ../shared/data/events] [--out data/models]

Writes ``cameo_verbs.json`` (verb lemma → CAMEO root, "verb object" → root, derived from the
Phoenix ``CAMEO.2.0.txt`` verb dictionary, MIT licence) and ``event_type.npz`` (PLOVER type model,
trained on the PLOVER GSR sentences). Only weights and feature names are written, never sentences.
The helpers here are also what ``benchmarks/events.py`` uses for its cross-validation.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsdesk.analyze import Analyzer
from newsdesk.analyze.classify import CAMEO_VERBS, TYPE_MODEL, CameoVerbs, LinearModel, sentence_features
from newsdesk.analyze.eventdata import load_plover, penta
from newsdesk.analyze.events import candidate_types, find_triggers

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ROOT.parent / "shared" / "data" / "events"
C_TYPE = 2.0
C_PENTA = 1.0


@dataclass(frozen=True)
class TrainRow:
    ident: str
    text: str
    label: str


# ------------------------------------------------------------------------------ CAMEO lexicon

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[(\d{2,4})[:\]]")


def derive_cameo_verbs(path: Path) -> dict[str, dict[str, str]]:
    """Verb lemma → root and "verb object" → root from the CAMEO verb pattern dictionary.

    A verb's own code wins, then its block's code, then the commonest root of the patterns
    written for it. Object patterns keep single words and ``&SYNSET`` members.
    """
    synsets = _synsets(path)
    verbs: dict[str, str] = {}
    objects: dict[str, str] = {}
    block_code, block_verbs, votes = None, [], Counter()  # type: ignore[var-annotated]
    pattern_votes: dict[str, Counter[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        head = _HEADER.match(line)
        if head:
            _close_block(block_code, block_verbs, votes, pattern_votes, verbs)
            block_code = head.group(2)[:2] if head.group(2)[:2].isdigit() else None
            block_verbs, votes, pattern_votes = [], Counter(), {}
            continue
        body = line.split("#")[0].strip()
        comment = line.split("#")[1].strip().lower() if "#" in line else ""
        if not body or body.startswith(("&", "+")) and " " not in body:
            continue
        if body.startswith("- "):
            _pattern(body, comment, synsets, objects, votes, pattern_votes)
        elif re.match(r"^[A-Z][A-Z-]+\b", body) and not body.startswith(("-", "+", "&")):
            word = body.split()[0].lower()
            code = _CODE.search(body)
            block_verbs.append((word, code.group(1)[:2] if code else None))
    _close_block(block_code, block_verbs, votes, pattern_votes, verbs)
    return {"verbs": dict(sorted(verbs.items())), "objects": dict(sorted(objects.items()))}


def _synsets(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="latin-1").splitlines():
        body = line.split("#")[0].strip()
        if body.startswith("&") and " " not in body:
            current = body
            out[current] = []
        elif current and body.startswith("+"):
            word = body[1:].strip().rstrip("_")
            if word and "_" not in word:
                out[current].append(word.lower())
        elif body.startswith("---"):
            break
        elif not body:
            current = None
    return out


def _pattern(body: str, verb_comment: str, synsets: dict[str, list[str]], objects: dict[str, str],
             votes: Counter[str], pattern_votes: dict[str, Counter[str]]) -> None:
    code = _CODE.search(body)
    if not code:
        return
    root = code.group(1)[:2]
    votes[root] += 1
    verb = verb_comment.split()[0] if verb_comment else ""
    if verb:
        pattern_votes.setdefault(verb, Counter())[root] += 1
    tokens = body[2:].split("[")[0].split()
    if verb and len(tokens) >= 2 and tokens[0] == "*":
        nxt = tokens[1]
        words = synsets.get(nxt, []) if nxt.startswith("&") else [nxt.lower()] if nxt.isalpha() else []
        for word in words:
            objects.setdefault(f"{verb} {_singular(word)}", root)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _close_block(code: str | None, block_verbs: list[tuple[str, str | None]], votes: Counter[str],
                 pattern_votes: dict[str, Counter[str]], verbs: dict[str, str]) -> None:
    for word, own in block_verbs:
        mine = pattern_votes.get(word)
        root = own or code or (mine.most_common(1)[0][0] if mine else None) or \
            (votes.most_common(1)[0][0] if votes else None)
        if root and word not in verbs:
            verbs[word] = root


# ------------------------------------------------------------------------------- features

_ANALYZER: Analyzer | None = None
_FEATURES: dict[str, list[str]] = {}


def analyzer() -> Analyzer:
    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = Analyzer(ner=False)
    return _ANALYZER


def featurize(texts: list[str], lexicon: CameoVerbs | None = None) -> list[list[str]]:
    """Features of each text as the coder sees them (cached per text: CV reuses the parses)."""
    lex = lexicon or analyzer().models.lexicon
    todo = [t for t in dict.fromkeys(texts) if t not in _FEATURES]
    nlp = analyzer().nlp
    for text, doc in zip(todo, nlp.pipe(todo, batch_size=64), strict=True):
        feats: list[str] = []
        for sent in doc.sents:
            feats.extend(sentence_features(sent, candidate_types(_typed(sent)), lex))
        _FEATURES[text] = feats
    return [_FEATURES[t] for t in texts]


def _typed(sent: Any) -> list[Any]:
    from newsdesk.analyze.events import _intent

    cands = find_triggers(sent)
    for cand in cands:
        cand.trigger = _intent(cand)
    return cands


def training_rows(events: Path = EVENTS) -> list[TrainRow]:
    return [TrainRow(r["id"], r["text"], r["event"]) for r in load_plover(events)]


def _fit(feats: list[list[str]], labels: list[Any], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feats])
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, labels)
    coef = clf.coef_.T
    intercept = clf.intercept_
    classes = [str(k) for k in clf.classes_]
    if len(classes) == 2:  # binary: expand to two columns so proba() works the same
        coef = np.hstack([-coef / 2, coef / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    keep = np.abs(coef).max(axis=1) > 1e-4
    vocab = [f for f, k in zip(vec.feature_names_, keep, strict=True) if k]
    return LinearModel(vocab, coef[keep], intercept, classes)


def fit_type_model(rows: Iterable[TrainRow], c: float = C_TYPE) -> LinearModel:
    rows = list(rows)
    return _fit(featurize([r.text for r in rows]), [r.label for r in rows], c)


# ------------------------------------------------------------------------ penta experiments


def _macro_f1(gold: list[int], pred: list[int]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="macro"))


def _predict(model: LinearModel, feats: list[list[str]]) -> list[int]:
    out = []
    for f in feats:
        p = model.proba(f)
        out.append(int(max(p, key=p.__getitem__)))
    return out


def penta_cv(texts: list[str], labels: list[int], folds: int = 5) -> dict[str, float]:
    """5-fold stratified CV macro-F1 of the penta model, and of a TF-IDF + linear SVM baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    feats = featurize(texts)
    skf = StratifiedKFold(folds, shuffle=True, random_state=0)
    pred = [0] * len(texts)
    for train, test in skf.split(texts, labels):
        model = _fit([feats[i] for i in train], [labels[i] for i in train], C_PENTA)
        for i, p in zip(test, _predict(model, [feats[i] for i in test]), strict=True):
            pred[i] = p
    base = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC())
    base_pred = cross_val_predict(base, texts, labels, cv=skf)
    return {"ours (macro-F1)": _macro_f1(labels, pred), "TF-IDF+SVM (macro-F1)": _macro_f1(labels, list(base_pred))}


def penta_transfer(texts: list[str], labels: list[int], petrarch: list[dict[str, Any]]) -> dict[str, Any]:
    """Train on the ConfliBERT file, test on PETRARCH-2 sentences mapped to 5 classes by root."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    test = [(r["text"], penta(e["eventcode"][:2])) for r in petrarch
            for e in r["events"][:1] if "eventcode" in e]
    model = _fit(featurize(texts), labels, C_PENTA)
    gold = [y for _, y in test]
    ours = _predict(model, featurize([t for t, _ in test]))
    base = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC()).fit(texts, labels)
    return {"test sentences": len(test), "ours (macro-F1)": _macro_f1(gold, ours),
            "TF-IDF+SVM (macro-F1)": _macro_f1(gold, list(base.predict([t for t, _ in test])))}


# ------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=EVENTS)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "models")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    lexicon = derive_cameo_verbs(args.events / "phoenix-dictionaries" / "CAMEO.2.0.txt")
    (args.out / CAMEO_VERBS).write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{CAMEO_VERBS}: {len(lexicon['verbs'])} verbs, {len(lexicon['objects'])} verb-object pairs")
    analyzer()._models = None  # reload with the fresh lexicon
    from newsdesk.analyze.classify import load_cameo_verbs

    load_cameo_verbs.cache_clear()
    model = fit_type_model(training_rows(args.events))
    model.save(args.out / TYPE_MODEL)
    print(f"{TYPE_MODEL}: {len(model.index)} features x {len(model.classes)} classes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
