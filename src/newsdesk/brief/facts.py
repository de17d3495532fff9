"""Key facts of news sentences: dates, numbers and capitalised names, plus literal trims.

Why: a background summary is judged by whether it keeps the facts a reader needs — when the story
began, the running figures, who is involved. Those facts are cheap to spot on the surface (a month
followed by a day, a digit run, a capitalised word sequence), so the summariser can count how often
each recurs across a story's documents and prefer sentences that carry recurring, not-yet-covered
facts. The extractor is deliberately simple and dependency-free.

Trimming: attribution ("Officials said that ...", "..., according to the ministry.") spends words
without adding facts. :func:`trims` offers shorter candidates that are still *literal substrings*
of the sentence, so every summary sentence stays traceable to its source.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = (
    "|".join(m.capitalize() for m in _MONTHS) + "|" + "|".join(m[:3].capitalize() + r"\." for m in _MONTHS)
)
_DATE_MD = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
_DATE_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})")
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_NAME = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*)*")
_WORD = re.compile(r"[\w'’-]+")
_SKIP = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "after",
        "before",
        "when",
        "while",
        "he",
        "she",
        "it",
        "they",
        "we",
        "this",
        "that",
        "his",
        "her",
        "its",
        "their",
        "but",
        "and",
        "as",
        "by",
        "for",
        "from",
        "of",
        "to",
        "with",
        "during",
        "since",
        "some",
        "many",
        "more",
        "most",
        "also",
        "however",
        "meanwhile",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    + _MONTHS
)
_TITLES = frozenset(["dr", "mr", "mrs", "ms", "prof", "president", "gen", "sen", "rep", "gov", "judge", "st"])


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(key))


def _normal(words: list[str]) -> str:
    """Lower-case words without possessives or leading titles ("Dr. Lee's" → "lee")."""
    cleaned = [re.sub(r"['’]s$", "", w).rstrip(".").lower() for w in words]
    while len(cleaned) > 1 and cleaned[0] in _TITLES:
        cleaned.pop(0)
    return " ".join(cleaned)


def dates_and_numbers(text: str) -> set[str]:
    """Dates as month-day and numbers (a number inside a date is not counted again).

    Public because ``benchmarks/background.py`` scores key-fact coverage with the same date and
    number rules; it keeps its own name rules, which are the metric's, not the summariser's.
    """
    facts: set[str] = set()
    spans: list[tuple[int, int]] = []
    for match in _DATE_MD.finditer(text):
        facts.add(f"date:{_month(match.group(1)):02d}-{int(match.group(2)):02d}")
        spans.append(match.span())
    for match in _DATE_DM.finditer(text):
        facts.add(f"date:{_month(match.group(2)):02d}-{int(match.group(1)):02d}")
        spans.append(match.span())
    for match in _NUMBER.finditer(text):
        if not any(s <= match.start() < e for s, e in spans):
            facts.add("num:" + match.group(0).replace(",", "").rstrip("."))
    return facts


def _names(text: str) -> set[str]:
    """Capitalised sequences; a lone sentence-initial word is ignored (it is capitalised anyway)."""
    names: set[str] = set()
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        initial = match.start() == 0 or text[: match.start()].rstrip()[-1:] in '.!?"“'
        while words and words[0].lower() in _SKIP:
            words.pop(0)
            initial = False
        if not words or (initial and len(words) == 1):
            continue
        name = _normal(words)
        if name and name not in _TITLES:
            names.add("name:" + name)
    return names


def key_facts(text: str) -> set[str]:
    """Dates (``date:MM-DD``), numbers (``num:N``) and names (``name:lower case``) in ``text``."""
    return dates_and_numbers(text) | _names(text)


def word_ngrams(text: str, longest: int = 5) -> set[str]:
    """Normalised word n-grams, so a name fact is covered by any text containing its words in order."""
    words = [_normal([w]) for w in _WORD.findall(text)]
    return {" ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}


def covered(facts: set[str], text: str) -> set[str]:
    """The members of ``facts`` that ``text`` carries (names also inside longer names)."""
    own = key_facts(text)
    grams = word_ngrams(text)
    return {f for f in facts if f in own or (f.startswith("name:") and f[5:] in grams)}


# ------------------------------------------------------------------------------------- trims

_SAY = r"(?:said|says|say|reported|reports|announced|announces|confirmed|confirms|stated|states|added|adds)"
# Only anonymous sources are dropped from the front: a named speaker ("Treasury Secretary Henry
# Paulson says ...") is itself a key fact of the sentence.
_GENERIC_SOURCE = r"(?i:(?:the\s+)?(?:officials?|authorities|police|reports?|sources?|witnesses|analysts|experts)|it\s+(?:is|was|has\s+been))"
_LEADING_ATTRIBUTION = re.compile(
    rf"^{_GENERIC_SOURCE}\s+(?:\w+\s+)?{_SAY}\s+(?:on\s+\w+\s+)?(?:that\s+)?(?=\S)"
)
_TRAILING_ATTRIBUTION = re.compile(
    rf",\s+(?:according\s+to\b[^,;]*|[^,;]{{1,50}}?\b{_SAY}(?:\s+on\s+\w+)?)[.!]?[\"”]?$"
)


def trims(sentence: str) -> list[str]:
    """Shorter literal substrings of ``sentence`` without leading/trailing attribution clauses."""
    out: list[str] = []
    head = _LEADING_ATTRIBUTION.match(sentence)
    tail = _TRAILING_ATTRIBUTION.search(sentence)
    start = head.end() if head and len(sentence) - head.end() > 20 else 0
    end = tail.start() if tail and tail.start() - start > 20 else len(sentence)
    for s, e in {(start, len(sentence)), (0, end), (start, end)}:
        if (s, e) != (0, len(sentence)) and e - s > 20:
            out.append(sentence[s:e])
    return sorted(set(out), key=len, reverse=True)


# ------------------------------------------------------------------------------ fact weights

# Logistic model of "a background summary keeps this fact", fitted on the background-summaries
# train split: facts that recur across documents, appear in the first report or were mentioned
# lately are kept; dates are kept far more often than bare numbers.
_BIAS, _LOG_COUNT, _SHARE, _FIRST, _RECENT, _NUM, _DATE = -3.0, 1.37, 1.39, 1.0, 1.51, -0.46, 2.16
_RECENT_SPAN = 2.0


def fact_weights(doc_facts: Sequence[set[str]]) -> dict[str, float]:
    """Probability-like weight of each fact of a chronological list of documents' fact sets."""
    n_docs = len(doc_facts)
    count: dict[str, int] = {}
    last: dict[str, int] = {}
    for rank, facts in enumerate(doc_facts):
        for fact in facts:
            count[fact] = count.get(fact, 0) + 1
            last[fact] = rank
    first = doc_facts[0] if doc_facts else set()
    weights: dict[str, float] = {}
    for fact, n in count.items():
        kind = fact.split(":", 1)[0]
        logit = (
            _BIAS
            + _LOG_COUNT * math.log(n)
            + _SHARE * n / n_docs
            + _FIRST * (fact in first)
            + _RECENT * math.exp(-(n_docs - 1 - last[fact]) / _RECENT_SPAN)
            + _NUM * (kind == "num")
            + _DATE * (kind == "date")
        )
        weights[fact] = 1.0 / (1.0 + math.exp(-logit))
    return weights


def unit_facts(texts: Sequence[str], vocabulary: set[str]) -> list[frozenset[str]]:
    """For each text, the vocabulary facts it carries."""
    return [frozenset(covered(vocabulary, text)) for text in texts]
