"""Split a parsed page into text blocks and describe each block by sparse string features.

A block is the run of text between two block-level tag boundaries (a paragraph, a heading, a list
item, a table cell, a div's loose text). Each block is described by what a human reader uses to
tell article text from page furniture: how long it is, how much of it is link text, whether it
reads like prose, which tags and class/id words surround it, where on the page it sits, what its
neighbours look like, and whether trafilatura's own extraction kept it. Features are strings
hashed into a fixed-size vector, so the learned model (:mod:`newsdesk.extract.learned`) is one
weight per bucket and ships as a small array. Page-level context matters too: how much of the page
trafilatura kept (a page where it kept 5 % of the words is one where it likely missed content).
"""

from __future__ import annotations

import functools
import re
import zlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

#: Elements whose start and end separate blocks.
BLOCK_TAGS = frozenset(
    ["p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "pre", "blockquote", "figure", "figcaption", "form", "fieldset", "address", "details", "summary", "center", "body", "html", "br", "hr", "option", "menu", "label", "legend"]
)
#: Elements whose whole subtree is never visible text.
DROP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed", "canvas", "video", "audio", "select", "button", "input", "textarea", "math", "map"])
HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD = re.compile(r"\w+")
HASH_BITS = 18


@dataclass(slots=True)
class Block:
    """One text block and the context it was found in (slots: a page makes hundreds, and fewer
    objects for the garbage collector to visit is time saved on every page)."""

    text: str
    tag: str  # the innermost block-level element holding the text
    ancestors: tuple[Any, ...]  # open elements, outermost first
    link_chars: int = 0
    words: int = 0
    features: list[str] = field(default_factory=list)


def page_blocks(tree: Any) -> list[Block]:
    """Visible text blocks of a parsed page in document order (hidden and script subtrees skipped)."""
    root = tree.find(".//body")
    return _walk(root if root is not None else tree)


#: Elements that may be hidden (:func:`_hidden` decides): the walk tests membership in the set of
#: hidden ones, found by one C-level query, instead of reading three attributes of every element.
_MAYBE_HIDDEN = etree.XPath("descendant-or-self::*[@hidden or @aria-hidden or @style]")


def _walk(root: Any) -> list[Block]:
    """Accumulate text between block boundaries while walking start/end events: an element's text
    comes at its start, its tail at its end. One loop with local state rather than a method per
    event, since it runs for every element of every page (a third of this walk's time was calls).
    ``holders`` mirrors ``stack`` for block-level elements only: the innermost one holds the text."""
    blocks: list[Block] = []
    stack: list[Any] = []  # open elements
    holders: list[Any] = []  # open block-level elements
    parts: list[str] = []  # text of the block being read
    link_chars = in_link = 0  # link text in it; open <a> elements
    skipped = False  # a hidden or script element's start was the last event: its end comes next
    hidden = {el for el in _MAYBE_HIDDEN(root) if _hidden(el)}  # keeps these proxies alive: identity holds
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if tag.__class__ is not str:
            tag = ""
        if event == "start":
            if not tag or tag in DROP_TAGS or el in hidden:
                walker.skip_subtree()  # no events inside it: its end follows
                skipped = True
                continue
            if tag in BLOCK_TAGS:
                if parts:
                    _flush(blocks, stack, holders, parts, link_chars)
                    parts, link_chars = [], 0
                holders.append(el)
            stack.append(el)
            if tag == "a":
                in_link += 1
            text = el.text
        else:
            if skipped:
                skipped = False
            else:
                if tag == "a":
                    in_link -= 1
                if tag in BLOCK_TAGS:
                    if parts:
                        _flush(blocks, stack, holders, parts, link_chars)
                        parts, link_chars = [], 0
                    if holders and holders[-1] is el:
                        holders.pop()
                if stack and stack[-1] is el:
                    stack.pop()
            text = el.tail
        if text and not text.isspace():
            parts.append(text)
            if in_link:
                link_chars += len(text.strip())
    return blocks  # the root is block-level: its end closed the last block (its tail is outside it)


def _flush(blocks: list[Block], stack: list[Any], holders: list[Any], parts: list[str], link_chars: int) -> None:
    """Close the block of ``parts``: its text, the innermost block-level element holding it."""
    text = " ".join(" ".join(parts).split())
    if text:
        blocks.append(Block(text, holders[-1].tag if holders else "body", tuple(stack), min(link_chars, len(text))))


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def class_tokens(el: Any) -> set[str]:
    """Words of an element's class and id ("article-body" → article, body; "mainContent" → main, content)."""
    return _tokens(el.get("class"), el.get("id"))


def _tokens(cls: str | None, ident: str | None) -> set[str]:
    """:func:`class_tokens` of these class and id values."""
    if not (cls or ident):  # most elements: no words, and no pattern to run
        return set()
    raw = _CAMEL.sub(" ", f"{cls or ''} {ident or ''}")
    return {t for t in _SPLIT.split(raw.lower()) if 2 <= len(t) <= 20 and not t.isdigit()}


def _bucket(value: float, edges: Sequence[float]) -> int:
    """How many of the ascending ``edges`` ``value`` reaches (a bisection: a few million calls a run,
    always on a finite value)."""
    return bisect_right(edges, value)


def count_words(blocks: Sequence[Block]) -> None:
    """Fill each block's word count."""
    for block in blocks:
        block.words = len(_WORD.findall(block.text))


def verdicts(blocks: list[Block], kept_text: str) -> list[str]:
    """trafilatura's verdict on each block ("t:in", "t:part", "t:out", or "t:none" when it kept
    nothing); also fills each block's word count. ``kept_text`` is its normalised output (or "")."""
    count_words(blocks)
    return [_trafilatura_feature(b.text, kept_text) for b in blocks]


def describe(blocks: list[Block], kept_text: str, wanted: Callable[[int], bool] | None = None,
             traf: list[str] | None = None, crossed: bool = True) -> None:
    """Fill the ``features`` of every block, or of the blocks ``wanted`` says (by index): only
    those the model will score, since building ~250 feature names per block is most of its time.
    ``kept_text`` is trafilatura's normalised output (or ""); ``traf``, when given, the
    :func:`verdicts` already computed from it. With ``crossed`` False the features are left
    without their copies crossed with the verdict, for a scorer that adds them itself
    (``LinearModel.probability(features, cross_prefix(verdict))``): half the names to build."""
    traf = traf if traf is not None else verdicts(blocks, kept_text)
    heads = [_head(b, t) for b, t in zip(blocks, traf, strict=True)]
    total_words = sum(b.words for b in blocks)
    kept_words = sum(b.words for b, t in zip(blocks, traf, strict=True) if t == "t:in")
    coverage = f"cov:{_bucket(kept_words / max(total_words, 1), (0.05, 0.15, 0.3, 0.5, 0.7, 0.9))}"
    contexts: dict[tuple[Any, ...], list[str]] = {}  # blocks of one parent share their context
    marks: dict[Any, _Marks] = {}  # and blocks of one page their ancestors
    chains: dict[Any, frozenset[str]] = {}
    repeats = _repeats(blocks)
    anchor = _anchor(blocks, traf)
    seen_words = 0
    count = len(blocks)
    for i, block in enumerate(blocks):
        seen_words += block.words
        if wanted is not None and not wanted(i):
            block.features = []
            continue
        context = contexts.get(block.ancestors)
        if context is None:
            context = contexts[block.ancestors] = _context_features(block.ancestors, marks, chains)
        feats = heads[i] + _own_features(block, traf[i]) + context
        feats += _layout_features(block, i, repeats[i], anchor, blocks)
        feats += [coverage, f"{coverage}{traf[i]}"]
        feats.append(f"pos:{_bucket(i / max(count, 1), (0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9))}")
        feats.append(f"wpos:{_bucket((seen_words - block.words) / max(total_words, 1), (0.1, 0.25, 0.5, 0.75, 0.9))}")
        for offset, name in ((-1, "prev"), (1, "next"), (-2, "prev2"), (2, "next2")):
            j = i + offset
            if 0 <= j < count:
                feats.extend(f"{name}:{f}" for f in heads[j])
            else:
                feats.append(f"{name}:none")
        # Every feature also crossed with trafilatura's verdict: in effect one model for "should
        # this kept block go" and one for "should this missed block come in", sharing the rest.
        block.features = feats + [cross_prefix(traf[i]) + f for f in feats] if crossed else feats


def cross_prefix(verdict: str) -> str:
    """The prefix of a block's features crossed with trafilatura's verdict (see :func:`describe`)."""
    return "in|" if verdict == "t:in" else "out|"


#: Ancestors (nearest first) whose tag and class make a block's signature for :func:`_repeats`.
SIGNATURE_DEPTH = 5


def _repeats(blocks: list[Block]) -> list[int]:
    """How many blocks of the page share each block's signature (tag and class of its block tag
    and nearest ancestors). A teaser list, a menu or a comment thread repeats one template three
    times or more; an article's paragraphs repeat too, but as long unlinked prose, so the model
    reads the count together with the block's length and link density."""
    signatures = [(b.tag, *((el.tag, el.get("class")) for el in b.ancestors[-SIGNATURE_DEPTH:])) for b in blocks]
    counts = Counter(signatures)
    return [counts[s] for s in signatures]


def _anchor(blocks: list[Block], traf: list[str]) -> int:
    """Index of the page's main-body anchor: the longest block trafilatura kept (else the longest
    block). Blocks far from its container, up the tree, are more likely furniture."""
    best, best_words = 0, -1
    for i, (block, verdict) in enumerate(zip(blocks, traf, strict=True)):
        words = block.words + (1_000_000 if verdict == "t:in" else 0)
        if words > best_words:
            best, best_words = i, words
    return best


def _layout_features(block: Block, i: int, repeats: int, anchor: int, blocks: list[Block]) -> list[str]:
    """Where the block sits against the page's structure: its template's repetition and how far
    up the tree its container meets the main-body anchor's, on which side of it."""
    wb, lb = _sizes(block)
    rb = _bucket(repeats, (2, 3, 6, 15))
    main = blocks[anchor].ancestors
    common = 0
    for mine, theirs in zip(block.ancestors, main, strict=False):
        if mine is not theirs:
            break
        common += 1
    up = min(len(main) - common, 6)
    side = "m" if i == anchor else ("b" if i < anchor else "a")
    gap = _bucket(abs(i - anchor), (1, 3, 8, 20, 50))
    return [f"rep:{rb}", f"rep{rb}l{lb}", f"rep{rb}w{min(wb, 6)}", f"up:{up}", f"up{up}l{lb}",
            f"up{up}w{min(wb, 6)}", f"side:{side}{min(up, 3)}", f"gap:{side}{gap}"]


def _sizes(block: Block) -> tuple[int, int]:
    """Buckets of the block's word count and link density."""
    wb = _bucket(block.words, (2, 3, 5, 8, 12, 20, 35, 60, 120))
    return wb, _bucket(block.link_chars / max(len(block.text), 1), (0.01, 0.2, 0.5, 0.8, 0.99))


def _head(block: Block, traf: str) -> list[str]:
    """The four features a block also lends its neighbours."""
    wb, lb = _sizes(block)
    return [f"w{wb}l{lb}", f"tag:{block.tag}", traf, f"end:{_ending(block.text)}"]


def _own_features(block: Block, traf: str) -> list[str]:
    """The rest of the features of the block's own text."""
    text, words = block.text, block.words
    wb, lb = _sizes(block)
    feats = [f"w:{wb}", f"l:{lb}", f"tag:{block.tag}w{wb}", f"{traf}w{wb}", f"{traf}l{lb}",
             f"tag:{block.tag}{traf}"]
    feats.append(f"commas:{_bucket(text.count(',') / max(words, 1), (0.02, 0.06, 0.12))}")
    feats.append(f"digits:{_bucket(sum(map(str.isdigit, text)) / max(len(text), 1), (0.05, 0.15, 0.3))}")
    caps = sum(1 for w in text.split() if w[:1].isupper()) / max(words, 1)
    feats.append(f"caps:{_bucket(caps, (0.2, 0.4, 0.7, 0.9))}w{min(wb, 4)}")
    if text[:1] in "©|•·»›>" or text.lower().startswith(("copyright", "©")):
        feats.append("lead:mark")
    return feats


def _trafilatura_feature(text: str, kept_text: str) -> str:
    if not kept_text:
        return "t:none"
    norm = " ".join(_WORD.findall(text.lower()))
    if not norm:
        return "t:empty"
    if f" {norm} " in kept_text:
        return "t:in"
    head = " ".join(norm.split()[:6])
    return "t:part" if len(head) > 12 and head in kept_text else "t:out"


def _ending(text: str) -> str:
    last = text.rstrip()[-1:]
    if last in ".!?":
        return "stop"
    if last in ":;,":
        return "colon"
    if last in "\"'”’»)":
        return "quote"
    return "digit" if last.isdigit() else "none"


@dataclass(frozen=True)
class _Marks:
    """What one enclosing element lends the context features of every block inside it."""

    tag: str | None  # "anc:<tag>", or None for html, body and inline tags
    tokens: tuple[str, ...]  # class/id words
    role: str | None  # "role:<role or itemprop>"


def _marks(el: Any) -> _Marks:
    tag = el.tag if isinstance(el.tag, str) else ""
    return _marks_of(tag, el.get("class"), el.get("id"), el.get("role") or el.get("itemprop"))


@functools.lru_cache(maxsize=1 << 15)
def _marks_of(tag: str, cls: str | None, ident: str | None, role: str | None) -> _Marks:
    """The marks of an element with these attributes: a page's list items, cells and links repeat a
    few class values hundreds of times, and a site's pages repeat them all, so their words are
    read once (the regular expressions over them were most of a block's context time)."""
    return _Marks(None if tag in ("html", "body", "span", "b", "i", "em", "strong") else f"anc:{tag}",
                  tuple(_tokens(cls, ident)), f"role:{role.lower()[:20]}" if role else None)


#: Levels (nearest first) whose class words are also features by level.
NEAR_LEVELS = 3


def _context_features(ancestors: tuple[Any, ...], marks: dict[Any, _Marks] | None = None,
                      chains: dict[Any, frozenset[str]] | None = None) -> list[str]:
    """Tag and class/id words of the enclosing elements; the nearest three also by depth.

    ``marks`` caches each element's share across the blocks of a page: the blocks of one page
    share most of their ancestors, and reading class words was most of the feature time.
    ``chains`` caches the level-free part (:func:`_chain`): blocks seldom share their whole
    ancestor tuple (each list item or cell is its own innermost ancestor), but they share all
    of it above that."""
    marks = {} if marks is None else marks
    feats = set(_chain(ancestors, marks, {} if chains is None else chains))
    feats.add(f"depth:{_bucket(len(ancestors), (5, 8, 11, 14, 18, 24))}")
    for level, el in enumerate(ancestors[: -NEAR_LEVELS - 1 : -1]):
        feats.update(f"cls{level}:{token}" for token in _mark(el, marks).tokens)
    if len(ancestors) >= 2:
        feats.add(f"path:{ancestors[-2].tag}/{ancestors[-1].tag}")
    return sorted(feats)


def _chain(ancestors: tuple[Any, ...], marks: dict[Any, _Marks], chains: dict[Any, frozenset[str]]) -> frozenset[str]:
    """The features the enclosing elements give whatever their level (tag, class words, role),
    kept in ``chains`` per element for it and all above it, and built from the nearest
    element already there."""
    start = len(ancestors)
    while start and ancestors[start - 1] not in chains:
        start -= 1
    found = chains[ancestors[start - 1]] if start else frozenset()
    for el in ancestors[start:]:
        mark = _mark(el, marks)
        names = {f"cls:{token}" for token in mark.tokens}
        names.update(name for name in (mark.tag, mark.role) if name)
        found = chains[el] = found | names if not names <= found else found
    return found


def _mark(el: Any, marks: dict[Any, _Marks]) -> _Marks:
    mark = marks.get(el)
    if mark is None:
        mark = marks[el] = _marks(el)
    return mark


def hash_feature(name: str, bits: int = HASH_BITS) -> int:
    """Stable bucket of a feature name (crc32: the same on every machine and Python run)."""
    return zlib.crc32(name.encode("utf-8")) & ((1 << bits) - 1)
