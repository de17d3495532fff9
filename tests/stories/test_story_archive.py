"""Late documents: a page dated in a retired story's time joins it, through a restart too."""

from __future__ import annotations

from test_story_cluster import ELECTION, FLOOD

from newsdesk.stories.cluster import ClusterDoc, OnlineClusterer

LATE_FLOOD = "Villages count the damage after river floods and evacuation in the northern province"


def _stream(c: OnlineClusterer) -> str:
    """A flood story in January, then an election in March that moves the clock on; returns the
    flood story's key, retired by the time the election is over."""
    for i, text in enumerate(FLOOD):
        c.add(ClusterDoc(f"f{i}", text, date=f"2024-01-0{i + 1}"))
    for i, text in enumerate(ELECTION):
        c.add(ClusterDoc(f"e{i}", text, date=f"2024-03-0{i + 1}"))
    c.to_state()  # sweeps the dormant stories, as every saved ingest does
    return c.story_of("f0")


def test_a_late_page_joins_the_retired_story_of_its_date() -> None:
    c = OnlineClusterer(dormant_days=14)
    flood = _stream(c)
    assert c.add(ClusterDoc("late", LATE_FLOOD, date="2024-01-12")) == flood


def test_a_late_page_outside_the_window_or_on_another_subject_starts_a_story() -> None:
    c = OnlineClusterer(dormant_days=14)
    flood = _stream(c)
    assert c.add(ClusterDoc("old", LATE_FLOOD, date="2023-06-01")) != flood  # a flood of another year
    other = c.add(ClusterDoc("ship", "Cargo ship runs aground in busy canal blocking traffic", date="2024-01-05"))
    assert other != flood


def test_the_archive_survives_a_restart_and_can_be_disabled() -> None:
    c = OnlineClusterer(dormant_days=14)
    flood = _stream(c)
    again = OnlineClusterer.from_state(c.to_state(), keep_assignments=False)
    assert again.add(ClusterDoc("late", LATE_FLOOD, date="2024-01-12")) == flood
    off = OnlineClusterer(dormant_days=14, archive_cap=0)
    flood_off = _stream(off)
    assert off.add(ClusterDoc("late", LATE_FLOOD, date="2024-01-12")) != flood_off
