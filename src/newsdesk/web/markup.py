"""Turn an article and its analysis into render-ready pieces: paragraphs of sentences, each sentence a
run of plain text and entity spans, with the events coded from it.

The template renders every piece with autoescaping; this module never builds HTML, so nothing in the
article text can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model import Analysis, Article, Event, Mention


@dataclass(frozen=True)
class Piece:
    text: str
    label: str | None = None  # entity label (PERSON, ORG, GPE …) when this piece is a mention
    actor: str | None = None  # resolved actor name, when known
    country: str | None = None


@dataclass(frozen=True)
class SentenceView:
    index: int
    pieces: tuple[Piece, ...]
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class ParagraphView:
    sentences: tuple[SentenceView, ...] = field(default_factory=tuple)


def _pieces(text: str, offset: int, mentions: list[Mention]) -> tuple[Piece, ...]:
    """Split one sentence's text at its mentions; overlapping or out-of-range mentions are skipped."""
    out: list[Piece] = []
    cursor = 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        start, end = m.start - offset, m.end - offset
        if start < cursor or end > len(text) or start >= end:
            continue
        if start > cursor:
            out.append(Piece(text[cursor:start]))
        actor = m.actor
        out.append(Piece(text[start:end], m.label, actor.name if actor else None, actor.country if actor else None))
        cursor = end
    if cursor < len(text):
        out.append(Piece(text[cursor:]))
    return tuple(out)


def article_view(article: Article, analysis: Analysis | None) -> list[ParagraphView]:
    """Paragraphs of annotated sentences; a newline between two sentences starts a new paragraph."""
    if analysis is None or not analysis.sentences:
        return [ParagraphView((SentenceView(-1, (Piece(p),)),)) for p in article.paragraphs or (article.text,)]
    by_sentence: dict[int, list[Mention]] = {}
    for m in analysis.mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    events: dict[int, list[Event]] = {}
    for e in analysis.events:
        events.setdefault(e.sentence_index, []).append(e)
    paragraphs: list[list[SentenceView]] = [[]]
    previous_end = None
    for s in analysis.sentences:
        if previous_end is not None and "\n" in article.text[previous_end : s.start] and paragraphs[-1]:
            paragraphs.append([])
        text = article.text[s.start : s.end] if article.text[s.start : s.end] else s.text
        paragraphs[-1].append(
            SentenceView(s.index, _pieces(text, s.start, by_sentence.get(s.index, [])), tuple(events.get(s.index, ())))
        )
        previous_end = s.end
    return [ParagraphView(tuple(p)) for p in paragraphs if p]


def entity_labels(analysis: Analysis | None) -> list[tuple[str, int]]:
    """Entity labels present in the article with their counts, most frequent first (for the legend)."""
    counts: dict[str, int] = {}
    for m in analysis.mentions if analysis else ():
        counts[m.label] = counts.get(m.label, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
