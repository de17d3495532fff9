"""Actor dictionary: who a mention refers to, resolved by the article date.

News names people by title as often as by name ("the Chinese premier", "the Kremlin"), and the
holder of a title changes over time, so people carry dated office terms and titles are resolved
against the term active on the article date. The files live in ``data/actors/`` (see its README);
this module only knows how to load and query them, so the dictionary grows without code changes.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.model import Actor
from newsdesk.paths import data_file

_PERSONLESS_LABELS = {"GPE", "LOC", "FAC", "NORP"}
#: Derived historical office terms (``derive_people.py``): read last, never overriding a hand-written alias.
PHOENIX_PEOPLE = "people_phoenix.tsv.gz"
#: Derived IGOs and NGOs (``derive_organisations.py``), read last in the same way.
PHOENIX_ORGANISATIONS = "organisations_phoenix.tsv.gz"
#: Derived non-state armed groups (``derive_armed_groups.py``), read last in the same way.
PHOENIX_ARMED_GROUPS = "armed_groups_phoenix.tsv.gz"
#: Towns from GeoNames (``derive_geonames.py``): read after everything else, never redefining an alias.
GEONAMES_PLACES = "places_geonames.tsv.gz"
_ORG_LABELS = {"ORG"}
#: The derived people end where the Phoenix dictionary does (its file is dated 2014-01-30): an open
#: term there means "still in office when the file was made", not "in office today".
PHOENIX_HORIZON = "2014-01-30"
#: Years after a person's last office in which a surname alone still names them ("Mugabe" in 2005).
SURNAME_YEARS = 10
#: Years before a person's first office in which a hand-written surname alias already names them (a
#: campaign, a nomination); earlier, "Connolly" or "Castro" is someone else.
SURNAME_LEAD_YEARS = 2


@dataclass(frozen=True)
class Term:
    """One office held from ``start`` (inclusive) to ``end`` (exclusive; None = still held)."""

    country: str
    sector: str
    role: str
    offices: frozenset[str]
    start: str | None
    end: str | None

    def active(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class Person:
    """A person and their office terms in file order. ``derived`` people come from the Phoenix
    file (:data:`PHOENIX_PEOPLE`), whose present is 2014 and whose undated ``ELI`` rows mean "an
    elite at any time": without a date they read as their last row, as Phoenix coded them."""

    name: str
    terms: tuple[Term, ...]
    derived: bool = False

    def terms_at(self, date: str | None) -> tuple[Term, ...]:
        """Every term in force on ``date``, in file order: one person may hold several offices at
        once (Charles III is king of fifteen realms; a president who also heads the government has
        a row for each office). Without a date the reader's present is the file's present: the
        terms with no end. A term with an end is over by then, whether the person left office
        ("Boris Johnson") or died in a closed "Former …" row, so an undated text reads them out of
        office as a dated text after the end does."""
        return tuple(t for t in self.terms if self.in_force(t, date))

    def in_force(self, term: Term, date: str | None) -> bool:
        """Whether ``term`` (one of this person's) is in force on ``date`` (see :meth:`terms_at`)."""
        if date is not None:
            return term.active(date)
        return term is self.terms[-1] if self.derived else term.end is None

    def term_at(self, date: str | None, country: str | None = None, office: str | None = None) -> Term | None:
        """The term in force on ``date`` (see :meth:`terms_at`) for ``country`` and ``office`` where
        the text names them ("the Australian head of state" is Charles III as king of Australia),
        else for ``country`` alone, else the first one in force (by name alone, Charles III is king
        of the United Kingdom)."""
        terms = self.terms_at(date)
        in_country = [t for t in terms if country is None or t.country == country]
        for term in in_country:
            if office is None or office in term.offices:
                return term
        return (in_country or terms or (None,))[0]

    def actor_at(self, date: str | None, country: str | None = None, office: str | None = None) -> Actor:
        """The actor this person is on ``date``: their term in force (:meth:`term_at`), else an
        elite (``ELI``) of the country of the office they held last, else (before any office) of
        the country of their first term."""
        term = self.term_at(date, country, office)
        if term is not None:
            return Actor(self.name, term.country, term.sector, term.role or None)
        past = [t for t in self.terms if t.end is not None and (date is None or t.end <= date)]
        if past:  # out of office: an elite of the country of the office that ended last
            last = max(past, key=lambda t: t.end or "")
            if last.sector == "ELI":  # already a "Former …" row, closed at death: not "Former Former …"
                return Actor(self.name, last.country, "ELI", last.role or None)
            return Actor(self.name, last.country, "ELI", f"Former {last.role}" if last.role else None)
        first = self.terms[0]
        return Actor(self.name, first.country, "ELI", None)

    def era(self, horizon: str | None = None) -> tuple[str | None, str | None]:
        """(first start, last end) of the dated terms; an open end is ``horizon`` (None = today)."""
        dated = [t for t in self.terms if t.start or t.end]
        if not dated:
            return None, None
        starts = [t.start for t in dated if t.start]
        ends = [t.end or horizon for t in dated]
        return (min(starts) if starts else None), (None if None in ends else max(e for e in ends if e))

    def named_alone(self, date: str | None, horizon: str | None = None, lead: int = 0) -> bool:
        """Whether a surname alone may name this person in an article of ``date``: from ``lead``
        years before the first dated term to :data:`SURNAME_YEARS` after the last (any date when
        undated or unknown)."""
        if date is None:
            return True
        start, end = self.era(horizon)
        if start is not None and date < f"{int(start[:4]) - lead:04d}{start[4:]}":
            return False
        return end is None or date[:4] <= str(int(end[:4]) + SURNAME_YEARS)


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@dataclass(frozen=True)
class _Entry:
    """What an alias points to: kind is person | org | seat | capital | country | place."""

    kind: str
    key: str
    sector: str | None = None
    name: str | None = None
    alone: bool = False  # a surname alone: names the person only in their era (:meth:`Person.named_alone`)
    surname: bool = False  # a hand-written one-word alias ("Castro", "Philippe"): needs evidence (:meth:`weak_person`)
    town: bool = False  # a GeoNames town: a place only where it stands as a name of its own (:meth:`town`)
    derived: bool = False  # a derived armed group's name: a name only when written as one (:func:`capitalised`)


def normalise(text: str) -> str:
    """Lookup key: accents and case folded, curly quotes, leading "the" and possessives removed.

    Loading the dictionary normalises ≈ 140,000 aliases (most of its start-up): ASCII text, nearly
    all of them, skips the accent folding, which leaves it unchanged. String methods do what the
    patterns ``\\s+``, ``('s|')$`` and ``^the `` did, for about a third less CPU (``str.split`` splits
    on the characters ``\\s`` matches; ``tests/analyze`` holds both ways equal).
    """
    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.lower().split()).strip(" ,;:!?\"()[]")
    if text.endswith("'s"):
        text = text[:-2].strip()
    elif text.endswith("'"):
        text = text[:-1].strip()
    return text[4:] if text.startswith("the ") else text


#: Place names that are also ordinary capitalised words or first names in news text.
_PLACE_WORDS = {"male", "saga", "tara", "kiwi", "bale", "gand", "sur", "riviera", "champagne", "pampas",
                "eyre", "luta", "naze", "ezo", "ebro", "urga", "tyre", "scot", "aken"}
#: Words kept lower case inside a title-cased place name ("Bosnia and Herzegovina", "Isle of Man").
_PLACE_PARTICLES = {"and", "of", "the", "de", "del", "la", "le", "al", "el", "on", "upon"}


def place_surface(alias: str) -> str | None:
    """How a derived place alias is written in running text ("tel aviv" → "Tel Aviv"), or None.

    Places come lower-cased from the Phoenix dictionary; matched as capitalised names they let a
    run without statistical NER find cities and provinces ("Zurich", "Alaska", "West Bank"), which
    CAMEO and PLOVER code as the state they lie in. Short and ambiguous aliases stay lookup-only.
    """
    words = alias.split()
    if len(alias) < 4 or alias in _PLACE_WORDS or not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return None
    return " ".join(w if i and w in _PLACE_PARTICLES else w[:1].upper() + w[1:] for i, w in enumerate(words))


def capitalised(text: str) -> bool:
    """Whether every word of ``text`` is written as part of a name (particles and numbers aside).

    Derived armed-group names are often ordinary phrases ("The Foundation", "Immediate Action",
    "Red Flag"); in running text "the foundation" or "immediate action" is the phrase, not the group.
    """
    return all(w[:1].isupper() for w in text.split() if w.isalpha() and w.lower() not in _PLACE_PARTICLES)


def acronym(text: str) -> bool:
    """Whether ``text`` is written as a short acronym ("IRA", "GCC", "MB"): letters, all capitals."""
    return 2 <= len(text) <= 5 and text.isalpha() and text.isupper()


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a TSV file with a header, as ``csv.DictReader`` reads them (empty lines skipped,
    missing cells empty), values stripped. Rows are zipped with the header by hand: the dictionary's
    45,000 rows took ``DictReader`` ≈ 0.1 s of every process's start-up."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(rows, [])
            padding = [""] * len(header)
            return [dict(zip(header, [cell.strip() for cell in row] + padding, strict=False)) for row in rows if row]
    except OSError as exc:
        raise InputError(f"{path}: cannot read actor dictionary file ({exc})") from exc


class ActorDictionary:
    """Alias tables for people, organisations, countries, capitals, seats, titles and agents."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.countries: dict[str, Country] = {}
        self.people: dict[str, Person] = {}
        self._index: dict[str, list[_Entry]] = {}
        self._case_sensitive: set[str] = set()
        self._org_country: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.agents: dict[str, str] = {}
        self._title_phrases: list[tuple[str, str]] = []  # titles, longest first (see _split_modifier)
        self._agent_phrases: list[tuple[str, str]] = []
        self._surfaces: list[str] = []
        self._office_holders: list[Person] = []
        self._derived: set[str] = set()
        self._derived_keys: set[str] = set()
        self._aliased: set[str] = set()  # derived people whose rows give another name or a surname
        self._family: dict[str, set[str]] = {}  # last word of a name -> countries of the people it ends
        self._load()

    # ------------------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path | None = None) -> ActorDictionary:
        """Load the dictionary from ``path`` (a directory), default ``data/actors``; cached per path."""
        return _load_cached(str(Path(path) if path else data_file("actors")))

    def _add(self, alias: str, entry: _Entry, surface: bool = True, key: str | None = None) -> None:
        """Index ``alias`` (its key given when the caller has already normalised it)."""
        key = normalise(alias) if key is None else key
        if not key:
            return
        bare = alias.replace(".", "")
        if bare.isupper() and len(bare) <= 3:  # "US", "UN", "AU": never the pronoun "us"
            self._case_sensitive.add(key)
        entries = self._index.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        if surface:
            self._surfaces.append(alias)

    def _load(self) -> None:
        d = self.directory
        for row in _read_tsv(d / "people.tsv"):
            self._load_person(row)
        for row in _read_tsv(d / "organisations.tsv"):
            self._load_org(row, [row["name"], row["code"], *_split(row["aliases"])])
        for row in _read_tsv(d / "countries.tsv"):
            self._load_country(row)
        for row in _read_tsv(d / "places.tsv"):
            self.countries.setdefault(row["code"], Country(row["code"], row["country"]))
            surface = place_surface(row["alias"])
            self._add(row["alias"], _Entry("place", row["code"]), surface=False)
            if surface:
                self._add(surface, _Entry("place", row["code"]))
        self.titles = {normalise(r["title"]): r["office"] for r in _read_tsv(d / "titles.tsv")}
        self.agents = {normalise(r["word"]): r["sector"] for r in _read_tsv(d / "agents.tsv")}
        self._title_phrases = sorted(self.titles.items(), key=lambda kv: -len(kv[0]))
        self._agent_phrases = sorted(self.agents.items(), key=lambda kv: -len(kv[0]))
        self._office_holders = [p for p in self.people.values() if any(t.offices for t in p.terms)]
        if (d / PHOENIX_PEOPLE).exists():
            for row in _read_tsv(d / PHOENIX_PEOPLE):
                self._load_person(row, fallback=True)
        for derived in (PHOENIX_ORGANISATIONS, PHOENIX_ARMED_GROUPS):
            if not (d / derived).exists():
                continue
            for row in _read_tsv(d / derived):  # codes are not text: never aliases
                self._load_org(row, [a for a in [row["name"], *_split(row["aliases"])]
                                     if normalise(a) not in self._index], derived == PHOENIX_ARMED_GROUPS)
        if (d / GEONAMES_PLACES).exists():
            self._load_towns(_read_tsv(d / GEONAMES_PLACES))
        for person in self.people.values():
            words = normalise(person.name).split()
            if len(words) > 1:
                self._family.setdefault(words[-1], set()).update(t.country for t in person.terms)

    def _load_towns(self, rows: list[dict[str, str]]) -> None:
        """GeoNames towns, the lowest priority of all: a name any other table has is skipped, so a
        town never turns a person, organisation or Phoenix place into another state. Aliases are
        stored as news writes them ("Goražde" and "Gorazde"), and both spellings are matched."""
        taken = self.keys()
        for row in rows:
            if normalise(row["alias"]) not in taken:
                self.countries.setdefault(row["code"], Country(row["code"], row["country"]))
                self._add(row["alias"], _Entry("place", row["code"], town=True))

    def _load_org(self, row: dict[str, str], aliases: list[str], derived: bool = False) -> None:
        entry = _Entry("org", row["code"], row["sector"] or "IGO", row["name"], derived=derived)
        self._org_country[row["code"]] = row["country"] or row["code"]
        for alias in aliases:
            self._add(alias, entry)

    def _load_person(self, row: dict[str, str], fallback: bool = False) -> None:
        """One office term. ``fallback`` rows (derived, historical) never touch a person or alias
        the hand-written files define: those are checked and current, the derived ones are not."""
        name = row["name"]
        if fallback and name in self.people and name not in self._derived:
            self._lend_aliases(name, row["aliases"])
            return
        term = Term(
            row["country"],
            row["sector"] or "GOV",
            row["role"],
            frozenset(row["offices"].split()),
            row["start"] or None,
            row["end"] or None,
        )
        old = self.people.get(name)
        self.people[name] = Person(name, (old.terms if old else ()) + (term,), fallback)
        if fallback:
            self._derived.add(name)
            if row["aliases"] or row.get("surnames"):
                self._aliased.add(name)
        for alias in [name, *_split(row["aliases"])]:
            key = normalise(alias)
            if not (fallback and key in self._index and key not in self._derived_keys):
                surname = not fallback and len(alias.split()) == 1
                self._add(alias, _Entry("person", name, surname=surname), key=key)
                if fallback:
                    self._derived_keys.add(key)
        for alias in _split(row.get("surnames") or ""):  # derived only: never shadows any other alias
            key = normalise(alias)
            if key not in self._index:
                self._add(alias, _Entry("person", name, alone=True), key=key)

    def _lend_aliases(self, name: str, aliases: str) -> None:
        """A derived row's one-word aliases for a person the hand-written file defines, where no
        other entry has them. The hand-written terms stand; the derived name ("Obama") keeps naming
        the person as it did before the person got hand-written terms (issue #9 added the US
        president's terms of 2009-2017). It is no surname of the hand-written file, which would ask
        for evidence because "Obama" also ends two names in Equatorial Guinea and Congo. Longer
        derived aliases ("Russian President Vladimir Putin") are not lent: they would join a title
        and a name into one mention where the hand-written aliases find two."""
        for alias in _split(aliases):
            key = normalise(alias)
            if key and len(key.split()) == 1 and key not in self._index:
                self._add(alias, _Entry("person", name), key=key)
                self._derived_keys.add(key)

    def _load_country(self, row: dict[str, str]) -> None:
        code = row["code"]
        self.countries[code] = Country(code, row["name"])
        for alias in [row["name"], *_split(row["aliases"])]:
            self._add(alias, _Entry("country", code))
        for alias in _split(row["demonyms"]):
            self._add(alias, _Entry("demonym", code))
        for capital in _split(row["capital"]):
            self._add(capital, _Entry("capital", code, "GOV"))
        for seat in _split(row["seats"]):
            self._add(seat, _Entry("seat", code, "GOV", seat.removeprefix("the ")))

    def __getstate__(self) -> dict[str, object]:
        return {"directory": self.directory}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(Path(str(state["directory"])))  # type: ignore[misc]

    # ------------------------------------------------------------------------------ queries

    def surfaces(self) -> Iterator[str]:
        """Every alias as written (for a gazetteer matcher over text the NER misses)."""
        yield from self._surfaces

    def keys(self) -> set[str]:
        """Every lookup key (normalised alias): what a lower-priority table must not redefine."""
        return set(self._index)

    def title_surfaces(self) -> Iterator[str]:
        """Title phrases ("premier", "foreign minister") for matching "the Chinese premier"."""
        yield from self.titles

    def _lookup(self, key: str, raw: str) -> list[_Entry]:
        if key in self._case_sensitive and not raw.replace(".", "").strip().isupper():
            return []
        entries = self._index.get(key, [])
        if entries and any(e.derived for e in entries) and not capitalised(raw):
            return [e for e in entries if not e.derived]  # "the foundation": a phrase, not El Rukn
        return entries

    def _entries(self, text: str) -> list[_Entry]:
        """The dictionary entries ``text`` (a mention as written) looks up."""
        raw = text.strip()
        return self._lookup(normalise(raw), raw)

    def needs_evidence(self, text: str) -> str | None:
        """Whether ``text`` names an organisation only where its document backs it up (see
        ``mentions.py``): "derived" for a derived armed group's name ("Black Friday", "Youth",
        "Falcon"), "acronym" for an acronym ("IRA" is also a retirement account, "GCC" a compiler,
        "MB" megabytes); None otherwise. A company's acronym ("BYD", "TSMC") is its brand name."""
        raw = text.strip()
        entries = self._entries(raw)
        if not entries or any(e.kind != "org" for e in entries):
            return None
        if all(e.derived for e in entries):
            return "derived"
        if acronym(raw) and not any(e.sector == "BUS" for e in entries):
            return "acronym"
        return None

    def weak_person(self, text: str) -> str | None:
        """Whether ``text`` names a person only where its document backs it up (see ``mentions.py``):
        "surname" for a hand-written one-word alias that also ends the name of someone of another
        country in the dictionary ("Castro", "Phillips", "Peters": on a crawl mostly a namesake, a
        screwdriver or a cited author; "Putin" and "Xi" end no one else's name), "namesake" for the
        full name of a derived person the dictionary knows by no other name (a minor office holder
        such as Grenada's "Patrick Simmons", who shares the name of a rock guitarist); None otherwise."""
        entries = self._entries(text)
        if not entries or any(e.kind != "person" for e in entries):
            return None
        homes = {t.country for e in entries for t in self.people[e.key].terms}
        if any(e.surname for e in entries) and self._family.get(normalise(text.strip()), set()) - homes:
            return "surname"
        if all(e.key in self._derived and e.key not in self._aliased for e in entries):
            return "namesake"
        return None

    def surname(self, text: str) -> bool:
        """Whether ``text`` is a hand-written one-word alias of a person ("Castro", "Connolly") and
        names nothing else ("Montenegro" is also a country)."""
        entries = self._entries(text)
        return bool(entries) and all(e.kind == "person" for e in entries) and any(e.surname for e in entries)

    def is_state(self, code: str | None) -> bool:
        """Whether ``code`` is a state's (an ISO code), not an international body's or a region's."""
        return code is not None and code in self.countries

    def entity_label(self, text: str) -> str | None:
        """The entity type (spaCy's labels) a dictionary alias stands for, when no NER labelled it.

        Dictionary-only analysis (no statistical NER) still needs countries as GPE and demonyms as
        NORP: story threads and the dashboard tell places from organisations by these labels.
        """
        entries = self._lookup(normalise(text), text.strip())
        kinds = {e.kind for e in entries}
        for kind, label in (("country", "GPE"), ("person", "PERSON"), ("org", "ORG"), ("seat", "ORG"), ("country", "GPE"),
                            ("capital", "GPE"), ("place", "GPE"), ("demonym", "NORP")):
            if kind in kinds:
                return label
        return None

    def body(self, text: str) -> bool:
        """Whether ``text`` names nothing but a public body or a seat of power ("Congress",
        "Pentagon"): such a word is also the last word of many other names ("Mobile World Congress").
        A company is not one: its brand opens product names and follows a verb in a heading ("New
        Apple products", "Join Google's programme"), so a capital before it says little."""
        entries = self._entries(text)
        return bool(entries) and all(e.kind in ("org", "seat") and e.sector != "BUS" for e in entries)

    def named_alone(self, text: str) -> bool:
        """Whether ``text`` is only ever a surname alone ("Mugabe"): such a mention needs a title
        or an earlier full mention of the person to stand (see ``mentions.py``)."""
        entries = self._lookup(normalise(text), text.strip())
        return bool(entries) and all(e.alone for e in entries)

    def town(self, text: str) -> bool:
        """Whether ``text`` names nothing but a GeoNames town ("Buckley", "Tuzla"). Such a name is
        also a surname, a club or part of a longer name often enough ("Jessie Buckley", "Athletic
        Bilbao") that the mention finder keeps it only where no other capitalised word touches it."""
        entries = self._lookup(normalise(text), text.strip())
        return bool(entries) and all(e.town for e in entries)

    def holder(self, code: str, office: str, date: str | None) -> Person | None:
        """The person holding ``office`` for country/organisation ``code`` on ``date``: any of their
        terms in force counts, not only the first (a king of several realms, a president who also
        heads the government)."""
        for person in self._office_holders:
            if any(t.country == code and office in t.offices and person.in_force(t, date) for t in person.terms):
                return person
        return None

    def country_code(self, text: str, strict_case: bool = True) -> str | None:
        """ISO code (or organisation code) for a country, demonym, capital or organisation name.

        ``strict_case=False`` accepts "us" in lower case: inside "us president" it is no pronoun.
        """
        key = normalise(text)
        for entry in self._lookup(key, key.upper() if not strict_case else text.strip()):
            if entry.kind in ("country", "demonym", "capital", "seat", "place"):
                return entry.key
            if entry.kind == "org":
                return entry.key
        return None

    def resolve(self, text: str, label: str | None = None, date: str | None = None) -> Actor | None:
        """The actor ``text`` refers to on ``date`` (ISO), or None when the dictionary has no idea."""
        raw = text.strip()
        key = normalise(raw)
        if not key:
            return None
        direct = self._resolve_entries(self._lookup(key, raw), label, date)
        if direct is not None:
            return direct
        if label not in _PERSONLESS_LABELS:
            person = self._person_suffix(key, date)
            if person is not None:
                return person
        return self._resolve_title(key, date) or self._resolve_agent(key, raw)

    def _resolve_entries(self, entries: list[_Entry], label: str | None, date: str | None) -> Actor | None:
        if not entries:
            return None
        entries = [e for e in entries if not (e.alone and not self._named_alone(e.key, date))]
        if not entries:
            return None
        order = {"person": 0, "org": 1, "seat": 2, "country": 3, "demonym": 3, "capital": 4, "place": 5}
        if label in _PERSONLESS_LABELS or label in _ORG_LABELS or any(e.kind == "country" for e in entries):
            order["person"] = 9  # "Montenegro" the country, not Portugal's prime minister
        entry = min(entries, key=lambda e: order[e.kind])
        if entry.kind == "person":
            return self.people[entry.key].actor_at(date)
        if entry.kind == "org":
            home = self._org_country.get(entry.key, entry.key)
            return Actor(entry.name or entry.key, home, entry.sector)
        country = self.countries.get(entry.key)
        name = country.name if country else entry.key
        if entry.kind == "seat":
            return Actor(entry.name or name, entry.key, "GOV", f"Government of {name}")
        if entry.kind == "capital":
            return Actor(name, entry.key, "GOV")
        return Actor(name, entry.key, None)

    def _named_alone(self, name: str, date: str | None) -> bool:
        """A derived person's surname alone names them only near their time in office."""
        return self.people[name].named_alone(date, PHOENIX_HORIZON if name in self._derived else None)

    def near_office(self, text: str, date: str | None) -> bool:
        """Whether a hand-written surname alias names its person near their time in office: from
        :data:`SURNAME_LEAD_YEARS` before the first term to :data:`SURNAME_YEARS` after the last.
        "Connolly" in 2019 is not Ireland's president of 2025 unless the page names her in full."""
        people = [e.key for e in self._entries(text) if e.surname]
        return any(self.people[name].named_alone(date, lead=SURNAME_LEAD_YEARS) for name in people)

    def _person_suffix(self, key: str, date: str | None) -> Actor | None:
        """ "russian president vladimir putin" → the longest token suffix that names a person, in
        the office the title before the name gives where it is one of theirs ("Canadian King
        Charles III" is the king of Canada)."""
        tokens = key.split()
        for i in range(1, len(tokens)):
            for entry in self._index.get(" ".join(tokens[i:]), []):
                if entry.kind == "person" and not (entry.alone and not self._named_alone(entry.key, date)):
                    person = self.people[entry.key]
                    several = len(person.terms_at(date)) > 1  # else the title cannot choose: skip its lookup
                    title = self._split_modifier(" ".join(tokens[:i]), self._title_phrases) if several else None
                    return person.actor_at(date, *(title or (None, None)))
        return None

    def _split_modifier(self, key: str, phrases: list[tuple[str, str]]) -> tuple[str, str] | None:
        """Split "chinese foreign minister" / "foreign minister of china" into (code, table value).
        ``phrases`` is a table's (phrase, value) pairs sorted longest first once, at load time: the
        longest phrase wins ("foreign minister" before "minister")."""
        for phrase, value in phrases:
            if key.endswith(" " + phrase):
                code = self.country_code(key[: -len(phrase)].strip(), strict_case=False)
            elif key.startswith(phrase + " of "):
                code = self.country_code(key[len(phrase) + 4 :], strict_case=False)
            else:
                continue
            if code:
                return code, value
        return None

    def _resolve_title(self, key: str, date: str | None) -> Actor | None:
        found = self._split_modifier(key, self._title_phrases)
        if found is None:
            return None
        code, office = found
        person = self.holder(code, office, date)
        if person is None and office == "head_of_state":
            office = "head"
            person = self.holder(code, office, date)
        if person is not None:
            return person.actor_at(date, code, office)
        return self._office_actor(key, code)

    def office(self, text: str) -> Actor | None:
        """The office a title names ("Dutch prime minister" → the Netherlands' government), held by no
        one in particular: for "the former Dutch prime minister", whom the date cannot tell."""
        key = normalise(text)
        found = self._split_modifier(key, self._title_phrases)
        return self._office_actor(key, found[0]) if found else None

    def _office_actor(self, key: str, code: str) -> Actor | None:
        return Actor(key.title(), code, "GOV", None) if self.countries.get(code) else None

    def _resolve_agent(self, key: str, raw: str) -> Actor | None:
        """ "Russian officials", "Chinese Foreign Ministry" → the country with the agent's sector."""
        found = self._split_modifier(key, self._agent_phrases)
        if found is None:
            return None
        code, sector = found
        name = re.sub(r"^the\s+", "", raw, flags=re.I).replace("’s", "").replace("'s", "")
        return Actor(name, self._org_country.get(code, code), sector)


@lru_cache(maxsize=4)
def _load_cached(directory: str) -> ActorDictionary:
    return ActorDictionary(Path(directory))
