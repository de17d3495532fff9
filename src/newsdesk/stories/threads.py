"""Threads: linking stories about the same *recurring* subject across gaps of months.

Story clustering deliberately lets a story go dormant after days of silence, so Putin's May 2024
state visit to China and his Aug–Sep 2025 visit become two stories. A thread links them back
together, while stories that merely involve the same people (an SCO summit in Astana where Putin
and Xi also met, a BRICS summit in Kazan, a Trump–Putin summit in Alaska) stay out.

Each story is summarised by a :class:`StoryProfile`; two stories are linked when, in order:

1. they do not overlap in time and the later one starts within ``max_gap_days``;
2. their key actors agree (the two most-mentioned countries, and the key persons);
3. the direction of their dominant interaction agrees when both have one (visitor → host:
   RUS→CHN is not CHN→RUS), so do the country where their events took place (the host: China, not
   Kazakhstan for a summit in Astana) and their dominant event type;
4. a weighted mix of actor, event, vocabulary and place similarity passes ``threshold`` — the
   vocabulary ("state visit", "Beijing") and places are what separate a visit from a summit
   elsewhere that the same leaders attended.

Each story links to its best-scoring predecessor only (no chaining through weak links); a thread is a
connected chain of at least two stories. A story with no partner is in no thread.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as _date

from newsdesk.model import Analysis, Article, Mention, Story, Thread, stable_id
from newsdesk.stories.text import STOPWORDS, stem, tokens

Counts = tuple[tuple[str, int], ...]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True)
class StoryProfile:
    """What thread linking (and story listings) need to know about one story."""

    story_id: str
    title: str
    first_date: str | None
    last_date: str | None
    countries: Counts = ()  # ISO codes, most mentioned first
    persons: Counts = ()  # resolved person names
    dyads: tuple[tuple[str, str, int], ...] = ()  # (actor country, recipient country, count) of events
    event_types: Counts = ()  # PLOVER types of factual events
    terms: Counts = ()  # top stemmed content words of titles and leads
    locations: tuple[str, ...] = ()  # place names mentioned, most frequent first
    venues: Counts = ()  # countries where the story's events took place (the host of a visit)
    themes: tuple[str, ...] = ()
    article_count: int = 0
    labels: tuple[tuple[str, str], ...] = ()  # (stem, surface word as written) for ``terms``


# ------------------------------------------------------------------------------ profiling


def _top(counter: Counter[str], n: int) -> Counts:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def representative_title(articles: Sequence[Article]) -> str:
    """The headline nearest to the centroid of all headlines: typical, not the odd one out.

    It is chosen among the reports from the story's median date on. A story's first reports are
    often previews written before the event ("X to meet Y", "X heads for Y"): they share the most
    words with everything after them, so they sit nearest the centroid, yet they name what was
    expected rather than what happened. Undated reports stay candidates only when none is dated.
    """
    titled = [a for a in articles if a.title and a.title.strip()]
    if not titled:
        return next((a.text.strip().split("\n")[0][:120] for a in articles if a.text.strip()), "")
    vectors = [Counter(tokens(a.title or "")) for a in titled]
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(set(v))
    weights = {k: float(c) for k, c in centroid.items()}
    scored = [(_cosine({k: float(c) for k, c in v.items()}, weights), -i) for i, v in enumerate(vectors)]
    best = max(_from_median_date(titled), key=lambda i: scored[i])
    return (titled[best].title or "").strip()


def _from_median_date(articles: Sequence[Article]) -> list[int]:
    """Indexes of the articles dated on or after the median date (all of them when none is dated)."""
    dates = sorted(a.date for a in articles if a.date)
    if not dates:
        return list(range(len(articles)))
    median = dates[(len(dates) - 1) // 2]
    return [i for i, a in enumerate(articles) if a.date and a.date >= median]


def _surfaces(texts: Iterable[str]) -> dict[str, str]:
    """Stem -> the word as most often written ("visits", "visit" -> "visit"; "china" -> "China")."""
    seen: dict[str, Counter[str]] = {}
    for text in texts:
        for raw in _WORD.findall(text):
            word = raw.strip("'-").removesuffix("'s").removesuffix("’s")
            low = word.casefold()
            if len(low) < 2 or low in STOPWORDS:
                continue
            seen.setdefault(stem(low), Counter())[word] += 1
    return {k: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for k, c in seen.items()}


def _lead(article: Article, analysis: Analysis | None) -> str:
    if analysis and analysis.sentences:
        return " ".join(s.text for s in analysis.sentences[:2])
    return article.text[:400]


def _is_person(m: Mention) -> bool:
    """A person mention, by its NER label or, when mentions come from the actor dictionary alone
    (no statistical NER), by the resolved actor: an office holder with a full name."""
    if m.label == "PERSON":
        return True
    return bool(m.actor and m.actor.role and len(m.actor.name.split()) >= 2 and m.label != "NORP")


def _is_place(m: Mention) -> bool:
    """A place mention, by label or by resolution: a country named as itself ("China"), or a city
    standing for its government ("Beijing", "Astana"), but not a demonym ("Chinese")."""
    if m.label in _PLACE_LABELS:
        return True
    if m.label in {"PERSON", "NORP"} or m.actor is None or m.actor.role or not m.actor.country:
        return False
    text = m.text.strip()
    if not text[:1].isupper() or text.casefold().endswith(("ian", "ese", "ish")):
        return False
    if m.actor.sector is None:
        return text == m.actor.name  # the country itself, not its adjective or abbreviation
    return m.actor.sector == "GOV" and text != m.actor.name  # a capital or seat of government


def profile_story(story_id: str, articles: Sequence[Article], analyses: Sequence[Analysis]) -> StoryProfile:
    """Summarise a story from its articles and their analyses (matched by article id)."""
    by_id = {a.article_id: a for a in analyses}
    countries: Counter[str] = Counter()
    persons: Counter[str] = Counter()
    places: Counter[str] = Counter()
    dyads: Counter[tuple[str, str]] = Counter()
    events: Counter[str] = Counter()
    terms: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    event_places: Counter[str] = Counter()
    place_country: dict[str, str] = {}
    leads: list[str] = []
    for art in articles:
        analysis = by_id.get(art.id)
        leads.append(f"{art.title or ''} {_lead(art, analysis)}")
        terms.update(set(tokens(leads[-1])))
        if analysis is None:
            continue
        for m in analysis.mentions:
            if m.actor and m.actor.country:
                countries[m.actor.country] += 1
            if _is_person(m):
                persons[m.actor.name if m.actor else m.text] += 1
            if _is_place(m):
                places[m.text] += 1
            if m.actor and m.actor.country and not _is_person(m):
                place_country.setdefault(m.text.casefold(), m.actor.country)
        for ev in analysis.events:
            if ev.hypothetical or ev.negated or ev.historical:
                continue
            events[ev.plover] += 1
            for src in {a.country for a in ev.actors if a.country}:
                for dst in {r.country for r in ev.recipients if r.country}:
                    if src != dst:
                        dyads[(src, dst)] += 1
            if ev.location:
                places[ev.location] += 1
                event_places[ev.location.casefold()] += 1
        themes.update(analysis.themes[:3])
    venues: Counter[str] = Counter()
    for place, n in event_places.items():
        if place in place_country:
            venues[place_country[place]] += n
    dates = sorted(a.date for a in articles if a.date)
    top_terms = _top(terms, 25)
    surface = _surfaces(leads)
    return StoryProfile(
        story_id=story_id,
        title=representative_title(articles),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        countries=_top(countries, 8),
        persons=_top(persons, 8),
        dyads=tuple((s, d, c) for (s, d), c in sorted(dyads.items(), key=lambda kv: (-kv[1], kv[0]))[:5]),
        event_types=_top(events, 5),
        terms=top_terms,
        locations=tuple(name for name, _ in _top(places, 8)),
        venues=_top(venues, 3),
        themes=tuple(t for t, _ in _top(themes, 5)),
        article_count=len(articles),
        labels=tuple((t, surface.get(t, t)) for t, _ in top_terms),
    )


def make_story(profile: StoryProfile, article_ids: Sequence[str], thread_id: str | None = None) -> Story:
    """The :class:`model.Story` record for a profiled story."""
    key_actors = [name for name, _ in profile.persons[:5]] + [code for code, _ in profile.countries[:5]]
    return Story(
        id=profile.story_id,
        title=profile.title,
        article_ids=tuple(article_ids),
        first_seen=profile.first_date,
        last_seen=profile.last_date,
        key_actors=tuple(dict.fromkeys(key_actors)),
        themes=profile.themes,
        thread_id=thread_id,
    )


# -------------------------------------------------------------------------------- linking


@dataclass(frozen=True)
class ThreadParams:
    threshold: float = 0.55
    min_gap_days: int = 7  # longer than story dormancy: overlapping stories are the clusterer's job
    max_gap_days: int = 800
    weights: tuple[float, float, float, float] = (0.35, 0.15, 0.3, 0.2)  # actors, events, terms, places


def _day(iso: str | None) -> int | None:
    try:
        return _date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def _weighted_jaccard(a: Counts, b: Counts) -> float:
    """Jaccard on shares, so a story with many articles does not dominate a small one."""
    ta, tb = sum(c for _, c in a), sum(c for _, c in b)
    if not ta or not tb:
        return 0.0
    da = {k: c / ta for k, c in a}
    db = {k: c / tb for k, c in b}
    keys = da.keys() | db.keys()
    num = sum(min(da.get(k, 0.0), db.get(k, 0.0)) for k in keys)
    den = sum(max(da.get(k, 0.0), db.get(k, 0.0)) for k in keys)
    return num / den if den else 0.0


def _key_countries(p: StoryProfile) -> frozenset[str]:
    return frozenset(c for c, _ in p.countries[:2])


def _dominant(items: Iterable[tuple[str, int]]) -> str | None:
    first = next(iter(items), None)
    return first[0] if first else None


def _set_sim(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = {x.casefold() for x in a}, {x.casefold() for x in b}
    return len(sa & sb) / len(sa | sb) if sa | sb else 0.0


def link_score(earlier: StoryProfile, later: StoryProfile, params: ThreadParams | None = None) -> float:
    """How strongly ``later`` continues ``earlier``'s recurring subject (0 when a hard rule fails)."""
    p = params or ThreadParams()
    d0, d1 = _day(earlier.last_date), _day(later.first_date)
    if d0 is None or d1 is None or not p.min_gap_days <= d1 - d0 <= p.max_gap_days:
        return 0.0
    keys = _key_countries(earlier)
    if not keys or keys != _key_countries(later):
        return 0.0
    if earlier.dyads and later.dyads and earlier.dyads[0][:2] != later.dyads[0][:2]:
        return 0.0
    venue0, venue1 = _dominant(earlier.venues), _dominant(later.venues)
    if venue0 and venue1 and venue0 != venue1:
        return 0.0
    ev0, ev1 = _dominant(earlier.event_types), _dominant(later.event_types)
    if ev0 and ev1 and ev0 != ev1:
        return 0.0
    actors = 0.5 * _weighted_jaccard(earlier.countries, later.countries)
    actors += 0.5 * (
        _weighted_jaccard(earlier.persons, later.persons) if earlier.persons and later.persons else 0.5
    )
    events = _weighted_jaccard(earlier.event_types, later.event_types) if ev0 and ev1 else 0.5
    terms = _cosine(
        dict((k, float(c)) for k, c in earlier.terms), dict((k, float(c)) for k, c in later.terms)
    )
    places = _set_sim(earlier.locations[:5], later.locations[:5])
    w = p.weights
    return w[0] * actors + w[1] * events + w[2] * terms + w[3] * places


def thread_id_for(first_story_id: str) -> str:
    return "t" + stable_id("thread", first_story_id, length=12)


def _link_candidates(
    ordered: Sequence[StoryProfile], p: ThreadParams
) -> Iterator[tuple[StoryProfile, Sequence[StoryProfile]]]:
    """Each story with the earlier stories it could link to, in ``ordered``'s order.

    :func:`link_score` is 0 unless two stories share their key countries, so with a positive
    threshold only the earlier stories with the same key countries are candidates: comparing every
    pair made linking quadratic in the number of stories in the store, and it runs after every
    ingest. The candidates keep their order, so ties are broken as a full scan breaks them."""
    if p.threshold <= 0:
        for i, later in enumerate(ordered):
            yield later, ordered[:i]
        return
    by_keys: dict[frozenset[str], list[StoryProfile]] = {}
    for later in ordered:
        keys = _key_countries(later)
        if not keys:
            continue
        group = by_keys.setdefault(keys, [])
        yield later, group
        group.append(later)


def link_threads(stories: Sequence[StoryProfile], params: ThreadParams | None = None) -> list[Thread]:
    """Threads of two or more stories, each ordered by date; stories with no partner are left out."""
    p = params or ThreadParams()
    ordered = sorted(stories, key=lambda s: (s.first_date or "", s.story_id))
    parent: dict[str, str] = {}
    for later, candidates in _link_candidates(ordered, p):
        best, best_score = None, p.threshold
        for earlier in candidates:
            score = link_score(earlier, later, p)
            if score >= best_score:
                best, best_score = earlier, score
        if best is not None:
            parent[later.story_id] = best.story_id

    def root(sid: str) -> str:
        while sid in parent:
            sid = parent[sid]
        return sid

    groups: dict[str, list[StoryProfile]] = {}
    for s in ordered:
        groups.setdefault(root(s.story_id), []).append(s)
    threads = []
    for members in groups.values():
        if len(members) < 2:
            continue
        threads.append(
            Thread(
                id=thread_id_for(members[0].story_id),
                title=thread_title(members, stories),
                story_ids=tuple(m.story_id for m in members),
            )
        )
    return threads


# --------------------------------------------------------------------------------- titles


def _shared(counts: Sequence[Counts], rarity: Callable[[str], float] = lambda _: 1.0) -> list[str]:
    """Keys present in every story's counts, by summed share times ``rarity`` (most telling first)."""
    common = set.intersection(*(set(k for k, _ in c) for c in counts)) if counts else set()
    share: Counter[str] = Counter()
    for c in counts:
        total = sum(n for _, n in c) or 1
        for k, n in c:
            if k in common:
                share[k] += n / total * rarity(k)
    return [k for k, _ in sorted(share.items(), key=lambda kv: (-kv[1], kv[0]))]


def _person_word(name: str, terms: Counter[str]) -> str:
    """The part of a name the texts use on its own: "Putin" for Vladimir Putin, "Xi" for Xi Jinping."""
    parts = name.split()
    return max(reversed(parts), key=lambda w: terms.get(stem(w.casefold()), 0)) if parts else name


def _distinct(words: Sequence[str]) -> list[str]:
    """Drop a word that only restates an earlier one's root: "Chinese" after "China", "Russian" after
    "Russia". A title spends its three words on three things, not one place and its adjective."""
    kept: list[str] = []
    for word in words:
        if not any(_same_root(word, k) for k in kept):
            kept.append(word)
    return kept


def _same_root(a: str, b: str) -> bool:
    """One word is the other with its last letter swapped for an ending; five letters at least, so
    "Iran" and "Iraq" stay apart."""
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    return len(short) >= 5 and long.startswith(short[:-1])


def _years(stories: Sequence[StoryProfile]) -> str:
    years = sorted({d[:4] for s in stories for d in (s.first_date, s.last_date) if d})
    if not years:
        return ""
    return f" ({years[0]}–{years[-1]})" if years[0] != years[-1] else f" ({years[0]})"


def thread_title(stories: Sequence[StoryProfile], corpus: Sequence[StoryProfile] = ()) -> str:
    """Name the recurring subject from what every story shares: its people, then its words.

    "Putin and Xi: visit, Beijing, China (2024–2025)" says what recurs; the first story's headline
    only says what happened the first time. Words are weighted by how rare they are among all
    stories (``corpus``), so "visit" outranks "China", which half the stories mention.
    """
    corpus = corpus or stories
    df: Counter[str] = Counter(t for s in corpus for t in {k for k, _ in s.terms})
    n = len(corpus)
    terms: Counter[str] = Counter()
    for s in stories:
        terms.update(dict(s.terms))
    people = _shared([s.persons for s in stories])[:2]
    short = [_person_word(p, terms) for p in people]
    name_stems = {stem(w.casefold()) for p in people for w in p.split()}
    labels: dict[str, str] = {}
    for s in stories:
        for t, word in s.labels:
            labels.setdefault(t, word)
    shared = _shared([s.terms for s in stories], lambda t: math.log((1 + n) / (1 + df[t])) + 1.0)
    words = _distinct([labels.get(t, t) for t in shared if t not in name_stems])[:3]
    who = " and ".join(short)
    what = ", ".join(words)
    if not who and not what:
        return stories[0].title
    return f"{who}: {what}{_years(stories)}" if who and what else f"{who or what}{_years(stories)}"
