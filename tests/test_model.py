"""Serialisation of records: to_dict / from_dict round trips, nested records, optional fields."""

from __future__ import annotations

import json

from newsdesk.model import (
    Actor,
    Analysis,
    DateMention,
    Event,
    Mention,
    RawDocument,
    Sentence,
    Story,
    from_dict,
    to_dict,
)


def _analysis() -> Analysis:
    putin = Actor("Vladimir Putin", "RUS", "GOV", "President of Russia")
    event = Event("a", 0, "CONSULT", "04", 1, 1.5, actors=(putin,), recipients=(Actor("China", "CHN"),),
                  date="2024-05-16", context=("visit",))
    return Analysis(
        "a",
        (Sentence("a", 0, 0, 20, "Putin went to China."), Sentence("a", 1, 21, 30, "He spoke.")),
        mentions=(Mention("a", 0, 0, 5, "Putin", "PERSON", putin), Mention("a", 0, 14, 19, "China", "GPE")),
        dates=(DateMention("a", 0, 0, 3, "May", "2024-05-01", "2024-05-31", "month"),),
        events=(event,),
        themes=("diplomacy", "energy"),
        sentence_themes=(("diplomacy",), ()),
    )


def test_records_round_trip_through_json() -> None:
    analysis = _analysis()
    plain = json.loads(json.dumps(to_dict(analysis)))
    assert plain["mentions"][1]["actor"] is None and plain["events"][0]["actors"][0]["country"] == "RUS"
    assert list(plain) == ["article_id", "sentences", "mentions", "dates", "events", "themes", "sentence_themes"]
    assert from_dict(Analysis, plain) == analysis
    story = Story("s", "Title", ("a", "b"), "2024-05-16", None, ("Vladimir Putin",), (), None)
    assert from_dict(Story, json.loads(json.dumps(to_dict(story)))) == story


def test_from_dict_converts_ints_to_floats_ignores_unknown_keys_and_keeps_none() -> None:
    event = from_dict(Event, {"article_id": "a", "sentence_index": 0, "plover": "AGREE", "cameo": "03",
                              "quad": 1, "score": 3, "extra": "ignored", "actors": [{"name": "X"}]})
    assert isinstance(event.score, float) and event.score == 3.0
    assert event.actors == (Actor("X"),) and event.date is None
    assert from_dict(Analysis, None) is None


def test_raw_document_content_is_text_in_json_and_bytes_again() -> None:
    doc = RawDocument("n", "src", "café".encode(), "html", hints={"title": "T"})
    plain = to_dict(doc)
    assert plain["content"] == "café" and plain["hints"] == {"title": "T"}
    assert from_dict(RawDocument, plain) == doc
