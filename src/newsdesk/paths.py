"""Where newsdesk finds its own resources (actor dictionary, demo corpus) and puts its data."""

from __future__ import annotations

import os
from pathlib import Path

#: Project-owned resources: the actor dictionary and the demo corpus. ``NEWSDESK_DATA`` overrides it.
DATA_DIR = Path(os.environ.get("NEWSDESK_DATA", Path(__file__).resolve().parents[2] / "data"))

#: Default store file when ``--db`` is not given. ``NEWSDESK_DB`` overrides it.
DEFAULT_DB = Path(os.environ.get("NEWSDESK_DB", "newsdesk.db"))


def data_file(*parts: str) -> Path:
    """Path of a project resource under :data:`DATA_DIR`."""
    return DATA_DIR.joinpath(*parts)


def cache_dir() -> Path:
    """Where derived start-up files live: ``NEWSDESK_CACHE``, else ``$XDG_CACHE_HOME/newsdesk``.

    Only files rebuilt from project or package files go there (tokenized actor names, the
    language model unpacked), each named by a hash of what it derives from."""
    explicit = os.environ.get("NEWSDESK_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsdesk"
