"""Faster drop-ins for spaCy's ``attribute_ruler`` and ``lemmatizer`` on the small English model.

The ruler maps fine tags to coarse POS and morphology (plus a few word exceptions) with a
token ``Matcher``: 179 patterns, yet about 2 ms a sentence — a fifth of the whole analysis in the
default (no NER) mode. Almost all patterns look at one token's tag, lower-cased form, dependency
label or whitespace, so they are answered here by dictionary lookups (with IN / NOT_IN / REGEX
checks); the eight multi-token patterns ("gon na", "there is") stay in a small matcher, run only
on sentences that have a word each needs. Matches are applied in the ruler's own order (later
patterns win), so the annotations are the same as the original's.

The rule lemmatizer caches only the words it had to inflect: for a base form (a singular noun, an
infinitive — most tokens) it recomputes the morphology dictionary on every call, a tenth of the
analysis. :class:`FastLemmatizer` caches every answer by what the answer depends on (word form,
coarse POS and morphology), so the lemmas are the same as the original's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

_SINGLE_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE"}


@dataclass(frozen=True)
class _Rule:
    """A one-token pattern: what it wants of the token's tag, lower-cased form, dependency and space flag."""

    order: int
    tag: Any
    lower: Any
    dep: Any
    is_space: Any

    def ok(self, tag: str, lower: str, dep: str, is_space: bool) -> bool:
        return _ok(self.tag, tag) and _ok(self.lower, lower) and _ok(self.dep, dep) and _ok(self.is_space, is_space)


_PREDICATES = {"IN", "NOT_IN", "REGEX"}


def _simple(value: Any) -> bool:
    """A value the rules answer without the Matcher: a string, a bool, or one IN / NOT_IN / REGEX."""
    return isinstance(value, (str, bool)) or (isinstance(value, dict) and len(value) == 1
                                              and set(value) <= _PREDICATES)


def _keyed(value: Any) -> bool:
    """A value naming every string it accepts (a string or an IN list): rules are filed under them."""
    return isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"})


def _values(value: Any) -> list[Any]:
    """The values a rule is filed under (None: any; its predicate is checked by :func:`_ok`)."""
    if not _keyed(value):
        return [None]
    return list(value["IN"]) if isinstance(value, dict) else [value]


def _ok(want: Any, have: Any) -> bool:
    """Whether a token attribute value satisfies a pattern value, as spaCy's Matcher decides it."""
    if want is None:
        return True
    if not isinstance(want, dict):
        return bool(have == want)
    if "IN" in want:
        return have in want["IN"]
    if "NOT_IN" in want:
        return have not in want["NOT_IN"]
    return re.search(want["REGEX"], have) is not None


class FastAttributeRuler:
    """Callable pipeline component wrapping an existing ``AttributeRuler`` (its attrs are reused)."""

    #: Remembered attribute combinations before :attr:`_answers` starts afresh.
    MAX_CACHE = 500_000

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self.attrs = ruler.attrs
        self.indices = ruler.indices
        self.rules: dict[tuple[Any, Any], list[_Rule]] = {}
        #: (tag, lower, dep, is_space) hashes → the one-token rules they match: ruling on each token
        #: anew (a dozen checks, a regular expression) cost more than applying the answer.
        self._answers: dict[tuple[int, int, int, bool], tuple[int, ...]] = {}
        self.matcher = Matcher(ruler.vocab)
        self.strings = ruler.vocab.strings
        #: Per multi-token pattern, a (token attribute, values) one of its tokens must have; None: no such cue.
        self.cues: list[tuple[str, frozenset[int]] | None] = []
        for order, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                self._add(order, pattern)

    def _add(self, order: int, pattern: list[dict[str, Any]]) -> None:
        tok = pattern[0] if len(pattern) == 1 else {}
        if tok and set(tok) <= _SINGLE_KEYS and all(_simple(v) for v in tok.values()) and \
                self.indices[order] in (0, -1):
            rule = _Rule(order, tok.get("TAG"), tok.get("LOWER"), tok.get("DEP"), tok.get("IS_SPACE"))
            for tag in _values(tok.get("TAG")):
                for lower in _values(tok.get("LOWER")):
                    self.rules.setdefault((tag, lower), []).append(rule)
        else:
            self.matcher.add(str(order), [pattern])
            self.cues.append(self._cue(pattern))

    def _cue(self, pattern: list[dict[str, Any]]) -> tuple[str, frozenset[int]] | None:
        """A token attribute and the values one token of every match has (as string hashes)."""
        for tok in pattern:
            if tok.get("OP", "1") not in ("1", "+"):
                continue  # optional tokens need not be there
            for key in ("LOWER", "DEP", "TAG"):
                value = tok.get(key)
                if _keyed(value):
                    return key.lower(), frozenset(self.strings.add(v) for v in _values(value))
        return None

    def _may_match(self, doc: Doc) -> bool:
        """Whether a multi-token pattern can match: most sentences lack a token that each of them
        needs ("gon", "all", an expletive "there"), and the Matcher cost twice the one-token rules."""
        if any(cue is None for cue in self.cues):
            return True
        seen: dict[str, set[int]] = {}
        for attr, values in self.cues:  # type: ignore[misc]
            have = seen.get(attr)
            if have is None:
                have = seen[attr] = {getattr(token, attr) for token in doc}
            if not values.isdisjoint(have):
                return True
        return False

    def _single(self, token: Token, out: list[tuple[int, int]]) -> None:
        key = (token.tag, token.lower, token.dep, token.is_space)
        orders = self._answers.get(key)
        if orders is None:
            if len(self._answers) >= self.MAX_CACHE:
                self._answers.clear()
            orders = self._answers[key] = self._orders(token.tag_, token.lower_, token.dep_, token.is_space)
        out.extend((order, token.i) for order in orders)

    def _orders(self, tag: str, lower: str, dep: str, is_space: bool) -> tuple[int, ...]:
        """The one-token rules a token with these attributes matches (the same for every such token)."""
        return tuple(rule.order for key in ((tag, lower), (tag, None), (None, lower), (None, None))
                     for rule in self.rules.get(key, ()) if rule.ok(tag, lower, dep, is_space))

    def __call__(self, doc: Doc) -> Doc:
        hits: list[tuple[int, int]] = []
        for token in doc:
            self._single(token, hits)
        strings = doc.vocab.strings
        matches = self.matcher(doc, allow_missing=True) if self._may_match(doc) else []
        for match_id, start, end in matches:
            order = int(strings[match_id])
            hits.append((order, start + self.indices[order] if self.indices[order] >= 0 else end + self.indices[order]))
        hits.sort()
        for order, i in hits:
            self._set(doc[i], self.attrs[order])
        return doc


class FastLemmatizer:
    """Callable pipeline component wrapping a rule ``Lemmatizer``: the same lemmas, each computed once.

    spaCy's rule lemmatizer keeps its word index as lists (a linear scan per candidate form, a
    third of a millisecond per new word) and caches only inflected words; this one computes the
    same answer with the index as sets and caches every answer."""

    #: Entries kept before the cache starts afresh (a long stream's vocabulary keeps growing).
    MAX_CACHE = 500_000

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.overwrite = bool(getattr(lemmatizer, "overwrite", False))
        self.cache: dict[tuple[int, int, int], str] = {}
        lookups = lemmatizer.lookups
        self._index = {key: set(v) for key, v in lookups.get_table("lemma_index", {}).items()}
        self._exc = dict(lookups.get_table("lemma_exc", {}).items())
        self._rules = dict(lookups.get_table("lemma_rules", {}).items())

    def __call__(self, doc: Doc) -> Doc:
        cache = self.cache
        for token in doc:
            if token.lemma != 0 and not self.overwrite:
                continue  # set by the attribute ruler's exceptions
            key = (token.orth, token.pos, token.morph.key)
            lemma = cache.get(key)
            if lemma is None:
                if len(cache) >= self.MAX_CACHE:
                    cache.clear()
                lemma = cache[key] = self.lemma(token)
            token.lemma_ = lemma
        return doc

    def lemma(self, token: Token) -> str:
        """``Lemmatizer.rule_lemmatize(token)[0]``, step by step as spaCy 3 computes it."""
        string, univ_pos = token.text, token.pos_.lower()
        if univ_pos in ("", "eol", "space") or self.lemmatizer.is_base_form(token):
            return string.lower()
        pos_id = token.vocab.strings[univ_pos]
        index = self._index.get(pos_id, set())
        exceptions = self._exc.get(pos_id, {})
        rules = self._rules.get(pos_id, [])
        if not (index or exceptions or rules):
            return string if univ_pos == "propn" else string.lower()
        lower = string.lower()
        forms: list[str] = []
        oov: list[str] = []
        for old, new in rules:
            if lower.endswith(old):
                form = lower[: len(lower) - len(old)] + new
                if not form:
                    continue
                if form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov or [string])[0]


def _replace(nlp: Any, name: str, wrap: Any, kind: type) -> None:
    if name not in nlp.pipe_names:
        return
    pipe = nlp.get_pipe(name)
    components = getattr(nlp, "_components", None)
    if isinstance(pipe, kind) or not isinstance(components, list):
        return
    index = next(i for i, (n, _) in enumerate(components) if n == name)
    components[index] = (name, wrap(pipe))


def speed_up(nlp: Any) -> None:
    """Replace the pipeline's ``attribute_ruler`` and rule ``lemmatizer`` by the fast ones (idempotent)."""
    _replace(nlp, "attribute_ruler", FastAttributeRuler, FastAttributeRuler)
    if "lemmatizer" in nlp.pipe_names and getattr(nlp.get_pipe("lemmatizer"), "mode", None) == "rule":
        _replace(nlp, "lemmatizer", FastLemmatizer, FastLemmatizer)
