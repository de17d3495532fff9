"""The language model read from its unpacked copy is py3langid's own model, and a bad copy is no error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid import langid

from newsdesk.extract import langid_model

TEXTS = ("The council said on Tuesday that it would review the plan.",
         "Die Unternehmen stehen vor der Aufgabe, ihre Prozesse neu zu denken.",
         "Le gouvernement a annoncé mardi un nouveau plan pour les écoles.",
         "先日、不正に改造したiPhoneを販売したとして男性が逮捕された。")


@pytest.fixture
def fresh_identifier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and py3langid with no identifier loaded (restored afterwards)."""
    monkeypatch.setenv("NEWSDESK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(langid, "IDENTIFIER", None)
    return tmp_path / "cache"


def _packed() -> langid.LanguageIdentifier:
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)


def test_the_unpacked_copy_gives_py3langids_identifier(fresh_identifier: Path) -> None:
    langid_model.load_identifier()
    (copy,) = fresh_identifier.glob("langid-*.npz")
    ours, theirs = langid.IDENTIFIER, _packed()
    for name in ("nb_ptc", "nb_pc"):
        assert getattr(ours, name).dtype == getattr(theirs, name).dtype
        assert np.array_equal(getattr(ours, name), getattr(theirs, name))
    for name in ("tk_nextmove", "tk_row"):
        assert getattr(ours, name).typecode == getattr(theirs, name).typecode
    for name in ("tk_nextmove", "tk_row", "tk_output", "nb_classes", "_rowbase", "_alias_pairs"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert [ours.classify(t) for t in TEXTS] == [theirs.classify(t) for t in TEXTS]
    # a second process reads the copy instead of unpacking again
    before = copy.stat().st_mtime_ns
    langid.IDENTIFIER = None
    langid_model.load_identifier()
    assert copy.stat().st_mtime_ns == before and langid.IDENTIFIER.tk_row == theirs.tk_row


def test_a_broken_copy_is_rewritten_and_an_unwritable_cache_falls_back_to_py3langid(
        fresh_identifier: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    langid_model.load_identifier()
    (copy,) = fresh_identifier.glob("langid-*.npz")
    copy.write_bytes(b"not an npz file")
    langid.IDENTIFIER = None
    langid_model.load_identifier()
    assert [langid.classify(t) for t in TEXTS] == [_packed().classify(t) for t in TEXTS]
    with np.load(copy) as unpacked:  # written again
        assert np.array_equal(unpacked["nextmove_row"], np.asarray(_packed().tk_row))
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("NEWSDESK_CACHE", str(blocker / "cache"))
    langid.IDENTIFIER = None
    langid_model.load_identifier()
    assert langid.IDENTIFIER is not None and langid.classify(TEXTS[1])[0] == "de"
