"""Decode HTML bytes to text with the charset the page really uses.

Order of evidence: a byte-order mark; valid multi-byte UTF-8 (pages are very often UTF-8 whatever
they claim, and non-ASCII bytes that happen to form valid UTF-8 are almost never an accident);
the HTTP charset unless it is a generic server default; the <meta> charset; then
charset_normalizer's guess. A page declared UTF-8 that is not valid UTF-8 is, in practice,
windows-1252 (the classic mislabelled CMS export), so that is tried before guessing.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_GENERIC_HTTP = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"}
# WHATWG: these labels mean windows-1252 in every browser.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "iso8859-1": "cp1252", "x-sjis": "shift_jis", "gb2312": "gb18030",
            "gbk": "gb18030", "utf8": "utf-8"}


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name if codecs.lookup(label)._is_text_encoding else None  # not rot13/base64/zlib
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset a page's <meta> tag declares (first 4 KB, as browsers do)."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode page bytes; returns (text, codec used)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec if codec != "utf-8" else "utf-8-sig", errors="replace"), codec
    if not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    for codec in _declared(data, http_charset):
        if codec == "utf-8":
            continue  # already failed above (or the page is pure ASCII, handled below)
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    if data.isascii():
        return data.decode("ascii"), "ascii"
    if "utf-8" in _declared(data, http_charset):
        try:
            return data.decode("cp1252"), "cp1252"  # mislabelled windows-1252
        except UnicodeDecodeError:
            pass
    return _guess(data)


def _declared(data: bytes, http_charset: str | None) -> list[str]:
    http = normalise_charset(http_charset)
    meta = normalise_charset(meta_charset(data))
    generic = (http_charset or "").strip().lower() in _GENERIC_HTTP
    ordered = [meta, http] if generic else [http, meta]
    return [c for c in dict.fromkeys(ordered) if c]


def _guess(data: bytes) -> tuple[str, str]:
    """charset_normalizer's guess; a tie between single-byte Latin code pages goes to windows-1252.

    Text in English, French or German decodes without "chaos" as cp1250, cp1252 and cp1257 alike
    when its accented letters are few; windows-1252 is by far the most common of them on the web
    and the only one where ï, ð, þ are what the author typed.
    """
    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return data.decode("cp1252", errors="replace"), "cp1252"
    best = min(matches, key=lambda m: m.chaos)
    tied = {normalise_charset(m.encoding) for m in matches if m.chaos <= best.chaos + 0.005}
    codec = "cp1252" if "cp1252" in tied else normalise_charset(best.encoding) or "cp1252"
    return data.decode(codec, errors="replace"), codec
