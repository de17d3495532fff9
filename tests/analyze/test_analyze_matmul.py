"""The spaCy models multiply through numpy's BLAS on one thread, and annotate as they did with BLIS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from newsdesk.analyze import Analyzer
from newsdesk.analyze.matmul import numpy_matmul

DEMO_TEXT = Path(__file__).resolve().parents[2] / "data" / "demo" / "text"


def _annotations(nlp: Any, texts: list[str]) -> list[tuple[str, str, int, str, str]]:
    return [(t.tag_, t.dep_, t.head.i, t.pos_, t.lemma_) for doc in nlp.pipe(texts) for t in doc]


def test_every_model_node_uses_numpy_ops_and_one_blas_thread(analyzer: Analyzer) -> None:
    models = [c.model for _, c in analyzer.nlp.pipeline if hasattr(c, "model")]
    assert models, "the installed pipeline has no statistical components"
    for model in models:
        for node in model.walk():
            assert isinstance(node.ops, NumpyOps) and not node.ops.use_blis
    # numpy's own BLAS; scipy's, loaded later by other parts, multiplies nothing for spaCy
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)


def test_numpy_products_annotate_like_blis(plain_and_fast: tuple[Any, Any]) -> None:
    """Tags, heads and dependencies of the demo articles, the stock (BLIS) pipeline against the same
    pipeline switched to numpy: products that differ only in rounding must not move a decision."""
    _, fast = plain_and_fast
    texts = [path.read_text(encoding="utf-8") for path in sorted(DEMO_TEXT.glob("*.txt"))]
    assert texts
    before = _annotations(fast, texts)
    assert fast.get_pipe("tok2vec").model.ops.use_blis
    numpy_matmul(fast)
    try:
        assert _annotations(fast, texts) == before
    finally:
        blis = NumpyOps(use_blis=True)
        for _, component in fast.pipeline:
            if hasattr(component, "model"):
                for node in component.model.walk():
                    node.ops = blis
