"""The demo corpus clusters exactly as its ground truth (data/demo/stories.json) says.

Uses the session's ingested demo store, so the check covers the real pipeline: extraction, dedup
(copies join their original's story), analysis, ``cluster_doc`` and the clusterer's defaults.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from newsdesk.desk import Desk
from support import DEMO


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise_f1(gold: list[str], pred: list[str]) -> float:
    """Pair-counting F1: a pair counts when both clusterings put its two articles together."""
    tp = sum(_pairs(c) for c in Counter(zip(gold, pred, strict=True)).values())
    pp = sum(_pairs(c) for c in Counter(pred).values())
    gp = sum(_pairs(c) for c in Counter(gold).values())
    p, r = (tp / pp if pp else 1.0), (tp / gp if gp else 1.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _gold_of(source: str, files: dict[str, str]) -> str | None:
    path = source.replace("\\", "/")
    return next((story for rel, story in files.items() if path.endswith("/" + rel) or path == rel), None)


def _stored(db: Path) -> tuple[list[str], list[str], dict[str, set[str]], dict[str, str | None]]:
    files = json.loads((DEMO / "stories.json").read_text(encoding="utf-8"))["files"]
    gold, pred = [], []
    stories_of_gold: dict[str, set[str]] = {}
    with Desk(db) as desk:
        thread_of = {s.id: s.thread_id for s in desk.stories()}
        for story_id, ids in desk.store.story_members().items():
            for article in desk.store.articles(ids):
                label = _gold_of(article.source, files)
                if label is None:  # the optional seed scrape is not part of the ground truth
                    continue
                gold.append(label)
                pred.append(story_id)
                stories_of_gold.setdefault(label, set()).add(story_id)
    assert len(gold) == len(files), "every demo document is stored in a story"
    return gold, pred, stories_of_gold, thread_of


def test_demo_stories_match_the_ground_truth(demo_db: Path) -> None:
    gold, pred, _, _ = _stored(demo_db)
    assert pairwise_f1(gold, pred) == 1.0


def test_putin_visits_are_one_thread_and_the_summits_stay_out(demo_db: Path) -> None:
    _, _, stories, thread_of = _stored(demo_db)
    (v24,), (v25,) = stories["putin-china-2024-05"], stories["putin-china-2025-09"]
    assert thread_of[v24] is not None and thread_of[v24] == thread_of[v25]
    for other in ("sco-astana-2024-07", "brics-kazan-2024-10", "trump-putin-alaska-2025-08"):
        assert all(thread_of[s] != thread_of[v24] for s in stories[other])
