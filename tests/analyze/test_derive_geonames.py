"""``data/actors/derive_geonames.py``: which GeoNames towns become actor places, on made-up towns."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "data" / "actors"))

from derive_geonames import DOMINANCE, MIN_KNOWN, MIN_POPULATION, City, derive, is_surface  # noqa: E402

STATES = {"FRA": "France", "USA": "United States", "GBR": "United Kingdom", "IRQ": "Iraq", "BIH": "Bosnia",
          "DNK": "Denmark"}


def town(name: str, country: str, population: int = 50_000, known: int = 30) -> City:
    return City(name, country, population, known)


def codes(cities: list[City], blocked: set[str] | None = None, words: set[str] | None = None) -> dict[str, str]:
    return {alias: code for alias, code, _ in derive(cities, STATES, blocked or set(), words or set())}


def test_a_shared_name_needs_a_far_larger_or_far_better_known_owner() -> None:
    """"Paris" is France (Paris, Texas is far smaller); "Birmingham" is left out (UK or Alabama)."""
    cities = [town("Paris", "FRA", 2_000_000, 100), town("Paris", "USA", 25_000, 20),
              town("Birmingham", "GBR", 1_000_000, 50), town("Birmingham", "USA", 200_000, 38),
              town("Fameville", "GBR", 20_000, 300), town("Fameville", "USA", 30_000, 12)]
    found = codes(cities)
    assert found["Paris"] == "FRA"
    assert "Birmingham" not in found
    assert found["Fameville"] == "GBR"  # ten times the names in other languages: the one known abroad
    assert DOMINANCE * 200_000 > 1_000_000


def test_small_unknown_reserved_and_ordinary_names_are_left_out() -> None:
    cities = [town("Smallton", "USA", MIN_POPULATION - 1), town("Quietton", "USA", known=MIN_KNOWN - 1),
              town("Hassan", "IRQ"), town("Reading", "GBR"), town("Port Said", "FRA"), town("Goražde", "BIH")]
    found = codes(cities, blocked={"hassan"}, words={"reading", "port said"})
    assert found == {"Goražde": "BIH", "Gorazde": "BIH"}  # both spellings are matched in text


def test_foreign_function_words_are_left_out_for_small_towns() -> None:
    """ "Auch" (a French town) is German for "also"; a large city keeps such a name."""
    cities = [town("Auch", "FRA", 25_000), town("Tanta", "EGY", 400_000)]
    found = {alias for alias, _, _ in derive(cities, {**STATES, "EGY": "Egypt"}, set(), set(), {"auch", "tanta"})}
    assert found == {"Tanta"}


def test_the_arabic_article_is_dropped_only_where_arabic_is_spoken() -> None:
    found = codes([town("Al Fallūjah", "IRQ"), town("El Pasoville", "USA")])
    assert found["Fallujah"] == found["Al Fallujah"] == found["Al Fallūjah"] == "IRQ"
    assert "Pasoville" not in found and found["El Pasoville"] == "USA"


def test_territories_take_their_state_and_unknown_codes_are_dropped() -> None:
    found = codes([town("Nuuk", "GRL"), town("Laayoune", "ESH")])
    assert found == {"Nuuk": "DNK"}


def test_surfaces_are_written_like_names() -> None:
    assert is_surface("Mazar-e Sharif") and is_surface("Andorra la Vella") and is_surface("McAllen")
    assert not is_surface("ALV") and not is_surface("bei jing") and not is_surface("Ely")
    assert not is_surface("Sector 12")
