"""Render a parsed HTML page as the plain text a reader gets by selecting it all and copy-pasting.

The plain-text cleaner (:mod:`newsdesk.extract.text`) is trained and scored on pages rendered
this way, so the rendering must be faithful to a browser rather than to our block model: inline
elements are concatenated exactly as written (``<b>T</b>he`` is "The", ``<a>Home</a><a>News</a>``
is "HomeNews", as in real scrapes), white space collapses to one space, every block-level element
starts and ends a line, ``<pre>`` keeps its line breaks, and hidden or non-text subtrees
(scripts, styles, forms' controls, ``hidden`` / ``display:none``) are skipped.

Two things a browser shows are not in the static tree as written, and a copy-paste has them:

* **Streamed segments.** A server-rendered React page (Next.js) sends slow parts of the page later
  in ``<div hidden id="S:1">`` containers at the end of the body, and an inline script
  (``$RC("B:1","S:1")``) moves each into the place of its ``<template id="B:1">`` placeholder,
  replacing the placeholder's fallback (a spinner, a skeleton). On WCXB dev whole articles arrive
  that way. They are rendered where the script puts them.
* **Content the renderer skipped that holds the page.** Discourse and Flarum forums put their posts
  in ``<noscript>`` (the app draws them with script); some pages hide their root until a script has
  run (``visibility:hidden``); lxml's parser leaves a header ``<button>`` open and nests the whole
  article in it. In each case what was skipped has more than twice the words of everything
  rendered, so then the largest such subtree (and any at least half its size) is rendered too. A hidden menu, a form or a "please enable
  JavaScript" notice is rarely that much larger than the page it sits on (on WCXB dev, subtrees
  1.1–1.7 times the rendered text were a hidden form and a list of all the blog's authors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from newsdesk.extract.blocks import BLOCK_TAGS, DROP_TAGS

_BREAK = "\n"
#: Skipped subtrees that may hold the page's text (scripts, styles and form fields never do).
_REVEALABLE = frozenset(["noscript", "button"])
#: How many times the words of everything rendered a skipped subtree must hold to be rendered too.
_OUTWEIGH = 2
#: React's streaming calls: ``$RC(boundary, segment)`` completes a boundary, ``$RS(segment, placeholder)``
#: fills a placeholder.
_STREAM_CALL = re.compile(r"\$R([CS])\(\s*\"([^\"]+)\"\s*,\s*\"([^\"]+)\"")
_PLACEHOLDERS = etree.XPath('.//template[starts-with(@id, "B:") or starts-with(@id, "P:")]')
_SEGMENTS = etree.XPath('.//*[@hidden][starts-with(@id, "S:")]')


def visible_lines(tree: Any) -> list[str]:
    """The page's visible text, one line per block, blank lines left out."""
    root = tree.find(".//body")
    root = root if root is not None else tree
    streamed = _streamed(root)
    first = _Renderer(streamed)
    lines = _lines(first.run(root))
    shown = sum(line.count(" ") + 1 for line in lines)  # lines are space-normalised
    bar = _OUTWEIGH * shown  # a word has at least one character: test the cheap bound first
    sizes = {el: n for el in first.concealed if len(el.text_content()) > bar and (n := _words(el, streamed)) > bar}
    if not sizes:
        return lines
    largest = max(sizes.values())
    reveal = {el for el, n in sizes.items() if _OUTWEIGH * n >= largest}  # not the menus beside it
    return _lines(_Renderer(streamed, reveal).run(root))


def _lines(parts: list[str]) -> list[str]:
    lines = (" ".join(line.split()) for line in "".join(parts).split(_BREAK))
    return [line for line in lines if line]


def _words(el: Any, streamed: _Streamed) -> int:
    """Words ``el`` would show if it were rendered."""
    return sum(line.count(" ") + 1 for line in _lines(_Renderer(streamed, {el}).run(el)))


@dataclass
class _Streamed:
    """Where each streamed segment goes (its placeholder ``<template>``) and what it replaces."""

    at: dict[Any, Any] = field(default_factory=dict)  # placeholder template -> segment container
    moved: set[Any] = field(default_factory=set)  # segment containers (not rendered where they are written)
    fallback: set[Any] = field(default_factory=set)  # placeholders' fallback elements (removed by the script)


def _streamed(root: Any) -> _Streamed:
    """The page's streamed segments, paired with their placeholders by the page's own streaming
    calls, else by name."""
    streamed = _Streamed()
    places = {el.get("id"): el for el in _PLACEHOLDERS(root)}
    if not places:
        return streamed
    segments = {el.get("id"): el for el in _SEGMENTS(root)}
    pairs = [(m[2], m[3]) if m[1] == "C" else (m[3], m[2])
             for script in root.iter("script") if script.text and "$R" in script.text
             for m in _STREAM_CALL.finditer(script.text)]
    # pages saved without their scripts keep React's naming: segment S:x goes to B:x or P:x
    pairs += [(place, "S:" + place[2:]) for place in places]
    for place_id, segment_id in pairs:
        place, segment = places.get(place_id), segments.get(segment_id)
        if place is None or segment is None or segment in streamed.moved or place in streamed.at:
            continue
        streamed.at[place] = segment
        streamed.moved.add(segment)
        streamed.fallback.update(_fallback(place))
    return streamed


def _fallback(place: Any) -> list[Any]:
    """A boundary's fallback: the elements after its template up to the ``<!--/$-->`` comment."""
    out = []
    for sibling in place.itersiblings():
        if not isinstance(sibling.tag, str):
            if sibling.tag is etree.Comment and (sibling.text or "").strip() == "/$":
                return out
            continue
        out.append(sibling)
    return []  # no closing comment: not a boundary, keep what follows


class _Renderer:
    """Collects text pieces and line breaks while walking start/end events."""

    def __init__(self, streamed: _Streamed, reveal: set[Any] | None = None) -> None:
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0
        self.streamed = streamed
        self.reveal = reveal or set()
        self.concealed: list[Any] = []  # skipped subtrees that may hold text (see _REVEALABLE)

    def run(self, root: Any) -> list[str]:
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                self._start(el, tag)
            else:
                self._end(el, tag)
        return self.parts

    def _start(self, el: Any, tag: str) -> None:
        if self.skip:
            self.skip += 1
            return
        if self.streamed.at and (el in self.streamed.moved or el in self.streamed.fallback):
            self.skip += 1
            return
        if (not tag or tag in DROP_TAGS or _hidden(el)) and el not in self.reveal:
            if tag in _REVEALABLE or (tag and tag not in DROP_TAGS):  # hidden by an attribute or a style
                self.concealed.append(el)
            if el in self.streamed.at:
                self._segment(self.streamed.at[el])
            self.skip += 1
            return
        self.pre += tag == "pre"
        if tag in BLOCK_TAGS:
            self.parts.append(_BREAK)
        self._add(el.text)

    def _segment(self, segment: Any) -> None:
        """Render a streamed segment's children in its placeholder's place."""
        inner = _Renderer(self.streamed, self.reveal)
        inner.pre = self.pre
        inner._add(segment.text)
        for child in segment:
            if isinstance(child.tag, str):
                inner.run(child)
            else:  # a comment: only its tail shows
                inner._add(child.tail)
        self.parts.append(_BREAK)
        self.parts.extend(inner.parts)
        self.parts.append(_BREAK)
        self.concealed.extend(inner.concealed)

    def _end(self, el: Any, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            if self.skip == 0:
                self._add(el.tail)
            return
        self.pre -= tag == "pre"
        if tag in BLOCK_TAGS:
            self.parts.append(_BREAK)
        self._add(el.tail)

    def _add(self, text: str | None) -> None:
        """Source line breaks are white space, except inside ``<pre>``."""
        if text:
            self.parts.append(text if self.pre else text.replace("\n", " ").replace("\r", " "))


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style
