"""Brief-writing speed on a 200-article story, on one core.

The story is synthetic but made of real analysed text: every article of the demo corpus is
ingested once, then copied with each sentence varied ("…, desk copy 17.") and every offset of the
analysis shifted to match, until the story holds ``--articles`` articles whose sentences are all
distinct — so nothing collapses into syndicated copies and the writer does the full work.

Three timings (CPU seconds of this process, the median of ``--repeat`` runs):

* cold — the per-article candidate cache empty, as for a story seen the first time;
* warm — the cache filled, as when a cached story's brief is rebuilt after a restart of nothing;
* +1 article — the cache filled for 200 articles and one new article joins: the update path.

    .venv/bin/python benchmarks/brief_speed.py [--articles 200] [--db demo.db] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: no BLAS thread pool behind process_time's back
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsdesk.brief import candidates as candidate_cache  # noqa: E402
from newsdesk.brief import centre  # noqa: E402
from newsdesk.brief.writer import write_brief  # noqa: E402
from newsdesk.desk import Desk  # noqa: E402
from newsdesk.model import Analysis, Article, Sentence, Story  # noqa: E402

GOAL_S = 2.0


def _shift(items: Sequence, offsets: dict[int, int]) -> tuple:
    return tuple(
        dataclasses.replace(
            x, start=x.start + offsets[x.sentence_index], end=x.end + offsets[x.sentence_index]
        )
        for x in items
        if x.sentence_index in offsets
    )


def variant(article: Article, analysis: Analysis, copy: int) -> tuple[Article, Analysis]:
    """A copy of the article whose every sentence ends differently, offsets kept consistent."""
    new_id = f"{article.id}-{copy}"
    parts: list[str] = []
    sentences: list[Sentence] = []
    offsets: dict[int, int] = {}
    cursor = 0
    for s in analysis.sentences:
        tail = s.text[-1] if s.text[-1:] in ".!?" else ""
        body = s.text[: len(s.text) - len(tail)] if tail else s.text
        text = f"{body}, desk copy {copy}{tail or '.'}"
        start = cursor + (1 if parts else 0)
        offsets[s.index] = start - s.start
        sentences.append(Sentence(new_id, s.index, start, start + len(text), text))
        parts.append(text)
        cursor = start + len(text)
    new_article = dataclasses.replace(article, id=new_id, text=" ".join(parts), url=None)
    rename = {"article_id": new_id}
    new_analysis = dataclasses.replace(
        analysis,
        article_id=new_id,
        sentences=tuple(sentences),
        mentions=tuple(dataclasses.replace(m, **rename) for m in _shift(analysis.mentions, offsets)),
        dates=tuple(dataclasses.replace(d, **rename) for d in _shift(analysis.dates, offsets)),
        events=tuple(dataclasses.replace(e, **rename) for e in analysis.events),
    )
    return new_article, new_analysis


def load_corpus(db: Path | None) -> tuple[list[Article], list[Analysis]]:
    if db is None:
        folder = Path(tempfile.mkdtemp(prefix="brief-speed-"))
        db = folder / "demo.db"
        with Desk(db) as desk:
            desk.ingest([REPO / "data" / "demo"], workers=1)
    with Desk(db, readonly=True) as desk:
        articles, analyses = [], []
        for story in desk.stories():
            for article in desk.store.articles(story.article_ids):
                analysis = desk.analysis(article.id)
                if analysis is not None:
                    articles.append(article)
                    analyses.append(analysis)
    return articles, analyses


def synthetic_story(articles: list[Article], analyses: list[Analysis], size: int) -> tuple[Story, list, list]:
    arts, ans = [], []
    for k in range(size):
        article, analysis = variant(articles[k % len(articles)], analyses[k % len(analyses)], k)
        arts.append(article)
        ans.append(analysis)
    dates = sorted(a.date for a in arts if a.date)
    story = Story(
        "synthetic",
        "Synthetic story",
        tuple(a.id for a in arts),
        dates[0] if dates else None,
        dates[-1] if dates else None,
        key_actors=("Vladimir Putin", "Xi Jinping"),
    )
    return story, arts, ans


def _cpu(fn: Callable[[], object], repeat: int, before: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def measure(size: int, db: Path | None, repeat: int) -> dict[str, float]:
    articles, analyses = load_corpus(db)
    story, arts, ans = synthetic_story(articles, analyses, size + 1)
    base = dataclasses.replace(story, article_ids=story.article_ids[:size])

    def brief(n: int) -> Callable[[], object]:
        return lambda: write_brief(
            dataclasses.replace(story, article_ids=story.article_ids[:n]), arts[:n], ans[:n]
        )

    def empty() -> None:
        candidate_cache._CACHE.clear()
        centre.clear_cache()

    cold = _cpu(brief(size), repeat, before=empty)
    warm = _cpu(brief(size), repeat)

    def warm_for_base() -> None:
        empty()
        write_brief(base, arts[:size], ans[:size])

    update = _cpu(brief(size + 1), repeat, before=warm_for_base)
    sentences = sum(len(a.sentences) for a in ans[:size])
    return {"articles": size, "sentences": sentences, "cold": cold, "warm": warm, "update": update}


def report(result: dict[str, float]) -> str:
    ok = "yes" if result["cold"] <= GOAL_S else "no"
    return "\n".join(
        [
            f"Story of {result['articles']} articles ({result['sentences']} sentences), CPU seconds on one core, "
            f"median of runs; goal ≤ {GOAL_S:.0f} s (met: {ok})",
            "",
            "| case | seconds |",
            "|---|---|",
            f"| cold (no per-article cache) | {result['cold']:.2f} |",
            f"| warm (per-article cache filled) | {result['warm']:.2f} |",
            f"| +1 article (cache filled for the first {result['articles']}) | {result['update']:.2f} |",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument(
        "--db", type=Path, help="an existing store with the demo corpus (else ingested afresh)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path, help="append a dated section to this markdown file")
    args = parser.parse_args(argv)
    result = measure(args.articles, args.db, args.repeat)
    text = report(result)
    print(text)
    if args.write:
        command = f"python benchmarks/brief_speed.py --articles {args.articles} --repeat {args.repeat}"
        command += f" --db {args.db}" if args.db else ""
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        header = f"\n## Brief speed — {dt.date.today().isoformat()}\n\n`{command}` ({machine})\n\n"
        with open(args.write, "a", encoding="utf-8") as handle:
            handle.write(header + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
