"""The ingest report tells the start-up (models loaded, first batch out) apart from the rest of a run."""

from __future__ import annotations

from newsdesk import pipeline
from newsdesk.model import Analysis, Article, RawDocument, Sentence
from newsdesk.pipeline import Ingester, IngestReport, Processed
from newsdesk.store import Store

TEXT = "The ministers met in Geneva on Monday and agreed to resume the talks next month, officials said."


def _item(n: int) -> Processed:
    aid = f"a{n}"
    text = f"{TEXT} Item {n}."
    article = Article(aid, aid, f"https://example.test/{aid}", "Talks", None, "2024-05-16", "en", "article",
                      text, (text,), "Example", f"src#{n}", None)
    doc = RawDocument(aid, f"src#{n}", text.encode(), "text")
    return Processed(doc, article, Analysis(aid, (Sentence(aid, 0, 0, len(text), text),)))


def test_startup_is_the_time_until_the_first_document_comes(tmp_path, monkeypatch):
    clock = {"now": 100.0}
    monkeypatch.setattr(pipeline.time, "perf_counter", lambda: clock["now"])

    def stream():
        clock["now"] += 7.0  # the models load and the first batch is processed
        yield _item(0)
        clock["now"] += 3.0  # later documents are no part of the start-up
        yield _item(1)

    report = IngestReport()
    with Store(tmp_path / "s.db") as store:
        Ingester(store).write(stream(), report)
    assert report.startup_seconds == 7.0
    assert report.added == 2


def test_an_empty_stream_stores_nothing(tmp_path):
    report = IngestReport()
    with Store(tmp_path / "s.db") as store:
        Ingester(store).write(iter(()), report)
    assert report.added == 0 and report.startup_seconds >= 0.0


def test_the_run_summary_counts_in_words_that_agree():
    one = IngestReport(seen=1, added=1, duplicates=1, stories=1, threads=1, seconds=2.0)
    assert one.summary().startswith("1 document: 1 article added (1 duplicate linked), 0 already stored, 0 failed; "
                                    "1 story in 1 thread; ")
    many = IngestReport(seen=35, added=0, duplicates=0, stories=8, threads=0)
    assert many.summary().startswith("35 documents: 0 articles added (0 duplicates linked), 0 already stored, "
                                     "0 failed; 8 stories in 0 threads; ")
