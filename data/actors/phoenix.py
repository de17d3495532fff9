"""Helpers the ``derive_*.py`` scripts share when turning Phoenix dictionary blocks into tables.

Kept next to the scripts (they run as plain scripts from this folder, so it is importable) and out of
the package: nothing at run time reads the Phoenix files, only the tables derived from them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
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
