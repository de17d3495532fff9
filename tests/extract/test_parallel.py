"""extract_parallel: worker processes, input order, per-page time limit, failures never stop a batch."""

from __future__ import annotations

from newsdesk.extract.parallel import extract_parallel
from newsdesk.model import Article, Failure, RawDocument

PROSE = ("The harbour authority said on Monday that the new ferry terminal would open in the spring after "
         "two years of construction and a long dispute over the cost of the access road. ")


def _doc(name: str, html: str) -> RawDocument:
    return RawDocument(name, f"{name}.html", html.encode(), "html")


def _page(n: int) -> str:
    return f"<html><body><article><h1>Terminal {n}</h1><p>{PROSE * 3}</p><p>{PROSE}</p></article></body></html>"


def test_results_come_back_in_input_order_with_failures() -> None:
    passthrough = Failure("gone.html", "read", "empty file")
    docs = [_doc("a", _page(1)), passthrough, _doc("empty", "<html><body></body></html>"), _doc("b", _page(2))]
    results = list(extract_parallel(docs, workers=2, timeout_s=120))
    assert [type(r) for r in results] == [Article, Failure, Failure, Article]
    assert results[1] is passthrough
    assert results[0].name == "a" and results[3].name == "b"  # type: ignore[union-attr]
    assert results[2].source == "empty.html" and results[2].stage == "extract"  # type: ignore[union-attr]


def test_page_over_the_time_limit_becomes_a_failure_and_the_batch_goes_on() -> None:
    # A limit no extraction can meet: every page times out, each on a fresh worker, none is lost.
    docs = [_doc(f"p{i}", _page(i)) for i in range(3)]
    results = list(extract_parallel(docs, workers=1, timeout_s=0.001))
    assert len(results) == 3
    assert all(isinstance(r, Failure) and r.reason == "timed out after 0.001 s" for r in results)
    assert [r.source for r in results] == ["p0.html", "p1.html", "p2.html"]  # type: ignore[union-attr]
