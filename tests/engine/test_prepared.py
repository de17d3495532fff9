"""The store keeps the same bytes and signatures whether a worker prepared them or the writer did."""

from __future__ import annotations

from dataclasses import replace

from newsdesk.model import Actor, Analysis, Article, Event, Mention, RawDocument, Sentence
from newsdesk.pipeline import Ingester, IngestReport, Processed, for_writer, prepare
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


def _stored(path) -> dict[str, list]:
    with Store(path) as store:
        conn = store.conn
        return {
            table: conn.execute(f"SELECT {columns} FROM {table} ORDER BY rowid").fetchall()
            for table, columns in (
                ("articles", "seq, id, paragraphs, canonical_id, dup_kind, dup_similarity"),
                ("analyses", "article_id, themes, body"),
                ("sentences", "article_id, idx, start, end, text"),
                ("mentions", "article_id, sentence_idx, start, end, text, label, actor, country, sector, role"),
                ("events", "article_id, sentence_idx, ordinal, plover, quad, score, date, actor_countries, body"),
                ("story_articles", "article_id, story_id"),
                ("raw_documents", "id, name, source, hints, content"),
            )
        }


def _analysed(n: int, text: str = TEXT) -> Processed:
    aid = f"a{n}"
    putin = Actor("Vladimir Putin", "RUS", "GOV", "President of Russia")
    mention = Mention(aid, 0, 17, 26, "ministers", "ORG", putin)
    event = Event(aid, 0, "CONSULT", "04", 1, 1.0, actors=(putin,), recipients=(Actor("China", "CHN"),),
                  date="2024-05-16", location="Geneva")
    item = _item(n, text)
    analysis = replace(item.analysis, mentions=(mention,), events=(event, replace(event, plover="AGREE")),
                       themes=("diplomacy",))
    return replace(item, analysis=analysis)


def test_items_as_pool_workers_send_them_store_what_the_full_records_store(tmp_path):
    other = "A storm closed the northern container terminal of the port for three weeks, the authority said."
    items = [_analysed(0), _analysed(1), _analysed(2, other), _item(3, other + " Again.")]
    sent = [for_writer(replace(i, prepared=prepare(i.doc, i.article))) for i in items]
    assert all(s.analysis is None and s.doc.content == b"" for s in sent)
    _ingest(tmp_path / "full.db", items)
    _ingest(tmp_path / "sent.db", sent)
    full, compact = _stored(tmp_path / "full.db"), _stored(tmp_path / "sent.db")
    assert full == compact
    assert len(full["events"]) == 6 and full["story_articles"]  # duplicates are stored too, linked


def test_dask_partition_rows_store_the_same_page_without_decompressing_it(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from newsdesk.engine.dask import COLUMNS, _add_row, _schema, read_partition

    items = [replace(i, prepared=prepare(i.doc, i.article)) for i in (_analysed(0), _item(1, TEXT + " More."))]
    rows: dict[str, list] = {c: [] for c in COLUMNS}
    for item in items:
        _add_row(rows, item)
    part = tmp_path / "part.parquet"
    pq.write_table(pa.table(rows, schema=_schema()), part)
    read = list(read_partition(part))
    assert [r.doc.content for r in read] == [b"", b""]  # the writer keeps the compressed page as it is
    assert [r.prepared.raw for r in read] == [i.prepared.raw for i in items]
    _ingest(tmp_path / "read.db", read)
    _ingest(tmp_path / "direct.db", items)
    assert _stored(tmp_path / "read.db") == _stored(tmp_path / "direct.db")
