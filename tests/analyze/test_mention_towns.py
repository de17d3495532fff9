"""A GeoNames town is matched only where it stands as a name of its own (``mentions._stands_alone``)."""

from __future__ import annotations

import pytest


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
def test_towns_stand_alone(analyzer, text: str, found: list[str]) -> None:
    from newsdesk.analyze.sentences import sentence_spans, split_sentences

    doc = split_sentences(analyzer.nlp.make_doc(text))
    mentions = analyzer.finder.mentions(doc, sentence_spans(doc), "t", "2024-01-01")
    assert [m.actor.country for m in mentions if m.actor and analyzer.actors.town(m.text)] == found
