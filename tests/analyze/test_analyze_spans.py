"""Span tagger, span-based roles, the fast attribute ruler (inline sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import numpy as np

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.classify import EventModels
from newsdesk.analyze.fastrules import FastAttributeRuler
from newsdesk.analyze.spantag import STATES, TAGS, SpanTagger, Tok, span_f1, spans, train, viterbi


def _toks(words: list[str], pos: list[str], root: int) -> list[Tok]:
    return [Tok(w, w.lower(), p, p, "ROOT" if i == root else "dep", root, "") for i, (w, p) in enumerate(zip(words, pos, strict=True))]


def test_bio_spans_and_f1() -> None:
    tags = ["B-S", "I-S", "O", "B-T", "I-T", "I-T", "O", "I-R"]
    assert spans(tags) == [("S", 0, 2), ("T", 3, 6), ("R", 7, 8)]
    scores = span_f1([tags], [["B-S", "I-S", "O", "B-T", "I-T", "O", "O", "O"]])
    assert scores["S"] == 1.0 and scores["T"] == 0.0 and 0.0 < scores["all"] < 1.0


def _decode(emit: np.ndarray) -> list[str]:
    return [STATES[k].tag for k in viterbi(emit, np.zeros((len(STATES) + 2, len(STATES))))]


def test_viterbi_never_opens_with_inside_tag() -> None:
    emit = np.zeros((3, len(TAGS)))
    emit[:, TAGS.index("I-T")] = 5.0  # the emissions alone would say I-T everywhere
    path = _decode(emit)
    assert path[0] != "I-T" and all(
        not (b == "I-T" and a not in ("B-T", "I-T")) for a, b in zip(path, path[1:], strict=False)
    )


def test_viterbi_never_mixes_reciprocal_with_source_or_target() -> None:
    emit = np.zeros((4, len(TAGS)))
    emit[:, TAGS.index("O")] = 0.1
    emit[0, TAGS.index("B-S")] = 3.0
    emit[2, TAGS.index("B-R")] = 2.0  # alone it would tag R here; the sentence's S reading wins
    assert _decode(emit) == ["B-S", "O", "O", "O"]
    emit[2, TAGS.index("B-R")] = 4.0  # now the reciprocal reading is worth more than the source
    assert _decode(emit) == ["O", "O", "B-R", "O"]


def test_end_scores_can_demand_a_target() -> None:
    emit = np.zeros((3, len(TAGS)))
    emit[:, TAGS.index("O")] = 1.0
    emit[2, TAGS.index("B-T")] = 0.5
    trans = np.zeros((len(STATES) + 2, len(STATES)))
    assert [STATES[k].tag for k in viterbi(emit, trans)] == ["O", "O", "O"]
    trans[-1] = [0.0 if st.target else -2.0 for st in STATES]  # learned: sentences have a target
    assert [STATES[k].tag for k in viterbi(emit, trans)] == ["O", "O", "B-T"]


def test_perceptron_learns_subject_and_object(tmp_path) -> None:
    rows = []
    pairs = [("Rebels", "soldiers"), ("Police", "protesters"), ("Troops", "villagers"), ("Militants", "guards"),
             ("Gangs", "traders"), ("Pirates", "sailors"), ("Raiders", "herders"), ("Bandits", "travellers")]
    for subj, obj in pairs:
        for verb in ("attacked", "detained"):
            toks = _toks([subj, verb, obj, "."], ["NOUN", "VERB", "NOUN", "PUNCT"], 1)
            rows.append((toks, ["B-S", "O", "B-T", "O"]))
    seen: list[int] = []
    model = train(rows, epochs=10, on_epoch=lambda epoch, snapshot: seen.append(epoch))
    assert seen == list(range(1, 11))
    model.save(tmp_path / "m.npz")
    loaded = SpanTagger.load(tmp_path / "m.npz")
    assert loaded is not None
    unseen = _toks(["Gunmen", "attacked", "farmers", "."], ["NOUN", "VERB", "NOUN", "PUNCT"], 1)
    assert loaded.tag(unseen) == ["B-S", "O", "B-T", "O"]


def test_model_for_another_decoder_is_refused(tmp_path) -> None:
    np.savez(tmp_path / "old.npz", vocab=np.array(["b"]), weights=np.zeros((1, len(TAGS))),
             trans=np.zeros((len(TAGS) + 1, len(TAGS))))  # the shape of a first-order BIO model
    assert SpanTagger.load(tmp_path / "old.npz") is None


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
