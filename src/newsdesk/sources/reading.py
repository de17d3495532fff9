"""Byte-level checks shared by every source reader: size cap, gzip, binary sniffing, strict UTF-8.

They live apart from the format readers so that a bad file is refused with the same wording
whichever format it claimed to be, and so the checks can be tested on bytes without files.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.errors import InputError

#: Largest input file read (and largest decompressed size of a .gz); bigger files become a Failure.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_NAME_SUFFIXES = (".html", ".htm", ".txt")
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_HTML_START = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|div|p)\b", re.I)


def human_size(n: int) -> str:
    """Size in MB with one decimal, for messages a user reads."""
    return f"{n / (1024 * 1024):.1f} MB"


def read_capped(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing it (InputError) when it is larger than ``max_bytes`` or a gzip is corrupt."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"file too large ({human_size(size)} > limit {human_size(max_bytes)})")
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        data = gunzip_capped(data, max_bytes)
    return data


def gunzip_capped(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Decompress (possibly multi-member) gzip data without letting a zip bomb exceed ``max_bytes``."""
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(31)
        try:
            chunk = inflater.decompress(rest, max_bytes + 1 - total)
        except zlib.error as exc:
            raise InputError(f"corrupt gzip data ({exc})") from None
        total += len(chunk)
        out.append(chunk)
        if total > max_bytes:
            raise InputError(f"decompressed size exceeds limit {human_size(max_bytes)}")
        if not inflater.eof:
            raise InputError("truncated gzip data")
        rest = inflater.unused_data.lstrip(b"\0")
    return b"".join(out)


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not a text or HTML document (NUL bytes, mostly control bytes), or None when it is."""
    head = data[:8192]
    if b"\0" in head:
        return "binary content, not a text or HTML document"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and control / len(head) > 0.1:
        return "binary content, not a text or HTML document"
    return None


def decode_utf8_strict(data: bytes) -> str:
    """Decode UTF-8 (BOM tolerated) or raise InputError naming the first bad byte and its offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start
        raise InputError(f"not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})") from None


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes open like an RSS, Atom or RDF feed (sniffing for mislabelled files)."""
    return _FEED_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")) is not None


def looks_like_html(data: bytes) -> bool:
    """True when markup tags typical of an HTML page occur near the start."""
    return _HTML_START.search(data[:4096]) is not None


def document_name(path: Path) -> str:
    """The CLI id of a file: its name without .gz and then without .html/.htm/.txt."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    for suffix in _NAME_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def file_time(path: Path) -> str:
    """The file's modification time as an ISO UTC timestamp: the best 'fetched at' a plain file has."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def slug(text: str, limit: int = 80) -> str:
    """A file-name-safe id from a guid or URL, keeping its most specific (rightmost) part."""
    text = re.sub(r"^[a-z]+://", "", text.strip().lower())
    out = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return out[-limit:].lstrip("-") or "record"
