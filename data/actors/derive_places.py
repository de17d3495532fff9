"""Derive ``places.tsv`` (place/country alias → ISO alpha-3 and country name) from the Phoenix country dictionary.

Run once by a maintainer who has the Phoenix dictionaries (MIT licence, see README.md)::

    python data/actors/derive_places.py ../shared/data/events/phoenix-dictionaries/Phoenix.Countries.actors.txt

Only country blocks are used (a head line whose current code is a bare three-letter code) and only
their names: aliases, provinces and cities. Person entries are ignored: the Phoenix leaders stop in
~2014, so ``people.json`` is written by hand. Aliases that are also common first names or words
(``VLADIMIR``, ``GEORGIA`` the state …) are dropped so they do not swallow person names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# A bare country code, optionally dated: ">YYMMDD", "<YYYYMMDD", "YYYYMMDD-YYYYMMDD". Phoenix mixes six- and
# eight-digit dates; reading only ">YYMMDD" silently dropped whole blocks (Iraq with Baghdad, Mosul, Samarra;
# South Sudan with Juba), so their cities resolved to nothing.
_CODE = re.compile(r"\[([A-Z]{3})(?:\s+[<>]?\d{6,8}(?:-\d{6,8})?)?\]")
# Aliases that collide with people's names or ordinary words in news text.
_DROP = {
    "vladimir", "molotov", "kirov", "perm", "tula", "chad", "ilmen", "the graveyard of empires",
    "soviet", "sakha", "penza", "nice", "victoria", "jackson", "lincoln", "washington state",
    "gorky", "gorki", "amur", "kursk oblast", "mari el", "altai", "udmurt", "buryat",
}


def _clean(name: str) -> str:
    name = name.split("#", 1)[0].strip().strip("+").strip()
    return name.replace("_", " ").strip().lower()


def parse(path: Path) -> list[tuple[str, str, str]]:
    """(alias, code, country name) triples for every country block of a Phoenix ``.actors`` file."""
    pairs: list[tuple[str, str, str]] = []
    head: list[str] = []
    codes: list[str] = []

    def flush() -> None:
        if head and codes:
            pairs.extend((alias, codes[-1], head[0].title()) for alias in head)

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+"):
            head.append(_clean(line))
            continue
        if line[0].isspace():
            codes.extend(_CODE.findall(line.split("#", 1)[0]))
            continue
        flush()
        head, codes = [_clean(line.split("[", 1)[0])], _CODE.findall(line.split("#", 1)[0])
    flush()
    seen: set[str] = set()
    out = []
    for alias, code, name in pairs:
        if len(alias) < 3 or alias in _DROP or alias in seen or not re.search(r"[a-z]", alias):
            continue
        seen.add(alias)
        out.append((alias, code, name))
    return out


def main(argv: list[str]) -> None:
    pairs = parse(Path(argv[1]))
    target = Path(__file__).with_name("places.tsv")
    lines = ["alias\tcode\tcountry"] + ["\t".join(row) for row in sorted(pairs)]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(pairs)} aliases → {target}")


if __name__ == "__main__":
    main(sys.argv)
