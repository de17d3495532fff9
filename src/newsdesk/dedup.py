"""Exact and near-duplicate detection for articles (syndicated copies, re-posts, re-scrapes).

Wire stories are republished by many outlets with a new headline, a trimmed last paragraph, an
added editor's note or a different footer. Comparing headlines or whole pages would miss those, so
the decision is made on the *body* only:

* exact duplicates: a hash of the normalised body (case, punctuation and whitespace folded);
* near duplicates: MinHash over word shingles, looked up in an LSH index. The LSH threshold is set
  well below the decision threshold because a trimmed or padded copy has a lower Jaccard score than
  its real overlap; candidates are then scored by the larger of Jaccard and *containment*
  (shared shingles / shingles of the shorter text), which stays high when one copy is a cut of the
  other. Containment is only trusted when the two texts have comparable length, so a short brief
  is not swallowed by a long feature that quotes it.

Distinct articles about the same topic share words but few 5-word sequences, so they stay apart.

Signatures are serialisable (:meth:`Deduper.signature` / :meth:`Deduper.add_signature`) so a
store can re-seed a Deduper on the next run without re-reading every text.

The MinHash values are computed here with numpy, bit for bit as datasketch's ``affine32`` scheme
computes them (SHA-1 → MurmurHash3 finaliser → ``a·h + b mod 2³²``, parameters drawn by its seeded
generator): the pipeline's workers only sign articles, and importing datasketch (which imports
``scipy.integrate`` for its LSH parameters) cost each worker ≈ 0.7 s of CPU at start-up. datasketch
is imported by the writer's index alone (``MinHashLSH``).

An indexed article is kept as its signature bytes (shingle count + values, ≈ 0.55 KB), not as a
datasketch ``MinHash`` (its attributes and its own copy of the values: ≈ 1.4 KB per article with the
wrapper, for as long as the writer runs). The index is datasketch's ``MinHashLSH``, which reads only a
sketch's ``hashvalues``, length and scheme when a key is inserted or queried and keeps no reference to
it, so one ``LeanMinHash`` (cheaper to make than a ``MinHash``) is made per checked article. Jaccard is
estimated on the values as datasketch does (equal values / number of values).
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdesk.model import Article, DuplicateLink

if TYPE_CHECKING:
    from datasketch import LeanMinHash

_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEME = "affine32"  # datasketch permutation scheme; hash values fit in uint32
_SEED = 1  # datasketch's default MinHash seed
#: MurmurHash3's 32-bit finaliser (shift, multiplier, shift, multiplier, shift), as datasketch pre-mixes.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_EMPTY = np.uint32(0xFFFFFFFF)  # the value of a permutation no shingle has reached
_HEADER = struct.Struct("<I")  # shingle count, needed to estimate containment from Jaccard
_MIN_LENGTH_RATIO = 0.5  # containment only counts between texts of comparable size


def normalise(text: str) -> str:
    """Fold case, accents-compatible forms, punctuation and whitespace so trivial edits hash alike."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def text_hash(text: str) -> str:
    """Hash of the normalised text: equal for copies that differ only in formatting."""
    return _hash_normalised(normalise(text))


def _hash_normalised(normalised: str) -> str:
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[bytes]:
    """Word ``size``-grams of the normalised text; a text shorter than ``size`` is one shingle."""
    return _shingles_normalised(normalise(text), size)


def _shingles_normalised(normalised: str, size: int) -> set[bytes]:
    """Word ``size``-grams of a text :func:`normalise` returned, as UTF-8 bytes.

    The normalised text is its words joined by single spaces, so each shingle is a slice of the
    text's bytes, from its first word's start to its last word's end: slicing the encoded text
    once costs less than joining and encoding every shingle (a worker signs every article). No
    byte of a multi-byte UTF-8 character is ASCII whitespace, so splitting the bytes finds the
    same words as splitting the text."""
    data = normalised.encode("utf-8")
    words = data.split()
    if len(words) <= size:
        return {b" ".join(words)} if words else set()
    starts = list(accumulate((len(word) + 1 for word in words), initial=0))  # word i starts at starts[i]
    return {data[start:after - 1] for start, after in zip(starts, starts[size:], strict=False)}


@functools.cache
def _permutations(num_perm: int) -> np.ndarray:
    """The MinHash permutation parameters (``a`` odd, ``b``), as datasketch draws them, once per
    process: drawing them for every sketch cost as much as hashing a short article's shingles."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def minhash_values(grams: set[bytes], num_perm: int) -> np.ndarray:
    """The ``affine32`` MinHash values of ``grams`` (uint32): datasketch's ``update_batch`` result."""
    if not grams:
        return np.full(num_perm, _EMPTY, dtype=np.uint32)
    sha = hashlib.sha1  # each digest's first 4 bytes, read as one little-endian array
    hashed = np.frombuffer(b"".join([sha(g).digest()[:4] for g in grams]), dtype="<u4").astype(np.uint32)
    hashed = hashed.reshape(-1, 1)
    a, b = _permutations(num_perm)
    values = _fmix32(hashed) * a  # one shingle per row; b added in place (no second array that size)
    values += b
    return values.min(axis=0)


@dataclass(frozen=True)
class _Sketch:
    """One article's signature as the index reads it: the values, the shingle count and the bytes
    they came from (kept as the article's index entry, so a worker's signature is stored uncopied)."""

    values: np.ndarray
    size: int
    raw: bytes


def _parse_signature(sig_bytes: bytes, num_perm: int) -> _Sketch:
    """Split :meth:`Deduper.signature` bytes into shingle count and (read-only, uncopied) values."""
    raw = bytes(sig_bytes)  # the same object when it already is bytes
    (size,) = _HEADER.unpack_from(raw)
    values = np.frombuffer(raw, dtype="<u4", offset=_HEADER.size)
    if len(values) != num_perm:
        raise ValueError(f"signature has {len(values)} values, Deduper uses num_perm={num_perm}")
    return _Sketch(values, size, raw)


def _pack_signature(values: np.ndarray, size: int) -> bytes:
    return _HEADER.pack(size) + values.astype("<u4").tobytes()


def _jaccard(values: np.ndarray, other_raw: bytes) -> float:
    """datasketch's ``MinHash.jaccard``: the share of equal values, on an indexed entry's bytes."""
    other = np.frombuffer(other_raw, dtype="<u4", offset=_HEADER.size)
    return float(np.count_nonzero(values == other)) / float(len(values))


class Deduper:
    """Stream-order duplicate detector: the first copy seen is canonical, later copies link to it."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle: int = 5) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self._lsh_index: Any = None  # made on first use: signing articles needs no index
        self._hashes: dict[str, str] = {}  # text hash -> canonical article id
        self._entries: dict[str, bytes] = {}  # canonical article id -> its signature bytes

    def __len__(self) -> int:
        """Number of canonical articles indexed."""
        return len(set(self._hashes.values()) | self._entries.keys())

    @property
    def _lsh(self) -> Any:
        if self._lsh_index is None:
            from datasketch import MinHashLSH

            # Candidate retrieval is deliberately looser than the decision (see module docstring).
            self._lsh_index = MinHashLSH(threshold=max(0.3, self.threshold * 0.6), num_perm=self.num_perm)
        return self._lsh_index

    # ------------------------------------------------------------------ signatures

    def _lean(self, values: np.ndarray) -> LeanMinHash:
        """The sketch ``MinHashLSH`` reads on insert and query (values, length and scheme only)."""
        from datasketch import LeanMinHash

        return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)

    def _sketch(self, text: str) -> _Sketch:
        values, size = self._values_normalised(normalise(text))
        return _Sketch(values, size, _pack_signature(values, size))

    def _values_normalised(self, normalised: str) -> tuple[np.ndarray, int]:
        grams = _shingles_normalised(normalised, self.shingle)
        return minhash_values(grams, self.num_perm), len(grams)

    def signature(self, article: Article) -> bytes:
        """Compact, persistable signature: shingle count + MinHash values as little-endian uint32."""
        return self.fingerprint(article)[1]

    def fingerprint(self, article: Article) -> tuple[str, bytes]:
        """``(text_hash(article.text), signature(article))``, normalising the text once for both."""
        body = _body(article)
        normalised = normalise(body)
        values, size = self._values_normalised(normalised)
        digest = _hash_normalised(normalised) if body is article.text else text_hash(article.text)
        return digest, _pack_signature(values, size)

    def add_signature(self, article_id: str, text_hash_: str, sig_bytes: bytes) -> None:
        """Index a previously seen article from its stored hash and :meth:`signature` bytes."""
        sketch = _parse_signature(sig_bytes, self.num_perm)
        self._hashes.setdefault(text_hash_, article_id)
        self._index(article_id, sketch, None)

    # -------------------------------------------------------------------- checking

    def check(self, article: Article) -> DuplicateLink | None:
        """The duplicate link for ``article`` against what was added, without adding it."""
        link, *_ = self._check(article)
        return link

    def check_and_add(self, article: Article, signature: bytes | None = None,
                      digest: str | None = None) -> DuplicateLink | None:
        """Link ``article`` to an earlier copy, or index it as a new canonical article (returns None).

        Duplicates are not indexed themselves: every later copy links to the first-seen one.
        ``signature`` and ``digest``: the article's :meth:`fingerprint`, when it was made beforehand
        (in a pipeline worker: hashing is most of the cost, and the caller is the single ordered
        writer).
        """
        link, digest, sketch, lean = self._check(article, signature, digest)
        if link is None:
            self._hashes.setdefault(digest, article.id)
            self._index(article.id, sketch, lean)
        return link

    def _check(self, article: Article, signature: bytes | None = None, digest: str | None = None,
               ) -> tuple[DuplicateLink | None, str, _Sketch, LeanMinHash | None]:
        """The link (or None), the body's hash, its sketch and, when the index was queried, the
        ``LeanMinHash`` it was queried with (so indexing the article does not make another)."""
        body = _body(article)
        if digest is None or body is not article.text:  # the fingerprint hashes article.text
            digest = text_hash(body)
        sketch = self._sketch(body) if signature is None else _parse_signature(signature, self.num_perm)
        canonical = self._hashes.get(digest)
        if canonical is not None and canonical != article.id:
            return DuplicateLink(article.id, canonical, "exact", 1.0), digest, sketch, None
        if sketch.size == 0 or article.id in self._entries:
            return None, digest, sketch, None
        lean = self._lean(sketch.values)
        best_id, best_sim = None, 0.0
        for key in self._lsh.query(lean):
            sim = self._similarity(sketch, self._entries[key])
            if sim > best_sim or (sim == best_sim and best_id is not None and key < best_id):
                best_id, best_sim = key, sim
        if best_id is not None and best_sim >= self.threshold:
            return DuplicateLink(article.id, best_id, "near", round(best_sim, 4)), digest, sketch, lean
        return None, digest, sketch, lean

    def _similarity(self, sketch: _Sketch, other_raw: bytes) -> float:
        """Max of estimated Jaccard and, for comparable lengths, estimated containment."""
        jac = _jaccard(sketch.values, other_raw)
        size = sketch.size
        (other_size,) = _HEADER.unpack_from(other_raw)
        small, large = sorted((size, other_size))
        if small == 0 or small / large < _MIN_LENGTH_RATIO:
            return jac
        shared = jac * (size + other_size) / (1.0 + jac)
        return max(jac, min(1.0, shared / small))

    def _index(self, article_id: str, sketch: _Sketch, lean: LeanMinHash | None) -> None:
        if article_id in self._entries or sketch.size == 0:
            return
        self._entries[article_id] = sketch.raw
        self._lsh.insert(article_id, lean if lean is not None else self._lean(sketch.values),
                         check_duplication=False)


def _body(article: Article) -> str:
    """The text used for comparison: the body, never the (often rewritten) headline."""
    if article.text.strip():
        return article.text
    return "\n".join(article.paragraphs)
