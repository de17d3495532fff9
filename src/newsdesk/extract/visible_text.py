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

_INVISIBLE = "ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "section",
           "article", "header", "footer", "nav", "aside", "main", "blockquote", "figure", "figcaption", "form",
           "dd", "dt", "dl", "pre", "body", "address", "time"}


def rendered_text(tree: Any, headline: Any | None, limit: int = 200_000) -> tuple[str, int]:
    """(visible text of the body, offset of the headline in it — 0 when there is none)."""
    body = tree.find(".//body")
    if body is None:
        return "", 0
    parts, offset, anchor, last_block = [], 0, None, None
    for node in body.xpath(f".//text()[not({_INVISIBLE})]"):
        if anchor is None and headline is not None and _inside(node.getparent(), headline):
            anchor = offset
        piece = " ".join(str(node).split())
        if not piece:
            continue
        block = _block_of(node)
        if parts:
            parts.append(" " if block is last_block else "\n")
            offset += 1
        parts.append(piece)
        offset += len(piece)
        last_block = block
        if offset > limit:
            break
    return "".join(parts), anchor or 0


def _block_of(node: Any) -> Any:
    """The nearest block-level element holding a text node (a tail belongs to its element's parent)."""
    el = node.getparent()
    if node.is_tail and el is not None:
        el = el.getparent()
    while el is not None and el.tag not in _BLOCKS:
        el = el.getparent()
    return el


def _inside(el: Any, ancestor: Any) -> bool:
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False
