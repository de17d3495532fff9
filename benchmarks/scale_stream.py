"""Synthetic dated news streams for measuring the story clusterer's cost and memory at scale.

A stream runs at ``per_day`` articles a day. Stories start at random, run for one to five days
and then stop, as news does; each headline mixes a few of its story's topic words with words
drawn from a Zipf-like background vocabulary. Only the cost matters here (quality is measured on
the labelled stream), but the shape matters for cost: the number of live stories, the size of the
vocabulary and the dormancy of old stories are what a long stream stresses.

Each size runs in a fresh interpreter so peak RSS (``ru_maxrss``) is that run's own.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer

VOCAB = 50_000
LETTERS = "bcdfghjklmnprstvwz"
VOWELS = "aeiou"


def _word(i: int) -> str:
    """A pronounceable pseudo-word per index (no stopword, not shortened by the stemmer)."""
    out = []
    while True:
        i, r = divmod(i, len(LETTERS) * len(VOWELS))
        out.append(LETTERS[r // len(VOWELS)] + VOWELS[r % len(VOWELS)])
        if i == 0:
            break
    return "x" + "".join(out) + "t"


def stream(n: int, seed: int = 7, per_day: int = 1000, live: int = 60) -> Iterator[ClusterDoc]:
    """``n`` dated headlines from about ``live`` concurrent stories."""
    rng = random.Random(seed)
    words = [_word(i) for i in range(VOCAB)]
    cum, total = [], 0.0
    for r in range(VOCAB):
        total += 1.0 / (r + 10)
        cum.append(total)
    start = date(2020, 1, 1)
    stories: list[tuple[int, list[str]]] = []  # (last position, topic words)
    made = 0
    for pos in range(n):
        if any(s[0] <= pos for s in stories):
            stories = [s for s in stories if s[0] > pos]
        while len(stories) < live:
            lifetime = rng.randint(per_day // 2, 5 * per_day) // max(1, live // 10)
            stories.append((pos + lifetime, rng.sample(words, 6)))
            made += 1
        _, topic = rng.choice(stories)
        text = " ".join(rng.sample(topic, 5) + rng.choices(words, cum_weights=cum, k=3))
        day = (start + timedelta(days=pos // per_day)).isoformat()
        yield ClusterDoc(id=f"d{pos}", text=text, date=day)


def _peak_mb() -> float:
    """Peak resident memory of this process: VmHWM, which (unlike ``ru_maxrss``) a fresh ``exec``
    resets, so the figure is not the parent's; ``ru_maxrss`` where /proc is absent."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int) -> dict[str, float]:
    """Cluster an ``n``-article stream as the ingest pipeline does (no assignment map, changes
    taken every batch); throughput, peak memory and index sizes.

    CPU time of this process is reported beside wall time: on a shared machine the wall clock
    also counts other processes' turns, CPU time does not.
    """
    clusterer = OnlineClusterer(keep_assignments=False)
    elapsed = cpu = 0.0
    for i, doc in enumerate(stream(n), start=1):
        t0, c0 = time.perf_counter(), time.process_time()
        clusterer.add(doc)
        if i % 500 == 0:
            clusterer.take_changes()
        elapsed += time.perf_counter() - t0
        cpu += time.process_time() - c0
    sizes = clusterer.index_sizes()
    return {
        "n": n,
        "seconds": elapsed,
        "per_s": n / elapsed,
        "us_per_doc": 1e6 * elapsed / n,
        "cpu_us_per_doc": 1e6 * cpu / n,
        "peak_mb": _peak_mb(),
        **sizes,
    }


def run_scales(sizes: list[int]) -> str:
    """One fresh process per size; a Markdown table of the results."""
    lines = [
        "| articles | articles/s | µs/article | CPU µs/article | peak RSS MB | active stories | postings "
        "| idf terms | assignments |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, str(n)], check=True, capture_output=True, text=True
        ).stdout
        m = json.loads(out.strip().splitlines()[-1])
        lines.append(
            f"| {n:,} | {m['per_s']:.0f} | {m['us_per_doc']:.0f} | {m['cpu_us_per_doc']:.0f} "
            f"| {m['peak_mb']:.0f} | {m['active']} "
            f"| {m['postings']} | {m['idf_terms']} | {m['assignments']} |"
        )
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines)


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
