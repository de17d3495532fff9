"""Source/target actor spans: a linear-chain tagger (averaged structured perceptron, Viterbi).

The dependency rules in ``events.py`` read who did what to whom off the parse, and miss where the
parse is odd or the actor is a phrase the dictionary does not know ("a car bomb", "the last ISIS
bastion"). A sequence tagger trained on sentences annotated with source (S), target (T) and
reciprocal (R, "A met B") spans learns those shapes from word, shape, part-of-speech, dependency
and dictionary features. It is small (a sparse weight table in an ``.npz``, no pickle), trains in
seconds, and tags a sentence in well under a millisecond next to the parse.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newsdesk.analyze.lexicon import VERBS
from newsdesk.paths import data_file

log = logging.getLogger(__name__)

SPAN_MODEL = "event_spans.npz"
TAGS = ("O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R")
_NEG = -1e9


@dataclass(frozen=True)
class Tok:
    """What the features see of one token (filled from a spaCy token or a pre-tokenised row)."""

    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index within the sentence
    dict_hit: str  # "" or e.g. "C" (country / demonym), "A:MIL" (agent word), "M" (resolved mention)


def _shape(word: str) -> str:
    out = []
    for ch in word[:6]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _label(tok: Tok) -> str:
    return tok.dep + (":" + tok.text.lower() if tok.dep == "prep" else "")


def _ancestors(toks: Sequence[Tok], i: int) -> list[int]:
    """``i`` and its ancestors up to (not including) the sentence root."""
    chain, cur = [], i
    while toks[cur].dep != "ROOT" and 0 <= toks[cur].head < len(toks) and toks[cur].head != cur and len(chain) < 40:
        chain.append(cur)
        cur = toks[cur].head
    return chain


def _parse_view(toks: Sequence[Tok]) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Per token: the label of its ancestor attached to the root ("nsubj" for the whole subject
    phrase, "prep:against" for a prepositional phrase; the strongest cue for source vs target),
    the two-step path below the root, and the (left, right) edges of its own subtree."""
    branch, path = [], []
    edges = [[i, i] for i in range(len(toks))]
    for i in range(len(toks)):
        chain = _ancestors(toks, i)
        branch.append(_label(toks[chain[-1]]) if chain else "root")
        path.append(">".join(_label(toks[j]) for j in chain[-2:][::-1]) if chain else "root")
        for j in chain:
            edges[j][0] = min(edges[j][0], i)
            edges[j][1] = max(edges[j][1], i)
    return branch, path, [(a, b) for a, b in edges]


def token_features(toks: Sequence[Tok]) -> list[list[str]]:
    """Feature strings per token: the token, its neighbours, its place in the parse."""
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), 0)
    branch, path, edges = _parse_view(toks)
    top_of = [(_ancestors(toks, i) or [None])[-1] for i in range(len(toks))]
    trigger = VERBS[toks[root].lemma].plover if toks[root].lemma in VERBS else "-"
    low = [t.text.lower() for t in toks]
    pad = ["<s>", "<s>"]
    words = pad + low + ["</s>", "</s>"]
    pos = pad + [t.pos for t in toks] + ["</s>", "</s>"]
    out = []
    for i, t in enumerate(toks):
        j = i + 2
        side = "at" if i == root else "pre" if i < root else "post"
        head = toks[t.head] if 0 <= t.head < len(toks) else t
        f = [
            "b", f"w={low[i]}", f"l={t.lemma}", f"s3={low[i][-3:]}", f"p3={low[i][:3]}", f"sh={_shape(t.text)}",
            f"w-1={words[j - 1]}", f"w+1={words[j + 1]}", f"w-2={words[j - 2]}", f"w+2={words[j + 2]}",
            f"t={t.tag}", f"p-1={pos[j - 1]}", f"p+1={pos[j + 1]}", f"pp={pos[j - 1]}_{t.pos}",
            f"pn={t.pos}_{pos[j + 1]}", f"d={t.dep}", f"dh={t.dep}_{head.pos}", f"hl={t.dep}_{head.lemma}",
            f"side={side}", f"sp={side}_{t.pos}", f"br={branch[i]}", f"brp={branch[i]}_{t.pos}",
            f"brs={branch[i]}_{side}", f"rv={toks[root].lemma}_{side}",
        ]
        f += [f"pa={path[i]}", f"pap={path[i]}_{t.pos}", f"ev={branch[i]}_{trigger}"]
        left, right = edges[t.head] if 0 <= t.head < len(toks) else edges[i]
        f += [f"le={i == left}_{t.dep}", f"re={i == right}_{t.dep}", f"own={edges[i][0] == i}_{edges[i][1] - i > 0}"]
        f += [f"br-1={branch[i - 1] if i else '<s>'}_{branch[i]}",
              f"br+1={branch[i + 1] if i + 1 < len(toks) else '</s>'}_{branch[i]}",
              f"wb={low[i]}_{branch[i]}", f"hw={head.lemma}"]
        top = top_of[i]
        if top is not None:
            f += [f"bl={i == edges[top][0]}_{branch[i]}", f"bre={i == edges[top][1]}_{branch[i]}"]
        if t.dict_hit:
            f += [f"dict={t.dict_hit}", f"dictb={t.dict_hit}_{branch[i]}"]
        if i > 0 and toks[i - 1].dict_hit:
            f.append(f"dict-1={toks[i - 1].dict_hit}")
        if i + 1 < len(toks) and toks[i + 1].dict_hit:
            f.append(f"dict+1={toks[i + 1].dict_hit}")
        if i == 0:
            f.append("first")
        out.append(f)
    return out


def _allowed() -> np.ndarray:
    """Transition mask (previous tag → tag; row len(TAGS) = start): I-X only after B-X / I-X."""
    n = len(TAGS)
    ok = np.ones((n + 1, n), dtype=bool)
    for k, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            kind = tag[2:]
            ok[:, k] = False
            for p, prev in enumerate(TAGS):
                if prev in (f"B-{kind}", f"I-{kind}"):
                    ok[p, k] = True
    return ok


_ALLOWED = _allowed()


def viterbi(emit: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best tag sequence; ``trans`` is (n_tags + 1) x n_tags with the start row last."""
    n, k = emit.shape
    trans = np.where(_ALLOWED, trans, _NEG)
    score = trans[-1] + emit[0]
    back = np.zeros((n, k), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + trans[:-1]
        back[i] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emit[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


class SpanTagger:
    """Feature weights (vocabulary x tags) and tag transitions; :meth:`tag` returns BIO tags."""

    def __init__(self, vocab: list[str], weights: np.ndarray, trans: np.ndarray) -> None:
        self.index = {f: i for i, f in enumerate(vocab)}
        self.weights = np.vstack([weights, np.zeros((1, weights.shape[1]))])
        self.trans = trans

    def emissions(self, feats: list[list[str]]) -> np.ndarray:
        """Per-token tag scores: one gather and one segmented sum for the whole sentence."""
        get, zero = self.index.get, len(self.weights) - 1  # the last row is all zeros
        rows: list[int] = []
        starts: list[int] = []
        for fs in feats:
            starts.append(len(rows))
            rows.append(zero)
            rows.extend([get(f, zero) for f in fs])  # unknown features add the all-zero row
        return np.add.reduceat(self.weights[rows], starts, axis=0)

    def tag(self, toks: Sequence[Tok]) -> list[str]:
        if not toks:
            return []
        return [TAGS[k] for k in viterbi(self.emissions(token_features(toks)), self.trans)]

    @classmethod
    def load(cls, path: Path | None = None) -> SpanTagger | None:
        file = path or data_file("models") / SPAN_MODEL
        try:
            with np.load(file, allow_pickle=False) as data:
                return cls([str(v) for v in data["vocab"]], data["weights"].astype(np.float64),
                           data["trans"].astype(np.float64))
        except (OSError, KeyError, ValueError) as exc:
            log.info("span tagger %s not usable (%s): dependency rules only", file, exc)
            return None

    def save(self, path: Path) -> None:
        vocab = sorted(self.index, key=self.index.__getitem__)
        np.savez_compressed(path, vocab=np.array(vocab), weights=self.weights[:-1].astype(np.float32),
                            trans=self.trans.astype(np.float32))


def train(data: Sequence[tuple[Sequence[Tok], Sequence[str]]], epochs: int = 8, seed: int = 0,
          progress: Callable[[int], None] | None = None) -> SpanTagger:
    """Averaged structured perceptron (Collins 2002); features indexed once, updates in numpy."""
    feats = [token_features(toks) for toks, _ in data]
    index: dict[str, int] = {}
    ids = [[np.array([index.setdefault(f, len(index)) for f in fs], dtype=np.int64) for fs in sent]
           for sent in feats]
    gold = [[TAGS.index(t) for t in tags] for _, tags in data]
    k = len(TAGS)
    w, wsum = np.zeros((len(index), k)), np.zeros((len(index), k))
    tr, trsum = np.zeros((k + 1, k)), np.zeros((k + 1, k))
    rng = np.random.default_rng(seed)
    c = 1
    for epoch in range(epochs):
        for s in rng.permutation(len(data)):
            emit = np.stack([w[x].sum(axis=0) for x in ids[s]]) if ids[s] else np.zeros((0, k))
            pred = viterbi(emit, tr) if len(emit) else []
            if pred != gold[s]:
                _update(ids[s], gold[s], pred, (w, wsum), (tr, trsum), c)
            c += 1
        if progress:
            progress(epoch)
    avg_w, avg_tr = w - wsum / c, tr - trsum / c
    keep = np.abs(avg_w).max(axis=1) > 1e-3
    vocab = [f for f, i in sorted(index.items(), key=lambda p: p[1]) if keep[i]]
    return SpanTagger(vocab, avg_w[keep], avg_tr)


def _update(ids: list[np.ndarray], gold: list[int], pred: list[int], w: tuple[np.ndarray, np.ndarray],
            tr: tuple[np.ndarray, np.ndarray], c: int) -> None:
    start = len(TAGS)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if g != p:
            for table, scale in ((w[0], 1.0), (w[1], float(c))):
                np.add.at(table, (ids[i], g), scale)
                np.add.at(table, (ids[i], p), -scale)
        gp = gold[i - 1] if i else start
        pp = pred[i - 1] if i else start
        if (gp, g) != (pp, p):
            for table, scale in ((tr[0], 1.0), (tr[1], float(c))):
                table[gp, g] += scale
                table[pp, p] -= scale


def spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(kind, start, end) spans of a BIO sequence; a stray I- opens a span."""
    out: list[tuple[str, int, int]] = []
    kind, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        if kind is not None and tag != f"I-{kind}":
            out.append((kind, start, i))
            kind = None
        if tag.startswith("B-") or (tag.startswith("I-") and kind is None):
            kind, start = tag[2:], i
    return out


def span_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, float]:
    """Exact-match span F1 per kind and micro over all kinds."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(spans(g)), set(spans(p))
        for kind in {s[0] for s in gs | ps} | {"all"}:
            gk = gs if kind == "all" else {s for s in gs if s[0] == kind}
            pk = ps if kind == "all" else {s for s in ps if s[0] == kind}
            row = counts.setdefault(kind, [0, 0, 0])
            row[0] += len(gk & pk)
            row[1] += len(pk)
            row[2] += len(gk)
    out = {}
    for kind, (tp, npred, ngold) in sorted(counts.items()):
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        out[kind] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return out


def sentence_toks(sent: object, by_token: dict[int, object], agents: dict[str, str]) -> list[Tok]:
    """:class:`Tok` rows of a parsed spaCy sentence; ``by_token`` maps token index → Mention."""
    start = sent.start  # type: ignore[attr-defined]
    out = []
    for tok in sent:  # type: ignore[attr-defined]
        mention = by_token.get(tok.i)
        actor = getattr(mention, "actor", None)
        if actor is not None:
            hit = f"M:{getattr(mention, 'label', '')}:{actor.sector or ''}"
        else:
            sector = agents.get(tok.lower_) or agents.get(tok.lemma_.lower())
            hit = f"A:{sector}" if sector else ""
        out.append(Tok(tok.text, tok.lemma_.lower(), tok.pos_, tok.tag_, tok.dep_, tok.head.i - start, hit))
    return out
