"""Main-content selection: trafilatura's extraction as one opinion, a learned block classifier decides.

trafilatura alone misses text it cannot reach with its rules (product descriptions, forum posts,
documentation) and keeps some page furniture. The block classifier (trained on WCXB by
``scripts/train_extraction.py``, cross-validated by site) looks at every visible block with
trafilatura's verdict as one of its features, so it can keep what trafilatura keeps, add what it
missed, and drop what it kept by mistake. Without a shipped model, trafilatura's text is used as is.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from newsdesk.extract.blocks import Block, describe, page_blocks
from newsdesk.extract.learned import load_model

_WORD = re.compile(r"\w+")
MODEL_NAME = "extract_blocks"


def trafilatura_text(html_text: str, url: str | None) -> str:
    """trafilatura's main text in its default (balanced) mode, or "" when it finds none."""
    try:
        return trafilatura.extract(html_text, url=url, include_comments=False, with_metadata=False) or ""
    except (ValueError, TypeError, AttributeError):
        return ""


def normalised(text: str) -> str:
    """Lower-cased words joined by single spaces, padded so a block can be found with " in "."""
    return f" {' '.join(_WORD.findall(text.lower()))} "


def described_blocks(tree: Any, kept: str) -> list[Block]:
    """Every visible block of ``tree`` with its features; ``kept`` is trafilatura's output."""
    blocks = page_blocks(tree)
    describe(blocks, normalised(kept) if kept.strip() else "")
    return blocks


def select_paragraphs(tree: Any, kept: str) -> tuple[list[str] | None, list[Block]]:
    """The blocks the model keeps, in page order (None when no model is shipped), and all blocks.

    Two bars, both chosen by cross-validation: a low one for blocks trafilatura kept (the model
    only overrules it when sure) and a high one for blocks it dropped.
    """
    model = load_model(MODEL_NAME)
    if model is None:  # word counts only: the page-type features need no more
        blocks = page_blocks(tree)
        for block in blocks:
            block.words = len(_WORD.findall(block.text))
        return None, blocks
    blocks = described_blocks(tree, kept)
    kept = [b.text for b in blocks
            if model.probability(b.features) >= (model.threshold_kept if "t:in" in b.features else model.threshold)]
    return kept, blocks
