"""WARC archives (Common Crawl, ClueWeb, our own crawls): HTML ``response`` records → RawDocuments.

FastWARC streams the records; the HTTP head is parsed here rather than by FastWARC because real
archives break the rules (ClueWeb09 has LF-only HTTP heads, a ``Content-Encoding: gzip`` header
over an already-decoded body, and dates like ``2008-10-294``). A truncated archive yields every
record read intact and then exactly one Failure, never an exception: a cut-off record is detected
by comparing its declared Content-Length with the bytes actually present, and a cut inside the
final gzip member or record head by checking the archive's tail after iteration.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsdesk.model import Failure, RawDocument
from newsdesk.sources.reading import DEFAULT_MAX_BYTES, human_size

_HTML_TYPES = ("text/html", "application/xhtml")
_SNIFF_HTML = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head)\b", re.I | re.S)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


class _Tally:
    """Counts what one archive produced, for the truncation message."""

    def __init__(self) -> None:
        self.records = 0
        self.last_pos = 0


def iter_warc(path: Path, max_record_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """Yield one RawDocument per HTML response record of the archive at ``path``, then a Failure if cut."""
    source = str(path)
    tally = _Tally()
    try:
        with path.open("rb") as stream:
            iterator = ArchiveIterator(
                stream, record_types=WarcRecordType.any_type, parse_http=False, fsspec_args=False
            )
            for record in iterator:
                tally.records += 1
                tally.last_pos = record.stream_pos
                item = _record_document(record, source, max_record_bytes)
                if isinstance(item, _Truncated):
                    yield Failure(source, "read", _truncated_message(tally.records - 1, item.detail))
                    return
                if item is not None:
                    yield item
    except OSError as exc:
        yield Failure(source, "read", _truncated_message(tally.records, f"unreadable WARC data ({exc})"))
        return
    if tally.records == 0:
        yield Failure(source, "read", "not a WARC archive (no records found)")
        return
    problem = tail_problem(path, tally.last_pos)
    if problem:
        yield Failure(source, "read", _truncated_message(tally.records, problem))


def _truncated_message(records: int, detail: str) -> str:
    return f"truncated WARC after {records} complete record{'s' if records != 1 else ''}: {detail}"


class _Truncated:
    def __init__(self, detail: str) -> None:
        self.detail = detail


def _record_document(record: Any, source: str, max_bytes: int) -> RawDocument | _Truncated | None:
    """The record as an HTML RawDocument; None for non-HTML or non-response records."""
    if record.record_type != WarcRecordType.response:
        record.consume()
        return None
    declared = record.content_length
    if declared > max_bytes:
        record.consume()
        return None
    block = record.reader.read()
    record_id = (record.headers.get("WARC-Record-ID") or "").strip("<>")
    if len(block) < declared:
        return _Truncated(f"record {record_id} cut off at byte {len(block)} of {declared}")
    status, http_headers, body = split_http(block)
    if status is not None and not 200 <= status < 300:
        return None
    content_type = http_headers.get("content-type", "")
    if not _is_html(content_type, record.headers.get("WARC-Identified-Payload-Type") or "", body):
        return None
    body = _decode_transfer(http_headers, body)
    if not body.strip():
        return None
    uri = (record.headers.get("WARC-Target-URI") or "").strip("<> ") or None
    hints = {"warc_record_id": record_id}
    charset = _CHARSET.search(content_type)
    if charset:
        hints["charset"] = charset.group(1)
    fetched = _iso_time(record.headers.get("WARC-Date") or "") or _http_time(http_headers.get("date", ""))
    name = record_id.removeprefix("urn:uuid:") or f"record-{record.stream_pos}"
    return RawDocument(name, f"{source}#{name}", body, "html", uri, fetched, hints)


def split_http(block: bytes) -> tuple[int | None, dict[str, str], bytes]:
    """Split an HTTP response block into (status, lower-cased headers, body); tolerates LF-only heads."""
    if not block.startswith(b"HTTP/"):
        return None, {}, block
    ends = [(i, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (i := block.find(sep)) >= 0]
    if not ends:
        return None, {}, b""
    end, width = min(ends)
    lines = block[:end].decode("latin-1").splitlines()
    parts = lines[0].split(None, 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return status, headers, block[end + width :]


def _is_html(content_type: str, identified: str, body: bytes) -> bool:
    declared = content_type.split(";")[0].strip().lower() or identified.strip().lower()
    if declared:
        return declared.startswith(_HTML_TYPES)
    return _SNIFF_HTML.match(body[:2048]) is not None


def _decode_transfer(headers: dict[str, str], body: bytes) -> bytes:
    """Undo chunking and gzip/deflate only when the body really is encoded (headers often lie)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    if body[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(31).decompress(body, DEFAULT_MAX_BYTES)
        except zlib.error:
            return body
    return body


def _dechunk(body: bytes) -> bytes:
    out: list[bytes] = []
    pos = 0
    while pos < len(body):
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            break
        try:
            size = int(body[pos:eol].split(b";")[0], 16)
        except ValueError:
            return body  # not actually chunked: keep what the archive stored
        if size == 0:
            break
        out.append(body[eol + 2 : eol + 2 + size])
        pos = eol + 2 + size + 2
    return b"".join(out) if out else body


def _iso_time(value: str) -> str | None:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _http_time(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, IndexError):
        return None


# ------------------------------------------------------------------------------ tail check


def tail_problem(path: Path, last_pos: int) -> str | None:
    """Why the archive's tail (from the last record FastWARC reported) is incomplete, or None.

    FastWARC stops quietly at a cut inside a gzip member or a record head, so the tail is decoded
    again here: every gzip member must end properly and every record must be as long as declared.
    """
    with path.open("rb") as stream:
        stream.seek(last_pos)
        tail = stream.read()
    if tail[:2] == b"\x1f\x8b":
        data, problem = _inflate_members(tail)
        if problem:
            return problem
    else:
        data = tail
    return _records_problem(data)


def _inflate_members(data: bytes) -> tuple[bytes, str | None]:
    out: list[bytes] = []
    rest = data
    while rest.strip(b"\0"):
        inflater = zlib.decompressobj(31)
        try:
            out.append(inflater.decompress(rest))
        except zlib.error as exc:
            return b"", f"corrupt gzip member ({exc})"
        if not inflater.eof:
            return b"", "gzip stream ends mid-member"
        rest = inflater.unused_data
    return b"".join(out), None


def _records_problem(data: bytes) -> str | None:
    pos = 0
    while data[pos:].strip():
        head_end = data.find(b"\r\n\r\n", pos)
        if head_end < 0:
            return "archive ends inside a record header"
        length = re.search(rb"(?im)^content-length\s*:\s*(\d+)", data[pos:head_end])
        if length is None:
            return "record header without Content-Length"
        end = head_end + 4 + int(length.group(1))
        if end > len(data):
            return f"last record cut off ({human_size(len(data) - head_end - 4)} of {human_size(int(length.group(1)))})"
        pos = end
    return None
