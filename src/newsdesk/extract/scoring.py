"""Scores for extraction output against annotated pages, shared by the benchmark and the trainer.

Both published benchmarks score words, not characters: WCXB uses a bag of lower-cased ``\\w+``
tokens, the Scrapinghub benchmark 4-gram shingles of them. Overlaps are multiset overlaps, so
repeating a paragraph costs precision. Both empty counts as a perfect match (a page that has no
main content and got none).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    """Lower-cased word tokens."""
    return _WORD.findall((text or "").lower())


def _f1(pred: Counter[str] | Counter[tuple[str, ...]], gold: Counter[str] | Counter[tuple[str, ...]]) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def bow_f1(predicted: str | None, gold: str | None) -> float:
    """Bag-of-words F1 (WCXB)."""
    return _f1(Counter(tokens(predicted)), Counter(tokens(gold)))


def shingle_f1(predicted: str | None, gold: str | None, n: int = 4) -> float:
    """Token n-gram shingle F1 (Scrapinghub); texts shorter than n are one shingle."""
    return _f1(_shingles(tokens(predicted), n), _shingles(tokens(gold), n))


def _shingles(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def norm_text(text: str | None) -> str:
    """Case- and punctuation-insensitive form (NFKC; accents kept) for title and snippet matching."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(_WORD.findall(text))


def snippets_found(predicted: str | None, snippets: list[str]) -> tuple[int, int]:
    """(how many snippets occur in the output, how many there are)."""
    haystack = f" {norm_text(predicted)} "
    found = sum(1 for s in snippets if (needle := norm_text(s)) and f" {needle} " in haystack)
    return found, len(snippets)


def title_match(predicted: str | None, gold: str | None) -> bool:
    return bool(predicted) and norm_text(predicted) == norm_text(gold)


def author_match(predicted: str | None, gold: str | None) -> bool:
    """Every name token of the annotated author appears in the predicted byline."""
    want = set(tokens(gold)) - {"and", "by", "und", "et", "y"}
    return bool(want) and want <= set(tokens(predicted))


def date_match(predicted: str | None, gold: str | None) -> bool:
    """Same day; a gold that names only a month ("2015-11") is matched at the month it states."""
    gold = (gold or "")[:10]
    return bool(predicted and gold) and (predicted or "")[: len(gold)] == gold
