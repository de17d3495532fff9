"""Sentence splitting and the extractive multi-document summariser."""

from __future__ import annotations

from newsdesk.brief.sentences import split_sentences
from newsdesk.brief.summarize import SumDoc, summarize, summarize_groups


def test_splitter_handles_abbreviations_and_decimals():
    text = (
        "Dr. Lee met Gen. Ivanov in the U.S. capital. Growth was 3.5 per cent in the U.S. "
        'The talks ended. He said "no." Then he left at No. 10 Downing St. on Friday!\nNext line'
    )
    assert split_sentences(text) == [
        "Dr. Lee met Gen. Ivanov in the U.S. capital.",
        "Growth was 3.5 per cent in the U.S.",
        "The talks ended.",
        'He said "no."',
        "Then he left at No. 10 Downing St. on Friday!",
        "Next line",
    ]


DOCS = [
    SumDoc(
        "d1",
        "A major earthquake struck the capital on Tuesday, killing hundreds of residents. "
        "Rescue teams searched collapsed buildings through the night.",
        "2010-01-12",
    ),
    SumDoc(
        "d2",
        "Aid agencies flew water and medical supplies into the capital's damaged airport. "
        "The earthquake destroyed the presidential palace and the main hospital.",
        "2010-01-13",
    ),
    SumDoc(
        "d3",
        "The government said the earthquake death toll had passed 100,000 people. "
        "Foreign rescue teams pulled survivors from the rubble of a hotel.",
        "2010-01-15",
    ),
    SumDoc(
        "d0",
        "Officials warned that aftershocks could bring down more damaged buildings in the capital.",
        "2010-01-14",
    ),
]


def test_summary_is_verbatim_budgeted_and_chronological():
    chosen = summarize(DOCS, max_words=45)
    assert chosen
    assert sum(len(t.split()) for t, _ in chosen) <= 45
    texts = {d.id: d.text for d in DOCS}
    assert all(text in texts[doc] for text, doc in chosen)
    dates = {d.id: d.date for d in DOCS}
    assert [dates[d] for _, d in chosen] == sorted(dates[d] for _, d in chosen)


def test_summary_skips_redundant_copies():
    copy = SumDoc("copy", DOCS[0].text, "2010-01-12")
    chosen = summarize([DOCS[0], copy, DOCS[2]], max_words=60)
    texts = [t for t, _ in chosen]
    assert len(texts) == len(set(texts))


def test_summary_over_budget_and_empty_inputs():
    assert summarize([]) == []
    assert summarize([SumDoc("x", "   ")]) == []
    long = SumDoc("long", "word " * 40 + "end.")
    assert summarize([long], max_words=10) == [(long.text.strip(), "long")]


def test_summarize_groups_contract():
    lines = [
        {"id": "1", "text": DOCS[0].text, "date": "2010-01-12", "group": "quake"},
        {
            "id": "2",
            "text": "Stocks fell sharply on Monday as investors feared a recession.",
            "group": "markets",
        },
        {"id": "3", "text": DOCS[2].text, "date": "2010-01-15", "group": "quake"},
    ]
    out = list(summarize_groups(lines, max_words=40))
    assert [o["group"] for o in out] == ["quake", "markets"]
    assert out[1]["sentences"] == [{"text": lines[1]["text"], "source_id": "2"}]
    assert out[0]["summary"] == " ".join(s["text"] for s in out[0]["sentences"])
    single = list(summarize_groups([{"id": "a", "text": "One plain sentence about the talks today."}]))
    assert single[0]["group"] is None and single[0]["sentences"][0]["source_id"] == "a"
