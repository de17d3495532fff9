"""Article text that trafilatura cut short: paragraphs of the same template it stopped before.

Some sites split one article into several sibling containers (chunks between ad slots, one
``div`` per section). trafilatura takes the first matching container and stops there; on the
dev sets two Scrapinghub pages lost half and two thirds of their text that way. The paragraphs it missed
sit in containers built exactly like the ones it kept: the same tags and classes for the three
ancestors above each ``<p>``.

So on a page whose metadata marks it as an article (where trafilatura's text is otherwise taken
as it is), the prose paragraphs that share the template of most kept paragraphs and are not in
the text are put back in page order, but only when together they hold at least half as many words
as the text already has. Below that bar, what shares the template is mostly furniture built in
the same mould (author bios, affiliate notes, sign-off boxes): on the dev sets most pages the rule
changed under the bar lost and none gained more than 0.012, while every page over it gained a third
or more of F1 (a development figure: the bar was chosen with the dev sets in view).

A second kind (:func:`restore_loose_text`): the loose text that opens an element, before its first
child, which trafilatura skips when that element is the article's container.

A third (:func:`restore_gaps`, twenty-first pass): the subheadings and list items that trafilatura skips
between two of the article's paragraphs in one container.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.extract.blocks import Block
from newsdesk.extract.mainbody import align, holding_element, normalised

_WORD = re.compile(r"\w+")
#: A paragraph shorter than this is a label, caption or button, not prose to restore.
MIN_WORDS = 15
#: How many ancestors make a paragraph's template.
DEPTH = 3
#: The template must hold at least this many kept paragraphs to be the article's.
MIN_KEPT = 2
#: A paragraph whose link text is more than this share of its text is a teaser, not prose.
MAX_LINK_SHARE = 0.3
#: Restore only when the missed paragraphs hold at least this share of the text's words.
MIN_GAIN = 0.5
#: How prose ends; a missed paragraph that ends otherwise is a heading, a list stub or code.
_ENDINGS = (".", "!", "?", '"', "”", "»", "…", ":", ")")
_SKIP = ("script", "style", "noscript", "iframe")


@dataclass(frozen=True)
class Paragraph:
    """One ``<p>`` of prose length: its page order, text, normalised words and template."""

    order: int
    text: str
    norm: str
    template: tuple[str, ...]
    kept: bool
    element: Any


def restore_continuation(tree: Any, paragraphs: Sequence[str]) -> list[str]:
    """``paragraphs`` with the missed paragraphs of the article's template put back in page order,
    or ``paragraphs`` as they are when none qualify (see the module docstring)."""
    lines = list(paragraphs)
    found = _prose_paragraphs(tree, f" {' '.join(_norm(line) for line in lines)} ")
    templates = Counter(p.template for p in found if p.kept)
    if not templates:
        return lines
    template, count = templates.most_common(1)[0]
    if count < MIN_KEPT or not any(part.partition(".")[2] for part in template):
        return lines  # a template of bare tags matches any paragraph of the page
    missed = [p for p in found if not p.kept and p.template == template and _prose(p)]
    have = sum(len(line.split()) for line in lines)
    if not missed or sum(len(p.text.split()) for p in missed) < MIN_GAIN * have:
        return lines
    return _in_page_order(lines, found, missed)


def _prose_paragraphs(tree: Any, text_norm: str) -> list[Paragraph]:
    """Every ``<p>`` of at least :data:`MIN_WORDS` words without script or style inside, marked kept
    when the text holds it (whole, or its first and last eight words: trafilatura may split it)."""
    found = []
    for order, element in enumerate(tree.iter("p")):
        if next(element.iter(*_SKIP), None) is not None:
            continue
        text = " ".join(element.text_content().split())
        norm = _norm(text)
        words = norm.split()
        if len(words) < MIN_WORDS:
            continue
        kept = f" {norm} " in text_norm or (f" {' '.join(words[:8])} " in text_norm
                                             and f" {' '.join(words[-8:])} " in text_norm)
        template = tuple(f"{a.tag}.{a.get('class', '')}" for a in _ancestors(element))
        found.append(Paragraph(order, text, norm, template, kept, element))
    return found


def _ancestors(element: Any) -> list[Any]:
    out = []
    for ancestor in element.iterancestors():
        out.append(ancestor)
        if len(out) == DEPTH:
            break
    return out


def _prose(paragraph: Paragraph) -> bool:
    """Ends like a sentence and is not mostly link text."""
    if not paragraph.text.endswith(_ENDINGS):
        return False
    links = sum(len(" ".join(a.text_content().split())) for a in paragraph.element.iter("a"))
    return links <= MAX_LINK_SHARE * len(paragraph.text)


def _in_page_order(lines: list[str], found: Sequence[Paragraph], missed: Sequence[Paragraph]) -> list[str]:
    """The text's lines and the missed paragraphs merged by page order: a line that is a kept
    paragraph takes its place, any other line follows the line before it."""
    where = {}
    for p in found:
        if p.kept:
            where.setdefault(p.norm, p.order)
    placed: list[tuple[float, int, str]] = []
    last = -1.0
    for n, line in enumerate(lines):
        order = where.get(_norm(line))
        if order is not None:
            last = float(order)
        placed.append((last if order is not None else last + 0.5, n, line))
    placed.extend((p.order + 0.25, -1, p.text) for p in missed)
    placed.sort(key=lambda item: (item[0], item[1]))
    return [text for _, _, text in placed]


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))



#: A missed run of loose text restored by :func:`restore_loose_text` has at least this many words.
LOOSE_WORDS = 10


def restore_loose_text(lines: Sequence[str], blocks: Sequence[Block], prose: Callable[[str], bool]) -> list[str]:
    """``lines`` with the loose text that opens the element of a kept prose block, where trafilatura missed it.

    trafilatura drops the text that opens its article container before the container's first child
    element (``<div class="content">First paragraph.<br>…``, or in an inline ``<span>``): it reads
    the container's children, not the container's own text. That run sits in the same element as
    the kept text, separated from it only by ``<br>``, an image or a caption, so it is the same text.
    It goes back, before that line, when it is the first text inside its innermost block-level
    element, is prose of at least :data:`LOOSE_WORDS` words, and the next block that element holds
    directly is a kept prose line. A kept line that is not prose (a quote's attribution) brings
    nothing back. The structural tests come first: they are cheap and leave few blocks to compare."""
    text: str | None = None
    missed: dict[int, int] = {}  # each missed opening's block by the kept block it opens
    for i in range(len(blocks) - 1):
        element = holding_element(blocks[i])
        if (element is None or element not in blocks[i + 1].ancestors or (i and element in blocks[i - 1].ancestors)
                or len(blocks[i].text.split()) < LOOSE_WORDS or not prose(blocks[i].text)):
            continue
        j = _next_held(blocks, i, element)
        if j is None or not prose(blocks[j].text):
            continue
        text = normalised("\n".join(lines)) if text is None else text
        if normalised(blocks[j].text) in text and normalised(blocks[i].text) not in text:
            missed[j] = i
    if not missed:
        return list(lines)
    return _insert_openings(lines, blocks, missed)


def _insert_openings(lines: Sequence[str], blocks: Sequence[Block], missed: dict[int, int]) -> list[str]:
    """``lines`` with each missed opening put before the line of the kept block it opens, or before
    the lines of that element's blocks between them (a subheading, a caption) that come just before it.
    trafilatura's lines are not always in page order (a sidebar it read first), so the place is found
    from the kept line back, not from the top."""
    aligned = align("\n".join(lines), [block.text for block in blocks])
    out = [line for line, _ in aligned]
    for n in range(len(aligned) - 1, -1, -1):
        j = aligned[n][1]
        if j is None or j not in missed:
            continue
        i = missed.pop(j)
        at = n
        while at > 0 and (where := aligned[at - 1][1]) is not None and i < where < j:
            at -= 1
        out.insert(at, blocks[i].text)
    return out


def _next_held(blocks: Sequence[Block], i: int, element: Any) -> int | None:
    """The next block after ``i`` held by ``element`` itself (not by an element inside it), or None."""
    for j in range(i + 1, len(blocks)):
        if element not in blocks[j].ancestors:
            return None
        if holding_element(blocks[j]) is element:
            return j
    return None


#: Blocks a gap may give back: subheadings and list items. Paragraphs stay out: the ones trafilatura
#: skips between two kept paragraphs are mostly what the annotators leave out too (footnotes, quoted
#: posts, table notes, asides); with them the rule lost on WCXB (a development figure).
GAP_TAGS = frozenset(["h2", "h3", "h4", "h5", "h6", "li"])
#: A gap block has at most this share of its characters in links (a link list is another story's teaser) ...
GAP_LINK_SHARE = 0.5
#: ... and at least this many words with a letter (a rating widget's "1", "3", "5" items are not text).
GAP_WORDS = 2


def restore_gaps(lines: Sequence[str], blocks: Sequence[Block], prose: Callable[[str], bool]) -> list[str]:
    """``lines`` with the subheadings and list items trafilatura skipped between two prose lines of one container.

    trafilatura sometimes keeps an article's paragraphs and drops the subheadings and the bullet lists
    between them (a health guide's "What are smartphone apps?" and its list of features; a review's
    "Best for …" list). Where two consecutive prose lines of the text sit in blocks with the same parent
    element, the heading and list-item blocks between them on the page, inside that parent, go back
    in page order: they are the same article. A list item needs :data:`GAP_WORDS` words and little
    link text (:data:`GAP_LINK_SHARE`); a heading goes back only when the block right after it is in
    the text, so that a "You may also like" heading whose teasers trafilatura dropped (links) stays
    out. Only the prose lines are placed among the blocks, by dictionary look-ups (as :mod:`.furniture`
    does): an alignment of every line cost more than the rest of the step."""
    where = _prose_blocks(lines, blocks, prose)
    have: list[str] = []  # the text with no spaces, made once, when a gap holds a candidate
    out: list[str] = []
    prev: tuple[int, Any] | None = None  # the last prose line's block and the parent of its element
    for line, at in zip(lines, where, strict=True):
        if at is not None:
            holder = holding_element(blocks[at])
            parent = holder.getparent() if holder is not None else None
            if prev is not None and parent is not None and prev[1] is parent and prev[0] + 1 < at:
                out.extend(_gap_lines(blocks, range(prev[0] + 1, at), parent, lines, have))
            prev = (at, parent)
        out.append(line)
    return out


def _prose_blocks(lines: Sequence[str], blocks: Sequence[Block], prose: Callable[[str], bool]) -> list[int | None]:
    """Each prose line's block: the first of the same text with the spaces ignored (a block's text has a
    space where an inline element closes before a comma: "Culinary , we"), or None; None for the other lines."""
    wanted = [n for n, line in enumerate(lines) if prose(line)]
    where: list[int | None] = [None] * len(lines)
    if len(wanted) < 2:
        return where
    bare = {_bare(block.text): i for i, block in reversed(list(enumerate(blocks)))}  # the first block of a text wins
    for n in wanted:
        where[n] = bare.get(_bare(lines[n]))
    return where


def _bare(text: str) -> str:
    """``text`` with no spaces: a block and trafilatura's line of it space punctuation differently."""
    return text.replace(" ", "")


def _in_text(block: Block, have: str) -> bool:
    """Whether ``block``'s text is in the text (``have``: the text made :func:`_bare`)."""
    return _bare(block.text) in have


def _gap_lines(blocks: Sequence[Block], gap: range, parent: Any, lines: Sequence[str], have: list[str]) -> list[str]:
    """The lines of the heading and list-item blocks in ``gap`` that go back (see :func:`restore_gaps`);
    ``have`` caches the text made :func:`_bare`."""
    found = [k for k in gap if blocks[k].tag in GAP_TAGS and parent in blocks[k].ancestors
             and blocks[k].link_chars <= GAP_LINK_SHARE * max(len(blocks[k].text), 1)
             and sum(1 for word in blocks[k].text.split() if any(c.isalpha() for c in word)) >= GAP_WORDS]
    if not found:
        return []
    if not have:
        have.append(_bare("".join(lines)))
    missed = {k for k in found if not _in_text(blocks[k], have[0])}
    back = {k for k in missed if blocks[k].tag == "li"}
    back |= {k for k in missed if blocks[k].tag != "li" and (k + 1 in back or _in_text(blocks[k + 1], have[0]))}
    return [f"- {blocks[k].text}" if blocks[k].tag == "li" else blocks[k].text for k in sorted(back)]
