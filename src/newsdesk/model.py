"""The records that flow between newsdesk stages.

Every stage output is one frozen dataclass, serialised in exactly one place (:func:`to_dict` /
:func:`from_dict`) so that a record written as JSONL by one CLI stage reads back unchanged in the
next, in a process pool, or inside a Dask partition.

Annotations point into the article text by character offsets (``start``/``end``) instead of copying
it, so a brief citation resolves to the exact source sentence.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def stable_id(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from text parts (same input → same id on every machine and run)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


# --------------------------------------------------------------------------------------- input


@dataclass(frozen=True)
class RawDocument:
    """One raw input unit before extraction: a page, a scrape, a WARC or feed record.

    ``name`` is the human id the CLI reports (file name without .html/.htm/.txt/.gz, or the record
    id); ``source`` says where it came from (path, ``path#record``, or URL).
    """

    name: str
    source: str
    content: bytes
    content_type: str  # "html" | "text" | "article" (already-extracted JSON article)
    url: str | None = None
    fetched_at: str | None = None  # ISO timestamp of retrieval, when known
    # Metadata a feed or JSONL line already carries (title, date, author ...); extraction prefers
    # what it finds in the page and falls back to these.
    hints: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return stable_id(self.source, self.name)


@dataclass(frozen=True)
class Failure:
    """A record that could not be processed: reported as one line, never fatal to the batch."""

    source: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.stage}: {self.reason}"


# ---------------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class Article:
    """A clean article extracted from one raw document. The raw record stays in the store."""

    id: str  # stable hash of canonical URL, else of the normalised text
    name: str  # file stem or record id, as reported by ``newsdesk extract``
    url: str | None
    title: str | None
    author: str | None
    date: str | None  # ISO yyyy-mm-dd publication date, or None
    language: str | None
    page_type: str  # "article" | "listing" | "other"
    text: str
    paragraphs: tuple[str, ...] = ()
    publisher: str | None = None
    source: str = ""  # where the raw document came from
    raw_id: str | None = None  # RawDocument.id

    @staticmethod
    def make_id(url: str | None, text: str) -> str:
        """Stable article id: the canonical URL when there is one, else the whitespace-normalised text."""
        if url:
            return stable_id("url", url.strip().split("#")[0].rstrip("/").lower())
        return stable_id("text", " ".join(text.split()).lower())


def is_news(page_type: str | None, date: str | None) -> bool:
    """Whether a page may take part in stories: a news report, or what may be one.

    A story is news told over days by several reports. A page typed as a listing or "other" that
    carries no date (a product page, a service landing page, a manual) tells no event: on a mixed
    crawl of 1,662 real pages such pages formed the largest story, 35 landing pages of 32 sites
    ("Data analytics services", "Azure Functions") that shared business words. A dated page of
    either type may still be a report the page-type model got wrong (a BBC report typed "other"
    joins its story), and an article without a date is kept too, as text streams without dates or
    types (``newsdesk cluster``) keep every document. Unknown types count as news.

    The analyzer codes events only on such pages (``Analyzer``, ``news_events_only``): a page that
    tells no event joins no story, and parsing and coding its sentences cost as much as a report's.
    """
    return page_type in (None, "article") or bool(date)


@dataclass(frozen=True)
class DuplicateLink:
    """A syndicated or repeated copy linked to the canonical article it repeats."""

    article_id: str
    canonical_id: str
    kind: str  # "exact" | "near"
    similarity: float


# ------------------------------------------------------------------------------------ analysis


@dataclass(frozen=True)
class Sentence:
    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A resolved actor: who, which country (ISO 3166 alpha-3 or IGO code), which PLOVER sector."""

    name: str
    country: str | None = None
    sector: str | None = None  # PLOVER sector code, e.g. GOV, MIL, BUS, IGO
    role: str | None = None  # e.g. "President of Russia"
    wikidata: str | None = None


@dataclass(frozen=True)
class Mention:
    """An entity mention: a span of the article text, with its resolved actor when known."""

    article_id: str
    sentence_index: int
    start: int  # character offsets into Article.text
    end: int
    text: str
    label: str  # spaCy-style type: PERSON, ORG, GPE, NORP, ...
    actor: Actor | None = None
    #: The dictionary's actor for a weak name (an acronym, a derived armed group's name) that its
    #: document does not back up: not resolved (``actor`` is None), but still a dictionary name to the
    #: span tagger, which was trained on the span file's single sentences, where nothing backs one up.
    weak: Actor | None = None


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved against the article date."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    date: str  # ISO yyyy-mm-dd (first day of a range)
    date_end: str | None = None  # last day of a range, when a range
    granularity: str = "day"  # day | month | year


#: Where an event's trigger sits (``Event.clause``): the sentence's main clause, what it reports
#: or a verb conjunct of it, or a subordinate clause (relative, adverbial, a noun's participle).
MAIN_CLAUSE, REPORTED_CLAUSE, SUBORDINATE_CLAUSE = 0, 1, 2


@dataclass(frozen=True)
class Event:
    """A coded political event from one sentence (PLOVER type + CAMEO root), with provenance."""

    article_id: str
    sentence_index: int
    plover: str  # e.g. CONSULT, AGREE, SANCTION
    cameo: str  # two-digit CAMEO root, e.g. "04"
    quad: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    score: float  # intensity, -10 … +10 (Goldstein-like)
    mode: str | None = None
    context: tuple[str, ...] = ()
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    date: str | None = None
    date_end: str | None = None
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False  # scheduled / announced, not yet happened
    historical: bool = False  # background mention of an earlier event
    trigger: str | None = None  # the word(s) that signalled the event
    confidence: float = 1.0
    clause: int = MAIN_CLAUSE  # where its trigger sits; what the sentence reports dates it in timelines


@dataclass(frozen=True)
class Analysis:
    """Everything the analyze stage adds to one article; the article itself is not copied."""

    article_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    themes: tuple[str, ...] = ()  # article-level themes, most prominent first
    sentence_themes: tuple[tuple[str, ...], ...] = ()  # per sentence, aligned with ``sentences``


# ------------------------------------------------------------------------------------- stories


@dataclass(frozen=True)
class Source:
    """What a citation points to: one sentence of one article."""

    article_id: str
    sentence_index: int
    text: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None
    title: str | None = None
    #: Where the article came from when it has no URL (a file path, a WARC record): a text scrape
    #: pasted into a file still needs a place a reader can go back to.
    origin: str | None = None


def cite(article: Article | None, sentence: Sentence) -> Source:
    """The citation of one sentence, carrying its article's URL, publisher, date and title."""
    return Source(
        article_id=sentence.article_id,
        sentence_index=sentence.index,
        text=sentence.text,
        url=article.url if article else None,
        publisher=article.publisher if article else None,
        date=article.date if article else None,
        title=article.title if article else None,
        origin=article_origin(article),
    )


def article_origin(article: Article | None) -> str | None:
    """The raw document's location, for a citation of an article that has no URL."""
    if article is None or article.url or not article.source:
        return None
    return article.source


@dataclass(frozen=True)
class TimelineEntry:
    date: str  # ISO yyyy-mm-dd
    text: str
    citations: tuple[Source, ...] = ()
    date_end: str | None = None
    story_id: str | None = None


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    key_actors: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    thread_id: str | None = None


@dataclass(frozen=True)
class Thread:
    """A chain of stories about the same recurring subject, e.g. successive Putin visits to China."""

    id: str
    title: str
    story_ids: tuple[str, ...]


# --------------------------------------------------------------------------------------- brief


@dataclass(frozen=True)
class BriefItem:
    """One sentence of a brief; ``citations`` index into ``Brief.sources`` (1-based, as printed)."""

    text: str
    citations: tuple[int, ...]
    group: str | None = None  # theme for Key aspects, actor for Reactions


@dataclass(frozen=True)
class Section:
    name: str  # Summary | Background | Key aspects | Reactions | What comes next
    items: tuple[BriefItem, ...]


@dataclass(frozen=True)
class KeyPlayer:
    name: str
    country: str | None
    sector: str | None
    role: str | None
    mentions: int
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class Brief:
    story_id: str
    title: str
    sections: tuple[Section, ...]
    key_players: tuple[KeyPlayer, ...]
    timeline: tuple[TimelineEntry, ...]
    sources: tuple[Source, ...]  # citation [n] is sources[n - 1]
    generated_at: str | None = None


# ------------------------------------------------------------------------------- serialisation


#: Values :func:`to_dict` returns as they are (checked by exact type: the common case, first).
_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A record type's field names, or None for a type that is not a dataclass.

    ``dataclasses.fields`` and ``is_dataclass`` on every value were most of the cost of
    serialising an analysis (thousands of nested records per article, once per stored article)."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def to_dict(record: Any) -> Any:
    """Serialise a record (or nested records, tuples, dicts) to plain JSON-able values."""
    cls = type(record)
    if cls in _PLAIN:
        return record
    if cls is tuple or cls is list:
        return [x if type(x) in _PLAIN else to_dict(x) for x in record]
    names = _field_names(cls)
    if names is not None:
        out = {}
        for name in names:
            value = getattr(record, name)
            out[name] = value if type(value) in _PLAIN else to_dict(value)
        if cls is RawDocument:
            out["content"] = record.content.decode("utf-8", errors="replace")
        return out
    if isinstance(record, (tuple, list)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output (unknown keys are ignored)."""
    return _converter(cls)(data)


@functools.cache
def _hints(tp: type) -> dict[str, Any]:
    """A record type's resolved field types: resolving them on every call was 85 % of from_dict."""
    return typing.get_type_hints(tp)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(tp: Any) -> typing.Callable[[Any], Any]:
    """The function that rebuilds a value of type ``tp``, made once per type.

    Inspecting the type (origin, union members, dataclass fields) for every value was most of the
    cost of reading an analysis back; the decisions depend on the type only, so they are taken
    here once and the returned function only converts. ``None`` stays ``None`` at every level."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0]) if len(args) == 1 else _same
    if dataclasses.is_dataclass(tp):
        return _record_converter(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        inner = _converter(args[0] if args else Any)
        if inner is _same:
            return lambda value: None if value is None else tuple(value)
        return lambda value: None if value is None else tuple(inner(v) for v in value)
    if origin is dict:
        return lambda value: None if value is None else dict(value)
    if tp is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return _same


def _record_converter(tp: type) -> typing.Callable[[Any], Any]:
    hints = _hints(tp)
    fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(tp)]
    plain = [name for name, conv in fields if conv is _same]
    nested = [(name, conv) for name, conv in fields if conv is not _same]
    encode = tp is RawDocument

    def convert(value: Any) -> Any:
        if value is None:
            return None
        kwargs = {name: value[name] for name in plain if name in value}
        for name, conv in nested:
            if name in value:
                kwargs[name] = conv(value[name])
        if encode and isinstance(kwargs.get("content"), str):
            kwargs["content"] = kwargs["content"].encode("utf-8")
        return tp(**kwargs)

    return convert
