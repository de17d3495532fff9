"""JSONL input: one already-scraped article (or one raw HTML page) per line.

A line ``{"id","url","title","date","author","text"}`` becomes an ``article`` document that holds
the JSON itself, so extraction can keep the text as given; a line with ``"html"`` becomes an HTML
document whose other fields are hints. A bad line is one Failure naming its line number; the
remaining lines still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsdesk.model import Failure, RawDocument

_HINT_KEYS = ("title", "date", "author", "url")


def iter_jsonl(text: str, source: str, fetched_at: str | None = None) -> Iterator[RawDocument | Failure]:
    """Yield one document per non-blank line of ``text`` (the decoded file at ``source``)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        yield _line_document(line, number, source, fetched_at)


def _line_document(line: str, number: int, source: str, fetched_at: str | None) -> RawDocument | Failure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(f"{source}:{number}", "read", f"line {number}: invalid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return Failure(f"{source}:{number}", "read", f"line {number}: expected a JSON object")
    name = str(record.get("id") or f"line-{number}")
    hints = {k: str(record[k]) for k in _HINT_KEYS if record.get(k)}
    url = hints.get("url")
    if isinstance(record.get("html"), str) and record["html"].strip():
        return RawDocument(name, f"{source}#{name}", record["html"].encode("utf-8"), "html", url, fetched_at, hints)
    if isinstance(record.get("text"), str) and record["text"].strip():
        content = json.dumps(record, ensure_ascii=False).encode("utf-8")
        return RawDocument(name, f"{source}#{name}", content, "article", url, fetched_at, hints)
    return Failure(f"{source}#{name}", "read", f"line {number}: no 'text' or 'html' field")
