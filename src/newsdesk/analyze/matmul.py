"""The spaCy models' matrix products through numpy's BLAS (OpenBLAS, one thread) instead of BLIS.

thinc's default CPU ops multiply with cython-blis. The dearest products of the analysis are the
tok2vec's maxout layers: a batch's tokens × 288 times 288 × 288, float32, four layers. On the
development machine BLIS does them at about 30 GFLOP/s and OpenBLAS, on one thread, at about 90,
and those four layers were a fifth of an article's analysis CPU. The parser's precomputed layer and
the tagger's output go through the same ``gemm``.

The products differ from BLIS's only by float rounding (the order of the sums), so in principle a
near-tie in the tagger or parser could break the other way; on the development pages every stored
annotation came out identical (see docs/benchmarks.md, seventeenth pass).

BLAS runs on one thread: the pipeline already runs one worker process per core, and a second
BLAS thread per product doubled the CPU of a product with no gain on a busy machine.
"""

from __future__ import annotations

from typing import Any

from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits


def numpy_matmul(nlp: Any) -> None:
    """Give every model of ``nlp``'s pipeline numpy-backed ops; every BLAS loaded by now (numpy's) runs one thread."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    threadpool_limits(limits=1, user_api="blas")
