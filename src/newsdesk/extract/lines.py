"""The learned half of the plain-text cleaner: keep or drop each line of a scrape.

Line-shape rules alone (:mod:`newsdesk.extract.text`) find the article's longest prose run but
miss short paragraphs, list items and subheadings and cannot tell a product description from a
teaser. Here each line is described by string features — its own shape (length, ending,
capitals, digits, punctuation, first and last word, date / byline / share / boilerplate look),
where it sits (position in the page, inside / before / after the longest prose run, prose
density around it), the shapes of its neighbours and the common words it uses (a vocabulary of
words found on many sites, which tells a caption, a label or a "Reply" from a sentence) — and a
logistic model over the hashed features gives a keep probability. A Viterbi pass then smooths those probabilities,
because an article is a few long runs of kept lines, not a scatter: switching between "in the
article" and "outside it" costs a penalty, and each dropped line between the article's first and
last kept line may cost a little more (the gap cost), so furniture far from the article must pay
for the whole distance to be kept.

The same line means different things on different kinds of page (a spec value on a product page,
a teaser title on a listing, a subheading in an article), so a page-level classifier
(:class:`PageKinds`) names the page's kind, the kind is crossed with the lines' shapes
(:func:`kind_features`), and the switch penalty and bias may differ by kind. An optional second
stage (:func:`stack_features`) rescores each line from its neighbours' first-stage log-odds.

Weights are trained by ``scripts/train_text_lines.py`` on WCXB dev pages rendered as text
(cross-validated by site) and shipped as ``data/models/text_lines.npz`` (plain arrays, no pickle).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from newsdesk.extract.blocks import hash_feature
from newsdesk.paths import DATA_DIR

MODEL_PATH = DATA_DIR / "models" / "text_lines.npz"
BITS = 18
_WORD = re.compile(r"\w+")
_TIME_AGO = re.compile(r"\b\d+\s*(sec|min|minute|hour|hr|day|week|month|year)s?\s+ago\b", re.I)
_PRICE = re.compile(r"[$€£¥₹]\s?\d|\d\s?(usd|eur|gbp)\b", re.I)
_URLISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|\.(com|org|net)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\s|$)")
_COUNT = re.compile(r"^\(?\d[\d,.]*[kKmM]?\)?$")
#: Lines up to this many words also get their vocabulary word pairs (labels, buttons, captions).
_PAIRS_UP_TO = 12


@dataclass(frozen=True)
class LineShapes:
    """The rule-based predicates of :mod:`newsdesk.extract.text` used as features (passed in,
    so the rules live in one place)."""

    boilerplate: Callable[[str], bool]
    date_line: Callable[[str], bool]
    byline: Callable[[str], bool]


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(1 for e in edges if value >= e)


def _ending(text: str) -> str:
    if text.endswith(("...", "…")):
        return "ellipsis"
    last = text[-1:]
    if last in ".!?":
        return "stop"
    if last in ":;,":
        return "colon"
    if last in "\"'”’»)":
        return "quote"
    return "digit" if last.isdigit() else ("alpha" if last.isalpha() else "other")


def _start(text: str) -> str:
    first = text[:1]
    if first.isupper():
        return "upper"
    if first.islower():
        return "lower"
    if first.isdigit():
        return "digit"
    return "quote" if first in "\"'“‘«(" else "mark"


def _is_prose(text: str, words: int) -> bool:
    return (words >= 12 and _ending(text) in ("stop", "quote")) or words >= 30


def own_features(text: str, shapes: LineShapes, repeats: int) -> list[str]:
    """Features of one line alone; the first five are also given to its neighbours."""
    words = _WORD.findall(text)
    n = len(words)
    wb = _bucket(n, (2, 3, 4, 6, 8, 12, 16, 25, 40, 80))
    end, start = _ending(text), _start(text)
    flags = [name for name, hit in (
        ("boiler", shapes.boilerplate(text)), ("date", n <= 12 and shapes.date_line(text)),
        ("byline", n <= 12 and shapes.byline(text)), ("ago", bool(_TIME_AGO.search(text))),
        ("price", bool(_PRICE.search(text))), ("url", bool(_URLISH.search(text))),
        ("count", bool(_COUNT.match(text))), ("pipes", text.count("|") + text.count("•") >= 2),
        ("allcaps", n >= 1 and text.upper() == text and any(c.isalpha() for c in text)),
        ("copy", "©" in text or text.lower().startswith("copyright")),
    ) if hit]
    feats = [f"w:{wb}", f"end:{end}", f"start:{start}", f"we:{wb}:{end}", "f:" + ",".join(flags)]
    feats += [f"flag:{f}" for f in flags]
    caps = sum(1 for w in text.split() if w[:1].isupper()) / max(n, 1)
    feats.append(f"caps:{_bucket(caps, (0.2, 0.4, 0.6, 0.8, 0.95))}w{min(wb, 5)}")
    feats.append(f"dig:{_bucket(sum(c.isdigit() for c in text) / max(len(text), 1), (0.02, 0.1, 0.3, 0.6))}")
    punct = sum(1 for c in text if not c.isalnum() and not c.isspace()) / max(len(text), 1)
    feats.append(f"punct:{_bucket(punct, (0.02, 0.05, 0.1, 0.2, 0.4))}")
    feats.append(f"commas:{_bucket(text.count(',') / max(n, 1), (0.01, 0.04, 0.08, 0.15))}")
    feats.append(f"sents:{_bucket(len(_SENTENCE_END.findall(text)), (1, 2, 3, 5))}")
    feats.append(f"rep:{_bucket(repeats, (2, 3, 6))}")
    lower = [w.lower() for w in words]
    if lower:
        feats += [f"first:{lower[0]}", f"last:{lower[-1]}", f"firstw:{lower[0]}:{min(wb, 4)}"]
    if n <= 4:
        feats += [f"tok:{w}" for w in lower]
        feats.append("line:" + " ".join(lower))
    return feats


def vocabulary_features(text: str, vocab: frozenset[str]) -> list[str]:
    """The line's words that are in the model's vocabulary ("photo", "reply", "cart", "posted"), and,
    on a short line, its word pairs with the rest replaced by "#" ("# reviews", "add to").

    The vocabulary holds only words seen on many different sites of the training pages, so the
    model learns what captions, labels and navigation say rather than one site's menu."""
    if not vocab:
        return []
    words = [w if w in vocab else "#" for w in (w.lower() for w in _WORD.findall(text))]
    feats = [f"v:{w}" for w in set(words) if w != "#"]
    if len(words) <= _PAIRS_UP_TO:
        feats += [f"v2:{a} {b}" for a, b in zip(["^", *words], [*words, "$"], strict=True)]
    return feats


def line_features(texts: list[str], shapes: LineShapes, span: tuple[int, int] | None,
                  marks: list[list[str]] | None = None, vocab: frozenset[str] = frozenset(),
                  kind: str | None = None) -> list[list[str]]:
    """Features of every line of a scrape; ``span`` is the longest prose run (first, last line),
    ``marks`` what other rules say of each line (given to the line and, prefixed, its neighbours),
    ``vocab`` the model's vocabulary (:func:`vocabulary_features`) and ``kind`` the page's kind
    (:class:`PageKinds`, crossed with the line's shape by :func:`kind_features`)."""
    marks = marks or [[] for _ in texts]
    counts = Counter(texts)
    word_counts = [len(_WORD.findall(t)) for t in texts]
    prose = [_is_prose(t, w) for t, w in zip(texts, word_counts, strict=True)]
    own = [own_features(t, shapes, counts[t]) for t in texts]
    runs = _short_runs(word_counts)
    total = max(sum(word_counts), 1)
    count = len(texts)
    seen = 0
    spanlen = "none" if span is None else _bucket(span[1] - span[0], (2, 5, 10, 20, 40))
    out: list[list[str]] = []
    for i in range(count):
        feats = own[i] + vocabulary_features(texts[i], vocab)
        feats.append(f"pos:{_bucket(i / max(count, 1), (0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.95))}")
        feats.append(f"wpos:{_bucket(seen / total, (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95))}")
        seen += word_counts[i]
        feats += _span_features(i, span, own[i][0])
        window = prose[max(0, i - 3) : i + 4]
        feats.append(f"dens:{_bucket(sum(window) / len(window), (0.15, 0.3, 0.5, 0.7, 0.9))}")
        feats.append(f"densw:{_bucket(sum(window) / len(window), (0.15, 0.5, 0.9))}:{own[i][0]}")
        feats += [f"mark:{m}" for m in marks[i]]
        feats += [f"mark:{m}:{spanlen}" for m in marks[i]]
        feats += _run_features(i, word_counts, prose, runs)
        for offset, name in ((-1, "p"), (1, "n"), (-2, "pp"), (2, "nn")):
            j = i + offset
            if 0 <= j < count:
                feats += [f"{name}:{f}" for f in own[j][:5]]
                feats += [f"{name}:mark:{m}" for m in marks[j] if abs(offset) == 1]
            else:
                feats.append(f"{name}:none")
        if i and own[i - 1][0] == own[i][0]:
            feats.append(f"same_w_prev:{own[i][1]}")
        out.append(feats)
    if kind is not None:
        for feats, crossed in zip(out, kind_features(texts, span, kind), strict=True):
            feats += crossed
    return out


def kind_features(texts: list[str], span: tuple[int, int] | None, kind: str) -> list[list[str]]:
    """The page's kind crossed with each line's length × ending, its place relative to the prose
    run, its position in the page and the prose density around it.

    The same short line means different things on different kinds of page: a five-word line
    without a full stop is a subheading in an article, a spec value on a product page and a
    teaser title on a listing; a long run of short lines is a menu on an article and the content
    of a collection page. One weight per shape cannot say both."""
    counts = [len(_WORD.findall(t)) for t in texts]
    prose = [_is_prose(t, n) for t, n in zip(texts, counts, strict=True)]
    out = []
    for i, text in enumerate(texts):
        wb = _bucket(counts[i], (2, 3, 4, 6, 8, 12, 16, 25, 40, 80))
        window = prose[max(0, i - 3) : i + 4]
        dens = _bucket(sum(window) / len(window), (0.15, 0.5, 0.9))
        where = _span_features(i, span, "")[1 if span is not None else 0]
        out.append([f"k:{kind}", f"k:{kind}:we:{wb}:{_ending(text)}", f"k:{kind}:{where}",
                    f"k:{kind}:pos:{_bucket(i / max(len(texts), 1), (0.1, 0.25, 0.5, 0.75, 0.9))}",
                    f"k:{kind}:dens:{dens}:{min(wb, 5)}"])
    return out


def stack_features(odds: list[float], texts: list[str], kind: str | None) -> list[list[str]]:
    """Second-stage features of every line: the first stage's log-odds of the line and of its
    neighbours, averaged over windows, against the page's median, and how far the nearest
    confident keep is, each binned, some crossed with the line's length and the page's kind.

    The first stage scores each line from its own text and its neighbours' *shapes*; whether the
    neighbours themselves look like content is what a table cell inside an article and a
    link in the footer differ by."""
    n = len(odds)
    if not n:
        return []
    z = np.asarray(odds, dtype=np.float64)
    median = float(np.median(z))
    cums = np.concatenate([[0.0], np.cumsum(z)])
    strong = [i for i in range(n) if z[i] > 2.0]
    edges = (-4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0)
    page = f"k{kind}" if kind else "k"
    out = []
    for i, text in enumerate(texts):
        wb = min(_bucket(len(_WORD.findall(text)), (2, 4, 8, 16, 40)), 5)
        own = _bucket(z[i], edges)
        feats = [f"s:z:{own}", f"s:z:{own}:w{wb}", f"s:z:{own}:{page}", f"s:med:{_bucket(median, edges)}",
                 f"s:rel:{_bucket(z[i] - median, edges)}:w{wb}", f"s:{page}"]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            feats.append(f"s:n{offset}:{_bucket(z[j], edges) if 0 <= j < n else 'none'}")
        for radius in (3, 10):
            lo, hi = max(0, i - radius), min(n, i + radius + 1)
            mean = (cums[hi] - cums[lo] - z[i]) / max(hi - lo - 1, 1)
            feats.append(f"s:win{radius}:{_bucket(mean, edges)}")
            feats.append(f"s:win{radius}:{_bucket(mean, edges)}:z{own}")
        at = bisect_left(strong, i)
        before = i - strong[at - 1] if at else 99
        after_at = at + (at < len(strong) and strong[at] == i)
        after = strong[after_at] - i if after_at < len(strong) else 99
        steps = (1, 2, 4, 8, 20)
        feats.append(f"s:strong:{_bucket(before, steps)}:{_bucket(after, steps)}")
        out.append(feats)
    return out


def page_features(texts: list[str], vocab: frozenset[str]) -> list[str]:
    """What a page as a whole looks like, for :class:`PageKinds`: the vocabulary words it uses
    ("cart", "reply", "ingredients"), how many lines it has, and the shares of prose, short and
    price lines (a product page is short lines and prices, a forum thread many "reply" lines)."""
    counts = [len(_WORD.findall(t)) for t in texts]
    n = max(len(texts), 1)
    shares = (("prose", sum(_is_prose(t, c) for t, c in zip(texts, counts, strict=True))),
              ("short", sum(c <= 4 for c in counts)), ("price", sum(bool(_PRICE.search(t)) for t in texts)),
              ("ago", sum(bool(_TIME_AGO.search(t)) for t in texts)), ("stop", sum(_ending(t) == "stop" for t in texts)))
    feats = [f"pv:{w}" for w in {w.lower() for t in texts for w in _WORD.findall(t)} if w in vocab]
    feats += [f"pshare:{name}:{_bucket(k / n, (0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7))}" for name, k in shares]
    feats.append(f"plines:{_bucket(len(texts), (20, 50, 100, 200, 400, 800))}")
    feats.append(f"pwords:{_bucket(sum(counts), (200, 500, 1000, 2000, 4000, 8000))}")
    return feats


@dataclass(frozen=True, eq=False)
class PageKinds:
    """A multinomial logistic classifier of a page's kind (the WCXB types: article, forum,
    product, collection, listing, documentation, service) over :func:`page_features`.

    Kept with the line model so that the line weights can differ by kind (:func:`kind_features`)."""

    names: tuple[str, ...]
    indices: np.ndarray  # hashed feature buckets with a weight
    weights: np.ndarray  # (len(indices), len(names))
    intercepts: np.ndarray  # (len(names),)
    bits: int = BITS
    rows: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", {b: r for r, b in enumerate(self.indices.tolist())})

    def scores(self, texts: list[str], vocab: frozenset[str]) -> np.ndarray:
        """Unnormalised log-probabilities of each kind."""
        found = [self.rows[b] for b in {hash_feature(f, self.bits) for f in page_features(texts, vocab)}
                 if b in self.rows]
        return self.intercepts + self.weights[found].sum(axis=0)

    def predict(self, texts: list[str], vocab: frozenset[str]) -> str:
        return self.names[int(np.argmax(self.scores(texts, vocab)))]


def _short_runs(word_counts: list[int]) -> list[int]:
    """Per line, the length of the run of lines around it that are all short (≤ 4 words) or all not."""
    runs: list[int] = []
    i = 0
    while i < len(word_counts):
        short = word_counts[i] <= 4
        j = i
        while j < len(word_counts) and (word_counts[j] <= 4) == short:
            j += 1
        runs.extend([j - i] * (j - i))
        i = j
    return runs


def _run_features(i: int, word_counts: list[int], prose: list[bool], runs: list[int]) -> list[str]:
    """How long the run of short lines around this one is (menus are long runs of short lines,
    subheadings stand alone between paragraphs) and how far the nearest prose lines are."""
    short = word_counts[i] <= 4
    run = _bucket(runs[i], (2, 3, 5, 8, 15, 30))
    before = next((i - j for j in range(i - 1, max(i - 30, -1), -1) if prose[j]), 99)
    after = next((j - i for j in range(i + 1, min(i + 30, len(prose))) if prose[j]), 99)
    edges = (1, 2, 3, 5, 10, 30)
    return [f"run:{short}:{run}", f"prose_before:{_bucket(before, edges)}", f"prose_after:{_bucket(after, edges)}",
            f"prose_both:{_bucket(max(before, after), edges)}"]


def _span_features(i: int, span: tuple[int, int] | None, length: str) -> list[str]:
    if span is None:
        return ["span:none"]
    first, last = span
    if first <= i <= last:
        where, gap = "in", 0
    elif i < first:
        where, gap = "before", first - i
    else:
        where, gap = "after", i - last
    g = _bucket(gap, (1, 2, 4, 8, 16, 40))
    return [f"span:{where}", f"span:{where}{g}", f"span:{where}:{length}", f"spanlen:{_bucket(last - first, (2, 5, 10, 20, 40))}"]


@dataclass(frozen=True, eq=False)
class LineModel:
    """Logistic weights over hashed features plus the Viterbi switch penalty, gap cost and decision bar."""

    indices: np.ndarray
    weights: np.ndarray
    intercept: float
    switch: float  # log-odds cost of entering or leaving the article between two lines
    bias: float  # added to every line's log-odds before smoothing (moves the precision/recall trade-off)
    bits: int = BITS
    vocab: frozenset[str] = frozenset()  # words of :func:`vocabulary_features` (empty: none used)
    kinds: PageKinds | None = None  # page-kind classifier (None: no kind features)
    #: per page kind, (switch, bias, gap) replacing the global ones (kinds absent here use those)
    kind_settings: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    #: second stage over the first stage's log-odds (:func:`stack_features`); None: one stage
    stack: LineModel | None = None
    gap: float = 0.0  # cost of each dropped line inside the article's stretch (:func:`viterbi`)
    table: dict[int, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", dict(zip(self.indices.tolist(), self.weights.tolist(), strict=True)))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LineModel:
        with np.load(path, allow_pickle=False) as data:
            vocab = frozenset(data["vocab"].tolist()) if "vocab" in data.files else frozenset()
            kinds, settings = None, {}
            if "kind_names" in data.files:
                names = tuple(data["kind_names"].tolist())
                kinds = PageKinds(names, data["kind_indices"], data["kind_weights"], data["kind_intercepts"],
                                  int(data["bits"]))
                gaps = data["kind_gap"] if "kind_gap" in data.files else np.zeros(len(names))
                settings = {name: (float(s), float(b), float(g)) for name, s, b, g, chosen in zip(
                    names, data["kind_switch"], data["kind_bias"], gaps, data["kind_chosen"], strict=True) if chosen}
            stack = None
            if "stack_indices" in data.files:
                stack = cls(data["stack_indices"], data["stack_weights"], float(data["stack_intercept"]), 0.0, 0.0,
                            int(data["bits"]))
            gap = float(data["gap"]) if "gap" in data.files else 0.0
            return cls(data["indices"], data["weights"], float(data["intercept"]), float(data["switch"]),
                       float(data["bias"]), int(data["bits"]), vocab, kinds, settings, stack, gap)

    def save(self, path: Path = MODEL_PATH) -> None:
        arrays: dict[str, np.ndarray] = {}
        if self.kinds is not None:
            names = self.kinds.names
            arrays = {"kind_names": np.array(names, dtype=str), "kind_indices": self.kinds.indices.astype(np.int32),
                      "kind_weights": self.kinds.weights.astype(np.float32),
                      "kind_intercepts": self.kinds.intercepts.astype(np.float64),
                      "kind_switch": np.array([self.kind_settings.get(k, (0.0, 0.0, 0.0))[0] for k in names]),
                      "kind_bias": np.array([self.kind_settings.get(k, (0.0, 0.0, 0.0))[1] for k in names]),
                      "kind_gap": np.array([self.kind_settings.get(k, (0.0, 0.0, 0.0))[2] for k in names]),
                      "kind_chosen": np.array([k in self.kind_settings for k in names])}
        if self.stack is not None:
            arrays |= {"stack_indices": self.stack.indices.astype(np.int32),
                       "stack_weights": self.stack.weights.astype(np.float32),
                       "stack_intercept": np.float64(self.stack.intercept)}
        np.savez_compressed(path, indices=self.indices.astype(np.int32), weights=self.weights.astype(np.float32),
                            intercept=np.float64(self.intercept), switch=np.float64(self.switch),
                            bias=np.float64(self.bias), gap=np.float64(self.gap), bits=np.int64(self.bits),
                            vocab=np.array(sorted(self.vocab), dtype=str), **arrays)

    def page_kind(self, texts: list[str]) -> str | None:
        """The page's kind by the model's classifier (None when the model has none)."""
        return None if self.kinds is None else self.kinds.predict(texts, self.vocab)

    def settings(self, kind: str | None) -> tuple[float, float, float]:
        """(switch, bias, gap) for a page of this kind."""
        return self.kind_settings.get(kind or "", (self.switch, self.bias, self.gap))

    def log_odds(self, features: list[list[str]]) -> list[float]:
        table = self.table
        return [self.intercept + sum(table.get(b, 0.0) for b in {hash_feature(f, self.bits) for f in feats})
                for feats in features]

    def scores(self, features: list[list[str]], texts: list[str], kind: str | None = None) -> list[float]:
        """Each line's keep log-odds: the first stage's, or the second stage's over them."""
        odds = self.log_odds(features)
        return odds if self.stack is None else self.stack.log_odds(stack_features(odds, texts, kind))

    def keep(self, features: list[list[str]], texts: list[str], kind: str | None = None) -> list[bool]:
        """Smoothed keep / drop decision of every line (of a page of this kind)."""
        switch, bias, gap = self.settings(kind)
        return viterbi([z + bias for z in self.scores(features, texts, kind)], switch, gap)


def viterbi(log_odds: list[float], switch: float, gap: float = 0.0) -> list[bool]:
    """Most likely keep / drop sequence: each line scores its log-odds when kept (0 when dropped),
    and every change of state between neighbouring lines costs ``switch``.

    With ``gap`` > 0 the page is read as header, body, footer: the body is one stretch that starts
    and ends on a kept line, and each dropped line inside it costs ``gap``. A page's furniture
    (a "Share" line in the footer, a menu item that looks like a sentence) is then kept only when
    its evidence pays for the whole gap back to the article, not just for two switches; a short
    table between paragraphs still costs little. ``gap`` 0 is the plain two-state smoothing."""
    if not log_odds:
        return []
    # states: 0 header (drop), 1 body keep, 2 body gap (drop), 3 footer (drop)
    head, keep, hole, foot = 0.0, log_odds[0], -math.inf, -math.inf
    back: list[tuple[int, int, int]] = []  # per line after the first: best previous state of keep, hole, foot
    for z in log_odds[1:]:
        new_keep, from_keep = keep, 1
        if hole - switch > new_keep:
            new_keep, from_keep = hole - switch, 2
        if head - switch > new_keep:
            new_keep, from_keep = head - switch, 0
        new_hole, from_hole = (keep - switch, 1) if keep - switch >= hole else (hole, 2)
        new_foot, from_foot = foot, 3
        if max(keep, hole) - switch > foot:
            new_foot, from_foot = max(keep, hole) - switch, 1 if keep >= hole else 2
        back.append((from_keep, from_hole, from_foot))
        keep, hole, foot = new_keep + z, new_hole - gap, new_foot
    finals = (head, keep, hole, foot)
    state = max(range(4), key=finals.__getitem__)
    states = [state]
    for previous in reversed(back):
        state = 0 if state == 0 else previous[state - 1]
        states.append(state)
    return [state == 1 for state in reversed(states)]


@cache
def load_line_model() -> LineModel | None:
    """The shipped model, or None in a checkout without it (the cleaner then uses its rules)."""
    return LineModel.load() if MODEL_PATH.exists() else None
