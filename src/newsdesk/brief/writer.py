"""The story brief: sections of verbatim, cited source sentences.

Nothing here writes new prose. Each section *chooses* source sentences (see
:mod:`newsdesk.brief.sections` and :mod:`newsdesk.brief.reactions` for how a sentence is
recognised as news, background, reaction or outlook), and prints either the sentence or a literal
part of it (a wire dateline dropped, one speaker's clause of a two-speaker sentence), so every
printed sentence is supported by construction and :func:`verify_brief` can check it mechanically.

Sections are filled narrowest first — Reactions, then Summary, What comes next, Background, and
Key aspects last — so a broad section cannot take the only sentences of a narrow one; sources
are numbered in reading order, so citation numbers rise through the printed brief.

A report that the story's other reports show to be about something else — a share listing joined
to the unrest in the same city, the other items of a morning digest — gives no candidates and no
timeline day (:mod:`newsdesk.brief.centre`).

Per-article work (sentence candidates, their cues and speakers) is memoised per article in
:func:`newsdesk.brief.candidates.article_candidates`; only the story-wide scoring is redone when a
story gains an article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from newsdesk.brief import players as roster
from newsdesk.brief import sections
from newsdesk.brief.candidates import (
    Candidate,
    build_candidates,
    forecast_dated_by_side_act,
    needs_context,
    normal_text,
    same_act_told_twice,
    same_dated_event,
)
from newsdesk.brief.centre import off_subject
from newsdesk.brief.llm import support_problems
from newsdesk.brief.reactions import reactions
from newsdesk.brief.sections import Pick, Pool
from newsdesk.brief.summarize import centrality, tfidf_matrix
from newsdesk.model import (
    Analysis,
    Article,
    Brief,
    BriefItem,
    Section,
    Sentence,
    Source,
    Story,
    TimelineEntry,
    article_origin,
    cite,
)

SECTION_ORDER = ("Summary", "Background", "Key aspects", "Reactions", "What comes next")
_MAX_COPIES = 2  # extra citations for a sentence repeated verbatim in syndicated copies


def _score(candidates: Sequence[Candidate], key_actors: Sequence[str], matrix) -> np.ndarray:  # noqa: ANN001
    """Relevance = centrality + lead + key actors + informativeness.

    Centrality finds what all the articles report; the key-actor term pulls toward sentences about
    the story's protagonists; informativeness (a coded factual event, named actors, a date)
    prefers "who did what, when" over colour ("The image … travelled fast").
    """
    central = centrality(matrix)
    central = central / central.max() if central.size and central.max() > 0 else central
    wanted = {a.lower() for a in key_actors}
    scores = np.empty(len(candidates))
    for i, c in enumerate(candidates):
        names = {m.actor.name.lower() for m in c.mentions if m.actor}
        actors = len(names & wanted) / max(len(wanted), 1) if wanted else min(len(names), 3) / 3
        named = min(len(names), 4) / 4
        factual = any(not (e.negated or e.hypothetical) for e in c.events)
        dated = bool(c.dates)
        lead = 1.0 / (1.0 + c.position)
        scores[i] = central[i] + 0.3 * lead + 0.4 * actors + 0.2 * factual + 0.15 * named + 0.1 * dated
    return scores


def _pool(candidates: list[Candidate], key_actors: Sequence[str], last_date: str | None) -> Pool:
    matrix = tfidf_matrix([c.text for c in candidates])
    relevance = _score(candidates, key_actors, matrix) if candidates else np.zeros(0)
    latest = sections.latest_articles(candidates, last_date)
    return Pool(candidates, relevance, matrix, last_date, latest, sections.misdated_previews(candidates))


# ------------------------------------------------------------------------------------- sources


class _Sources:
    """Citation registry: one number per (article, sentence), numbered in order of first use."""

    def __init__(self) -> None:
        self.items: list[Source] = []
        self.index: dict[tuple[str, int], int] = {}

    def cite(self, article: Article | None, sentence: Sentence | Source) -> int:
        key = (
            sentence.article_id,
            sentence.index if isinstance(sentence, Sentence) else sentence.sentence_index,
        )
        if key not in self.index:
            self.items.append(_source(article, sentence))
            self.index[key] = len(self.items)
        return self.index[key]

    def cite_candidate(self, candidate: Candidate) -> tuple[int, ...]:
        numbers = [self.cite(candidate.article, candidate.sentence)]
        for article, sentence in candidate.copies[:_MAX_COPIES]:
            numbers.append(self.cite(article, sentence))
        return tuple(dict.fromkeys(numbers))


def _source(article: Article | None, sentence: Sentence | Source) -> Source:
    if isinstance(sentence, Source):
        if article is None:
            return sentence
        return Source(
            article_id=sentence.article_id,
            sentence_index=sentence.sentence_index,
            text=sentence.text,
            url=sentence.url or article.url,
            publisher=sentence.publisher or article.publisher,
            date=sentence.date or article.date,
            title=sentence.title or article.title,
            origin=sentence.origin or article_origin(article),
        )
    return cite(article, sentence)


def _orphan_test(pools: Sequence[Pool]) -> Callable[[TimelineEntry], bool]:
    """Whether a timeline entry's own sentence needs the sentences before it to be understood,
    judged on its candidate (mentions and dates) when the story has one."""
    by_key = {c.key: c for p in pools for c in p.candidates}

    def orphan(entry: TimelineEntry) -> bool:
        own = [by_key.get((s.article_id, s.sentence_index)) for s in entry.citations]
        candidate = next((c for c in own if c is not None and normal_text(c.sentence.text) == normal_text(entry.text)), None)
        return candidate is not None and needs_context(candidate)

    return orphan


def _forecast_test(pools: Sequence[Pool]) -> Callable[[TimelineEntry], bool]:
    """Whether a timeline entry prints a forecast dated by a done act in a side clause
    (:func:`newsdesk.brief.candidates.forecast_dated_by_side_act`): no record of its day. (A day that
    is only a deadline never reaches here: :func:`newsdesk.stories.timeline.deadline_only` keeps it
    out of the story timeline the brief draws from.)"""
    by_key = {c.key: c for p in pools for c in p.candidates}

    def forecast(entry: TimelineEntry) -> bool:
        text = roster.timeline_text(entry)
        own = (by_key.get((s.article_id, s.sentence_index)) for s in entry.citations)
        candidate = next((c for c in own if c is not None and normal_text(c.text) == text), None)
        return candidate is not None and forecast_dated_by_side_act(candidate)

    return forecast


def _same_event_test(pools: Sequence[Pool]) -> Callable[[TimelineEntry, TimelineEntry], bool]:
    """Whether two timeline entries report one event, judged on the coded events of the sentences
    they print (:func:`same_dated_event`): same day, same event type, same parties. Word overlap
    alone cannot tell "Xi and Putin held talks" from "Xi and Putin met Mongolia's president". An act
    of the same parties told about the same object is one act whatever its coded type
    (:func:`same_act_told_twice`)."""
    by_key = {c.key: c for p in pools for c in p.candidates}

    def own(entry: TimelineEntry) -> Candidate | None:
        text = roster.timeline_text(entry)
        found = (by_key.get((s.article_id, s.sentence_index)) for s in entry.citations)
        return next((c for c in found if c is not None and normal_text(c.text) == text), None)

    def same(a: TimelineEntry, b: TimelineEntry) -> bool:
        x, y = own(a), own(b)
        return x is not None and y is not None and (same_dated_event(x, y) or same_act_told_twice(x, y))

    return same


def _reserve(pool: Pool, texts: set[str]) -> None:
    """Mark the sentences the Timeline prints as printed, so Background and Key aspects, filled
    after it is chosen, do not print them again. The Summary is chosen first and keeps its lead
    sentences: the timeline then repeats what a reader expects to find dated there."""
    if not texts:
        return
    for candidate in pool.candidates:
        if normal_text(candidate.text) in texts:
            pool.used.add(normal_text(candidate.text))


def _not_reactions(timeline: Sequence[TimelineEntry], picks: Sequence[Pick]) -> list[TimelineEntry]:
    """The timeline's entries less those whose sentence Reactions prints: "The line-up at the
    parade drew sharp criticism in Washington and Brussels" is a reaction; dated again in the
    Timeline it is the same line twice. (A Summary line may come back there: the Timeline is the
    chronology of what the Summary tells.)"""
    reacted = {normal_text(p.candidate.text) for p in picks if p.section == "Reactions"}
    return [e for e in timeline if roster.timeline_text(e) not in reacted]


def _on_subject(timeline: Sequence[TimelineEntry], aside: frozenset[tuple[str, int]]) -> list[TimelineEntry]:
    """The timeline's entries less those told only by sentences of a report about something else
    (:func:`newsdesk.brief.centre.off_subject`): the story timeline is drawn from every report."""
    return [e for e in timeline if not e.citations or any((s.article_id, s.sentence_index) not in aside for s in e.citations)]


def _printed(picks: Sequence[Pick], section: str) -> list[str]:
    """The lines already chosen for the sections a reader reads before ``section``
    (:data:`SECTION_ORDER`): Summary for Background, Summary and Background for Key aspects.
    Reactions, filled first, is read after both, so it never counts."""
    before = set(SECTION_ORDER[: SECTION_ORDER.index(section)])
    return [p.printed for p in picks if p.section in before]


def _cite_pick(sources: _Sources, pick: Pick) -> tuple[int, ...]:
    return sources.cite_candidate(pick.candidate)


def write_brief(
    story: Story,
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    *,
    background: Sequence[tuple[Story, Sequence[Article], Sequence[Analysis]]] = (),
    timeline: Sequence[TimelineEntry] = (),
    duplicates: Mapping[str, Sequence[str]] | None = None,
    max_summary_sentences: int = 5,
) -> Brief:
    """A brief of ``story`` whose every item is a cited source sentence (or a literal part of one).

    ``background`` holds the earlier stories of the same thread, oldest first; ``duplicates`` maps a
    canonical article id to the ids of its syndicated copies (their identical sentences become
    extra citations rather than repeated text); ``timeline`` is the story's dated timeline.
    """
    dates = sorted(a.date for a in articles if a.date)
    story_start = story.first_seen or (dates[0] if dates else None)
    last_date = story.last_seen or (dates[-1] if dates else None)
    aside = off_subject(story.title, articles, analyses)
    candidates = [c for c in build_candidates(articles, analyses, duplicates) if c.key not in aside]
    pool = _pool(candidates, story.key_actors, last_date)
    earlier = [
        _pool(build_candidates(arts, ans), old.key_actors, old.last_seen) for old, arts, ans in background
    ]
    picks = reactions(pool, story)
    picks += sections.summary(pool, story_start, max(1, max_summary_sentences), story.title)
    picks += sections.outlook(pool)
    orphan = _orphan_test([pool, *earlier])
    same = _same_event_test([pool, *earlier])
    forecast = _forecast_test([pool, *earlier])
    drafts = [e for e in _not_reactions(_on_subject(timeline, aside), picks) if not forecast(e)]
    chosen = roster.choose_timeline(drafts, (story_start, last_date), orphan, same)
    _reserve(pool, {roster.timeline_text(e) for e in chosen})
    picks += sections.background(pool, earlier, story_start, _printed(picks, "Background"))
    picks += sections.key_aspects(pool, story.themes, _printed(picks, "Key aspects"))

    sources = _Sources()
    built = []
    for name in SECTION_ORDER:
        items = tuple(
            BriefItem(p.printed, _cite_pick(sources, p), p.group) for p in picks if p.section == name
        )
        built.append(Section(name, items))
    players = roster.key_players(
        pool.candidates, lambda c: sources.cite(c.article, c.sentence), set(sources.index)
    )
    known = {a.id: a for a in articles} | {a.id: a for _, arts, _ in background for a in arts}
    entries = roster.cite_timeline(
        chosen, known, lambda article, src: sources.items[sources.cite(article, src) - 1]
    )
    return Brief(
        story_id=story.id,
        title=story.title,
        sections=tuple(built),
        key_players=players,
        timeline=entries,
        sources=tuple(sources.items),
        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )


# --------------------------------------------------------------------------------------- verify


def _sentence_at(analysis: Analysis | None, index: int) -> Sentence | None:
    if analysis is None:
        return None
    return next((s for s in analysis.sentences if s.index == index), None)


def _source_problems(
    brief: Brief, articles: Mapping[str, Article], analyses: Mapping[str, Analysis]
) -> list[str]:
    problems = []
    for number, src in enumerate(brief.sources, start=1):
        sentence = _sentence_at(analyses.get(src.article_id), src.sentence_index)
        if sentence is None:
            problems.append(f"[{number}] cites unknown sentence {src.article_id}#{src.sentence_index}")
            continue
        if sentence.text != src.text:
            problems.append(f"[{number}] text differs from sentence {src.article_id}#{src.sentence_index}")
        article = articles.get(src.article_id)
        if article is not None and article.text[sentence.start : sentence.end] != sentence.text:
            problems.append(f"[{number}] sentence span does not match article {src.article_id}")
    return problems


def _item_problems(brief: Brief) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for section in brief.sections:
        for item in section.items:
            label = f"{section.name}: {item.text[:60]!r}"
            if not item.citations:
                problems.append(f"{label} has no citation")
            bad = [n for n in item.citations if not 1 <= n <= len(brief.sources)]
            if bad:
                problems.append(f"{label} cites missing source(s) {bad}")
            cited = [brief.sources[n - 1].text for n in item.citations if 1 <= n <= len(brief.sources)]
            literal = any(normal_text(item.text) in normal_text(text) for text in cited)
            if cited and not literal and support_problems(item.text, cited):
                problems.append(f"{label} is not supported by its cited sentence(s)")
            norm = normal_text(item.text)
            if norm in seen:
                problems.append(f"{label} repeats an item of {seen[norm]}")
            seen[norm] = section.name
    return problems


def verify_brief(
    brief: Brief, articles: Mapping[str, Article], analyses: Mapping[str, Analysis]
) -> list[str]:
    """Every problem that makes a brief untrustworthy; an empty list means fully grounded.

    Checks that each item is cited, that its text is a (contiguous part of a) cited sentence — or,
    for prose from :mod:`newsdesk.brief.llm`, passes its support check — that
    no sentence is printed twice, and that each source really is the sentence at that index of that
    article — so a brief from a stale or tampered store is caught, not printed.
    """
    problems = _item_problems(brief) + _source_problems(brief, articles, analyses)
    keys = {(s.article_id, s.sentence_index) for s in brief.sources}
    for player in brief.key_players:
        if any(not 1 <= n <= len(brief.sources) for n in player.citations):
            problems.append(f"key player {player.name} cites a missing source")
    for entry in brief.timeline:
        if not entry.citations:
            problems.append(f"timeline {entry.date} has no citation")
        if any((s.article_id, s.sentence_index) not in keys for s in entry.citations):
            problems.append(f"timeline {entry.date} cites a source missing from the brief")
    return problems
