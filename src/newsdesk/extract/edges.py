"""Page furniture above the article: short link and label lines before the first line of prose.

Whatever path made the main text (trafilatura as it is, or edited by the block model), its first
lines are often what the page shows above the content: breadcrumbs, menu entries, "Back to blog",
"Skip to content", a section name, "Advertisement", a read-time badge. On WCXB dev a quarter of the
kept boilerplate ("without") snippets sit in the first three lines of our text. Two kinds of line
before the first prose line go (a development figure: the word and link bars were set with the dev
sets in view, fourteenth pass):

- a line of at most :data:`LINK_WORDS` words whose block on the page is all link text, on any page;
- a line of at most :data:`LABEL_WORDS` words on a page whose metadata marks it as an article.

Lines after the first prose line stay: the same rule at the end of the text lost on both dev sets
(listings, recipes and reference pages end in link lists the annotators keep). Without a prose
line, nothing changes: on such a page the short lines are the content.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.extract.blocks import Block
from newsdesk.extract.mainbody import align, normalised

#: A prose line has at least this many words and ends like a sentence.
PROSE_WORDS = 12
_ENDINGS = (".", "!", "?", '"', "”", "»", "…", ":", ")")
#: Longest all-link line dropped above the prose: menus and breadcrumbs are one to five words.
LINK_WORDS = 5
#: Block share of link text that counts as all link (link text is counted without the spaces between links).
LINK_SHARE = 0.99
#: Longest line of any kind dropped above the prose of a marked article (labels, badges, "Advertisement").
LABEL_WORDS = 3


def is_prose(line: str) -> bool:
    """A sentence-length line that ends like a sentence: where the article (or the content) starts."""
    return len(line.split()) >= PROSE_WORDS and line.rstrip().endswith(_ENDINGS)


def trim_head(lines: Sequence[str], blocks: Sequence[Block], marked_article: bool) -> list[str]:
    """``lines`` without the furniture above their first prose line (see the module docstring)."""
    first = next((i for i, line in enumerate(lines) if is_prose(line)), None)
    if not first:  # no prose, or the text starts with it
        return list(lines)
    short = [i for i in range(first) if len(lines[i].split()) <= max(LINK_WORDS, LABEL_WORDS)]
    if not short:
        return list(lines)
    drop = {i for i in short if marked_article and len(lines[i].split()) <= LABEL_WORDS}
    links = [i for i in short if i not in drop and len(lines[i].split()) <= LINK_WORDS]
    if links:
        drop |= _all_link(lines[:first], links, blocks)
    return [line for i, line in enumerate(lines) if i not in drop]


def _all_link(head: Sequence[str], candidates: Sequence[int], blocks: Sequence[Block]) -> set[int]:
    """Which candidate lines of ``head`` sit in a block of exactly their text that is all link text.
    The head is aligned to the blocks in page order, as the block model aligns the whole text."""
    found = set()
    aligned = align("\n".join(head), [block.text for block in blocks])
    wanted = set(candidates)
    for i, (line, where) in enumerate(aligned):
        if i not in wanted or where is None:
            continue
        block = blocks[where]
        if block.link_chars >= LINK_SHARE * max(len(block.text), 1) and normalised(block.text) == normalised(line):
            found.add(i)
    return found
