"""A public body's name at the end of a longer capitalised name is not that body.

On a crawl of real pages the brief of a trade-fair guide listed the US Congress as a key player:
the analyser resolved the last word of a telecom fair's name. A body's one-word name ("Congress",
"Pentagon") or short name ("Security Council") preceded by a capitalised word that is no country,
demonym, place, title or sentence opener belongs to another name: the mention stays, with no actor.
The sentences are our own.
"""

from __future__ import annotations

import pytest

from newsdesk.analyze import Analyzer
from support import mention_actors


def _actors(analyzer: Analyzer, text: str) -> dict[str, str | None]:
    return mention_actors(analyzer, text, "2025-06-10")


@pytest.mark.parametrize(
    "text",
    [
        "Chip makers showed folding handsets at the Mobile World Congress in Barcelona last spring.",
        "The Lakeside Dental Congress gathers hygienists from four states every autumn.",
        "Our reviewer ate a club sandwich at the Old Pentagon Diner on the highway.",
        "She advised the National Security Council on drone exports for two years.",
    ],
)
def test_a_body_name_inside_a_longer_name_names_no_body(analyzer: Analyzer, text: str) -> None:
    found = _actors(analyzer, text)
    assert not any(name in {"US Congress", "Pentagon", "United Nations"} for name in found.values()), found


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("The US Congress approved the farm bill on Tuesday.", "US Congress", "US Congress"),
        ("Lawmakers said Congress would vote on the farm bill in June.", "Congress", "US Congress"),
        ("Congress approved the farm bill on Tuesday.", "Congress", "US Congress"),
        ("Yesterday Congress approved the farm bill.", "Congress", "US Congress"),
        ("Lobbyists met the Pentagon on Friday about the tanker contract.", "Pentagon", "Pentagon"),
    ],
)
def test_a_body_named_on_its_own_or_after_its_country_stays(analyzer: Analyzer, text: str, mention: str,
                                                            name: str) -> None:
    assert _actors(analyzer, text).get(mention) == name
