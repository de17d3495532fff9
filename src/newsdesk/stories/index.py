"""Inverted indexes from terms (or entities) to the active stories that hold them.

The clusterer only compares a document with stories found through these lists, so their length is
the cost of each ingest. A common word ("police", a leader's name) is in most active stories'
centroids; its full list would hold every one of them, growing with the active window. Each list
therefore keeps only the ``cap`` stories that used the term most recently: the story a document
continues is almost always among the recent users of its words, and the document's rarer terms
find it anyway. Scores are computed on the full centroids, so capping only prunes candidates.
"""

from __future__ import annotations

from collections.abc import Hashable, Reversible


class RecentPostings:
    """term -> insertion-ordered story keys, most recent last, at most ``cap`` per term (0: no cap)."""

    def __init__(self, cap: int = 0) -> None:
        self.cap = cap
        self._lists: dict[Hashable, dict[str, None]] = {}

    def post(self, term: Hashable, key: str) -> None:
        """Record that ``key`` used ``term`` now: it moves to the recent end, the oldest may drop."""
        keys = self._lists.get(term)
        if keys is None:
            self._lists[term] = {key: None}
            return
        keys.pop(key, None)
        keys[key] = None
        if self.cap and len(keys) > self.cap:
            del keys[next(iter(keys))]

    def discard(self, term: Hashable, key: str) -> None:
        keys = self._lists.get(term)
        if keys is not None:
            keys.pop(key, None)
            if not keys:
                del self._lists[term]

    def get(self, term: Hashable) -> Reversible[str]:
        """The stories posted under ``term``, least recent first."""
        return self._lists.get(term, ())

    def total(self) -> int:
        """Number of (term, story) entries: the index's memory."""
        return sum(len(keys) for keys in self._lists.values())
