"""Mutation fuzzing of the input readers and extractors: count crashes and hangs.

Targets (each runs in-process on mutated bytes):

    warc    newsdesk.sources.warc.iter_warc on the bytes written to a temporary .warc(.gz) file
    feed    newsdesk.sources.feeds.iter_feed
    gzip    newsdesk.sources.reading.gunzip_capped + binary_reason (the .html.gz path)
    jsonl   newsdesk.sources.jsonl.iter_jsonl, then newsdesk.extract.extract on every document
    text    newsdesk.extract.extract on a plain-text scrape (the line-shape cleaner)
    html    newsdesk.extract.extract on a small HTML page (trafilatura; the slowest target)

Seeds are generated here (synthetic pages, feeds, WARC records, including hostile ones) plus the
demo feeds/WARC and ../shared/data/warc when present. Mutations are cheap and stacked 1-3 deep:
bit flips, truncation, splicing two seeds, repeating a tag or slice up to 200 times, inserting a
token from a dictionary of format keywords, deleting a slice, inflating a number.

A *crash* is any exception other than the documented InputError / ExtractionError (Failure
records are results, not crashes). A *hang* is an input that takes more than ``--hang`` seconds of
CPU time (CPU, not wall time, so that a loaded machine does not invent hangs); a SIGALRM guard
aborts an input after ``--abort`` wall seconds so one real hang cannot stall the run. Each
worker runs under an address-space limit (``--mem-mb``) so a decompression bomb shows up as a
MemoryError crash instead of taking the machine down. Crashing and hanging inputs are saved under
``--out`` for reproduction.

    nice -n 10 .venv/bin/python benchmarks/fuzz.py --total 1000000 --workers 2 --out /tmp/newsdesk-fuzz

Deterministic for a given ``--seed`` (apart from which inputs cross the time limits).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_WARC = REPO.parent / "shared" / "data" / "warc"

#: Share of ``--total`` given to each target: fast readers get most of the inputs.
SHARES = {"warc": 0.35, "feed": 0.06, "gzip": 0.42, "jsonl": 0.06, "text": 0.10, "html": 0.01}
#: Largest mutated input per target (HTML is kept small: trafilatura costs ~ms per KB).
MAX_LEN = {"warc": 32_000, "feed": 48_000, "gzip": 32_000, "jsonl": 24_000, "text": 24_000, "html": 6_000}
CHUNK = 2_000

TOKENS = [
    b"<",
    b">",
    b"</",
    b"/>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<!DOCTYPE x [",
    b'<!ENTITY a "&b;&b;">',
    b"&a;",
    b"&#0;",
    b"&#x110000;",
    b"&amp;",
    b"<?xml version='1.0' encoding='utf-16'?>",
    b"<rss>",
    b"<feed>",
    b"<item>",
    b"<entry>",
    b"<link>file:///etc/passwd</link>",
    b"<link>javascript:alert(1)</link>",
    b"<script>",
    b"<style>",
    b'<meta charset="rot13">',
    b'<meta charset="utf-7">',
    b"<table>",
    b"<div>" * 8,
    b"\r\n\r\n",
    b"\n\n",
    b"\r\n",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x1f\x8b\x08\x00",
    b"\xc3",
    b"\xe2\x80",
    b"WARC/1.0\r\n",
    b"WARC-Type: response\r\n",
    b"Content-Length: 999999999\r\n",
    b"Content-Length: -1\r\n",
    b"Content-Type: text/html; charset=x-unknown\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"Content-Encoding: gzip\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b"ffffffff\r\n",
    b"0\r\n\r\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"\\u0000",
    b"\\ud800",
    b"1e999999",
    b'{"text":',
    b'{"html":',
    b"By ",
    b"Related stories",
    b"...",
    b"\u2026".decode("unicode_escape").encode(),
    b"2024-02-30",
    b"99999-99-99",
]


# ------------------------------------------------------------------------------------ seeds


def _page(rng: random.Random, i: int) -> bytes:
    words = " ".join(
        rng.choice(
            [
                "talks",
                "minister",
                "visit",
                "Beijing",
                "trade",
                "said",
                "the",
                "on",
                "summit",
                "agreement",
                "Moscow",
                "week",
                "officials",
            ]
        )
        for _ in range(40)
    )
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": f"Headline {i}",
            "datePublished": "2024-05-16",
            "author": {"name": "Anna Berg"},
        }
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Headline {i} | Wire</title>'
        f'<meta property="og:type" content="article"><link rel="canonical" href="https://wire.example/a/{i}">'
        f'<script type="application/ld+json">{ld}</script></head><body><nav><a href="/">Home</a></nav>'
        f"<article><h1>Headline {i}</h1><p class=byline>By Anna Berg</p><p>{words}.</p><p>{words[::-1]}.</p>"
        f"<table><tr><td>cell</td></tr></table></article><footer>© Wire</footer></body></html>"
    ).encode()


def _scrape(i: int) -> bytes:
    return (
        f"Home\nWorld\nMenu\nHeadline number {i} about the summit\nBy Anna Berg\nMay 16, 2024\n"
        "The ministers met on Thursday in Beijing and agreed a joint statement on trade and energy.\n"
        "Officials said the talks would continue next month, according to people familiar with them.\n"
        "Related stories\nAnother teaser headline here...\nAnna Berg\nAnna Berg covers diplomacy.\n"
        "Leave a comment\n© 2024 Wire. All rights reserved.\n"
    ).encode()


def _rss(i: int) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>'
        f"<item><title>Item {i}</title><link>https://wire.example/{i}</link><guid>g-{i}</guid>"
        "<pubDate>Thu, 16 May 2024 08:00:00 +0000</pubDate><description>Teaser text here.</description>"
        "<content:encoded><![CDATA[<p>Full body of the item with several words in it.</p>]]></content:encoded>"
        "</item><item><title>Second</title><link>javascript:alert(1)</link><description>Only a summary "
        "of the second item.</description></item></channel></rss>"
    ).encode()


def _atom(i: int) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        f'<entry><title>Entry {i}</title><link href="file:///etc/passwd"/><id>urn:x:{i}</id>'
        '<updated>2024-05-16T08:00:00Z</updated><content type="html">&lt;p&gt;Body of the entry, long '
        "enough to count.&lt;/p&gt;</content></entry></feed>"
    ).encode()


def _hostile_feeds() -> list[bytes]:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (f"b{k}".encode(), (f"&b{k - 1};" if k else "&a;").encode() * 10)
            for k in range(8)
        )
        + b"]><rss><channel><item><title>&b7;</title><description>x</description></item></channel></rss>"
    )
    external = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>&x;</title><description>d</description></item></channel></rss>"
    )
    return [laughs, external, b"/dev/zero", b"<rss><channel><item><description>a</description></item>"]


def _warc_record(kind: str, uri: str, payload: bytes, rid: int) -> bytes:
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{rid:012d}>\r\n"
        f"WARC-Date: 2024-05-16T08:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def _http(body: bytes, ctype: str = "text/html; charset=utf-8", extra: str = "") -> bytes:
    return (
        f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def _warcs(rng: random.Random) -> list[bytes]:
    def archive(n: int, gz: bool) -> bytes:
        records = [_warc_record("warcinfo", "", b"software: fuzz\r\n", 0)]
        for k in range(1, n + 1):
            body = _page(rng, k)
            variants = [
                _http(body),
                _http(body, "application/pdf"),
                _http(gzip.compress(body), extra="Content-Encoding: gzip\r\n"),
                _http(
                    b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n", extra="Transfer-Encoding: chunked\r\n"
                ),
                body.replace(b"\r\n", b"\n"),
            ]
            records.append(
                _warc_record("response", f"https://wire.example/{k}", variants[k % len(variants)], k)
            )
        if gz:
            return b"".join(gzip.compress(r) for r in records)
        return b"".join(records)

    seeds = [archive(3, False), archive(5, False), archive(3, True), archive(6, True)]
    for path in [REPO / "data/demo/archive/demo-crawl.warc.gz", SHARED_WARC / "clipped.warc.gz"]:
        if path.exists() and path.stat().st_size < 200_000:
            data = path.read_bytes()
            seeds.append(data[: MAX_LEN["warc"]])
            seeds.append(gzip.decompress(data)[: MAX_LEN["warc"]] if _complete_gzip(data) else data[:20_000])
    return seeds


def _complete_gzip(data: bytes) -> bool:
    try:
        gzip.decompress(data)
    except (OSError, EOFError):
        return False
    return True


def build_seeds(target: str) -> list[bytes]:
    """The starting inputs of one target (deterministic)."""
    rng = random.Random(f"seeds-{target}")
    if target == "warc":
        return _warcs(rng)
    if target == "feed":
        demo = [p.read_bytes()[: MAX_LEN["feed"]] for p in sorted((REPO / "data/demo/feeds").glob("*"))]
        return [_rss(1), _rss(2), _atom(1), *_hostile_feeds(), *demo]
    if target == "gzip":
        return [
            gzip.compress(_page(rng, 1)),
            gzip.compress(_page(rng, 2)) + gzip.compress(b"<p>x</p>"),
            gzip.compress(b"\0" * 30_000, 9),
        ]
    if target == "jsonl":
        lines = [
            json.dumps(
                {
                    "id": f"j{k}",
                    "url": f"https://x.example/{k}",
                    "title": "T",
                    "date": "2024-05-16",
                    "text": "First paragraph here.\n\nSecond paragraph, longer than the first one.",
                }
            )
            for k in range(3)
        ]
        lines.append(json.dumps({"id": "h", "html": _page(rng, 9).decode()}))
        return ["\n".join(lines).encode(), b'{"id": 1}\n[1,2]\nnot json\n{"text": ""}\n']
    if target == "text":
        return [_scrape(1), _scrape(2), ("Ünïcödé line, with sentence.\n" * 20).encode()]
    return [
        _page(rng, 1),
        _page(rng, 2),
        b"<html><body>" + b"<div>" * 300 + b"<p>deep text here now.</p>",
        b'<html><head><meta charset="shift_jis"></head><body><p>\x82\xa0\x82\xa2 text text text</p></body>',
    ]


# -------------------------------------------------------------------------------- mutations


def mutate(rng: random.Random, data: bytes, seeds: list[bytes], limit: int) -> bytes:
    """One to three stacked cheap mutations of ``data``, capped at ``limit`` bytes."""
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(_MUTATORS)(rng, data, seeds)
    return data[:limit]


def _flip(rng: random.Random, data: bytes, _seeds: list[bytes]) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def _truncate(rng: random.Random, data: bytes, _seeds: list[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _splice(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    other = rng.choice(seeds)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def _repeat(rng: random.Random, data: bytes, _seeds: list[bytes]) -> bytes:
    if not data:
        return data
    start = data.find(b"<", rng.randrange(len(data)))
    if start < 0:
        start = rng.randrange(len(data))
    end = data.find(b">", start)
    end = end + 1 if 0 <= end < start + 200 else min(len(data), start + rng.randint(1, 64))
    return data[:start] + data[start:end] * rng.randint(2, 200) + data[start:]


def _insert(rng: random.Random, data: bytes, _seeds: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(TOKENS) + data[at:]


def _delete(rng: random.Random, data: bytes, _seeds: list[bytes]) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + data[at + rng.randint(1, 256) :]


def _number(rng: random.Random, data: bytes, _seeds: list[bytes]) -> bytes:
    digits = [i for i in range(0, len(data), max(1, len(data) // 64)) if data[i : i + 1].isdigit()]
    if not digits:
        return data
    at = rng.choice(digits)
    return data[:at] + rng.choice([b"9" * rng.randint(2, 12), b"0", b"-1"]) + data[at + 1 :]


_MUTATORS: list[Callable[[random.Random, bytes, list[bytes]], bytes]] = [
    _flip,
    _flip,
    _truncate,
    _splice,
    _repeat,
    _insert,
    _insert,
    _delete,
    _number,
]


# ---------------------------------------------------------------------------------- targets


class _Abort(Exception):
    """Raised by the SIGALRM guard to abandon an input that runs past ``--abort`` seconds."""


def _on_alarm(_signum: int, _frame: object) -> None:
    raise _Abort()


def _make_runner(target: str, scratch: Path) -> Callable[[bytes], None]:
    """A function that feeds one input to ``target`` and drains everything it yields."""
    from newsdesk.extract import extract
    from newsdesk.model import Failure, RawDocument
    from newsdesk.sources.feeds import iter_feed
    from newsdesk.sources.jsonl import iter_jsonl
    from newsdesk.sources.reading import binary_reason, gunzip_capped
    from newsdesk.sources.warc import iter_warc

    def warc(data: bytes) -> None:
        path = scratch / ("in.warc.gz" if data[:2] == b"\x1f\x8b" else "in.warc")
        path.write_bytes(data)
        for _ in iter_warc(path, 1_000_000):
            pass

    def feed(data: bytes) -> None:
        for _ in iter_feed(data, "fuzz.rss"):
            pass

    def gz(data: bytes) -> None:
        binary_reason(gunzip_capped(data, 4_000_000))

    def jsonl(data: bytes) -> None:
        for doc in iter_jsonl(data.decode("utf-8", "replace"), "fuzz.jsonl"):
            if not isinstance(doc, Failure):
                extract(doc)

    def text(data: bytes) -> None:
        extract(RawDocument("fuzz", "fuzz.txt", data, "text", None, "2024-05-17T00:00:00Z", {}))

    def html(data: bytes) -> None:
        extract(RawDocument("fuzz", "fuzz.html", data, "html", None, "2024-05-17T00:00:00Z", {}))

    return {"warc": warc, "feed": feed, "gzip": gz, "jsonl": jsonl, "text": text, "html": html}[target]


@dataclass
class ChunkResult:
    """What one worker saw on one chunk of inputs."""

    target: str
    inputs: int = 0
    crashes: dict[str, int] = field(default_factory=dict)  # signature → count
    hangs: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    samples: list[str] = field(default_factory=list)  # saved input files


def run_chunk(
    target: str, chunk: int, count: int, seed: int, hang: float, abort: float, out: str, mem_mb: int
) -> ChunkResult:
    """Fuzz ``target`` with ``count`` inputs drawn from RNG stream (seed, target, chunk)."""
    from newsdesk.errors import ExtractionError, InputError

    if mem_mb:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb * 1024 * 1024, resource.RLIM_INFINITY))
    signal.signal(signal.SIGALRM, _on_alarm)
    rng = random.Random(f"{seed}-{target}-{chunk}")
    seeds = build_seeds(target)
    result = ChunkResult(target)
    started = time.perf_counter()
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None  # the WARC target writes every input to a file
    with tempfile.TemporaryDirectory(prefix="ndfuzz-", dir=shm) as scratch:
        runner = _make_runner(target, Path(scratch))
        for _ in range(count):
            data = mutate(rng, rng.choice(seeds), seeds, MAX_LEN[target])
            t0 = time.process_time()  # CPU time: a busy machine must not turn slow inputs into "hangs"
            signature = None
            signal.setitimer(signal.ITIMER_REAL, abort)
            try:
                runner(data)
            except (InputError, ExtractionError):
                pass
            except _Abort:
                signature = "abort"
            except Exception as exc:  # noqa: BLE001 - counting crashes is the point
                signature = _signature(exc)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.process_time() - t0
            result.inputs += 1
            result.slowest = max(result.slowest, elapsed)
            if elapsed > hang or signature == "abort":
                result.hangs += 1
                result.samples.append(_save(out, target, "hang", data))
            if signature and signature != "abort":
                result.crashes[signature] = result.crashes.get(signature, 0) + 1
                if result.crashes[signature] <= 3:
                    result.samples.append(_save(out, target, "crash", data))
    result.seconds = time.perf_counter() - started
    result.max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _signature(exc: BaseException) -> str:
    """Exception type plus the innermost newsdesk frame: one line per distinct bug."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "newsdesk" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}: {str(exc)[:80]}"


def _save(out: str, target: str, kind: str, data: bytes) -> str:
    folder = Path(out) / target / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / hashlib.sha1(data).hexdigest()[:16]
    path.write_bytes(data)
    return str(path)


# -------------------------------------------------------------------------------------- main


def plan(total: int, targets: list[str]) -> list[tuple[str, int, int]]:
    """(target, chunk number, inputs) work items that add up to ``total`` over ``targets``."""
    share = sum(SHARES[t] for t in targets)
    per_target = []
    for target in targets:
        n = round(total * SHARES[target] / share)
        per_target.append(
            [(target, chunk, min(CHUNK, n - start)) for chunk, start in enumerate(range(0, n, CHUNK))]
        )
    # interleaved, so that a run stopped early has figures for every target
    longest = max(len(items) for items in per_target)
    return [items[k] for k in range(longest) for items in per_target if k < len(items)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--total", type=int, default=1_000_000, help="inputs over all targets")
    ap.add_argument(
        "--targets", default=",".join(SHARES), help="comma-separated subset of " + ",".join(SHARES)
    )
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--hang", type=float, default=2.0, help="CPU seconds after which an input counts as a hang"
    )
    ap.add_argument(
        "--abort", type=float, default=60.0, help="wall seconds after which an input is abandoned"
    )
    ap.add_argument("--mem-mb", type=int, default=2048, help="address-space limit per worker (0: none)")
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "newsdesk-fuzz"))
    ap.add_argument("--json", help="write the totals as JSON here")
    args = ap.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t]
    totals = {t: ChunkResult(t) for t in targets}
    started = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        futures = [
            pool.submit(run_chunk, t, c, n, args.seed, args.hang, args.abort, args.out, args.mem_mb)
            for t, c, n in plan(args.total, targets)
        ]
        for done, future in enumerate(as_completed(futures), start=1):
            _merge(totals[(r := future.result()).target], r)
            if args.json:  # figures so far, in case the run is stopped early
                _write_json(args.json, totals, time.perf_counter() - started, f"{done}/{len(futures)} chunks")
    wall = time.perf_counter() - started
    _print(totals, wall, args)
    if args.json:
        _write_json(args.json, totals, wall, "complete")
    return 1 if any(r.crashes or r.hangs for r in totals.values()) else 0


def _write_json(path: str, totals: dict[str, ChunkResult], wall: float, progress: str) -> None:
    body = {
        "progress": progress,
        "wall_s": round(wall, 1),
        "inputs": sum(r.inputs for r in totals.values()),
        "targets": {t: vars(r) for t, r in totals.items()},
    }
    Path(path).write_text(json.dumps(body, indent=2))


def _merge(into: ChunkResult, part: ChunkResult) -> None:
    into.inputs += part.inputs
    into.hangs += part.hangs
    into.slowest = max(into.slowest, part.slowest)
    into.seconds += part.seconds
    into.max_rss_mb = max(into.max_rss_mb, part.max_rss_mb)
    into.samples += part.samples
    for sig, n in part.crashes.items():
        into.crashes[sig] = into.crashes.get(sig, 0) + n


def _print(totals: dict[str, ChunkResult], wall: float, args: argparse.Namespace) -> None:
    print(
        f"| target | inputs | crashes | hangs (>{args.hang:g} s CPU) | slowest input (CPU) | inputs/s | peak RSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for t, r in totals.items():
        rate = r.inputs / r.seconds if r.seconds else 0.0
        print(
            f"| {t} | {r.inputs:,} | {sum(r.crashes.values())} | {r.hangs} | {r.slowest:.2f} s | {rate:,.0f} "
            f"| {r.max_rss_mb:.0f} MB |"
        )
    n = sum(r.inputs for r in totals.values())
    print(f"\n{n:,} inputs in {wall:.0f} s wall on {args.workers} workers (seed {args.seed})")
    for t, r in totals.items():
        for sig, count in sorted(r.crashes.items(), key=lambda kv: -kv[1]):
            print(f"crash  {t}: {count} × {sig}")
    samples = [s for r in totals.values() for s in r.samples]
    if samples:
        print(f"{len(samples)} crashing/hanging inputs saved under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
