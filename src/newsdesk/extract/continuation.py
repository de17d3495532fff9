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
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
