"""Story and thread timelines: dated entries, each cited to the sentences that report it.

Entries come from two sources in the analysis:

* coded events that are not hypothetical or negated; the date is the event's own, else a date
  mentioned in its sentence, else (for a factual, non-future, non-background report) the article's
  publication date. Future events are kept: their source sentence says "will", so the wording marks
  them and no text is invented;
* sentences that carry a resolved date but no event (announcements, deadlines, anniversaries).

The text of an entry is always a source sentence verbatim, so it is literally supported. Reports of
the same event on the same date from several articles merge into one entry with every citation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date

from newsdesk.model import Analysis, Article, Event, Sentence, Source, TimelineEntry
from newsdesk.stories.text import tokens

_SAME_TEXT = 0.5  # token Jaccard above which two dated sentences report the same thing


@dataclass
class _Draft:
    date: str
    date_end: str | None
    key: tuple[str, ...]  # event signature, or () for a dated sentence
    words: frozenset[str]
    sources: list[Source] = field(default_factory=list)
    ahead: set[tuple[str, int]] = field(default_factory=set)  # sources announcing it in advance

    def text(self) -> str:
        """A report after the fact when there is one (its wording says it happened), else the
        announcement; then the earliest report, and the shortest sentence (least padding)."""
        best = min(
            self.sources,
            key=lambda s: (
                (s.article_id, s.sentence_index) in self.ahead,
                s.date or "9999",
                len(s.text),
                s.article_id,
                s.sentence_index,
            ),
        )
        return best.text


def _source(article: Article | None, sentence: Sentence) -> Source:
    return Source(
        article_id=sentence.article_id,
        sentence_index=sentence.index,
        text=sentence.text,
        url=article.url if article else None,
        publisher=article.publisher if article else None,
        date=article.date if article else None,
        title=article.title if article else None,
    )


def _event_key(ev: Event) -> tuple[str, ...]:
    who = sorted({a.country or a.name for a in ev.actors})
    whom = sorted({a.country or a.name for a in ev.recipients})
    return (ev.plover, "|".join(who), "|".join(whom))


def _valid(iso: str | None) -> str | None:
    if not iso:
        return None
    try:
        return _date.fromisoformat(iso[:10]).isoformat()
    except ValueError:
        return None


def _event_date(ev: Event, analysis: Analysis, article: Article | None) -> tuple[str | None, str | None]:
    if _valid(ev.date):
        return _valid(ev.date), _valid(ev.date_end)
    for dm in analysis.dates:
        if dm.sentence_index == ev.sentence_index and dm.granularity == "day":
            return _valid(dm.date), _valid(dm.date_end)
    if not ev.future and not ev.historical and article is not None:
        return _valid(article.date), None
    return None, None


def _drafts(article: Article | None, analysis: Analysis) -> list[_Draft]:
    sentences = {s.index: s for s in analysis.sentences}
    out: list[_Draft] = []
    evented: set[int] = set()
    for ev in analysis.events:
        sent = sentences.get(ev.sentence_index)
        if ev.hypothetical or ev.negated or sent is None:
            continue
        start, end = _event_date(ev, analysis, article)
        if start is None:
            continue
        evented.add(ev.sentence_index)
        words = frozenset(tokens(sent.text))
        draft = _Draft(
            start, end if end and end > start else None, _event_key(ev), words, [_source(article, sent)]
        )
        if ev.future:
            draft.ahead.add((sent.article_id, sent.index))
        out.append(draft)
    for dm in analysis.dates:
        sent = sentences.get(dm.sentence_index)
        start = _valid(dm.date)
        if sent is None or start is None or dm.sentence_index in evented or dm.granularity != "day":
            continue
        end = _valid(dm.date_end)
        words = frozenset(tokens(sent.text))
        out.append(_Draft(start, end if end and end > start else None, (), words, [_source(article, sent)]))
    return out


def _same(a: _Draft, b: _Draft) -> bool:
    if a.date != b.date:
        return False
    if a.key and b.key:
        return a.key == b.key
    if a.key or b.key:
        return False
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= _SAME_TEXT


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    merged: list[_Draft] = []
    for d in drafts:
        target = next((m for m in merged if _same(m, d)), None)
        if target is None:
            merged.append(d)
            continue
        seen = {(s.article_id, s.sentence_index) for s in target.sources}
        target.sources.extend(s for s in d.sources if (s.article_id, s.sentence_index) not in seen)
        target.ahead |= d.ahead - seen
        target.words |= d.words
        if d.date_end and (target.date_end is None or d.date_end > target.date_end):
            target.date_end = d.date_end
    return merged


def story_timeline(
    articles: Sequence[Article], analyses: Sequence[Analysis], story_id: str | None = None
) -> tuple[TimelineEntry, ...]:
    """Dated, cited entries of one story, sorted by date (then by how widely reported)."""
    by_id = {a.id: a for a in articles}
    drafts: list[_Draft] = []
    for analysis in analyses:
        drafts.extend(_drafts(by_id.get(analysis.article_id), analysis))
    merged = _merge(drafts)
    merged.sort(key=lambda d: (d.date, -len({s.article_id for s in d.sources}), d.text()))
    return tuple(
        TimelineEntry(
            date=d.date,
            text=d.text(),
            citations=tuple(sorted(d.sources, key=lambda s: (s.date or "", s.article_id, s.sentence_index))),
            date_end=d.date_end,
            story_id=story_id,
        )
        for d in merged
    )


def _key_score(entry: TimelineEntry, first: str | None, last: str | None) -> tuple[float, str]:
    """Rank an entry as a story's key event: widely reported, a dated range, within the story's span."""
    articles = len({c.article_id for c in entry.citations})
    in_span = first is None or last is None or (first <= entry.date <= last) or bool(entry.date_end)
    return (articles + (0.5 if entry.date_end else 0.0) + (1.0 if in_span else 0.0), entry.date)


def thread_timeline(
    story_timelines: Mapping[str, Sequence[TimelineEntry]], per_story: int = 3
) -> tuple[TimelineEntry, ...]:
    """The key dated events of each story of a thread (at most ``per_story`` each), by date.

    ``story_timelines`` maps story id to that story's :func:`story_timeline`. An entry is key when
    many articles report it; ties prefer date ranges (a visit's days) and dates inside the span the
    story was reported in, over background and forward-looking mentions.
    """
    out: list[TimelineEntry] = []
    for story_id, entries in story_timelines.items():
        pub = sorted(c.date for e in entries for c in e.citations if c.date)
        first, last = (pub[0], pub[-1]) if pub else (None, None)
        ranked = sorted(entries, key=lambda e: _key_score(e, first, last), reverse=True)[:per_story]
        out.extend(
            TimelineEntry(e.date, e.text, e.citations, e.date_end, e.story_id or story_id) for e in ranked
        )
    out.sort(key=lambda e: (e.date, e.date_end or "", e.story_id or ""))
    return tuple(out)
