"""The page's visible text as one string, and where the headline starts in it.

Dates and bylines are judged by where they sit relative to the headline: the date and the "By …"
a reader sees under the title belong to the article, those in the masthead, teasers or comments
do not. Both readers need the same rendering, so it lives here: text nodes outside scripts,
styles and templates, in document order, whitespace collapsed; pieces of one block (a paragraph,
a list item, a heading, a div) are joined by a space, different blocks by a newline, so a name
at the end of one block does not run into the next block's words. (:mod:`.render` renders a page
as copy-pasted text for the scrape cleaner; this one only needs to be cheap and to locate the
headline.)
"""

from __future__ import annotations

from typing import Any

from lxml import etree

_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "section",
           "article", "header", "footer", "nav", "aside", "main", "blockquote", "figure", "figcaption", "form",
           "dd", "dt", "dl", "pre", "body", "address", "time"}


def rendered_text(tree: Any, headline: Any | None, limit: int = 200_000) -> tuple[str, int]:
    """(visible text of the body, offset of the headline in it — 0 when there is none).

    One walk over the body's start and end events: an element's text comes at its start, its tail
    at its end, so text nodes arrive in document order; the enclosing blocks, whether a script-like
    element is open and whether the headline is open are tracked on the way down and up."""
    body = tree.find(".//body")
    if body is None:
        return "", 0
    parts: list[str] = []
    offset, anchor, last_block = 0, None, None
    blocks: list[Any] = []  # open block-level elements, innermost last
    skipped = False  # a script-like element's start was the last event: its end comes next
    in_head = False
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        is_element = isinstance(tag, str)
        if event == "start":
            if not is_element:
                continue
            if tag in _INVISIBLE:
                walker.skip_subtree()  # no events inside it; its tail still belongs where it sits
                skipped = True
                continue
            if tag in _BLOCKS:
                blocks.append(el)
            if el is headline:
                in_head = True
            text, inside, block = el.text, in_head, blocks[-1] if blocks else None
        else:
            inside = in_head
            if skipped:
                skipped = False
            elif is_element:
                if el is headline:
                    in_head = False
                if blocks and blocks[-1] is el:
                    blocks.pop()
            if el is body:
                break
            text, block = el.tail, blocks[-1] if blocks else None
        if text is None:
            continue
        if anchor is None and headline is not None and inside:
            anchor = offset
        piece = " ".join(text.split())
        if not piece:
            continue
        if parts:
            parts.append(" " if block is last_block else "\n")
            offset += 1
        parts.append(piece)
        offset += len(piece)
        last_block = block
        if offset > limit:
            break
    return "".join(parts), anchor or 0
