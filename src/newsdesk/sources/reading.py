"""Byte-level checks shared by every source reader: size cap, gzip, binary sniffing, strict UTF-8.

They live apart from the format readers so that a bad file is refused with the same wording
whichever format it claimed to be, and so the checks can be tested on bytes without files.
"""

from __future__ import annotations

import codecs
import re
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.errors import InputError

#: Largest input file read (and largest decompressed size of a .gz); bigger files become a Failure.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Largest single HTML page (file, WARC record, JSONL ``html``) handed to extraction: trafilatura
#: takes about a second per MB, and no article page is this big (the live fetcher cuts at 10 MB too).
MAX_PAGE_BYTES = 10 * 1024 * 1024

_NAME_SUFFIXES = (".html", ".htm", ".txt")
#: Only these schemes are kept as a document URL. Links in inputs are data and never fetched; a
#: file:, javascript: or data: "URL" would also become the article id (ids derive from the URL).
_URL_SCHEMES = ("http", "https")
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOM_CODECS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
               (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE_BOMS = tuple(bom for bom, _ in _BOM_CODECS)
#: Bytes that are no control character in text: deleting them leaves the control bytes to count.
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r"
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
    with path.open("rb") as handle:  # bounded read: a device, pipe or growing file has no honest size
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"file too large (over limit {human_size(max_bytes)})")
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


def page_too_large(size: int, limit: int = MAX_PAGE_BYTES) -> str | None:
    """The Failure reason for an HTML page too big to extract in bounded time, or None."""
    if size <= limit:
        return None
    return f"page too large for article extraction ({human_size(size)} > limit {human_size(limit)})"


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not a text or HTML document (NUL bytes, mostly control bytes), or None when it is."""
    if data.startswith(_WIDE_BOMS):
        return None  # UTF-16/32 text has NUL bytes by design
    head = data[:8192]
    if b"\0" in head:
        return "binary content, not a text or HTML document"
    control = len(head.translate(None, _NOT_CONTROL))  # one C call, not a Python step per byte
    if head and control / len(head) > 0.1:
        return "binary content, not a text or HTML document"
    return None


def decode_utf8_strict(data: bytes) -> str:
    """Decode UTF-8 (BOM tolerated; a UTF-16/32 BOM is obeyed) or raise InputError naming the first bad byte."""
    codec = next((c for bom, c in _BOM_CODECS if data.startswith(bom)), "utf-8-sig")
    try:
        return data.decode(codec)
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


def safe_url(value: Any) -> str | None:
    """An absolute http(s) URL, or None: file:, javascript:, data: and relative links are not kept."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in _URL_SCHEMES or not parts.netloc:
        return None
    return value
