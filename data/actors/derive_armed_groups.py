"""Derive ``armed_groups_phoenix.tsv.gz`` (non-state armed groups) from the Phoenix MilNonState dictionary.

Run once by a maintainer who has the Phoenix dictionaries (MIT licence, see README.md)::

    python data/actors/derive_armed_groups.py ../shared/data/events/phoenix-dictionaries/Phoenix.MilNonState.actors.txt

Why: conflict news names its actors by group ("the Revolutionary United Front", "al-Qaeda",
"Hizbollah"); without them an attack loses its actor or takes the country of a patron named
next to it. ``organisations.tsv`` (hand-written: Hamas, Hezbollah, Houthis, Taliban …) stays
authoritative: the loader reads this file last and skips every alias already known.

A group's code starts with its state (``LBNREB``: Lebanon, rebels). Groups coded to a region or
to no state (``IMGMUSALQ`` al-Qaeda, ``SASREB``, ``INTREB``) keep the whole code as their
"country", which is not an ISO code: the coder treats them like international bodies, as CAMEO
does. One-word names are kept when they are long and not ordinary words, since groups are often
named by one ("Hizbollah"); names are title-cased for the case-sensitive matcher.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from phoenix import SMALL_WORDS, blocks, body, title_case, write_table

_CODE = re.compile(r"\[([A-Z]{3,})[^\]]*\]")
#: One-word aliases that are ordinary words in news text.
_COMMON = {"islamic", "liberation", "resistance", "revolution", "revolutionary", "national", "movement",
           "brigade", "brigades", "army", "front", "martyrs", "united", "popular", "people", "fighters",
           "militia", "guerrillas", "rebels", "jihad", "mujahideen", "mujahedin", "insurgents", "patriots",
           "organization", "organisation", "party", "group", "council", "committee", "alliance", "union",
           "league", "association", "federation", "forces", "command", "network", "coalition"}
_SMALL = SMALL_WORDS | {"al"}
_SECTORS = {"REB", "UAF", "MIL", "OPP", "SEP", "INS"}


def _clean(raw: str) -> str:
    text = raw.split("#", 1)[0].split("[", 1)[0].strip().lstrip("+").replace("_", " ")
    return re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", text)).strip(" -")



def _title(text: str) -> str:
    return title_case(text, _SMALL)


def parse(path: Path) -> list[tuple[str, list[str], str]]:
    """(name, aliases, code) of every block of a Phoenix MilNonState ``.actors`` file."""
    out: list[tuple[str, list[str], str]] = []
    for head, rest in blocks(path):
        codes = [c for line in (head, *rest) for c in _CODE.findall(body(line))]
        if codes:
            out.append((_clean(head), [_clean(line) for line in rest if line.startswith("+")], codes[0]))
    return out


def _kept(alias: str) -> bool:
    words = alias.split()
    if not re.search(r"[A-Za-z]{3}", alias):
        return False
    return len(words) >= 2 or (len(alias) >= 5 and alias.isalpha() and alias.lower() not in _COMMON)


def rows(blocks: list[tuple[str, list[str], str]], states: set[str]) -> list[list[str]]:
    """organisations.tsv-shaped rows: code, name, aliases, sector, country."""
    out: list[list[str]] = []
    seen: set[str] = set()
    for name, aliases, code in blocks:
        state = code[:3] if code[:3] in states else ""
        sector = code[3:6] if code[3:6] in _SECTORS else "REB"
        names = [_title(n) for n in [name, *aliases] if _kept(n)]
        names = [n for n in dict.fromkeys(names) if n.lower() not in seen]
        if not names:
            continue
        seen.update(n.lower() for n in names)
        out.append([f"ARMED-{len(out) + 1}", names[0], "|".join(names[1:]), sector, state or code])
    return out


def main(argv: list[str]) -> None:
    here = Path(__file__).parent
    with (here / "countries.tsv").open(encoding="utf-8") as handle:
        states = {r["code"] for r in csv.DictReader(handle, delimiter="\t")}
    table = rows(parse(Path(argv[1])), states)
    header = ["code", "name", "aliases", "sector", "country"]
    target = here / "armed_groups_phoenix.tsv.gz"
    write_table(target, header, table)
    print(f"{len(table)} armed groups → {target}")


if __name__ == "__main__":
    main(sys.argv)
