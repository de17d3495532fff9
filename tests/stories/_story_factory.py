"""Hand-written articles and analyses for thread and timeline tests (no analyze/ dependency)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model import Actor, Analysis, Article, DateMention, Event, Mention, Sentence

PUTIN = Actor("Vladimir Putin", "RUS", "GOV", "President of Russia")
XI = Actor("Xi Jinping", "CHN", "GOV", "President of China")
TRUMP = Actor("Donald Trump", "USA", "GOV", "President of the United States")
TOKAYEV = Actor("Kassym-Jomart Tokayev", "KAZ", "GOV", "President of Kazakhstan")
MODI = Actor("Narendra Modi", "IND", "GOV", "Prime Minister of India")
RUSSIA = Actor("Russia", "RUS")
CHINA = Actor("China", "CHN")
USA = Actor("United States", "USA")
KAZAKHSTAN = Actor("Kazakhstan", "KAZ")

#: surface text -> (label, actor); every occurrence in a sentence becomes a mention.
LEXICON: dict[str, tuple[str, Actor | None]] = {
    "Vladimir Putin": ("PERSON", PUTIN),
    "Putin": ("PERSON", PUTIN),
    "Xi Jinping": ("PERSON", XI),
    "Donald Trump": ("PERSON", TRUMP),
    "Tokayev": ("PERSON", TOKAYEV),
    "Modi": ("PERSON", MODI),
    "Russia": ("GPE", RUSSIA),
    "Russian": ("NORP", RUSSIA),
    "China": ("GPE", CHINA),
    "Chinese": ("NORP", CHINA),
    "Kazakhstan": ("GPE", KAZAKHSTAN),
    "United States": ("GPE", USA),
    "Beijing": ("GPE", CHINA),
    "Harbin": ("GPE", CHINA),
    "Tianjin": ("GPE", CHINA),
    "Astana": ("GPE", KAZAKHSTAN),
    "Kazan": ("GPE", RUSSIA),
    "Moscow": ("GPE", RUSSIA),
    "Alaska": ("GPE", USA),
    "Anchorage": ("GPE", USA),
}


@dataclass
class Ev:
    """An event to attach to sentence ``sentence`` of an article."""

    sentence: int
    plover: str
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...] = ()
    date: str | None = None
    date_end: str | None = None
    future: bool = False
    hypothetical: bool = False
    historical: bool = False
    location: str | None = None
    clause: int = 0  # where the trigger sits: 0 main clause, 1 reported, 2 subordinate


@dataclass
class Dt:
    """A date mention in sentence ``sentence``."""

    sentence: int
    text: str
    date: str
    date_end: str | None = None
    granularity: str = "day"


@dataclass
class Doc:
    id: str
    title: str
    date: str
    sentences: list[str]
    events: list[Ev] = field(default_factory=list)
    dates: list[Dt] = field(default_factory=list)
    publisher: str = "Example Wire"


def _mentions(aid: str, index: int, offset: int, text: str) -> list[Mention]:
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for surface in sorted(LEXICON, key=len, reverse=True):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in taken):
                label, actor = LEXICON[surface]
                out.append(Mention(aid, index, offset + start, offset + end, surface, label, actor))
                taken.append((start, end))
            start = text.find(surface, end)
    return sorted(out, key=lambda m: m.start)


def build(doc: Doc) -> tuple[Article, Analysis]:
    """An Article and an Analysis whose sentences, spans and mentions agree with the text."""
    text = " ".join(doc.sentences)
    sentences, mentions, offset = [], [], 0
    for i, s in enumerate(doc.sentences):
        sentences.append(Sentence(doc.id, i, offset, offset + len(s), s))
        mentions.extend(_mentions(doc.id, i, offset, s))
        offset += len(s) + 1
    events = tuple(
        Event(
            doc.id,
            e.sentence,
            e.plover,
            {"CONSULT": "04", "AGREE": "03", "DEMAND": "10"}.get(e.plover, "01"),
            1,
            1.0,
            actors=e.actors,
            recipients=e.recipients,
            date=e.date,
            date_end=e.date_end,
            location=e.location,
            future=e.future,
            hypothetical=e.hypothetical,
            historical=e.historical,
            clause=e.clause,
        )
        for e in doc.events
    )
    dates = tuple(
        DateMention(doc.id, d.sentence, 0, len(d.text), d.text, d.date, d.date_end, d.granularity)
        for d in doc.dates
    )
    article = Article(
        id=doc.id,
        name=doc.id,
        url=f"https://news.example/{doc.id}",
        title=doc.title,
        author=None,
        date=doc.date,
        language="en",
        page_type="article",
        text=text,
        publisher=doc.publisher,
    )
    analysis = Analysis(doc.id, tuple(sentences), tuple(mentions), dates, events, themes=("diplomacy",))
    return article, analysis


def build_all(docs: list[Doc]) -> tuple[list[Article], list[Analysis]]:
    pairs = [build(d) for d in docs]
    return [a for a, _ in pairs], [b for _, b in pairs]
