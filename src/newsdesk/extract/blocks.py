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

import re
import zlib
from collections.abc import Callable, Iterable
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


@dataclass
class Block:
    """One text block and the context it was found in."""

    text: str
    tag: str  # the innermost block-level element holding the text
    ancestors: tuple[Any, ...]  # open elements, outermost first
    link_chars: int = 0
    words: int = 0
    features: list[str] = field(default_factory=list)


def page_blocks(tree: Any) -> list[Block]:
    """Visible text blocks of a parsed page in document order (hidden and script subtrees skipped)."""
    walker = _Walker()
    root = tree.find(".//body")
    walker.walk(root if root is not None else tree)
    return walker.blocks


class _Walker:
    """Accumulates text between block boundaries while walking start/end events."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.stack: list[Any] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.skip = 0

    def walk(self, root: Any) -> None:
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                self._start(el, tag)
            else:
                self._end(el, tag)

    def _start(self, el: Any, tag: str) -> None:
        if self.skip or not tag or tag in DROP_TAGS or _hidden(el):
            self.skip += 1
            return
        if tag in BLOCK_TAGS:
            self.flush()
        self.stack.append(el)
        if tag == "a":
            self.in_link += 1
        self._add(el.text)

    def _end(self, el: Any, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            if self.skip == 0:
                self._add(el.tail)
            return
        if tag == "a":
            self.in_link -= 1
        if tag in BLOCK_TAGS:
            self.flush()
        if self.stack and self.stack[-1] is el:
            self.stack.pop()
        self._add(el.tail)

    def _add(self, text: str | None) -> None:
        if text and not text.isspace():
            self.parts.append(text)
            if self.in_link:
                self.link_chars += len(text.strip())

    def flush(self) -> None:
        text = " ".join(" ".join(self.parts).split())
        if text:
            holder = next((e for e in reversed(self.stack) if e.tag in BLOCK_TAGS), None)
            tag = holder.tag if holder is not None else "body"
            self.blocks.append(Block(text, tag, tuple(self.stack), min(self.link_chars, len(text))))
        self.parts, self.link_chars = [], 0


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def class_tokens(el: Any) -> set[str]:
    """Words of an element's class and id ("article-body" → article, body; "mainContent" → main, content)."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    raw = _CAMEL.sub(" ", raw)
    return {t for t in _SPLIT.split(raw.lower()) if 2 <= len(t) <= 20 and not t.isdigit()}


def _bucket(value: float, edges: Iterable[float]) -> int:
    return sum(1 for e in edges if value >= e)


def verdicts(blocks: list[Block], kept_text: str) -> list[str]:
    """trafilatura's verdict on each block ("t:in", "t:part", "t:out", or "t:none" when it kept
    nothing); also fills each block's word count. ``kept_text`` is its normalised output (or "")."""
    for block in blocks:
        block.words = len(_WORD.findall(block.text))
    return [_trafilatura_feature(b.text, kept_text) for b in blocks]


def describe(blocks: list[Block], kept_text: str, wanted: Callable[[int], bool] | None = None,
             traf: list[str] | None = None) -> None:
    """Fill the ``features`` of every block, or of the blocks ``wanted`` says (by index): only
    those the model will score, since building ~250 feature names per block is most of its time.
    ``kept_text`` is trafilatura's normalised output (or ""); ``traf``, when given, the
    :func:`verdicts` already computed from it."""
    traf = traf if traf is not None else verdicts(blocks, kept_text)
    heads = [_head(b, t) for b, t in zip(blocks, traf, strict=True)]
    total_words = sum(b.words for b in blocks)
    kept_words = sum(b.words for b, t in zip(blocks, traf, strict=True) if t == "t:in")
    coverage = f"cov:{_bucket(kept_words / max(total_words, 1), (0.05, 0.15, 0.3, 0.5, 0.7, 0.9))}"
    contexts: dict[tuple[Any, ...], list[str]] = {}  # blocks of one parent share their context
    seen_words = 0
    count = len(blocks)
    for i, block in enumerate(blocks):
        seen_words += block.words
        if wanted is not None and not wanted(i):
            block.features = []
            continue
        context = contexts.get(block.ancestors)
        if context is None:
            context = contexts[block.ancestors] = _context_features(block.ancestors)
        feats = heads[i] + _own_features(block, traf[i]) + context
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
        group = "in|" if traf[i] == "t:in" else "out|"
        block.features = feats + [group + f for f in feats]


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
    feats.append(f"digits:{_bucket(sum(c.isdigit() for c in text) / max(len(text), 1), (0.05, 0.15, 0.3))}")
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


def _context_features(ancestors: tuple[Any, ...]) -> list[str]:
    """Tag and class/id words of the enclosing elements; the nearest three also by depth."""
    feats: set[str] = set()
    depth = len(ancestors)
    feats.add(f"depth:{_bucket(depth, (5, 8, 11, 14, 18, 24))}")
    for level, el in enumerate(reversed(ancestors)):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in ("html", "body", "span", "b", "i", "em", "strong"):
            feats.add(f"anc:{tag}")
        for token in class_tokens(el):
            feats.add(f"cls:{token}")
            if level < 3:
                feats.add(f"cls{level}:{token}")
        role = el.get("role") or el.get("itemprop")
        if role:
            feats.add(f"role:{role.lower()[:20]}")
    if len(ancestors) >= 2:
        feats.add(f"path:{ancestors[-2].tag}/{ancestors[-1].tag}")
    return sorted(feats)


def hash_feature(name: str, bits: int = HASH_BITS) -> int:
    """Stable bucket of a feature name (crc32: the same on every machine and Python run)."""
    return zlib.crc32(name.encode("utf-8")) & ((1 << bits) - 1)
