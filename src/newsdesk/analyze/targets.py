"""Target choice: a second stage after the span tagger that picks which phrase of a sentence is the target.

The span tagger (``spantag.py``) reads a sentence token by token, so it decides "is this word inside the
target?" one word at a time. Most of its target errors are a choice between whole phrases: the gold target
is one noun phrase of the sentence and the tagger marked another, marked a non-actor object, or cut the right
phrase at the wrong word. This stage looks at whole phrases instead. Each candidate is a noun phrase read off
the parse (a noun's subtree, that subtree cut before a trailing prepositional phrase, clause or apposition,
with or without its article) or a target span the tagger decoded. A small linear model scores each candidate
with what a phrase-level view sees well: how the phrase hangs off its verb ("dobj", "prep:against"), that
verb's dictionary type, whether the phrase names an actor, its length, its place next to the source, and
whether (and how) the tagger's own target span covers it, and whether it is coordinated with that span
("the soldiers and [policemen]": the annotation gives each conjunct its own target, the tagger usually marks
one). The best candidates above a cut become the sentence's targets (a bare conjunct of the tagger's target
has a lower cut of its own than other second phrases); a sentence read as reciprocal keeps its tags.

Sources are re-picked the same way after the targets: a second chooser of this class, trained on tags with
sources and targets swapped (:func:`swap_roles`), reads the phrases that do not overlap a chosen target.
The frame's features are all relative to "the tagger's span of the role" and "the other role", so they
carry over unchanged, and the same code scores both.

The model is trained on the tagger's cross-fitted output (``scripts/train_events.py``), never on rows the
tagger saw, and is stored in the span tagger's ``.npz``. At run time it is a dictionary lookup and a dot
product per candidate: numpy only. What several candidates share is built once per sentence: the strings
that depend on the head alone (a noun heads several candidates), the tagger's spans, and running counts of
word flags, so "does the phrase hold a proper noun?" is a subtraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, repeat
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.analyze.lexicon import VERBS

if TYPE_CHECKING:
    from newsdesk.analyze.spantag import Tok

Span = tuple[int, int]
#: Parts of speech that head a candidate phrase.
_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
#: Right dependents that end the "base" phrase: what follows may or may not belong to the target.
_TAILS = frozenset({"prep", "relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "agent", "prt"})
_VERBAL = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Sentence:
    """What the candidates and features of one sentence share: the parse's children and subtree edges,
    running counts of the token flags the features ask about over a phrase (so "does the phrase hold a
    proper noun?" is one subtraction, not a walk over its words), and a memo of each head's own features."""

    toks: Sequence[Tok]
    kids: list[list[int]]
    edges: list[Span]  # [left, right) of each token's subtree
    attached: dict[int, tuple[int, str, int, str]]  # memo of :meth:`attachment`
    counts: dict[str, list[int]]  # flag → number of flagged tokens before each position (n + 1 entries)
    heads: dict[int, _Head]  # memo of :meth:`head`
    groups: list[int]  # each token's coordination: the first conjunct of its "A, B and C" chain (itself if none)

    @classmethod
    def of(cls, toks: Sequence[Tok]) -> Sentence:
        n = len(toks)
        kids: list[list[int]] = [[] for _ in range(n)]
        for i, t in enumerate(toks):
            if 0 <= t.head < n and t.head != i:
                kids[t.head].append(i)
        flags = {"M": [t.dict_hit.startswith("M") for t in toks], "hit": [bool(t.dict_hit) for t in toks],
                 "propn": [t.pos == "PROPN" for t in toks], "verb": [t.pos == "VERB" for t in toks],
                 "comma": [t.text == "," for t in toks]}
        counts = {k: [0, *accumulate(map(int, v))] for k, v in flags.items()}
        return cls(toks, kids, _subtree_edges(toks, kids), {}, counts, {}, _coordinations(toks))

    def attachment(self, head: int) -> tuple[int, str, int, str]:
        """:func:`_attachment` of ``head``, worked out once: a noun heads several candidate phrases."""
        found = self.attached.get(head)
        if found is None:
            found = self.attached[head] = _attachment(self.toks, head)
        return found

    def head(self, head: int) -> _Head:
        """The features of ``head`` that do not depend on the phrase's edges, built once per head."""
        found = self.heads.get(head)
        if found is None:
            found = self.heads[head] = _Head.of(self, head)
        return found

    def count(self, flag: str, a: int, b: int) -> int:
        """How many tokens in [a, b) carry ``flag``."""
        c = self.counts[flag]
        return c[b] - c[a]


_MAX_DEPTH = 60  # a head chain longer than this is not followed further (a malformed parse)


def _subtree_edges(toks: Sequence[Tok], kids: list[list[int]]) -> list[Span]:
    """[left, right) of each token's subtree. Children are merged into parents from the deepest token
    up, once each; a parse with a cycle or a chain over :data:`_MAX_DEPTH` steps takes the slow walk,
    which stops after that many steps, so both give the same edges."""
    n = len(toks)
    depth = [-1] * n
    for i in range(n):
        path, cur = [], i
        while depth[cur] < 0:
            path.append(cur)
            head = toks[cur].head
            if not 0 <= head < n or head == cur:
                depth[cur] = 0
                path.pop()
                break
            if len(path) > _MAX_DEPTH:
                return _walked_edges(toks)
            cur = head
        d = depth[cur]
        for j in reversed(path):
            d += 1
            depth[j] = d
        if d > _MAX_DEPTH:
            return _walked_edges(toks)
    edges = [(i, i + 1) for i in range(n)]
    for i in sorted(range(n), key=depth.__getitem__, reverse=True):
        for k in kids[i]:
            a, b = edges[i]
            x, y = edges[k]
            edges[i] = (min(a, x), max(b, y))
    return edges


def _coordinations(toks: Sequence[Tok]) -> list[int]:
    """Each token's coordination group: the token reached by climbing its ``conj`` arcs (at most
    :data:`_MAX_DEPTH` steps). Two tokens are conjuncts of one another when their groups are equal."""
    n = len(toks)
    out = []
    for i in range(n):
        cur = i
        for _ in range(_MAX_DEPTH):
            head = toks[cur].head
            if toks[cur].dep != "conj" or not 0 <= head < n or head == cur:
                break
            cur = head
        out.append(cur)
    return out


def _walked_edges(toks: Sequence[Tok]) -> list[Span]:
    """Subtree edges by walking up from every token (at most :data:`_MAX_DEPTH` steps)."""
    n = len(toks)
    edges = [(i, i + 1) for i in range(n)]
    for i in range(n):  # every token widens the edges of each of its ancestors
        cur, steps = i, 0
        while 0 <= toks[cur].head < n and toks[cur].head != cur and steps < _MAX_DEPTH:
            cur, steps = toks[cur].head, steps + 1
            a, b = edges[cur]
            edges[cur] = (min(a, i), max(b, i + 1))
    return edges


def candidates(sent: Sentence) -> dict[Span, int]:
    """Candidate target phrases → their head token. Per noun: its subtree, the subtree cut before each
    trailing prepositional phrase, clause, apposition or conjunct (and through the first prepositional
    phrase), each also without its article or possessor; and the noun with its own words but not its
    conjuncts. These hold the exact gold target for about 88 % of the span file's targets."""
    toks, kids, edges = sent.toks, sent.kids, sent.edges
    out: dict[Span, int] = {}
    for i, t in enumerate(toks):
        if t.pos not in _HEADS or t.dep == "compound":
            continue
        left, right = edges[i]
        ends = {right}
        for r in kids[i]:
            if r < i or toks[r].dep not in _TAILS:
                continue
            end = edges[r][0]
            while end - 1 > i and toks[end - 1].dep in ("punct", "cc"):
                end -= 1
            if end > i:
                ends.add(end)
            if toks[r].dep == "prep":
                ends.add(edges[r][1])
        base = min(ends)
        if base < len(toks) and toks[base].dep == "prep" and toks[base].head != i:
            ends.add(edges[base][1])  # "a police headquarters [in eastern Afghanistan]" hung off the verb
        starts = {left}
        if left < i and toks[left].dep in ("det", "poss"):
            starts.add(left + 1)
        for a in starts:
            for b in ends:
                if a < b:
                    out.setdefault((a, b), i)
        own = [i] + [j for k in kids[i] if toks[k].dep not in ("conj", "cc") for j in range(*edges[k])]
        out.setdefault((min(own), max(own) + 1), i)
    return out


def _label(tok: Tok) -> str:
    return tok.dep + (":" + tok.text.lower() if tok.dep in ("prep", "agent") else "")


def _attachment(toks: Sequence[Tok], i: int) -> tuple[int, str, int, str]:
    """(the nearest verb above ``i`` or -1, the label of the branch from it, steps, the last two labels)."""
    cur, path = i, []
    for steps in range(40):
        head = toks[cur].head
        if toks[cur].dep == "ROOT" or not 0 <= head < len(toks) or head == cur:
            return -1, "root", steps, ">".join(path[-2:])
        path.append(_label(toks[cur]))
        if toks[head].pos in _VERBAL:
            return head, path[-1], steps, ">".join(path[-2:])
        cur = head
    return -1, "loop", 40, ">".join(path[-2:])


def _bucket(x: int, cuts: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13)) -> str:
    return next((str(c) for c in cuts if x <= c), "big")


_BUCKETS = tuple(_bucket(n) for n in range(14))  # :func:`_bucket` of 0–13, looked up rather than searched
_LENGTHS = tuple(f"len={b}" for b in _BUCKETS)  # a phrase's length feature, 0–13 words


@dataclass(frozen=True)
class _Head:
    """The feature strings of a candidate phrase that depend on its head only (its label, the branch to
    its verb, the verb's type), in their places in :func:`features`; the two-way ones by truth value."""

    before: tuple[str, ...]  # head label and part of speech, the branch, its length, the path's last labels
    att_tag: tuple[str, str]  # the branch with "the tagger tagged this phrase" False / True
    after: tuple[str, ...]  # the verb's type, lemma, label, root and distance; the head's dictionary hit
    propn: tuple[str, str]  # the branch with "the phrase holds a proper noun" False / True
    branch: str
    whole: Span  # the head's subtree

    @classmethod
    def of(cls, sent: Sentence, head: int) -> _Head:
        toks, tok = sent.toks, sent.toks[head]
        verb, branch, steps, path = sent.attachment(head)
        before = (f"hdep={_label(tok)}", f"hpos={tok.pos}", f"att={branch}",
                  f"att_d={branch}_{steps if steps <= 2 else 'big'}", f"path={path}")
        after: list[str] = []
        if verb >= 0:
            v = toks[verb]
            kind = VERBS[v.lemma].plover if v.lemma in VERBS else "-"
            dist = abs(head - verb)
            after += [f"vk={kind}_{branch}", f"vl={v.lemma}_{branch}", f"vdep={v.dep}",
                      f"vroot={v.dep == 'ROOT'}_{branch}",
                      f"dist={_BUCKETS[dist] if dist < len(_BUCKETS) else 'big'}_{head > verb}"]
        after.append(f"hdict={tok.dict_hit.split(':')[0] if tok.dict_hit else '-'}")
        return cls(before, (f"att_tag={branch}_False", f"att_tag={branch}_True"), tuple(after),
                   (f"propn=False_{branch}", f"propn=True_{branch}"), branch, sent.edges[head])


@dataclass(frozen=True)
class _Found:
    """What the features read of the tagger's spans in one sentence, worked out once for all its
    candidates: its targets and sources, the first four feature strings for each way a phrase can
    stand to the tagger's targets, and the coordination groups that reach into a target."""

    targets: tuple[Span, ...]
    sources: tuple[Span, ...]
    opening: dict[tuple[bool, bool], tuple[str, ...]]  # (tagged, overlaps a T) → the first four features
    conjoined: dict[int, tuple[Span, ...]]  # coordination group → the tagger's targets holding a member

    @classmethod
    def of(cls, found: Sequence[tuple[str, int, int]], sent: Sentence) -> _Found:
        targets = tuple((x, y) for kind, x, y in found if kind == "T")
        sources = tuple((x, y) for kind, x, y in found if kind == "S")
        n_t = min(len(targets), 2)
        opening = {(t, o): ("bias", f"tag={t}_{o}", f"nT={n_t}", f"nT_tag={n_t}_{t}_{o}")
                   for t in (False, True) for o in (False, True)}
        conjoined: dict[int, tuple[Span, ...]] = {}
        for x, y in targets:
            for g in dict.fromkeys(sent.groups[x:y]):
                conjoined[g] = (*conjoined.get(g, ()), (x, y))
        return cls(targets, sources, opening, conjoined)


def features(sent: Sentence, span: Span, head: int, found: Sequence[tuple[str, int, int]]) -> list[str]:
    """The feature strings of one candidate phrase (all binary)."""
    return _features(sent, span, head, _Found.of(found, sent))


def _features(sent: Sentence, span: Span, head: int, found: _Found) -> list[str]:
    toks, (a, b) = sent.toks, span
    tagged = span in found.targets
    near = next(((x, y) for x, y in found.targets if x < b and a < y), None)
    f = list(found.opening[tagged, near is not None])
    if near is not None and not tagged:
        x, y = near
        shape = "in" if x <= a and b <= y else "out" if a <= x and y <= b else "cross"
        f.append(f"ovshape={shape}_{'L' if a == x else ''}{'R' if b == y else ''}")
    h = sent.head(head)
    f += h.before
    f.append(h.att_tag[tagged])
    f += h.after
    named = "M" if sent.count("M", a, b) else "A" if sent.count("hit", a, b) else "-"
    whole = h.whole
    f += [f"anydict={named}", h.propn[sent.count("propn", a, b) > 0],
          _LENGTHS[b - a] if b - a < len(_LENGTHS) else "len=big",
          f"first={toks[a].tag}", f"last={toks[b - 1].dep}",
          "full=True" if a <= whole[0] and whole[1] <= b else "full=False",
          "comma=True" if sent.count("comma", a, b) else "comma=False",
          "hasverb=True" if sent.count("verb", a, b) else "hasverb=False",
          f"prevw={toks[a - 1].text.lower() if a else '<s>'}", f"nextw={toks[b].text.lower() if b < len(toks) else '</s>'}"]
    sources = found.sources
    if sources:
        side = "after" if all(a >= y for _, y in sources) else "before" if all(b <= x for x, _ in sources) else "mid"
        f.append(f"srel={side}_{h.branch}")
    else:
        f.append("noS")
    linked = next((t for t in found.conjoined.get(sent.groups[head], ()) if not (t[0] < b and a < t[1])), None)
    if linked is not None:  # a conjunct of the tagger's target: its own target in the annotation, if it is bare
        f.append(f"conjT={named}_{b - a <= linked[1] - linked[0] + 2}")
    return f


def sentence_candidates(toks: Sequence[Tok], found: Sequence[tuple[str, int, int]],
                        sent: Sentence | None = None) -> list[tuple[Span, list[str]]]:
    """Each candidate target of a source/target sentence with its features; none for a reciprocal one
    (its tags stay as decoded). The tagger's own target spans are always candidates; phrases that overlap
    a source span are not. ``sent`` is ``Sentence.of(toks)`` where the caller has it already: what it
    holds and memoizes depends on the words alone, so both choosers of a sentence can share it."""
    if not toks or any(kind == "R" for kind, _, _ in found):
        return []
    sent = sent or Sentence.of(toks)
    cands = candidates(sent)
    for kind, a, b in found:
        if kind == "T" and (a, b) not in cands:
            heads = [i for i in range(a, b) if not a <= toks[i].head < b]
            cands[(a, b)] = heads[0] if heads else a
    known = _Found.of(found, sent)
    sources = known.sources
    return [(span, _features(sent, span, head, known)) for span, head in cands.items()
            if not any(x < span[1] and span[0] < y for x, y in sources)]


def bare_conjunct(strings: Sequence[str]) -> bool:
    """Whether a candidate's features say it is a bare conjunct of the tagger's target (its last string
    is ``conjT=…_True``): in the annotation such a phrase is a target of its own far more often than
    another further phrase, so it gets its own, lower cut."""
    return bool(strings) and strings[-1].startswith("conjT=") and strings[-1].endswith("_True")


def pick(spans: Sequence[Span], scores: Sequence[float], first: float, more: float,
         blocked: Sequence[Span] = (), bare: Sequence[bool] = (), conj: float = np.inf) -> list[Span]:
    """The highest-scoring spans that do not overlap each other or ``blocked``: the first above ``first``,
    each further one above ``more`` (most sentences have one target, so a second must be surer), or above
    ``conj`` where ``bare`` marks it a bare conjunct of the tagger's target."""
    low = min(more, conj)
    out: list[Span] = []
    for j in sorted(range(len(spans)), key=lambda j: -scores[j]):
        a, b = spans[j]
        if scores[j] < (low if out else first):
            break
        if out and scores[j] < more and not (bare and bare[j]):
            continue
        if not any(x < b and a < y for x, y in [*out, *blocked]):
            out.append((a, b))
    return out


def retag(tags: list[str], found: Sequence[tuple[str, int, int]], cands: Sequence[tuple[Span, list[str]]],
          scores: Sequence[float], first: float, more: float, conj: float = np.inf) -> list[str]:
    """``tags`` (whose spans are ``found``) with the target spans replaced by the chosen candidates.

    Where the tagger found a target the best candidate replaces it whatever its score: the tagger's
    end scores already price "this sentence has a target", and the chooser only decides which phrase it
    is. Where it found none, a candidate must pass ``first``. Further targets must pass ``more``, or
    ``conj`` if they are a bare conjunct of the tagger's target."""
    if not cands:
        return tags
    if any(kind == "T" for kind, _, _ in found):
        first = -np.inf
    bare = [bare_conjunct(strings) for _, strings in cands] if conj < more else []
    chosen = pick([span for span, _ in cands], scores, first, more,
                  [(a, b) for kind, a, b in found if kind != "T"], bare, conj)
    out = ["O" if t.endswith("-T") else t for t in tags]
    for a, b in chosen:
        out[a:b] = ["B-T"] + ["I-T"] * (b - a - 1)
    return out


#: A cut no score reaches (training stores "none" as this): a chooser whose first cut is this adds no
#: span to a sentence where the tagger found none, so such a sentence needs no candidates at all.
NO_CUT = 1e9
_SWAP = {"B-S": "B-T", "I-S": "I-T", "B-T": "B-S", "I-T": "I-S"}


def swap_roles(tags: Sequence[str]) -> list[str]:
    """``tags`` with sources and targets swapped. The source chooser is the target chooser's frame read
    the other way round: its candidates, features ("tagged as the tagger's span", "a conjunct of it",
    "before or after the other role") and cuts all carry over once S and T trade places."""
    return [_SWAP.get(t, t) for t in tags]


@dataclass(frozen=True)
class TargetChooser:
    """The linear phrase scorer: a weight per feature string (and per real-valued input), and the cuts on
    the score (log-odds) for a sentence's first target, further targets, and a further target that is a
    bare conjunct of the tagger's target (``inf``: no cut of its own)."""

    index: dict[str, int]
    weights: np.ndarray
    first: float
    more: float
    conj: float = np.inf

    @cached_property
    def table(self) -> dict[str, float]:
        """Feature string → weight as plain floats: summing numpy scalars one by one costs several
        times more, and the sum is the same (the same float64 values added in the same order)."""
        return {s: float(self.weights[j]) for s, j in self.index.items()}

    def score(self, cands: Sequence[tuple[Span, list[str]]]) -> list[float]:
        """The log-odds of each candidate being a gold target."""
        get = self.table.get  # an unknown string adds 0.0, which leaves the running float sum as it was
        return [float(sum(map(get, strings, repeat(0.0)))) for _, strings in cands]

    def choose(self, toks: Sequence[Tok], tags: list[str], sent: Sentence | None = None) -> list[str]:
        """``tags`` with the target spans replaced by the chosen phrases (unchanged for a reciprocal
        sentence). Sources are kept; a chosen phrase never overlaps one."""
        from newsdesk.analyze.spantag import spans  # the tagger imports this module

        found = spans(tags)
        if self.first >= NO_CUT and not any(kind == "T" for kind, _, _ in found):
            return tags  # nothing to re-pick, and no phrase may be added: skip the candidates
        cands = sentence_candidates(toks, found, sent)
        return retag(tags, found, cands, self.score(cands), self.first, self.more, self.conj)

    def choose_sources(self, toks: Sequence[Tok], tags: list[str], sent: Sentence | None = None) -> list[str]:
        """:meth:`choose` with the roles swapped: this chooser, trained on swapped tags, re-picks the
        sources among the phrases that do not overlap a target."""
        return swap_roles(self.choose(toks, swap_roles(tags), sent))

    def arrays(self, role: str = "target") -> dict[str, np.ndarray]:
        """The ``.npz`` members that store this chooser beside the tagger's weights (``role``: "target",
        or "source" for the chooser that re-picks sources)."""
        return {f"{role}_vocab": np.array(list(self.index)), f"{role}_weights": self.weights.astype(np.float32),
                f"{role}_cuts": np.array([self.first, self.more, self.conj], dtype=np.float32)}

    @classmethod
    def from_arrays(cls, data: dict[str, np.ndarray], role: str = "target") -> TargetChooser | None:
        """The chooser stored by :meth:`arrays`, or None where the file has none (an older model). A file
        with two cuts (before the conjunct cut) gives further conjuncts no cut of their own."""
        if f"{role}_vocab" not in data:
            return None
        vocab = [str(v) for v in data[f"{role}_vocab"]]
        weights = np.asarray(data[f"{role}_weights"], dtype=np.float64)
        cuts = np.asarray(data[f"{role}_cuts"], dtype=np.float64)
        if weights.shape != (len(vocab),) or cuts.shape not in ((2,), (3,)):
            raise ValueError("target chooser arrays do not fit")
        conj = float(cuts[2]) if len(cuts) == 3 else np.inf
        return cls({v: i for i, v in enumerate(vocab)}, weights, float(cuts[0]), float(cuts[1]), conj)
