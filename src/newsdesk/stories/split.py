"""Split detection: has a story turned, at some point in time, into a different story?

Centroid-and-threshold clustering fails worst when a story's follow-up arrives just as the story
ends: the follow-up shares the names ("Kim Kardashian", "Kanye West") so it joins, and from then on
the merged centroid keeps both. The two halves are still visible in the members' order: the
vocabulary before some point differs from the vocabulary after it. :func:`best_time_cut` finds the
cut that makes the two sides least alike; the clusterer splits the story there when the sides'
cosine is below its ``split_threshold`` and both sides are large enough to be stories.

A time cut, rather than a free 2-means partition, is deliberate: two sub-topics that interleave
(reactions and the event itself) are one story, while a shift that stays shifted is a new one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Vector = dict[int, float]


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def best_time_cut(vectors: Sequence[Vector], min_part: int, step: int = 1) -> tuple[int, float]:
    """(k, cosine) of the cut ``vectors[:k] | vectors[k:]`` whose centroids are least alike.

    Runs in one pass over the members: with T the total and A the prefix sum, B = T - A, so
    A·B = A·T - |A|² and |B|² = |T|² - 2A·T + |A|², both updated as each member joins A. Cuts leave at
    least ``min_part`` members on each side and are tried every ``step`` members. Returns
    ``(0, 1.0)`` when there are too few members to cut.
    """
    n = len(vectors)
    if n < 2 * min_part or min_part < 1:
        return 0, 1.0
    total: Vector = {}
    for v in vectors:
        for t, w in v.items():
            total[t] = total.get(t, 0.0) + w
    tt = sum(w * w for w in total.values())
    prefix: Vector = {}
    at = aa = 0.0
    best_k, best_cos = 0, 1.0
    for k, v in enumerate(vectors[: n - min_part], start=1):
        at += _dot(v, total)
        aa += 2.0 * _dot(v, prefix) + sum(w * w for w in v.values())
        for t, w in v.items():
            prefix[t] = prefix.get(t, 0.0) + w
        if k < min_part or (k - min_part) % step:
            continue
        bb = tt - 2.0 * at + aa
        if aa <= 0 or bb <= 1e-12:
            continue
        cos = (at - aa) / math.sqrt(aa * bb)
        if cos < best_cos:
            best_k, best_cos = k, cos
    return best_k, best_cos
