"""Sentence splitting with character spans into the article text.

Scraped articles are full of headings and one-line fragments ("Economic Cooperation:") that the
parser would glue onto the next sentence, so every line break is a hard boundary, set before the
parser runs. Abbreviations such as "U.S." never end a sentence mid-line.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsdesk.model import Sentence

COMPONENT = "newsdesk_line_breaks"
_ABBREV = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Maj|Capt|St|Jr|Sr|Prof|No|"
                     r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs)\.$")


@Language.component(COMPONENT)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; never after an abbreviation on the same line."""
    for i, tok in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in tok.text or "\n" in tok.whitespace_:
            if not nxt.is_space:
                nxt.is_sent_start = True
        elif _ABBREV.match(tok.text) and not nxt.is_space and not nxt.is_sent_start:
            nxt.is_sent_start = False
    return doc


def add_line_breaks(nlp: Language) -> None:
    """Insert the line-break component before the parser (or the senter) of ``nlp``."""
    if COMPONENT in nlp.pipe_names:
        return
    before = next((p for p in ("parser", "senter", "sentencizer") if p in nlp.pipe_names), None)
    if before:
        nlp.add_pipe(COMPONENT, before=before)
    else:
        nlp.add_pipe(COMPONENT, first=True)


def trimmed(span: Span) -> Span | None:
    """``span`` without leading/trailing whitespace tokens; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end > start else None


def sentence_spans(doc: Doc) -> list[Span]:
    """The non-empty sentences of ``doc``, trimmed of whitespace."""
    return [s for s in (trimmed(sent) for sent in doc.sents) if s is not None]


def to_sentences(spans: list[Span], article_id: str) -> list[Sentence]:
    return [Sentence(article_id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(spans)]
