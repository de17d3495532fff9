"""A person's surname, or a minor figure's full name, needs evidence in its document.

On a crawl of real pages, "Connolly" (a hockey player, 2019) resolved to Ireland's president of 2025,
"Castro" (a shop worker in San Francisco) to Honduras' president, "Phillips" (a screwdriver) to
Guyana's prime minister and "Patrick Simmons" (a rock guitarist) to a Grenadian politician; "NIST/CIS"
named the Commonwealth of Independent States because the page named two companies. Such a name keeps
its person when a title comes before it, or the page names the person in full or their country (for a
surname, where it also ends the name of someone of another country: "Putin" needs no evidence); a
surname far from its holder's time in office only with the full name; a surname inside another name
("Hamilton Greene") never. The sentences are our own.
"""

from __future__ import annotations

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary
from support import mention_actors


def _actors(analyzer: Analyzer, text: str, date: str) -> dict[str, str | None]:
    return mention_actors(analyzer, text, date)


@pytest.mark.parametrize(
    ("text", "date", "name"),
    [
        ("Brett Connolly scored twice as the Panthers beat the Flyers on Tuesday night.", "2019-11-20", "Connolly"),
        ("A clerk, Steve Castro, said he fought off the thief at the Market Street store.", "2023-05-02", "Castro"),
        ("Keep a Phillips screwdriver and a torch in the kitchen drawer.", "2024-11-26", "Phillips"),
        ("The tour brings Tom Johnston and Patrick Simmons back on stage in Ohio.", "2019-11-19",
         "Patrick Simmons"),
        ("Connolly spoke to reporters in Dublin after the match.", "2019-11-20", "Connolly"),
        ("The post was written by Hamilton Greene for the engineering blog.", "2025-12-17", "Greene"),
        ("Ask Lisa Greene-Lewis about your tax refund.", "2025-12-17", "Greene"),
        ("Our auditors map every control to NIST/CIS benchmarks for clients on Google Cloud and Samsung "
         "servers.", "2023-03-22", "CIS"),
    ],
)
def test_a_weak_person_name_without_evidence_names_no_actor(analyzer: Analyzer, text: str, date: str,
                                                            name: str) -> None:
    found = _actors(analyzer, text, date)
    assert name in found and found[name] is None, found


@pytest.mark.parametrize(
    ("text", "date", "name", "actor"),
    [
        ("Castro said Honduras would reopen its border crossings next week.", "2023-05-02", "Castro",
         "Xiomara Castro"),
        ("Crowds cheered President Castro as she arrived.", "2023-05-02", "Castro", "Xiomara Castro"),
        ("Catherine Connolly was sworn in on Tuesday. Connolly promised to listen.", "2025-11-20", "Connolly",
         "Catherine Connolly"),
        ("Keir Starmer, then a senior Labour figure, spoke on Brexit. Starmer answered quickly.", "2019-11-20",
         "Starmer", "Keir Starmer"),
        ("Patrick Simmons, a minister in Grenada, opened the new school.", "2010-05-04", "Patrick Simmons",
         "Patrick Simmons"),
        ("The CIS summit brought Russia and Belarus to the table.", "2019-10-11", "CIS",
         "Commonwealth of Independent States"),
        ("Putin and Xi signed the accord on Tuesday.", "2024-05-16", "Putin", "Vladimir Putin"),
        ("Greene said the budget would pass.", "2025-12-17", "Greene", "Everly Paul Chet Greene"),
        ("Visitors come from Serbia, Monaco, Montenegro and Turkey.", "2020-11-05", "Montenegro", "Montenegro"),
    ],
)
def test_a_weak_person_name_with_evidence_keeps_its_actor(analyzer: Analyzer, text: str, date: str, name: str,
                                                          actor: str) -> None:
    assert _actors(analyzer, text, date).get(name) == actor


def test_which_person_names_are_weak(actors: ActorDictionary) -> None:
    assert actors.weak_person("Castro") == "surname"
    assert actors.weak_person("Patrick Simmons") == "namesake"
    assert actors.weak_person("Xiomara Castro") is None  # a hand-written full name
    assert actors.weak_person("Barack Obama") is None  # a derived person the dictionary knows by other names
    assert not actors.near_office("Connolly", "2019-11-20")
    assert actors.near_office("Connolly", "2024-06-01")  # within two years before the term
    assert actors.near_office("Castro", None)
