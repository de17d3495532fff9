"""Dormant stories, kept small, for the documents that arrive late.

The clusterer forgets a story's centroid once the stream's clock has moved ``dormant_days`` past
its last document: nothing *current* can continue it. A document can still be *about* that time —
a page scraped and ingested weeks later, a batch of older files added after newer ones — and by
its own date it belongs to that story, not to a new one of its own. This archive keeps, for the
most recently retired dated stories, their day range and their strongest terms (unit length), so
such a document is compared with the stories that were active on its date and joins the best one
above the usual threshold. Its size is bounded by ``cap`` stories of ``terms`` terms each, and a
document is only scored against the stories whose window holds its date (found by week buckets),
so the cost of a late document does not grow with the stream.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsdesk.stories.state import entity_share, terms_from_json, terms_to_json

_WEEK = 7


@dataclass(frozen=True)
class Archived:
    """What a retired story keeps: its key, first and last day (ordinals), strongest terms, actors."""

    key: str
    first_day: int
    last_day: int
    terms: dict[int, float]  # unit length
    entities: frozenset[str]

    def to_json(self) -> list[Any]:
        return [
            self.key,
            self.first_day,
            self.last_day,
            terms_to_json(self.terms),
            sorted(self.entities),
        ]

    @classmethod
    def from_json(cls, d: list[Any]) -> Archived:
        return cls(d[0], d[1], d[2], terms_from_json(d[3]), frozenset(d[4]))


class StoryArchive:
    """The last ``cap`` retired dated stories, indexed by the weeks they span."""

    def __init__(self, cap: int = 2048, terms: int = 40) -> None:
        self.cap = cap
        self.terms = terms
        self._items: OrderedDict[str, Archived] = OrderedDict()
        self._weeks: dict[int, set[str]] = {}

    def __len__(self) -> int:
        return len(self._items)

    def add(
        self, key: str, first_day: int, last_day: int, centroid: dict[int, float], entities: Iterable[str]
    ) -> None:
        """Keep a story being retired; the oldest kept story goes when the archive is full."""
        if self.cap <= 0 or not centroid:
            return
        top = sorted(centroid.items(), key=lambda kv: kv[1], reverse=True)[: self.terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        self._put(Archived(key, first_day, last_day, {t: w / norm for t, w in top}, frozenset(entities)))

    def _put(self, item: Archived) -> None:
        self._drop(item.key)
        self._items[item.key] = item
        for week in range(item.first_day // _WEEK, item.last_day // _WEEK + 1):
            self._weeks.setdefault(week, set()).add(item.key)
        while len(self._items) > self.cap:
            self._drop(next(iter(self._items)))

    def _drop(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is None:
            return
        for week in range(item.first_day // _WEEK, item.last_day // _WEEK + 1):
            keys = self._weeks.get(week)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._weeks[week]

    def match(
        self,
        vec: dict[int, float],
        entities: tuple[str, ...],
        day: int,
        window: int,
        threshold: float,
        entity_weight: float,
        entity_prior: float = 0.0,
    ) -> str | None:
        """The archived story active within ``window`` days of ``day`` that the document scores best
        against (term cosine plus the entity share, as for an active story), if above ``threshold``."""
        keys: set[str] = set()
        for week in range((day - window) // _WEEK, (day + window) // _WEEK + 1):
            keys |= self._weeks.get(week, set())
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        best: tuple[float, str] | None = None
        for key in sorted(keys):
            item = self._items[key]
            if not item.first_day - window <= day <= item.last_day + window:
                continue
            score = sum(w * item.terms.get(t, 0.0) for t, w in vec.items()) / norm
            if entities:
                score += entity_share(entities, item.entities, entity_weight, entity_prior)
            if score > threshold and (best is None or score > best[0]):
                best = (score, key)
        return best[1] if best else None

    def to_json(self) -> list[Any]:
        return [item.to_json() for item in self._items.values()]

    @classmethod
    def from_json(cls, d: list[Any], cap: int, terms: int) -> StoryArchive:
        archive = cls(cap, terms)
        for raw in d:
            archive._put(Archived.from_json(raw))
        return archive
