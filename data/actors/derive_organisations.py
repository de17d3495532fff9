"""Derive ``organisations_phoenix.tsv.gz`` (international and non-governmental organisations) from Phoenix.

Run once by a maintainer who has the Phoenix dictionaries (MIT licence, see README.md)::

    python data/actors/derive_organisations.py ../shared/data/events/phoenix-dictionaries/Phoenix.International.actors.txt

Why: reports quote Amnesty International, the Red Cross or the Organization of African Unity as
actors; without them an event loses its actor. ``organisations.tsv`` (hand-written) stays
authoritative: the loader reads this file last and skips every alias the hand-written files use.

Kept: blocks whose code is IGO or NGO with no dated term (dated ones are people: UN secretaries
general, envoys). Names and aliases of one word are dropped (they are acronyms or words that
collide with text: "Interpol" and the like belong in the hand-written file); the rest is
title-cased for the case-sensitive matcher. Multinational companies (MNC) are left out: they
need a home country, which the file does not give.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from phoenix import blocks, body, title_case, write_table

_HEAD_CODE = re.compile(r"\[(IGO|NGO)([A-Z]*)(\s+[<>]?\d+(?:-\d+)?)?\s*\]")


def _clean(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.split("#", 1)[0].split("[", 1)[0].strip().lstrip("+").replace("_", " ")).strip()



def parse(path: Path) -> list[tuple[str, list[str], str]]:
    """(name, aliases, sector) of every IGO/NGO block of a Phoenix international ``.actors`` file."""
    out: list[tuple[str, list[str], str]] = []
    for head, rest in blocks(path):
        lines = [head, *(line for line in rest if not line.startswith("+"))]
        codes = [c for line in lines for c in _HEAD_CODE.findall(body(line))]
        undated = [c for c in codes if not c[2]]
        if codes and len(undated) == len(codes):
            out.append((_clean(head), [_clean(line) for line in rest if line.startswith("+")], undated[0][0]))
    return out


def rows(blocks: list[tuple[str, list[str], str]]) -> list[list[str]]:
    """organisations.tsv-shaped rows; the code is the sector ("IGO", "NGO") prefixed to an index."""
    out: list[list[str]] = []
    seen: set[str] = set()
    for name, aliases, sector in blocks:
        names = [title_case(n) for n in [name, *aliases] if len(n.split()) >= 2 and re.search(r"[A-Za-z]{3}", n)]
        names = [n for n in dict.fromkeys(names) if n.lower() not in seen]
        if not names:
            continue
        seen.update(n.lower() for n in names)
        out.append([f"{sector}-{len(out) + 1}", names[0], "|".join(names[1:]), sector, sector])
    return out


def main(argv: list[str]) -> None:
    table = rows(parse(Path(argv[1])))
    header = ["code", "name", "aliases", "sector", "country"]
    target = Path(__file__).with_name("organisations_phoenix.tsv.gz")
    write_table(target, header, table)
    print(f"{len(table)} organisations → {target}")


if __name__ == "__main__":
    main(sys.argv)
