"""RSS 2.0 / Atom feeds: one document per entry.

feedparser does the format work; before it sees the bytes, any DTD or entity declaration is
refused, because entity expansion ("billion laughs") can blow a small feed up to gigabytes and
news feeds never need one. An entry with full content (content:encoded, Atom content) becomes an
HTML document; an entry with only a summary still becomes one, flagged ``partial`` so later stages
know the text is a teaser.
"""

from __future__ import annotations

import codecs
import html
import io
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from newsdesk.errors import InputError
from newsdesk.model import Failure, RawDocument, stable_id
from newsdesk.sources.reading import safe_url, slug

_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)\b", re.I)
_ROOT_START = re.compile(rb"<[A-Za-z]")
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.S)
_MARKUP = re.compile(r"<[a-zA-Z/][^>]*>")
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)(["'])""")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def check_safe_xml(data: bytes) -> None:
    """Raise InputError when the XML declares a DTD or entities (refused: entity-expansion risk)."""
    head = _COMMENT.sub(b"", data)  # a tag inside a comment does not end the prolog
    root = _ROOT_START.search(head)
    prolog = head[: root.start()] if root else head  # declarations are only legal before the root
    found = _DECLARATION.search(prolog)
    if found:
        kind = found.group(1).decode("ascii").upper()
        raise InputError(f"feed refused: it contains a <!{kind}> declaration (XML entity expansion risk)")
    try:
        defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"feed refused: {exc}") from None
    except Exception:  # not well-formed XML: feedparser's lenient parser may still cope
        return


def iter_feed(data: bytes, source: str, fetched_at: str | None = None) -> Iterator[RawDocument | Failure]:
    """Yield one RawDocument per feed entry, or a single Failure when the feed is unsafe or unreadable."""
    data = to_utf8(data)  # first, so the declaration check sees UTF-16/32 feeds as text too
    try:
        check_safe_xml(data)
    except InputError as exc:
        yield Failure(source, "read", str(exc))
        return
    try:
        parsed = _parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser raises assorted errors on hostile bytes
        yield Failure(source, "read", f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    if not parsed.entries:
        reason = "feed has no entries"
        if parsed.get("bozo"):
            reason = f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})"
        yield Failure(source, "read", reason)
        return
    site = (parsed.feed.get("title") or "").strip()
    seen: set[str] = set()
    for index, entry in enumerate(parsed.entries):
        doc = _entry_document(entry, index, source, fetched_at, site)
        if doc is None:
            yield Failure(f"{source}#{index}", "read", f"feed entry {index + 1} has no content or summary")
            continue
        if doc.name in seen:  # two entries with one guid: keep both, distinctly named
            doc = replace(doc, name=f"{doc.name}-{index}", source=f"{doc.source}-{index}")
        seen.add(doc.name)
        yield doc


def _parse(data: bytes) -> Any:
    """feedparser over UTF-8 bytes (see :func:`to_utf8`), passed as a stream.

    A stream, because ``feedparser.parse`` treats bytes or str that name an existing path as a
    file name and reads it (a feed file containing ``/dev/zero`` would read forever), and a URL as
    something to fetch. UTF-8 with a matching header, because feedparser falls back to chardet for
    undecodable bytes, and chardet takes seconds per few KB on some inputs (quadratic regex).
    Imported here: feedparser costs ≈ 0.14 s to import, which every ingest of plain files paid.
    """
    import feedparser

    headers = {"content-type": "application/xml; charset=utf-8"}
    return feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False,
                            response_headers=headers)


def to_utf8(data: bytes) -> bytes:
    """The feed as UTF-8: BOM, then the declared encoding, then UTF-8, then windows-1252 (lossy)."""
    text = _decode_feed(data)
    text = _XML_ENCODING.sub(lambda m: f"{m.group(1)}utf-8{m.group(3)}", text, count=1)
    return text.encode("utf-8", "replace")


def _decode_feed(data: bytes) -> str:
    """Decode by BOM, else by the declared encoding or UTF-8 when they fit, else lossy windows-1252."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace")
    head = data[:512].decode("ascii", "replace")
    declared = _XML_ENCODING.match(head)
    candidates = [_text_codec(declared.group(2)) if declared else None, "utf-8"]
    for codec in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(codec)
        except UnicodeError:
            continue
    return data.decode("cp1252", "replace")


def _text_codec(label: str) -> str | None:
    """Python's codec for an XML encoding label, or None when unknown or not a text encoding."""
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError):
        return None
    return info.name if info._is_text_encoding else None  # rot13, base64, zlib are codecs, not charsets


def _entry_document(
    entry: Any, index: int, source: str, fetched_at: str | None, site: str
) -> RawDocument | None:
    title = _plain(entry.get("title") or "")
    url = safe_url(entry.get("link"))
    body, partial = _entry_body(entry)
    if not body:
        return None
    guid = entry.get("id") or url or stable_id(source, str(index), title)
    name = slug(guid)
    hints = {"title": title, "url": url or "", "author": _plain(entry.get("author") or "")}
    date = _entry_date(entry)
    if date:
        hints["date"] = date
    if site:
        hints["publisher"] = site
    if partial:
        hints["partial"] = "1"
    hints = {k: v for k, v in hints.items() if v}
    page = _as_html(title, body)
    return RawDocument(name, f"{source}#{name}", page.encode("utf-8"), "html", url, fetched_at, hints)


def _entry_body(entry: Any) -> tuple[str, bool]:
    """The entry's full content when present, else its summary with ``partial`` True."""
    for content in entry.get("content") or []:
        value = (content.get("value") or "").strip()
        if value:
            return _as_markup(value, content.get("type", "")), False
    summary = (entry.get("summary") or "").strip()
    return (_as_markup(summary, ""), True) if summary else ("", True)


def _as_markup(value: str, mime: str) -> str:
    """Plain-text content becomes escaped paragraphs so extraction sees the same shape as HTML."""
    if "html" in mime or _MARKUP.search(value):
        return value
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def _as_html(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
        f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>"
    )


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def _plain(text: str) -> str:
    return " ".join(html.unescape(_MARKUP.sub(" ", text)).split())
