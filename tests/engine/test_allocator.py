"""A process that keeps its freed memory reuses it instead of faulting in fresh pages each time."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from newsdesk.engine.allocator import keep_freed_memory

# Ten rounds of eight 8 MiB blocks filled then freed together (a parse batch's arrays, larger);
# prints the minor page faults that took.
_FAULTS = """
import resource, sys
from newsdesk.engine.allocator import keep_freed_memory
if sys.argv[1] == "keep":
    assert keep_freed_memory()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(10):
    blocks = [b"x" * (8 << 20) for _ in range(8)]
    del blocks
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")


def _faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", _FAULTS, mode], capture_output=True, text=True, check=True)
    return int(done.stdout)


@glibc
def test_kept_memory_is_reused_rather_than_faulted_in_again():
    default, kept = _faults("default"), _faults("keep")
    pages = (64 << 20) // 4096  # one round's
    assert default > 5 * pages  # the heap is trimmed after each round, and its pages fault again
    assert kept < 2 * pages  # the first round's pages, then reuse


@glibc
def test_keeping_is_idempotent():
    assert keep_freed_memory()
    assert keep_freed_memory()


# 200,000 long-lived containers (a loaded model's objects, smaller), optionally frozen, then a
# forked child's full collection; prints the minor page faults the collection took in the child.
_COLLECT_IN_CHILD = """
import gc, os, resource, sys
from newsdesk.engine.allocator import freeze_models
models = [[i] for i in range(200_000)]
if sys.argv[1] == "freeze":
    freeze_models()
    freeze_models()  # idempotent
    assert gc.get_freeze_count() >= 200_000
read, write = os.pipe()
if os.fork() == 0:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    gc.collect()
    os.write(write, str(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before).encode())
    os._exit(0)
os.wait()
print(os.read(read, 64).decode())
"""


def _child_faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", _COLLECT_IN_CHILD, mode], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_frozen_models_are_not_walked_by_a_forked_workers_collections():
    walked, frozen = _child_faults("plain"), _child_faults("freeze")
    assert walked > 1_500  # the collection wrote to every inherited object's header: pages copied
    assert frozen < walked / 5
