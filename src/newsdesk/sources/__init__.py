"""Sources: turn paths (files, directories) into RawDocument records, one Failure per bad input.

Dispatch is by extension (``.html .htm .txt .jsonl .warc .xml .rss .atom``, each optionally
``.gz``), with content sniffing for feeds saved under another name. Directories are walked
recursively in sorted order so that two runs over the same tree produce the same stream; hidden
files and metadata (README, .json, .md, .py) found in directories are skipped, but a file named
explicitly is always read. Nothing here raises for a bad input: it becomes a Failure and the
batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.model import Failure, RawDocument
from newsdesk.sources.feeds import iter_feed
from newsdesk.sources.jsonl import iter_jsonl
from newsdesk.sources.reading import (
    DEFAULT_MAX_BYTES,
    MAX_PAGE_BYTES,
    binary_reason,
    decode_utf8_strict,
    document_name,
    file_time,
    looks_like_feed,
    looks_like_html,
    page_too_large,
    read_capped,
)
from newsdesk.sources.warc import iter_warc

__all__ = ["DEFAULT_MAX_BYTES", "iter_documents", "iter_files", "read_path", "source_kind"]

_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".jsonl": "jsonl",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_METADATA_SUFFIXES = (".json", ".md", ".py")


def iter_documents(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Failure]:
    """Yield a RawDocument for every readable page/record under ``paths``, a Failure for every bad one."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                yield from read_path(child, max_bytes)
        elif path.exists():
            yield from read_path(path, max_bytes)
        else:
            yield Failure(str(path), "read", "no such file or directory")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The input files under ``paths`` (directories walked as :func:`iter_documents` walks them).

    Used to shard work: each file (e.g. one WARC of a crawl) becomes one task for an executor.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def source_kind(path: Path) -> str | None:
    """The reader a file name asks for ("html", "text", "jsonl", "warc", "feed"), None when unknown."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return _KINDS.get(Path(name).suffix)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, without hidden files/folders and metadata files."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        lower = path.name.lower()
        if lower.startswith("readme") or lower.endswith(_METADATA_SUFFIXES):
            continue
        if source_kind(path) is None:
            continue
        yield path


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """Read one file (any supported kind) into documents; failures come back as Failure records."""
    source = str(path)
    kind = source_kind(path)
    if kind == "warc":
        yield from _read_warc(path, max_bytes)
        return
    try:
        data = read_capped(path, max_bytes)
    except InputError as exc:
        yield Failure(source, "read", str(exc))
        return
    except OSError as exc:
        yield Failure(source, "read", f"cannot read file ({exc.strerror or exc})")
        return
    if not data.strip():
        yield Failure(source, "read", "empty file")
        return
    reason = binary_reason(data)
    if reason:
        yield Failure(source, "read", reason)
        return
    yield from _dispatch(kind, data, path)


def _read_warc(path: Path, max_bytes: int) -> Iterator[RawDocument | Failure]:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Failure(source, "read", f"cannot read file ({exc.strerror or exc})")
        return
    if size == 0:
        yield Failure(source, "read", "empty file")
        return
    # Archives are streamed, so the cap applies per record (an HTML page), not to the archive.
    yield from iter_warc(path, min(max_bytes, MAX_PAGE_BYTES))


def _dispatch(kind: str | None, data: bytes, path: Path) -> Iterator[RawDocument | Failure]:
    """Route checked bytes to the reader for their kind; an unknown extension is sniffed."""
    source = str(path)
    fetched = file_time(path)
    if kind == "feed" or (kind in (None, "html") and looks_like_feed(data)):
        yield from iter_feed(data, source, fetched)
        return
    if kind is None:
        kind = "html" if looks_like_html(data) else "text"
    if kind == "html":
        too_large = page_too_large(len(data))
        if too_large:
            yield Failure(source, "read", too_large)
            return
        yield RawDocument(document_name(path), source, data, "html", None, fetched, {})
        return
    try:
        text = decode_utf8_strict(data)
    except InputError as exc:
        yield Failure(source, "read", str(exc))
        return
    if kind == "jsonl":
        yield from iter_jsonl(text, source, fetched)
    else:
        yield RawDocument(document_name(path), source, text.encode("utf-8"), "text", None, fetched, {})
