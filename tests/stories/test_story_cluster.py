"""Online story clustering: assignment, time-awareness, state round trip, benchmark smoke test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer, cluster_stream
from newsdesk.stories.text import stem, tokens

FLOOD = [
    "River floods force evacuation of riverside villages in northern province",
    "Evacuation continues as river floods rise in northern province villages",
    "Floods: army helps evacuation of villages along swollen river",
]
ELECTION = [
    "Opposition leader wins presidential election runoff by narrow margin",
    "Presidential runoff: opposition leader claims narrow election win",
    "Election commission confirms opposition win in presidential runoff",
]


def docs(texts: list[str], prefix: str, dates: list[str | None] | None = None) -> list[ClusterDoc]:
    dates = dates or [None] * len(texts)
    return [
        ClusterDoc(id=f"{prefix}{i}", text=t, date=d)
        for i, (t, d) in enumerate(zip(texts, dates, strict=True))
    ]


def interleave(a: list[ClusterDoc], b: list[ClusterDoc]) -> list[ClusterDoc]:
    return [x for pair in zip(a, b, strict=True) for x in pair]


def test_tokens_fold_inflections_and_drop_stopwords() -> None:
    assert tokens("The protesters said protests spread") == ["protester", "protest", "spread"]
    assert stem("resigns") == "resign" and stem("killed") == "kill"


def test_interleaved_stories_are_separated() -> None:
    stream = interleave(docs(FLOOD, "f"), docs(ELECTION, "e"))
    pairs = dict(cluster_stream(stream))
    assert len({pairs[f"f{i}"] for i in range(3)}) == 1
    assert len({pairs[f"e{i}"] for i in range(3)}) == 1
    assert pairs["f0"] != pairs["e0"]
    assert pairs["f0"].startswith("s")


def test_story_key_is_stable_across_runs() -> None:
    stream = docs(FLOOD, "f")
    assert dict(cluster_stream(stream)) == dict(cluster_stream(stream))


def test_dormant_story_is_not_joined_after_a_long_gap() -> None:
    c = OnlineClusterer(dormant_days=5)
    first = c.add(ClusterDoc("a", FLOOD[0], date="2024-01-01"))
    again = c.add(ClusterDoc("b", FLOOD[1], date="2024-01-03"))
    later = c.add(ClusterDoc("c", FLOOD[2], date="2024-03-01"))
    assert first == again != later


def test_without_dates_stream_order_decides_dormancy() -> None:
    c = OnlineClusterer(dormant_docs=2)
    first = c.add(ClusterDoc("a", FLOOD[0]))
    for i, text in enumerate(ELECTION):
        c.add(ClusterDoc(f"e{i}", text))
    assert c.add(ClusterDoc("b", FLOOD[1])) != first


def test_entities_help_a_terse_headline_join() -> None:
    base = [ClusterDoc(f"x{i}", t, entities=("RUS", "Vladimir Putin")) for i, t in enumerate(FLOOD)]
    c = OnlineClusterer(entity_weight=0.5)
    for d in base:
        c.add(d)
    terse = c.add(ClusterDoc("t", "Kremlin comment", entities=("RUS", "Vladimir Putin")))
    assert terse == c.story_of("x0")


def test_state_round_trip_continues_identically() -> None:
    stream = interleave(docs(FLOOD, "f"), docs(ELECTION, "e"))
    whole = OnlineClusterer()
    for d in stream:
        whole.add(d)
    part = OnlineClusterer()
    for d in stream[:3]:
        part.add(d)
    state = json.loads(json.dumps(part.to_state(include_assignments=True)))
    resumed = OnlineClusterer.from_state(state)
    for d in stream[3:]:
        resumed.add(d)
    assert resumed.assignments() == whole.assignments()


def test_compacted_state_drops_dormant_centroids() -> None:
    c = OnlineClusterer(dormant_docs=1)
    for d in docs(FLOOD, "f") + docs(ELECTION, "e"):
        c.add(d)
    state = c.to_state()
    assert len(state["stories"]) == 1 and "assignments" not in state


def test_converging_stories_merge_and_keys_resolve() -> None:
    c = OnlineClusterer(threshold=0.99, merge_threshold=0.5)
    c.add(ClusterDoc("a", "volcano eruption ash cloud"))
    c.add(ClusterDoc("b", "volcano eruption ash cloud flights"))
    assignments = c.assignments()
    assert assignments["a"] == assignments["b"]
    assert all(c.resolve(k) == v for k, v in c.aliases().items())


DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "stories" / "mstream-newsT-dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="shared dev data not available")
def test_dev_stream_quality_floor() -> None:
    from sklearn.metrics import normalized_mutual_info_score

    rows = [json.loads(line) for line in DEV.read_text().splitlines()][:1500]
    pred = dict(cluster_stream(ClusterDoc(r["id"], r["text"]) for r in rows))
    nmi = normalized_mutual_info_score([r["story"] for r in rows], [pred[r["id"]] for r in rows])
    assert nmi > 0.85


def test_terms_counted_beforehand_cluster_alike_and_are_recounted_under_other_params() -> None:
    from newsdesk.stories.cluster import ClusterParams, with_terms

    stream = interleave(docs(FLOOD, "f"), docs(ELECTION, "e"))
    titled = [ClusterDoc(d.id, d.text, title=d.text.split(":")[0]) for d in stream]
    plain, ready = OnlineClusterer(), OnlineClusterer()
    assert [plain.add(d) for d in titled] == [ready.add(with_terms(d)) for d in titled]
    assert plain.to_state() == ready.to_state()
    other = ClusterParams(title_weight=5.0)
    alone, counted = OnlineClusterer(other), OnlineClusterer(other)
    assert [alone.add(d) for d in titled] == [counted.add(with_terms(d)) for d in titled]
    assert alone.to_state() == counted.to_state()  # counted with the default params: recounted
