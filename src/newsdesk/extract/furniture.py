"""Furniture inside the text of a marked article: the standfirst, link paragraphs, widget labels.

On a page whose metadata marks it as an article, trafilatura's text is taken as it is, and three
kinds of line it keeps are not the article by either benchmark's reading (seventeenth pass):

- the **standfirst** (dek): a one-sentence summary set under the headline in a heading element
  whose class names it (``sub-head``, ``subtitle``, ``article-subline``) or inside the page's
  ``<header>``. It is the first line of the text, and it repeats what the article says;
- **link paragraphs** after the first line of prose: a ``<p>`` that is almost all link text
  ("Read more: …", "SEE MORE: …", "Also on …", a headline of another story, "Get the app"),
  put between or after the article's paragraphs by the site's templates;
- **widget labels**: lines that are only "Advertisement", "Newsletter", "Subscribe", "Follow us",
  "Thanks for signing up!", or that open with "Related:", "See also:".

The first two are found by the block that holds the line, as :func:`.edges.trim_head` finds
menus. Lists stay: a list of links inside an article is often its content (sources, products, steps), and on
WCXB the annotators keep it. Pages not marked as articles stay as they are: listings and
documentation are made of link paragraphs. The bars are a development choice (set with both dev
sets in view; docs/benchmarks.md, seventeenth pass).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.extract.blocks import Block
from newsdesk.extract.edges import is_prose
from newsdesk.extract.mainbody import normalised

#: Shortest standfirst: a heading of fewer words is a section title or a label.
STANDFIRST_WORDS = 6
STANDFIRST_TAGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
#: Class words of a standfirst element.
_STANDFIRST_CLASS = re.compile(r"sub-?(?:title|head|hed|line|heading)|\bdek\b|standfirst|\bdeck\b|summary|excerpt"
                               r"|intro|teaser|strapline|kicker", re.I)
#: A link paragraph has at least this share of its characters in links, and this many words
#: (fewer is a label, which :func:`.edges.trim_head` handles above the prose), at most that many.
LINK_SHARE = 0.8
LINK_WORDS = (5, 30)
#: How trafilatura starts a list item's line.
LIST_MARKS = ("- ", "– ", "• ")
#: Widget labels: the whole line, or its opening words before a colon.
_LABEL = re.compile(
    r"^\W*(?:advertisement|sponsored|ad|story continues below(?: advertisement)?|continue reading below"
    r"|newsletters?|subscribe(?: now| today| to us)?|sign up(?: now| today)?|join our newsletter|follow us)\W*$"
    r"|^\W*(?:related(?: articles?| posts?| stories| reading| content)?|see also|see more|more)\s*[:.…]"
    r"|^(?:thanks|thank you) for (?:signing up|subscribing)"
    r"|^\W*follow (?:us|him|her|them|\w+) on (?:twitter|facebook|instagram)", re.I)


def trim_furniture(lines: Sequence[str], blocks: Sequence[Block], marked_article: bool) -> list[str]:
    """``lines`` without the standfirst and the link paragraphs of a marked article (see the
    module docstring); other pages' lines as they are. A text without a line of prose is left alone."""
    if not marked_article or len(lines) < 2:
        return list(lines)
    first = next((i for i, line in enumerate(lines) if is_prose(line)), None)
    if first is None:
        return list(lines)
    drop = _link_paragraphs(lines, first, blocks) | {i for i, line in enumerate(lines) if _LABEL.search(line)}
    if len(lines) > 1 + len(drop) and _is_standfirst(lines[0], blocks):  # never the whole text
        drop.add(0)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    return kept or list(lines)


def _is_standfirst(line: str, blocks: Sequence[Block]) -> bool:
    """Whether the first block holding ``line`` is a standfirst heading (its class, or a
    ``<header>`` around it)."""
    if len(line.split()) < STANDFIRST_WORDS:
        return False
    norm = normalised(line)
    block = next((b for b in blocks if norm in normalised(b.text)), None)
    if block is None or block.tag not in STANDFIRST_TAGS or not block.ancestors:
        return False
    if _STANDFIRST_CLASS.search(block.ancestors[-1].get("class") or ""):
        return True
    return any(el.tag == "header" for el in block.ancestors[-2:])


def _link_paragraphs(lines: Sequence[str], first: int, blocks: Sequence[Block]) -> set[int]:
    """Lines after the ``first`` prose line that are the whole text of a ``<p>`` almost all link
    text, and of no block of another kind: a table of contents repeats the article's headings as
    linked paragraphs, and a list may hold its items in linked paragraphs. List lines stay."""
    least, most = LINK_WORDS
    linked = {id(b) for b in blocks if b.tag == "p" and b.link_chars >= LINK_SHARE * max(len(b.text), 1)}
    if not linked:
        return set()
    texts = {normalised(b.text) for b in blocks if id(b) in linked}
    found = {i for i in range(first + 1, len(lines)) if least <= len(lines[i].split()) <= most
             and not lines[i].startswith(LIST_MARKS) and normalised(lines[i]) in texts}
    if found:  # the same words in a block of another kind (a heading, a plain paragraph) are the article's
        longest = max(len(lines[i]) for i in found)
        own = {normalised(b.text) for b in blocks if id(b) not in linked and len(b.text) <= 2 * longest}
        found = {i for i in found if normalised(lines[i]) not in own}
    return found
