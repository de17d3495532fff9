"""Persistence: the embedded SQLite store (default) and bulk exports."""

from newsdesk.store.sqlite import SearchHit, Store

__all__ = ["SearchHit", "Store"]
