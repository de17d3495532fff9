"""Linear models over hashed string features, loaded from small ``.npz`` files in data/models/.

Training happens in ``scripts/train_extraction.py`` (scikit-learn, cross-validated by site); only
the non-zero weights and the intercept are shipped, as plain arrays (no pickle), so loading needs
numpy alone and the model file stays a few hundred kilobytes.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numpy as np

from newsdesk.extract.blocks import HASH_BITS, hash_feature
from newsdesk.paths import DATA_DIR

MODELS = DATA_DIR / "models"


class LinearModel:
    """A logistic model: probability = sigmoid(intercept + sum of the weights of present features)."""

    def __init__(self, indices: np.ndarray, weights: np.ndarray, intercept: float, threshold: float = 0.5,
                 bits: int = HASH_BITS) -> None:
        self.table = dict(zip(indices.tolist(), weights.tolist(), strict=False))
        self.intercept = intercept
        self.threshold = threshold
        self.threshold_kept = threshold  # block model: the bar for blocks trafilatura already kept
        self.bits = bits

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            model = cls(data["indices"], data["weights"], float(data["intercept"]), float(data["threshold"]),
                        int(data["bits"]))
            if "threshold_kept" in data:
                model.threshold_kept = float(data["threshold_kept"])
            return model

    def save(self, path: Path) -> None:
        """Write the model as a compressed npz of plain arrays."""
        indices = np.array(sorted(self.table), dtype=np.int32)
        weights = np.array([self.table[i] for i in indices.tolist()], dtype=np.float32)
        np.savez_compressed(path, indices=indices, weights=weights, intercept=np.float64(self.intercept),
                            threshold=np.float64(self.threshold), bits=np.int64(self.bits),
                            threshold_kept=np.float64(self.threshold_kept))

    def probability(self, features: list[str]) -> float:
        buckets = {hash_feature(f, self.bits) for f in features}
        z = self.intercept + sum(self.table.get(b, 0.0) for b in buckets)
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@cache
def load_model(name: str) -> LinearModel | None:
    """The shipped model ``data/models/<name>.npz``, or None when it is not there (fresh checkout)."""
    path = MODELS / f"{name}.npz"
    return LinearModel.load(path) if path.exists() else None
