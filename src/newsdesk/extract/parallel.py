"""Extract many documents in worker processes, with a time limit per page.

A page that sends the HTML parser or trafilatura into a pathological case must not stall a batch
of thousands. ``concurrent.futures`` cannot stop a running task, so each worker is a process of
its own with a pipe: when a page runs past the limit its worker is killed, the page becomes a
Failure ("timed out after N s") and a fresh worker takes its place. A worker that dies (out of
memory, a crash in C code) costs only the page it was on. Results come back in input order.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from newsdesk.errors import ExtractionError
from newsdesk.model import Article, Failure, RawDocument

__all__ = ["extract_parallel"]


def _serve(conn: Connection) -> None:
    """Worker loop: receive a document, send back an Article or a Failure; None ends the loop."""
    from newsdesk.extract import extract

    while True:
        try:
            doc = conn.recv()
        except (EOFError, OSError):
            return
        if doc is None:
            return
        try:
            result: Article | Failure = extract(doc)
        except ExtractionError as exc:
            result = Failure(doc.source, "extract", str(exc))
        except Exception as exc:  # noqa: BLE001 - one broken page must not end the worker
            result = Failure(doc.source, "extract", f"unexpected {type(exc).__name__}: {exc}")
        conn.send(result)


def _start_method() -> str:
    """fork when it is safe (POSIX, no other thread whose locks a child could inherit held), since the
    child then starts with newsdesk already imported; otherwise a fresh interpreter per worker."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _warm_up() -> None:
    from newsdesk.extract import detect_language

    detect_language("A sentence long enough for the language identifier to load its model.")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    index: int | None = None  # input position of the page it is working on
    source: str = ""
    started: float = 0.0


class _Pool:
    """Worker processes that can be killed and replaced one at a time."""

    def __init__(self, size: int) -> None:
        method = _start_method()
        if method == "fork":
            _warm_up()  # load the language model once here, not once in every forked worker
        self.context = mp.get_context(method)
        self.workers = [self._spawn() for _ in range(size)]

    def _spawn(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers[self.workers.index(worker)] = self._spawn()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=1)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def extract_parallel(docs: Iterable[RawDocument | Failure], workers: int | None = None,
                     timeout_s: float = 60.0) -> Iterator[Article | Failure]:
    """Extract ``docs`` on ``workers`` processes (default: all cores), in input order.

    Failures in the input pass through; a page running longer than ``timeout_s`` seconds, or
    whose worker dies, becomes a Failure and the batch goes on.
    """
    size = max(1, workers or os.cpu_count() or 1)
    window = size * 8  # results waiting for an earlier, slower page are bounded by this
    pending = enumerate(docs)
    ready: dict[int, Article | Failure] = {}
    next_out = 0
    exhausted = False
    pool = _Pool(size)
    try:
        while True:
            exhausted = _dispatch(pool, pending, ready, next_out + window) or exhausted
            while next_out in ready:
                yield ready.pop(next_out)
                next_out += 1
            busy = [w for w in pool.workers if w.index is not None]
            if not busy:
                if exhausted and not ready:
                    return
                continue
            _collect(pool, busy, ready, timeout_s)
    finally:
        pool.close()


def _dispatch(pool: _Pool, pending: Iterator[tuple[int, RawDocument | Failure]],
              ready: dict[int, Article | Failure], limit: int) -> bool:
    """Hand pages to idle workers (Failures go straight to ``ready``); True once input is exhausted."""
    for worker in pool.workers:
        while worker.index is None:
            item = next(pending, None)
            if item is None:
                return True
            index, doc = item
            if isinstance(doc, Failure):
                ready[index] = doc
                continue
            worker.conn.send(doc)
            worker.index, worker.source, worker.started = index, doc.source, time.monotonic()
            if index >= limit:
                return False
    return False


def _collect(pool: _Pool, busy: list[_Worker], ready: dict[int, Article | Failure], timeout_s: float) -> None:
    """Wait for the first result or the earliest deadline; kill workers past their limit."""
    now = time.monotonic()
    deadline = min(w.started for w in busy) + timeout_s
    for conn in wait([w.conn for w in busy], timeout=max(0.0, deadline - now)):
        worker = next(w for w in busy if w.conn is conn)
        try:
            ready[worker.index] = conn.recv()  # type: ignore[index]
            worker.index = None
        except (EOFError, OSError):
            ready[worker.index] = Failure(worker.source, "extract", "worker process died")  # type: ignore[index]
            pool.replace(worker)
    now = time.monotonic()
    for worker in busy:
        if worker.index is not None and now - worker.started > timeout_s:
            ready[worker.index] = Failure(worker.source, "extract", f"timed out after {timeout_s:g} s")
            pool.replace(worker)
