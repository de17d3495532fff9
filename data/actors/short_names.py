"""Short forms of people's names for ``derive_people.py``: "First Last" and, when safe, the surname alone.

Why: the Phoenix dictionary writes people out in full ("Omar Hassan Ahmad al-Bashir", "Carlos Saul
Menem") and lists short forms for only a few of them, while news names a leader once as "President
Omar al-Bashir" and then as "Bashir" or "Mugabe". The matcher is exact, so a person without a
short form is never found. A surname alone is a strong claim, though: "Made" (Joseph Made of
Zimbabwe), "Rice", "Hassan" or "Tripoli" would swallow ordinary text, so it is kept only when it is
unambiguous in the whole dictionary and is not a first name, a place, an organisation or a common
English word (the spaCy model's WordNet word lists and tagger decide that, see :func:`common_words`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

#: Name particles that belong to the surname ("al-Bashir", "de Klerk", "van der Merwe", "bin Laden").
PARTICLES = frozenset({"al", "el", "bin", "ben", "ibn", "de", "del", "della", "da", "dos", "das", "du", "van",
                       "von", "der", "den", "la", "le", "di", "abu", "bint", "ould", "ter", "ten"})
#: Particles news joins to the name with a hyphen ("al-Assad"); the others take a space ("de Klerk").
HYPHENATED = frozenset({"al", "el"})
#: States whose people are named family name first ("Hu Jintao", "Kim Jong Il", "Nguyen Tan Dung"):
#: the surname is the first word and "First Last" is meaningless.
FAMILY_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"})
#: Shortest surname kept alone: "Li", "Ng", "Aho" are too often something else.
MIN_SURNAME = 4
#: Most states whose people share a surname for "First Last" forms to be made from it.
MAX_SHARED = 2
_WORD = re.compile(r"[A-Z][a-z]+(?:['-][A-Za-z][a-z]+)?")


@dataclass(frozen=True)
class NameParts:
    """A person's given names and surname (with its particles), as written in the title-cased name."""

    given: tuple[str, ...]
    surname: tuple[str, ...]

    @property
    def last(self) -> str:
        """The surname without particles ("Bashir" of "al Bashir")."""
        return self.surname[-1]


def split_name(name: str, country: str = "") -> NameParts | None:
    """ "Omar Hassan Ahmad al Bashir" → (Omar, Hassan, Ahmad) + (al, Bashir); None when the name has
    no given name or its surname is not a plain word ("F.W.", "Jr.")."""
    words = name.split()
    if len(words) < 2:
        return None
    if country in FAMILY_FIRST:
        return NameParts(tuple(words[1:]), (words[0],)) if _WORD.fullmatch(words[0]) else None
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    if not _WORD.fullmatch(words[-1]):
        return None
    return NameParts(tuple(words[:start]), tuple(words[start:]))


def surname_forms(parts: NameParts) -> list[str]:
    """How news writes the surname alone: "Bashir" and "al-Bashir"; "de Klerk" (not "Klerk")."""
    particles = parts.surname[:-1]
    if not particles:
        return [parts.last]
    if all(p.lower() in HYPHENATED for p in particles):
        return [parts.last, "-".join((*particles, parts.last))]
    return [" ".join(parts.surname)]


def given_variants(parts: NameParts, country: str = "") -> list[str]:
    """ "Omar al-Bashir", "Omar El Bashir", "Omar Hassan al-Bashir" for "Omar Hassan Ahmad al Bashir":
    the leading given names with the surname, as news shortens a long name (never the full name
    itself), and two given names joined as French names are ("Jean-Bertrand Aristide")."""
    if country in FAMILY_FIRST or len(parts.given) < 2:
        return []
    forms = [" ".join(parts.surname)]
    if len(parts.surname) == 2 and parts.surname[0].lower() in HYPHENATED:
        # the Arabic article is transliterated al- or el-, and written with or without a capital
        forms = [f"{article}{joint}{parts.last}" for article in ("al", "el", "Al", "El") for joint in ("-", " ")]
        forms.append(parts.last)
    out = [" ".join((*parts.given[:k], form)) for k in range(1, len(parts.given)) for form in forms]
    if len(parts.given) == 2:
        out.append(f"{parts.given[0]}-{parts.given[1]} {' '.join(parts.surname)}")
    return out


def common_words(words: Iterable[str]) -> set[str]:
    """The lower-cased ``words`` that are ordinary English words, by the spaCy model's own data.

    A word in WordNet as a verb, adjective or adverb ("made", "brown", "rich"), or an inflection of a
    WordNet word ("grew", "boys", "hills"), is common. A word WordNet has only as a noun is common
    unless the tagger reads it, lower-cased, as a proper noun in both of two neutral frames: WordNet
    also lists famous people ("mandela", "arafat"), and the tagger has learned those as names
    ("rice", "gates", "kohl", "carter" stay common).
    """
    import spacy

    from newsdesk.analyze import MODEL

    nlp = spacy.load(MODEL, exclude=["ner", "parser"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    other = set(index["verb"]) | set(index["adj"]) | set(index["adv"])
    nouns = set(index["noun"])
    known = other | nouns
    lowered = sorted({w.lower() for w in words})
    out = {w for w in lowered if w in other or w in nlp.Defaults.stop_words}
    frames = ("he met {} on monday .", "the {} said that")
    for frame in frames:
        for word, doc in zip(lowered, nlp.pipe(frame.format(w) for w in lowered), strict=True):
            token = next((t for t in doc if t.text == word), None)
            if token is None:
                continue
            if (word in nouns and token.tag_ != "NNP") or (token.lemma_ != word and token.lemma_ in known):
                out.add(word)
    return out


class ShortNames:
    """Short forms that stay unambiguous across every person of the dictionary.

    ``people`` are (name, country) pairs of every person, hand-written and derived (one pair per
    person and state); ``reserved`` holds lower-cased place, organisation, country and
    title words a surname must not shadow.
    """

    def __init__(self, people: Iterable[tuple[str, str]], reserved: set[str]) -> None:
        self.reserved = reserved
        self._owners: dict[str, set[str]] = defaultdict(set)  # surname → full names carrying it
        self._variant_countries: dict[str, set[str]] = defaultdict(set)
        self.first_names: set[str] = set()
        for name, country in people:
            parts = split_name(name, country)
            if parts is None:
                continue
            self.first_names.update(w.lower() for w in parts.given if w.lower() not in PARTICLES)
            self._owners[parts.last.lower()].add(_identity(name, country))
            for variant in given_variants(parts, country):
                self._variant_countries[variant.lower()].add(country)
        self._common = common_words(w for w, owners in self._owners.items()
                                    if len(owners) == 1 and w not in self.first_names and w not in reserved)

    def variants(self, name: str, country: str) -> list[str]:
        """ "First Last" forms of ``name`` that no person of another state also goes by, when the
        surname belongs to few states: "Luis Gonzalez" or "John Smith" names people everywhere."""
        parts = split_name(name, country)
        if parts is None or len({o.rsplit(" ", 1)[1] for o in self._owners[parts.last.lower()]}) > MAX_SHARED:
            return []
        return [v for v in given_variants(parts, country) if self._variant_countries[v.lower()] == {country}]

    def surnames(self, name: str, country: str) -> list[str]:
        """The surname alone, or nothing when it could be someone or something else."""
        parts = split_name(name, country)
        if parts is None:
            return []
        last = parts.last.lower()
        if (len(last) < MIN_SURNAME or len(self._owners[last]) != 1 or last in self.first_names
                or last in self.reserved or last in self._common):
            return []
        return [form for form in surname_forms(parts) if form.lower() not in self.reserved]


def _identity(name: str, country: str) -> str:
    """One person however the file spells the middle names: first given name, surname, state."""
    words = name.lower().split()
    return f"{words[0]} {words[-1]} {country}"
