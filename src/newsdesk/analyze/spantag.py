"""Source/target actor spans: a linear-chain tagger (averaged structured perceptron, Viterbi).

The dependency rules in ``events.py`` read who did what to whom off the parse, and miss where the
parse is odd or the actor is a phrase the dictionary does not know ("a car bomb", "the last ISIS
bastion"). A sequence tagger trained on sentences annotated with source (S), target (T) and
reciprocal (R, "A met B") spans learns those shapes from word, shape, part-of-speech, dependency
and dictionary features, including how each token hangs off its nearest (possibly embedded) verb,
and from the token's contextual tok2vec vector (the parse already computed it) as a real-valued input.
The decoder's states carry the tag plus the sentence's reading (source/target or reciprocal, which
the annotation never mixes) and whether it has had a target yet, so the learned transitions and end
scores can price a second target or a sentence without one. Three rules read the decoded tags: the
speaker of a report that follows its act is not a source (:func:`trailing_speakers`), a span that
lists named actors is split into one span each (:func:`coordinated_actors`), and a span takes the
article or possessive before it (:func:`leading_openers`). Then, where the model file carries one, a
phrase-level second stage re-picks the target among the sentence's noun phrases, and then, the same way
with the roles swapped, the source (``targets.py``). It is small (a sparse weight table in an ``.npz``, no
pickle), trains in seconds, and tags a sentence in about a millisecond next to the parse (each chooser a
fraction of a millisecond more).

Where ``event_spans_nn.npz`` is shipped beside it, a small network decides instead
(:class:`NeuralEmitter`: a BiLSTM over spaCy's tok2vec vectors and embeddings of the same feature
strings, with its own CRF transitions, run in numpy; trained by ``scripts/train_spans_nn.py`` with
torch, which is not a run-time dependency; several seeds' networks merged into one that scores
their mean). The perceptron stays the fallback: no network file, or tokens without vectors (a
pipeline without tok2vec).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np

from newsdesk.analyze.lexicon import VERBS
from newsdesk.analyze.targets import Sentence, TargetChooser
from newsdesk.paths import data_file

log = logging.getLogger(__name__)

try:  # spaCy's own matrix product (single-threaded BLIS): numpy's OpenBLAS starts a thread pool for a
    # 25 x 144 by 144 x 512 product and then costs ~20x the CPU on a busy machine
    from thinc.api import NumpyOps

    _gemm: Callable[[np.ndarray, np.ndarray], np.ndarray] = NumpyOps().gemm
except ImportError:  # pragma: no cover - thinc comes with spaCy
    _gemm = np.matmul

SPAN_MODEL = "event_spans.npz"
NN_MODEL = "event_spans_nn.npz"  # the network beside the perceptron (optional)
TAGS = ("O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R")
_NEG = -1e9
#: Scale of each token's tok2vec vector as a perceptron input (0 = sparse strings only). The vector
#: brings context the strings only approximate (+0.010 span F1 in 5-fold CV, every fold up); 0.25 and
#: 1.0 scored lower, so the vector should neither dominate the ~60 binary strings nor vanish.
DENSE_SCALE = 0.5


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
    # spaCy's contextual tok2vec row (``doc.tensor``): the parse already paid for it, and it carries
    # what the word/tag/parse strings only approximate; None where the pipeline has no tok2vec
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


@lru_cache(maxsize=65536)
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


def _parse_view(toks: Sequence[Tok]) -> tuple[list[str], list[str], list[tuple[int, int]], list[int | None]]:
    """Per token: the label of its ancestor attached to the root ("nsubj" for the whole subject
    phrase, "prep:against" for a prepositional phrase; the strongest cue for source vs target),
    the two-step path below the root, the (left, right) edges of its own subtree, and that
    root-attached ancestor (None for the root)."""
    branch, path, top = [], [], []
    edges = [[i, i] for i in range(len(toks))]
    for i in range(len(toks)):
        chain = _ancestors(toks, i)
        top.append(chain[-1] if chain else None)
        branch.append(_label(toks[chain[-1]]) if chain else "root")
        path.append(">".join(_label(toks[j]) for j in chain[-2:][::-1]) if chain else "root")
        for j in chain:
            edges[j][0] = min(edges[j][0], i)
            edges[j][1] = max(edges[j][1], i)
    return branch, path, [(a, b) for a, b in edges], top


_VERBAL = frozenset({"VERB", "AUX"})


def _verb_view(toks: Sequence[Tok]) -> tuple[list[int], list[int]]:
    """Per token: the phrase it belongs to below its nearest verb (the ancestor attached to a verb,
    or the token itself) and that verb (-1 if none). The root-level branch misses the target of an
    embedded event verb ("said that they will release X", "agreed to lift embargoes against X")."""
    phrase, verb = [], []
    for i in range(len(toks)):
        cur, steps = i, 0
        while steps < 40:
            head = toks[cur].head
            if toks[cur].dep == "ROOT" or not 0 <= head < len(toks) or head == cur:
                break
            if toks[head].pos in _VERBAL:
                break
            cur, steps = head, steps + 1
        h = toks[cur].head
        ok = toks[cur].dep != "ROOT" and 0 <= h < len(toks) and h != cur
        phrase.append(cur)
        verb.append(h if ok else -1)
    return phrase, verb


def _verb_features(toks: Sequence[Tok], i: int, verb: int, phrase: list[int],
                   edges: list[tuple[int, int]]) -> list[str]:
    """How token ``i`` hangs off its nearest verb (which may be embedded: "agreed to lift
    embargoes against X"), and whether its neighbours are in the same phrase (span boundaries)."""
    ph = phrase[i]
    att = _label(toks[ph])
    prev_same = i > 0 and phrase[i - 1] == ph
    next_same = i + 1 < len(toks) and phrase[i + 1] == ph
    f = [f"lk={prev_same}_{next_same}_{att}", f"lkd={prev_same}_{toks[i].dep}"]
    if verb < 0:
        return f
    lemma = toks[verb].lemma
    kind = VERBS[lemma].plover if lemma in VERBS else "-"
    return f + [f"va={att}", f"vl={lemma}_{att}", f"vt={kind}_{att}", f"vs={i < verb}_{att}",
                f"vb={i == edges[ph][0]}_{att}", f"ve={i == edges[ph][1]}_{att}"]


def token_features(toks: Sequence[Tok]) -> list[list[str]]:
    """Feature strings per token: the token, its neighbours, its place in the parse."""
    root = next((i for i, t in enumerate(toks) if t.dep == "ROOT"), 0)
    branch, path, edges, top_of = _parse_view(toks)
    phrase, verb = _verb_view(toks)
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
            f"side={side}", f"br={branch[i]}", f"brp={branch[i]}_{t.pos}", f"rv={toks[root].lemma}_{side}",
        ]
        f += [f"pa={path[i]}", f"ev={branch[i]}_{trigger}"]
        left, right = edges[t.head] if 0 <= t.head < len(toks) else edges[i]
        f += [f"le={i == left}_{t.dep}", f"re={i == right}_{t.dep}", f"own={edges[i][0] == i}_{edges[i][1] - i > 0}"]
        f += [f"br-1={branch[i - 1] if i else '<s>'}_{branch[i]}",
              f"br+1={branch[i + 1] if i + 1 < len(toks) else '</s>'}_{branch[i]}",
              f"wb={low[i]}_{branch[i]}"]
        top = top_of[i]
        if top is not None:
            f += [f"bl={i == edges[top][0]}_{branch[i]}", f"bre={i == edges[top][1]}_{branch[i]}"]
        f += _verb_features(toks, i, verb[i], phrase, edges)
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


@dataclass(frozen=True)
class State:
    """A decoding state: the tag plus what the sentence has had so far. A sentence is either "A did
    something to B" (S and T spans) or "A and B met" (R spans only) — the annotation never mixes
    them — so the reading is fixed by the first span; and with "has had a target" in the state the
    learned transitions and end scores can price a second target or a sentence without one."""

    tag: str
    reading: str  # "" (no span yet), "st" (source/target) or "r" (reciprocal)
    target: bool

    def then(self, tag: str) -> State | None:
        """The state after ``tag`` follows this one (None where BIO or the reading forbids it)."""
        if tag.startswith("I-") and self.tag not in (f"B-{tag[2:]}", tag):
            return None
        reading = self.reading if tag == "O" else "r" if tag.endswith("-R") else "st"
        if self.reading and reading != self.reading:
            return None
        return State(tag, reading, self.target or tag == "B-T")


_FIRST = State("O", "", False)


def _states() -> tuple[list[State], dict[State, int]]:
    """Every state reachable from the sentence start (12)."""
    seen, todo = [_FIRST], [_FIRST]
    while todo:
        cur = todo.pop()
        for tag in TAGS:
            nxt = cur.then(tag)
            if nxt is not None and nxt not in seen:
                seen.append(nxt)
                todo.append(nxt)
    return seen, {st: k for k, st in enumerate(seen)}


STATES, _STATE_ID = _states()
_EMIT = np.array([TAGS.index(st.tag) for st in STATES])


def _allowed() -> np.ndarray:
    """Transition mask: rows are the previous state (row len(STATES) = start), columns the next."""
    n = len(STATES)
    ok = np.zeros((n + 1, n), dtype=bool)
    for p, prev in enumerate([*STATES, None]):
        for tag in TAGS:
            nxt = (prev or _FIRST).then(tag) if prev or not tag.startswith("I-") else None
            if nxt is not None:
                ok[p, _STATE_ID[nxt]] = True
    return ok


_ALLOWED = _allowed()


def moves(trans: np.ndarray) -> np.ndarray:
    """Learned transitions (start row last) with the forbidden ones at -inf, for :func:`viterbi`."""
    return np.where(_ALLOWED, trans[:-1], _NEG)


def viterbi(emit: np.ndarray, trans: np.ndarray, masked: np.ndarray | None = None) -> list[int]:
    """Best state sequence over :data:`STATES`. ``emit`` is n x len(TAGS) (states share their tag's
    column); ``trans`` is (len(STATES) + 2) x len(STATES): transitions, then the start row, then the
    end row (a score for the state a sentence ends in). ``masked`` is ``moves(trans)`` if at hand."""
    emit = emit[:, _EMIT]
    n, k = emit.shape
    allowed = moves(trans) if masked is None else masked
    body, cols = allowed[:-1], np.arange(k)
    score = allowed[-1] + emit[0]
    back = np.empty((n, k), dtype=np.intp)
    for i in range(1, n):
        cand = score[:, None] + body
        best = cand.argmax(axis=0)
        back[i] = best
        score = cand[best, cols] + emit[i]
    state = int((score + trans[-1]).argmax())
    path, rows = [state], back.tolist()
    for i in range(n - 1, 0, -1):
        state = rows[i][state]
        path.append(state)
    return path[::-1]


_COMPLEMENT = frozenset({"ccomp", "parataxis"})


def trailing_speakers(toks: Sequence[Tok], tags: list[str]) -> list[str]:
    """``tags`` without the speaker of a report that follows its act ("[S the U.S.] suspended aid to
    [T the group], the State Department confirmed"): in the span file the act's own source is the
    source and the reporter is nobody, but a linear tagger reads the trailing "X said" like any
    subject. A source span goes when its head is the subject of a verb whose complement (ccomp /
    parataxis) lies wholly before it and already holds a source span. A speaker before the act
    ("[S EU] says [T military intervention in Venezuela] must be avoided") is the annotated source
    when the complement has none, and is left alone; so is a target (a misparse can make one the
    subject of a verb)."""
    found = spans(tags)
    if sum(kind == "S" for kind, _, _ in found) < 2:
        return tags
    edges = _parse_view(toks)[2]
    out = list(tags)
    for kind, start, end in found:
        if kind != "S":
            continue
        heads = [i for i in range(start, end) if not start <= toks[i].head < end]
        verb = toks[heads[0]].head if len(heads) == 1 and toks[heads[0]].dep == "nsubj" else -1
        if not 0 <= verb < len(toks):
            continue
        comps = [c for c, t in enumerate(toks) if t.head == verb and c != verb and t.dep in _COMPLEMENT
                 and edges[c][1] < start]
        if any(k == "S" and any(edges[c][0] <= a and b - 1 <= edges[c][1] for c in comps) for k, a, b in found):
            out[start:end] = ["O"] * (end - start)
    return out


#: Words that open a noun phrase and that the span file counts as part of the actor ("the British
#: people", "their Chinese counterparts"): articles, demonstratives and possessive pronouns. Not
#: quantifiers such as "both" or "all", which the annotators leave out as often as not.
_OPENERS = frozenset({"the", "a", "an", "this", "that", "these", "those",
                      "his", "her", "its", "their", "our", "my", "your"})


def leading_openers(toks: Sequence[Tok], tags: list[str]) -> list[str]:
    """``tags`` with each span widened by one word to the left where that word is an article,
    demonstrative or possessive pronoun modifying a word of the span and tagged O ("the [T British
    people]" → "[T the British people]"). Where such a word stands before a gold span and modifies
    it, the span file includes it more than nine times in ten, but the tagger sometimes opens the
    span on the adjective after it."""
    out = list(tags)
    for kind, start, end in spans(tags):
        before = start - 1
        if (before >= 0 and out[before] == "O" and toks[before].text.lower() in _OPENERS
                and toks[before].tag in ("DT", "PRP$") and start <= toks[before].head < end):
            out[before], out[start] = f"B-{kind}", f"I-{kind}"
    return out


_NOMINAL = frozenset({"NOUN", "PROPN"})
_JOINERS = frozenset({"cc", "punct"})
#: Span kinds that the span file gives one span per coordinated actor ("[S Germany] , [S Russia] and
#: [S Sweden] gave …"): a gold span's head has a conjunct that is a span of its own 29 times for
#: sources and 41 for targets, against 16 and 20 spans that hold a noun conjunct. Reciprocal spans
#: are annotated whole ("[R Trump and King Abdullah] met"), so they are never split.
_SPLIT_KINDS = frozenset({"S", "T"})


def coordinated_actors(toks: Sequence[Tok], tags: list[str]) -> list[str]:
    """``tags`` with a source or target span split where it coordinates named actors at its top
    level ("[T Belgian people and Belgian Government]" → "[T Belgian people] and [T Belgian
    Government]"): the span file mostly gives each conjunct its own span, but the tagger, reading
    token by token, runs through the "and". A cut needs a noun conjunct of the span's head (or of
    another such conjunct), a comma or conjunction between the two, an "and"/"or" in the list, and
    on each side a proper noun or a dictionary word, so "a number of Armenian state and media
    websites" (the conjunction sits inside a modifier), "air strikes and artillery fire" (no actor
    named) and a dateline such as "ASTANA , Kazakhstan" (commas only) stay whole."""
    found = [(kind, a, b) for kind, a, b in spans(tags)
             if kind in _SPLIT_KINDS and any(toks[i].dep == "conj" for i in range(a + 1, b))]
    if not found:  # most sentences: no conjunct inside a span
        return tags
    kids: list[list[int]] = [[] for _ in toks]
    for i, t in enumerate(toks):
        if 0 <= t.head < len(toks) and t.head != i:
            kids[t.head].append(i)
    out = list(tags)
    for kind, start, end in found:
        conjuncts = _top_conjuncts(toks, kids, start, end)
        if not any(toks[k].dep == "cc" for c in conjuncts for k in kids[toks[c].head] + kids[c]):
            continue  # commas alone: a dateline ("ASTANA , Kazakhstan") or an apposition misread
        for conj in conjuncts:
            cut = _cut(toks, kids, conj, start, end)
            if cut is not None:
                out[cut[0]:cut[1]] = ["O"] * (cut[1] - cut[0])
                out[cut[1]] = f"B-{kind}"
    return out


def _top_conjuncts(toks: Sequence[Tok], kids: list[list[int]], start: int, end: int) -> list[int]:
    """The conjuncts inside ``start:end`` of the span's single head, following conj chains."""
    heads = [i for i in range(start, end) if not start <= toks[i].head < end]
    if len(heads) != 1:
        return []
    out, todo = [], [heads[0]]
    while todo:
        for k in kids[todo.pop()]:
            if toks[k].dep == "conj" and start <= k < end and k not in out:
                out.append(k)
                todo.append(k)
    return sorted(out)


def _own_words(kids: list[list[int]], toks: Sequence[Tok], root: int) -> list[int]:
    """``root`` and its dependents, not its own conjuncts and conjunctions (the next actor's)."""
    out, todo = {root}, [k for k in kids[root] if toks[k].dep not in ("conj", "cc")]
    while todo:
        k = todo.pop()
        if k not in out:  # a malformed parse cannot loop
            out.add(k)
            todo += kids[k]
    return sorted(out)


def _cut(toks: Sequence[Tok], kids: list[list[int]], conj: int, start: int,
         end: int) -> tuple[int, int] | None:
    """(first separator, first word of the conjunct) where the span is cut before ``conj``, or None."""
    head = toks[conj].head
    if not start <= head < conj or toks[conj].pos not in _NOMINAL or toks[head].pos not in _NOMINAL:
        return None
    right = [i for i in _own_words(kids, toks, conj) if i < end]
    first = right[0]
    left = [i for i in _own_words(kids, toks, head) if start <= i < first]
    sep = first
    while sep - 1 > head and toks[sep - 1].dep in _JOINERS and toks[sep - 1].head in (head, conj):
        sep -= 1
    named = [any(toks[i].pos == "PROPN" or toks[i].dict_hit for i in side) for side in (left, right)]
    return (sep, first) if sep < first and all(named) else None


def read_spans(toks: Sequence[Tok], tags: list[str]) -> list[str]:
    """The decoded tags after the rules that read them: a trailing speaker is dropped, coordinated
    actors are split, then each span takes the article before it."""
    return leading_openers(toks, coordinated_actors(toks, trailing_speakers(toks, tags)))


def _tag_of(states: Sequence[int]) -> list[str]:
    """BIO tags of a state path."""
    return [TAGS[_EMIT[s]] for s in states]


def _gold_states(tags: Sequence[str]) -> list[int]:
    """The state path of gold tags (a stray I- that the reading forbids is read as B-, then O)."""
    out, cur = [], _FIRST
    for tag in tags:
        nxt = cur.then(tag) or cur.then("B-" + tag[2:]) or cur.then("O")
        assert nxt is not None
        out.append(_STATE_ID[nxt])
        cur = nxt
    return out


def _gather(index: dict[str, int], feats: list[list[str]], zero: int) -> tuple[list[int], list[int]]:
    """Row ids of every token's feature strings (``zero``, an all-zero row, for unknown ones and
    once per token so no token is empty) and where each token's ids start, for ``np.add.reduceat``."""
    get = index.get
    rows: list[int] = []
    starts: list[int] = []
    for fs in feats:
        starts.append(len(rows))
        rows.append(zero)
        rows += map(get, fs, repeat(zero))  # no list per token
    return rows, starts


def _interleave(w_ih: np.ndarray, w_hh: np.ndarray,
                bias: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Torch's per-direction LSTM weights as one step for both directions: gate columns ordered
    (i fwd, i bwd, f fwd, f bwd, g fwd, g bwd, o fwd, o bwd), each H wide, so the state [h fwd, h bwd]
    updates with whole-vector operations. Returns the input weights (I x 8H), the block-diagonal
    recurrent weights (2H x 8H), the bias (8H) and which columns belong to the backward direction."""
    hidden, n_in = w_hh.shape[2], w_ih.shape[2]
    w_in = np.zeros((n_in, 8 * hidden), dtype=np.float32)
    w_rec = np.zeros((2 * hidden, 8 * hidden), dtype=np.float32)
    b = np.zeros(8 * hidden, dtype=np.float32)
    for d in range(2):
        for k in range(4):  # torch's gate order: input, forget, cell, output
            cols = slice((2 * k + d) * hidden, (2 * k + d + 1) * hidden)
            rows = slice(k * hidden, (k + 1) * hidden)
            w_in[:, cols] = w_ih[d, rows].T
            w_rec[d * hidden:(d + 1) * hidden, cols] = w_hh[d, rows].T
            b[cols] = bias[d, rows]
    backward = (np.arange(8 * hidden) // hidden) % 2 == 1
    return w_in, w_rec, b, backward


def quantized(embed: np.ndarray) -> dict[str, np.ndarray]:
    """The feature embedding as int8 with one scale per row (``embed_q``, ``embed_scale``): the
    table is nearly all of the file (1.7 MB for one network at 8 bits, 2.9 MB at float16); the
    rounding (half a step of a row's largest weight / 127) left every tag of the seed-0 network on
    its 1,153 training sentences unchanged."""
    scale = np.abs(embed).max(axis=-1) / 127.0
    safe = np.where(scale > 0, scale, 1.0)
    q = np.clip(np.rint(embed / safe[..., None]), -127, 127).astype(np.int8)
    return {"embed_q": q, "embed_scale": scale.astype(np.float32)}


def dequantized(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``arrays`` with a :func:`quantized` embedding restored to floats (others pass unchanged)."""
    if "embed_q" not in arrays:
        return arrays
    rest = {k: v for k, v in arrays.items() if k not in ("embed_q", "embed_scale")}
    return {**rest, "embed": arrays["embed_q"] * arrays["embed_scale"][..., None]}


def merge_members(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Several networks trained alike (different seeds; arrays with a leading member axis) as ONE
    wider network whose tag scores are the members' mean. Averaging seeds cuts the large seed
    variance of a network this small; merged, the members share each step's product and the
    Python loop, so two cost about 1.6x one network's CPU rather than 2x. Member m reads the tok2vec vector and its
    own embedding slice, its units see only its own units (block-diagonal recurrent weights, which
    stay zero), and the output layer averages. Single-network arrays pass through unchanged."""
    if arrays["embed"].ndim == 2:
        return arrays
    embed, w_ih, w_hh, bias = arrays["embed"], arrays["w_ih"], arrays["w_hh"], arrays["bias"]
    m, _, e = embed.shape  # members x vocabulary x embedding width
    h = w_hh.shape[3]
    dim = w_ih.shape[3] - e
    wide = m * h
    c_ih = np.zeros((2, 4 * wide, dim + m * e), dtype=np.float32)
    c_hh = np.zeros((2, 4 * wide, wide), dtype=np.float32)
    c_b = np.zeros((2, 4 * wide), dtype=np.float32)
    out_w = np.zeros((len(TAGS), 2 * wide), dtype=np.float32)
    for k in range(m):
        for gate in range(4):
            rows = slice(gate * wide + k * h, gate * wide + (k + 1) * h)
            src = slice(gate * h, (gate + 1) * h)
            c_ih[:, rows, :dim] = w_ih[k][:, src, :dim]
            c_ih[:, rows, dim + k * e:dim + (k + 1) * e] = w_ih[k][:, src, dim:]
            c_hh[:, rows, k * h:(k + 1) * h] = w_hh[k][:, src]
            c_b[:, rows] = bias[k][:, src]
        out_w[:, k * h:(k + 1) * h] = arrays["out_w"][k][:, :h] / m  # forward units
        out_w[:, wide + k * h:wide + (k + 1) * h] = arrays["out_w"][k][:, h:] / m  # backward units
    return {"embed": np.concatenate(list(embed), axis=1), "w_ih": c_ih, "w_hh": c_hh, "bias": c_b,
            "out_w": out_w, "out_b": arrays["out_b"].mean(axis=0), "trans": arrays["trans"].mean(axis=0),
            "mix": arrays["mix"], "members": np.array(m)}


class NeuralEmitter:
    """Tag scores from a small BiLSTM over dense inputs, run in numpy (torch only trains it).

    Per token the input is spaCy's contextual tok2vec vector (already computed by the parse) next to
    a learned embedding of the token's hand features (the perceptron's strings, summed): the vector
    brings what sparse strings cannot generalise (similar words, context the parse saw), the strings
    bring the dictionary and the phrase/verb structure. One bidirectional LSTM layer reads the whole
    sentence, a linear layer gives the tag scores, and the CRF transitions learned with it go to the
    same constrained Viterbi as the perceptron's. ``mix`` weighs the perceptron's scores added to
    these (a product of the two experts; 0 = the network alone). Written by
    ``scripts/train_spans_nn.py``, which checks this forward pass against torch's.
    """

    def __init__(self, vocab: Sequence[str], arrays: dict[str, np.ndarray]) -> None:
        self.index = {f: i for i, f in enumerate(vocab)}
        f32 = merge_members(dequantized({k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()}))
        self.members = int(f32.get("members", 1))
        self.embed = np.vstack([f32["embed"], np.zeros((1, f32["embed"].shape[1]), dtype=np.float32)])
        w_ih, w_hh, bias = f32["w_ih"], f32["w_hh"], f32["bias"]  # torch's (2, 4H, I), (2, 4H, H), (2, 4H)
        self.out_w = np.ascontiguousarray(f32["out_w"].T)  # 2H x len(TAGS)
        self.out_b = f32["out_b"]
        self.trans = f32["trans"].astype(np.float64)
        self.mix = float(f32["mix"])
        self.dim = w_ih.shape[2] - self.embed.shape[1]  # width of the tok2vec vector
        w_in, w_rec, b, self.backward = _interleave(w_ih, w_hh, bias)
        # sigmoid(x) = (1 + tanh(x / 2)) / 2: with the i, f, o columns pre-scaled by 1/2, one tanh
        # per step serves all four gates
        hidden = w_hh.shape[2]
        scale = np.where(np.arange(8 * hidden) // (2 * hidden) == 2, 1.0, 0.5).astype(np.float32)
        self.w_in, self.w_rec, self.bias = w_in * scale, w_rec * scale, b * scale
        self.moves = moves(self.trans)

    def usable(self, toks: Sequence[Tok]) -> bool:
        """Whether every token has a vector of the width it was trained on."""
        return all(t.vector is not None and t.vector.shape == (self.dim,) for t in toks)

    def bag(self, feats: list[list[str]]) -> np.ndarray:
        """n x E: the summed embeddings of each token's known feature strings."""
        rows, starts = _gather(self.index, feats, len(self.embed) - 1)
        return np.add.reduceat(self.embed[rows], starts, axis=0)

    def emissions(self, toks: Sequence[Tok], feats: list[list[str]]) -> np.ndarray:
        return self.forward(toks, self.bag(feats))

    def forward(self, toks: Sequence[Tok], bag: np.ndarray) -> np.ndarray:
        """Per-token tag scores (n x len(TAGS)) from the tok2vec vectors and the feature ``bag``.
        Both LSTM directions step together, one small product per step (their gates interleaved,
        the recurrent weights block-diagonal)."""
        vec = np.stack([t.vector for t in toks]).astype(np.float32, copy=False)  # type: ignore[misc]
        xw = _gemm(np.concatenate([vec, bag.astype(np.float32, copy=False)], axis=1), self.w_in)
        pre = np.where(self.backward, xw[::-1], xw) + self.bias  # the backward half reads the sentence reversed
        n, width = len(toks), len(self.w_rec)  # width = 2H: forward and backward state side by side
        h = np.zeros(width, dtype=np.float32)
        c = np.zeros(width, dtype=np.float32)
        out = np.empty((n, width), dtype=np.float32)
        w_rec = self.w_rec
        for t in range(n):
            g = np.tanh(pre[t] + h @ w_rec)
            s = g * 0.5 + 0.5
            c = s[width:2 * width] * c + s[:width] * g[2 * width:3 * width]
            h = s[3 * width:] * np.tanh(c)
            out[t] = h
        half = width // 2
        both = np.concatenate([out[:, :half], out[::-1, half:]], axis=1)
        return (_gemm(both, self.out_w) + self.out_b).astype(np.float64)

    @classmethod
    def load(cls, file: Path) -> NeuralEmitter | None:
        try:
            with np.load(file, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files if k != "vocab"}
                vocab = [str(v) for v in data["vocab"]]
            model = cls(vocab, arrays)
            if model.embed.shape[0] != len(vocab) + 1 or model.out_b.shape != (len(TAGS),) \
                    or model.trans.shape != (len(STATES) + 2, len(STATES)):
                raise ValueError("shapes do not fit this decoder")
            return model
        except (OSError, KeyError, ValueError) as exc:
            log.info("neural span model %s not usable (%s): the perceptron alone", file, exc)
            return None


class SpanTagger:
    """Feature weights (vocabulary x tags) and state transitions; :meth:`tag` returns BIO tags.

    With a :class:`NeuralEmitter` attached the network's scores decide (plus the perceptron's, weighed
    by its ``mix``); the perceptron alone tags where the network cannot (no tok2vec vectors, or no
    network file shipped)."""

    def __init__(self, vocab: list[str], weights: np.ndarray, trans: np.ndarray,
                 neural: NeuralEmitter | None = None, dense: np.ndarray | None = None,
                 targets: TargetChooser | None = None, sources: TargetChooser | None = None) -> None:
        self.targets = targets  # the phrase-level second stage that re-picks targets (either path)
        self.sources = sources  # the same frame with the roles swapped: re-picks sources after the targets
        self.dense = dense  # tok2vec width x len(TAGS): weights of each token's vector (None: strings only)
        self.size = len(vocab)  # the perceptron's own features; the network's others follow (zero weights)
        known = set(vocab)
        every = [*vocab, *(f for f in (neural.index if neural is not None else ()) if f not in known)]
        self.index = {f: i for i, f in enumerate(every)}
        self.weights = np.vstack([weights, np.zeros((len(every) - self.size + 1, weights.shape[1]))])
        self.trans = trans
        self.moves = moves(trans)
        self.neural = neural
        self._net_rows: np.ndarray | None = None
        self._mixed, self._mixed_moves = trans, self.moves  # the network's plus mix x the perceptron's
        if neural is not None:  # one lookup per feature string serves both models
            zero = len(neural.embed) - 1
            self._net_rows = np.array([*(neural.index.get(f, zero) for f in every), zero])
            self._mixed = neural.trans + neural.mix * trans  # the scores add, so the transitions do too
            self._mixed_moves = moves(self._mixed)

    def emissions(self, feats: list[list[str]], toks: Sequence[Tok] | None = None) -> np.ndarray:
        """Per-token tag scores: one gather and one segmented sum for the whole sentence, plus the
        tok2vec vectors' share where the model has dense weights and ``toks`` are given."""
        rows, starts = _gather(self.index, feats, len(self.weights) - 1)
        emit = np.add.reduceat(self.weights[rows], starts, axis=0)
        if self.dense is not None and toks is not None:
            emit += _dense(toks, len(self.dense)) @ self.dense
        return emit

    def tag(self, toks: Sequence[Tok]) -> list[str]:
        if not toks:
            return []
        rows, starts = _gather(self.index, token_features(toks), len(self.weights) - 1)
        net = self.neural
        if net is None or self._net_rows is None or not net.usable(toks):
            emit = np.add.reduceat(self.weights[rows], starts, axis=0)
            if self.dense is not None:
                emit += _dense(toks, len(self.dense)) @ self.dense
            return self._chosen(toks, read_spans(toks, _tag_of(viterbi(emit, self.trans, self.moves))))
        ids = np.array(rows)  # once for both tables
        emit = net.forward(toks, np.add.reduceat(net.embed[self._net_rows[ids]], starts, axis=0))
        if net.mix:
            own = np.add.reduceat(self.weights[ids], starts, axis=0)
            if self.dense is not None:
                own += _dense(toks, len(self.dense)) @ self.dense
            emit = emit + net.mix * own
        return self._chosen(toks, read_spans(toks, _tag_of(viterbi(emit, self._mixed, self._mixed_moves))))

    def _chosen(self, toks: Sequence[Tok], tags: list[str]) -> list[str]:
        """``tags`` after the target chooser and then the source chooser, where the model has them. They
        read only the decoded spans and the parse, never the emission scores, so they serve the mixed
        path as well as the perceptron's."""
        sent = Sentence.of(toks) if self.targets is not None and self.sources is not None else None
        if self.targets is not None:
            tags = self.targets.choose(toks, tags, sent)
        return tags if self.sources is None else self.sources.choose_sources(toks, tags, sent)

    def with_neural(self, neural: NeuralEmitter | None) -> SpanTagger:
        """This perceptron with ``neural`` attached (or detached, for None)."""
        return SpanTagger(list(self.index)[:self.size], self.weights[:self.size], self.trans, neural, self.dense,
                          self.targets, self.sources)

    @classmethod
    def load(cls, path: Path | None = None, neural: bool = True) -> SpanTagger | None:
        """The perceptron in ``path`` and, unless ``neural`` is False, the network beside it
        (:data:`NN_MODEL` in the same folder) where one is shipped."""
        file = path or data_file("models") / SPAN_MODEL
        try:
            with np.load(file, allow_pickle=False) as data:
                vocab, weights, trans = data["vocab"], data["weights"], data["trans"]
                dense = data["dense"].astype(np.float64) if "dense" in data.files else None
                targets = TargetChooser.from_arrays({k: data[k] for k in data.files if k.startswith("target_")})
                sources = TargetChooser.from_arrays({k: data[k] for k in data.files if k.startswith("source_")},
                                                    "source")
            if weights.shape != (len(vocab), len(TAGS)) or trans.shape != (len(STATES) + 2, len(STATES)):
                raise ValueError(f"shapes {weights.shape} / {trans.shape} do not fit this decoder")
        except (OSError, KeyError, ValueError) as exc:
            log.info("span tagger %s not usable (%s): dependency rules only", file, exc)
            return None
        net = NeuralEmitter.load(file.with_name(NN_MODEL)) if neural and file.with_name(NN_MODEL).exists() else None
        return cls([str(v) for v in vocab], weights.astype(np.float64), trans.astype(np.float64), net, dense,
                   targets, sources)

    def save(self, path: Path) -> None:
        """The perceptron and its target and source choosers (the network has its own file, written by its
        training script)."""
        np.savez_compressed(path, vocab=np.array(list(self.index)[:self.size]),
                            weights=self.weights[:self.size].astype(np.float32),
                            trans=self.trans.astype(np.float32),
                            **({} if self.dense is None else {"dense": self.dense.astype(np.float32)}),
                            **({} if self.targets is None else self.targets.arrays()),
                            **({} if self.sources is None else self.sources.arrays("source")))


def _dense(toks: Sequence[Tok], width: int) -> np.ndarray:
    """n x ``width``: each token's tok2vec vector (zeros where a token has none)."""
    vecs = [t.vector for t in toks]
    if all(v is not None and v.shape == (width,) for v in vecs):
        return np.stack(vecs).astype(np.float64)  # type: ignore[arg-type]
    out = np.zeros((len(toks), width))
    for i, v in enumerate(vecs):
        if v is not None and v.shape == (width,):
            out[i] = v
    return out


def _width(data: Sequence[tuple[Sequence[Tok], Sequence[str]]]) -> int:
    """The tok2vec width of the training rows (0 where they carry no vectors)."""
    for toks, _ in data:
        for t in toks:
            return 0 if t.vector is None else int(t.vector.shape[0])
    return 0


def train(data: Sequence[tuple[Sequence[Tok], Sequence[str]]], epochs: int = 8, seed: int = 0,
          on_epoch: Callable[[int, SpanTagger], None] | None = None, dense: float | None = None) -> SpanTagger:
    """Averaged structured perceptron (Collins 2002); features indexed once, updates in numpy.

    Next to the sparse feature strings each token's tok2vec vector (times ``dense``; 0 = none) is a
    real-valued input with its own weights.

    ``on_epoch`` gets the averaged model after each epoch (1-based), so a caller can pick the
    epoch count on held-out rows in one run instead of one training per candidate count.
    """
    dense = DENSE_SCALE if dense is None else dense
    feats = [token_features(toks) for toks, _ in data]
    index: dict[str, int] = {}
    ids = [[np.array([index.setdefault(f, len(index)) for f in fs], dtype=np.int64) for fs in sent]
           for sent in feats]
    gold = [_gold_states(tags) for _, tags in data]
    k, ns = len(TAGS), len(STATES)
    width = _width(data) if dense else 0
    vecs = [_dense(toks, width) * dense for toks, _ in data]
    w, wsum = np.zeros((len(index), k)), np.zeros((len(index), k))
    dw, dwsum = np.zeros((width, k)), np.zeros((width, k))
    tr, trsum = np.zeros((ns + 2, ns)), np.zeros((ns + 2, ns))
    rng = np.random.default_rng(seed)
    c = 1
    for epoch in range(epochs):
        for s in rng.permutation(len(data)):
            if ids[s]:  # an empty row only counts towards the average
                emit = np.stack([w[x].sum(axis=0) for x in ids[s]]) + vecs[s] @ dw
                pred = viterbi(emit, tr)
                if pred != gold[s]:
                    _update(ids[s], gold[s], pred, (w, wsum), (tr, trsum), c)
                    _update_dense(vecs[s], gold[s], pred, (dw, dwsum), c)
            c += 1
        if on_epoch:
            on_epoch(epoch + 1, _averaged(index, (w, wsum), (tr, trsum), c, (dw, dwsum), dense))
    return _averaged(index, (w, wsum), (tr, trsum), c, (dw, dwsum), dense)


def _averaged(index: dict[str, int], w: tuple[np.ndarray, np.ndarray], tr: tuple[np.ndarray, np.ndarray],
              c: int, dw: tuple[np.ndarray, np.ndarray] | None = None, dense: float = 0.0) -> SpanTagger:
    """The averaged weights as a tagger, without the features whose weights average to ~0."""
    avg_w, avg_tr = w[0] - w[1] / c, tr[0] - tr[1] / c
    keep = np.abs(avg_w).max(axis=1) > 1e-3
    vocab = [f for f, i in sorted(index.items(), key=lambda p: p[1]) if keep[i]]
    avg_dw = (dw[0] - dw[1] / c) * dense if dw is not None and len(dw[0]) else None  # scale folded in
    return SpanTagger(vocab, avg_w[keep], avg_tr, dense=avg_dw)


def mean_of(models: Sequence[SpanTagger]) -> SpanTagger:
    """Several perceptrons trained alike (different row orders) as ONE: the mean of their weights
    over the union of their features. A linear model's mean is a linear model, so it tags at the cost
    of one, while the order a single perceptron saw the rows in stops deciding close calls."""
    vocab = list(dict.fromkeys(f for m in models for f in list(m.index)[:m.size]))
    pos = {f: i for i, f in enumerate(vocab)}
    weights = np.zeros((len(vocab), len(TAGS)))
    for m in models:
        weights[[pos[f] for f in list(m.index)[:m.size]]] += m.weights[:m.size] / len(models)
    dense = [m.dense for m in models if m.dense is not None]
    return SpanTagger(vocab, weights, sum(m.trans for m in models) / len(models),
                      dense=sum(dense) / len(models) if len(dense) == len(models) else None)


def _update_dense(vec: np.ndarray, gold: list[int], pred: list[int], dw: tuple[np.ndarray, np.ndarray],
                  c: int) -> None:
    """The perceptron update of the dense weights: + the vector on the gold tag, - on the predicted."""
    if not len(dw[0]):
        return
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if _EMIT[g] != _EMIT[p]:
            for table, scale in ((dw[0], 1.0), (dw[1], float(c))):
                table[:, _EMIT[g]] += scale * vec[i]
                table[:, _EMIT[p]] -= scale * vec[i]


def _update(ids: list[np.ndarray], gold: list[int], pred: list[int], w: tuple[np.ndarray, np.ndarray],
            tr: tuple[np.ndarray, np.ndarray], c: int) -> None:
    start = len(STATES)
    for i, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if _EMIT[g] != _EMIT[p]:
            for table, scale in ((w[0], 1.0), (w[1], float(c))):
                np.add.at(table, (ids[i], _EMIT[g]), scale)
                np.add.at(table, (ids[i], _EMIT[p]), -scale)
        gp = gold[i - 1] if i else start
        pp = pred[i - 1] if i else start
        if (gp, g) != (pp, p):
            for table, scale in ((tr[0], 1.0), (tr[1], float(c))):
                table[gp, g] += scale
                table[pp, p] -= scale
    if gold[-1] != pred[-1]:
        for table, scale in ((tr[0], 1.0), (tr[1], float(c))):
            table[-1, gold[-1]] += scale
            table[-1, pred[-1]] -= scale


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
    """:class:`Tok` rows of a parsed spaCy sentence; ``by_token`` maps token index → Mention.

    A weak name that its document does not back up (``Mention.weak``: "IDF", "Abu Sayyaf" in a lone
    sentence) resolves to no actor, but it is still a dictionary hit here: the tagger learned what such
    names do in a sentence from the span file, whose sentences stand alone and back nothing up
    (reading them as plain words cost 0.007 span F1 in CV, twentieth pass)."""
    start = sent.start  # type: ignore[attr-defined]
    tensor = sent.doc.tensor  # type: ignore[attr-defined]
    has_vectors = tensor is not None and len(tensor) == len(sent.doc)  # type: ignore[attr-defined]
    out = []
    for tok in sent:  # type: ignore[attr-defined]
        mention = by_token.get(tok.i)
        actor = getattr(mention, "actor", None) or getattr(mention, "weak", None)
        if actor is not None:
            hit = f"M:{getattr(mention, 'label', '')}:{actor.sector or ''}"
        else:
            sector = agents.get(tok.lower_) or agents.get(tok.lemma_.lower())
            hit = f"A:{sector}" if sector else ""
        out.append(Tok(tok.text, tok.lemma_.lower(), tok.pos_, tok.tag_, tok.dep_, tok.head.i - start, hit,
                       tensor[tok.i] if has_vectors else None))
    return out
