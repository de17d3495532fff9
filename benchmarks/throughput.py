"""Throughput of the whole pipeline and of each stage, on real pages from ../shared/data.

    python benchmarks/throughput.py [--pages N] [--synthetic N] [--write docs/benchmarks.md]

Measures, in one run on this machine:
- full pipeline (extract → analyze with events → dedup → cluster → store) through ``Desk.ingest`` on
  real HTML pages (WCXB dev + Scrapinghub), all cores: on the first ``--pages`` pages, and (the
  sustained figure) on every one of the 1,678 distinct pages, end to end and after start-up;
- each stage alone on the same pages, one core, so the bottleneck is visible;
- trafilatura alone on the same pages (the extraction baseline);
- WARC reading, records/s, on an uncompressed archive built by repeating the shared Common Crawl file;
- the stateful part (dedup + clustering + store) and its peak memory on a synthetic stream of
  already-analysed articles (``--synthetic``), which is what grows with corpus size;
- Dask with 1 and 2 workers on the same shards, in rounds that alternate which runs first (``--dask-rounds``;
  the median ratio is the figure), with the CPU of the workers and of the client;
- start-up in fresh processes (``--only startup``; also part of the full runs): a worker's imports and
  model load, with the actor-alias cache in place and on the run that builds it, and a reading command's imports;
- where the workers' CPU goes by page kind (``--only pages``, one core; ``--pages 0``: every dev page).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.analyze import Analyzer  # noqa: E402
from newsdesk.dedup import Deduper  # noqa: E402
from newsdesk.desk import Desk  # noqa: E402
from newsdesk.extract import extract  # noqa: E402
from newsdesk.model import Analysis, Article, RawDocument, Sentence  # noqa: E402
from newsdesk.pipeline import Ingester, IngestReport, Processed, cluster_doc  # noqa: E402
from newsdesk.sources import iter_documents  # noqa: E402
from newsdesk.sources.warc import iter_warc  # noqa: E402
from newsdesk.store import Store  # noqa: E402
from newsdesk.stories.cluster import OnlineClusterer  # noqa: E402

#: Where the real pages come from when not from ../shared (``--pages-from``: a machine without it).
PAGES_FROM: Path | None = None


def page_sources() -> list[Path]:
    """The real pages (gzipped HTML) the measurements draw on, in a fixed order."""
    if PAGES_FROM is not None:
        return sorted(PAGES_FROM.glob("*.html.gz"))
    sources = sorted((SHARED / "extraction" / "scrapinghub" / "html").glob("*.html.gz"))
    return sources + sorted((SHARED / "extraction" / "wcxb-dev" / "html").glob("*.html.gz"))


def real_pages(limit: int | None, workdir: Path, name: str = "pages") -> Path:
    """Copy up to ``limit`` (None: all) distinct real article pages (gzipped HTML) into one directory.

    A page whose bytes repeat an earlier one is left out: the store would skip it as already held,
    at a fraction of a new page's cost, and inflate the rate."""
    out = workdir / name
    out.mkdir()
    sources = page_sources()
    seen: set[bytes] = set()
    for path in sources:
        if limit is not None and len(seen) >= limit:
            break
        digest = hashlib.sha256(gzip.decompress(path.read_bytes())).digest()
        if digest not in seen:
            seen.add(digest)
            shutil.copy(path, out / path.name)
    return out


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its finished children (the pool's workers, once joined)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@dataclass(frozen=True)
class FullRun:
    """One ``Desk.ingest`` run: what it added and what it cost.

    The CPU figures do not depend on what else the machine runs: ``workers / (CPU per article)``
    is the rate the run would reach with its cores to itself and none idle."""

    added: int
    duplicates: int
    seconds: float
    startup_seconds: float  # until the first document came out of the pool (models, first batch)
    writer_cpu: float  # this process: it also loads the models once, before the pool forks
    workers_cpu: float  # the pool's processes (and the helper extracting while the models load)

    @property
    def sustained_rate(self) -> float:
        """Articles/s once started: the start-up is paid once per run, however long it is."""
        return rate(self.added, self.seconds - self.startup_seconds)


def bench_full(pages: Path, workdir: Path, workers: int) -> FullRun:
    """Ingest ``pages`` into a new store with ``workers`` processes, in a fresh Python process.

    Fresh, so that every run loads its models as a real ``newsdesk ingest`` does (this process
    would keep them loaded from one run to the next) and the CPU of its pool is its own."""
    out = subprocess.run(
        [sys.executable, __file__, "--full-run", str(pages), str(workdir), str(workers)],
        check=True, capture_output=True, text=True,
    ).stdout
    return FullRun(**json.loads(out.strip().splitlines()[-1]))


def full_run(pages: Path, workdir: Path, workers: int) -> FullRun:
    """The measurement :func:`bench_full` runs in its own process."""
    db = workdir / f"full-{pages.name}.db"
    own, children = cpu_seconds()
    start = time.perf_counter()
    with Desk(db) as desk:
        report = desk.ingest([pages], workers=workers)
    seconds = time.perf_counter() - start
    own_after, children_after = cpu_seconds()
    return FullRun(report.added, report.duplicates, seconds, report.startup_seconds,
                   own_after - own, children_after - children)


def full_rows(run: FullRun, label: str, workers: int) -> list[tuple[str, str]]:
    """The table rows of one full run."""
    per = 1000 / max(run.added, 1)
    cpu = run.writer_cpu + run.workers_cpu
    return [
        (f"full pipeline, {run.added} articles from {label}, {workers} processes: end to end / "
         "after start-up (models loaded, first batch out)",
         f"{rate(run.added, run.seconds):.1f} / {run.sustained_rate:.1f} articles/s "
         f"(start-up {run.startup_seconds:.1f} s of {run.seconds:.1f} s; {run.duplicates} duplicates linked)"),
        ("full pipeline, CPU per article (all processes); CPU-bound rate on these cores",
         f"{per * cpu:.0f} ms; {rate(run.added * workers, cpu):.1f} articles/s"),
        ("full pipeline, CPU per article: writer process (incl. loading the models once) / pool workers",
         f"{per * run.writer_cpu:.1f} ms / {per * run.workers_cpu:.1f} ms"),
    ]


def bench_stages(pages: Path) -> dict[str, tuple[int, float]]:
    import trafilatura

    docs = [d for d in iter_documents([pages]) if isinstance(d, RawDocument)]
    out: dict[str, tuple[int, float]] = {}
    start = time.perf_counter()
    for d in docs:
        trafilatura.extract(d.content, include_comments=False)
    out["trafilatura extract (baseline)"] = (len(docs), time.perf_counter() - start)
    start = time.perf_counter()
    articles = []
    for d in docs:
        try:
            articles.append(extract(d))
        except Exception:  # noqa: BLE001, S112 - a failed page still counts as work done
            continue
    out["extract (newsdesk)"] = (len(docs), time.perf_counter() - start)
    analyzer = Analyzer()
    list(analyzer.analyze_many(articles[:5]))  # load the model outside the timing
    start = time.perf_counter()
    analyses = list(analyzer.analyze_many(articles))
    out["analyze (sentences, entities, actors, dates, events, themes)"] = (
        len(articles),
        time.perf_counter() - start,
    )
    deduper = Deduper()
    start = time.perf_counter()
    for a in articles:
        deduper.check_and_add(a)
    out["dedup (MinHash LSH)"] = (len(articles), time.perf_counter() - start)
    clusterer = OnlineClusterer()
    start = time.perf_counter()
    for a, an in zip(articles, analyses, strict=True):
        clusterer.add(cluster_doc(a, an))
    out["cluster (online)"] = (len(articles), time.perf_counter() - start)
    return out


def bench_warc(workdir: Path, copies: int) -> tuple[int, float]:
    raw = gzip.decompress((SHARED / "warc" / "warcfile.warc.gz").read_bytes())
    path = workdir / "big.warc"
    with open(path, "wb") as handle:
        for _ in range(copies):
            handle.write(raw)
    from fastwarc.warc import ArchiveIterator

    with open(path, "rb") as handle:
        total = sum(1 for _ in ArchiveIterator(handle, parse_http=False))
    start = time.perf_counter()
    html = sum(1 for _ in iter_warc(path))
    seconds = time.perf_counter() - start
    print(f"  WARC: {total} records ({html} HTML responses) read in {seconds:.2f}s")
    return total, seconds


def synthetic_stream(n: int, seed: int = 7):
    """Already-analysed articles: 2,000 stories of ~150-word texts over a 5,000-word vocabulary."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    topics = [rng.sample(vocab, 40) for _ in range(2000)]
    for i in range(n):
        topic = topics[(i // 25) % len(topics)]
        words = [rng.choice(topic) if rng.random() < 0.6 else rng.choice(vocab) for _ in range(150)]
        text = " ".join(words) + "."
        day = date.fromordinal(date(2024, 1, 1).toordinal() + i // 300).isoformat()
        aid = f"a{i:08d}"
        article = Article(
            aid,
            aid,
            f"https://example.test/{aid}",
            " ".join(words[:8]),
            None,
            day,
            "en",
            "article",
            text,
            (text,),
            "Synthetic",
            f"synthetic#{i}",
            None,
        )
        analysis = Analysis(aid, (Sentence(aid, 0, 0, len(text), text),))
        doc = RawDocument(aid, f"synthetic#{i}", text.encode(), "text")
        yield Processed(doc, article, analysis)


def bench_stateful(n: int, workdir: Path) -> tuple[int, float, float]:
    db = workdir / "synthetic.db"
    store = Store(db)
    ingester = Ingester(store)
    report = IngestReport()
    start = time.perf_counter()
    ingester.write(synthetic_stream(n), report)
    seconds = time.perf_counter() - start
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return report.added, seconds, peak_mb


def per_page_costs(limit: int | None) -> list[tuple[str, str]]:
    """Where the workers' CPU goes, page by page: extraction and analysis CPU per page kind.

    One core, every distinct dev page (or the first ``limit``). Each page is extracted, then
    analysed on its own (the parse batched over that page's sentences only, so the parse reads a
    little dearer than in the pool's eight-page batches). Pages are grouped by their WCXB kind
    (``_internal.page_type.primary``; Scrapinghub pages are all news) and by the page type
    extraction gave them."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = real_pages(limit, Path(tmp))
        docs = [d for d in iter_documents([pages]) if isinstance(d, RawDocument)]
    analyzer = Analyzer().load()
    extract(docs[0])  # one-off loads outside the timing
    groups: dict[str, list[float]] = {}
    for doc in docs:
        start = time.process_time()
        try:
            article = extract(doc)
        except Exception:  # noqa: BLE001, S112 - a failed page is not analysed
            continue
        middle = time.process_time()
        analysis = analyzer.analyze(article)
        end = time.process_time()
        for key in (f"kind {_page_kind(doc)}", f"page type {article.page_type}", "all pages"):
            row = groups.setdefault(key, [0, 0.0, 0.0, 0, 0])
            row[0] += 1
            row[1] += middle - start
            row[2] += end - middle
            row[3] += len(analysis.sentences)
            row[4] += len(analysis.events)
    total = sum(groups["all pages"][1:3])
    return [(f"{key}: {n} pages; extraction / analysis ms per page; sentences, events per page; share of CPU",
             f"{1000 * ext / n:.0f} / {1000 * ana / n:.0f} ms; {sents / n:.0f}, {events / n:.1f}; "
             f"{(ext + ana) / total:.0%}")
            for key, (n, ext, ana, sents, events) in sorted(groups.items())]


def _page_kind(doc: RawDocument) -> str:
    """The WCXB page kind of a dev page ("news" for Scrapinghub's article pages)."""
    truth = SHARED / "extraction" / "wcxb-dev" / "ground-truth" / (Path(doc.source).name.split(".")[0] + ".json")
    if not truth.exists():
        return "news"
    return json.loads(truth.read_text())["_internal"]["page_type"]["primary"]


SHARDS = 8
#: Dask rounds: each starts a 1-worker and a 2-worker cluster, in alternating order. One run of each
#: swung the speed-up between 1.74× and 2.21× on an idle machine (a ±10 % wobble of either 15–30 s
#: time moves the ratio that much); the median of the rounds' ratios is the figure.
DASK_ROUNDS = 3


@dataclass(frozen=True)
class DaskRun:
    """One Dask cluster's life in :func:`bench_dask`: its start and its pass over every shard."""

    workers: int
    records: int
    cold: float  # cluster start and every worker's model load, wall seconds
    seconds: float  # every shard processed and read back by the client, wall seconds
    workers_cpu: tuple[float, ...]  # CPU of each worker process during that pass
    client_cpu: float  # this process (client, scheduler, nannies) during that pass


def dask_run(shards: Path, parts: Path, workers: int) -> DaskRun:
    """Start a LocalCluster of ``workers``, warm them (cold start), then push every shard through it."""
    from dask.distributed import Client

    from newsdesk.engine.dask import local_cluster, run_dask, warm_workers

    start = time.perf_counter()
    with local_cluster(workers) as cluster, Client(cluster) as client:
        warm_workers(client)
        cold = time.perf_counter() - start
        before, own = client.run(time.process_time), time.process_time()
        start = time.perf_counter()
        n = sum(1 for _ in run_dask(sorted(shards.iterdir()), cluster.scheduler_address, parts_dir=parts))
        seconds = time.perf_counter() - start
        after, own = client.run(time.process_time), time.process_time() - own
    cpu = tuple(after[w] - before[w] for w in sorted(before))
    print(f"  dask {workers} worker(s): cold start {cold:.1f}s, {n} records in {seconds:.1f}s "
          f"(workers' CPU {' + '.join(f'{c:.1f}' for c in cpu)} s, client {own:.1f} s)")
    return DaskRun(workers, n, cold, seconds, cpu, own)


def make_shards(pages: Path, workdir: Path, count: int = SHARDS) -> Path:
    """Deal the pages round-robin into ``count`` shard directories (the unit one Dask task processes)."""
    shards = workdir / "shards"
    shards.mkdir()
    files = sorted(pages.iterdir())
    for i in range(count):
        part = shards / f"shard{i:03d}"
        part.mkdir()
        for f in files[i::count]:
            shutil.copy(f, part / f.name)
    return shards


def dask_scale_rows(pages: Path, workdir: Path, sizes: list[int], shards: int,
                    repeat: int = 1) -> list[tuple[str, str]]:
    """Records/s of warm LocalClusters of each size in ``sizes`` on the same shards, one cluster each.

    For machines with more cores than this project's 2-core one: it measures how far the Dask path
    scales before the client (which reads every partition back) or the scheduler caps it, instead of
    projecting it from one worker's cost. Sizes run in the order given; one run per size.
    ``repeat``: each shard is also queued under ``repeat - 1`` other names, for a long enough run where
    few pages travel (a shard's pages are processed afresh under each name; no page repeats in a shard)."""
    shard_dir = make_shards(pages, workdir, shards)
    for shard in sorted(shard_dir.iterdir()):
        for r in range(1, repeat):
            shutil.copytree(shard, shard_dir / f"{shard.name}-copy{r}")
    runs = [dask_run(shard_dir, workdir / f"parts-scale-{w}", w) for w in sizes]
    base = runs[0].seconds * runs[0].workers
    rows = []
    for run in runs:
        speed = base / run.seconds
        cpu = sum(run.workers_cpu) / max(run.records, 1)
        rows.append((f"Dask {run.workers} worker(s), warm, {run.records} records in {shards * repeat} shards",
                     f"{rate(run.records, run.seconds):.1f} records/s; ×{speed:.2f} of one worker "
                     f"({100 * speed / run.workers:.0f} % per worker); cold start {run.cold:.1f} s; "
                     f"workers' CPU {1000 * cpu:.0f} ms a record, client {1000 * run.client_cpu / max(run.records, 1):.1f} ms"))
    return rows


def bench_dask(pages: Path, workdir: Path, rounds: int = DASK_ROUNDS) -> list[tuple[DaskRun, DaskRun]]:
    """(1-worker run, 2-worker run) per round, on the same 8 shards of real pages.

    Each run starts its own cluster and loads its workers' models first (cold start: once per cluster
    life, as with a long-lived ``--scheduler ADDRESS`` cluster), then all shards are processed through
    ``run_dask`` against it and read back by the client: the part that scales. Rounds alternate which
    size runs first, so a drift of the machine's speed during the benchmark falls on both sizes.
    """
    shards = make_shards(pages, workdir)
    out = []
    for r in range(rounds):
        runs = {w: dask_run(shards, workdir / f"parts{r}-{w}", w) for w in ((1, 2) if r % 2 == 0 else (2, 1))}
        out.append((runs[1], runs[2]))
    return out


def dask_rows(pages: Path, workdir: Path, client_rate: float | None = None,
              rounds: int = DASK_ROUNDS) -> list[tuple[str, str]]:
    """Speed-ups (median of the rounds, each round's in brackets), the per-shard cost, where the CPU
    went, and what N machines would do given it.

    ``client_rate``: articles/s of the single-process part (dedup + cluster + store, measured on the
    synthetic stream), which every shard's results go through on the client and which caps scaling.
    """
    results = bench_dask(pages, workdir, rounds)
    warm = [one.seconds / two.seconds for one, two in results]
    whole = [(one.cold + one.seconds) / (two.cold + two.seconds) for one, two in results]
    n = results[0][0].records
    t1 = statistics.median([one.seconds for one, _ in results])
    per_page = t1 / max(n, 1)

    def listed(values: list[float]) -> str:
        return ", ".join(f"{v:.2f}" for v in values)

    cpu1 = statistics.median([sum(one.workers_cpu) for one, _ in results]) / max(n, 1)
    cpu2 = statistics.median([sum(two.workers_cpu) for _, two in results]) / max(n, 1)
    client = statistics.median([two.client_cpu for _, two in results]) / max(n, 1)
    rows = [
        (f"Dask LocalCluster speed-up, 1 → 2 workers (warm workers), median of {len(results)} rounds",
         f"{statistics.median(warm):.2f}× ({listed(warm)})"),
        ("Dask cold start (cluster + models), 1 / 2 workers (medians); end to end speed-up",
         f"{statistics.median([o.cold for o, _ in results]):.1f}s / {statistics.median([t.cold for _, t in results]):.1f}s; "
         f"{statistics.median(whole):.2f}× ({listed(whole)})"),
        (f"Dask per-shard cost, 1 warm worker ({n} records in {SHARDS} shards; median)",
         f"{t1 / SHARDS:.2f} s per shard, {1000 * per_page:.0f} ms per record"),
        ("Dask CPU per record: workers with 1 / 2 workers; client (with scheduler and nannies) with 2",
         f"{1000 * cpu1:.0f} / {1000 * cpu2:.0f} ms; {1000 * client:.1f} ms"),
    ]
    projection = f"≈ {1 / per_page:.0f} records/s per worker (core) × workers"
    if client_rate:
        projection += f", until the client's {client_rate:.0f} articles/s: ≈ {client_rate * per_page:.0f} workers"
    rows.append(("Dask projection to N machines", projection))
    return rows


#: Run in a fresh interpreter by :func:`bench_startup`: a pool or Dask worker's start, timed by part.
_STARTUP_CODE = """
import json, time
w0, c0 = time.perf_counter(), time.process_time()
from newsdesk.analyze import Analyzer
import newsdesk.pipeline
w1, c1 = time.perf_counter(), time.process_time()
Analyzer().load()
w2, c2 = time.perf_counter(), time.process_time()
print(json.dumps({"import": [w1 - w0, c1 - c0], "load": [w2 - w1, c2 - c1]}))
"""
#: What a reading command (``newsdesk search``, ``stories``, ``export``) imports before it works.
_READER_CODE = """
import json, time
w0, c0 = time.perf_counter(), time.process_time()
import newsdesk.cli, newsdesk.desk
print(json.dumps({"import": [time.perf_counter() - w0, time.process_time() - c0]}))
"""


def _fresh(code: str, env: dict[str, str]) -> dict[str, list[float]]:
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def bench_startup(workdir: Path, repeats: int = 3) -> list[tuple[str, str]]:
    """Start-up in fresh processes, median of ``repeats``: a worker's imports and model load (with the
    actor-alias cache in place, and the first run that builds it), and a reading command's imports."""
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path, "NEWSDESK_CACHE": str(workdir / "startup-cache")}

    def median(runs: list[dict[str, list[float]]], part: str, index: int) -> float:
        return sorted(r[part][index] for r in runs)[len(runs) // 2]

    first = [_fresh(_STARTUP_CODE, {**env, "NEWSDESK_CACHE": str(workdir / f"empty-cache{i}")})
             for i in range(repeats)]
    warm = [_fresh(_STARTUP_CODE, env) for _ in range(repeats)]
    reader = [_fresh(_READER_CODE, env) for _ in range(repeats)]
    rows = []
    for label, runs in (("cached alias tokens", warm), ("first run: alias cache built", first)):
        wall = median(runs, "import", 0) + median(runs, "load", 0)
        cpu = median(runs, "import", 1) + median(runs, "load", 1)
        rows.append((f"worker start-up in a fresh process, {label} (imports + models)",
                     f"{wall:.2f} s ({median(runs, 'import', 0):.2f} + {median(runs, 'load', 0):.2f}), "
                     f"CPU {cpu:.2f} s"))
    rows.append(("reading command start-up (imports of `newsdesk search` / `stories` / `export`)",
                 f"{median(reader, 'import', 0):.2f} s, CPU {median(reader, 'import', 1):.2f} s"))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--synthetic", type=int, default=100_000)
    ap.add_argument("--warc-copies", type=int, default=200)
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--dask-rounds", type=int, default=DASK_ROUNDS,
                    help="Dask rounds (a 1-worker and a 2-worker cluster each); the median ratio is reported")
    ap.add_argument("--no-steady", action="store_true", help="skip the full run over every real page")
    ap.add_argument("--only", choices=["dask", "dask-scale", "full", "startup", "pages"],
                    help="run only this measurement (full: the full runs; dask-scale: one warm cluster "
                         "per size in --dask-workers)")
    ap.add_argument("--dask-workers", default="1,2,4,8,16",
                    help="cluster sizes for --only dask-scale, comma-separated, the first the baseline")
    ap.add_argument("--shards", type=int, default=32, help="shards for --only dask-scale")
    ap.add_argument("--repeat", type=int, default=1,
                    help="--only dask-scale: queue each shard this many times under other names")
    ap.add_argument("--pages-from", type=Path,
                    help="a directory of *.html.gz pages to use instead of ../shared's (a machine without it)")
    ap.add_argument("--write", help="append the results to this Markdown file")
    ap.add_argument("--full-run", nargs=3, metavar=("PAGES", "WORKDIR", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.full_run:  # one full run, in the fresh process bench_full started
        pages, workdir, count = args.full_run
        print(json.dumps(asdict(full_run(Path(pages), Path(workdir), int(count)))))
        return
    global PAGES_FROM
    PAGES_FROM = args.pages_from
    if PAGES_FROM is None and not SHARED.exists():
        sys.exit("../shared/data is not available (or name a directory of pages with --pages-from)")
    workers = len(os.sched_getaffinity(0))
    rows: list[tuple[str, str]] = []
    if args.only == "startup":
        with tempfile.TemporaryDirectory() as tmp:
            rows = bench_startup(Path(tmp))
        print("\n".join(f"| {a} | {b} |" for a, b in rows))
        return
    if args.only == "pages":  # per page kind: where extraction's and analysis's CPU goes
        rows = per_page_costs(args.pages if args.pages > 0 else None)
        print("\n".join(f"| {a} | {b} |" for a, b in rows))
        return
    if args.only == "dask-scale":
        sizes = [int(x) for x in args.dask_workers.split(",")]
        with tempfile.TemporaryDirectory() as tmp:
            rows = dask_scale_rows(real_pages(args.pages, Path(tmp)), Path(tmp), sizes, args.shards,
                                   args.repeat)
        print("\n".join(f"| {a} | {b} |" for a, b in rows))
        return
    if args.only == "dask":
        with tempfile.TemporaryDirectory() as tmp:
            rows = dask_rows(real_pages(args.pages, Path(tmp)), Path(tmp), rounds=args.dask_rounds)
        print("\n".join(f"| {a} | {b} |" for a, b in rows))
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pages = real_pages(args.pages, workdir)
        rows += bench_startup(workdir)
        rows += full_rows(bench_full(pages, workdir, workers), f"{args.pages} real pages", workers)
        if not args.no_steady:  # sustained: every distinct real page, so the start-up weighs what it does
            every = real_pages(None, workdir, "every")
            count = sum(1 for _ in every.iterdir())
            rows += full_rows(bench_full(every, workdir, workers), f"all {count} real pages", workers)
        if args.only == "full":
            print("\n".join(f"| {a} | {b} |" for a, b in rows))
            return
        for name, (count, secs) in bench_stages(pages).items():
            rows.append((f"{name}, 1 core", f"{rate(count, secs):.1f} /s"))
        count, secs = bench_warc(workdir, args.warc_copies)
        rows.append(
            (
                "WARC reading (FastWARC, uncompressed, HTML records extracted)",
                f"{rate(count, secs):,.0f} records/s",
            )
        )
        added, secs, peak = bench_stateful(args.synthetic, workdir)
        client_rate = rate(added, secs)
        rows.append(
            (
                f"dedup + cluster + store, {added:,} synthetic analysed articles",
                f"{rate(added, secs):.0f} articles/s, peak RSS {peak:,.0f} MB",
            )
        )
        if not args.no_dask:
            rows += dask_rows(pages, workdir, client_rate, args.dask_rounds)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"## Throughput ({date.today().isoformat()})",
        "",
        f"Machine: {machine}. Command: `python benchmarks/throughput.py --pages {args.pages} "
        f"--synthetic {args.synthetic}`",
        "",
        "| measure | result |",
        "|---|---|",
        *[f"| {a} | {b} |" for a, b in rows],
        "",
    ]
    print("\n".join(lines))
    if args.write:
        with open(args.write, "a", encoding="utf-8") as handle:
            handle.write("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
