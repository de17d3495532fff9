"""Fact-preserving sentence compression (newsdesk.brief.compress)."""

from __future__ import annotations

import pytest

from newsdesk.brief.compress import available, compress, is_compression
from newsdesk.brief.llm import support_problems

pytestmark = pytest.mark.skipif(not available(), reason="no spaCy English model installed")

CUT = [
    (
        "The flood barrier failed near the old mill on Sunday, officials said.",
        "The flood barrier failed near the old mill on Sunday.",
    ),
    (
        "Officials said the flood barrier failed near the old mill.",
        "The flood barrier failed near the old mill.",
    ),
    (
        "A bomb exploded in the crowded market, sending shoppers running for cover.",
        "A bomb exploded in the crowded market.",
    ),
    (
        "Meanwhile, the river kept rising through the flooded town centre.",
        "The river kept rising through the flooded town centre.",
    ),
    (
        "The dam, which engineers had long called unsafe, cracked under the pressure.",
        "The dam cracked under the pressure.",
    ),
    (
        "The water board (a public body) ordered the town to be evacuated.",
        "The water board ordered the town to be evacuated.",
    ),
    (
        "Water levels in the old town fell overnight, according to the regional water board.",
        "Water levels in the old town fell overnight.",
    ),
    (  # the cut tail held the question mark: the sentence that is left is a statement
        "The minister opposed the new tax in a television interview, asking who would pay it?",
        "The minister opposed the new tax in a television interview.",
    ),
    (  # the appositive goes, the participle after the "with" phrase stays
        "The chief executive faced hard questions at the hearing, with one senator, the committee "
        "chairman, accusing the firm of complacency.",
        "The chief executive faced hard questions at the hearing, with one senator accusing the firm of complacency.",
    ),
]

KEPT = [
    "Mayor Ana Ruiz said the flood barrier failed near the old mill.",  # a named speaker is a fact
    "A bomb exploded in the crowded market, killing at least seven people.",  # a number word
    "The dam, which was built in the 1960s, cracked under the pressure.",  # a decade
    "In October, Ford's sales fell sharply across the country.",  # a bare month
    "If the talks fail, the union will strike across the whole region.",  # a condition
    '"We will rebuild the barrier," the mayor said.',  # a quote would lose its speaker
    "Water levels fell, according to the Harbour Authority.",  # a named source
    "US troops opened fire on the convoy, killing an aid worker near the border.",  # a casualty
]


@pytest.mark.parametrize(("source", "short"), CUT)
def test_cuts_claimless_constituents(source, short):
    result = compress(source)
    assert result.text == short
    assert result.changed and result.kinds


@pytest.mark.parametrize("source", KEPT)
def test_keeps_facts_conditions_and_speakers_of_quotes(source):
    assert compress(source).text == source


@pytest.mark.parametrize("source", [s for s, _ in CUT] + KEPT)
def test_every_compression_is_supported_by_its_source(source):
    short = compress(source).text
    assert is_compression(short, source)
    assert support_problems(short, [source]) == []


def test_kinds_restrict_the_cuts():
    source = "Meanwhile, the river kept rising through the flooded town centre, officials said."
    assert compress(source, ["opener"]).text == "The river kept rising through the flooded town centre, officials said."
    assert compress(source, []).text == source


def test_is_compression_rejects_added_or_reordered_words():
    source = "The dam cracked under the pressure of the flood."
    assert is_compression("The dam cracked.", source)
    assert not is_compression("The old dam cracked.", source)
    assert not is_compression("The pressure cracked the dam.", source)
