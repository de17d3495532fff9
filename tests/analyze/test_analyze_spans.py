"""Span tagger, span-based roles, the fast attribute ruler (inline sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import numpy as np

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.classify import EventModels
from newsdesk.analyze.fastrules import FastAttributeRuler
from newsdesk.analyze.spantag import TAGS, SpanTagger, Tok, span_f1, spans, train, viterbi


def _toks(words: list[str], pos: list[str], root: int) -> list[Tok]:
    return [Tok(w, w.lower(), p, p, "ROOT" if i == root else "dep", root, "") for i, (w, p) in enumerate(zip(words, pos, strict=True))]


def test_bio_spans_and_f1() -> None:
    tags = ["B-S", "I-S", "O", "B-T", "I-T", "I-T", "O", "I-R"]
    assert spans(tags) == [("S", 0, 2), ("T", 3, 6), ("R", 7, 8)]
    scores = span_f1([tags], [["B-S", "I-S", "O", "B-T", "I-T", "O", "O", "O"]])
    assert scores["S"] == 1.0 and scores["T"] == 0.0 and 0.0 < scores["all"] < 1.0


def test_viterbi_never_opens_with_inside_tag() -> None:
    emit = np.zeros((3, len(TAGS)))
    emit[:, TAGS.index("I-T")] = 5.0  # the emissions alone would say I-T everywhere
    path = [TAGS[k] for k in viterbi(emit, np.zeros((len(TAGS) + 1, len(TAGS))))]
    assert path[0] != "I-T" and all(
        not (b == "I-T" and a not in ("B-T", "I-T")) for a, b in zip(path, path[1:], strict=False)
    )


def test_perceptron_learns_subject_and_object(tmp_path) -> None:
    rows = []
    pairs = [("Rebels", "soldiers"), ("Police", "protesters"), ("Troops", "villagers"), ("Militants", "guards"),
             ("Gangs", "traders"), ("Pirates", "sailors"), ("Raiders", "herders"), ("Bandits", "travellers")]
    for subj, obj in pairs:
        for verb in ("attacked", "detained"):
            toks = _toks([subj, verb, obj, "."], ["NOUN", "VERB", "NOUN", "PUNCT"], 1)
            rows.append((toks, ["B-S", "O", "B-T", "O"]))
    model = train(rows, epochs=10)
    model.save(tmp_path / "m.npz")
    loaded = SpanTagger.load(tmp_path / "m.npz")
    assert loaded is not None
    unseen = _toks(["Gunmen", "attacked", "farmers", "."], ["NOUN", "VERB", "NOUN", "PUNCT"], 1)
    assert loaded.tag(unseen) == ["B-S", "O", "B-T", "O"]


def test_shipped_tagger_finds_the_source_phrase(analyzer: Analyzer) -> None:
    tagger = EventModels.load().spans
    assert tagger is not None
    from newsdesk.analyze.spantag import sentence_toks

    doc = analyzer.nlp("Iraqi troops attacked rebel positions near the border on Thursday.")
    tags = tagger.tag(sentence_toks(doc[:], {}, analyzer.actors.agents))
    assert spans(tags)[0][:2] == ("S", 0)


def test_place_is_the_recipient_when_no_target_is_parsed(analyzer: Analyzer) -> None:
    event = analyzer.code_sentence("The United Nations sent two hundred observers to Bosnia on Wednesday.")[0]
    assert event.actors and event.actors[0].sector == "IGO"
    assert "BIH" in {r.country for r in event.recipients}


def test_country_name_beats_a_surname(actors: ActorDictionary) -> None:
    actor = actors.resolve("Montenegro", None, "2025-01-01")
    assert actor is not None and actor.country == "MNE"


def test_fast_attribute_ruler_matches_spacy(plain_and_fast: tuple[Any, Any]) -> None:
    plain, fast = plain_and_fast
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    text = ("But the talks, which an envoy called 'a start', ended; they'll resume in Geneva. "
            "Its army didn't withdraw from the two villages near the border.")
    a, b = plain(text), fast(text)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.pos_, str(t.morph), t.lemma_) for t in b]
