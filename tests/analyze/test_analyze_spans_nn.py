"""The neural span emitter: its numpy BiLSTM against a plain reference, loading, fallback, and the
shipped network on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsdesk.analyze.spantag import (
    NN_MODEL,
    SPAN_MODEL,
    STATES,
    TAGS,
    NeuralEmitter,
    SpanTagger,
    Tok,
    quantized,
    spans,
)
from newsdesk.analyze.targets import TargetChooser

DIM, EMBED, HIDDEN = 6, 4, 5


def _random_arrays(rng: np.random.Generator, vocab: int, mix: float = 0.0) -> dict[str, np.ndarray]:
    """Weights in torch's LSTM layout (gates input, forget, cell, output; forward then backward)."""
    return {
        "embed": rng.normal(size=(vocab, EMBED)),
        "w_ih": rng.normal(size=(2, 4 * HIDDEN, DIM + EMBED)),
        "w_hh": rng.normal(size=(2, 4 * HIDDEN, HIDDEN)),
        "bias": rng.normal(size=(2, 4 * HIDDEN)),
        "out_w": rng.normal(size=(len(TAGS), 2 * HIDDEN)),
        "out_b": rng.normal(size=len(TAGS)),
        "trans": rng.normal(size=(len(STATES) + 2, len(STATES))),
        "mix": np.array(mix),
    }


def _reference(arrays: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """The LSTM equations written out, one direction at a time, in float64."""

    def sigmoid(v: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-v))

    outs = []
    for d, order in ((0, range(len(x))), (1, range(len(x) - 1, -1, -1))):
        h, c = np.zeros(HIDDEN), np.zeros(HIDDEN)
        out = np.zeros((len(x), HIDDEN))
        for t in order:
            z = arrays["w_ih"][d] @ x[t] + arrays["w_hh"][d] @ h + arrays["bias"][d]
            i, f, g, o = np.split(z, 4)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            out[t] = h
        outs.append(out)
    return np.concatenate(outs, axis=1) @ arrays["out_w"].T + arrays["out_b"]


def _toks(n: int, rng: np.random.Generator) -> list[Tok]:
    return [Tok(f"w{i}", f"w{i}", "NOUN", "NN", "dep", 0, "", rng.normal(size=DIM).astype(np.float32))
            for i in range(n)]


def test_numpy_bilstm_matches_the_plain_equations() -> None:
    rng = np.random.default_rng(3)
    arrays = _random_arrays(rng, vocab=3)
    net = NeuralEmitter(["w=a", "w=b", "d=nsubj"], arrays)
    toks = _toks(7, rng)
    feats = [["w=a", "d=nsubj"], ["w=zzz"], [], ["w=b"], ["w=a", "w=b"], ["d=nsubj"], ["w=b", "unknown"]]
    bag = np.stack([sum((arrays["embed"][i] for i in ids), np.zeros(EMBED))
                    for ids in ([0, 2], [], [], [1], [0, 1], [2], [1])])
    x = np.concatenate([np.stack([t.vector for t in toks]), bag], axis=1)
    np.testing.assert_allclose(net.emissions(toks, feats), _reference(arrays, x), rtol=1e-4, atol=1e-4)



def test_members_merged_into_one_network_score_their_mean() -> None:
    rng = np.random.default_rng(11)
    members = [_random_arrays(rng, vocab=3) for _ in range(3)]
    stacked = {k: np.stack([a[k] for a in members]) for k in members[0] if k != "mix"}
    merged = NeuralEmitter(["w=a", "w=b", "d=nsubj"], {**stacked, "mix": np.array(0.25)})
    alone = [NeuralEmitter(["w=a", "w=b", "d=nsubj"], a) for a in members]
    toks = _toks(6, rng)
    feats = [["w=a", "d=nsubj"], ["w=zzz"], [], ["w=b"], ["w=a", "w=b"], ["d=nsubj"]]
    mean = sum(net.emissions(toks, feats) for net in alone) / len(alone)
    np.testing.assert_allclose(merged.emissions(toks, feats), mean, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(merged.trans, sum(net.trans for net in alone) / len(alone), rtol=1e-6)
    assert merged.members == 3 and merged.mix == 0.25 and merged.usable(toks)


def test_an_int8_embedding_scores_as_the_float_one_up_to_rounding() -> None:
    rng = np.random.default_rng(13)
    arrays = _random_arrays(rng, vocab=3)
    packed = {k: v for k, v in arrays.items() if k != "embed"} | quantized(arrays["embed"])
    assert packed["embed_q"].dtype == np.int8
    step = np.abs(arrays["embed"]).max() / 127
    exact, rounded = (NeuralEmitter(["w=a", "w=b", "d=nsubj"], a) for a in (arrays, packed))
    np.testing.assert_allclose(rounded.embed, exact.embed, atol=step / 2 + 1e-6)
    toks = _toks(5, rng)
    feats = [["w=a"], ["w=b", "d=nsubj"], [], ["w=a", "w=b"], ["d=nsubj"]]
    gap = np.abs(rounded.emissions(toks, feats) - exact.emissions(toks, feats)).max()
    assert 0 < gap < 0.1

def _perceptron(tmp_path: Path) -> Path:
    """A perceptron file that only knows "w=a" (pushes B-S) and has flat transitions."""
    weights = np.zeros((1, len(TAGS)))
    weights[0, TAGS.index("B-S")] = 1.0
    np.savez(tmp_path / SPAN_MODEL, vocab=np.array(["w=a"]), weights=weights,
             trans=np.zeros((len(STATES) + 2, len(STATES))))
    return tmp_path / SPAN_MODEL


def test_network_beside_the_perceptron_is_loaded_and_the_perceptron_is_the_fallback(tmp_path: Path) -> None:
    file = _perceptron(tmp_path)
    alone = SpanTagger.load(file)
    assert alone is not None and alone.neural is None
    rng = np.random.default_rng(5)
    np.savez(tmp_path / NN_MODEL, vocab=np.array(["w=b"]), **_random_arrays(rng, vocab=1, mix=0.5))
    both = SpanTagger.load(file)
    assert both is not None and both.neural is not None and both.neural.mix == 0.5
    assert SpanTagger.load(file, neural=False).neural is None  # type: ignore[union-attr]
    # the shared index knows both models' features; the perceptron still saves only its own
    assert set(both.index) == {"w=a", "w=b"}
    both.save(tmp_path / "again.npz")
    with np.load(tmp_path / "again.npz") as data:
        assert list(data["vocab"]) == ["w=a"]
    # tokens without tok2vec vectors (a pipeline without a parser) are tagged by the perceptron alone
    bare = [Tok("a", "a", "NOUN", "NN", "ROOT", 0, "")]
    assert both.tag(bare) == alone.tag(bare)
    with_vectors = [Tok("a", "a", "NOUN", "NN", "ROOT", 0, "", rng.normal(size=DIM).astype(np.float32))]
    assert len(both.tag(with_vectors)) == 1


def test_a_network_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    file = _perceptron(tmp_path)
    arrays = _random_arrays(np.random.default_rng(1), vocab=1)
    arrays["trans"] = np.zeros((len(TAGS) + 1, len(TAGS)))  # a first-order BIO model's transitions
    np.savez(tmp_path / NN_MODEL, vocab=np.array(["w=b"]), **arrays)
    tagger = SpanTagger.load(file)
    assert tagger is not None and tagger.neural is None


def test_the_target_chooser_also_re_picks_on_the_mixed_path() -> None:
    """The chooser reads the decoded spans and the parse, not the scores, so it runs after the mixed decode
    too (before, the network path skipped it and lost the chooser's gain)."""
    rows = [("Militants", "NOUN", "NNS", "nsubj", 1), ("shelled", "VERB", "VBD", "ROOT", 1),
            ("trucks", "NOUN", "NNS", "dobj", 1), ("near", "ADP", "IN", "prep", 1), ("the", "DET", "DT", "det", 6),
            ("border", "NOUN", "NN", "compound", 6), ("post", "NOUN", "NN", "pobj", 3), (".", "PUNCT", ".", "punct", 1)]
    toks = [Tok(w, w.lower(), p, t, d, h, "", np.zeros(DIM, dtype=np.float32)) for w, p, t, d, h in rows]
    weights = np.zeros((3, len(TAGS)))
    weights[0, TAGS.index("O")] = 1.0  # "b" is on every token: O unless a word says otherwise
    weights[1, TAGS.index("B-S")] = weights[2, TAGS.index("B-T")] = 5.0
    perceptron = SpanTagger(["b", "w=militants", "w=trucks"], weights, np.zeros((len(STATES) + 2, len(STATES))))
    silent = _random_arrays(np.random.default_rng(2), vocab=1, mix=1.0)  # a network that scores nothing
    for key in ("out_w", "out_b", "trans"):
        silent[key] = np.zeros_like(silent[key])
    mixed = perceptron.with_neural(NeuralEmitter(["w=b"], silent))
    assert mixed.neural is not None and mixed.neural.usable(toks)
    assert spans(mixed.tag(toks)) == [("S", 0, 1), ("T", 2, 3)]
    keys = {"bias": -1.0, "att=prep:near": 3.0}
    mixed.targets = TargetChooser({f: i for i, f in enumerate(keys)}, np.array(list(keys.values())), 0.0, 5.0)
    assert spans(mixed.tag(toks)) == [("S", 0, 1), ("T", 4, 7)]
