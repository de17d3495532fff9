"""Split detection: a story whose vocabulary shifts for good is split at the shift."""

from __future__ import annotations

from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer
from newsdesk.stories.split import best_time_cut


def test_best_time_cut_finds_the_shift() -> None:
    vecs = [{1: 1.0, 2: 0.5}] * 30 + [{1: 0.5, 3: 1.0}] * 30
    k, cos = best_time_cut(vecs, min_part=10)
    assert k == 30 and cos < 0.5


def test_interleaved_subtopics_are_not_cut() -> None:
    vecs = [{1: 1.0, 2: 0.5} if i % 2 else {1: 1.0, 3: 0.5} for i in range(60)]
    _, cos = best_time_cut(vecs, min_part=10)
    assert cos > 0.8


def test_clusterer_splits_a_follow_up_that_ran_on() -> None:
    first = [f"kanye kim parody franco rogen bound video {w}" for w in ("one", "two", "three")] * 12
    later = [f"kanye kim wedding jenner invited florence {w}" for w in ("one", "two", "three")] * 12
    clusterer = OnlineClusterer(merge_threshold=0.0)
    for i, text in enumerate(first + later):
        clusterer.add(ClusterDoc(id=f"d{i}", text=text))
    stories = clusterer.assignments()
    assert len({stories[f"d{i}"] for i in range(len(first))}) == 1
    assert stories["d0"] != stories[f"d{len(first) + len(later) - 1}"]
    state = OnlineClusterer.from_state(clusterer.to_state(include_assignments=True))
    assert state.assignments() == stories


def test_split_moves_are_fed_back_without_assignments() -> None:
    first = [f"kanye kim parody franco rogen bound video {w}" for w in ("one", "two", "three")] * 12
    later = [f"kanye kim wedding jenner invited florence {w}" for w in ("one", "two", "three")] * 12
    stream = [ClusterDoc(id=f"d{i}", text=t) for i, t in enumerate(first + later)]
    keeping = OnlineClusterer(merge_threshold=0.0)
    feeding = OnlineClusterer(merge_threshold=0.0, keep_assignments=False)
    given = {}
    for doc in stream:
        keeping.add(doc)
        given[doc.id] = feeding.add(doc)
    merged, moved = feeding.take_changes()
    final = {doc: moved.get(doc, merged.get(key, key)) for doc, key in given.items()}
    assert final == keeping.assignments() and feeding.assignments() == {}
