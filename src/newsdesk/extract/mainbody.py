"""Main-content selection: trafilatura's extraction edited by a learned block classifier.

trafilatura alone misses text it cannot reach with its rules (product descriptions, forum posts,
documentation) and keeps some page furniture. The block classifier (trained on WCXB by
``scripts/train_extraction.py``, cross-validated by site) looks at every visible block with
trafilatura's verdict as one of its features. Rebuilding the text from blocks alone lost words
trafilatura had (its lines do not always coincide with our blocks), so the model *edits*
trafilatura's text instead: a line of it goes only when the block holding it is confidently
furniture, a block it missed comes in only when confidently content, and everything else is
trafilatura's text as it was. Without a shipped model, trafilatura's text is used as is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from newsdesk.extract.blocks import BLOCK_TAGS, Block, cross_prefix, describe, page_blocks, verdicts
from newsdesk.extract.cascade import PageCascade
from newsdesk.extract.learned import load_model

_WORD = re.compile(r"\w+")
MODEL_NAME = "extract_blocks"


#: trafilatura's own escalation rule (ESCALATION_PAGE_SHARE, ESCALATION_MAX_LENGTH): a text this
#: short, covering this little of the page, is one its rules probably under-extracted.
SHORT_SHARE = 0.2
SHORT_CHARS = 3000
#: On a page marked as an article, a missed block of fewer words than this is never scored or
#: added (labels, buttons, bylines), and the model adds only where trafilatura's text holds under
#: :data:`MARKED_TEXT_SHARE` of the page's words: there it stopped early. Elsewhere every block's
#: verdict and score would cost time on every article for adds that, held out by site, gain
#: nothing. Both bars are a development choice (h1, sixteenth pass: set with the held-out figures
#: of WCXB and Scrapinghub in view, for speed at no loss; docs/benchmarks.md). The share went from
#: 0.4 to 0.45 in the eighteenth pass: marked articles whose text holds 40-45 % of the page's words
#: are often lists and boxes trafilatura skipped, and held out by site any bar from 0.42 to 0.6 gains
#: the same (WCXB articles +0.0004, Scrapinghub unchanged up to 0.5); 0.45 is the middle of the
#: plateau that costs no Scrapinghub page.
MARKED_ADD_WORDS = 8
MARKED_TEXT_SHARE = 0.45
#: A high bar that adds nothing.
NO_ADD = 1.01
#: The fewest word characters (spaces out) of a line that :func:`spanned_blocks` places among the
#: blocks: shorter ones ("Add to cart") occur in many places of a page.
SPAN_CHARS = 20


def trafilatura_text(tree: Any, url: str | None, page_chars: int | None = None) -> str:
    """trafilatura's main text (no comments), or "" when it finds none. trafilatura never changes
    ``tree`` (:class:`.cascade.PageCascade` runs it).

    Fast mode first: its rules alone. The full cascade (readability comparison, justext rescue)
    costs half as much again and, on the dev sets, changed the text of only the pages where the
    rules came out short (under trafilatura's own escalation bar: less than ``SHORT_SHARE`` of the
    page's ``page_chars`` of visible text and under ``SHORT_CHARS``); elsewhere fast mode's text
    was as good or better. So the cascade runs for those pages only."""
    cascade = PageCascade(tree, url)
    text = _trafilatura(cascade, fast=True)
    if len(text) < SHORT_CHARS:
        if page_chars is None:
            page_chars = sum(len(block.text) for block in page_blocks(tree))
        if len(text) < SHORT_SHARE * page_chars:
            text = _trafilatura(cascade, fast=False)
    return text


def _trafilatura(cascade: PageCascade, fast: bool) -> str:
    """One trafilatura extraction (balanced mode; recall mode when that finds nothing)."""
    try:
        text = cascade.text(fast)
        if not (text or "").strip():
            text = cascade.text(fast, recall=True)  # short pages, feed items
    except (ValueError, TypeError, AttributeError):
        return ""
    return text.strip() if isinstance(text, str) else ""


def normalised(text: str) -> str:
    """Lower-cased words joined by single spaces, padded so a block can be found with " in "."""
    return f" {' '.join(_WORD.findall(text.lower()))} "


def described_blocks(tree: Any, kept: str) -> list[Block]:
    """Every visible block of ``tree`` with its features; ``kept`` is trafilatura's output."""
    blocks = page_blocks(tree)
    describe(blocks, normalised(kept) if kept.strip() else "")
    return blocks


def compose(kept: str, texts: Sequence[str], kept_by_trafilatura: Sequence[bool], probs: Sequence[float],
            low: float, high: float) -> list[str]:
    """trafilatura's lines edited by the block verdicts, in page order.

    A trafilatura line is dropped when it lies inside a block it kept that scores below ``low``;
    a block it did not keep is added when it scores at least ``high`` (and replaces any of its
    lines trafilatura had). Lines that match no block (trafilatura joins or splits text
    differently) stay: the model has no say on them.
    """
    return assemble(align(kept, texts), texts, kept_by_trafilatura, probs, low, high)


def align(kept: str, texts: Sequence[str]) -> list[tuple[str, int | None]]:
    """Each line of trafilatura's text with the block holding it (None when no block does),
    searched forward from the previous line's block so that repeated short lines land in order."""
    block_norms = [normalised(t) for t in texts]
    page = "".join(block_norms)
    aligned: list[tuple[str, int | None]] = []
    cursor = 0
    for line in kept.splitlines():
        line = line.strip()
        if not line:
            continue
        norm = normalised(line)
        where = _find_block(block_norms, norm, cursor) if norm.strip() and norm in page else None
        cursor = cursor if where is None else where
        aligned.append((line, where))
    return aligned


def assemble(aligned: Sequence[tuple[str, int | None]], texts: Sequence[str], kept_by_trafilatura: Sequence[bool],
             probs: Sequence[float], low: float, high: float,
             protected: Callable[[str], bool] | None = None) -> list[str]:
    """The edited text from aligned lines and block probabilities (see :func:`compose`); a line
    that ``protected`` accepts is never dropped, and a block inside a line of trafilatura's that
    spans several blocks is never added (:func:`spanned_blocks`)."""
    added = {i for i, (was_kept, prob) in enumerate(zip(kept_by_trafilatura, probs, strict=True))
             if not was_kept and prob >= high}
    if added and any(where is None for _, where in aligned):
        added -= spanned_blocks(aligned, texts)  # their words are in trafilatura's text already
    placed: list[tuple[float, int, str]] = [(i + 0.25, -1, texts[i]) for i in added]
    position = 0.0
    for n, (line, where) in enumerate(aligned):
        if where is not None:
            position = float(where)
            if where in added or (kept_by_trafilatura[where] and probs[where] < low
                                  and not (protected and protected(line))):
                continue  # furniture, or part of a block that comes in whole
        placed.append((position + (0.5 if where is None else 0.0), n, line))
    placed.sort(key=lambda item: (item[0], item[1]))
    return [text for _, _, text in placed]


def spanned_blocks(aligned: Sequence[tuple[str, int | None]], texts: Sequence[str]) -> set[int]:
    """The blocks whose text is inside a line of trafilatura's text that no single block holds.

    trafilatura writes a table row as one line of cells, and glues inline runs (a product tile's
    badge, brand and name) into one line without spaces, so such a line spans several blocks and
    their verdicts say "missed" although trafilatura kept their words. The model must not add
    those blocks again: the words would count twice. The line is found in the page's words with
    the spaces taken out (searched forward from the last block a line was found in, as
    :func:`align` does); a line of under :data:`SPAN_CHARS` such characters is too short to
    place safely. Held out by site this alone lifts WCXB all by 0.0017 and changes no Scrapinghub
    page (h1, seventeenth pass; docs/benchmarks.md)."""
    squashed = ["".join(_WORD.findall(text.lower())) for text in texts]
    starts = list(accumulate((len(s) for s in squashed), initial=0))
    page = "".join(squashed)
    spanned: set[int] = set()
    cursor = 0
    for line, where in aligned:
        if where is not None:
            cursor = where
            continue
        needle = "".join(_WORD.findall(line.lower()))
        if len(needle) < SPAN_CHARS:
            continue
        at = page.find(needle, starts[cursor])
        at = page.find(needle) if at < 0 else at
        if at >= 0:
            first = bisect_right(starts, at) - 1
            spanned.update(range(first, bisect_left(starts, at + len(needle))))
            cursor = first
    return spanned


def _find_block(block_norms: Sequence[str], line_norm: str, start: int) -> int | None:
    """The first block at or after ``start`` (else before it) whose text holds the line's words."""
    for i in range(start, len(block_norms)):
        if line_norm in block_norms[i]:
            return i
    for i in range(start):
        if line_norm in block_norms[i]:
            return i
    return None


def select_paragraphs(tree: Any, kept: str, marked_article: bool = False, blocks: list[Block] | None = None,
                      prose: Callable[[str], bool] | None = None) -> tuple[list[str] | None, list[Block]]:
    """The edited main text (None when no model is shipped or it cannot edit a page of this kind:
    trafilatura's text stands), and all blocks.

    ``prose`` tells a line of prose. When the edit would leave no line of prose while trafilatura's
    text has some, its prose lines are kept (see :func:`keep_prose`).

    Two bars, both chosen by cross-validation for the page's kind (how much of it trafilatura
    kept, whether its metadata marks it as an article): a low one under which a block trafilatura
    kept is dropped (the model only overrules it when sure) and a high one for blocks it dropped.
    Only blocks whose verdict can change the text get features and a score (that is most of the
    model's time): kept ones when the low bar can drop them, missed ones when the high bar can add them
    (on a marked article, only missed blocks of at least :data:`MARKED_ADD_WORDS` words). A marked
    article whose bars for its kept share neither drop nor add is left as trafilatura gave it.
    """
    model = load_model(MODEL_NAME)
    blocks = page_blocks(tree) if blocks is None else blocks
    if model is None or model.never_edits(marked_article):
        _count_words(blocks)  # word counts only: the page-type features need no more
        return None, blocks
    early = True  # whether the model may add blocks: on an unmarked page, its bars alone say
    if marked_article:
        _count_words(blocks)
        early = stopped_early(kept, blocks)
        if not (early or model.drops(marked_article)):
            return None, blocks
    norm = normalised(kept) if kept.strip() else ""
    traf = verdicts(blocks, norm)
    kept_flags = [v == "t:in" for v in traf]
    low, high = model.bars_for(kept_share([b.words for b in blocks], kept_flags), marked_article)
    high = high if early else NO_ADD
    if marked_article and low <= 0.0 and high > 1.0:  # a marked page of a kind the model leaves alone
        return None, blocks
    least = MARKED_ADD_WORDS if marked_article else 0
    scored = [(low > 0.0) if k else (high <= 1.0 and b.words >= least) for b, k in zip(blocks, kept_flags, strict=True)]
    if any(scored):
        describe(blocks, norm, scored.__getitem__, traf, crossed=False)  # the model crosses them
    probs = [model.probability(b.features, cross_prefix(t)) if s else (1.0 if k else 0.0)
             for b, t, k, s in zip(blocks, traf, kept_flags, scored, strict=True)]
    if marked_article and low <= 0.0 and not any(p >= high for p, k in zip(probs, kept_flags, strict=True) if not k):
        return None, blocks  # nothing comes in: trafilatura's text as it was
    texts = [b.text for b in blocks]
    aligned = align(kept, texts)
    edited = assemble(aligned, texts, kept_flags, probs, low, high)
    if prose is not None and keep_prose(edited, aligned, prose):
        edited = assemble(aligned, texts, kept_flags, probs, low, high, protected=prose)
    return edited, blocks


def _count_words(blocks: Sequence[Block]) -> None:
    for block in blocks:
        block.words = len(_WORD.findall(block.text))


def stopped_early(kept: str, blocks: Sequence[Block]) -> bool:
    """Whether trafilatura's text holds under :data:`MARKED_TEXT_SHARE` of the words of the page's
    blocks (which must have their word counts): on a marked article, the only case the model may add."""
    return len(_WORD.findall(kept)) < MARKED_TEXT_SHARE * sum(block.words for block in blocks)


def keep_prose(edited: Sequence[str], aligned: Sequence[tuple[str, int | None]], prose: Callable[[str], bool]) -> bool:
    """Whether the edit dropped every line of prose trafilatura had: then those lines stay.

    The block model scores blocks, not the page: on a page whose article sits in one loose ``<div>``
    among hundreds of menu entries that trafilatura also kept, every block looks like furniture,
    and the edit kept a few menu labels and dropped the article (Scrapinghub, a city hall's news
    page: shingle F1 0 against 0.99 with the prose lines kept). A text with no sentence in it is never the
    better reading of a page where trafilatura found sentences. On the dev sets this changes two
    pages (that one, and a WCXB service page scored 0 either way), so it is a guard, not a tuned rule."""
    return not any(map(prose, edited)) and any(prose(line) for line, _ in aligned)


def kept_share(words: Sequence[int], kept_by_trafilatura: Sequence[bool]) -> float:
    """The share of the page's words in blocks trafilatura kept: near 1 on a plain article, low
    where its rules missed the content (listings, forums, products), so the bars depend on it."""
    return sum(w for w, k in zip(words, kept_by_trafilatura, strict=True) if k) / max(sum(words), 1)


#: A line of trafilatura's text this long that no block holds may be a whole layout-table cell.
GLUED_WORDS = 60
#: ... when it holds at least this many prose blocks of the page; the article's element must hold
#: at least this share of the line's words.
GLUED_PROSE = 2
GLUED_SHARE = 0.5


def split_glued(lines: Sequence[str], blocks: Sequence[Block], prose: Callable[[str], bool]) -> list[str]:
    """``lines`` with each layout-table cell that trafilatura wrote as one line cut down to the article.

    trafilatura writes a table cell as one line (``| …``), so on a page laid out with a table the
    headline, the dateline, the article's paragraphs and the cell's "top stories" teasers come as
    one line that no block holds: neither the block model nor the trims can touch its parts. The
    blocks inside such a line are found by their words; the article is the element directly
    around the prose blocks that holds most prose words (its paragraphs share one parent), and the
    line becomes the blocks under that element, one line each. That element must hold at least
    :data:`GLUED_SHARE` of the line's words: where it holds less, the line is a listing or a page of
    many parts glued by a list or a table, whose parts are all content (dev sets: WCXB pages that
    lost 0.3 to 0.8 of F1 kept 8 % to 33 % of their line; the ones that gained, 61 % to 98 %)."""
    texts = [block.text for block in blocks]
    joined: str | None = None
    norms: list[str] | None = None
    out: list[str] = []
    for line in lines:
        if len(line.split()) < GLUED_WORDS:
            out.append(line)
            continue
        joined = "\n".join(texts).replace(" ", "") if joined is None else joined
        if line.replace(" ", "") in joined:  # a long paragraph: one block holds it (a line has no newline)
            out.append(line)
            continue
        line_norm = normalised(line)
        norms = [normalised(t) for t in texts] if norms is None else norms
        if any(line_norm in n for n in norms):
            out.append(line)
            continue
        inside = [i for i, n in enumerate(norms) if len(n.split()) >= 4 and n in line_norm]
        out.extend(_cell_article(line, inside, blocks, prose))
    return out


def _cell_article(line: str, inside: Sequence[int], blocks: Sequence[Block], prose: Callable[[str], bool]) -> list[str]:
    """The blocks of the article inside a glued cell line (see :func:`split_glued`), or the line as it is."""
    words: dict[Any, int] = {}  # prose words by the element around their blocks' own elements
    count = 0
    for i in inside:
        if prose(blocks[i].text):
            holder = holding_element(blocks[i])
            container = holder.getparent() if holder is not None else None
            if container is not None:
                count += 1
                words[container] = words.get(container, 0) + len(blocks[i].text.split())
    if count < GLUED_PROSE:
        return [line]
    best = max(words, key=words.__getitem__)
    kept = [blocks[i].text for i in inside if best in blocks[i].ancestors]
    if sum(len(text.split()) for text in kept) < GLUED_SHARE * len(line.split()):
        return [line]  # the cell is a listing or a page of many parts, not an article with furniture
    return kept


def holding_element(block: Block) -> Any:
    """The innermost block-level element open around a block (a ``<br>`` only separates text), or None."""
    for el in reversed(block.ancestors):
        if el.tag in BLOCK_TAGS and el.tag != "br":
            return el
    return None
