"""JSONL input: one already-scraped article (or one raw HTML page) per line.

A line ``{"id","url","title","date","author","text"}`` becomes an ``article`` document that holds
the JSON itself, so extraction can keep the text as given; a line with ``"html"`` becomes an HTML
document whose other fields are hints. A ``url`` that is not absolute http(s) is dropped (the
article id derives from it). A bad line is one Failure naming its line number; the
remaining lines still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsdesk.model import Failure, RawDocument
from newsdesk.sources.reading import page_too_large, safe_url

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
    except RecursionError:
        return Failure(f"{source}:{number}", "read", f"line {number}: invalid JSON (nested too deeply)")
    if not isinstance(record, dict):
        return Failure(f"{source}:{number}", "read", f"line {number}: expected a JSON object")
    name = _valid(str(record.get("id") or f"line-{number}"))
    url = safe_url(record.pop("url", None))
    if url:
        record["url"] = url
    hints = {k: _valid(str(record[k])) for k in _HINT_KEYS if record.get(k)}
    if isinstance(record.get("html"), str) and record["html"].strip():
        page = record["html"].encode("utf-8", "replace")
        too_large = page_too_large(len(page))
        if too_large:
            return Failure(f"{source}#{name}", "read", f"line {number}: {too_large}")
        return RawDocument(name, f"{source}#{name}", page, "html", url, fetched_at, hints)
    if isinstance(record.get("text"), str) and record["text"].strip():
        content = json.dumps(record, ensure_ascii=False).encode("utf-8", "replace")
        return RawDocument(name, f"{source}#{name}", content, "article", url, fetched_at, hints)
    return Failure(f"{source}#{name}", "read", f"line {number}: no 'text' or 'html' field")


def _valid(text: str) -> str:
    """``text`` without lone surrogates: JSON may escape one (``\\ud800``), UTF-8 and SQLite cannot hold it."""
    return text.encode("utf-8", "replace").decode("utf-8")
