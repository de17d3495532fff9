"""The store keeps the same bytes and signatures whether a worker prepared them or the writer did."""

from __future__ import annotations

from dataclasses import replace

from newsdesk.model import Analysis, Article, RawDocument, Sentence
from newsdesk.pipeline import Ingester, IngestReport, Processed, prepare
from newsdesk.store import Store

TEXT = ("The ministers met in Geneva on Monday and agreed to resume the talks on the border next month, "
        "officials said after a long day of meetings.")


def _item(n: int, text: str = TEXT) -> Processed:
    aid = f"a{n}"
    article = Article(aid, aid, f"https://example.test/{aid}", "Talks", None, "2024-05-16", "en", "article",
                      text, (text,), "Example", f"src#{n}", None)
    doc = RawDocument(aid, f"src#{n}", f"<p>{text}</p> {n}".encode(), "html")
    return Processed(doc, article, Analysis(aid, (Sentence(aid, 0, 0, len(text), text),)))


def _ingest(path, items: list[Processed]) -> tuple[list, list, IngestReport]:
    report = IngestReport()
    with Store(path) as store:
        Ingester(store).write(items, report)
        raws = [store.raw_content(i.doc.id) for i in items]
        return raws, list(store.signatures()), report


def test_worker_prepared_rows_equal_writer_made_ones(tmp_path):
    items = [_item(0), _item(1), _item(2, TEXT.upper())]  # 1 and 2 are copies of 0
    prepared = [replace(i, prepared=prepare(i.doc, i.article)) for i in items]
    plain = _ingest(tmp_path / "plain.db", items)
    ready = _ingest(tmp_path / "ready.db", prepared)
    assert plain[:2] == ready[:2]
    assert plain[0] == [i.doc.content for i in items]
    assert (ready[2].added, ready[2].duplicates) == (plain[2].added, plain[2].duplicates) == (3, 2)
