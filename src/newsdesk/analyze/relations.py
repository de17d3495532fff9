"""Cooperation/conflict trend between two countries, bucketed by day, week or month.

Feeds the dashboard's trend chart: only events that happened (not historical background, not
hypothetical) between the two codes in either direction count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from newsdesk.model import Event

_FREQS = ("day", "week", "month")


def _bucket(day: date, freq: str) -> str:
    if freq == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if freq == "month":
        return day.replace(day=1).isoformat()
    return day.isoformat()


def _involves(event: Event, a: str, b: str) -> bool:
    left = {x.country for x in event.actors}
    right = {x.country for x in event.recipients}
    return (a in left and b in right) or (b in left and a in right)


def relation_series(events: Iterable[Event], a: str, b: str, freq: str = "day") -> list[dict]:
    """Per bucket: ``{"date", "quad1".."quad4", "events", "mean_intensity"}``, sorted by date."""
    if freq not in _FREQS:
        raise ValueError(f"freq must be one of {_FREQS}, not {freq!r}")
    buckets: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.historical or event.hypothetical or not event.date or not _involves(event, a, b):
            continue
        try:
            day = date.fromisoformat(event.date[:10])
        except ValueError:
            continue
        buckets[_bucket(day, freq)].append(event)
    rows = []
    for key in sorted(buckets):
        group = buckets[key]
        row: dict = {"date": key, "events": len(group)}
        for quad in (1, 2, 3, 4):
            row[f"quad{quad}"] = sum(1 for e in group if e.quad == quad)
        row["mean_intensity"] = round(sum(e.score for e in group) / len(group), 3)
        rows.append(row)
    return rows
