"""A first page-type heuristic: article, listing (section front, tag page, search results) or other.

An article page has a few hundred words in several paragraphs and little of its text inside links;
a listing is mostly links and repeated teaser headlines with little prose of its own. This is a
deliberately simple rule set that a trained classifier can replace behind the same signature.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from lxml import etree


@dataclass(frozen=True)
class PageSignals:
    """Measurements page-type classification looks at."""

    words: int  # words in the extracted main text
    paragraphs: int  # paragraphs in the extracted main text
    link_density: float = 0.0  # share of the page body's text inside <a> elements
    teasers: int = 0  # linked headlines (h2/h3/h4 containing a link) on the page
    marked_article: bool = False  # og:type article or Article JSON-LD


def classify_page(signals: PageSignals) -> str:
    """"article", "listing" or "other" from simple thresholds on :class:`PageSignals`."""
    prose_poor = signals.words < 250 or signals.paragraphs < 3
    if signals.teasers >= 6 and prose_poor:
        return "listing"
    if signals.link_density > 0.5 and signals.words < 400:
        return "listing"
    if signals.words >= 150 and signals.paragraphs >= 2:
        return "article"
    if signals.marked_article and signals.words >= 60:
        return "article"
    return "other"


def article_probability(features: list[str], prose_words: dict[str, int] | None = None,
                        prose_pairs: dict[str, int] | None = None) -> float | None:
    """P(article) from the learned models over :func:`type_features` and the page's prose words
    and word pairs (:func:`prose_word_counts`, :func:`prose_pair_counts`); None when no model is shipped.

    Two stages: the linear model over all the (hashed) features, then a small tree ensemble over
    the counted and yes/no features plus the linear model's log-odds and, when shipped, the side
    models' log-odds (:class:`SideScores`) and the prose-word score (:class:`ProseWords`), starting
    from a logistic combiner of those scores (:attr:`PageTypeTrees.start`). The trees see
    interactions a sum of weights cannot ("long prose AND no byline AND a flat URL"); the linear
    scores bring in the hundreds of word features the trees could not learn from 1,500 pages.
    Trees that read scores which are not shipped (or prose words or pairs the caller did not give)
    are not used: the linear model then decides alone."""
    from newsdesk.extract.learned import load_model

    model = load_model("extract_pagetype")
    if model is None:
        return None
    buckets = model.buckets(features)
    probability = model.probability_of(buckets)
    trees = load_trees()
    if trees is None:
        return probability
    scores = [_logit(probability)]
    sides, prose = trees.sides, None
    if sides[-1:] == (PROSE_SCORE,):
        sides, prose = sides[:-1], load_prose()
        if prose is None or prose_words is None or (prose.pairs and prose_pairs is None):
            return probability
    if sides:
        side = load_side()
        if side is None or side.names != sides or side.bits != model.bits:
            return probability
        scores += side.log_odds(buckets)
    if prose is not None and prose_words is not None:
        scores.append(prose.log_odds(prose_words, prose_pairs))
    return trees.probability(features, *scores)


def _logit(probability: float) -> float:
    p = min(max(probability, 1e-12), 1.0 - 1e-12)
    return math.log(p / (1.0 - p))


#: Feature families that name words (template classes, interface words, title and heading words,
#: declared types) rather than count something: the tree stage leaves them to the linear score.
WORD_FAMILIES = frozenset({"sw", "bc", "mc", "mt", "ld", "cta", "hd", "tt", "tt0", "cue"})
_NUMBERED = re.compile(r"^(.*?)(-?\d+|True|False)$")


def dense_value(feature: str) -> tuple[str, int] | None:
    """The (name, value) a counted or yes/no feature carries: "prose:3" → ("prose:", 3),
    "url:dateTrue" → ("url:date", 1); None for word features and names without a value."""
    if feature.split(":", 1)[0] in WORD_FAMILIES or feature.startswith("url:w:"):
        return None
    match = _NUMBERED.match(feature)
    if match is None:
        return None
    value = match.group(2)
    return match.group(1), 1 if value == "True" else 0 if value == "False" else int(value)


TREES_FILE = "extract_pagetype_trees.npz"
#: Bound on the combiner's log-odds (P within 3e-7 of 0 or 1): such a page is decided either way, and
#: the trainer's round trip through a probability stays exact to 1e-9 inside it.
START_CLIP = 15.0


class PageTypeTrees:
    """Gradient-boosted regression trees over the dense page-type features and the linear score.

    Shipped as flat node arrays (``scripts/train_pagetype.py`` writes them; no pickle): node ``i``
    sends a row left when ``row[feature[i]] <= threshold[i]``; a leaf has ``left[i] == -1`` and a
    ``value``. log-odds = ``base + rate * sum of the leaves reached``. The row ends with the
    linear model's log-odds, then the log-odds of each side model named in ``sides`` (none in
    older files; the last may be :data:`PROSE_SCORE`, the prose-word score); a feature the page
    lacks is -1, as in training.

    ``start`` (intercept, then one weight per score) is a logistic combiner over those scores, the
    trees' starting point: the trees then only correct it from the page's structure, where they used
    to rebuild the combination of thirteen scores from 1,500 pages. Its log-odds are clipped to
    ±:data:`START_CLIP`, as the trainer clips them. Older files have none: the trees start from ``base``.

    The trainer averages several tree sets that share the combiner; their average is one longer
    list of trees at a smaller ``rate``, so the file and this class do not know how many there were."""

    def __init__(self, names: list[str], roots: list[int], feature: list[int], threshold: list[float],
                 left: list[int], right: list[int], value: list[float], base: float, rate: float,
                 sides: tuple[str, ...] = (), start: tuple[float, ...] = ()) -> None:
        self.columns = {name: i for i, name in enumerate(names)}
        self.sides = sides
        self.start = start
        self.width = len(names) + 1 + len(sides)
        self.roots, self.feature, self.threshold = roots, feature, threshold
        self.left, self.right, self.value = left, right, value
        self.base, self.rate = base, rate
        self._seen: dict[str, tuple[int, int] | None] = {}  # feature name -> (column, value)

    @classmethod
    def load(cls, path: Path) -> PageTypeTrees:
        with np.load(path, allow_pickle=False) as data:
            sides = tuple(data["sides"].tolist()) if "sides" in data else ()
            start = tuple(data["start"].tolist()) if "start" in data else ()
            return cls(data["names"].tolist(), data["roots"].tolist(), data["feature"].tolist(),
                       data["threshold"].tolist(), data["left"].tolist(), data["right"].tolist(),
                       data["value"].tolist(), float(data["base"]), float(data["rate"]), sides, start)

    def row(self, features: list[str], *scores: float) -> list[float]:
        """The dense row of a page: each known counted feature's value, -1 where absent, then the
        scores (the linear log-odds, then one per side model)."""
        seen = self._seen
        if len(seen) > 100_000:  # new title numbers and URL words keep coming in a long batch
            seen.clear()
        row = [-1.0] * self.width
        for name in features:
            cell = seen.get(name, False)
            if cell is False:
                found = dense_value(name)
                cell = seen[name] = None if found is None or found[0] not in self.columns else (
                    self.columns[found[0]], found[1])
            if cell is not None:
                row[cell[0]] = float(cell[1])
        row[self.width - len(scores):] = scores
        return row

    def raw(self, row: list[float]) -> float:
        """base (+ the combiner's clipped log-odds) + rate * the sum over trees of the leaf each reaches."""
        total = 0.0
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        for node in self.roots:
            while left[node] != -1:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            total += self.value[node]
        return self.base + self.start_log_odds(row) + self.rate * total

    def start_log_odds(self, row: list[float]) -> float:
        """The combiner's log-odds from the row's trailing scores (0 without a combiner)."""
        if not self.start:
            return 0.0
        weights = self.start[1:]
        # scikit-learn's boosting reads its rows as float32, so the combiner was fitted to the
        # scores rounded to float32: rounding them here keeps the runtime on the trainer's numbers
        scores = np.asarray(row[self.width - len(weights):], dtype=np.float32).astype(np.float64)
        z = self.start[0] + float(scores @ np.asarray(weights))
        return max(min(z, START_CLIP), -START_CLIP)

    def probability(self, features: list[str], *scores: float) -> float:
        z = self.raw(self.row(features, *scores))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@cache
def load_trees() -> PageTypeTrees | None:
    """The shipped tree stage, or None when only the linear model is shipped."""
    from newsdesk.extract.learned import MODELS

    path = MODELS / TREES_FILE
    return PageTypeTrees.load(path) if path.exists() else None


SIDE_FILE = "extract_pagetype_side.npz"


class SideScores:
    """Side linear models whose log-odds the tree stage reads next to the article score, all over
    the article model's hashed features:

    - one-vs-rest models for the page kinds that are not articles (WCXB's collection,
      documentation, forum, listing, product and service): "not an article" is six kinds, and the
      cues that tell a forum thread from an article are not the ones that tell a service page from one;
    - article models that each see one family of features only (interface words, template classes,
      URL words, title and headings, declared types, the rest), trained on the buckets that family's
      names fall in: a family the whole-page model underweights still gets its own say.

    Shipped as one weight row per hash bucket (``scripts/train_pagetype.py`` writes it); a page
    reuses the buckets the article model already looked up, so it costs two array gathers and a
    small sum."""

    def __init__(self, names: tuple[str, ...], indices: np.ndarray, weights: np.ndarray, intercepts: np.ndarray,
                 bits: int) -> None:
        self.names = names
        self.indices = np.asarray(indices, dtype=np.int32)
        # bucket -> weight row; the buckets without weights point at a zero row at the end, so a
        # page is scored by two array gathers and a sum, with no Python loop over its features
        # (float32 as shipped: ≈ 1 MB of rows and 3 MB of weights in each worker)
        self.row_of = np.full(1 << bits, len(self.indices), dtype=np.int32)
        self.row_of[self.indices] = np.arange(len(self.indices), dtype=np.int32)
        self.weights = np.vstack([np.asarray(weights, dtype=np.float32), np.zeros((1, len(names)), np.float32)])
        self.intercepts = np.asarray(intercepts, dtype=np.float64)
        self.bits = bits

    @classmethod
    def load(cls, path: Path) -> SideScores:
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(data["names"].tolist()), data["indices"], data["weights"], data["intercepts"],
                       int(data["bits"]))

    def save(self, path: Path) -> None:
        """Write the models as a compressed npz of plain arrays."""
        np.savez_compressed(path, names=np.array(self.names), indices=self.indices,
                            weights=self.weights[:-1].astype(np.float32), intercepts=self.intercepts,
                            bits=np.int64(self.bits))

    def log_odds(self, buckets: set[int]) -> list[float]:
        """Each side model's log-odds for a page whose distinct feature buckets are ``buckets``
        (:meth:`LinearModel.buckets`): the intercept plus the weights of those buckets, each counted
        once, as in the binary training matrix."""
        picked = self.row_of[np.fromiter(buckets, dtype=np.intp, count=len(buckets))]
        return (self.intercepts + self.weights[picked].sum(axis=0, dtype=np.float64)).tolist()


@cache
def load_side() -> SideScores | None:
    """The shipped side models, or None when they are not shipped."""
    from newsdesk.extract.learned import MODELS

    path = MODELS / SIDE_FILE
    return SideScores.load(path) if path.exists() else None


PROSE_FILE = "extract_pagetype_prose.npz"
#: The tree file names the prose-word score this way, after the side models' names.
PROSE_SCORE = "prose-words"


def prose_blocks(blocks: list[Any]) -> list[Any]:
    """The page's prose: blocks of 25 words or more with under a fifth of their text in links."""
    return [b for b in blocks if b.words >= 25 and b.link_chars < 0.2 * len(b.text)]


def prose_word_counts(prose: list[Any]) -> dict[str, int]:
    """How often each lower-case word occurs in the prose blocks (:func:`prose_blocks`)."""
    counts: dict[str, int] = {}
    for block in prose:
        for word in _TOKEN.findall(block.text.lower()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def prose_pair_counts(prose: list[Any]) -> dict[str, int]:
    """How often each pair of adjacent lower-case words ("he said") occurs inside one prose block.

    A single word is common to every kind of page; a pair says more about how the prose is
    written: "he said" and "according to" report, "we offer" and "contact us" sell, "click the"
    instructs. The prose-word score (:class:`ProseWords`) reads the pairs next to the words."""
    counts: dict[str, int] = {}
    for block in prose:
        words = _TOKEN.findall(block.text.lower())
        for pair in map(" ".join, zip(words, words[1:], strict=False)):
            counts[pair] = counts.get(pair, 0) + 1
    return counts


class ProseWords:
    """An article score over the words of the page's prose, which the other models do not read.

    The hashed features see the interface around the content (short blocks, headings, the title),
    not the prose itself, whose topic any page kind can share. But how the prose is written does
    differ: a firm's page says "our", "us", "service", a forum post "I", an article "which", "its",
    "these" (the shipped model's strongest weights).
    Only words found on many sites of the training pages are kept (``scripts/train_pagetype.py``),
    so no site's own names get in. A word's value is ``log1p(1000 · its share of the prose)/5``:
    a logistic model over it is one more score for the tree stage.

    The vocabulary also holds word pairs ("he said", "we offer": :func:`prose_pair_counts`), each
    valued by its count over the page's prose words, the same way; ``pairs`` says whether it does."""

    def __init__(self, words: list[str], weights: np.ndarray, intercept: float) -> None:
        self.weight = dict(zip(words, np.asarray(weights, dtype=np.float64).tolist(), strict=True))
        self.intercept = intercept
        self.pairs = any(" " in word for word in self.weight)

    @staticmethod
    def value(count: int, total: int) -> float:
        """A word's matrix value from its count and the page's prose word total."""
        return math.log1p(1000.0 * count / total) / 5.0

    @classmethod
    def load(cls, path: Path) -> ProseWords:
        with np.load(path, allow_pickle=False) as data:
            return cls(data["words"].tolist(), data["weights"], float(data["intercept"]))

    def save(self, path: Path) -> None:
        """Write the model as a compressed npz of plain arrays."""
        np.savez_compressed(path, words=np.array(list(self.weight)), weights=np.array(list(self.weight.values())),
                            intercept=np.float64(self.intercept))

    def log_odds(self, counts: dict[str, int], pairs: dict[str, int] | None = None) -> float:
        """The score of a page's prose words ``counts`` and, when given, its word ``pairs``; both are
        valued against the number of words."""
        total = max(sum(counts.values()), 1)
        weight = self.weight
        score = sum(weight[w] * self.value(n, total) for w, n in counts.items() if w in weight)
        if pairs:
            score += sum(weight[w] * self.value(n, total) for w, n in pairs.items() if w in weight)
        return self.intercept + score


@cache
def load_prose() -> ProseWords | None:
    """The shipped prose-word score, or None when it is not shipped."""
    from newsdesk.extract.learned import MODELS

    path = MODELS / PROSE_FILE
    return ProseWords.load(path) if path.exists() else None


def decide_page_type(signals: PageSignals, probability: float | None) -> str:
    """The learned article-or-not verdict when there is one; the rules split the rest into listing/other."""
    if probability is None:
        return classify_page(signals)
    if probability >= 0.5:
        return "article"
    kind = classify_page(signals)
    return "other" if kind == "article" else kind


def page_signals(tree: Any, blocks: list[Any], words: int, paragraphs: int, marked_article: bool,
                 tags: dict[str, int] | None = None) -> PageSignals:
    """Link density (over the page's visible text blocks, which already skip scripts, styles and
    hidden parts, so the page needs no second walk) and the linked-headline count (the body's
    ``bodyheads`` of :func:`page_tags`; ``tags`` when the caller already has them)."""
    total = sum(len(b.text) for b in blocks)
    linked = sum(b.link_chars for b in blocks)
    teasers = (page_tags(tree) if tags is None else tags)["bodyheads"]
    return PageSignals(words, paragraphs, linked / total if total else 0.0, teasers, marked_article)


#: The page's JSON-LD scripts, compiled once.
_LD_SCRIPTS = etree.XPath('//script[@type="application/ld+json"]')
_LD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d\s?(?:€|USD|EUR))")
_URL_DATE = re.compile(r"/(19|20)\d\d/\d{1,2}/|/(19|20)\d\d-\d\d-\d\d|\b(19|20)\d{6}\b")
_URL_WORDS = re.compile(r"[a-z]+")


#: Tags whose page-wide counts are page-type features, and the count each one adds to.
_COUNTED = {"article": "articles", "form": "forms", "time": "times", "pre": "pre", "code": "pre", "li": "li", "h1": "h1"}


def page_tags(tree: Any) -> dict[str, int]:
    """The page's tag counts in one walk of the tree in C, where nine whole-page XPaths each
    walked it once (same numbers): <article>, <form>, <time>, <pre>/<code>, <li>, <h1>,
    ``linkedheads`` (<h2>–<h4> holding a link), ``bodyheads`` (the same inside a <body>: the page
    signals' teaser count) and ``h2``.

    The walk starts from every top-level element, as ``//`` does: a page that is two documents
    glued together parses to an <html> root with a second <html> beside it."""
    counts = dict.fromkeys(("linkedheads", "bodyheads", "h2", *_COUNTED.values()), 0)
    root = tree.getroottree().getroot()
    for top in (*root.itersiblings(preceding=True), root, *root.itersiblings()):
        for el in top.iter(*_COUNTED, "h2", "h3", "h4"):
            tag = el.tag
            if tag in _COUNTED:
                counts[_COUNTED[tag]] += 1
                continue
            counts["h2"] += tag == "h2"
            if el.find(".//a") is not None:
                counts["linkedheads"] += 1
                counts["bodyheads"] += next(el.iterancestors("body"), None) is not None
    return counts


def type_features(tree: Any, blocks: list[Any], meta: Any, url: str | None,
                  tags: dict[str, int] | None = None, prose_words: dict[str, int] | None = None) -> list[str]:
    """String features for the learned article-or-not model (``data/models/extract_pagetype.npz``).

    What separates an article from a product, forum, documentation or listing page: declared types
    (og:type, JSON-LD @type), the shape of the URL (dates, long slugs, /product/, /tag/), how much
    of the page is prose versus links, repeated linked headlines, prices and forms. ``tags`` are
    the page's :func:`page_tags` when the caller already has them, ``prose_words`` its
    :func:`prose_word_counts`.
    """
    feats = [f"og:{meta.is_article}", "bias"]
    for script in _LD_SCRIPTS(tree)[:8]:
        feats += [f"ld:{t.lower()}" for t in _LD_TYPE.findall(script.text_content() or "")[:12]]
    feats += _url_features(url)
    prose = prose_blocks(blocks)
    words = sum(b.words for b in blocks)
    link_words = sum(b.words for b in blocks if b.link_chars > 0.5 * len(b.text))
    text = " ".join(b.text for b in blocks[:400])
    tags = page_tags(tree) if tags is None else tags
    counts = {
        "prose": len(prose), "prosewords": sum(b.words for b in prose), "words": words,
        "linkedheads": tags["linkedheads"], "articles": tags["articles"], "forms": tags["forms"],
        "prices": len(_PRICE.findall(text)), "times": tags["times"], "pre": tags["pre"], "li": tags["li"],
        "h1": tags["h1"],
    }
    for name, value in counts.items():
        feats.append(f"{name}:{_log_bucket(value)}")
    feats.append(f"linkshare:{int(10 * link_words / max(words, 1))}")
    feats.append(f"proseshare:{int(10 * counts['prosewords'] / max(words, 1))}")
    feats += _shape_features(tree, blocks, prose, tags["h2"])
    feats += _meta_features(meta)
    feats += _template_features(tree, prose)
    feats += _furniture_words(blocks)
    lower = text.lower()
    for cue in ("add to cart", "add to basket", "in stock", "reply", "posted by", "joined", "min read",
                "read more", "documentation", "api", "published", "updated", "comments", "share"):
        if cue in lower:
            feats.append(f"cue:{cue}")
    wide = f"{lower} {' '.join(b.text for b in blocks[400:600]).lower()}" if len(blocks) > 400 else lower
    feats += [f"cta:{cue}" for cue in _INTERFACE_PHRASES if cue in wide]
    feats.append(f"ndates:{_log_bucket(len(set(_TEXT_DATE.findall(wide))))}")
    feats += _title_features(meta.title)
    feats += _heading_features(blocks)
    feats += _container_features(blocks, prose)
    feats += _voice_features(prose_word_counts(prose) if prose_words is None else prose_words)
    feats += _paragraph_features(blocks)
    return feats


#: Phrases of the page's interface that tell a service or shop page (calls to action), a listing
#: (sorting, paging), documentation (page feedback) and an article (bylines, reading time, related
#: posts) apart; they are the same on every site of a kind, unlike its topic words.
_INTERFACE_PHRASES = (
    "contact us", "get a quote", "free quote", "free consultation", "call now", "call us", "book now", "schedule",
    "request a", "get started", "sign up", "pricing", "learn more", "buy now", "our services", "our team",
    "why choose", "testimonials", "faq", "frequently asked", "enroll", "apply now", "download", "subscribe",
    "newsletter", "written by", "reviewed by", "last updated", "min read", "minute read", "by ", "table of contents",
    "in this article", "conclusion", "related articles", "related posts", "you may also like", "leave a comment",
    "leave a reply", "comments", "share this", "tags:", "categories", "previous post", "next post", "about the author",
    "log in", "register", "sort by", "filter", "showing", "results", "page 1", "next page", "load more", "view all",
    "read more", "continue reading", "on this page", "edit this page", "was this page helpful", "next", "previous",
    "add to cart", "reviews", "rating", "in stock", "quantity", "shipping", "quote", "replies", "views", "posts")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_TEXT_DATE = re.compile(rf"(?=[\djfmasond])(?:\b{_MONTH}[a-z]*\.? \d{{1,2}},? (?:19|20)\d\d\b"  # lookahead: speed only
                        rf"|\b\d{{1,2}} {_MONTH}[a-z]* (?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SEPARATORS = ("|", " - ", " – ")


def _title_features(title: str | None) -> list[str]:
    """The title's first words and shape: articles are titled "What is …?", "How to …", "Best … for
    2026", "10 tips …"; service and shop pages by a name and the brand after a separator."""
    lower = (title or "").lower()
    words = _TOKEN.findall(lower)
    feats = [f"tt0:{w}" for w in words[:1]] + [f"tt:{w}" for w in set(words[:4])]
    return feats + [
        f"tq:{'?' in lower}", f"tyear:{bool(_YEAR.search(lower))}", f"tlen:{_log_bucket(len(words))}",
        f"tbar:{min(sum(lower.count(s) for s in _SEPARATORS), 3)}", f"tdigit:{lower.lstrip()[:1].isdigit()}",
    ]


def _heading_features(blocks: list[Any]) -> list[str]:
    """The first words of the section headings ("why choose us", "our services", "conclusion",
    "frequently asked questions"), how many there are and how many are questions."""
    heads = [b.text.lower() for b in blocks if b.tag in ("h2", "h3")][:60]  # visible ones, no second walk
    words = {w for head in heads for w in _TOKEN.findall(head)[:6]}
    return [f"hd:{w}" for w in words] + [f"hq:{_log_bucket(sum('?' in h for h in heads))}",
                                         f"hn:{_log_bucket(len(heads))}"]


def _container_features(blocks: list[Any], prose: list[Any]) -> list[str]:
    """The make-up of the element that holds the main prose: an article's holds paragraphs and most of
    the page's words; a service or landing page's holds lists and headings between short texts."""
    main = max(prose, key=lambda b: b.words, default=None)
    if main is None or len(main.ancestors) < 2:
        return ["cnone"]
    # Ancestors run outermost first, so a block lies inside the one at depth d when its own
    # ancestor at depth d is that element: one identity test per block instead of a tuple scan.
    depth, held = len(main.ancestors) - 1, 0
    for depth in range(len(main.ancestors) - 1, max(len(main.ancestors) - 7, -1), -1):
        held = sum(1 for b in prose if _inside(b, main.ancestors[depth], depth))
        if held >= 3:  # the nearest ancestor holding three prose blocks
            break
    inside = [b for b in blocks if _inside(b, main.ancestors[depth], depth)]
    words = sum(b.words for b in inside)
    return [
        f"cprose:{_log_bucket(held)}", f"cshare:{int(10 * words / max(sum(b.words for b in blocks), 1))}",
        f"clink:{int(10 * sum(b.link_chars for b in inside) / max(sum(len(b.text) for b in inside), 1))}",
        f"cli:{_log_bucket(sum(1 for b in inside if b.tag == 'li'))}",
        f"cp:{_log_bucket(sum(1 for b in inside if b.tag == 'p'))}",
        f"ch:{_log_bucket(sum(1 for b in inside if b.tag in ('h2', 'h3', 'h4')))}",
        f"cpfrac:{int(10 * sum(b.words for b in inside if b.tag == 'p') / max(words, 1))}",
    ]


def _inside(block: Any, element: Any, depth: int) -> bool:
    return len(block.ancestors) > depth and block.ancestors[depth] is element


def _voice_features(counts: dict[str, int]) -> list[str]:
    """Percent of the prose words (:func:`prose_word_counts`) that are we/our/us, you/your and
    I/my/me: a firm selling itself writes "we" and "you", a blogger "I", a news report little of either."""
    total = max(sum(counts.values()), 1)
    def share(*words: str) -> int:
        return min(int(100 * sum(counts.get(w, 0) for w in words) / total), 6)
    return [f"pwe:{share('we', 'our', 'us')}", f"pyou:{share('you', 'your')}", f"pi:{share('i', 'my', 'me')}"]


def _paragraph_features(blocks: list[Any]) -> list[str]:
    """How many real paragraphs (<p> of 40 words or more) the page has, and their mean length."""
    long = [b.words for b in blocks if b.tag == "p" and b.words >= 40]
    return [f"p40:{_log_bucket(len(long))}", f"pmean:{_log_bucket(sum(long) // max(len(long), 1))}"]


def _shape_features(tree: Any, blocks: list[Any], prose: list[Any], h2: int) -> list[str]:
    """How the prose is laid out: an article has one long run of paragraphs, a listing many short
    teasers, a forum thread many similar posts, a product page a short description and a form."""
    longest = max((b.words for b in prose), default=0)
    run = best = 0
    for block in blocks:  # the longest stretch of consecutive prose blocks
        run = run + 1 if block.words >= 25 and block.link_chars < 0.2 * len(block.text) else 0
        best = max(best, run)
    lower = _class_marks(tree).lower()
    return [
        f"longest:{_log_bucket(longest)}", f"run:{_log_bucket(best)}",
        f"short:{_log_bucket(sum(1 for b in blocks if 3 <= b.words < 25))}",
        f"h2:{_log_bucket(h2)}",
        f"mark:comment{_log_bucket(lower.count('comment'))}", f"mark:post{_log_bucket(lower.count('post'))}",
        f"mark:product{_log_bucket(lower.count('product'))}", f"mark:card{_log_bucket(lower.count('card'))}",
        f"mark:reply{_log_bucket(lower.count('reply'))}", f"mark:price{_log_bucket(lower.count('price'))}",
        f"mark:author{min(lower.count('author'), 3)}", f"mark:sidebar{min(lower.count('sidebar'), 2)}",
    ]


_TOKEN = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _class_words(value: str, cap: int) -> list[str]:
    """The first ``cap`` distinct words of class/id values ("single-post postid-12" → single, post, postid)."""
    words: list[str] = []
    for word in _TOKEN.findall(_CAMEL.sub(" ", value).lower()):
        if 2 <= len(word) <= 20 and word not in words:
            words.append(word)
            if len(words) == cap:
                break
    return words


def _template_features(tree: Any, prose: list[Any]) -> list[str]:
    """Which template rendered the page, in the CMS's own words.

    Content systems name the template on <body> ("single-post", "page-template-default",
    "template-product", "node-type-article", "archive category") and wrap the main text in
    containers named for what it is ("entry-content", "post-body", "product__description",
    "md-content"); the classes around the page's longest prose block are read for the latter.
    Both are shared by every site built on the same system, not site names."""
    root = tree.find(".//body")
    body = f"{root.get('class') or ''} {root.get('id') or ''}" if root is not None else ""
    html = tree.get("class") or "" if isinstance(tree.tag, str) else ""
    feats = [f"bc:{w}" for w in _class_words(f"{body} {html}", 40)]
    main = max(prose, key=lambda b: b.words, default=None)
    if main is not None:
        holders = [a for a in main.ancestors[-8:] if isinstance(a.tag, str)]
        feats += [f"mc:{w}" for w in _class_words(" ".join(f"{a.get('class') or ''} {a.get('id') or ''}"
                                                            for a in holders), 60)]
        feats += [f"mt:{t}" for t in {a.tag for a in main.ancestors} & _HOLDER_TAGS]
    return feats


_HOLDER_TAGS = frozenset(["article", "main", "section", "aside", "li", "td", "form", "footer", "header", "nav"])


def _furniture_words(blocks: list[Any]) -> list[str]:
    """Words of the page's short and link-heavy blocks: the interface around the content ("reply",
    "add to cart", "posted by", "related articles", "documentation") says what kind of page it is
    more reliably than the content, whose topic any page type can share."""
    words: set[str] = set()
    for block in blocks[:400]:
        if block.words < 25 or block.link_chars >= 0.2 * len(block.text):
            words.update(_TOKEN.findall(block.text.lower()))
    return [f"sw:{w}" for w in words if len(w) <= 20]


_MARKED = etree.XPath("count(//body//*[@class or @id])")
_CLASSES = etree.XPath("//body//*/@class", smart_strings=False)
_IDS = etree.XPath("//body//*/@id", smart_strings=False)


def _class_marks(tree: Any) -> str:
    """The class and id values of the body's first 3,000 elements that have one, space-joined.

    Read as attribute strings straight from lxml (no element objects) when the page has no more
    than that many such elements, which is nearly every page: the substrings counted from them
    never span two values, so their order does not matter, and the classes and the ids come from
    two queries with no union to sort into page order. Fewer than 3,000 values means fewer than
    3,000 elements, so the elements are counted only on the rare page with more values."""
    marks = _CLASSES(tree) + _IDS(tree)
    if len(marks) <= 3000 or _MARKED(tree) <= 3000:
        return " ".join(marks)
    return " ".join(f"{e.get('class') or ''} {e.get('id') or ''}" for e in tree.xpath("//body//*[@class or @id]")[:3000])


def _meta_features(meta: Any) -> list[str]:
    """What the metadata found: a byline and a stated publication date are article marks."""
    cues = set().union(*(c.cues for c in getattr(meta, "date_candidates", ()))) if getattr(
        meta, "date_candidates", ()) else set()
    return [
        f"author:{meta.author is not None}", f"date:{meta.date is not None}",
        f"datepub:{bool(cues & {'meta:pub', 'ld:article:datepublished', 'itemprop:pub', 'time:pub'})}",
        f"datetext:{'text:rank0' in cues}",
    ]


def _url_features(url: str | None) -> list[str]:
    try:
        parts = urlsplit(url) if url else None
    except ValueError:
        parts = None
    if parts is None:
        return ["url:none"]
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    feats = [f"url:depth{min(len(segments), 6)}", f"url:date{bool(_URL_DATE.search(path))}",
             f"url:slug{min(last.count('-'), 8)}", f"url:query{bool(parts.query)}"]
    feats += [f"url:w:{w}" for w in set(_URL_WORDS.findall(path)) if len(w) <= 14][:30]
    return feats


def _log_bucket(value: int) -> int:
    return 0 if value <= 0 else min(int(math.log2(value)) + 1, 12)
