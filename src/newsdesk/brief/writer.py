"""The story brief: sections of verbatim, cited source sentences.

Nothing here writes new prose. Each section *chooses* source sentences (see
:mod:`newsdesk.brief.candidates` for how a sentence is recognised as background, reaction or
outlook), so every printed sentence is supported by construction and :func:`verify_brief` can
check it mechanically.

Sections are filled in order of specificity — Summary first (the most central news), then the
narrow sections (Reactions, What comes next, Background) that would otherwise lose their only
sentences to the broad Key aspects — but sources are numbered in reading order, so citation
numbers rise through the printed brief.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsdesk.brief import candidates as cues
from newsdesk.brief.candidates import Candidate, build_candidates, normal_text
from newsdesk.brief.summarize import centrality, mmr_select, tfidf_matrix
from newsdesk.model import (
    Analysis,
    Article,
    Brief,
    BriefItem,
    KeyPlayer,
    Section,
    Sentence,
    Source,
    Story,
    TimelineEntry,
)

SECTION_ORDER = ("Summary", "Background", "Key aspects", "Reactions", "What comes next")
_MAX_COPIES = 2  # extra citations for a sentence repeated verbatim in syndicated copies
_MAX_BACKGROUND = 5
_MAX_REACTIONS = 6
_MAX_OUTLOOK = 4
_MAX_THEMES = 6
_MAX_PLAYERS = 8
_PLAYER_LABELS = frozenset({"PERSON", "ORG"})
# Actors of a protagonist country who still speak as outsiders (commentators, not parties).
_INDEPENDENT_SECTORS = frozenset({"MED", "EDU", "NGO", "CVL", "OPP", "LAB", "HLH", "REF"})


@dataclass(frozen=True)
class _Pick:
    section: str
    candidate: Candidate
    group: str | None = None


@dataclass
class _Pool:
    """Scored candidates of one story, and which of them are already printed."""

    candidates: list[Candidate]
    relevance: np.ndarray
    matrix: object
    used: set[str] = field(default_factory=set)

    def free(self, index: int) -> bool:
        return normal_text(self.candidates[index].text) not in self.used

    def take(self, index: int) -> Candidate:
        self.used.add(normal_text(self.candidates[index].text))
        return self.candidates[index]

    def ranked(self, indexes: Iterable[int]) -> list[int]:
        """Free indexes, most relevant first."""
        return sorted((i for i in indexes if self.free(i)), key=lambda i: -self.relevance[i])


def _score(candidates: Sequence[Candidate], key_actors: Sequence[str]) -> tuple[np.ndarray, object]:
    """Relevance = centrality + lead + coverage of the story's key actors + a coded event.

    Centrality finds what all the articles report; the key-actor and event terms pull the summary
    toward sentences about *who did what*, rather than atmosphere or analysis.
    """
    matrix = tfidf_matrix([c.text for c in candidates])
    central = centrality(matrix)
    central = central / central.max() if central.size and central.max() > 0 else central
    wanted = {a.lower() for a in key_actors}
    scores = []
    for i, c in enumerate(candidates):
        names = {m.actor.name.lower() for m in c.mentions if m.actor} | {m.text.lower() for m in c.mentions}
        actors = len(names & wanted) / max(len(wanted), 1) if wanted else min(len(c.mentions), 3) / 3
        factual = any(not (e.negated or e.hypothetical) for e in c.events)
        lead = 1.0 / (1.0 + c.sentence.index)
        scores.append(central[i] + 0.3 * lead + 0.4 * actors + 0.2 * factual)
    return np.array(scores), matrix


def _pool(candidates: list[Candidate], key_actors: Sequence[str]) -> _Pool:
    relevance, matrix = _score(candidates, key_actors) if candidates else (np.zeros(0), None)
    return _Pool(candidates, relevance, matrix)


# ------------------------------------------------------------------------------------ sections


def _summary(pool: _Pool, story_start: str | None, limit: int) -> list[_Pick]:
    """The most central news sentences, redundancy-controlled, printed in reading order.

    Background and outlook sentences are left to their own sections unless the story has too few
    plain news sentences to make a summary without them.
    """
    news = [
        pool.free(i) and not cues.is_historical(c, story_start) and not cues.is_future(c)
        for i, c in enumerate(pool.candidates)
    ]
    allowed = news if sum(news) >= min(3, limit) else [pool.free(i) for i in range(len(pool.candidates))]
    if not any(allowed):
        return []
    chosen = mmr_select(
        pool.relevance,
        pool.matrix,
        [c.words for c in pool.candidates],
        max_items=limit,
        mmr_lambda=0.7,
        max_similarity=0.5,
        allowed=allowed,
    )
    chosen.sort(key=lambda i: (pool.candidates[i].article.date or "", pool.candidates[i].order))
    return [_Pick("Summary", pool.take(i)) for i in chosen]


def _protagonists(candidates: Sequence[Candidate], story: Story) -> tuple[set[str], set[str]]:
    """The two most-mentioned countries and the story's key actor names: whose words are not reactions."""
    countries = Counter(
        m.actor.country for c in candidates for m in c.mentions if m.actor and m.actor.country
    )
    top = {country for country, _ in countries.most_common(2)}
    return top, {a.lower() for a in story.key_actors}


def _speaker(candidate: Candidate, countries: set[str], names: set[str]) -> str | None:
    """The outside party a reaction is attributed to, or None when a protagonist is speaking."""
    verb = cues.REACTION_VERB.search(candidate.text)
    if verb is None:
        return None
    explicit = cues.explicit_third_party(candidate.text)
    before = [m for m in candidate.mentions if m.actor and m.end - candidate.sentence.start <= verb.start()]
    speakers = before or [m for m in candidate.mentions if m.actor]
    for mention in reversed(speakers):  # nearest to the verb first
        actor = mention.actor
        assert actor is not None
        protagonist = actor.name.lower() in names or (
            actor.country in countries and actor.sector not in _INDEPENDENT_SECTORS
        )
        if not protagonist:
            return actor.name
    return explicit


def _reactions(pool: _Pool, story: Story) -> list[_Pick]:
    """Third-party reactions grouped by who reacted, groups in order of first appearance."""
    countries, names = _protagonists(pool.candidates, story)
    by_actor: dict[str, list[int]] = {}
    for i in pool.ranked(range(len(pool.candidates))):
        speaker = _speaker(pool.candidates[i], countries, names)
        if speaker and len(by_actor.get(speaker, [])) < 2:
            by_actor.setdefault(speaker, []).append(i)
    picks: list[_Pick] = []
    groups = sorted(by_actor.items(), key=lambda kv: min(pool.candidates[i].order for i in kv[1]))
    for actor, indexes in groups:
        for i in sorted(indexes, key=lambda i: pool.candidates[i].order):
            if len(picks) < _MAX_REACTIONS:
                picks.append(_Pick("Reactions", pool.take(i), actor))
    return picks


def _outlook(pool: _Pool) -> list[_Pick]:
    """Scheduled or announced next steps, most relevant first, printed in reading order."""
    future = [i for i in pool.ranked(range(len(pool.candidates))) if cues.is_future(pool.candidates[i])]
    chosen = sorted(future[:_MAX_OUTLOOK], key=lambda i: pool.candidates[i].order)
    return [_Pick("What comes next", pool.take(i)) for i in chosen]


def _background(pool: _Pool, earlier: Sequence[_Pool], story_start: str | None) -> list[_Pick]:
    """Dated sentences from earlier stories of the thread, then this story's own background lines.

    From each earlier story the best sentence that states a date is preferred — "in May 2024 Putin
    visited Beijing" orients a reader better than an undated one.
    """
    picks: list[_Pick] = []
    per_story = 2 if len(earlier) <= 2 else 1
    for old in earlier[-_MAX_BACKGROUND:]:
        ranked = old.ranked(range(len(old.candidates)))
        dated = [i for i in ranked if cues.has_date(old.candidates[i])]
        for i in (dated + [i for i in ranked if i not in dated])[:per_story]:
            if normal_text(old.candidates[i].text) not in pool.used:
                pool.used.add(normal_text(old.candidates[i].text))
                picks.append(_Pick("Background", old.take(i)))
    room = max(_MAX_BACKGROUND - len(picks), 2)
    own = [
        i
        for i in pool.ranked(range(len(pool.candidates)))
        if cues.is_historical(pool.candidates[i], story_start)
    ]
    for i in sorted(own[:room], key=lambda i: pool.candidates[i].order):
        picks.append(_Pick("Background", pool.take(i)))
    return picks


def _key_aspects(pool: _Pool, themes_hint: Sequence[str]) -> list[_Pick]:
    """1–3 sentences per theme, themes ordered by how many of the story's sentences carry them."""
    counts = Counter(t for c in pool.candidates for t in c.themes)
    hint = {t: i for i, t in enumerate(themes_hint)}
    themes = sorted(counts, key=lambda t: (-counts[t], hint.get(t, len(hint)), t))[:_MAX_THEMES]
    picks: list[_Pick] = []
    for theme in themes:
        members = [i for i, c in enumerate(pool.candidates) if theme in c.themes]
        wanted = 1 + (counts[theme] >= 3) + (counts[theme] >= 6)
        chosen = pool.ranked(members)[:wanted]
        for i in sorted(chosen, key=lambda i: pool.candidates[i].order):
            picks.append(_Pick("Key aspects", pool.take(i), theme))
    return picks


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
        )
    return Source(
        article_id=sentence.article_id,
        sentence_index=sentence.index,
        text=sentence.text,
        url=article.url if article else None,
        publisher=article.publisher if article else None,
        date=article.date if article else None,
        title=article.title if article else None,
    )


def _key_players(pool: _Pool, sources: _Sources) -> tuple[KeyPlayer, ...]:
    """The most-mentioned resolved people and organisations, each cited where they appear."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple] = {}
    where: dict[str, list[Candidate]] = {}
    for c in pool.candidates:
        for m in c.mentions:
            if m.actor is None or m.label not in _PLAYER_LABELS:
                continue
            counts[m.actor.name] += 1
            first.setdefault(m.actor.name, (c.order, m.actor))
            if c not in where.setdefault(m.actor.name, []):
                where[m.actor.name].append(c)
    names = sorted(counts, key=lambda n: (-counts[n], first[n][0]))[:_MAX_PLAYERS]
    players = []
    for name in names:
        actor = first[name][1]
        cited = [c for c in where[name] if c.key in sources.index] or where[name][:1]
        citations = tuple(dict.fromkeys(sources.cite(c.article, c.sentence) for c in cited[:2]))
        players.append(KeyPlayer(name, actor.country, actor.sector, actor.role, counts[name], citations))
    return tuple(players)


def _timeline(entries: Sequence[TimelineEntry], articles: Mapping[str, Article], sources: _Sources) -> tuple:
    """Timeline entries with their sources registered, so renderers can print their numbers."""
    out = []
    for entry in entries:
        cited = []
        for src in entry.citations:
            number = sources.cite(articles.get(src.article_id), src)
            cited.append(sources.items[number - 1])
        out.append(
            TimelineEntry(
                entry.date, entry.text, tuple(cited), date_end=entry.date_end, story_id=entry.story_id
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------- brief


def write_brief(
    story: Story,
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    *,
    background: Sequence[tuple[Story, Sequence[Article], Sequence[Analysis]]] = (),
    timeline: Sequence[TimelineEntry] = (),
    duplicates: Mapping[str, Sequence[str]] | None = None,
    max_summary_sentences: int = 4,
) -> Brief:
    """A brief of ``story`` whose every item is a cited source sentence.

    ``background`` holds the earlier stories of the same thread, oldest first; ``duplicates`` maps a
    canonical article id to the ids of its syndicated copies (their identical sentences become
    extra citations rather than repeated text).
    """
    story_start = story.first_seen or min((a.date for a in articles if a.date), default=None)
    pool = _pool(build_candidates(articles, analyses, duplicates), story.key_actors)
    earlier = [_pool(build_candidates(arts, ans), old.key_actors) for old, arts, ans in background]
    picks = _summary(pool, story_start, max(1, max_summary_sentences))
    picks += _reactions(pool, story)
    picks += _outlook(pool)
    picks += _background(pool, earlier, story_start)
    picks += _key_aspects(pool, story.themes)

    sources = _Sources()
    sections = []
    for name in SECTION_ORDER:
        items = tuple(
            BriefItem(p.candidate.text, sources.cite_candidate(p.candidate), p.group)
            for p in picks
            if p.section == name
        )
        sections.append(Section(name, items))
    players = _key_players(pool, sources)
    known = {a.id: a for a in articles} | {a.id: a for _, arts, _ in background for a in arts}
    entries = _timeline(timeline, known, sources)
    return Brief(
        story_id=story.id,
        title=story.title,
        sections=tuple(sections),
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
            if cited and not any(normal_text(item.text) in normal_text(text) for text in cited):
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

    Checks that each item is cited, that its text is a (contiguous part of a) cited sentence, that
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
