"""Online story clustering: one pass in stream order, every document joins a story or starts one.

Nothing already decided is recomputed when a document arrives, so ingest cost stays flat as the
store grows and the state can be saved between runs (:meth:`OnlineClusterer.to_state`).

A document is scored against the *active* stories found through its strongest terms' posting
lists, each capped to the stories that used the term most recently (:mod:`newsdesk.stories.index`),
so the work per document is bounded however many stories are active:

* text: cosine between its tf-idf vector (hashed terms, online idf, title terms upweighted) and the
  story centroid (the sum of its members' unit vectors, pruned to the strongest terms);
* entities: the share of the document's actors/countries the story already has, a bonus that lets
  a terse headline with little vocabulary in common still join its story; the share is shrunk
  towards zero (``entity_prior``) so that a page naming one country shares nothing decisive with
  every story that names it (on a mixed crawl that bonus fed unrelated pages into heaps);
* time: a story with no new document for ``dormant_days`` (by dates, or ``dormant_docs`` stream
  positions when dates are absent) goes dormant and takes no more documents, so a later recurrence
  of the same subject starts a new story (which :mod:`newsdesk.stories.threads` can then link).

Three gates keep pages out of stories they do not belong to. A page that is no news report (an
undated listing or "other" page, :func:`newsdesk.model.is_news`) keeps a story of its own that nothing joins. A
page naming states, none of which a story naming states has, is not offered that story: two
reports of one event name its place. A page and a story that never write each other's subject
(the name a title gives and its body repeats) are about different things.

When a story's centroid converges with another active story's (cosine ≥ ``merge_threshold``) the
smaller is merged into the larger (its key survives); :meth:`OnlineClusterer.resolve` maps a merged
key to its survivor. Only the few stories the new document scored best against are checked.

A story still of one or two documents ``orphan_wait`` positions after it began gets a second
chance: it joins the large active story it resembles most at a lower threshold. A new subject
draws follow-ups within that wait; a stray headline of a running story (a side angle sharing a
word or two with it) does not, and left alone it would be a fragment.

A document dated well before the stream's clock (a late arrival: a page ingested weeks after it
was written) cannot continue an active story; it is compared with the retired stories that were
active on its date (:mod:`newsdesk.stories.archive`) and joins the best of them above the usual
threshold, instead of starting a story of its own.

The reverse error — a follow-up that ran on into its predecessor — is undone by split detection
(:mod:`newsdesk.stories.split`): each active story remembers its recent members, and when the
best time cut leaves two sides less alike than ``split_threshold`` the later side becomes a new
story and its documents move there. Stories split apart are never merged again.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date as _date
from itertools import repeat
from operator import mul
from typing import Any

from newsdesk.model import stable_id
from newsdesk.stories.archive import StoryArchive
from newsdesk.stories.index import RecentPostings
from newsdesk.stories.params import ClusterParams
from newsdesk.stories.split import best_time_cut
from newsdesk.stories.state import LastSeen, entity_share
from newsdesk.stories.state import Member as _Member
from newsdesk.stories.state import StoryState as _Story
from newsdesk.stories.text import OnlineIdf, bucket, stem, term_counts, title_subject

STATE_VERSION = 2
_READABLE_VERSIONS = (1, 2)  # version 1 states have no member lists: their stories never split


@dataclass(frozen=True)
class ClusterDoc:
    """What the clusterer needs of an article: text, optional title/date, normalised actors."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    entities: tuple[str, ...] = ()  # normalised actor names / country codes
    event_types: tuple[str, ...] = ()
    # False for a page that is no news report (see :func:`newsdesk.model.is_news`): it gets a story of its own that
    # no other page joins, and joins another only on ``page_threshold`` (a score news never needs).
    news: bool = True
    # The states the page names (ISO codes, also among ``entities``): a page naming states, none of
    # which a story that names states has, reports another event (see ``OnlineClusterer._best``).
    states: tuple[str, ...] = ()
    # Hashed term counts made beforehand by :func:`with_terms` (in a pipeline worker, in parallel)
    # and the parameters they were counted with: the clusterer counts itself when its own differ.
    terms: tuple[tuple[int, float], ...] | None = None
    counted_with: ClusterParams | None = None


def doc_terms(doc: ClusterDoc, params: ClusterParams) -> Counter[int]:
    """The hashed term counts the clusterer weighs for ``doc``: its body's start, title upweighted."""
    counts = term_counts(doc.text[: params.body_chars], params.n_features, params.bigrams)
    if doc.title:
        for t, c in term_counts(doc.title, params.n_features, params.bigrams).items():
            counts[t] += c * params.title_weight
    return counts


def with_terms(doc: ClusterDoc, params: ClusterParams | None = None) -> ClusterDoc:
    """``doc`` with its term counts made now (order kept: the weighting sums in that order)."""
    params = params or ClusterParams()
    return replace(doc, terms=tuple(doc_terms(doc, params).items()), counted_with=params)


def _day(iso: str | None) -> int | None:
    """Day ordinal of an ISO date, or None when absent/unparseable (then stream order decides)."""
    if not iso:
        return None
    try:
        return _date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


class OnlineClusterer:
    """Single-pass story clusterer; see the module docstring for the scoring."""

    def __init__(
        self, params: ClusterParams | None = None, *, keep_assignments: bool = True, **overrides: Any
    ) -> None:
        """``keep_assignments=False`` drops the doc -> story map, the one structure that grows with
        the stream: a caller that stores each returned key itself (the ingest pipeline) reads merges
        and split moves from :meth:`take_changes` instead."""
        base = params or ClusterParams()
        self.params = ClusterParams(**{**base.__dict__, **overrides})
        self.keep_assignments = keep_assignments
        self._idf = OnlineIdf()
        self._stories: dict[str, _Story] = {}
        # term -> recent active stories whose centroid has it; entity -> stories that mention it
        self._postings = RecentPostings(self.params.posting_cap)
        self._by_entity = RecentPostings(self.params.posting_cap)
        self._alias: dict[str, str] = {}  # merged story key -> surviving key
        self._assign: dict[str, str] = {}  # doc id -> story key at assignment time
        self._moved: dict[str, str] = {}  # doc id -> new story key, split moves not yet taken
        self._merged: set[str] = set()  # keys merged away since the last take_changes
        self._near: list[str] = []  # stories the last document scored best against, best first
        self._orphans: deque[tuple[int, str, float]] = deque()  # (pos, key, length) of new stories
        self._apart: set[frozenset[str]] = set()  # stories split apart never merge again
        self._active: set[str] = set()  # keys of stories not yet dormant
        self._last_seen = LastSeen()  # the stories a dormancy sweep must look at, oldest first
        self._pos = 0
        self._length = 0.0  # length factor of the document being added
        self._day: int | None = None  # latest date seen: the stream's clock
        self._archive = StoryArchive(self.params.archive_cap, self.params.archive_terms)
        self._states: set[str] = set()  # every state code a document has named: a story's are among these

    # ------------------------------------------------------------------ public API

    def add(self, doc: ClusterDoc) -> str:
        """Assign ``doc`` to a story (existing or new) and return the story key."""
        if doc.id in self._assign:  # only known with keep_assignments
            return self.resolve(self._assign[doc.id])
        self._pos += 1
        day = _day(doc.date)
        if day is not None and (self._day is None or day > self._day):
            self._day = day
        counts = self._counts(doc)
        vec = self._idf.weigh(counts)
        self._idf.add(counts)
        entities = tuple(dict.fromkeys(e for e in doc.entities if e))
        self._length = self._length_factor(sum(counts.values()))
        if not doc.news and self.params.news_gate:
            return self._add_aside(doc.id, vec, entities, day)
        states = doc.states if self.params.place_gate else ()
        self._states.update(states)
        subject = None
        if self.params.subject_gate:
            subject = title_subject(doc.title, doc.text[: self.params.body_chars])
        story = self._best(vec, entities, day, states=states, subject=subject)
        if story is None and self._late(day):
            key = self._archive.match(
                vec,
                entities,
                day,
                self.params.dormant_days,
                self._scaled(self.params.threshold, self.params.long_threshold),
                self.params.entity_weight,
                self.params.entity_prior,
            )
            if key is not None:
                if self.keep_assignments:
                    self._assign[doc.id] = key
                return self.resolve(key)
        if story is None:
            story = self._new_story(doc.id)
            if self.params.orphan_wait > 0:
                self._orphans.append((self._pos, story.key, self._length))
        self._join(story, vec, entities, day)
        if subject:
            story.subjects[subject] += 1
        self._remember(story, doc.id, vec, entities, day)
        if self.keep_assignments:
            self._assign[doc.id] = story.key
        if self.params.merge_threshold > 0:
            story = self._maybe_merge(story, day)
        if self.params.split_threshold > 0 and story.unchecked >= self.params.split_every:
            story = self._maybe_split(story)
        key = story.key
        self._housekeep()
        return self.resolve(key)

    def _housekeep(self) -> None:
        """What every arrival moves on: the dormancy sweep and the lone stories' second chance."""
        if self._pos % 256 == 0:
            self._sweep_dormant()
        while self._orphans and self._orphans[0][0] + self.params.orphan_wait <= self._pos:
            self._rescue(*self._orphans.popleft())

    def _add_aside(self, doc_id: str, vec: dict[int, float], entities: tuple[str, ...], day: int | None) -> str:
        """Place a page that is no news report (``ClusterDoc.news``): in a story of its own that no
        later page can join and that is never given a second chance or merged, unless it scores
        ``page_threshold`` against a running story. Nothing of it is kept but its key."""
        p = self.params
        story = self._best(vec, entities, day, p.page_threshold) if p.page_threshold > 0 else None
        if story is None:
            key = "s" + stable_id("story", doc_id, length=12)
        else:
            self._join(story, vec, entities, day)
            self._remember(story, doc_id, vec, entities, day)
            key = story.key
        if self.keep_assignments:
            self._assign[doc_id] = key
        self._housekeep()
        return self.resolve(key)

    def _rescue(self, pos: int, key: str, length: float) -> None:
        """Give a story still of one or two documents its second chance (see ``orphan_wait``)."""
        p = self.params
        orphan = self._stories.get(key)
        if orphan is None or orphan.size > p.orphan_max_size or key not in self._active or orphan.sq_norm <= 0:
            return
        threshold = p.orphan_threshold + (p.long_threshold - p.threshold) * length
        scored: list[tuple[float, str]] = []
        ranked = self._candidates(orphan.centroid, tuple(orphan.entities), terms=len(orphan.centroid))
        for other_key in ranked:
            other = self._stories[other_key]
            if other_key == key or other.size < p.orphan_min_size or self._is_dormant(other, self._day):
                continue
            score = self._centroid_cosine(orphan, other)
            if orphan.entities:
                score += entity_share(orphan.entities, other.entities, p.entity_weight, p.entity_prior)
            scored.append((score, other_key))
            if len(scored) == p.max_candidates:
                break
        if scored:
            score, best = max(scored)  # ties to the larger key
            if score >= threshold:
                self._absorb(self._stories[best], orphan)

    def _length_factor(self, n_terms: int) -> float:
        """0 for a headline-length document, 1 for a full article, linear in between."""
        p = self.params
        span = max(1, p.long_terms - p.short_terms)
        return min(1.0, max(0.0, (n_terms - p.short_terms) / span))

    def _scaled(self, short: float, long: float) -> float:
        return short + (long - short) * self._length

    def resolve(self, key: str) -> str:
        """The surviving key of a story that may have been merged (a key maps to itself)."""
        while key in self._alias:
            key = self._alias[key]
        return key

    def story_of(self, doc_id: str) -> str | None:
        """Current story key of an added document (merges resolved), or None if never added."""
        key = self._assign.get(doc_id)
        return None if key is None else self.resolve(key)

    def assignments(self) -> dict[str, str]:
        """Doc id -> current story key for every document added (merges resolved)."""
        return {doc: self.resolve(key) for doc, key in self._assign.items()}

    def aliases(self) -> dict[str, str]:
        """Merged story key -> surviving key, so a store can rewrite earlier assignments."""
        return {k: self.resolve(k) for k in self._alias}

    def take_changes(self) -> tuple[dict[str, str], dict[str, str]]:
        """(merged key -> survivor, moved doc id -> story key) since the last call.

        What a caller that keeps assignments itself must apply, merges first: the keys it was given
        that were merged away, and the documents a split moved to a new story (recorded only
        without ``keep_assignments``; otherwise :meth:`assignments` has them). Without
        ``keep_assignments`` aliases already taken are forgotten, so nothing grows with the stream.
        """
        merged = {k: self.resolve(k) for k in self._merged}
        moved = {doc: self.resolve(key) for doc, key in self._moved.items()}
        self._merged, self._moved = set(), {}
        if not self.keep_assignments:
            self._alias = {}
        return merged, moved

    def active_stories(self) -> list[str]:
        return [k for k in self._stories if k in self._active]

    def index_sizes(self) -> dict[str, int]:
        """Sizes of the in-memory indexes, to check they stay bounded by the active window."""
        return {
            "active": len(self._active),
            "stories": len(self._stories),
            "postings": self._postings.total(),
            "idf_terms": len(self._idf.df),
            "assignments": len(self._assign),
        }

    def to_state(self, include_assignments: bool = False, compact: bool = True) -> dict[str, Any]:
        """JSON-able state. ``compact`` drops dormant stories' centroids (they never take docs again)."""
        self._sweep_dormant()
        stories = [s.to_json() for s in self._stories.values() if not (compact and s.dormant)]
        state: dict[str, Any] = {
            "version": STATE_VERSION,
            "params": dict(self.params.__dict__),
            "idf_docs": self._idf.docs,
            "df": {str(t): c for t, c in self._idf.df.items()},
            "stories": stories,
            "alias": dict(self._alias),
            "apart": sorted(sorted(pair) for pair in self._apart),
            "pos": self._pos,
            "day": self._day,
            "orphans": [list(o) for o in self._orphans],
            "archive": self._archive.to_json(),
            "states": sorted(self._states),
        }
        if include_assignments:
            state["assignments"] = dict(self._assign)
        return state

    @classmethod
    def from_state(cls, d: dict[str, Any], keep_assignments: bool = True) -> OnlineClusterer:
        """Rebuild a clusterer saved by :meth:`to_state`; continuing it equals never stopping."""
        if d.get("version") not in _READABLE_VERSIONS:
            raise ValueError(f"unsupported clusterer state version {d.get('version')!r}")
        known = ClusterParams.__dataclass_fields__
        params = ClusterParams(**{k: v for k, v in d["params"].items() if k in known})
        self = cls(params, keep_assignments=keep_assignments)
        self._idf = OnlineIdf(d["idf_docs"], {int(t): c for t, c in d["df"].items()})
        stories = [_Story.from_json(sd) for sd in d["stories"]]
        for story in sorted(stories, key=lambda s: s.last_pos):  # posting lists keep recency order
            self._stories[story.key] = story
            if not story.dormant:
                self._active.add(story.key)
                self._index(story, story.centroid, story.entities)
                self._last_seen.touch(story)
        self._alias = dict(d.get("alias", {}))
        self._apart = {frozenset(pair) for pair in d.get("apart", [])}
        self._assign = dict(d.get("assignments", {})) if keep_assignments else {}
        self._pos = d["pos"]
        self._day = d.get("day")
        self._orphans = deque((pos, key, length) for pos, key, length in d.get("orphans", []))
        self._archive = StoryArchive.from_json(d.get("archive", []), params.archive_cap, params.archive_terms)
        self._states = set(d.get("states", []))
        return self

    # ------------------------------------------------------------------ internals

    def _counts(self, doc: ClusterDoc) -> Counter[int]:
        if doc.terms is not None and doc.counted_with == self.params:
            return Counter(dict(doc.terms))
        return doc_terms(doc, self.params)

    def _late(self, day: int | None) -> bool:
        """The document is dated before every story the clock still keeps active could cover."""
        return day is not None and self._day is not None and self._day - day > self.params.dormant_days

    def _is_dormant(self, story: _Story, day: int | None) -> bool:
        p = self.params
        if day is not None and story.last_day is not None:
            return day - story.last_day > p.dormant_days
        if self._day is not None and story.last_day is not None and day is None:
            return self._day - story.last_day > p.dormant_days
        return self._pos - story.last_pos > p.dormant_docs

    def _best(
        self,
        vec: dict[int, float],
        entities: tuple[str, ...],
        day: int | None,
        threshold: float | None = None,
        states: tuple[str, ...] = (),
        subject: str | None = None,
    ) -> _Story | None:
        """The story ``vec`` scores best against, if above ``threshold`` (default: the join threshold
        for the document's length), leaving out the stories elsewhere (:meth:`_elsewhere`) and
        those about something else (:meth:`_about_else`)."""
        p = self.params
        terms, weights = list(vec), list(vec.values())
        scored: list[tuple[float, str]] = []
        for key in self._candidates(vec, entities):
            story = self._stories[key]
            if story.sq_norm <= 0 or self._is_dormant(story, day) or self._elsewhere(states, story):
                continue
            if self._about_else(subject, vec, story):
                continue
            dot = sum(map(mul, weights, map(story.centroid.get, terms, repeat(0.0))))
            score = dot / math.sqrt(story.sq_norm)
            if entities and story.entities:
                score += entity_share(entities, story.entities, p.entity_weight, p.entity_prior)
            scored.append((-score, key))  # best first, ties to the smaller key
            if len(scored) == p.max_candidates:
                break
        scored.sort()
        self._near = [key for _, key in scored[: p.merge_neighbours + 1]]
        if threshold is None:
            threshold = self._scaled(p.threshold, p.long_threshold)
        if scored and -scored[0][0] > threshold:
            return self._stories[scored[0][1]]
        return None

    def _elsewhere(self, states: tuple[str, ...], story: _Story) -> bool:
        """Whether a page naming ``states`` and a story naming states share none of them.

        Two reports of one event name its place. On a mixed crawl, "Man stabbed to death on San
        Francisco Bay train" drew "Son of former German president stabbed to death in Berlin" on
        words alone (term cosine 0.20, no shared actor); such a page starts a story of its own.
        """
        if not states or any(s in story.entities for s in states):
            return False
        return any(s in story.entities for s in self._states)

    def _about_else(self, subject: str | None, vec: dict[int, float], story: _Story) -> bool:
        """Whether a page and a story are about different things: the page's subject (see
        :func:`~newsdesk.stories.text.title_subject`) is not among the story's words, and the
        story's main subjects are not among the page's.

        Reports of one event write its subject. On a mixed crawl "The First Map of Saturn's Moon
        Titan" joined three reports of water plumes on Jupiter's moon Europa (term cosine 0.27,
        sharing only "United States"); moons are in no dictionary. Only the story's commonest
        subjects count: the Titan report names Jupiter in passing, never Europa. Either side
        writing the other's subject is enough to stay: a report headed on the "US-China" trade war
        still joins a story whose reports are headed on Trump, as its body names Trump.
        """
        if not subject or not story.subjects:
            return False
        n = self.params.n_features
        if bucket(stem(subject), n) in story.centroid:
            return False
        top = max(story.subjects.values())
        return not any(bucket(stem(s), n) in vec for s, c in story.subjects.items() if c == top)

    def _candidates(
        self, vec: dict[int, float], entities: tuple[str, ...], terms: int | None = None
    ) -> list[str]:
        """Stories worth scoring against the document, the likeliest first.

        Candidates come from the document's strongest terms only: a common word's posting list
        holds most active stories, and walking it costs more than it tells. Each candidate's prior
        is the summed weight of the document's terms (and entity shares) it is posted under, an
        upper bound of its score on those terms; :meth:`_best` scores exactly, on every term, only
        the ``max_candidates`` best of them. Without that cap the candidates per document grow as
        posting lists fill up to ``posting_cap`` (the warm-up of a long stream), and so would the
        cost of each document.
        """
        p = self.params
        prior: dict[str, float] = {}
        for t in sorted(vec, key=vec.__getitem__, reverse=True)[: terms or p.candidate_terms]:
            w = vec[t]
            for key in reversed(self._postings.get(t)):  # most recent first: ties go to them
                prior[key] = prior.get(key, 0.0) + w
        if entities:  # a story sharing actors but no words is still a candidate
            share = p.entity_weight / len(entities)
            for e in entities:
                for key in reversed(self._by_entity.get(e)):
                    prior[key] = prior.get(key, 0.0) + share
        if len(prior) <= p.max_candidates:
            return list(prior)
        return sorted(prior, key=prior.__getitem__, reverse=True)

    def _new_story(self, doc_id: str) -> _Story:
        key = "s" + stable_id("story", doc_id, length=12)
        story = _Story(key=key)
        self._stories[key] = story
        self._active.add(key)
        return story

    def _join(self, story: _Story, vec: dict[int, float], entities: tuple[str, ...], day: int | None) -> None:
        story.size += 1
        story.add_vector(vec)
        story.entities.update(entities)
        self._index(story, vec, entities)
        last_day = story.last_day
        story.last_pos = self._pos
        if day is not None:
            story.last_day = max(day, story.last_day or day)
            story.first_day = min(day, story.first_day or day)
        if story.last_day is None or story.last_day != last_day:  # a dated story moves once a day
            self._last_seen.touch(story)
        if len(story.centroid) > 2 * self.params.centroid_terms:
            self._prune(story)

    def _index(self, story: _Story, terms: Iterable[int], entities: Iterable[str]) -> None:
        """Post ``story`` as the most recent user of ``terms`` and ``entities``."""
        for t in terms:
            self._postings.post(t, story.key)
        for e in entities:
            self._by_entity.post(e, story.key)

    def _prune(self, story: _Story) -> None:
        """Keep a centroid's strongest terms: bounds memory and the cost of each comparison."""
        keep = sorted(story.centroid.items(), key=lambda kv: kv[1], reverse=True)[
            : self.params.centroid_terms
        ]
        for t in story.centroid.keys() - {t for t, _ in keep}:
            self._unpost(t, story.key)
        story.centroid = dict(keep)
        story.recompute_norm()
        if len(story.entities) > 2 * self.params.centroid_terms:
            kept = Counter(dict(story.entities.most_common(self.params.centroid_terms)))
            for e in story.entities.keys() - kept.keys():
                self._by_entity.discard(e, story.key)
            story.entities = kept

    def _unpost(self, term: int, key: str) -> None:
        self._postings.discard(term, key)

    def _retire(self, story: _Story) -> None:
        """Remove a story from both indexes (dormant or merged away)."""
        for t in story.centroid:
            self._unpost(t, story.key)
        for e in story.entities:
            self._by_entity.discard(e, story.key)

    def _sweep_dormant(self) -> None:
        """Take dormant stories out of the index; their keys and assignments stay valid.

        Only the stories that fell silent are visited (:class:`LastSeen`), so a sweep costs what it
        removes, not the number of active stories.
        """
        p = self.params
        day_cut = None if self._day is None else self._day - p.dormant_days
        for story in self._last_seen.silent(self._stories, day_cut, self._pos - p.dormant_docs):
            if story.last_day is not None:  # a story saved before first days were kept spans its last
                first = story.last_day if story.first_day is None else story.first_day
                self._archive.add(story.key, first, story.last_day, story.centroid, story.entities)
            self._active.discard(story.key)
            story.dormant = True
            self._retire(story)
            # it never takes documents again: keep its key and size, free its vectors
            story.centroid, story.members, story.entities = {}, [], Counter()
            story.sq_norm = 0.0
            if not self.keep_assignments:  # nothing will ask for it: keep memory flat
                del self._stories[story.key]
        if self._apart:  # pairs kept apart matter only while both stories can still merge
            self._apart = {pair for pair in self._apart if pair <= self._active}

    def _remember(
        self, story: _Story, doc_id: str, vec: dict[int, float], entities: tuple[str, ...], day: int | None
    ) -> None:
        if self.params.split_threshold <= 0:
            return
        top = sorted(vec.items(), key=lambda kv: kv[1], reverse=True)[: self.params.member_terms]
        story.members.append(_Member(doc_id, self._pos, day, dict(top), entities))
        if len(story.members) > self.params.member_cap:
            del story.members[: len(story.members) - self.params.member_cap]
        story.unchecked += 1

    def _maybe_split(self, story: _Story) -> _Story:
        """Split off the later members when the story turned into another one (see split.py).

        Returns the story now holding the latest member (the document just added).
        """
        p = self.params
        story.unchecked = 0
        k, cos = best_time_cut([m.vec for m in story.members], p.split_min_part, step=4)
        if k == 0 or cos >= p.split_threshold:
            return story
        earlier, later = story.members[:k], story.members[k:]
        self._retire(story)
        new = _Story(key="s" + stable_id("story-split", later[0].doc, length=12))
        self._stories[new.key] = new
        self._active.add(new.key)
        for part, target in ((earlier, story), (later, new)):
            target.members = part
            target.centroid = {}
            target.add_vector(_sum_vectors(m.vec for m in part))
            target.entities = Counter(e for m in part for e in m.entities)
            target.size = len(part) if target is new else story.size - len(later)
            target.last_pos = part[-1].pos
            days = [m.day for m in part if m.day is not None]
            target.last_day = max(days) if days else None
            target.recompute_norm()
            self._last_seen.touch(target)
            self._index(target, target.centroid, target.entities)
        for m in later:
            if self.keep_assignments:
                self._assign[m.doc] = new.key
            else:
                self._moved[m.doc] = new.key
        self._apart.add(frozenset((story.key, new.key)))
        return new

    def _centroid_cosine(self, a: _Story, b: _Story) -> float:
        small, large = (a, b) if len(a.centroid) <= len(b.centroid) else (b, a)
        dot = sum(map(mul, small.centroid.values(), map(large.centroid.get, small.centroid, repeat(0.0))))
        denom = math.sqrt(a.sq_norm * b.sq_norm)
        return dot / denom if denom else 0.0

    def _maybe_merge(self, story: _Story, day: int | None) -> _Story:
        """Merge ``story`` with the active story its centroid has converged to, if any."""
        candidates: set[str] = set(self._near)
        if not self.params.merge_neighbours:  # every story sharing its strongest terms
            ranked = sorted(story.centroid, key=story.centroid.__getitem__, reverse=True)
            for t in ranked[:10]:
                candidates.update(self._postings.get(t))
        candidates.discard(story.key)
        candidates = {k for k in candidates if frozenset((k, story.key)) not in self._apart}
        best, best_sim = None, self._scaled(self.params.merge_threshold, self.params.long_merge_threshold)
        for key in sorted(candidates):
            other = self._stories[key]
            if other.dormant or self._is_dormant(other, day):
                continue
            sim = self._centroid_cosine(story, other)
            if sim >= best_sim:
                best, best_sim = other, sim
        if best is None:
            return story
        keep, gone = sorted((story, best), key=lambda s: (-s.size, s.key))
        self._absorb(keep, gone)
        return keep

    def _absorb(self, keep: _Story, gone: _Story) -> None:
        self._retire(gone)
        for t, w in gone.centroid.items():
            keep.centroid[t] = keep.centroid.get(t, 0.0) + w
        keep.recompute_norm()
        self._index(keep, gone.centroid, gone.entities)
        keep.members = sorted(keep.members + gone.members, key=lambda m: m.pos)[-self.params.member_cap :]
        self._apart |= {
            frozenset((keep.key, *(pair - {gone.key}))) for pair in self._apart if gone.key in pair
        }
        keep.size += gone.size
        keep.entities.update(gone.entities)
        keep.subjects.update(gone.subjects)
        keep.last_pos = max(keep.last_pos, gone.last_pos)
        if gone.last_day is not None:
            keep.last_day = max(gone.last_day, keep.last_day or gone.last_day)
        self._last_seen.touch(keep)
        del self._stories[gone.key]
        self._active.discard(gone.key)
        self._alias[gone.key] = keep.key
        self._merged.add(gone.key)
        if len(keep.centroid) > 2 * self.params.centroid_terms:
            self._prune(keep)


def _sum_vectors(vectors: Iterable[dict[int, float]]) -> dict[int, float]:
    total: dict[int, float] = {}
    for v in vectors:
        for t, w in v.items():
            total[t] = total.get(t, 0.0) + w
    return total


def cluster_stream(
    docs: Iterable[ClusterDoc], clusterer: OnlineClusterer | None = None
) -> Iterator[tuple[str, str]]:
    """(doc id, story key) for each document in stream order, as the ``newsdesk cluster`` CLI prints.

    Keys are resolved once the stream ends, so a document placed in a story that was later merged
    reports the surviving story; with merging disabled this equals the key given at arrival.
    """
    clusterer = clusterer or OnlineClusterer()
    order = []
    for doc in docs:
        clusterer.add(doc)
        order.append(doc.id)
    for doc_id in dict.fromkeys(order):
        yield doc_id, clusterer.story_of(doc_id) or ""
