"""Dashboard latency under a loopback load: story page and search p50/p95 (not a test).

    .venv/bin/python benchmarks/web_latency.py --articles 100000 [--db var/bench-web.db] [--requests 400]

Builds (once) a synthetic store of N articles with sentences, mentions, events and stories through
the ordinary `Store` write APIs, serves it with uvicorn in a subprocess, and drives it with an
httpx client from a few threads. Story pages are measured cold (first view builds and caches the
brief) and warm. The issue's target: p95 < 100 ms with 100k articles.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from newsdesk.model import Actor, Analysis, Article, Event, Mention, Sentence, Story, Thread
from newsdesk.store import Store

REPO = Path(__file__).resolve().parents[1]
PEOPLE = [
    ("Vladimir Putin", "RUS"),
    ("Xi Jinping", "CHN"),
    ("Narendra Modi", "IND"),
    ("Donald Trump", "USA"),
    ("Volodymyr Zelensky", "UKR"),
    ("Recep Tayyip Erdogan", "TUR"),
    ("Luiz Inácio Lula da Silva", "BRA"),
]
PLACES = [
    "Beijing",
    "Moscow",
    "Tianjin",
    "Kazan",
    "Astana",
    "Geneva",
    "Busan",
    "Harbin",
    "Baku",
    "Washington",
]
TOPICS = [
    "gas pipeline",
    "trade deal",
    "sanctions",
    "ceasefire talks",
    "visa regime",
    "grain exports",
    "development bank",
    "nuclear plant",
    "rail corridor",
    "climate finance",
    "arms control",
    "tariffs",
]
VERBS = [
    ("CONSULT", "04", 1, 1.0, "met"),
    ("AGREE", "05", 1, 3.5, "agreed on"),
    ("AID", "07", 2, 7.0, "offered"),
    ("SANCTION", "16", 4, -4.0, "sanctioned"),
    ("ACCUSE", "11", 3, -2.0, "accused"),
    ("COOPERATE", "06", 2, 6.0, "signed"),
]
PUBLISHERS = [f"Outlet {i}" for i in range(40)]


def _article(i: int, rng: random.Random) -> tuple[Article, Analysis, str]:
    """One synthetic article: five sentences about two leaders, a place and a topic."""
    (a, ca), (b, cb) = rng.sample(PEOPLE, 2)
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    day = f"202{rng.randint(3, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    verb = rng.choice(VERBS)
    texts = [
        f"{a} {verb[4]} {b} in {place} on {topic} talks number {i}.",
        f"Officials said the {topic} would be reviewed again before the end of the year.",
        f"{b} told reporters in {place} that relations were at a turning point after item {i % 997}.",
        f"Analysts expect further meetings on the {rng.choice(TOPICS)} and the {rng.choice(TOPICS)}.",
        f"The two sides did not publish a timetable, according to {rng.choice(PUBLISHERS)}.",
    ]
    text, sentences, offset = "", [], 0
    for n, t in enumerate(texts):
        sentences.append(Sentence(str(i), n, offset, offset + len(t), t))
        text += t + " "
        offset += len(t) + 1
    aid = f"syn{i:07d}"
    sentences = [Sentence(aid, s.index, s.start, s.end, s.text) for s in sentences]
    actor_a, actor_b = Actor(a, ca, "GOV"), Actor(b, cb, "GOV")
    mentions = (Mention(aid, 0, 0, len(a), a, "PERSON", actor_a),)
    event = Event(
        aid, 0, verb[0], verb[1], verb[2], verb[3], actors=(actor_a,), recipients=(actor_b,), date=day
    )
    article = Article(
        aid,
        aid,
        f"https://example.org/{aid}",
        f"{a} and {b} discuss {topic} in {place}",
        None,
        day,
        "en",
        "article",
        text.strip(),
        (text.strip(),),
        rng.choice(PUBLISHERS),
        "synthetic",
    )
    analysis = Analysis(aid, tuple(sentences), mentions, (), (event,), ("diplomacy",), ())
    return article, analysis, day


def build_store(path: Path, n: int, per_story: int = 10, batch: int = 2000) -> None:
    """Bulk-insert ``n`` synthetic articles in stories of ``per_story`` (skipped when already built)."""
    if path.exists():
        with Store(path, readonly=True) as store:
            if store.counts()["articles"] >= n:
                return
        path.unlink()
    rng = random.Random(7)
    stories: dict[str, list[tuple[str, str]]] = {}
    t0 = time.perf_counter()
    with Store(path) as store:
        for start in range(0, n, batch):
            with store.transaction():
                for i in range(start, min(n, start + batch)):
                    article, analysis, day = _article(i, rng)
                    store.add_article(article, analysis)
                    sid = f"s{i // per_story:07d}"
                    store.assign_story(article.id, sid)
                    stories.setdefault(sid, []).append((article.id, day))
            print(f"  {min(n, start + batch)} articles, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        records = []
        for sid, members in stories.items():
            days = sorted(d for _, d in members)
            records.append(
                Story(
                    sid,
                    f"Synthetic story {sid}",
                    tuple(a for a, _ in members),
                    days[0],
                    days[-1],
                    ("Vladimir Putin", "Xi Jinping", "RUS", "CHN"),
                    ("diplomacy",),
                )
            )
        with store.transaction():
            store.replace_stories(records, [Thread("t0", "Synthetic thread", tuple(list(stories)[:3]))])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _timed(client, url: str) -> float:  # noqa: ANN001
    t = time.perf_counter()
    r = client.get(url)
    r.raise_for_status()
    return (time.perf_counter() - t) * 1000


def _load(base: str, urls: list[str], threads: int) -> list[float]:
    import httpx

    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        out = list(pool.map(lambda iu: _timed(clients[iu[0] % threads], iu[1]), enumerate(urls)))
    for c in clients:
        c.close()
    return out


def _summary(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=REPO / "var" / "bench-web.db")
    parser.add_argument("--requests", type=int, default=400, help="requests per measured kind")
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build_store(args.db, args.articles)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", f"from newsdesk.web.app import serve; serve({str(args.db)!r}, port={port})"],
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(200):
            try:
                httpx.get(base + "/api/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        rng = random.Random(1)
        n_stories = max(1, args.articles // 10)
        ids = [f"s{rng.randrange(n_stories):07d}" for _ in range(args.requests)]
        words = [*PLACES, *(t.split()[0] for t in TOPICS), "Putin", "Xi Jinping", '"trade deal"']
        rows = [
            _summary(
                "story page, cold (brief built)", _load(base, [f"/stories/{s}" for s in ids], args.threads)
            ),
            _summary("story page, warm", _load(base, [f"/stories/{s}" for s in ids], args.threads)),
            _summary(
                "search page", _load(base, [f"/search?q={rng.choice(words)}" for _ in ids], args.threads)
            ),
            _summary(
                "stories page, full text filter",
                _load(base, [f"/?q={rng.choice(words)}" for _ in ids[: args.requests // 4]], args.threads),
            ),
            _summary(
                "api/search", _load(base, [f"/api/search?q={rng.choice(words)}" for _ in ids], args.threads)
            ),
        ]
    finally:
        server.terminate()
        server.wait()
    print(f"{args.articles} articles, {args.threads} client threads, loopback, one uvicorn worker\n")
    print("| request | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
