"""Let a worker process keep the memory it frees instead of handing it back to the kernel at once.

Why: glibc's allocator serves every block over 128 KiB with its own ``mmap`` and returns it to the
kernel on ``free``, and it trims the heap whenever 128 KiB lie free at its top. A worker's analysis
allocates and frees arrays of a few MiB for every parse batch (tok2vec over 256 sentences is
≈ 8 MiB), so each batch mapped fresh pages, and the kernel zeroed every one of them on first
touch: on the 300 real pages of ``benchmarks/throughput.py`` a worker took ≈ 1,250 minor page
faults per article and spent 6–8 ms of system time per article on them. With the limits raised
the freed blocks are reused: ≈ 200 faults and 1.3–2 ms. Results do not change (only where the
memory comes from); what it costs is up to ``TRIM_THRESHOLD`` of freed memory a worker may hold
on to (measured: +30 MB peak resident per worker).

glibc only (``mallopt``); elsewhere this does nothing.

The loaded models are also taken out of the cyclic garbage collector's view (:func:`freeze_models`).
"""

from __future__ import annotations

import ctypes
import gc
import sys

#: ``mallopt`` parameter numbers from glibc's ``malloc.h``.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: Blocks up to this size come from the heap and are reused after ``free``; 32 MiB is the ceiling
#: glibc's own adaptive threshold may reach. Setting it turns that adaptation off, hence also:
MMAP_THRESHOLD = 32 * 2**20
#: Free memory the heap keeps at its top before trimming. Below 128 MiB the worker still faulted
#: 1.7× as often (measured with 32/64 MiB: 355 faults per article against ≈ 205).
TRIM_THRESHOLD = 128 * 2**20

_kept = False
_frozen = False


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds for this process (idempotent); whether they are raised.

    Meant for the processes that extract and analyse (a process pool's ``initializer``, or the one
    process of a single-worker run): their footprint is the models plus one batch, and does not grow.
    """
    global _kept
    if _kept:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the interpreter's own C library (no ``find_library``: it forks)
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    _kept = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    return _kept


def freeze_models() -> None:
    """Move every object alive now (the loaded models) to the collector's permanent generation, once.

    Why: the models are ≈ 290,000 tracked objects that live as long as the process, yet every full
    collection walked them all again. One process doing the 300 pages of ``benchmarks/throughput.py``
    made two, ≈ 0.15 s each: ≈ 1 ms per article (frozen: five, ≈ 0.14 ms per article in all). A
    forked worker's walk also wrote to each inherited object's header, so the kernel copied the
    parent's pages into every worker. Frozen before the pool forks, they are skipped by the parent
    and by every worker. Nothing is collected differently: those objects stay alive anyway (a
    collection just before freezing, measured, finds no garbage).
    """
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True
