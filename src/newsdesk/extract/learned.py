"""Linear models over hashed string features, loaded from small ``.npz`` files in data/models/.

Training happens in ``scripts/train_extraction.py`` (scikit-learn, cross-validated by site); only
the non-zero weights and the intercept are shipped, as plain arrays (no pickle), so loading needs
numpy alone and the model file stays a few hundred kilobytes.
"""

from __future__ import annotations

import math
from functools import cache
from itertools import repeat
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

    def probability(self, features: list[str]) -> float:
        """sigmoid(intercept + weights of the features' buckets), each bucket counted once like the
        binary training matrix.

        A block has a few hundred features and a page a few hundred blocks, so the buckets are
        looked up with C-level ``map`` calls, and hashed only for names not met before."""
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


@cache
def load_model(name: str) -> LinearModel | None:
    """The shipped model ``data/models/<name>.npz``, or None when it is not there (fresh checkout)."""
    path = MODELS / f"{name}.npz"
    return LinearModel.load(path) if path.exists() else None
