"""Helpers the ``derive_*.py`` scripts share when turning Phoenix dictionary blocks into tables.

Kept next to the scripts (they run as plain scripts from this folder, so it is importable) and out of
the package: nothing at run time reads the Phoenix files, only the tables derived from them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

#: Words kept lower-case inside a title-cased name ("Front for the Liberation of …").
SMALL_WORDS = frozenset({"of", "the", "for", "and", "on", "in", "to", "de", "des", "du", "la", "le", "et", "a", "an", "at"})


def title_case(text: str, small: Iterable[str] = SMALL_WORDS) -> str:
    """"AMNESTY INTERNATIONAL" → "Amnesty International": the case-sensitive matcher needs news casing."""
    keep = set(small)
    words = text.lower().split()
    return " ".join(w if (i and w in keep) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def write_table(target: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A tab-separated table, gzip-compressed with a zero mtime so that a re-derivation is byte-identical."""
    text = "\n".join("\t".join(r) for r in [header, *rows]) + "\n"
    target.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def body(line: str) -> str:
    """A dictionary line without its trailing ``#`` comment."""
    return line.split("#", 1)[0]


def blocks(path: Path) -> Iterator[tuple[str, list[str]]]:
    """Each entry of a Phoenix ``.actors`` file: its head line and the lines that follow it, in order.

    A head starts at column 0; ``+`` lines are aliases and indented lines carry more codes. Blank and
    comment-only lines are dropped. The derive scripts differ only in which codes they read from which lines.
    """
    head, rest = "", []  # type: ignore[var-annotated]
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+") or line[0].isspace():
            rest.append(line)
            continue
        if head:
            yield head, rest
        head, rest = line, []
    if head:
        yield head, rest
