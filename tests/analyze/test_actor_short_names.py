"""The short-name rules ``data/actors/derive_people.py`` derives "First Last" and surname aliases with."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "data" / "actors"))

from short_names import ShortNames, common_words, given_variants, split_name, surname_forms  # noqa: E402


def test_split_keeps_particles_with_the_surname() -> None:
    parts = split_name("Omar Hassan Ahmad al Bashir", "SDN")
    assert parts is not None and parts.given == ("Omar", "Hassan", "Ahmad") and parts.surname == ("al", "Bashir")
    assert split_name("Frederik Willem de Klerk", "ZAF").surname == ("de", "Klerk")
    assert split_name("Hu Jintao", "CHN").surname == ("Hu",)  # family name first
    assert split_name("Mugabe") is None


def test_forms() -> None:
    bashir = split_name("Omar Hassan Ahmad al Bashir", "SDN")
    assert surname_forms(bashir) == ["Bashir", "al-Bashir"]
    assert surname_forms(split_name("Frederik Willem de Klerk", "ZAF")) == ["de Klerk"]
    variants = given_variants(bashir, "SDN")
    assert {"Omar al-Bashir", "Omar El Bashir", "Omar Hassan al-Bashir", "Omar Bashir"} <= set(variants)
    assert "Omar Hassan Ahmad al Bashir" not in variants
    assert given_variants(split_name("Jean Bertrand Aristide", "HTI"), "HTI") == ["Jean Aristide", "Jean-Bertrand Aristide"]
    assert given_variants(split_name("Hu Jintao", "CHN"), "CHN") == []


def test_common_words_by_wordnet_and_tagger() -> None:
    common = common_words(["made", "rice", "boys", "grew", "mandela", "mugabe", "bouteflika"])
    assert {"made", "rice", "boys", "grew"} <= common
    assert not {"mandela", "mugabe", "bouteflika"} & common


def test_surnames_only_when_unambiguous() -> None:
    people = [("Robert Mugabe", "ZWE"), ("Salah al Bashir", "JOR"), ("Omar al Bashir", "SDN"),
              ("Hassan Rouhani", "IRN"), ("Ali Hassan", "EGY"), ("Joseph Made", "ZWE"), ("Carlos Paris", "ESP")]
    short = ShortNames(people, reserved={"paris"})
    assert short.surnames("Robert Mugabe", "ZWE") == ["Mugabe"]
    assert short.surnames("Omar al Bashir", "SDN") == []  # two people, two states
    assert short.surnames("Ali Hassan", "EGY") == []  # a first name elsewhere
    assert short.surnames("Joseph Made", "ZWE") == []  # an English word
    assert short.surnames("Carlos Paris", "ESP") == []  # a place
