"""Exact token-sequence phrase matching, with the tokenized phrases cached between processes.

The actor dictionary has ≈ 40,000 surfaces. spaCy's ``PhraseMatcher`` only takes ``Doc`` patterns, so
building it tokenized every surface at every start-up: ≈ 1.25 s of each process's start (CLI call,
pool worker, Dask worker), more than loading the parser. What the matcher needs from a surface is
only its tokens' ORTH hashes, which depend on nothing but the surface text, the tokenizer's rules and
spaCy's string hash; those are cached on first use in a small ``.npz`` named by a hash of all three,
so a changed dictionary, model or spaCy version builds a fresh one and a stale file is never read.

Matching returns what ``PhraseMatcher(attr="ORTH")`` returns, as (start, end) token offsets: every
occurrence of every phrase, overlapping ones included (``tests/analyze/test_phrases.py`` holds them equal).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import ORTH
from spacy.tokens import Doc

from newsdesk.paths import cache_dir

log = logging.getLogger(__name__)

#: Bump when the cache file's layout changes.
_FORMAT = b"phrases-1"


class TokenPhrases:
    """A set of token-ORTH sequences, matched in a document by their first two tokens.

    Most tokens start no phrase, but the ones that do include "the", "a" and "in" (≈ 900 length
    checks per article when keyed by the first token alone, twice the ``PhraseMatcher``'s time).
    So two bitmaps over the hashes, one of single-token phrases' tokens and one of the first token
    pairs of longer phrases, reject nearly every position in one numpy pass, and only the few left
    are looked up in Python.
    """

    #: Bitmap size in bits of the hash: ≈ 40,000 keys leave ≈ 4 % of other positions to check.
    BITS = 20
    #: Odd multiplier that mixes a token pair into one hash (uint64 arithmetic wraps around).
    _PAIR = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, phrases: Iterable[Sequence[int]]) -> None:
        self._phrases: set[tuple[int, ...]] = set()
        self._singles: set[int] = set()
        lengths: dict[tuple[int, int], set[int]] = {}
        for phrase in phrases:
            key = tuple(phrase)
            if len(key) == 1:
                self._singles.add(key[0])
            elif key:  # an empty pattern matches nothing in PhraseMatcher either
                self._phrases.add(key)
                lengths.setdefault(key[:2], set()).add(len(key))
        self._lengths = {pair: tuple(sorted(sizes)) for pair, sizes in lengths.items()}
        self._mask = np.uint64((1 << self.BITS) - 1)
        self._single_bits = self._bitmap(np.array(sorted(self._singles), dtype=np.uint64))
        pairs = np.array(list(self._lengths), dtype=np.uint64).reshape(-1, 2)
        self._pair_bits = self._bitmap(self._pair_hash(pairs[:, 0], pairs[:, 1]))

    def _bitmap(self, hashes: np.ndarray) -> np.ndarray:
        bits = np.zeros(1 << self.BITS, dtype=bool)
        bits[hashes & self._mask] = True
        return bits

    def _pair_hash(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        return first * self._PAIR + second

    def __len__(self) -> int:
        return len(self._phrases) + len(self._singles)

    def __call__(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """(start, end) of every occurrence of every phrase in ``doc``, by start then length."""
        if not len(doc):
            return
        array = doc.to_array(ORTH)
        hit = self._single_bits[array & self._mask]
        hit[:-1] |= self._pair_bits[self._pair_hash(array[:-1], array[1:]) & self._mask]
        where = np.flatnonzero(hit)
        firsts: list[int] = array[where].tolist()
        seconds: list[int] = array[np.minimum(where + 1, len(array) - 1)].tolist()
        n = len(array)
        phrases, lengths, singles = self._phrases, self._lengths, self._singles
        for i, first, second in zip(where.tolist(), firsts, seconds, strict=True):
            if first in singles:
                yield i, i + 1
            for size in lengths.get((first, second), ()) if i + 1 < n else ():
                if i + size > n:
                    break
                if size == 2 or tuple(array[i:i + size].tolist()) in phrases:
                    yield i, i + size

    @classmethod
    def of_texts(cls, nlp: Any, texts: Sequence[str]) -> TokenPhrases:
        """The phrases ``texts`` tokenize to with ``nlp``'s tokenizer, from the cache when it has them."""
        return cls(_split(*_tokenized(nlp, texts)))


def _split(flat: np.ndarray, lengths: np.ndarray) -> Iterator[tuple[int, ...]]:
    """The phrases of a flat ORTH array, cut at the given lengths."""
    orths: list[int] = flat.tolist()
    start = 0
    for size in lengths.tolist():
        yield tuple(orths[start:start + size])
        start += size


def _tokenized(nlp: Any, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(flat ORTH hashes, tokens per text) of ``texts``: read from the cache, else tokenized and stored."""
    path = cache_dir() / f"phrases-{_key(nlp, texts)}.npz"
    try:
        with np.load(path) as cached:
            return cached["orths"], cached["lengths"]
    except (OSError, KeyError, ValueError):
        pass
    docs = [nlp.make_doc(t) for t in texts]
    flat = np.concatenate([d.to_array(ORTH) for d in docs]) if docs else np.zeros(0, np.uint64)
    lengths = np.array([len(d) for d in docs], dtype=np.int64)
    _store(path, flat.astype(np.uint64), lengths)
    return flat, lengths


def _key(nlp: Any, texts: Sequence[str]) -> str:
    """Hash of what the tokens depend on: the texts, the tokenizer's rules and spaCy's version."""
    import spacy

    digest = hashlib.sha256(_FORMAT)
    digest.update(spacy.__version__.encode())
    digest.update(nlp.tokenizer.to_bytes(exclude=["vocab"]))
    digest.update("\x00".join(texts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _store(path: Path, orths: np.ndarray, lengths: np.ndarray) -> None:
    """Write the cache atomically (parallel workers may build it at once); a read-only home is no error."""
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
            temporary = handle.name
            np.savez(handle, orths=orths, lengths=lengths)
        os.replace(temporary, path)
    except OSError as exc:
        log.debug("phrase cache not written to %s: %s", path, exc)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
