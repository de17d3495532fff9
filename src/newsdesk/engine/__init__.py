"""Executors: the same per-document stage functions run in-process, in a process pool, or on Dask."""

from newsdesk.engine.local import run_local

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "run_local"]
