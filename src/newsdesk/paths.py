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
