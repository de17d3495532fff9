"""Sentence splitting and the extractive multi-document summariser."""

from __future__ import annotations

from newsdesk.brief.facts import covered, fact_weights, key_facts, trims
from newsdesk.brief.sentences import split_sentences
from newsdesk.brief.summarize import SumDoc, Weights, summarize, summarize_groups


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


# ------------------------------------------------------------------ key facts and fact-aware choice


def test_key_facts_finds_dates_numbers_and_names():
    facts = key_facts("On March 3 the Harbour Authority said 1,200 workers left Port Vale.")
    assert {"date:03-03", "num:1200", "name:harbour authority", "name:port vale"} <= facts
    assert "name:on" not in facts


def test_covered_counts_a_name_inside_a_longer_name():
    assert covered({"name:vale", "num:7"}, "Crews reached Port Vale at dawn.") == {"name:vale"}


def test_trims_drop_anonymous_attribution_but_keep_named_speakers():
    sentence = "Officials said that the flood barrier failed near the old mill on Sunday."
    assert trims(sentence) == ["the flood barrier failed near the old mill on Sunday."]
    tail = "The flood barrier failed near the old mill, according to the regional water board."
    assert trims(tail) == ["The flood barrier failed near the old mill"]
    assert trims("Mayor Ana Ruiz said the flood barrier failed near the old mill on Sunday.") == []
    assert all(t in sentence for t in trims(sentence))


def test_recurring_facts_weigh_more_than_one_off_facts():
    docs = [{"name:port vale", "num:12"}, {"name:port vale"}, {"name:port vale", "num:40"}, {"num:3"}]
    weights = fact_weights(docs)
    assert weights["name:port vale"] > weights["num:12"]
    assert weights["num:3"] > weights["num:40"] * 0.5  # the latest report still counts


FLOOD = [
    SumDoc(
        "f1",
        "A river flood swept through Port Vale on Monday, forcing 900 residents from their homes.",
        "2021-03-01",
    ),
    SumDoc(
        "f2",
        "Engineers in Port Vale inspected the damaged barrier as the water slowly receded.",
        "2021-03-02",
    ),
    SumDoc("f3", "Volunteers handed out blankets and hot soup at a school gym downtown.", "2021-03-03"),
    SumDoc(
        "f4",
        "Insurers in Port Vale estimated flood losses at 40 million dollars for the region.",
        "2021-03-04",
    ),
]


def test_fact_aware_summary_opens_with_the_origin_and_keeps_recurring_names():
    chosen = summarize(FLOOD, max_words=32)
    assert chosen[0] == (FLOOD[0].text, "f1")
    assert "f3" not in [doc for _, doc in chosen]  # no recurring fact, no room for it
    plain = summarize(FLOOD, max_words=32, weights=Weights(facts=0.0, origin_lead=False))
    assert sum(len(t.split()) for t, _ in plain) <= 32


def test_trimmed_candidates_stay_literal_substrings():
    docs = [
        SumDoc(
            "a",
            "Officials said that the Port Vale barrier failed after two days of heavy rain.",
            "2021-03-01",
        ),
        SumDoc(
            "b",
            "Crews in Port Vale rebuilt the barrier within a week, the regional water board said.",
            "2021-03-05",
        ),
    ]
    chosen = summarize(docs, max_words=30, weights=Weights(trim=True))
    texts = {d.id: d.text for d in docs}
    assert chosen and all(text in texts[doc] for text, doc in chosen)
    assert sum(len(t.split()) for t, _ in chosen) <= 30
