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
from typing import Any, BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsdesk.model import Failure, RawDocument
from newsdesk.sources.reading import DEFAULT_MAX_BYTES, human_size, page_too_large, safe_url

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
    problem = tail_problem(path, tally.last_pos, max_record_bytes)
    if problem:
        yield Failure(source, "read", _truncated_message(tally.records, problem))


def _truncated_message(records: int, detail: str) -> str:
    return f"truncated WARC after {records} complete record{'s' if records != 1 else ''}: {detail}"


class _Truncated:
    def __init__(self, detail: str) -> None:
        self.detail = detail


def _record_document(record: Any, source: str, max_bytes: int) -> RawDocument | Failure | _Truncated | None:
    """The record as an HTML RawDocument; None for non-HTML or non-response records, Failure if too big."""
    if record.record_type != WarcRecordType.response:
        record.consume()
        return None
    declared = record.content_length
    record_id = (record.headers.get("WARC-Record-ID") or "").strip("<>")
    if declared > max_bytes:
        return _oversized(record, record_id, source, max_bytes)
    block = record.reader.read()
    if len(block) < declared:
        return _Truncated(f"record {record_id} cut off at byte {len(block)} of {declared}")
    status, http_headers, body = split_http(block)
    if status is not None and not 200 <= status < 300:
        return None
    content_type = http_headers.get("content-type", "")
    if not _is_html(content_type, record.headers.get("WARC-Identified-Payload-Type") or "", body):
        return None
    body = _decode_transfer(http_headers, body, max_bytes)
    if not body.strip():
        return None
    uri = safe_url((record.headers.get("WARC-Target-URI") or "").strip("<> "))
    hints = {"warc_record_id": record_id}
    charset = _CHARSET.search(content_type)
    if charset:
        hints["charset"] = charset.group(1)
    fetched = _iso_time(record.headers.get("WARC-Date") or "") or _http_time(http_headers.get("date", ""))
    name = record_id.removeprefix("urn:uuid:") or f"record-{record.stream_pos}"
    return RawDocument(name, f"{source}#{name}", body, "html", uri, fetched, hints)


def _oversized(record: Any, record_id: str, source: str, max_bytes: int) -> Failure | None:
    """A Failure for an HTML response record over the cap (not silently lost); None for other media."""
    status, headers, body = split_http(record.reader.read(_HEAD_WINDOW))
    record.consume()
    identified = record.headers.get("WARC-Identified-Payload-Type") or ""
    if (status is not None and not 200 <= status < 300) or not _is_html(headers.get("content-type", ""), identified,
                                                                         body):
        return None
    name = record_id.removeprefix("urn:uuid:") or f"record-{record.stream_pos}"
    return Failure(f"{source}#{name}", "read", page_too_large(record.content_length, max_bytes) or "record too large")


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
    status = int(parts[1]) if len(parts) > 1 and re.fullmatch(r"[0-9]{3}", parts[1]) else None
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


def _decode_transfer(headers: dict[str, str], body: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Undo chunking and gzip/deflate only when the body really is encoded (headers often lie)."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    if body[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(31).decompress(body, max_bytes)  # a bomb stops at the cap
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


def tail_problem(path: Path, last_pos: int, max_record_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """Why the archive's tail (from the last record FastWARC reported) is incomplete, or None.

    FastWARC stops quietly at a cut inside a gzip member or a record head, so the tail is decoded
    again here: every gzip member must end properly and every record must be as long as declared.
    The tail is streamed and at most ``max_record_bytes`` plus a head's worth of it is decoded and
    kept: an archive whose last member is a decompression bomb, or a corrupt member early in a
    multi-GB crawl (FastWARC stops there, so the "tail" is the rest of the file), costs no more
    memory than one record. Past that window the records are not checked.
    """
    budget = max_record_bytes + _HEAD_WINDOW
    with path.open("rb") as stream:
        stream.seek(last_pos)
        gzipped = stream.read(2) == b"\x1f\x8b"
        stream.seek(last_pos)
        if gzipped:
            data, complete, problem = _inflate_tail(stream, budget)
            if problem:
                return problem
        else:
            data = stream.read(budget + 1)
            complete = len(data) <= budget
            data = data[:budget]
    return _records_problem(data, complete)


#: Room for a record's WARC and HTTP heads on top of the largest record body read.
_HEAD_WINDOW = 64 * 1024
_NOT_SPACE = re.compile(rb"\S")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length\s*:\s*(\d+)")


def _inflate_tail(stream: BinaryIO, budget: int) -> tuple[bytes, bool, str | None]:
    """(first ``budget`` decoded bytes, whether that is all of it, problem) for gzip members."""
    out = bytearray()
    inflater: Any = None
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        pending = chunk
        while pending:
            if inflater is None:
                pending = pending.lstrip(b"\0")  # zero padding between members
                if not pending:
                    break
                inflater = zlib.decompressobj(31)
            try:
                out += inflater.decompress(pending, budget + 1 - len(out))
            except zlib.error as exc:
                return b"", True, f"corrupt gzip member ({exc})"
            if len(out) > budget:
                return bytes(out[:budget]), False, None
            if inflater.eof:
                pending, inflater = inflater.unused_data, None
            else:
                pending = inflater.unconsumed_tail
    if inflater is not None:
        return b"", True, "gzip stream ends mid-member"
    return bytes(out), True, None


def _records_problem(data: bytes, complete: bool = True) -> str | None:
    """A record of ``data`` shorter than declared; ``complete`` False: ``data`` is only a window."""
    pos = 0
    while (start := _NOT_SPACE.search(data, pos)) is not None:
        pos = start.start()
        head_end = data.find(b"\r\n\r\n", pos)
        if head_end < 0:
            return "archive ends inside a record header" if complete else None
        length = _CONTENT_LENGTH.search(data, pos, head_end)
        if length is None:
            return "record header without Content-Length"
        declared = int(length.group(1))
        end = head_end + 4 + declared
        if end > len(data):
            if not complete:
                return None
            return f"last record cut off ({human_size(len(data) - head_end - 4)} of {human_size(declared)})"
        pos = end
    return None
