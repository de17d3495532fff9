"""Derive ``people_phoenix.tsv.gz`` (dated office terms of people up to ~2014) from the Phoenix country dictionary.

Run once by a maintainer who has the Phoenix dictionaries (MIT licence, see README.md)::

    python data/actors/derive_people.py ../shared/data/events/phoenix-dictionaries/Phoenix.Countries.actors.txt

Why: news archives and the dev sets name the leaders of the 1990s–2010s (Mitterrand, Kozyrev,
Obama, al-Bashir) far more often than today's, and an unknown name leaves an event without its
actor. ``people.tsv`` (hand-written, current to 2026) stays authoritative: the loader reads this
file last and skips every alias the hand-written files already use, and its rows carry no
``offices``, so titles ("the Russian president") still resolve through ``people.tsv`` only.

Kept: person blocks (a head name of two or more words) with at least one country code; each
dated code becomes a term, an undated code the fallback term outside them. Aliases are
title-cased (the mention matcher is case-sensitive), and a one-word alias is kept only when it
is one of the person's names other than the first, all people using it share one country, and it is not an ordinary
English word ("Bush" stays, "Brown" and "King" go).

National leaders (a dated ``ELI`` career, CountryInfo's mark of a head of state or government) also get the
short forms news uses (``short_names.py``): "First Last" aliases ("Carlos Menem", "Omar al-Bashir") and, in the
``surnames`` column, the surname alone ("Mugabe") when it is unambiguous and no word, first name or place.
The loader lets a surname alone name the person only near their years in office, and the mention finder
only behind a title or after the full name.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from phoenix import write_table
from short_names import ShortNames

_CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\s*\]")
#: Phoenix codes for states that changed name or code → today's ISO alpha-3 (as coded by analysts).
_RENAMED = {"TMP": "TLS", "KSV": "XKX", "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB", "FRY": "SRB",
            "SRP": "SRB", "DDR": "DEU", "CSK": "CZE", "ROM": "ROU"}
_SECTORS = {"GOV", "ELI", "MIL", "REB", "OPP", "COP", "LEG", "JUD", "SPY", "BUS", "MED", "EDU", "CVL", "LAB"}
#: Surnames that are also ordinary words: as one-word aliases they would swallow text.
_WORDS = {
    "king", "brown", "young", "white", "black", "green", "gray", "grey", "rice", "may", "little", "long",
    "bell", "hope", "love", "wise", "rich", "case", "price", "power", "cook", "hunt", "ward", "page", "stone",
    "wood", "hill", "park", "rose", "west", "north", "south", "east", "said", "sun", "moon", "star", "law",
    "major", "hall", "lord", "new", "best", "good", "bond", "baker", "miller", "smith", "hand", "head",
    "ban", "kim", "lee", "li", "wang", "zhang", "chen", "liu", "ali", "ahmed", "mohammed", "khan", "singh",
    "shah", "hassan", "hussein", "abdullah", "salem", "islam", "allah", "god", "santos", "silva",
    "more", "rule", "chance", "story", "frank", "grant", "mark", "will", "bill", "guy", "jordan", "chad",
    "georgia", "israel", "china", "india", "victoria", "washington", "lincoln", "jackson", "paris",
    "summit", "ministry", "president", "minister", "government", "army", "police", "party", "union",
    "council", "court", "office", "state", "national", "general", "people", "news", "press", "world",
}
_PARTICLES = {"al", "el", "bin", "ben", "ibn", "de", "del", "della", "da", "dos", "du", "van", "von", "der",
              "la", "le", "di", "y", "abu", "bint", "ould"}
_ACRONYMS = {"US", "U.S.", "UK", "U.K.", "UN", "U.N.", "EU", "NATO", "PLO", "ANC", "II", "III", "IV"}
_ISO: set[str] = set()
_COUNTRY_NAMES: set[str] = set()
_PLACES: set[str] = set()  # place aliases ("Bissau"): a one-word person alias must not shadow them


@dataclass(frozen=True)
class Block:
    name: str
    aliases: tuple[str, ...]
    codes: tuple[tuple[str, str, str | None, str | None], ...]  # (country, sector, start, end)


def _date(raw: str | None) -> str | None:
    """yymmdd (or yyyymmdd) → ISO; two-digit years pivot at 2030 (the file stops in 2014)."""
    if not raw:
        return None
    raw = raw.lstrip("<>")
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{1900 + year if year >= 30 else 2000 + year}{raw[2:]}"
    if len(raw) != 8 or not raw.isdigit() or not ("01" <= raw[4:6] <= "12") or raw[6:8] == "00":
        return None
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def _codes(text: str) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for country, sector, first, second in _CODE.findall(text.split("#", 1)[0]):
        country = _RENAMED.get(country, country)
        if country not in _ISO or not sector:
            continue  # a bare country code marks a country or place block, not a person
        sector = sector if sector in _SECTORS else "GOV"
        if first.startswith(">"):
            start, end = _date(first), None
        elif first.startswith("<"):
            start, end = None, _date(first)
        else:
            start, end = _date(first), _date(second)
            if first and start is None:
                continue  # garbled range: better no term than a wrong one
        out.append((country, sector, start, end))
    return out


def _clean(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.split("#", 1)[0].split("[", 1)[0].strip().lstrip("+").replace("_", " ")).strip()


def parse(path: Path) -> list[Block]:
    """Every head entry of a Phoenix ``.actors`` file with its ``+`` aliases and codes."""
    blocks: list[Block] = []
    name, aliases, codes = "", [], []  # type: ignore[var-annotated]

    def flush() -> None:
        if name and codes:
            blocks.append(Block(name, tuple(aliases), tuple(codes)))

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+") or (name and not codes and _bare_alias(line, name)):
            aliases.append(_clean(line))
            codes.extend(_codes(line))
        elif line[0].isspace():
            codes.extend(_codes(line))
        else:
            flush()
            name, aliases, codes = _clean(line), [], _codes(line)
    flush()
    return blocks


def _bare_alias(line: str, name: str) -> bool:
    """A column-0 line with neither codes nor comment that repeats the last word of a head with no
    codes yet: an alias whose ``+`` the file forgot. Boris Yeltsin's block lists "YELTSIN",
    "PRESIDENT_YELTSIN" … that way, so read as heads they left him with no codes and the codes to
    "RUSSIAN_PRESIDENT_YELTSIN". A new head after a code-less block ("PALESTINIAN_AUTHORITY") shares no word."""
    return "#" not in line and "[" not in line and name.split()[-1] in _clean(line).split()


def _title(text: str) -> str:
    """ "OMAR HASSAN AL-BASHIR" → "Omar Hassan al-Bashir" (as news writes it)."""
    words = []
    for i, word in enumerate(text.lower().split()):
        if word.upper() in _ACRONYMS:
            words.append(word.upper())
            continue
        parts = [p if (p in _PARTICLES and (i or "-" in word)) else p[:1].upper() + p[1:] for p in word.split("-")]
        words.append("-".join(parts))
    return " ".join(words)


#: Words of titles and bodies: "PRESIDENT OF THE UNITED STATES" is an office, not a person (titles
#: resolve by date through ``titles.tsv`` and ``people.tsv``).
_NOT_NAMES = {"president", "minister", "secretary", "king", "queen", "prime", "premier", "ambassador", "general",
              "chief", "head", "leader", "spokesman", "spokeswoman", "official", "officials", "government",
              "vice", "deputy", "of", "the", "for", "and", "ministry", "department", "party", "army", "forces",
              "council", "court", "parliament", "senate", "congress", "assembly", "administration", "cabinet",
              "police", "embassy", "office", "commission", "committee", "union", "front", "movement", "state",
              "federal", "national", "republic", "kingdom", "house", "bank", "agency", "chancellor", "governor",
              "mayor", "senator", "commander", "emir", "sultan", "sheikh", "prince", "crown", "foreign", "defense",
              "defence", "interior", "finance", "attorney", "justice", "speaker", "chairman", "director", "military"}


def _is_person(block: Block) -> bool:
    words = block.name.split()
    return (len(words) >= 2 and all(re.fullmatch(r"[A-Z][A-Z'.-]*", w) for w in words)
            and not any(w.lower() in _NOT_NAMES for w in words) and block.name.lower() not in _COUNTRY_NAMES)


def rows(blocks: list[Block], short: ShortNames | None = None) -> list[list[str]]:
    """people.tsv-shaped rows: one per term, the aliases on the first row of each person; with
    ``short``, "First Last" forms join the aliases and the surname alone goes to ``surnames``."""
    people = [b for b in blocks if _is_person(b)]
    surname_countries: dict[str, set[str]] = defaultdict(set)
    for block in people:
        for alias in block.aliases:
            if len(alias.split()) == 1:
                surname_countries[alias.lower()].update(c for c, *_ in block.codes)
    out: list[list[str]] = []
    seen: set[str] = set()
    for block in people:
        name = _title(block.name)
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        aliases = _aliases(Block(block.name, (block.name, *block.aliases), block.codes), surname_countries)
        surnames: list[str] = []
        home = _home(block)
        if short is not None and home is not None and _leader(block):
            aliases += [v for v in short.variants(name, home) if v not in aliases and v != name]
            surnames = [s for s in short.surnames(name, home) if s not in aliases]
        dated = [c for c in block.codes if c[2] or c[3]]
        fallback = [c for c in block.codes if not (c[2] or c[3])][-1:]
        for j, (country, sector, start, end) in enumerate(dated + fallback):
            first = j == 0
            out.append([name, "|".join(aliases) if first else "", country, sector, "", "", start or "", end or "", "",
                        "|".join(surnames) if first else ""])
    return out


def _home(block: Block) -> str | None:
    """The one state a person's codes name, or None for a career across states (short forms of
    such a person are left out: "Bashir" must say which state)."""
    countries = {c for c, *_ in block.codes}
    return countries.pop() if len(countries) == 1 else None


def _leader(block: Block) -> bool:
    """Whether the file marks the person a national leader: CountryInfo gives heads of state and
    government a dated elite (``ELI``) career around their office, ministers only their posts. News
    names leaders by surname alone ("Mugabe", "Menem"); an obscure minister's surname is more often
    a famous namesake the dictionary lacks (a Croatian minister Milosevic, no Slobodan)."""
    return any(sector == "ELI" and start for _, sector, start, _ in block.codes)


def short_names(blocks: list[Block], here: Path) -> ShortNames:
    """The short-name index over every person of the derived and hand-written tables, guarded by
    every single-word place, country, organisation, title and agent alias of the dictionary."""
    people = [(_title(b.name), home) for b in blocks if _is_person(b) and (home := _home(b)) is not None]
    written = [line.split("\t") for line in (here / "people.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    people += [(row[0], row[2]) for row in written if len(row) > 2]
    return ShortNames(people, _reserved(here))


def _reserved(here: Path) -> set[str]:
    """Lower-cased one-word aliases of everything but people, plus the ordinary words of ``_WORDS``."""
    out = set(_WORDS) | {p for p in _PLACES if " " not in p}
    tables = [(here / name).read_text(encoding="utf-8") for name in ("countries.tsv", "organisations.tsv",
                                                                    "titles.tsv", "agents.tsv")]
    tables += [gzip.decompress((here / name).read_bytes()).decode("utf-8")
               for name in ("organisations_phoenix.tsv.gz", "armed_groups_phoenix.tsv.gz")]
    for text in tables:
        for line in text.splitlines()[1:]:
            for cell in line.split("\t"):
                out.update(a.strip().lower().removeprefix("the ") for a in cell.split("|") if " " not in a.strip())
    return out


def _aliases(block: Block, surname_countries: dict[str, set[str]]) -> list[str]:
    names = {w.lower() for w in block.name.split()[1:]}
    out: list[str] = []
    for raw in block.aliases:
        words = raw.split()
        if not words or not re.search(r"[A-Za-z]", raw) or len(raw) < 4:
            continue
        if len(words) == 1:
            word = words[0].lower()
            if word not in names or word in _WORDS or word in _PLACES or len(surname_countries[word]) > 1:
                continue
        alias = _title(raw)
        for variant in (alias, re.sub(r"\b(al|el) ", r"\1-", alias)):
            if variant not in out and variant.lower() != block.name.lower():
                out.append(variant)
    return out


def main(argv: list[str]) -> None:
    here = Path(__file__).parent
    countries = [line.split("\t") for line in (here / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    _ISO.update(row[0] for row in countries)
    _COUNTRY_NAMES.update(row[1].lower() for row in countries)
    _PLACES.update(line.split("\t", 1)[0] for line in (here / "places.tsv").read_text(encoding="utf-8").splitlines())
    blocks = parse(Path(argv[1]))
    table = rows(blocks, short_names(blocks, here))
    header = ["name", "aliases", "country", "sector", "role", "offices", "start", "end", "comment", "surnames"]
    target = here / "people_phoenix.tsv.gz"
    write_table(target, header, table)
    print(f"{len({r[0] for r in table})} people, {len(table)} terms → {target}")


if __name__ == "__main__":
    main(sys.argv)
