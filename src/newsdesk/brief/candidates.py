"""Candidate sentences for a brief, and the cues that sort them into sections.

A candidate is one analysed source sentence together with everything the analyze stage said about
it (mentions, events, dates, themes). Identical sentences in several articles — a wire story
syndicated by many outlets — collapse into one candidate that remembers every copy, so the brief
prints the sentence once and may cite each copy.

The cue patterns are deliberately shallow: they only *propose* where a sentence belongs; the text
printed is always the source sentence itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsdesk.model import Analysis, Article, DateMention, Event, Mention, Sentence

_BOILERPLATE = re.compile(
    r"(subscribe|sign up|newsletter|read more|click here|all rights reserved|cookie|©|copyright|"
    r"follow us|share this|advertisement|stay tuned|related:)",
    re.IGNORECASE,
)
_MIN_WORDS = 6
_MAX_WORDS = 80

REACTION_VERB = re.compile(
    r"\b(said|says|say|criticis\w*|criticiz\w*|warn\w*|welcom\w*|accus\w*|urg\w*|condemn\w*|"
    r"denounc\w*|prais\w*|slam\w*|reject\w*|voic\w* concern|express\w* concern|called on|calls on|"
    r"told|stated|insist\w*|argu\w*|react\w*|respond\w*)\b",
    re.IGNORECASE,
)
# Third parties named explicitly, with the name a Reactions group is printed under.
THIRD_PARTY = {
    r"\bWestern\b|\bthe West\b": "Western governments",
    r"\bEU\b|\bEuropean Union\b|\bBrussels\b": "European Union",
    r"\bWashington\b|\bWhite House\b|\bState Department\b": "United States",
    r"\bNATO\b": "NATO",
    r"\bG7\b|\bGroup of Seven\b": "G7",
    r"\bUnited Nations\b|\bUN\b": "United Nations",
}
FUTURE_CUE = re.compile(
    r"\b(will|is expected to|are expected to|expects? to|plans? to|planned|next (?:week|month|year|round)|"
    r"to be (?:agreed|signed|held|finalised|finalized|discussed)|scheduled|upcoming|is due to|are due to|"
    r"is set to|are set to|later this (?:year|month|week))\b",
    re.IGNORECASE,
)
HISTORICAL_CUE = re.compile(
    r"\b(had (?:been |already |previously )?\w+(?:ed|en|wn|de|ne)\b|since (?:19|20)\d\d|previously|"
    r"last (?:year|month)|(?:years?|decades?) ago|first visit|earlier visit|former)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DATE_TEXT = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2})?,?\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\b"
)


@dataclass(frozen=True)
class Candidate:
    """One sentence a brief may print, with its analysis and its identical copies elsewhere."""

    article: Article
    sentence: Sentence
    order: int  # reading order across the articles (date, then position)
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    dates: tuple[DateMention, ...] = ()
    themes: tuple[str, ...] = ()
    copies: tuple[tuple[Article, Sentence], ...] = ()

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def key(self) -> tuple[str, int]:
        return (self.article.id, self.sentence.index)

    @property
    def words(self) -> int:
        return len(self.text.split())


def normal_text(text: str) -> str:
    """Whitespace- and case-insensitive form used to recognise the same sentence in two places."""
    return " ".join(text.split()).lower()


def _usable(sentence: Sentence) -> bool:
    words = len(sentence.text.split())
    return _MIN_WORDS <= words <= _MAX_WORDS and not _BOILERPLATE.search(sentence.text)


def _by_sentence(items: Sequence, index: int) -> tuple:
    return tuple(x for x in items if x.sentence_index == index)


def build_candidates(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    duplicates: Mapping[str, Sequence[str]] | None = None,
) -> list[Candidate]:
    """Candidates of a set of articles in reading order, identical sentences merged.

    Articles named as duplicates (syndicated copies) in ``duplicates`` rank after their canonical
    article, so the canonical sentence is the one printed and the copy is an extra citation.
    """
    by_id = {a.article_id: a for a in analyses}
    copy_ids = {c for copies in (duplicates or {}).values() for c in copies}
    ordered = sorted(
        (a for a in articles if a.id in by_id),
        key=lambda a: (a.id in copy_ids, a.date or "", articles.index(a)),
    )
    merged: dict[str, Candidate] = {}
    for article in ordered:
        analysis = by_id[article.id]
        for position, sentence in enumerate(analysis.sentences):
            if not _usable(sentence):
                continue
            norm = normal_text(sentence.text)
            if norm in merged:
                first = merged[norm]
                if all(a.id != article.id for a, _ in first.copies) and first.article.id != article.id:
                    merged[norm] = _with_copy(first, article, sentence)
                continue
            themes = analysis.sentence_themes[position] if position < len(analysis.sentence_themes) else ()
            merged[norm] = Candidate(
                article=article,
                sentence=sentence,
                order=len(merged),
                mentions=_by_sentence(analysis.mentions, sentence.index),
                events=_by_sentence(analysis.events, sentence.index),
                dates=_by_sentence(analysis.dates, sentence.index),
                themes=tuple(themes),
            )
    return sorted(merged.values(), key=lambda c: (c.article.date or "", c.order))


def _with_copy(candidate: Candidate, article: Article, sentence: Sentence) -> Candidate:
    return Candidate(
        article=candidate.article,
        sentence=candidate.sentence,
        order=candidate.order,
        mentions=candidate.mentions,
        events=candidate.events,
        dates=candidate.dates,
        themes=candidate.themes,
        copies=(*candidate.copies, (article, sentence)),
    )


# ----------------------------------------------------------------------------------------- cues


def is_future(candidate: Candidate) -> bool:
    """Announced or scheduled, not yet happened.

    Coded events decide when the sentence has any (a signed deal under which gas "will" flow is
    news, not outlook); the future cues decide for sentences without events.
    """
    if candidate.events:
        return any(e.future for e in candidate.events)
    return bool(FUTURE_CUE.search(candidate.text))


def is_historical(candidate: Candidate, story_start: str | None) -> bool:
    """Background rather than news: a historical event, an earlier date, or a background cue."""
    if any(e.historical for e in candidate.events):
        return True
    if story_start and candidate.dates and all(d.date[:7] < story_start[:7] for d in candidate.dates):
        return True
    years = [int(y) for y in _YEAR.findall(candidate.text)]
    if story_start and years and all(y < int(story_start[:4]) for y in years):
        return True
    return bool(HISTORICAL_CUE.search(candidate.text))


def has_date(candidate: Candidate) -> bool:
    """True when the sentence itself states a date (so a reader can place it in time)."""
    return bool(candidate.dates) or bool(_DATE_TEXT.search(candidate.text))


def is_reaction_sentence(candidate: Candidate) -> bool:
    return bool(REACTION_VERB.search(candidate.text))


def explicit_third_party(text: str) -> str | None:
    """The printed name of an explicitly named outside party ("Western", "EU", ...), if any."""
    for pattern, name in THIRD_PARTY.items():
        if re.search(pattern, text):
            return name
    return None
