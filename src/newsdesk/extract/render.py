"""Render a parsed HTML page as the plain text a reader gets by selecting it all and copy-pasting.

The plain-text cleaner (:mod:`newsdesk.extract.text`) is trained and scored on pages rendered
this way, so the rendering must be faithful to a browser rather than to our block model: inline
elements are concatenated exactly as written (``<b>T</b>he`` is "The", ``<a>Home</a><a>News</a>``
is "HomeNews", as in real scrapes), white space collapses to one space, every block-level element
starts and ends a line, ``<pre>`` keeps its line breaks, and hidden or non-text subtrees
(scripts, styles, forms' controls, ``hidden`` / ``display:none``) are skipped.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from newsdesk.extract.blocks import BLOCK_TAGS, DROP_TAGS

_BREAK = "\n"


def visible_lines(tree: Any) -> list[str]:
    """The page's visible text, one line per block, blank lines left out."""
    root = tree.find(".//body")
    parts = _Renderer().run(root if root is not None else tree)
    lines = (" ".join(line.split()) for line in "".join(parts).split(_BREAK))
    return [line for line in lines if line]


class _Renderer:
    """Collects text pieces and line breaks while walking start/end events."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.skip = 0
        self.pre = 0

    def run(self, root: Any) -> list[str]:
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                self._start(el, tag)
            else:
                self._end(el, tag)
        return self.parts

    def _start(self, el: Any, tag: str) -> None:
        if self.skip or not tag or tag in DROP_TAGS or _hidden(el):
            self.skip += 1
            return
        self.pre += tag == "pre"
        if tag in BLOCK_TAGS:
            self.parts.append(_BREAK)
        self._add(el.text)

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
