"""Target chooser: candidate phrases, their features and the choice (sentences hand-parsed for these tests)."""

from __future__ import annotations

import numpy as np

from newsdesk.analyze.spantag import STATES, TAGS, SpanTagger, Tok, spans
from newsdesk.analyze.targets import Sentence, TargetChooser, candidates, pick, retag, sentence_candidates


def _parsed(rows: list[tuple[str, str, str, str, int]]) -> list[Tok]:
    """(word, part of speech, fine tag, dependency label, head index) rows as tokens."""
    return [Tok(w, w.lower(), p, t, d, h, "") for w, p, t, d, h in rows]


# "Rebels fired rockets at the army base in Homs ."
_FIRED = _parsed([("Rebels", "NOUN", "NNS", "nsubj", 1), ("fired", "VERB", "VBD", "ROOT", 1),
                  ("rockets", "NOUN", "NNS", "dobj", 1), ("at", "ADP", "IN", "prep", 1), ("the", "DET", "DT", "det", 6),
                  ("army", "NOUN", "NN", "compound", 6), ("base", "NOUN", "NN", "pobj", 3), ("in", "ADP", "IN", "prep", 6),
                  ("Homs", "PROPN", "NNP", "pobj", 7), (".", "PUNCT", ".", "punct", 1)])


def _chooser(weights: dict[str, float], first: float = 0.0, more: float = 5.0) -> TargetChooser:
    return TargetChooser({f: i for i, f in enumerate(weights)}, np.array(list(weights.values())), first, more)


def test_candidates_are_noun_phrases_whole_cut_and_without_article() -> None:
    found = candidates(Sentence.of(_FIRED))
    words = {" ".join(t.text for t in _FIRED[a:b]) for a, b in found}
    assert {"Rebels", "rockets", "the army base in Homs", "the army base", "army base", "Homs"} <= words
    assert "army" not in words  # a compound modifier heads no phrase of its own
    assert found[(4, 7)] == 6  # each phrase knows its head


def test_a_phrase_overlapping_the_source_is_no_candidate_and_a_reciprocal_sentence_has_none() -> None:
    tags = ["B-S", "O", "B-T", "O", "O", "O", "O", "O", "O", "O"]
    cands = sentence_candidates(_FIRED, spans(tags))
    assert all(a >= 1 for (a, _), _ in cands) and any(span == (2, 3) for span, _ in cands)
    assert sentence_candidates(_FIRED, spans(["B-R", *["O"] * 9])) == []


def test_features_say_how_the_phrase_hangs_off_its_verb() -> None:
    tags = ["B-S", "O", "B-T", "O", "O", "O", "O", "O", "O", "O"]
    by_span = dict(sentence_candidates(_FIRED, spans(tags)))
    assert "att=prep:at" in by_span[(4, 7)] and "att=dobj" in by_span[(2, 3)]
    assert "tag=True_True" in by_span[(2, 3)] and "tag=False_False" in by_span[(4, 7)]
    assert "srel=after_prep:at" in by_span[(4, 7)] and "full=False" in by_span[(4, 7)]


def test_the_chooser_swaps_the_target_for_the_better_phrase() -> None:
    tags = ["B-S", "O", "B-T", "O", "O", "O", "O", "O", "O", "O"]
    chooser = _chooser({"bias": -1.0, "att=prep:at": 3.0, "full=False": 0.5, "first=DT": 0.2})
    # "the army base" (2.7) beats "army base" (2.5), "Homs" (2.0) and "rockets" (-1); one target only
    assert chooser.choose(_FIRED, tags) == ["B-S", "O", "O", "O", "B-T", "I-T", "I-T", "O", "O", "O"]
    # a second target must pass the higher cut for further targets
    two = _chooser({"bias": -1.0, "att=prep:at": 3.0, "full=False": 0.5, "first=DT": 0.2}, more=1.5)
    assert spans(two.choose(_FIRED, tags)) == [("S", 0, 1), ("T", 4, 7), ("T", 8, 9)]


def test_a_sentence_without_a_target_gets_one_only_above_the_cut() -> None:
    tags = ["B-S", *["O"] * 9]
    weights = {"bias": -1.0, "att=prep:at": 3.0, "full=False": 0.5, "first=DT": 0.2}
    assert _chooser(weights, first=3.0).choose(_FIRED, tags) == tags
    assert spans(_chooser(weights, first=2.0).choose(_FIRED, tags))[1] == ("T", 4, 7)
    recip = ["B-R", *["O"] * 9]
    assert _chooser(weights, first=-9.0).choose(_FIRED, recip) == recip


def test_retag_keeps_sources_and_replaces_every_target() -> None:
    tags = ["B-S", "O", "B-T", "O", "B-T", "I-T", "I-T", "O", "O", "O"]
    cands = [((8, 9), ["x"]), ((0, 1), ["y"])]
    # the tagger had targets, so the best candidate is taken even under the first cut; both old targets go
    assert retag(tags, spans(tags), cands, [-5.0, 9.0], 0.0, 9.0) == ["B-S", *["O"] * 7, "B-T", "O"]
    assert retag(tags, spans(tags), [], [], 0.0, 9.0) == tags


def test_pick_takes_the_best_spans_that_do_not_overlap() -> None:
    assert pick([(0, 3), (1, 2), (4, 5)], [2.0, 3.0, 1.0], 0.0, 0.5, blocked=[(6, 7)]) == [(1, 2), (4, 5)]
    assert pick([(0, 3), (6, 7)], [2.0, 3.0], 0.0, 0.5, blocked=[(6, 7)]) == [(0, 3)]
    assert pick([(0, 3)], [-1.0], 0.0, 0.5) == []


def test_the_chooser_travels_in_the_tagger_file_and_runs_after_decoding(tmp_path) -> None:
    chooser = _chooser({"bias": -1.0, "att=prep:at": 3.0, "full=False": 0.5, "first=DT": 0.2}, first=2.0)
    tagger = SpanTagger(["b"], np.zeros((1, len(TAGS))), np.zeros((len(STATES) + 2, len(STATES))), targets=chooser)
    tagger.save(tmp_path / "spans.npz")
    loaded = SpanTagger.load(tmp_path / "spans.npz", neural=False)
    assert loaded is not None and loaded.targets is not None
    assert loaded.targets.index == chooser.index and loaded.targets.first == 2.0 and loaded.targets.more == 5.0
    np.testing.assert_allclose(loaded.targets.weights, chooser.weights)
    # the tagger's zero weights decode no span; the chooser then finds "the army base"
    assert ("T", 4, 7) in spans(loaded.tag(_FIRED))
    plain = SpanTagger(["b"], np.zeros((1, len(TAGS))), np.zeros((len(STATES) + 2, len(STATES))))
    plain.save(tmp_path / "plain.npz")
    again = SpanTagger.load(tmp_path / "plain.npz", neural=False)
    assert again is not None and again.targets is None


def test_subtree_edges_merged_bottom_up_match_the_walk_and_a_cycle_takes_the_walk() -> None:
    from newsdesk.analyze.targets import _subtree_edges, _walked_edges

    sent = Sentence.of(_FIRED)
    assert sent.edges == _walked_edges(_FIRED) and sent.edges[1] == (0, 10) and sent.edges[6] == (4, 9)
    looped = _parsed([("a", "NOUN", "NN", "nsubj", 1), ("b", "VERB", "VBD", "ROOT", 2), ("c", "NOUN", "NN", "dobj", 1)])
    assert _subtree_edges(looped, Sentence.of(looped).kids) == _walked_edges(looped)


def test_span_counts_answer_for_any_word_of_the_phrase() -> None:
    sent = Sentence.of(_FIRED)
    assert sent.count("propn", 4, 9) == 1 and sent.count("propn", 4, 7) == 0
    assert sent.count("verb", 0, 10) == 1 and sent.count("comma", 0, 10) == 0


def test_features_of_one_phrase_are_those_the_sentence_gives_it() -> None:
    from newsdesk.analyze.targets import features

    found = spans(["B-S", "O", "B-T", "O", "O", "O", "O", "O", "O", "O"])
    cands = dict(sentence_candidates(_FIRED, found))
    for span in ((2, 3), (4, 7), (4, 9), (8, 9)):
        head = max(i for i in range(*span) if not span[0] <= _FIRED[i].head < span[1])
        assert features(Sentence.of(_FIRED), span, head, found) == cands[span]
    assert "len=3" in cands[(4, 7)] and "propn=True_prep:at" in cands[(4, 9)] and "propn=False_prep:at" in cands[(4, 7)]


# "Militants freed the soldiers and policemen ."
_FREED = _parsed([("Militants", "NOUN", "NNS", "nsubj", 1), ("freed", "VERB", "VBD", "ROOT", 1),
                  ("the", "DET", "DT", "det", 3), ("soldiers", "NOUN", "NNS", "dobj", 1), ("and", "CCONJ", "CC", "cc", 3),
                  ("policemen", "NOUN", "NNS", "conj", 3), (".", "PUNCT", ".", "punct", 1)])


def test_a_conjunct_of_the_tagged_target_is_marked_and_the_weight_makes_it_a_second_target() -> None:
    tags = ["B-S", "O", "B-T", "I-T", "O", "O", "O"]  # the tagger marked "the soldiers" only
    sent = Sentence.of(_FREED)
    assert sent.groups == [0, 1, 2, 3, 4, 3, 6]  # "policemen" climbs its conj arc to "soldiers"
    cands = dict(sentence_candidates(_FREED, spans(tags)))
    assert "conjT=-_True" in cands[(5, 6)]  # bare conjunct, no longer than the target + 2
    # the whole coordination overlaps the tagged target and the target itself is not its own conjunct
    assert not any(s.startswith("conjT=") for s in cands[(2, 6)] + cands[(2, 4)])
    weights = {"bias": 0.0, "tag=True_True": 2.0, "first=DT": 1.0}
    assert spans(_chooser(weights, more=0.5).choose(_FREED, tags))[1:] == [("T", 2, 4)]
    with_conj = _chooser({**weights, "conjT=-_True": 1.0}, more=0.5)
    assert spans(with_conj.choose(_FREED, tags))[1:] == [("T", 2, 4), ("T", 5, 6)]


def test_without_a_tagged_target_no_phrase_is_a_conjunct_of_one() -> None:
    cands = sentence_candidates(_FREED, spans(["B-S", *["O"] * 6]))
    assert cands and not any(s.startswith("conjT=") for _, strings in cands for s in strings)


def test_a_bare_conjunct_passes_its_own_lower_cut_and_no_other_second_phrase_does() -> None:
    tags = ["B-S", "O", "B-T", "I-T", "O", "O", "O"]  # the tagger marked "the soldiers" only
    weights = {"bias": 0.0, "tag=True_True": 2.0, "first=DT": 1.0, "conjT=-_True": 0.8}
    # "policemen" scores 0.8: under the general further cut (1.5), over the conjunct cut (0.5)
    assert spans(_chooser(weights, more=1.5).choose(_FREED, tags))[1:] == [("T", 2, 4)]
    lower = TargetChooser(_chooser(weights).index, _chooser(weights).weights, 0.0, 1.5, 0.5)
    assert spans(lower.choose(_FREED, tags))[1:] == [("T", 2, 4), ("T", 5, 6)]
    # "Militants" is no conjunct: with the same score it needs the general cut
    assert pick([(2, 4), (0, 1)], [3.0, 0.8], 0.0, 1.5, bare=[False, False], conj=0.5) == [(2, 4)]
    assert pick([(2, 4), (0, 1)], [3.0, 0.8], 0.0, 1.5, bare=[False, True], conj=0.5) == [(2, 4), (0, 1)]
    # the conjunct cut never lets a first target in where the tagger found none
    assert pick([(5, 6)], [0.8], 1.0, 1.5, bare=[True], conj=0.5) == []


def test_the_conjunct_cut_travels_in_the_file_and_an_older_file_has_none(tmp_path) -> None:
    from newsdesk.analyze.targets import bare_conjunct

    chooser = TargetChooser({"bias": 0}, np.array([0.0]), 1.0, 2.0, 0.5)
    loaded = TargetChooser.from_arrays(chooser.arrays())
    assert loaded is not None and (loaded.first, loaded.more, loaded.conj) == (1.0, 2.0, 0.5)
    older = {**chooser.arrays(), "target_cuts": np.array([1.0, 2.0], dtype=np.float32)}
    old = TargetChooser.from_arrays(older)
    assert old is not None and old.conj == np.inf
    assert bare_conjunct(["bias", "conjT=M_True"]) and not bare_conjunct(["bias", "conjT=M_False"])
    assert not bare_conjunct(["conjT=M_True", "noS"]) and not bare_conjunct([])


def test_the_source_chooser_is_the_target_frame_with_the_roles_swapped(tmp_path) -> None:
    from newsdesk.analyze.targets import swap_roles

    tags = ["B-S", "O", "B-T", "O", "O", "O", "O", "O", "O", "O"]  # Rebels (S), rockets (T)
    assert swap_roles(tags) == ["B-T", "O", "B-S", *["O"] * 7] and swap_roles(swap_roles(tags)) == tags
    assert swap_roles(["B-R", "I-R", "O"]) == ["B-R", "I-R", "O"]
    # sources are re-picked among the phrases that do not overlap a target: "rockets" is never one
    keeps = _chooser({"bias": -1.0, "hdep=nsubj": 3.0})
    assert keeps.choose_sources(_FIRED, tags) == tags
    moves = _chooser({"bias": -1.0, "att=prep:at": 3.0, "full=False": 0.5, "first=DT": 0.2, "hdep=dobj": 9.0})
    assert spans(moves.choose_sources(_FIRED, tags)) == [("T", 2, 3), ("S", 4, 7)]
    # both choosers travel in the tagger's file, the sources under their own names
    tagger = SpanTagger(["b"], np.zeros((1, len(TAGS))), np.zeros((len(STATES) + 2, len(STATES))),
                        targets=_chooser({"bias": -1.0, "att=prep:at": 3.0}, first=1.0), sources=moves)
    tagger.save(tmp_path / "spans.npz")
    loaded = SpanTagger.load(tmp_path / "spans.npz", neural=False)
    assert loaded is not None and loaded.sources is not None and loaded.targets is not None
    assert loaded.sources.index == moves.index and loaded.targets.index != moves.index
    assert "source_cuts" in np.load(tmp_path / "spans.npz").files
    # the tagger's zero weights decode no span; the targets are chosen first (a phrase of "at the army
    # base in Homs"), then the source among the rest: "rockets", which the target chooser left alone
    found = spans(loaded.tag(_FIRED))
    assert found[0] == ("S", 2, 3) and [k for k, _, _ in found] == ["S", "T"] and found[1][1] >= 4
    plain = SpanTagger(["b"], np.zeros((1, len(TAGS))), np.zeros((len(STATES) + 2, len(STATES))), targets=moves)
    plain.save(tmp_path / "plain.npz")
    again = SpanTagger.load(tmp_path / "plain.npz", neural=False)
    assert again is not None and again.targets is not None and again.sources is None


def test_a_chooser_with_no_first_cut_leaves_a_sentence_without_its_role_as_it_is() -> None:
    from newsdesk.analyze.targets import NO_CUT

    tags = ["B-S", *["O"] * 9]  # no target: nothing to re-pick, and nothing may be added
    chooser = _chooser({"bias": 50.0, "att=prep:at": 50.0}, first=NO_CUT)
    assert chooser.choose(_FIRED, tags) == tags
    assert _chooser({"bias": 50.0, "att=prep:at": 50.0}, first=99.0).choose(_FIRED, tags) != tags


def test_both_choosers_may_share_one_parse_view_with_the_same_output() -> None:
    tags = ["B-S", "O", "B-T", "O", "O", "O", "O", "O", "O", "O"]
    targets = _chooser({"bias": -1.0, "att=prep:at": 3.0, "full=False": 0.5, "first=DT": 0.2})
    sources = _chooser({"bias": -1.0, "hdep=nsubj": 3.0, "hdep=dobj": 1.0})
    sent = Sentence.of(_FIRED)
    chosen = targets.choose(_FIRED, tags, sent)
    assert chosen == targets.choose(_FIRED, tags)
    assert sources.choose_sources(_FIRED, chosen, sent) == sources.choose_sources(_FIRED, chosen)
    assert spans(sources.choose_sources(_FIRED, chosen, sent)) == [("S", 0, 1), ("T", 4, 7)]
