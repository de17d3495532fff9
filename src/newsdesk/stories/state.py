"""Per-story state of the online clusterer, and what it remembers of each recent member.

Kept apart from :mod:`newsdesk.stories.cluster` so the clusterer module holds the decisions and
this one the bookkeeping; both serialise to plain JSON for :meth:`OnlineClusterer.to_state`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any


def terms_to_json(vec: dict[int, float], digits: int = 4) -> dict[str, float]:
    """A term-weight vector as a JSON object (hashed term ids as keys, weights rounded)."""
    return {str(t): round(w, digits) for t, w in vec.items()}


def terms_from_json(d: dict[str, float]) -> dict[int, float]:
    return {int(t): float(w) for t, w in d.items()}


def entity_share(entities: Iterable[str], known: Container[str], weight: float, prior: float = 0.0) -> float:
    """What shared actors add to a term cosine: ``weight`` times the share of the document's
    ``entities`` (a non-empty sequence) that the story also names.

    The share is taken as if the document named ``prior`` more entities that the story lacks: a
    page naming only "United States" and "USA" shares all it names with any story that mentions the
    country, which says little; one naming ten actors and sharing eight says much more.
    """
    entities = tuple(entities)
    return weight * sum(1 for e in entities if e in known) / (len(entities) + prior)


@dataclass(frozen=True)
class Member:
    """What a story remembers of each recent member, so it can be split off later."""

    doc: str
    pos: int
    day: int | None
    vec: dict[int, float]  # strongest terms only
    entities: tuple[str, ...]

    def to_json(self) -> list[Any]:
        return [
            self.doc,
            self.pos,
            self.day,
            terms_to_json(self.vec),
            list(self.entities),
        ]

    @classmethod
    def from_json(cls, d: list[Any]) -> Member:
        return cls(d[0], d[1], d[2], terms_from_json(d[3]), tuple(d[4]))


@dataclass
class StoryState:
    """Mutable per-story state; only active stories keep their centroid."""

    key: str
    size: int = 0
    centroid: dict[int, float] = field(default_factory=dict)
    sq_norm: float = 0.0
    entities: Counter[str] = field(default_factory=Counter)
    last_pos: int = 0
    last_day: int | None = None
    first_day: int | None = None
    dormant: bool = False
    members: list[Member] = field(default_factory=list)  # recent members, stream order
    unchecked: int = 0  # members added since the last split check
    subjects: Counter[str] = field(default_factory=Counter)  # its members' ``title_subject``s

    def add_vector(self, vec: dict[int, float]) -> None:
        for t, w in vec.items():
            old = self.centroid.get(t, 0.0)
            self.centroid[t] = old + w
            self.sq_norm += (old + w) ** 2 - old * old

    def recompute_norm(self) -> None:
        self.sq_norm = sum(w * w for w in self.centroid.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "size": self.size,
            "centroid": terms_to_json(self.centroid, 5),
            "entities": dict(self.entities),
            "last_pos": self.last_pos,
            "last_day": self.last_day,
            "first_day": self.first_day,
            "dormant": self.dormant,
            "members": [m.to_json() for m in self.members],
            "subjects": dict(self.subjects),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> StoryState:
        story = cls(
            key=d["key"],
            size=d["size"],
            centroid=terms_from_json(d["centroid"]),
            entities=Counter(d.get("entities", {})),
            last_pos=d["last_pos"],
            last_day=d.get("last_day"),
            first_day=d.get("first_day"),
            dormant=d.get("dormant", False),
            members=[Member.from_json(m) for m in d.get("members", [])],
            subjects=Counter(d.get("subjects", {})),
        )
        story.recompute_norm()
        return story


class LastSeen:
    """When each active story last took a document: min-heaps, so a dormancy sweep visits only the
    stories that fell silent rather than every active story.

    A story is judged by its last date when it has one, else by its last stream position (as
    :meth:`OnlineClusterer._is_dormant` does), so it sits in the heap of its regime. Entries are
    never updated in place: :meth:`touch` pushes the story's new value and the old entry goes stale,
    to be dropped when it reaches the top. Stale entries expire with the window, so the heaps stay
    bounded by the documents of the active window, not by the stream.
    """

    def __init__(self) -> None:
        self._days: list[tuple[int, str]] = []
        self._positions: list[tuple[int, str]] = []

    def touch(self, story: StoryState) -> None:
        """Record the story's current last date (or position): call whenever either changes."""
        if story.last_day is not None:
            heapq.heappush(self._days, (story.last_day, story.key))
        else:
            heapq.heappush(self._positions, (story.last_pos, story.key))

    def silent(
        self, stories: dict[str, StoryState], day_cut: int | None, pos_cut: int
    ) -> Iterator[StoryState]:
        """Stories whose last date is before ``day_cut`` (dated) or last position before ``pos_cut``
        (undated); each popped entry is checked against the story's current state."""
        if day_cut is not None:
            while self._days and self._days[0][0] < day_cut:
                day, key = heapq.heappop(self._days)
                story = stories.get(key)
                if story is not None and not story.dormant and story.last_day == day:
                    yield story
        while self._positions and self._positions[0][0] < pos_cut:
            pos, key = heapq.heappop(self._positions)
            story = stories.get(key)
            if story is not None and not story.dormant and story.last_day is None and story.last_pos == pos:
                yield story

    def __len__(self) -> int:
        return len(self._days) + len(self._positions)
