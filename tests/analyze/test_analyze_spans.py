"""Span tagger, span-based roles, the fast attribute ruler (inline sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import numpy as np

from newsdesk.analyze import Analyzer
from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.classify import EventModels
from newsdesk.analyze.fastrules import FastAttributeRuler
from newsdesk.analyze.spantag import (
    STATES,
    TAGS,
    SpanTagger,
    Tok,
    coordinated_actors,
    leading_openers,
    mean_of,
    span_f1,
    spans,
    token_features,
    trailing_speakers,
    train,
    viterbi,
)


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


def test_perceptron_learns_from_the_tok2vec_vector(tmp_path) -> None:
    """Rows whose strings are all alike: only the vector tells the source from the target, so the
    dense weights must carry the answer, and survive a save and a load."""
    rng = np.random.default_rng(0)
    src, tgt = rng.normal(size=8), rng.normal(size=8)

    def row(jitter: float) -> list[Tok]:
        words = [("x", src), ("hit", np.zeros(8)), ("x", tgt), (".", np.zeros(8))]
        return [Tok(w, w, "NOUN", "NN", "dep", 1, "", (v + jitter * rng.normal(size=8)).astype(np.float32))
                for w, v in words]

    rows = [(row(0.1), ["B-S", "O", "B-T", "O"]) for _ in range(6)]
    rows += [([rows[0][0][2], rows[0][0][1], rows[0][0][0], rows[0][0][3]], ["B-T", "O", "B-S", "O"])]
    model = train(rows, epochs=10, dense=0.5)
    assert model.dense is not None and model.dense.shape == (8, len(TAGS))
    assert train(rows, epochs=10, dense=0.0).dense is None
    model.save(tmp_path / "d.npz")
    loaded = SpanTagger.load(tmp_path / "d.npz", neural=False)
    assert loaded is not None and loaded.dense is not None
    fresh = row(0.1)
    assert loaded.tag(fresh) == ["B-S", "O", "B-T", "O"]
    assert loaded.tag([fresh[2], fresh[1], fresh[0], fresh[3]]) == ["B-T", "O", "B-S", "O"]


def test_mean_of_perceptrons_scores_their_mean() -> None:
    """Two row orders give two different perceptrons; their mean is one table scoring the mean."""
    rng = np.random.default_rng(1)
    rows = []
    for subj, obj in [("Rebels", "soldiers"), ("Police", "protesters"), ("Troops", "villagers"), ("Gangs", "traders")]:
        toks = [Tok(w, w.lower(), p, p, "ROOT" if i == 1 else "dep", 1, "", rng.normal(size=4).astype(np.float32))
                for i, (w, p) in enumerate([(subj, "NOUN"), ("attacked", "VERB"), (obj, "NOUN"), (".", "PUNCT")])]
        rows.append((toks, ["B-S", "O", "B-T", "O"]))
    a, b = train(rows, epochs=3, seed=0, dense=0.5), train(rows, epochs=3, seed=1, dense=0.5)
    both = mean_of([a, b])
    toks = rows[0][0]
    feats = token_features(toks)
    expect = (a.emissions(feats, toks) + b.emissions(feats, toks)) / 2
    np.testing.assert_allclose(both.emissions(feats, toks), expect, atol=1e-9)
    np.testing.assert_allclose(both.trans, (a.trans + b.trans) / 2)


def _parsed(rows: list[tuple[str, str, str, int]]) -> list[Tok]:
    """Tokens with a hand-written parse: (word, part of speech, dependency label, head index)."""
    return [Tok(w, w.lower(), p, p, d, h, "") for w, p, d, h in rows]


def test_a_speaker_after_the_reported_act_is_not_its_source() -> None:
    # "Rebels shelled the town, the army said." : the act's source is the rebels, the army only reports
    toks = _parsed([("Rebels", "NOUN", "nsubj", 1), ("shelled", "VERB", "ccomp", 7), ("the", "DET", "det", 3),
                    ("town", "NOUN", "dobj", 1), (",", "PUNCT", "punct", 7), ("the", "DET", "det", 6),
                    ("army", "NOUN", "nsubj", 7), ("said", "VERB", "ROOT", 7), (".", "PUNCT", "punct", 7)])
    tags = ["B-S", "O", "B-T", "I-T", "O", "B-S", "I-S", "O", "O"]
    assert trailing_speakers(toks, tags) == ["B-S", "O", "B-T", "I-T", "O", "O", "O", "O", "O"]
    # with no source in the reported clause the speaker is all the sentence has: it stays
    alone = ["O", "O", "B-T", "I-T", "O", "B-S", "I-S", "O", "O"]
    assert trailing_speakers(toks, alone) == alone


def test_a_speaker_before_the_reported_act_stays() -> None:
    # "The army said rebels shelled the town." : the complement follows the speaker
    toks = _parsed([("The", "DET", "det", 1), ("army", "NOUN", "nsubj", 2), ("said", "VERB", "ROOT", 2),
                    ("rebels", "NOUN", "nsubj", 4), ("shelled", "VERB", "ccomp", 2), ("the", "DET", "det", 6),
                    ("town", "NOUN", "dobj", 4), (".", "PUNCT", "punct", 2)])
    tags = ["B-S", "I-S", "O", "B-S", "O", "B-T", "I-T", "O"]
    assert trailing_speakers(toks, tags) == tags


def test_a_span_takes_the_article_before_it() -> None:
    # "Russia condemned the British people and both India ." : "the" modifies a word of the T span
    rows = [("Russia", "PROPN", "NNP", "nsubj", 1), ("condemned", "VERB", "VBD", "ROOT", 1),
            ("the", "DET", "DT", "det", 4), ("British", "ADJ", "JJ", "amod", 4), ("people", "NOUN", "NNS", "dobj", 1),
            ("and", "CCONJ", "CC", "cc", 4), ("both", "DET", "DT", "det", 7), ("India", "PROPN", "NNP", "conj", 4),
            (".", "PUNCT", ".", "punct", 1)]
    toks = [Tok(w, w.lower(), p, t, d, h, "") for w, p, t, d, h in rows]
    tags = ["B-S", "O", "O", "B-T", "I-T", "O", "O", "B-T", "O"]
    # the article joins its span; the quantifier "both" does not
    assert leading_openers(toks, tags) == ["B-S", "O", "B-T", "I-T", "I-T", "O", "O", "B-T", "O"]
    # an article that modifies a word outside the span, or one already tagged, is left alone
    assert leading_openers(toks, ["B-S", "O", "O", "B-T", "O", "O", "O", "O", "O"])[2] == "O"
    assert leading_openers(toks, ["B-S", "O", "B-T", "I-T", "I-T", "O", "O", "O", "O"])[:5] == [
        "B-S", "O", "B-T", "I-T", "I-T"]


def test_coordinated_actors_get_a_span_each() -> None:
    # "Chile , Peru and the rebels thanked Spain and Portugal ." : three sources, two targets
    toks = _parsed([("Chile", "PROPN", "nsubj", 6), (",", "PUNCT", "punct", 0), ("Peru", "PROPN", "conj", 0),
                    ("and", "CCONJ", "cc", 2), ("the", "DET", "det", 5), ("rebels", "NOUN", "conj", 2),
                    ("thanked", "VERB", "ROOT", 6), ("Spain", "PROPN", "dobj", 6), ("and", "CCONJ", "cc", 7),
                    ("Portugal", "PROPN", "conj", 7), (".", "PUNCT", "punct", 6)])
    tags = ["B-S", "I-S", "I-S", "I-S", "I-S", "I-S", "O", "B-T", "I-T", "I-T", "O"]
    # "the rebels" names no one, so the cut before it needs a dictionary word there
    assert coordinated_actors(toks, tags) == ["B-S", "O", "B-S", "I-S", "I-S", "I-S", "O", "B-T", "O", "B-T", "O"]
    agent = [*toks[:5], Tok("rebels", "rebel", "NOUN", "NOUN", "conj", 2, "A:REB"), *toks[6:]]
    assert coordinated_actors(agent, tags)[:6] == ["B-S", "O", "B-S", "O", "B-S", "I-S"]
    # a reciprocal span is the annotators' one phrase for "A and B met": never split
    recip = ["O"] * 7 + ["B-R", "I-R", "I-R", "O"]
    assert coordinated_actors(toks, recip) == recip


def test_a_coordination_inside_a_modifier_or_without_names_stays_whole() -> None:
    # "Hackers hit the state and media websites of Chile ." : "state and media" modify "websites"
    toks = _parsed([("Hackers", "NOUN", "nsubj", 1), ("hit", "VERB", "ROOT", 1), ("the", "DET", "det", 6),
                    ("state", "NOUN", "compound", 6), ("and", "CCONJ", "cc", 3), ("media", "NOUN", "conj", 3),
                    ("websites", "NOUN", "dobj", 1), ("of", "ADP", "prep", 6), ("Chile", "PROPN", "pobj", 7),
                    (".", "PUNCT", "punct", 1)])
    tags = ["B-S", "O", "B-T", "I-T", "I-T", "I-T", "I-T", "I-T", "I-T", "O"]
    assert coordinated_actors(toks, tags) == tags
    # "Air strikes and artillery fire hit Homs ." : two conjuncts, but no actor named on either side
    toks = _parsed([("Air", "NOUN", "compound", 1), ("strikes", "NOUN", "nsubj", 5), ("and", "CCONJ", "cc", 1),
                    ("artillery", "NOUN", "compound", 4), ("fire", "NOUN", "conj", 1), ("hit", "VERB", "ROOT", 5),
                    ("Homs", "PROPN", "dobj", 5), (".", "PUNCT", "punct", 5)])
    tags = ["B-S", "I-S", "I-S", "I-S", "I-S", "O", "B-T", "O"]
    assert coordinated_actors(toks, tags) == tags
    # "LIMA , Peru — Chile joined the pact ." : a dateline the parser reads as a list, commas only
    toks = _parsed([("LIMA", "PROPN", "nsubj", 5), (",", "PUNCT", "punct", 0), ("Peru", "PROPN", "conj", 0),
                    ("—", "PUNCT", "punct", 0), ("Chile", "PROPN", "conj", 2), ("joined", "VERB", "ROOT", 5),
                    ("the", "DET", "det", 7), ("pact", "NOUN", "dobj", 5), (".", "PUNCT", "punct", 5)])
    tags = ["B-S", "I-S", "I-S", "I-S", "I-S", "O", "B-T", "I-T", "O"]
    assert coordinated_actors(toks, tags) == tags


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


def _span_actor(analyzer: Analyzer, text: str, phrase: str) -> str | None:
    """The country :class:`SpanRoles` reads off ``phrase`` tagged as a span of ``text``."""
    from newsdesk.analyze.mentions import token_index
    from newsdesk.analyze.roles import SpanRoles

    doc = analyzer.nlp(text)
    by_token = token_index(doc, analyzer.finder.mentions(doc, [doc[:]], "", None))
    words, n = [t.text for t in doc], len(phrase.split())
    start = next(i for i in range(len(words)) if words[i:i + n] == phrase.split())
    actor = SpanRoles(doc[:], by_token, analyzer.actors.agents, None)._span_actor(start, start + n)
    return actor.country if actor is not None else None


def test_a_phrase_placed_by_a_participle_takes_that_state(analyzer: Analyzer) -> None:
    assert _span_actor(analyzer, "A company based in Ghana has threatened the capital.", "A company") == "GHA"
    text = "A report released on Monday in the Kenyan capital accused the army."
    assert _span_actor(analyzer, text, "A report") == "KEN"
    # a bare "in" phrase says where the talks were, not whose they were
    assert _span_actor(analyzer, "The talks in Nairobi ended without a deal.", "The talks") is None


def test_a_border_span_names_the_phrase_it_locates(analyzer: Analyzer) -> None:
    text = "Rebels shelled Ugandan army posts near the Kenyan border on Sunday."
    assert _span_actor(analyzer, text, "the Kenyan border") == "UGA"
    assert _span_actor(analyzer, "Troops patrolled the Kenyan border on Sunday.", "the Kenyan border") is None


class _CountingTagger:
    """The shipped span tagger, counting the sentences it tags."""

    def __init__(self, tagger: Any) -> None:
        self.tagger, self.calls = tagger, 0

    def tag(self, toks: Any) -> list[str]:
        self.calls += 1
        return self.tagger.tag(toks)


def test_a_sentence_without_an_actor_is_not_tagged_and_its_roles_are_the_same(analyzer: Analyzer) -> None:
    from newsdesk.analyze.mentions import token_index
    from newsdesk.analyze.roles import SpanRoles

    tagger = _CountingTagger(EventModels.load().spans)
    for text, named in (("The company said it would raise prices for its customers next week.", False),
                        ("Protesters blocked the road to the airport on Monday.", False),
                        ("Iraqi troops attacked rebel positions near the border on Thursday.", True)):
        doc = analyzer.nlp(text)
        by_token = token_index(doc, analyzer.finder.mentions(doc, [doc[:]], "", None))
        assert any(m.actor is not None for m in by_token.values()) is named
        before = tagger.calls
        roles = SpanRoles(doc[:], by_token, analyzer.actors.agents, tagger)  # type: ignore[arg-type]
        got = (roles.sources(), roles.targets())
        assert tagger.calls - before == int(named)
        assert got == roles._tag()  # the tagger's own reading gives the same roles
