from __future__ import annotations

import pytest

from newsdesk.analyze.actors import ActorDictionary


@pytest.mark.parametrize(
    ("text", "label", "date", "name", "country", "sector"),
    [
        ("Vladimir Putin", "PERSON", "2024-05-14", "Vladimir Putin", "RUS", "GOV"),
        ("Putin’s", "PERSON", "2024-05-14", "Vladimir Putin", "RUS", "GOV"),
        ("Xi Jinping", "PERSON", "2024-05-14", "Xi Jinping", "CHN", "GOV"),
        ("Donald Trump", "PERSON", "2025-03-01", "Donald Trump", "USA", "GOV"),
        ("Trump", "PERSON", "2024-06-01", "Donald Trump", "USA", "ELI"),
        ("Mark Rutte", "PERSON", "2024-11-01", "Mark Rutte", "NATO", "IGO"),
        ("Rutte", "PERSON", "2023-06-01", "Mark Rutte", "NLD", "GOV"),
        ("Erdoğan", "PERSON", "2024-01-01", "Recep Tayyip Erdogan", "TUR", "GOV"),
    ],
)
def test_people_by_date(actors: ActorDictionary, text, label, date, name, country, sector) -> None:
    actor = actors.resolve(text, label, date)
    assert actor is not None
    assert (actor.name, actor.country, actor.sector) == (name, country, sector)


def test_roles_follow_terms(actors: ActorDictionary) -> None:
    assert actors.resolve("Xi Jinping", "PERSON", "2024-05-14").role == "President of China"
    assert actors.resolve("Li Qiang", "PERSON", "2023-04-01").role == "Premier of China"
    assert actors.resolve("Li Qiang", "PERSON", "2022-04-01").role != "Premier of China"
    assert actors.resolve("Joe Biden", "PERSON", "2024-04-01").role == "President of the United States"
    assert actors.resolve("Joe Biden", "PERSON", "2025-04-01").sector == "ELI"


@pytest.mark.parametrize(
    ("text", "date", "name"),
    [
        ("the Chinese premier", "2024-05-01", "Li Qiang"),
        ("Chinese Premier", "2020-05-01", "Li Keqiang"),
        ("the Russian president", "2024-05-01", "Vladimir Putin"),
        ("the US president", "2022-01-01", "Joe Biden"),
        ("the US Secretary of State", "2025-03-03", "Marco Rubio"),
        ("the German chancellor", "2024-01-01", "Olaf Scholz"),
        ("the German chancellor", "2025-06-01", "Friedrich Merz"),
        ("NATO chief", "2025-01-01", "Mark Rutte"),
        ("Secretary-General of NATO", "2020-01-01", "Jens Stoltenberg"),
    ],
)
def test_titles_by_date(actors: ActorDictionary, text: str, date: str, name: str) -> None:
    actor = actors.resolve(text, None, date)
    assert actor is not None and actor.name == name


@pytest.mark.parametrize(
    ("text", "date", "name", "country"),
    [
        ("the Japanese prime minister", "2019-06-01", "Shinzo Abe", "JPN"),
        ("the Japanese prime minister", "2021-12-01", "Fumio Kishida", "JPN"),
        ("the Japanese foreign minister", "2016-05-01", "Fumio Kishida", "JPN"),
        ("the Turkish prime minister", "2017-03-01", "Binali Yildirim", "TUR"),
        ("the Turkish president", "2017-03-01", "Recep Tayyip Erdogan", "TUR"),
        ("the Iranian foreign minister", "2019-06-01", "Mohammad Javad Zarif", "IRN"),
        ("the Israeli foreign minister", "2022-09-01", "Yair Lapid", "ISR"),
        ("the Ukrainian president", "2016-01-01", "Petro Poroshenko", "UKR"),
        ("the British foreign secretary", "2019-01-01", "Jeremy Hunt", "GBR"),
        ("the Chilean president", "2026-04-01", "José Antonio Kast", "CHL"),
    ],
)
def test_titles_between_2014_and_2022(actors: ActorDictionary, text: str, date: str, name: str,
                                      country: str) -> None:
    """The Phoenix file stops in 2014: these terms come from people.tsv's dated rows (issue #9)."""
    actor = actors.resolve(text, None, date)
    assert actor is not None and (actor.name, actor.country, actor.sector) == (name, country, "GOV")


def test_a_terms_holder_resolves_by_name_in_office_and_after(actors: ActorDictionary) -> None:
    in_office = actors.resolve("Prime Minister Shinzo Abe", "PERSON", "2019-06-01")
    assert in_office is not None and (in_office.country, in_office.sector) == ("JPN", "GOV")
    assert in_office.role == "Prime Minister of Japan"
    later = actors.resolve("Shinzo Abe", "PERSON", "2021-06-01")
    assert later is not None and (later.country, later.sector) == ("JPN", "ELI")
    turkey = actors.holder("TUR", "head_of_government", "2019-01-01")
    assert turkey is not None and turkey.name == "Recep Tayyip Erdogan"  # the office of PM ended in 2018


def test_a_derived_one_word_name_still_names_a_hand_written_person(actors: ActorDictionary) -> None:
    """"Obama" comes from the Phoenix file; the hand-written terms add the office, not a weak surname."""
    obama = actors.resolve("Obama", "PERSON", "2015-06-09")
    assert obama is not None and (obama.name, obama.country, obama.sector) == ("Barack Obama", "USA", "GOV")
    assert actors.weak_person("Obama") is None
    assert actors.resolve("the US president", None, "2015-06-09").name == "Barack Obama"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "label", "country", "sector"),
    [
        ("Beijing", "GPE", "CHN", "GOV"),
        ("the Kremlin", "ORG", "RUS", "GOV"),
        ("the White House", "ORG", "USA", "GOV"),
        ("Washington", "GPE", "USA", "GOV"),
        ("Brussels", "GPE", "EU", "IGO"),
        ("Kyiv", "GPE", "UKR", "GOV"),
        ("Moscow", "GPE", "RUS", "GOV"),
        ("Russian", "NORP", "RUS", None),
        ("Russia", "GPE", "RUS", None),
    ],
)
def test_countries_and_metonyms(actors: ActorDictionary, text, label, country, sector) -> None:
    actor = actors.resolve(text, label, "2024-05-14")
    assert actor is not None
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [("NATO", "NATO", "IGO"), ("the United Nations", "UN", "IGO"), ("SCO", "SCO", "IGO"),
     ("BRICS", "BRICS", "IGO"), ("IAEA", "IAEA", "IGO"), ("Gazprom", "RUS", "BUS"), ("CNPC", "CHN", "BUS")],
)
def test_organisations(actors: ActorDictionary, text: str, country: str, sector: str) -> None:
    actor = actors.resolve(text, "ORG", None)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


def test_agents_and_pronoun_guard(actors: ActorDictionary) -> None:
    officials = actors.resolve("Russian officials", None, None)
    assert officials is not None and (officials.country, officials.sector) == ("RUS", "GOV")
    troops = actors.resolve("Ukrainian troops", None, None)
    assert troops is not None and troops.sector == "MIL"
    assert actors.resolve("us", None, None) is None
    assert actors.resolve("US", "GPE", None).country == "USA"


def test_dictionary_pickles(actors: ActorDictionary) -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(actors))
    assert clone.resolve("Putin", "PERSON", "2024-01-01") == actors.resolve("Putin", "PERSON", "2024-01-01")


def test_places_and_armed_groups(actors: ActorDictionary) -> None:
    """Cities and provinces resolve to their state; armed groups to their home or, when they have
    none, to a non-ISO code (treated like an international body)."""
    assert actors.resolve("Zurich", "GPE").country == "CHE"
    assert "Zurich" in set(actors.surfaces())  # matched in text without statistical NER
    assert actors.entity_label("Montenegro") == "GPE"  # the country, not Portugal's prime minister
    assert actors.resolve("Hizbollah", "ORG").country == "LBN"
    assert actors.resolve("Boko Haram", "ORG").country == "NGA"
    qaeda = actors.resolve("al-Qaeda", "ORG")
    assert qaeda is not None and len(qaeda.country or "") != 3


def test_geonames_towns_resolve_last(actors: ActorDictionary) -> None:
    """Towns Phoenix never listed resolve to their state, both spellings, and are flagged as towns; a
    name any other table holds keeps its meaning ("Paris" the French capital, "Homs" a Phoenix place)."""
    for text in ("Gorazde", "Goražde", "Tuzla", "Gyeongju"):
        actor = actors.resolve(text, "GPE")
        assert actor is not None and actors.town(text), text
    assert actors.resolve("Goražde", "GPE").country == actors.resolve("Tuzla", "GPE").country == "BIH"
    assert "Goražde" in set(actors.surfaces()) and "Gorazde" in set(actors.surfaces())
    paris = actors.resolve("Paris", "GPE")
    assert paris.country == "FRA" and paris.sector == "GOV" and not actors.town("Paris")
    assert not actors.town("Homs") and not actors.town("Vladimir Putin") and not actors.town("Jupiter")
    assert not actors.town("Hassan")  # a name (of people in the dictionary), not the Indian town


def test_place_surface() -> None:
    from newsdesk.analyze.actors import place_surface

    assert place_surface("tel aviv") == "Tel Aviv"
    assert place_surface("bosnia and herzegovina") == "Bosnia and Herzegovina"
    assert place_surface("male") is None and place_surface("u.s.") is None


# ------------------------------------------------------------------ short forms of derived people


@pytest.mark.parametrize(
    ("text", "date", "name", "country"),
    [
        ("Omar al-Bashir", None, "Omar Hassan Ahmad al Bashir", "SDN"),  # given name + surname
        ("Omar Hassan al-Bashir", "1995-06-01", "Omar Hassan Ahmad al Bashir", "SDN"),
        ("Omar El Bashir", "1990-01-01", "Omar Hassan Ahmad al Bashir", "SDN"),  # el- for al-
        ("Carlos Menem", "1995-06-01", "Carlos Saul Menem", "ARG"),
        ("Jean-Bertrand Aristide", "1994-01-01", "Jean Bertrand Aristide", "HTI"),
        ("Mugabe", "2005-01-01", "Robert Mugabe", "ZWE"),  # unambiguous surname of a leader
        ("Yeltsin", "1995-01-01", "Boris Yeltsin", "RUS"),  # aliases the Phoenix file lists without "+"
    ],
)
def test_short_forms_of_derived_people(actors: ActorDictionary, text, date, name, country) -> None:
    actor = actors.resolve(text, "PERSON", date)
    assert actor is not None and (actor.name, actor.country) == (name, country)


def test_surname_alone_only_in_the_persons_era(actors: ActorDictionary) -> None:
    assert actors.named_alone("Mugabe") and actors.named_alone("Menem")
    assert actors.resolve("Menem", "PERSON", "1999-01-01") is not None
    assert actors.resolve("Menem", "PERSON", "2024-01-01") is None  # ten years after his last office
    assert actors.resolve("Mugabe", "PERSON", "1900-01-01") is None
    assert actors.resolve("Carlos Menem", "PERSON", "2024-01-01") is not None  # a full name has no era
    assert not actors.named_alone("Putin")  # hand-written aliases are not surnames alone


@pytest.mark.parametrize("word", ["Made", "Boys", "Grew", "Hills", "Bashir", "Hassan", "Milosevic"])
def test_no_surname_alone_for_words_first_names_or_shared_names(actors: ActorDictionary, word: str) -> None:
    assert not actors.named_alone(word)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Meta said on Tuesday that its new model is open.", []),  # a bare surname: a company here
        ("President Meta said on Tuesday that Albania is open.", ["Ilir Meta"]),  # behind a title
        ("Robert Mugabe arrived. Later Mugabe said he would stay.", ["Robert Mugabe", "Robert Mugabe"]),
        ("Mugabe said he would stay.", []),  # nothing marks it as the leader's name
    ],
)
def test_surname_alone_needs_a_title_or_the_full_name(analyzer, text: str, found: list[str]) -> None:
    mentions = _mentions(analyzer, text, "2005-01-01")
    assert [m.actor.name for m in mentions if m.label == "PERSON" and m.actor] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The convoy reached Tuzla on Monday.", ["BIH"]),
        ("Buses left Gorazde Friday morning.", ["BIH"]),  # a weekday does not join it
        ("In Tuzla, the mayor said the road was open.", ["BIH"]),  # nor does a capitalised function word
        ("Jessica Caldwell, an analyst, said sales rose.", []),  # a surname
        ("Athletic Bilbao signed a keeper.", []),  # a club
    ],
)
def test_geonames_towns_count_only_where_they_stand_alone(analyzer, text: str, found: list[str]) -> None:
    mentions = _mentions(analyzer, text, "2024-01-01")
    assert [m.actor.country for m in mentions if m.actor and analyzer.actors.town(m.text)] == found


def _mentions(analyzer, text: str, date: str) -> list:  # type: ignore[type-arg]
    """The mention finder's mentions in ``text`` as one article of ``date``."""
    from newsdesk.analyze.sentences import sentence_spans, split_sentences

    doc = split_sentences(analyzer.nlp.make_doc(text))
    return analyzer.finder.mentions(doc, sentence_spans(doc), "t", date)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Kenyan elders", "KEN", "CVL"),
        ("Israeli settlers", "ISR", "CVL"),
        ("a Syrian newspaper", "SYR", "JRN"),
        ("Lebanese militias", "LBN", "REB"),
        ("Kampuchean forces", "KHM", "MIL"),  # a former name's demonym
    ],
)
def test_group_nouns_take_the_named_state(actors: ActorDictionary, text: str, country: str, sector: str) -> None:
    actor = actors.resolve(text.removeprefix("a "), None, "1995-01-01")
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(("text", "code"), [("International Labor Office", "ILO"), ("SPLM/A", "SDN"),
                                            ("Islamic Salvation Front", "DZA")])
def test_bodies_named_as_in_news(actors: ActorDictionary, text: str, code: str) -> None:
    actor = actors.resolve(text, "ORG", "1995-01-01")
    assert actor is not None and actor.country == code


def test_common_words_are_not_armed_groups(actors: ActorDictionary) -> None:
    assert actors.resolve("Organization", "ORG", None) is None  # was an alias of Tanzim


def test_a_former_holder_is_not_todays_holder(analyzer) -> None:  # type: ignore[no-untyped-def]
    now = _mentions(analyzer, "The Dutch prime minister spoke.", "2025-03-01")
    assert [m.actor.name for m in now if m.actor] == ["Dick Schoof"]
    for text in ("The former Dutch prime minister spoke.", "The then Dutch prime minister spoke.",
                 "An ex-Dutch prime minister spoke."):
        found = [m.actor for m in _mentions(analyzer, text, "2025-03-01") if m.actor]
        assert found and all(a.name != "Dick Schoof" for a in found), text
        assert found[0].country == "NLD" and found[0].sector == "GOV", text


# ------------------------------------------------------------------ loading: the string-method paths


def _normalise_by_patterns(text: str) -> str:
    """The lookup key as the regular expressions made it before ``normalise`` used string methods."""
    import re
    import unicodedata

    text = text.replace("’", "'").replace("‘", "'")
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", text.lower()).strip(" ,;:!?\"()[]")
    text = re.sub(r"('s|')$", "", text).strip()
    return re.sub(r"^the ", "", text)


def test_normalise_gives_the_patterns_keys() -> None:
    import random

    from newsdesk.analyze.actors import normalise

    pieces = list("ab 'sS’‘,;:!?\"()[].-\t\n\x1c\u00a0\u2003\u200béÉﬁ") + ["the ", "The ", "'s", " 's", "s'"]
    rng = random.Random(6)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(20_000)]
    texts += ["the the Hague's", " The  Kremlin’s ", "(the U.S.)'", "Côte d'Ivoire's", "the", "the ", "'s"]
    assert [normalise(t) for t in texts] == [_normalise_by_patterns(t) for t in texts]


def test_dictionary_files_read_as_dictreader_reads_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from newsdesk.analyze.actors import _read_tsv

    path = tmp_path / "table.tsv"
    path.write_text("name\tcode\taliases\n Ann Lee \tGBR\tLee| A. Lee\n\nBo\tSWE\nCy\t\t\n", encoding="utf-8")
    with open(path, encoding="utf-8", newline="") as handle:
        expected = [{k: (v or "").strip() for k, v in row.items()}
                    for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    assert _read_tsv(path) == expected and len(expected) == 3


# ------------------------------------------------------------------ one person, several offices at once (issue #9)


def _term(country: str, role: str, offices: str, start: str | None, end: str | None, sector: str = "GOV"):  # type: ignore[no-untyped-def]
    from newsdesk.analyze.actors import Term

    return Term(country, sector, role, frozenset(offices.split()), start, end)


def test_concurrent_terms_are_all_in_force() -> None:
    """An invented monarch who reigns over two states from the same day: both reigns count, and a
    text that names the second state gets the second reign, one that names none the first."""
    from newsdesk.analyze.actors import Person

    monarch = Person("Queen Oriel", (
        _term("AAA", "Queen of Avalor", "head_of_state", "2020-03-01", None),
        _term("BBB", "Queen of Brindle", "head_of_state", "2020-03-01", None),
    ))
    assert [t.country for t in monarch.terms_at("2021-01-01")] == ["AAA", "BBB"]
    assert monarch.actor_at("2021-01-01").role == "Queen of Avalor"
    assert monarch.actor_at("2021-01-01", "BBB", "head_of_state").role == "Queen of Brindle"
    assert monarch.actor_at("2021-01-01", "CCC").role == "Queen of Avalor"  # no such reign: the first
    assert monarch.actor_at(None, "BBB").country == "BBB"
    assert monarch.actor_at("2021-01-01", "BBB", "foreign_minister").role == "Queen of Brindle"  # her realm, another title
    assert monarch.terms_at("2019-01-01") == ()


def test_an_undated_text_reads_a_person_whose_terms_all_ended_as_former() -> None:
    """Without a date the reader's present is the file's: a minister whose last term has an end is
    out of office, as a dated text after the end reads them, and a closed "Former …" row (a death)
    is not prefixed twice."""
    from newsdesk.analyze.actors import Person

    left = Person("Tomas Quill", (
        _term("AAA", "Foreign Minister of Avalor", "foreign_minister", "2010-01-05", "2013-02-01"),
        _term("AAA", "Prime Minister of Avalor", "head_of_government", "2015-06-01", "2018-09-09"),
    ))
    undated = left.actor_at(None)
    assert (undated.country, undated.sector, undated.role) == ("AAA", "ELI", "Former Prime Minister of Avalor")
    assert left.actor_at(None) == left.actor_at("2020-01-01")
    assert left.actor_at("2016-01-01").sector == "GOV"
    died = Person("Ines Brook", (
        _term("BBB", "President of Brindle", "head_of_state", "2001-01-01", "2009-01-01"),
        _term("BBB", "Former President of Brindle", "", "2009-01-01", "2016-04-04", sector="ELI"),
    ))
    assert died.actor_at(None).role == died.actor_at("2020-01-01").role == "Former President of Brindle"
    serving = Person("Ana Reyes", (
        _term("AAA", "Foreign Minister of Avalor", "foreign_minister", "2012-01-01", "2016-01-01"),
        _term("AAA", "President of Avalor", "head_of_state", "2022-01-01", None),
    ))
    assert (serving.actor_at(None).sector, serving.actor_at(None).role) == ("GOV", "President of Avalor")


def test_a_derived_person_without_a_date_keeps_the_last_row() -> None:
    """Phoenix rows end in 2014 and end with an undated "elite" row: undated, the last row stands."""
    from newsdesk.analyze.actors import Person

    minister = Person("Old Minister", (
        _term("AAA", "", "", "1990-01-01", "1995-01-01"),
        _term("AAA", "", "", None, None, sector="ELI"),
        _term("AAA", "", "", "2001-01-01", "2004-01-01"),
    ), derived=True)
    assert minister.actor_at(None).sector == "GOV"


@pytest.mark.parametrize(
    ("text", "date", "country", "role"),
    [
        ("the Australian head of state", "2024-05-01", "AUS", "King of Australia"),
        ("Canada's king", "2024-05-01", "CAN", "King of Canada"),
        ("the British king", "2024-05-01", "GBR", "King of the United Kingdom"),
        ("Canadian King Charles III", "2024-05-01", "CAN", "King of Canada"),
        ("Charles III", "2024-05-01", "GBR", "King of the United Kingdom"),
        ("Charles III", None, "GBR", "King of the United Kingdom"),
    ],
)
def test_a_king_of_several_realms_is_each_realms_head_of_state(actors: ActorDictionary, text: str,
                                                                date: str | None, country: str, role: str) -> None:
    actor = actors.resolve(text, "PERSON" if "Charles" in text else None, date)
    assert actor is not None and (actor.name, actor.country, actor.sector, actor.role) == (
        "Charles III", country, "GOV", role)


def test_a_president_who_heads_the_government_holds_both_offices(actors: ActorDictionary) -> None:
    for code, date, name in (("IRN", "2025-01-01", "Masoud Pezeshkian"), ("SYR", "2025-06-01", "Ahmed al-Sharaa")):
        for office in ("head_of_state", "head_of_government"):
            holder = actors.holder(code, office, date)
            assert holder is not None and holder.name == name, (code, office)


def test_undated_people_out_of_office_read_as_former(actors: ActorDictionary) -> None:
    johnson = actors.resolve("Boris Johnson", "PERSON", None)
    assert johnson is not None and (johnson.country, johnson.sector) == ("GBR", "ELI")
    assert johnson.role == "Former Prime Minister of the United Kingdom"
    assert actors.resolve("Boris Johnson", "PERSON", "2020-01-01").sector == "GOV"  # type: ignore[union-attr]
    assert actors.resolve("Shinzo Abe", "PERSON", "2024-01-01").role == "Former Prime Minister of Japan"  # type: ignore[union-attr]
    assert actors.resolve("the British prime minister", None, None).name == "Keir Starmer"  # type: ignore[union-attr]
    putin = actors.resolve("Vladimir Putin", "PERSON", None)
    assert putin is not None and (putin.country, putin.sector) == ("RUS", "GOV")


@pytest.mark.parametrize("date", ["2014-06-01", "2019-06-01", "2022-06-01", "2026-01-01"])
def test_every_office_the_rows_fill_a_title_finds(actors: ActorDictionary, date: str) -> None:
    """``check_coverage.py`` counts rows; a title sees them through ``holder()``: the two agree."""
    import csv
    import importlib.util
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "data" / "actors"
    spec = importlib.util.spec_from_file_location("coverage", data / "check_coverage.py")
    assert spec and spec.loader
    coverage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(coverage)
    with (data / "people.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    filled = [key for key in coverage.holders(rows, date) if key[1] in coverage.OFFICES]
    assert [key for key in filled if actors.holder(key[0], key[1], date) is None] == []
