from __future__ import annotations

import pickle

from newsdesk.analyze import Analyzer
from newsdesk.analyze.relations import relation_series
from newsdesk.analyze.themes import article_themes, sentence_themes
from newsdesk.model import Actor, Analysis, Article, Event, from_dict, to_dict

TEXT = (
    "Putin heads to Beijing\n\n"
    "Russian President Vladimir Putin will travel to China on May 16. The U.S. State Department "
    "criticised the trip.\n"
    "Energy ties:\n"
    "Gazprom and CNPC signed a gas pipeline deal on Thursday, officials said."
)


def _article(text: str = TEXT, date: str | None = "2024-05-14", ident: str = "a1") -> Article:
    return Article(id=ident, name=ident, url=None, title=None, author=None, date=date, language="en",
                   page_type="article", text=text)


def test_sentences_respect_lines_and_abbreviations(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(_article())
    texts = [s.text for s in analysis.sentences]
    assert texts[0] == "Putin heads to Beijing"
    assert "Energy ties:" in texts
    assert any(t.startswith("The U.S. State Department criticised") for t in texts)
    for sentence in analysis.sentences:
        assert TEXT[sentence.start:sentence.end] == sentence.text


def test_analysis_contents(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(_article())
    names = {m.actor.name for m in analysis.mentions if m.actor}
    assert {"Vladimir Putin", "Gazprom"} <= names
    for mention in analysis.mentions:
        assert TEXT[mention.start:mention.end] == mention.text
    assert any(d.date == "2024-05-16" for d in analysis.dates)
    plovers = {e.plover for e in analysis.events}
    assert {"CONSULT", "SUPPORT"} <= plovers  # signing a deal is SUPPORT (PLOVER manual; CAMEO 057)
    assert "energy" in analysis.themes
    assert len(analysis.sentence_themes) == len(analysis.sentences)
    assert from_dict(Analysis, to_dict(analysis)) == analysis


def test_analyze_many_keeps_order_and_pickles(analyzer: Analyzer) -> None:
    articles = [_article(ident=f"a{i}", text=f"Country {i}: Russia and China held talks.") for i in range(3)]
    ids = [a.article_id for a in analyzer.analyze_many(articles, batch_size=2)]
    assert ids == ["a0", "a1", "a2"]
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone._nlp is None
    empty = analyzer.analyze(_article(text="", date=None))
    assert empty.sentences == () and empty.events == ()


def test_themes() -> None:
    assert sentence_themes(["gas", "pipeline", "deal"])[0] == "energy"
    assert "sanctions" in sentence_themes(["western", "sanction", "on", "russia"])
    assert "multilateral bodies" in sentence_themes(["the", "sco", "summit"])
    assert "migration" not in sentence_themes(["deal", "on", "patrol", "along", "the", "disputed", "border"])
    assert "migration" in sentence_themes(["migrant", "cross", "the", "border"])
    assert article_themes([("energy",), ("energy", "diplomacy"), ("diplomacy",), ("energy",)])[0] == "energy"


def _event(date: str, quad: int, score: float, a: str, b: str, **flags: bool) -> Event:
    return Event("x", 0, "CONSULT", "04", quad, score, actors=(Actor("A", a),), recipients=(Actor("B", b),),
                 date=date, **flags)


def test_relation_series() -> None:
    events = [
        _event("2024-05-16", 1, 1.0, "RUS", "CHN"),
        _event("2024-05-16", 4, -9.0, "CHN", "RUS"),
        _event("2024-05-17", 2, 6.0, "RUS", "CHN"),
        _event("2024-05-17", 4, -9.0, "RUS", "CHN", historical=True),
        _event("2024-05-17", 4, -9.0, "RUS", "CHN", hypothetical=True),
        _event("2024-05-17", 4, -9.0, "RUS", "UKR"),
    ]
    days = relation_series(events, "CHN", "RUS")
    assert [r["date"] for r in days] == ["2024-05-16", "2024-05-17"]
    assert days[0]["quad1"] == 1 and days[0]["quad4"] == 1 and days[0]["mean_intensity"] == -4.0
    assert days[1]["events"] == 1
    months = relation_series(events, "RUS", "CHN", freq="month")
    assert months == [{"date": "2024-05-01", "events": 3, "quad1": 1, "quad2": 1, "quad3": 0, "quad4": 1,
                       "mean_intensity": round(-2 / 3, 3)}]
    weeks = relation_series(events, "RUS", "CHN", freq="week")
    assert weeks[0]["date"] == "2024-05-13"


def test_dictionary_only_mode_finds_known_actors() -> None:
    fast = Analyzer(ner=False)
    analysis = fast.analyze(_article())
    assert "ner" not in fast.nlp.pipe_names
    assert {"Vladimir Putin", "Gazprom"} <= {m.actor.name for m in analysis.mentions if m.actor}
