"""py3langid's model, read from an unpacked copy kept between processes.

py3langid ships its model as an LZMA-packed ``.npz`` (4.6 MB) and unpacks it (68 MB) at each
process's first classification: ≈ 0.37 s of LZMA out of a ≈ 0.5 s load, paid again by every pool
helper, Dask worker and CLI call, and on the start-up path of every ingest. Reading the unpacked
file takes ≈ 0.1 s. So the unpacked ``.npz`` is kept in newsdesk's cache directory, named by a
hash of the packed file and py3langid's version (a new model or version unpacks afresh; a stale
file is never read), and the identifier is built from it exactly as py3langid builds it from the
packed file: the same arrays, hence the same verdict on every text. Where the cache cannot be
read or written, py3langid loads its own file as before.
"""

from __future__ import annotations

import hashlib
import logging
import lzma
import os
import shutil
import tempfile
import zipfile
from array import array
from pathlib import Path

import numpy as np
import py3langid
from py3langid import langid

from newsdesk.paths import cache_dir

log = logging.getLogger(__name__)

#: Bump when the cached file's layout changes.
_FORMAT = b"langid-1"
#: ``array`` type codes of py3langid's transition tables, by item size (as py3langid converts them).
_TYPECODE = {2: "H", 4: "I", 8: "L"}


#: What a missing, broken or unwritable copy raises; py3langid's own load is the fallback.
_ERRORS = (OSError, ValueError, KeyError, EOFError, lzma.LZMAError, zipfile.BadZipFile)


def load_identifier() -> None:
    """Install py3langid's identifier from the unpacked model (once per process), then warm it."""
    if langid.IDENTIFIER is None:
        try:
            langid.IDENTIFIER = _identifier(langid.MODEL_DIR / langid.MODEL_FILE)
        except _ERRORS as exc:
            log.debug("language model not read from the cache (%s): py3langid loads its own", exc)
    py3langid.classify("language")


def _identifier(packed: Path) -> langid.LanguageIdentifier:
    """The identifier, from the cached unpacked copy of ``packed``; the copy is (re)written first
    when it is missing or cannot be read."""
    digest = hashlib.sha256(_FORMAT)
    digest.update(py3langid.__version__.encode())
    digest.update(packed.read_bytes())
    path = cache_dir() / f"langid-{digest.hexdigest()[:32]}.npz"
    if path.exists():
        try:
            return _from_unpacked(path)
        except _ERRORS as exc:
            log.debug("unpacked language model %s unreadable (%s): unpacking again", path, exc)
    _store(packed, path)
    return _from_unpacked(path)


def _store(packed: Path, path: Path) -> None:
    """Unpack ``packed`` to ``path`` atomically (parallel workers may do it at once)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as handle:
        temporary = handle.name
    try:
        with lzma.open(packed) as source, open(temporary, "wb") as target:
            shutil.copyfileobj(source, target, length=1 << 20)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _from_unpacked(path: Path) -> langid.LanguageIdentifier:
    """The identifier py3langid's ``from_model_file`` builds, from an unpacked model file."""
    with np.load(path, allow_pickle=False) as data:
        missing = {"ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat"}.difference(data.files)
        if missing:
            raise ValueError(f"{path}: no {sorted(missing)}")
        return langid.LanguageIdentifier(
            np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
            _as_array(data["nextmove"]), data["out_feat"].tolist(), tk_row=_as_array(data["nextmove_row"]),
        )


def _as_array(values: np.ndarray) -> array:
    """A numpy array of unsigned ints as a stdlib ``array``: what py3langid walks its tables with."""
    out = array(_TYPECODE[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out
