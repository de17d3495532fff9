"""Linear models over hashed string features, loaded from small ``.npz`` files in data/models/.

Training happens in ``scripts/train_extraction.py`` (scikit-learn, cross-validated by site); only
the non-zero weights and the intercept are shipped, as plain arrays (no pickle), so loading needs
numpy alone and the model file stays a few hundred kilobytes.
"""

from __future__ import annotations

import math
from functools import cache
from itertools import chain, repeat
from pathlib import Path

import numpy as np

from newsdesk.extract.blocks import HASH_BITS, hash_feature
from newsdesk.paths import DATA_DIR

MODELS = DATA_DIR / "models"
#: Feature names whose bucket is remembered; the cache is emptied when it grows past this.
CACHE_LIMIT = 200_000


class LinearModel:
    """A logistic model: probability = sigmoid(intercept + sum of the weights of present features)."""

    def __init__(self, indices: np.ndarray, weights: np.ndarray, intercept: float, threshold: float = 0.5,
                 bits: int = HASH_BITS) -> None:
        self.table = dict(zip(indices.tolist(), weights.tolist(), strict=False))
        self._buckets: dict[str, int] = {}  # feature name -> bucket: hashing is most of the scoring time
        # crossing prefix -> feature name -> its (bucket, weight) pairs, for :meth:`probability` on
        # lists short enough that their weights add up the same in any order (:func:`exact_terms`)
        self._pairs: dict[str, dict[str, tuple[tuple[int, float], ...]]] = {}
        self._pair_of: dict[int, tuple[int, float]] = {}  # one shared pair per bucket
        self.exact_terms = exact_terms(weights)
        self.intercept = intercept
        self.threshold = threshold
        self.threshold_kept = threshold  # block model: the bar for blocks trafilatura already kept
        # block model: bars by the share of the page trafilatura kept (edges, then (low, high) per
        # bucket, for pages not marked as articles, then for marked ones); empty = the scalar bars
        self.bar_edges: tuple[float, ...] = ()
        self.bars: tuple[tuple[float, float], ...] = ()
        self.bits = bits

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            model = cls(data["indices"], data["weights"], float(data["intercept"]), float(data["threshold"]),
                        int(data["bits"]))
            if "threshold_kept" in data:
                model.threshold_kept = float(data["threshold_kept"])
            if "bar_edges" in data:
                model.bar_edges = tuple(data["bar_edges"].tolist())
                model.bars = tuple(zip(data["bars_low"].tolist(), data["bars_high"].tolist(), strict=True))
            return model

    def save(self, path: Path) -> None:
        """Write the model as a compressed npz of plain arrays."""
        indices = np.array(sorted(self.table), dtype=np.int32)
        weights = np.array([self.table[i] for i in indices.tolist()], dtype=np.float32)
        np.savez_compressed(path, indices=indices, weights=weights, intercept=np.float64(self.intercept),
                            threshold=np.float64(self.threshold), bits=np.int64(self.bits),
                            threshold_kept=np.float64(self.threshold_kept),
                            bar_edges=np.array(self.bar_edges, dtype=np.float64),
                            bars_low=np.array([b[0] for b in self.bars], dtype=np.float64),
                            bars_high=np.array([b[1] for b in self.bars], dtype=np.float64))

    def bars_for(self, share: float, marked_article: bool) -> tuple[float, float]:
        """(low, high) bars of the block model for a page where trafilatura kept ``share`` of the
        words and whose metadata does (or does not) mark it as an article."""
        if not self.bars:
            return self.threshold_kept, self.threshold
        bucket = sum(1 for edge in self.bar_edges if share >= edge)
        return self.bars[bucket + (len(self.bar_edges) + 1) * marked_article]

    def never_edits(self, marked_article: bool) -> bool:
        """Whether no page of this kind (marked as an article or not) can get bars that change
        trafilatura's text: a low bar of 0 drops nothing, a high bar over 1 adds nothing."""
        if not self.bars:
            return self.threshold_kept <= 0.0 and self.threshold > 1.0
        cells = len(self.bar_edges) + 1
        group = self.bars[cells * marked_article : cells * (marked_article + 1)]
        return all(low <= 0.0 and high > 1.0 for low, high in group)

    def drops(self, marked_article: bool) -> bool:
        """Whether some page of this kind can get a low bar over 0, under which kept lines go."""
        if not self.bars:
            return self.threshold_kept > 0.0
        cells = len(self.bar_edges) + 1
        return any(low > 0.0 for low, _ in self.bars[cells * marked_article : cells * (marked_article + 1)])

    def probability(self, features: list[str], crossed: str = "") -> float:
        """sigmoid(intercept + weights of the features' buckets), each bucket counted once like the
        binary training matrix. ``crossed``, when given, is a prefix: the features are scored
        together with a copy of each one behind it (the block model crosses every feature with
        trafilatura's verdict), without building those names.

        A block has a few hundred features and a page a few hundred blocks, so the buckets are
        looked up with C-level ``map`` calls, and hashed only for names not met before. Where the
        weights add up exactly in any order (every model shipped so far, for lists of up to
        :attr:`exact_terms` names), one lookup per name gives its buckets and weights at once, and
        a dict keyed by bucket counts each bucket once: the same float as the set of buckets
        summed in the set's order, with a quarter of the lookups in large tables."""
        if len(features) * (2 if crossed else 1) <= self.exact_terms:
            return self._exact_probability(features, crossed)
        if crossed:
            features = features + [crossed + name for name in features]
        buckets = self._buckets
        if len(buckets) > CACHE_LIMIT:  # a long batch meets ever new class names: stay bounded
            buckets.clear()
        try:
            found = set(map(buckets.__getitem__, features))
        except KeyError:
            for name in features:
                if name not in buckets:
                    buckets[name] = hash_feature(name, self.bits)
            found = set(map(buckets.__getitem__, features))
        z = self.intercept + sum(map(self.table.get, found, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def _exact_probability(self, features: list[str], crossed: str) -> float:
        """:meth:`probability` summed by bucket in the names' order (exact, see :func:`exact_terms`)."""
        pairs = self._pairs.get(crossed)
        if pairs is None or len(pairs) > CACHE_LIMIT // 2:  # the block model fills two: as many names as before
            pairs = self._pairs[crossed] = {}
        try:
            weights = dict(chain.from_iterable(map(pairs.__getitem__, features)))
        except KeyError:
            for name in features:
                if name not in pairs:
                    pairs[name] = self._pairs_of(name, crossed)
            weights = dict(chain.from_iterable(map(pairs.__getitem__, features)))
        z = self.intercept + sum(weights.values())
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def _pairs_of(self, name: str, crossed: str) -> tuple[tuple[int, float], ...]:
        """(bucket, weight) of the name, and of its crossed copy when there is a prefix."""
        plain = self._pair(hash_feature(name, self.bits))
        return (plain, self._pair(hash_feature(crossed + name, self.bits))) if crossed else (plain,)

    def _pair(self, bucket: int) -> tuple[int, float]:
        pair = self._pair_of.get(bucket)
        if pair is None:
            pair = self._pair_of[bucket] = (bucket, self.table.get(bucket, 0.0))
        return pair

    def buckets(self, features: list[str]) -> set[int]:
        """The distinct buckets of the features, from the same cache :meth:`probability` fills.

        For a caller that scores one feature list with several models over the same hashing
        (the page-type kinds), so the names are looked up once."""
        buckets = self._buckets
        if len(buckets) > CACHE_LIMIT:
            buckets.clear()
        try:
            return set(map(buckets.__getitem__, features))
        except KeyError:
            for name in features:
                if name not in buckets:
                    buckets[name] = hash_feature(name, self.bits)
            return set(map(buckets.__getitem__, features))

    def probability_of(self, buckets: set[int]) -> float:
        """:meth:`probability` of a feature list whose :meth:`buckets` are given."""
        z = self.intercept + sum(map(self.table.get, buckets, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def exact_terms(weights: np.ndarray) -> int:
    """How many of these weights can be added, in any order, with every partial sum exact.

    Each weight is an integer multiple of 2**q, for the smallest q among them (a float32 weight
    of magnitude m has q ≥ log2(m) − 24), so every partial sum of n of them is such a multiple of
    magnitude at most n·max|w|; a double holds every integer multiple of 2**q up to 2**(53+q)
    exactly. Then no addition rounds, and the sum is the same float whatever the order. The block
    model's float32 weights (q = −37, max 1.27) allow about 51,000 terms; a block has ~170.
    Read with numpy: the block model has 151,348 weights and a worker loads it at start-up."""
    values = np.asarray(weights, dtype=np.float64)
    values = values[values != 0.0]
    if not values.size:
        return 1 << 30  # only zeros: every sum is 0
    if not np.isfinite(values).all():
        return 0
    mantissas, exponents = np.frexp(np.abs(values))  # |w| = m·2**e, 0.5 ≤ m < 1: m·2**53 is an integer
    integers = (mantissas * 2.0**53).astype(np.int64)
    lowest = np.frexp((integers & -integers).astype(np.float64))[1] - 1  # its lowest set bit
    q = int((exponents - 53 + lowest).min())
    return int(math.ldexp(1.0, min(53 + q, 900)) // float(np.abs(values).max()))  # a smaller bound is still safe


@cache
def load_model(name: str) -> LinearModel | None:
    """The shipped model ``data/models/<name>.npz``, or None when it is not there (fresh checkout)."""
    path = MODELS / f"{name}.npz"
    return LinearModel.load(path) if path.exists() else None
