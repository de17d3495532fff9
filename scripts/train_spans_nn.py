"""Train the neural source/target span emitter (``data/models/event_spans_nn.npz``) and cross-validate it.

Usage (torch is needed here only, never at run time: a venv with newsdesk's requirements plus
``torch==2.13.0``)::

    python scripts/train_spans_nn.py [--cv [--jobs 2] [--json FILE]] [--seeds 0] [--no-mix]
                                     [--mix-ratio 0.5] [--out data/models]

With several ``--seeds`` the networks are trained alike and written as the members of one file
(arrays with a leading member axis), which ``spantag.NeuralEmitter`` merges into one wider network
scoring their mean. The feature embedding is stored as int8 with a scale per row (half the size;
the seed-0 network tags all 1,153 training sentences exactly as its float16 version did).

The network (see ``spantag.NeuralEmitter``): per token spaCy's tok2vec vector next to a summed
embedding of the perceptron's feature strings, one BiLSTM layer, a linear layer to the seven tag
scores and a CRF over the span tagger's twelve decoding states (same constraints, same Viterbi).
Its scores are added to the shipped perceptron's with weight ``mix`` (0 with ``--no-mix``: the
network alone). The parity check (numpy forward pass against torch's on 20 sentences) runs before
anything is written.

What was chosen and how: the sizes in :class:`NetConfig` were set once, never tuned; the schedule
(12 epochs, learning rate decaying linearly to 0) was read off one curve on CV fold 0; the
perceptron weight is ``MIX_RATIO`` x (network score spread / perceptron score spread on training
rows), the ratio chosen on CV fold 0 too (so the CV figures are mildly optimistic). ``--mix-ratio
-1`` picks the weight on an inner split of the training rows instead (position 4 mod 5 held out,
both models trained on the rest). ``--cv`` trains everything inside each of ``span_cv``'s five folds
(fold = position mod 5) and reports the perceptron alone, the network alone and the mix.
Only weights and feature names are written, never sentences.
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_events import EVENTS, SPAN_EPOCHS, SPAN_MIN_EPOCHS, SPAN_SEEDS, span_rows  # noqa: E402

from newsdesk.analyze import spantag  # noqa: E402
from newsdesk.analyze.spantag import (  # noqa: E402
    NN_MODEL,
    STATES,
    NeuralEmitter,
    SpanTagger,
    Tok,
    mean_of,
    span_f1,
    token_features,
    viterbi,
)
from newsdesk.analyze.spantag import train as train_perceptron  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
Row = tuple[list[Tok], list[str]]
MIX_GRID = (0.0, 0.25, 0.5, 1.0, 2.0)  # perceptron weight, in units of the ratio of the two score spreads
SEEDS = "0"  # networks of several seeds ("0,1") are merged into one scoring their mean; measured with the
# perceptron mixed in, two seeds gained nothing over seed 0 on CV folds 0-1 (docs/benchmarks.md, tenth pass)
MIX_RATIO = 0.5  # the shipped perceptron weight in those units (chosen on CV fold 0, see --mix-ratio)


@dataclass(frozen=True)
class NetConfig:
    """The network's size and training; chosen as stated in the report, not tuned per fold."""

    embed: int = 48  # width of the summed feature embedding
    hidden: int = 64  # LSTM units per direction
    dropout: float = 0.3
    feature_drop: float = 0.1  # share of a token's feature strings hidden in training (the word is not memorised)
    lr: float = 2e-3  # decays linearly to 0 over the epochs, so the last epoch's model is the one kept
    batch: int = 16
    epochs: int = 12
    min_count: int = 2  # a feature string seen fewer times in the training rows is left out


@dataclass(frozen=True)
class Prepared:
    """One row as tensors-to-be: its tokens' feature strings and vectors, and its gold states."""

    feats: list[list[str]]
    vectors: np.ndarray
    gold: list[int]


def prepare(rows: Sequence[Row]) -> list[Prepared]:
    return [Prepared(token_features(toks), np.stack([t.vector for t in toks]).astype(np.float32),
                     spantag._gold_states(tags)) for toks, tags in rows]


# ------------------------------------------------------------------------------ the network


class SpanNet(nn.Module):
    """The torch twin of ``NeuralEmitter`` (same layout, so export is a copy) plus the CRF loss."""

    def __init__(self, n_feats: int, dim: int, cfg: NetConfig) -> None:
        super().__init__()
        self.pad = n_feats
        self.embed = nn.Embedding(n_feats + 1, cfg.embed, padding_idx=n_feats)
        nn.init.normal_(self.embed.weight, std=0.1)
        with torch.no_grad():
            self.embed.weight[n_feats].zero_()
        self.lstm = nn.LSTM(dim + cfg.embed, cfg.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * cfg.hidden, len(spantag.TAGS))
        self.drop = nn.Dropout(cfg.dropout)
        self.trans = nn.Parameter(torch.zeros(len(STATES) + 2, len(STATES)))
        self.register_buffer("allowed", torch.from_numpy(spantag._ALLOWED))
        self.register_buffer("emit_of", torch.from_numpy(spantag._EMIT.astype(np.int64)))

    def emissions(self, ids: torch.Tensor, vecs: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """B x T x len(TAGS) tag scores; ``ids`` is B x T x F feature ids (``pad`` where none)."""
        x = torch.cat([vecs, self.embed(ids).sum(dim=2)], dim=2)
        packed = nn.utils.rnn.pack_padded_sequence(self.drop(x), lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=ids.shape[1])
        return self.out(self.drop(h))

    def nll(self, emit: torch.Tensor, gold: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of the gold state paths under the CRF."""
        scores = emit[:, :, self.emit_of]  # B x T x S
        masked = torch.where(self.allowed, self.trans[:-1], torch.full_like(self.trans[:-1], -1e4))
        body, start, end = masked[:-1], masked[-1], self.trans[-1]
        alpha = start + scores[:, 0]
        for t in range(1, scores.shape[1]):
            nxt = torch.logsumexp(alpha[:, :, None] + body[None], dim=1) + scores[:, t]
            alpha = torch.where(mask[:, t, None], nxt, alpha)
        log_z = torch.logsumexp(alpha + end, dim=1)
        lengths = mask.sum(dim=1)
        gold_emit = (scores.gather(2, gold[:, :, None])[:, :, 0] * mask).sum(dim=1)
        steps = body[gold[:, :-1], gold[:, 1:]] * mask[:, 1:]
        last = gold.gather(1, (lengths - 1)[:, None])[:, 0]
        gold_score = start[gold[:, 0]] + gold_emit + steps.sum(dim=1) + end[last]
        return (log_z - gold_score).mean()


def _batch(items: Sequence[Prepared], index: dict[str, int], pad: int, drop: float,
           rng: np.random.Generator | None) -> tuple[torch.Tensor, ...]:
    """Padded tensors of a batch; with ``rng``, each feature string is hidden with probability ``drop``."""
    n, t = len(items), max(len(p.gold) for p in items)
    width = max(len(fs) for p in items for fs in p.feats)
    ids = np.full((n, t, width), pad, dtype=np.int64)
    vecs = np.zeros((n, t, items[0].vectors.shape[1]), dtype=np.float32)
    gold = np.zeros((n, t), dtype=np.int64)
    mask = np.zeros((n, t), dtype=bool)
    for b, p in enumerate(items):
        for i, fs in enumerate(p.feats):
            known = [index[f] for f in fs if f in index]
            if rng is not None and drop:
                known = [k for k in known if rng.random() >= drop]
            ids[b, i, :len(known)] = known
        vecs[b, :len(p.gold)] = p.vectors
        gold[b, :len(p.gold)] = p.gold
        mask[b, :len(p.gold)] = True
    lengths = torch.from_numpy(mask.sum(axis=1))
    return (torch.from_numpy(ids), torch.from_numpy(vecs), lengths, torch.from_numpy(gold),
            torch.from_numpy(mask))


def feature_vocab(data: Sequence[Prepared], min_count: int) -> list[str]:
    counts = Counter(f for p in data for fs in p.feats for f in fs)
    return sorted(f for f, c in counts.items() if c >= min_count)


def torch_arrays(net: SpanNet, mix: float = 0.0) -> dict[str, np.ndarray]:
    """The weights in the npz layout ``NeuralEmitter`` reads: torch's LSTM layout, the pad row of the
    embedding dropped, the two LSTM biases summed; float16 except the transitions and the mix."""
    lstm = net.lstm
    arrays = {
        "embed": net.embed.weight[:-1],
        "w_ih": torch.stack([lstm.weight_ih_l0, lstm.weight_ih_l0_reverse]),
        "w_hh": torch.stack([lstm.weight_hh_l0, lstm.weight_hh_l0_reverse]),
        "bias": torch.stack([lstm.bias_ih_l0 + lstm.bias_hh_l0, lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse]),
        "out_w": net.out.weight, "out_b": net.out.bias,
    }
    out = {k: v.detach().numpy().astype(np.float16) for k, v in arrays.items()}
    out["trans"] = net.trans.detach().numpy().astype(np.float32)
    out["mix"] = np.array(mix, dtype=np.float32)
    return out


def export(net: SpanNet, vocab: list[str], mix: float = 0.0) -> NeuralEmitter:
    """The numpy emitter with the network's weights as shipped (float16)."""
    return NeuralEmitter(vocab, torch_arrays(net, mix))


def fit_net(data: Sequence[Prepared], cfg: NetConfig, seed: int, epochs: int,
            on_epoch: Any = None) -> tuple[SpanNet, list[str]]:
    """Adam on the CRF loss for ``epochs`` passes; ``on_epoch(epoch, emitter)`` sees each epoch's model."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    vocab = feature_vocab(data, cfg.min_count)
    index = {f: i for i, f in enumerate(vocab)}
    net = SpanNet(len(vocab), data[0].vectors.shape[1], cfg)
    opt = torch.optim.Adam(net.parameters(), lr=cfg.lr)
    steps = epochs * -(-len(data) // cfg.batch)
    decay = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: max(0.0, 1 - k / steps))
    order = np.arange(len(data))
    for epoch in range(1, epochs + 1):
        net.train()
        rng.shuffle(order)
        for k in range(0, len(order), cfg.batch):
            ids, vecs, lengths, gold, mask = _batch([data[j] for j in order[k:k + cfg.batch]], index, net.pad,
                                                   cfg.feature_drop, rng)
            loss = net.nll(net.emissions(ids, vecs, lengths), gold, mask)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            decay.step()
        net.eval()
        if on_epoch is not None:
            on_epoch(epoch, export(net, vocab))
    return net, vocab


# ------------------------------------------------------------------------------ decoding and scoring


def decode(rows: Sequence[Row], prep: Sequence[Prepared], nets: Sequence[NeuralEmitter],
           perc: list[np.ndarray] | None, perc_trans: np.ndarray | None, mix: float) -> list[list[str]]:
    """Tags of ``rows`` from the networks' mean scores plus ``mix`` x the perceptron's (precomputed);
    no network: the perceptron alone."""
    out = []
    for r, ((toks, _), p) in enumerate(zip(rows, prep, strict=True)):
        if not nets:
            emit, trans = perc[r], perc_trans  # type: ignore[index]
        else:
            emit = sum(net.emissions(toks, p.feats) for net in nets) / len(nets)
            trans = sum(net.trans for net in nets) / len(nets)
            if mix and perc is not None:
                emit, trans = emit + mix * perc[r], trans + mix * perc_trans
        out.append(spantag._tag_of(viterbi(emit, trans)))
    return out


def spread_ratio(rows: Sequence[Row], prep: Sequence[Prepared], net: NeuralEmitter,
                 perc: list[np.ndarray]) -> float:
    """How much larger the network's score spread is than the perceptron's (the mix grid's unit)."""
    a = np.concatenate([net.emissions(toks, p.feats) for (toks, _), p in zip(rows, prep, strict=True)])
    b = np.concatenate(perc)
    return float(a.std() / max(b.std(), 1e-9))


@dataclass(frozen=True)
class Choice:
    mix: float  # absolute weight of the perceptron's scores
    inner_f1: float
    inner_f1_net: float  # the network alone on the same held-out rows


def perceptron_inner(rows: Sequence[Row]) -> tuple[int, SpanTagger]:
    """``train_events.span_epochs``, keeping the held-out-best inner model too."""
    inner = [r for i, r in enumerate(rows) if i % 5 != 4]
    held = [r for i, r in enumerate(rows) if i % 5 == 4]
    gold = [tags for _, tags in held]
    best: dict[str, Any] = {"f1": -1.0}

    def score(epoch: int, model: SpanTagger) -> None:
        if epoch >= SPAN_MIN_EPOCHS:
            f1 = span_f1(gold, [model.tag(toks) for toks, _ in held])["all"]
            if f1 > best["f1"]:
                best.update(f1=f1, epoch=epoch, model=model)

    train_perceptron(inner, epochs=SPAN_EPOCHS, on_epoch=score)
    return best["epoch"], best["model"]


def choose(rows: Sequence[Row], prep: Sequence[Prepared], cfg: NetConfig, seed: int,
           perc_model: SpanTagger) -> Choice:
    """The perceptron's weight in the mix, picked on the training rows' inner held-out fifth
    (network and perceptron both trained on the other four fifths)."""
    inner = [i for i in range(len(rows)) if i % 5 != 4]
    held = [i for i in range(len(rows)) if i % 5 == 4]
    h_rows, h_prep = [rows[i] for i in held], [prep[i] for i in held]
    gold = [tags for _, tags in h_rows]
    perc = [perc_model.emissions(p.feats, toks) for (toks, _), p in zip(h_rows, h_prep, strict=True)]
    net = export(*fit_net([prep[i] for i in inner], cfg, seed, cfg.epochs))
    unit = spread_ratio(h_rows, h_prep, net, perc)
    found = [(span_f1(gold, decode(h_rows, h_prep, [net], perc, perc_model.trans, r * unit))["all"], -r * unit)
             for r in MIX_GRID]
    f1, neg_mix = max(found)
    return Choice(-neg_mix, round(f1, 4), round(found[0][0], 4))


def fit(rows: Sequence[Row], prep: Sequence[Prepared], cfg: NetConfig, seed: int,
        perc_model: SpanTagger | None) -> tuple[SpanNet, list[str], Choice]:
    """The network trained on all ``rows``, with the mix chosen inside them (none without a perceptron)."""
    choice = choose(rows, prep, cfg, seed, perc_model) if perc_model is not None else Choice(0.0, 0.0, 0.0)
    net, vocab = fit_net(prep, cfg, seed, cfg.epochs)
    return net, vocab, choice


_CV: dict[str, Any] = {}  # what the fold workers read (set before they fork)


def cv_fold(fold: int) -> tuple[dict[str, Any], list[list[str]], dict[str, list[list[str]]]]:
    """One of ``span_cv``'s folds: its figures, gold tags and each variant's tags."""
    torch.set_num_threads(1)
    rows, prep, cfg, seeds, mix, folds, ratio = (_CV[k] for k in ("rows", "prep", "cfg", "seeds", "mix", "folds",
                                                                  "ratio"))
    train_ids = [i for i in range(len(rows)) if i % folds != fold]
    test_ids = [i for i in range(len(rows)) if i % folds == fold]
    tr_rows, tr_prep = [rows[i] for i in train_ids], [prep[i] for i in train_ids]
    te_rows, te_prep = [rows[i] for i in test_ids], [prep[i] for i in test_ids]
    gold = [tags for _, tags in te_rows]
    t0 = time.time()
    entry: dict[str, Any] = {"fold": fold}
    variants: dict[str, list[list[str]]] = {}
    inner_perc = final_perc = perc = None
    if mix:
        p_epochs, inner_perc = perceptron_inner(tr_rows)  # train_events.fit_span_tagger, step by step
        final_perc = mean_of([train_perceptron(tr_rows, epochs=p_epochs, seed=s) for s in SPAN_SEEDS])
        perc = [final_perc.emissions(p.feats, toks) for (toks, _), p in zip(te_rows, te_prep, strict=True)]
        variants["perceptron"] = decode(te_rows, te_prep, [], perc, final_perc.trans, 0.0)
    nets, torch_nets, vocab = [], [], []
    for seed in seeds:
        torch_net, vocab, choice = fit(tr_rows, tr_prep, cfg, seed, inner_perc if ratio is None else None)
        if final_perc is not None and ratio is not None:
            choice = Choice(fixed_mix(tr_rows[::4], tr_prep[::4], export(torch_net, vocab), final_perc, ratio), 0.0, 0.0)
        nets.append(export(torch_net, vocab, choice.mix))
        torch_nets.append(torch_net)
        entry[f"choice seed {seed}"] = asdict(choice)
        variants[f"net seed {seed}"] = decode(te_rows, te_prep, nets[-1:], None, None, 0.0)
        if final_perc is not None:
            variants[f"mix seed {seed}"] = decode(te_rows, te_prep, nets[-1:], perc, final_perc.trans, choice.mix)
    if len(nets) > 1:  # as shipped: the members merged (int8 embeddings), the weight fixed on the merged net
        merged = NeuralEmitter(vocab, members(torch_nets, 0.0))
        variants["net ensemble"] = decode(te_rows, te_prep, [merged], None, None, 0.0)
        if final_perc is not None:
            mean_mix = float(np.mean([n.mix for n in nets]))
            if ratio is not None:
                mean_mix = fixed_mix(tr_rows[::4], tr_prep[::4], merged, final_perc, ratio)
            entry["mix ensemble weight"] = round(mean_mix, 5)
            variants["mix ensemble"] = decode(te_rows, te_prep, [merged], perc, final_perc.trans, mean_mix)
    for name, tags in variants.items():
        entry[name] = round(span_f1(gold, tags)["all"], 4)
    entry["seconds"] = round(time.time() - t0)
    print(json.dumps(entry), flush=True)
    return entry, gold, variants


def fixed_mix(rows: Sequence[Row], prep: Sequence[Prepared], net: NeuralEmitter, perc: SpanTagger,
              ratio: float) -> float:
    """The perceptron weight ``ratio`` x the ratio of the two models' score spreads on ``rows``
    (training rows: a scale, not a fit to their labels)."""
    return ratio * spread_ratio(rows, prep, net, [perc.emissions(p.feats) for p in prep])


def cross_validate(rows: Sequence[Row], cfg: NetConfig, seeds: Sequence[int], mix: bool, jobs: int = 1,
                   folds: int = 5, ratio: float | None = None) -> dict[str, Any]:
    """``span_cv``'s folds: network alone, perceptron alone and their mix, pooled and per fold. The
    mix weight is picked on an inner split, or fixed at ``ratio`` spread units where given."""
    _CV.update(rows=rows, prep=prepare(rows), cfg=cfg, seeds=list(seeds), mix=mix, folds=folds, ratio=ratio)
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            done = pool.map(cv_fold, range(folds), chunksize=1)
    else:
        done = [cv_fold(fold) for fold in range(folds)]
    pooled: dict[str, tuple[list[list[str]], list[list[str]]]] = {}
    for _, gold, variants in done:
        for name, tags in variants.items():
            g, p = pooled.setdefault(name, ([], []))
            g.extend(gold)
            p.extend(tags)
    return {"config": asdict(cfg), "seeds": list(seeds), "folds": [entry for entry, _, _ in done],
            "pooled": {name: {k: round(v, 4) for k, v in span_f1(g, p).items()} for name, (g, p) in pooled.items()}}


def shipped_cv(rows: Sequence[Row], cfg: NetConfig | None = None, seeds: Sequence[int] = (0,),
               ratio: float = MIX_RATIO, folds: int = 5) -> dict[str, dict[str, Any]]:
    """``span_cv``'s folds on the coder's own tagging path: in each fold the perceptron as
    ``train_events.fit_span_tagger`` fits it (row orders averaged, both choosers), the ``seeds``'
    networks merged on the same training rows, the perceptron weight fixed at ``ratio`` spread units on
    every fourth training row (as :func:`main` ships it), then ``SpanTagger.tag``: the mixed decode,
    the rules that read it and both choosers. :func:`cross_validate` scores bare Viterbi output
    instead (no rules, no choosers), which is not what the coder runs."""
    from train_events import fit_span_tagger

    torch.set_flush_denormal(True)  # as main() does: tiny gradients otherwise slow CPU training ~10x
    torch.set_num_threads(1)
    cfg = cfg or NetConfig()
    prep = prepare(rows)
    gold: list[list[str]] = []
    tagged: dict[str, list[list[str]]] = {"perceptron": [], "mixed": []}
    per_fold: dict[str, list[float]] = {"perceptron": [], "mixed": []}
    for fold in range(folds):
        train_ids = [i for i in range(len(rows)) if i % folds != fold]
        held = [rows[i] for i in range(len(rows)) if i % folds == fold]
        tr_rows, tr_prep = [rows[i] for i in train_ids], [prep[i] for i in train_ids]
        perc = fit_span_tagger(tr_rows)
        fitted = [fit_net(tr_prep, cfg, seed, cfg.epochs) for seed in seeds]
        merged = NeuralEmitter(fitted[0][1], members([net for net, _ in fitted], 0.0))
        mix = fixed_mix(tr_rows[::4], tr_prep[::4], merged, perc, ratio)
        both = perc.with_neural(NeuralEmitter(fitted[0][1], members([net for net, _ in fitted], mix)))
        fold_gold = [tags for _, tags in held]
        gold.extend(fold_gold)
        for name, tagger in (("perceptron", perc), ("mixed", both)):
            out = [tagger.tag(toks) for toks, _ in held]
            tagged[name].extend(out)
            per_fold[name].append(round(span_f1(fold_gold, out)["all"], 4))
    return {name: {**{k: round(v, 4) for k, v in span_f1(gold, tags).items()}, "folds": per_fold[name]}
            for name, tags in tagged.items()}


# ------------------------------------------------------------------------------ shipping


def parity(net: SpanNet, vocab: list[str], rows: Sequence[Row], prep: Sequence[Prepared]) -> float:
    """Largest gap between torch's emissions and the numpy forward pass on a few sentences (torch
    runs on a copy with the weights rounded to float16 as shipped, so only the arithmetic differs)."""
    index = {f: i for i, f in enumerate(vocab)}
    shipped = export(net, vocab)
    torch_net = copy.deepcopy(net)
    with torch.no_grad():
        for w in torch_net.parameters():
            w.copy_(w.half().float())  # compare like with like: torch on the rounded weights too
        gap = 0.0
        for (toks, _), p in zip(rows, prep, strict=True):
            ids, vecs, lengths, _, _ = _batch([p], index, torch_net.pad, 0.0, None)
            ref = torch_net.emissions(ids, vecs, lengths)[0].numpy()
            gap = max(gap, float(np.abs(ref - shipped.emissions(toks, p.feats)).max()))
    return gap


def members(nets: Sequence[SpanNet], mix: float) -> dict[str, np.ndarray]:
    """Several seeds' networks in one npz layout: each array with a leading member axis (the
    emitter merges them into one network scoring their mean), the embeddings as int8."""
    each = [torch_arrays(net, mix) for net in nets]
    out = {k: np.stack([a[k] for a in each]) for k in each[0] if k not in ("embed", "mix")}
    out["mix"] = np.array(mix, dtype=np.float32)
    return out | spantag.quantized(np.stack([a["embed"].astype(np.float32) for a in each]))


def save(nets: Sequence[SpanNet], vocab: list[str], mix: float, path: Path) -> None:
    """The npz ``NeuralEmitter.load`` reads (feature names and weights only)."""
    np.savez_compressed(path, vocab=np.array(vocab), **members(nets, mix))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=Path, default=EVENTS)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "models")
    parser.add_argument("--cv", action="store_true", help="cross-validate on span_cv's folds instead of shipping")
    parser.add_argument("--seeds", default=SEEDS, help="comma-separated torch seeds (CV: each and their "
                        "mean reported; ship: all, merged into one network)")
    parser.add_argument("--no-mix", action="store_true", help="the network alone (no perceptron scores added)")
    parser.add_argument("--json", type=Path, help="write the CV result here too")
    parser.add_argument("--jobs", type=int, default=1, help="CV folds run in this many processes")
    parser.add_argument("--mix-ratio", type=float, default=MIX_RATIO,
                        help="the perceptron's weight in spread units (default %(default)s); "
                             "a negative value: pick it on an inner split instead")
    args = parser.parse_args(argv)
    if args.mix_ratio < 0:
        args.mix_ratio = None
    torch.set_flush_denormal(True)
    torch.set_num_threads(1)
    seeds = [int(s) for s in args.seeds.split(",")]
    rows = span_rows(args.events)
    cfg = NetConfig()
    if args.cv:
        result = cross_validate(rows, cfg, seeds, mix=not args.no_mix, jobs=args.jobs, ratio=args.mix_ratio)
        print(json.dumps(result["pooled"], indent=1))
        if args.json:
            args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        return 0
    prep = prepare(rows)
    perc = None if args.no_mix or args.mix_ratio is not None else perceptron_inner(rows)[1]  # picks the mix
    shipped = SpanTagger.load(args.out / spantag.SPAN_MODEL, neural=False)  # the perceptron it is mixed with
    if shipped is None and not args.no_mix:
        raise SystemExit(f"no perceptron at {args.out / spantag.SPAN_MODEL} to mix with (or --no-mix)")
    nets, vocab, choices = [], [], []
    for seed in seeds:  # every seed on the same rows, so the same feature vocabulary
        net, vocab, choice = fit(rows, prep, cfg, seed, perc)
        gap = parity(net, vocab, rows[:20], prep[:20])
        print(f"seed {seed}: numpy vs torch emissions, largest gap on 20 sentences: {gap:.2e}", flush=True)
        if gap > 1e-3:
            raise SystemExit("the numpy forward pass does not reproduce torch's emissions")
        nets.append(net)
        choices.append(choice.mix)
    mix = float(np.mean(choices))
    if args.mix_ratio is not None and not args.no_mix and shipped is not None:
        merged = NeuralEmitter(vocab, members(nets, 0.0))
        mix = fixed_mix(rows[::4], prep[::4], merged, shipped, args.mix_ratio)
    print(f"{len(nets)} member(s), perceptron weight {mix:.4f}")
    save(nets, vocab, mix, args.out / NN_MODEL)
    print(f"{NN_MODEL}: {len(vocab)} features, {(args.out / NN_MODEL).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
