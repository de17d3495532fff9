"""Which sentences deserve a full parse: the cheap first pass of the analysis.

Tagging and parsing cost two thirds of the analysis, yet most sentences of a scraped page —
navigation, captions, boilerplate, and many news sentences too — cannot yield a coded event with
an actor: that needs a trigger word and an actor the coder can resolve. Both show before the
parse. Actors come from the dictionary matcher, which reads tokens only (or from "he"/"she"
referring back to the last person named). Trigger candidates come from each lower-cased word
form mapped to every lemma it could have as a noun or a verb (from the lemmatizer's own tables),
looked up among the event lexicon's words and the CAMEO verb dictionary's verbs — a superset of
what the coder can fire on after the parse, so the filter loses no event that has an actor.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Span

from newsdesk.analyze.classify import CameoVerbs
from newsdesk.analyze.lexicon import NOUNS, OBJECT_OVERRIDES, PHRASAL, ROOT_TO_PLOVER, VERBS

#: Pronouns the coder resolves to the last person named in an earlier sentence.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_POS = ("noun", "verb")


class CheapLemmas:
    """Every lemma a lower-cased word form could have as a noun or a verb, computed once per form.

    The same suffix rules, exceptions and word index as spaCy's rule lemmatizer, applied without
    knowing the part of speech, so the answer contains what the lemmatizer would say after tagging.
    """

    MAX_CACHE = 500_000

    def __init__(self, lookups: Any | None) -> None:
        tables = {name: lookups.get_table(name, {}) if lookups is not None else {}
                  for name in ("lemma_index", "lemma_exc", "lemma_rules")}
        self._index = {pos: set(tables["lemma_index"].get(pos, ())) for pos in _POS}
        self._exc = {pos: dict(tables["lemma_exc"].get(pos, {})) for pos in _POS}
        self._rules = {pos: list(tables["lemma_rules"].get(pos, ())) for pos in _POS}
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def of(cls, nlp: Any) -> CheapLemmas:
        """The tables of ``nlp``'s lemmatizer (none: every word is its own lemma)."""
        pipe = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        pipe = getattr(pipe, "lemmatizer", pipe)  # unwrap FastLemmatizer
        return cls(getattr(pipe, "lookups", None))

    def forms(self, lower: str) -> tuple[str, ...]:
        """``lower`` itself first, then its possible noun and verb lemmas."""
        found = self._cache.get(lower)
        if found is None:
            if len(self._cache) >= self.MAX_CACHE:
                self._cache.clear()
            out = dict.fromkeys([lower])
            for pos in _POS:
                out.update(dict.fromkeys(self._lemmas(lower, pos)))
            found = self._cache[lower] = tuple(out)
        return found

    def _lemmas(self, word: str, pos: str) -> list[str]:
        forms: list[str] = list(self._exc[pos].get(word, ()))
        oov: list[str] = []
        for old, new in self._rules[pos]:
            if word.endswith(old):
                form = word[: len(word) - len(old)] + new
                if form:
                    (forms if form in self._index[pos] or not form.isalpha() else oov).append(form)
        return forms or oov


def trigger_lemmas(lexicon: CameoVerbs | None) -> frozenset[str]:
    """Every lemma that can start an event: rule triggers and CAMEO verbs (not 01, "make statement")."""
    words = set(VERBS) | set(NOUNS) | {key.split()[0] for key in PHRASAL} | {verb for verb, _ in OBJECT_OVERRIDES}
    if lexicon is not None:
        words |= {verb for verb, root in lexicon.verbs.items() if _coded(root)}
        words |= {key.split()[0] for key, root in lexicon.objects.items() if _coded(root)}
    return frozenset(words)


def _coded(root: str) -> bool:
    return root != "01" and root in ROOT_TO_PLOVER


class Triage:
    """Decides, sentence by sentence, whether the parse and the event coder should see it."""

    def __init__(self, lemmas: CheapLemmas, triggers: frozenset[str]) -> None:
        self.lemmas = lemmas
        self.triggers = triggers

    def has_trigger(self, sent: Span) -> bool:
        """Some word of ``sent`` could be an event trigger once lemmatised."""
        triggers, forms = self.triggers, self.lemmas.forms
        return any(not triggers.isdisjoint(forms(tok.lower_)) for tok in sent if not tok.is_punct)

    def worth_parsing(self, sent: Span, has_mention: bool, person_before: bool) -> bool:
        """An actor is in reach (a dictionary mention, or a pronoun for an earlier person) and a
        trigger candidate is present."""
        if not has_mention and not (person_before and _has_pronoun(sent)):
            return False
        return self.has_trigger(sent)


def _has_pronoun(sent: Iterable[Any]) -> bool:
    return any(tok.lower_ in PERSON_PRONOUNS for tok in sent)
