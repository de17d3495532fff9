"""Bounded ingest: recency-capped postings, no assignment map, change feed, lone-story rescue."""

from __future__ import annotations

import json

from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer
from newsdesk.stories.index import RecentPostings

FLOOD = "River floods force evacuation of riverside villages"
FILLER = [
    "Opposition leader wins presidential election runoff",
    "Central bank raises interest rates again",
    "Tennis champion retires after long career",
    "Software company recalls faulty laptops",
]
RESCUE = {"threshold": 0.5, "orphan_wait": 3, "orphan_min_size": 3, "orphan_threshold": 0.05}


def test_postings_keep_the_most_recent_users_of_a_term() -> None:
    index = RecentPostings(cap=2)
    for key in ("a", "b", "c"):
        index.post("flood", key)
    assert list(index.get("flood")) == ["b", "c"]
    index.post("flood", "b")  # using the term again makes a story the most recent
    index.post("flood", "d")
    assert list(index.get("flood")) == ["b", "d"] and index.total() == 2
    index.discard("flood", "b")
    index.discard("flood", "d")
    assert list(index.get("flood")) == []


def _rescue_stream() -> list[ClusterDoc]:
    story = [ClusterDoc(f"f{i}", FLOOD) for i in range(4)]
    stray = [ClusterDoc("stray", "Villages mourn drowned fishermen")]
    return story + stray + [ClusterDoc(f"x{i}", t) for i, t in enumerate(FILLER)]


def test_lone_stray_joins_the_story_it_resembles_after_the_wait() -> None:
    stream = _rescue_stream()
    alone = OnlineClusterer(**{**RESCUE, "orphan_wait": 0})
    rescued = OnlineClusterer(**RESCUE)
    for doc in stream:
        alone.add(doc)
        rescued.add(doc)
    assert alone.story_of("stray") != alone.story_of("f0")
    assert rescued.story_of("stray") == rescued.story_of("f0")
    assert rescued.story_of("x0") != rescued.story_of("f0")  # unrelated lone stories stay apart


def test_state_saved_during_the_wait_resumes_the_same() -> None:
    stream = _rescue_stream()
    whole = OnlineClusterer(**RESCUE)
    for doc in stream:
        whole.add(doc)
    part = OnlineClusterer(**RESCUE)
    for doc in stream[:6]:
        part.add(doc)
    resumed = OnlineClusterer.from_state(json.loads(json.dumps(part.to_state(include_assignments=True))))
    for doc in stream[6:]:
        resumed.add(doc)
    assert resumed.assignments() == whole.assignments()


def test_without_assignments_changes_are_fed_back_instead() -> None:
    c = OnlineClusterer(threshold=0.99, merge_threshold=0.5, keep_assignments=False)
    first = c.add(ClusterDoc("a", "volcano eruption ash cloud"))
    second = c.add(ClusterDoc("b", "volcano eruption ash cloud flights"))
    merged, moved = c.take_changes()
    assert c.assignments() == {} and c.index_sizes()["assignments"] == 0
    assert first != second and merged.get(first, first) == merged.get(second, second)
    assert moved == {} and c.take_changes() == ({}, {})


def test_dormant_stories_are_forgotten_without_assignments() -> None:
    c = OnlineClusterer(keep_assignments=False, dormant_days=1)
    for day in range(1, 300):
        c.add(ClusterDoc(f"d{day}", f"{FILLER[day % 4]} {day}", date="2024-01-01"))
    c.add(ClusterDoc("late", FLOOD, date="2024-03-01"))
    c.to_state()  # sweeps dormant stories
    assert c.index_sizes()["stories"] == 1


def test_indexes_stay_bounded_on_a_long_dated_stream() -> None:
    c = OnlineClusterer(keep_assignments=False, dormant_days=1, posting_cap=4)
    sizes = []
    for day in range(12):
        for i in range(60):
            topic = (day * 7 + i % 6) * 3  # six stories a day, each ending with its day
            words = [f"w{topic + j}" for j in range(3)] + ["common", f"noise{i % 5}"]
            c.add(ClusterDoc(f"{day}-{i}", " ".join(words), date=f"2024-01-{day + 1:02d}"))
        sizes.append(c.index_sizes())
    assert max(len(c._postings.get(t)) for t in c._postings._lists) <= 4
    # 72 stories in all; only the last few days' (swept every 256 documents) are held
    assert max(s["stories"] for s in sizes) <= 36 and sizes[-1]["assignments"] == 0


def test_sweep_retires_exactly_the_silent_stories() -> None:
    """The last-seen heaps find the same dormant stories as checking every active story."""
    c = OnlineClusterer(dormant_days=2, dormant_docs=5)
    days = [1, 1, 2, 5, 3, 9, None, 9, 12, None, 4, 15, 15, None, 20]
    for i, day in enumerate(days):
        text = f"{FILLER[i % 4]} topic{i % 3}"
        c.add(ClusterDoc(f"d{i}", text, date=None if day is None else f"2024-01-{day:02d}"))
        expected = {k for k in c._active if not c._is_dormant(c._stories[k], c._day)}
        c._sweep_dormant()
        assert set(c._active) == expected


def test_candidate_cap_keeps_the_story_sharing_most_terms() -> None:
    """With many stories posted under a common word, the one sharing the rare words is scored."""
    c = OnlineClusterer(max_candidates=2, threshold=0.2, merge_threshold=0, orphan_wait=0)
    for i in range(8):
        c.add(ClusterDoc(f"n{i}", f"budget vote{i} senator{i} amendment{i}"))
    target = c.add(ClusterDoc("a", "budget glacier melt iceland"))
    assert c.add(ClusterDoc("b", "budget glacier melt record")) == target
