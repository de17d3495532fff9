"""Tokenising and hashed term weighting shared by story clustering and thread linking.

Terms are hashed into a fixed number of buckets (a hashing vectoriser) so the document-frequency
table stays bounded however long the stream runs, and so state written by one run can be reloaded
by the next: the hash is ``zlib.crc32``, stable across processes and machines (unlike ``hash()``).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)

#: Function words and newsroom filler that say nothing about which story a text belongs to.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according amid via new one two three
    year years day days week weeks month months monday tuesday wednesday thursday friday saturday sunday
    mr mrs ms dr us-based report reports reported update updates live video photos watch read
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def stem(word: str) -> str:
    """A deliberately light suffix stripper: folds plural and verb forms ("resigns", "arrived").

    A full stemmer over-merges short headline vocabularies; these few rules only fold the
    inflections that most often split one story's headlines. A final "e" is dropped so that
    "arrive", "arrives" and "arrived" all meet at "arriv".
    """
    if len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + repl
            break
    else:
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed content words of ``text`` in order."""
    out = []
    for raw in _TOKEN.findall(text.casefold()):
        word = raw.strip("'-").removesuffix("'s")
        if len(word) < 2 or word in STOPWORDS:
            continue
        out.append(stem(word))
    return out


#: A capitalised word; an apostrophe ends it, so "Saturn's" gives "Saturn".
_CAPITAL = re.compile(r"[A-Z][A-Za-z-]*[A-Za-z]")
#: A capitalised word inside a sentence: after a lower-case word or a comma, not after a full stop.
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][A-Za-z-]*[A-Za-z]")


def title_subject(title: str | None, text: str) -> str | None:
    """What a report is about, lower-cased: the name in ``title`` that ``text`` writes most often
    with a capital inside a sentence ("Titan" in "... Saturn's moon Titan ..."), or None.

    Title case capitalises every word of many headlines, so a title word counts as a name only when
    the body capitalises it where no sentence begins. Ties go to the word earlier in the title.
    """
    if not title:
        return None
    inner = Counter(w.casefold() for w in _INNER_CAPITAL.findall(text))
    words = (w for w in _CAPITAL.findall(title) if not w.isupper())  # an acronym is the teller as often
    names = [w for w in dict.fromkeys(w.casefold() for w in words) if w not in STOPWORDS]
    best = max(names, key=inner.__getitem__, default=None)  # max keeps the first of equals
    return best if best is not None and inner[best] else None


def bucket(term: str, n_features: int) -> int:
    """Stable hashed index of a term."""
    return zlib.crc32(term.encode("utf-8")) % n_features


def term_counts(text: str, n_features: int, bigrams: bool = False) -> Counter[int]:
    """Hashed term counts of ``text`` (optionally with adjacent-word bigrams)."""
    words = tokens(text)
    counts: Counter[int] = Counter(bucket(w, n_features) for w in words)
    if bigrams:
        counts.update(bucket(a + " " + b, n_features) for a, b in zip(words, words[1:], strict=False))
    return counts


class OnlineIdf:
    """Document frequencies learnt from the stream so far; idf is read at the moment of use.

    Weighting each document with the idf known when it arrives keeps clustering one-pass: nothing
    already assigned is re-weighted when later documents change the statistics.
    """

    def __init__(self, docs: int = 0, df: dict[int, int] | None = None) -> None:
        self.docs = docs
        self.df: dict[int, int] = dict(df or {})

    def add(self, terms: Iterable[int]) -> None:
        self.docs += 1
        for t in set(terms):
            self.df[t] = self.df.get(t, 0) + 1

    def idf(self, term: int) -> float:
        return math.log((1 + self.docs) / (1 + self.df.get(term, 0))) + 1.0

    def weigh(self, counts: Counter[int]) -> dict[int, float]:
        """Unit-length tf-idf vector (sublinear tf) of hashed term counts."""
        vec = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items() if c > 0}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}
