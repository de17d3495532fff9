"""Story and thread timelines: the key dated developments, each once, cited to every report of it.

A story timeline is built in four steps:

1. **One draft per dated sentence.** A sentence yields at most one entry however many events it
   codes (one per event gave the same sentence three or four times). Its date must be stated in the
   text at day precision: a day mention in the sentence, or the event's own date when that is not
   merely the article's publication date. Only the events of the sentence's main clause vote when
   it has any (see ``Event.clause``): a day told in a relative or adverbial clause ("…, who
   attended the ASEAN summit on Sunday") does not date the sentence. A month or year ("in May
   2024", "since 2014") and a vague span ("this week") are periods, not days, so they are never
   shown as a fake first-of-month day. A day the sentence gives only as a deadline ("until August
   8") dates nothing (:func:`deadline_only`).
2. **Undated reports only support.** A factual event whose only date is its article's publication
   date ("The war in Ukraine hung over the talks.") creates no entry of its own, but it adds its
   citation to an entry of the same event on that day ("Putin met students in Harbin", reported
   after an announcement dated in advance).
3. **Inside the story's span.** Entries are kept from a few days before the first article to a
   week after the last: a sentence recalling an earlier visit, or a mis-resolved "May 16 of that
   year", is background that belongs to the thread timeline, not to this story's developments.
4. **Merged and ranked.** Drafts of the same day merge when they share an event (same type and
   parties) or most of their words; the ``max_entries`` most widely reported are kept, sorted by
   date.

Each entry's text is a source sentence verbatim (a report after the fact when there is one), so
it is literally supported. A thread timeline lists each story's key event with its dates, preferring
an explicit span ("from August 31 to September 3") that covers most of the story's reports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as _date

from newsdesk.model import (
    MAIN_CLAUSE,
    Analysis,
    Article,
    DateMention,
    Event,
    Sentence,
    Source,
    TimelineEntry,
    cite,
)
from newsdesk.stories.text import tokens

_SAME_TEXT = 0.5  # token Jaccard above which two dated sentences report the same thing
#: A day given as a deadline: "had given Moscow until August 8 to agree", "no later than Friday".
#: It is when time runs out, not when anything was done.
DEADLINE_BEFORE = re.compile(r"\b(?:until|till|no\s+later\s+than|deadline\s+(?:of|for))\s+$", re.IGNORECASE)
_DEADLINE_OPEN = re.compile(r"(?:until|till)\b", re.IGNORECASE)
#: A day named only relative to the page: "today", "tonight", "yesterday", "tomorrow".
RELATIVE_DAY = re.compile(r"(?:today|tonight|yesterday|tomorrow)(?:['’]s)?", re.IGNORECASE)
_SourceKey = tuple[str, int]


@dataclass(frozen=True)
class TimelineParams:
    """Selection knobs for a story timeline."""

    max_entries: int = 15
    days_before: int = 3  # previews a few days ahead of the first article still count
    days_after: int = 7  # follow-ups and things due shortly after the last article
    max_range_days: int = 14  # a summit or a conference; longer spans are periods


@dataclass
class _Draft:
    date: str
    date_end: str | None
    keys: frozenset[tuple[str, ...]]  # event signatures of the sentence, () for none
    words: frozenset[str]
    sources: list[Source] = field(default_factory=list)
    ahead: set[_SourceKey] = field(default_factory=set)  # sources announcing it in advance
    support: set[_SourceKey] = field(default_factory=set)  # undated reports (no date in text)
    stated: set[_SourceKey] = field(default_factory=set)  # sources whose sentence states the whole span

    def articles(self) -> int:
        return len({s.article_id for s in self.sources})

    def text(self) -> str:
        """For a span of days, a sentence that states the span ("scheduled for May 16-17"): a
        single day's meeting merged into the visit would mislabel it. Then a report after the fact
        when there is one (its wording says it happened), else the announcement; a sentence
        stating the date over an undated one; then the earliest report and the shortest sentence
        (least padding)."""
        best = min(
            self.sources,
            key=lambda s: (
                bool(self.stated) and (s.article_id, s.sentence_index) not in self.stated,
                (s.article_id, s.sentence_index) in self.ahead,
                (s.article_id, s.sentence_index) in self.support,
                s.date or "9999",
                len(s.text),
                s.article_id,
                s.sentence_index,
            ),
        )
        return best.text


def _source(article: Article | None, sentence: Sentence) -> Source:
    return cite(article, sentence)


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


def _days(start: str, end: str | None) -> int:
    return (_date.fromisoformat(end) - _date.fromisoformat(start)).days if end else 0


def _precise(dm: DateMention, params: TimelineParams) -> tuple[str, str | None] | None:
    """(start, end) of a day-precision mention; None for periods and vague or over-long spans."""
    start, end = _valid(dm.date), _valid(dm.date_end)
    if start is None or dm.granularity != "day":
        return None
    if end is None or end <= start:
        return start, None
    # "this week" resolves to a span too; an explicit range names its days ("May 16-17")
    if not any(ch.isdigit() for ch in dm.text) or _days(start, end) > params.max_range_days:
        return None
    return start, end


def _event_span(
    ev: Event, mentions: list[DateMention], article: Article | None, params: TimelineParams
) -> tuple[str, str | None] | None:
    """The day an event is stated to happen, or None when its date is only inherited or vague."""
    start, end = _valid(ev.date), _valid(ev.date_end)
    if start is None:
        return None
    for dm in mentions:
        if _valid(dm.date) == start:
            return _precise(dm, params)
    if mentions:  # the sentence's dates are all coarser than a day: the event's date is a period
        return None
    if end is None and article is not None and start == _valid(article.date):
        return None  # the analyser's publication-date fallback, not a date in the text
    if end and (end <= start or _days(start, end) > params.max_range_days):
        end = None
    return start, end


def deadline_only(sentence: Sentence, mentions: Sequence[DateMention], day: str) -> bool:
    """Every mention of ``day`` in ``sentence`` is a deadline (see :data:`DEADLINE_BEFORE`): "Trump
    had given Moscow until August 8 to agree to halt the fighting …". A timeline that dates the line
    by that day records an act on a day when none was done. The brief's Timeline draws from the
    story timeline, so this one test keeps such days out of both."""
    text, base = sentence.text, sentence.start
    found = [d for d in mentions if d.date == day]
    return bool(found) and all(
        DEADLINE_BEFORE.search(text[max(0, d.start - base - 24) : d.start - base])
        or _DEADLINE_OPEN.match(d.text.strip())
        for d in found
    )


def present_only(mentions: Sequence[DateMention], params: TimelineParams) -> bool:
    """Every day the sentence names is "today", "tonight", "yesterday" or "tomorrow"
    (:data:`RELATIVE_DAY`). In a sentence that tells no act (no coded event) such a word is the
    present of a description or an appeal ("the heart of today's EV market", "Many apps still use
    these lockups today", "Start your free trial today"), not a day on which something happened;
    dated by its page it fills a timeline with the days the pages were written. A sentence that
    tells an act ("NASA announced today …") keeps its day."""
    days = [dm for dm in mentions if _precise(dm, params) is not None]
    return bool(days) and all(RELATIVE_DAY.fullmatch(dm.text.strip()) for dm in days)


def _sentence_draft(
    article: Article | None,
    sent: Sentence,
    events: list[Event],
    mentions: list[DateMention],
    params: TimelineParams,
) -> _Draft | None:
    """One draft for a sentence: the date most of its main-clause events point to, else its first
    day mention. The entry shows the whole sentence, so only what the sentence reports may date
    it: in "The meeting caps a trip for Trump, who attended the ASEAN summit on Sunday" the
    summit's Sunday is not the meeting's, and an undated main event leaves the sentence undated."""
    top = min((ev.clause for ev in events), default=MAIN_CLAUSE)
    main = [ev for ev in events if ev.clause == top]
    votes: dict[tuple[str, str | None], int] = {}
    for ev in main:
        span = _event_span(ev, mentions, article, params)
        if span is not None:
            votes[span] = votes.get(span, 0) + 1
    source = _source(article, sent)
    key = (sent.article_id, sent.index)
    keys = frozenset(_event_key(ev) for ev in events)
    words = frozenset(tokens(sent.text))
    if votes:
        (start, end), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0][1] is not None, kv[0][0]))
    else:
        spans = [s for s in (_precise(dm, params) for dm in mentions) if s is not None]
        if spans and any(ev.date is None for ev in main):
            return None  # the sentence's own event has no date; its days are other clauses' or nouns'
        if spans and not events and present_only(mentions, params):
            return None  # "A website today must be fast": the reader's present, no act on a day
        if spans:
            start, end = spans[0]
        elif (
            not mentions and events and article and _valid(article.date) and not any(e.future for e in events)
        ):
            draft = _Draft(_valid(article.date) or "", None, keys, words, [source])
            draft.support.add(key)  # undated factual report: may only support an entry
            return draft
        else:
            return None
    if deadline_only(sent, mentions, start):
        return None  # the day is only when time runs out
    draft = _Draft(start, end, keys, words, [source])
    if end is not None:
        draft.stated.add(key)
    if any(ev.future for ev in events) or (article and article.date and start > article.date):
        draft.ahead.add(key)
    return draft


def _drafts(article: Article | None, analysis: Analysis, params: TimelineParams) -> list[_Draft]:
    events: dict[int, list[Event]] = {}
    for ev in analysis.events:
        events.setdefault(ev.sentence_index, []).append(ev)
    mentions: dict[int, list[DateMention]] = {}
    for dm in analysis.dates:
        mentions.setdefault(dm.sentence_index, []).append(dm)
    out = []
    for sent in analysis.sentences:
        evs = events.get(sent.index, [])
        kept = [e for e in evs if not (e.hypothetical or e.negated)]
        if evs and not kept:
            continue  # only "could" / "did not" events: nothing happened on that day
        draft = _sentence_draft(article, sent, kept, mentions.get(sent.index, []), params)
        if draft is not None:
            out.append(draft)
    return out


def _shares_event(a: _Draft, b: _Draft) -> bool:
    return any(k[1] for k in a.keys & b.keys)  # a signature with no known actor says too little


def _same(a: _Draft, b: _Draft) -> bool:
    if a.date != b.date or (a.date_end and b.date_end and a.date_end != b.date_end):
        return False
    if a.date_end and a.date_end == b.date_end:
        return True  # one story's stated span of days ("May 16-17") is one development
    if _shares_event(a, b):
        return True
    union = a.words | b.words
    return bool(union) and len(a.words & b.words) / len(union) >= _SAME_TEXT


def _absorb(target: _Draft, d: _Draft) -> None:
    seen = {(s.article_id, s.sentence_index) for s in target.sources}
    target.sources.extend(s for s in d.sources if (s.article_id, s.sentence_index) not in seen)
    target.ahead |= d.ahead - seen
    target.support |= d.support - seen
    target.keys |= d.keys
    target.words |= d.words
    if d.date_end and (target.date_end is None or d.date_end > target.date_end):
        target.date_end = d.date_end
        target.stated = set(d.stated)  # the span grew: only its new statement states all of it
    elif d.date_end and d.date_end == target.date_end:
        target.stated |= d.stated


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """Dated drafts merge with each other; undated supporting reports join a matching entry only.

    Stated spans go first, so every statement of "May 16-17" lands in one entry and the single
    days inside it join that entry rather than splitting the span across two."""
    merged: list[_Draft] = []
    dated = sorted((d for d in drafts if not d.support), key=lambda d: d.date_end is None)
    for d in dated:
        target = next((m for m in merged if _same(m, d)), None)
        if target is None:
            merged.append(d)
        else:
            _absorb(target, d)
    for d in drafts:
        if d.support:
            target = next((m for m in merged if not m.date_end and _same(m, d)), None)
            if target is not None:
                _absorb(target, d)
    return merged


def _span(articles: Sequence[Article], params: TimelineParams) -> tuple[str, str] | None:
    """First and last day an entry may fall on: the publication span widened by the margins."""
    days = sorted(d for d in (_valid(a.date) for a in articles) if d)
    if not days:
        return None
    lo = _date.fromordinal(_date.fromisoformat(days[0]).toordinal() - params.days_before)
    hi = _date.fromordinal(_date.fromisoformat(days[-1]).toordinal() + params.days_after)
    return lo.isoformat(), hi.isoformat()


def _weight(d: _Draft) -> tuple[float, ...]:
    """How key a development is: reported by many articles, an event, a stated span."""
    told = {(s.article_id, s.sentence_index) for s in d.sources} - d.ahead - d.support
    return (d.articles() + 0.5 * bool(d.keys) + 0.5 * bool(d.date_end) + 0.25 * bool(told), -len(d.text()))


def story_timeline(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    story_id: str | None = None,
    params: TimelineParams | None = None,
) -> tuple[TimelineEntry, ...]:
    """The key dated developments of one story, each once with all its citations, sorted by date."""
    p = params or TimelineParams()
    by_id = {a.id: a for a in articles}
    drafts: list[_Draft] = []
    for analysis in analyses:
        drafts.extend(_drafts(by_id.get(analysis.article_id), analysis, p))
    span = _span(articles, p)
    if span is not None:
        drafts = [d for d in drafts if span[0] <= d.date <= span[1]]
    merged = _merge(drafts)
    kept = sorted(merged, key=_weight, reverse=True)[: p.max_entries]
    kept.sort(key=lambda d: (d.date, -d.articles(), d.text()))
    return tuple(
        TimelineEntry(
            date=d.date,
            text=d.text(),
            citations=tuple(sorted(d.sources, key=lambda s: (s.date or "", s.article_id, s.sentence_index))),
            date_end=d.date_end,
            story_id=story_id,
        )
        for d in kept
    )


# ---------------------------------------------------------------------------------- threads


def _reports(entry: TimelineEntry) -> set[str]:
    return {c.article_id for c in entry.citations}


def _covered(entry: TimelineEntry, other: TimelineEntry) -> bool:
    return bool(entry.date_end) and entry.date <= other.date <= (entry.date_end or entry.date)


def _key_score(entry: TimelineEntry, entries: Sequence[TimelineEntry]) -> tuple[int, int, bool, str]:
    """A stated span that covers most of the story's reported days is its key event (a visit's
    days); otherwise the most widely reported development."""
    covering: set[str] = set(_reports(entry))
    for other in entries:
        if _covered(entry, other):
            covering |= _reports(other)
    return (len(covering), len(_reports(entry)), bool(entry.date_end), entry.date)


def thread_timeline(
    story_timelines: Mapping[str, Sequence[TimelineEntry]], per_story: int = 2
) -> tuple[TimelineEntry, ...]:
    """Each story's key dated events (at most ``per_story``), by date, with their citations.

    ``story_timelines`` maps story id to that story's :func:`story_timeline`. After a story's key
    event, a further entry is added only when it falls outside the key event's span, so a visit is
    shown once with its dates rather than day by day.
    """
    out: list[TimelineEntry] = []
    for story_id, entries in story_timelines.items():
        ranked = sorted(entries, key=lambda e: _key_score(e, entries), reverse=True)
        chosen: list[TimelineEntry] = []
        for e in ranked:
            if len(chosen) >= per_story:
                break
            if chosen and len(_reports(e)) < 2:
                continue  # beyond the key event, only developments several reports agree on
            if any(_covered(c, e) or _covered(e, c) or c.date == e.date for c in chosen):
                continue
            chosen.append(e)
        out.extend(
            TimelineEntry(e.date, e.text, e.citations, e.date_end, e.story_id or story_id) for e in chosen
        )
    out.sort(key=lambda e: (e.date, e.date_end or "", e.story_id or ""))
    return tuple(out)
