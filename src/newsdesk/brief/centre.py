"""Which parts of a story's reports are about the story.

The clusterer joins a report to a story on shared words, and a report can share a place or a
name with a story and still be about something else: a company's share listing in the city whose
unrest is the story, or a morning digest of ten tech items, one of them the story's. Every line of
such a report is a cited, true sentence, so nothing downstream can tell it is off the subject; the
brief then prints the listing's price and the digest's other items as if they were the story.

Two tests find these reports. Both need a centre first: a name or word that at least two of the
*other* reports put in their titles, so a story of two reports, or of reports with nothing in
common in their titles, is never judged.

* A report about something else: its title names a thing (a run of capitalised words that its own
  body capitalises inside a sentence) that its body writes at least :data:`OWN_NAME_USES` times and
  that no other report writes at all. None of its lines are used.
* A digest: most of its paragraphs are list items, and its title shares no word with the centre.
  Only the items that write a centre word are used.

A report whose title is the story's title is never left out: the story is named after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from newsdesk.model import Analysis, Article
from newsdesk.stories.text import STOPWORDS, tokens

#: Uses in its own body for a title name that no other report writes to mark the report as about
#: something else. One or two uses are a side mention ("Alibaba" once in a markets wrap).
OWN_NAME_USES = 3
#: Fewest list items, and their least share of the paragraphs, for a report to read as a digest.
DIGEST_ITEMS = 5
DIGEST_SHARE = 0.5
MIN_REPORTS = 3

_TITLE_WORD = re.compile(r"[\w’'-]+")
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][A-Za-z-]*[A-Za-z]")
_LIST_ITEM = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)])\s+\S")
_PARAGRAPH = re.compile(r"[^\n]+")
#: Reports remembered per process: a brief is rebuilt each time a story gains a report, and the
#: words of the reports it already had do not change (the text is the key, as in the candidate cache).
_CACHE_SIZE = 4096


def _bare(raw: str) -> str:
    """A word without quotes, dashes or a possessive at its ends: "Kong’s" → "Kong"."""
    return raw.strip("’'-").removesuffix("’s").removesuffix("'s")


@lru_cache(maxsize=_CACHE_SIZE)
def _counts(text: str) -> Counter[str]:
    """How often ``text`` writes each word, as written ("Alibaba" and "alibaba" apart)."""
    return Counter(_bare(w) for w in _TITLE_WORD.findall(text))


@lru_cache(maxsize=_CACHE_SIZE)
def _vocabulary(text: str) -> frozenset[str]:
    """Every word ``text`` writes, case folded."""
    return frozenset(w.casefold() for w in _counts(text))


@lru_cache(maxsize=_CACHE_SIZE)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in tokens(title) if len(w) > 2)


@lru_cache(maxsize=_CACHE_SIZE)
def _title_runs(title: str, text: str) -> tuple[tuple[str, ...], ...]:
    """The names of ``title``: runs of adjacent title words that ``text`` capitalises inside a
    sentence ("Shanghai Cooperation Organization" is one run, so one known word makes it known).
    An acronym is left out: it is the teller ("NASA") as often as the subject."""
    inner = {w.casefold() for w in _INNER_CAPITAL.findall(text)}
    runs: list[list[str]] = [[]]
    for raw in _TITLE_WORD.findall(title):
        word = _bare(raw)
        name = word[:1].isupper() and not word.isupper() and word.casefold() not in STOPWORDS
        if name and word.casefold() in inner:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return tuple(tuple(r) for r in runs if r)


def clear_cache() -> None:
    """Forget the reports remembered so far (a cold start, for the speed benchmark)."""
    for cached in (_counts, _vocabulary, _title_words, _title_runs):
        cached.cache_clear()


def _about_else(article: Article, others: Sequence[Article]) -> bool:
    """Whether ``article``'s title names a thing its body writes often and no other report writes."""
    for run in _title_runs(article.title or "", article.text):
        if max(_counts(article.text)[w] for w in run) < OWN_NAME_USES:
            continue
        names = {w.casefold() for w in run}
        if not any(names & _vocabulary(o.text) or names & _vocabulary(o.title or "") for o in others):
            return True
    return False


def _digest_spans(article: Article, centre: set[str]) -> list[tuple[int, int]] | None:
    """The character spans of a digest's items that write a centre word, or None when
    ``article`` is no digest (or its title shares the centre, so it is about the story)."""
    if _title_words(article.title or "") & centre:
        return None
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(article.text) if m.group().strip()]
    items = sum(1 for s, e in paragraphs if _LIST_ITEM.match(article.text[s:e]))
    if items < DIGEST_ITEMS or items < DIGEST_SHARE * len(paragraphs):
        return None
    return [(s, e) for s, e in paragraphs if set(tokens(article.text[s:e])) & centre]


def off_subject(
    story_title: str, articles: Sequence[Article], analyses: Sequence[Analysis]
) -> frozenset[tuple[str, int]]:
    """The (article id, sentence index) of every sentence from a report, or a part of one, that
    is about something other than the story (see the module docstring)."""
    if len(articles) < MIN_REPORTS:
        return frozenset()
    by_id = {a.article_id: a for a in analyses}
    titles = {a.id: _title_words(a.title or "") for a in articles}
    in_titles = Counter(w for a in articles for w in titles[a.id])
    left_out: set[tuple[str, int]] = set()
    for article in articles:
        analysis = by_id.get(article.id)
        if analysis is None or (article.title or "") == story_title:
            continue
        own = titles[article.id]
        centre = {w for w, n in in_titles.items() if n - (w in own) >= 2}  # in two other titles
        if not centre:
            continue
        if _about_else(article, [a for a in articles if a.id != article.id]):
            left_out.update((article.id, s.index) for s in analysis.sentences)
            continue
        spans = _digest_spans(article, centre)
        if spans is not None:
            left_out.update(
                (article.id, s.index)
                for s in analysis.sentences
                if not any(a <= s.start and s.end <= b for a, b in spans)
            )
    return frozenset(left_out)
