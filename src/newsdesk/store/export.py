"""Bulk exports of the store as JSONL, CSV or Parquet (the last queryable with DuckDB).

Rows are streamed from SQLite in chunks, so exporting a large store does not load it into memory.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsdesk.errors import InputError
from newsdesk.store.sqlite import Store

QUERIES = {
    "articles": (
        "SELECT a.id, a.name, a.url, a.title, a.author, a.date, a.language, a.page_type, a.publisher,"
        " a.source, a.canonical_id, a.dup_kind, sa.story_id, a.text"
        " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.seq"
    ),
    "events": (
        "SELECT e.article_id, e.sentence_idx, e.plover, e.cameo, e.quad, e.score, e.date, e.date_end,"
        " e.actor_countries, e.recipient_countries, e.future, e.historical, e.hypothetical, e.negated,"
        " s.text AS sentence FROM events e LEFT JOIN sentences s"
        " ON s.article_id = e.article_id AND s.idx = e.sentence_idx ORDER BY e.date, e.article_id"
    ),
    "stories": (
        "SELECT id, title, thread_id, first_seen, last_seen, size, key_actors, themes FROM stories"
        " ORDER BY first_seen"
    ),
    "mentions": (
        "SELECT article_id, sentence_idx, start, end, text, label, actor, country, sector, role FROM mentions"
    ),
}

CHUNK = 2000


def table_rows(store: Store, table: str) -> tuple[list[str], Iterator[tuple]]:
    """Column names and a chunked row iterator of one exportable table (streams, never loads all)."""
    cursor = store.conn.execute(QUERIES[table])
    columns = [d[0] for d in cursor.description]

    def rows() -> Iterator[tuple]:
        while True:
            chunk = cursor.fetchmany(CHUNK)
            if not chunk:
                return
            yield from chunk

    return columns, rows()


def export(store: Store, table: str, fmt: str, output: str | Path | None) -> int:
    """Write ``table`` in ``fmt`` to ``output`` (stdout when None); returns the number of rows."""
    if table not in QUERIES:
        raise InputError(f"unknown table {table!r} (choose {', '.join(QUERIES)})")
    columns, rows = table_rows(store, table)
    if fmt == "parquet":
        if output in (None, "-"):
            raise InputError("parquet export needs an output file (-o FILE.parquet)")
        return _parquet(columns, rows, Path(output))
    if fmt not in ("jsonl", "csv"):
        raise InputError(f"unknown format {fmt!r} (choose jsonl, csv or parquet)")
    if output in (None, "-"):
        return _text(columns, rows, fmt, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as handle:
        return _text(columns, rows, fmt, handle)


def _text(columns: list[str], rows: Iterator[tuple], fmt: str, handle: IO[str]) -> int:
    n = 0
    writer = csv.writer(handle) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(columns)
    for row in rows:
        if writer is not None:
            writer.writerow(row)
        else:
            handle.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
        n += 1
    return n


def _parquet(columns: list[str], rows: Iterator[tuple], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    n = 0
    batch: list[tuple] = []

    def flush() -> None:
        nonlocal writer
        table = pa.Table.from_pylist([dict(zip(columns, r, strict=True)) for r in batch])
        if writer is None:
            writer = pq.ParquetWriter(path, table.schema)
        writer.write_table(table.cast(writer.schema))

    for row in rows:
        batch.append(row)
        n += 1
        if len(batch) >= CHUNK:
            flush()
            batch = []
    if batch or writer is None:
        if not batch:
            pq.write_table(pa.table({c: pa.array([], pa.string()) for c in columns}), path)
            return 0
        flush()
    if writer is not None:
        writer.close()
    return n
