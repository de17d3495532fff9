"""Entity mentions: spaCy's named entities plus dictionary aliases and titles the model misses.

The small English model does not tag "the Kremlin", "the Chinese premier" or "NATO chief" as
entities reliably, yet those are how news names actors, so a phrase matcher over the actor
dictionary fills the gaps and longer spans win over shorter ones. The dictionary's ≈ 40,000
aliases are matched by :class:`TokenPhrases` (tokenized once, then cached between processes) rather
than a ``PhraseMatcher``, whose build tokenized them all at every start-up.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newsdesk.analyze.actors import ActorDictionary
from newsdesk.analyze.phrases import TokenPhrases
from newsdesk.model import Mention

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
#: Words before a surname that make it a person's name ("President Mugabe", "Mr. Menem").
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "gen", "general", "col", "colonel", "marshal", "sheikh", "prince",
              "princess", "queen", "sultan", "senator", "sen", "governor", "gov", "ambassador", "envoy",
              "minister", "secretary", "spokesman", "dictator", "archbishop", "bishop", "admiral", "judge",
              "justice", "commander", "rep", "former", "late", "ousted", "deposed", "exiled"}
#: Capitalised words that may touch a GeoNames town without joining its name ("Gorazde Friday").
CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
            "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

#: Capitalised words that may stand right before a body's name without making another name: a time
#: that opens a sentence ("Today Congress votes"), and "International", which international bodies'
#: names carry or drop ("the International Red Cross" is the Red Cross).
BODY_NEIGHBOURS = {"today", "yesterday", "tonight", "tomorrow", "international"}


class MentionFinder:
    """Finds and resolves the actor mentions of a parsed document."""

    def __init__(self, nlp: Language, actors: ActorDictionary) -> None:
        self.actors = actors
        surfaces = sorted(set(actors.surfaces()))
        self.aliases = TokenPhrases.of_texts(
            nlp, surfaces + [s.lower() for s in surfaces if " " in s and s[0].isupper()])
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles.add("TITLE", [nlp.make_doc(t) for t in actors.title_surfaces()])
        self.title_words = HONORIFICS | {t.split()[-1] for t in actors.title_surfaces()}

    def spans(self, doc: Doc) -> list[tuple[Span, str]]:
        """Candidate (span, label) pairs, overlaps resolved longest first."""
        return [(span, label) for span, label, _ in self._spans(doc)]

    def _spans(self, doc: Doc) -> list[tuple[Span, str, bool]]:
        """:meth:`spans`, each with whether it is a body's name that ends another name (see
        :meth:`_ends_other_name`)."""
        cands: list[tuple[Span, str, bool]] = [(e, e.label_, False) for e in doc.ents if e.label_ in ENTITY_LABELS]
        matches = [doc[start:end] for start, end in self.aliases(doc)]
        titles = self.titles(doc)
        known = [False] * len(doc)  # tokens inside some dictionary alias or title phrase
        for start, end in [(s.start, s.end) for s in matches] + [(m[1], m[2]) for m in titles]:
            known[start:end] = [True] * (end - start)
        for span in matches:
            if self.actors.town(span.text) and not _stands_alone(span):
                continue  # "Jessie Buckley", "Athletic Bilbao": a town's name inside another name
            other = self.actors.body(span.text) and self._ends_other_name(span, known)
            cands.append((span, _label_of(span) or self.actors.entity_label(span.text) or "ORG", other))
        for _, start, end in titles:
            if start > 0 and self.actors.country_code(doc[start - 1].text):
                cands.append((doc[start - 1:end], "TITLE", False))
        cands.sort(key=lambda c: (-(c[0].end - c[0].start), c[0].start))
        taken = [False] * len(doc)
        kept: list[tuple[Span, str, bool]] = []
        for span, label, other in cands:
            if any(taken[span.start:span.end]):
                continue
            for i in range(span.start, span.end):
                taken[i] = True
            kept.append((span, label, other))
        kept.sort(key=lambda c: c[0].start)
        return kept

    def mentions(self, doc: Doc, sentences: list[Span], article_id: str, date: str | None) -> list[Mention]:
        starts = [s.start for s in sentences]  # in order and disjoint: a binary search finds the sentence
        out: list[Mention] = []
        named: set[str] = set()  # people already named in full in this document
        titled: set[int] = set()  # mentions (by position in ``out``) that follow a title
        for span, label, other in self._spans(doc):
            index = bisect_right(starts, span.start) - 1
            if index < 0 or span.start >= sentences[index].end:
                continue
            text = span.text
            if label == "TITLE" and _past_holder(span):
                actor = self.actors.office(text)  # not today's holder: the date cannot say which
            else:
                actor = self.actors.resolve(text, None if label == "TITLE" else label, date)
            if label != "TITLE" and self.actors.named_alone(text):
                if actor is None or (actor.name not in named and not self._titled(span)):
                    continue  # out of the person's era, or a bare surname nothing marks as a name
            elif actor is not None and label == "PERSON":
                named.add(actor.name)
            if actor is not None and _shouted(span) and self.actors.needs_evidence(text) == "acronym":
                actor = None  # "WHO IS BIG WALL DECOR?": a heading in capitals, not an acronym
            weak = None
            if actor is not None and other:
                actor, weak = None, actor  # "Mobile World Congress": a fair, not the US Congress
            elif actor is not None and label != "TITLE" and self._titled(span):
                titled.add(len(out))  # "President Castro": the title is the evidence
            elif actor is not None and self.actors.surname(text) and self._part_of_name(span):
                actor, weak = None, actor  # "Steve Castro", "Burton D", "Greene-Lewis": someone else's name
            out.append(Mention(article_id, index, span.start_char, span.end_char, text,
                               "PERSON" if label == "TITLE" else label, actor, weak=weak))
        return self._backed(out, titled, date)

    def _backed(self, mentions: list[Mention], titled: frozenset[int] | set[int] = frozenset(),
                date: str | None = None) -> list[Mention]:
        """Mentions, with the actor taken from a weak name that its document does not back up.

        An acronym or a derived armed group's name (:meth:`ActorDictionary.needs_evidence`) is
        often something else: "IRA" an individual retirement account, "GCC" a compiler, "Black
        Friday" a sale. So is a person's surname or a minor figure's full name
        (:meth:`ActorDictionary.weak_person`): "Connolly" a hockey player, "Patrick Simmons" a
        guitarist. Unless it follows a title (``titled``), such a name keeps its actor when the
        document also names the actor in full (or by office) or names its home state; a surname far
        from its holder's time in office (:meth:`ActorDictionary.near_office` on ``date``) only
        when the document names them in full: "Starmer" after "Keir Starmer" in 2019. An
        international body's acronym (no home state: "GCC", "UN") may instead stand among states:
        a state named in its sentence, or two states named in the document. A company does not
        name its home state ("Google" on a page about "NIST/CIS" audits is no sign of the
        Commonwealth of Independent States). The mention stays, unresolved; the actor moves to
        ``weak``, which only the span tagger reads.
        """
        kinds = [self._weak(m.text, date) if m.actor is not None and i not in titled else None
                 for i, m in enumerate(mentions)]
        if not any(kinds):
            return mentions
        strong = [(m, m.actor) for m, kind in zip(mentions, kinds, strict=True) if m.actor and not kind]
        names = {a.name for _, a in strong}
        placed = [(m, a) for m, a in strong if self.actors.is_state(a.country) and a.sector != "BUS"]
        states = {a.country for _, a in placed}
        with_state = {m.sentence_index for m, _ in placed}
        out = []
        for m, kind in zip(mentions, kinds, strict=True):
            actor = m.actor
            if kind and actor is not None and actor.name not in names:
                if kind == "era":
                    backed = False
                elif self.actors.is_state(actor.country):
                    backed = actor.country in states
                else:
                    backed = kind == "acronym" and (m.sentence_index in with_state or len(states) >= 2)
                if not backed:
                    m = replace(m, actor=None, weak=actor)
            out.append(m)
        return out

    def _weak(self, text: str, date: str | None) -> str | None:
        """The kind of weak name ``text`` is (an organisation's or a person's), or None: "era" for a
        surname far from its holder's time in office (:meth:`ActorDictionary.near_office`)."""
        if self.actors.surname(text) and not self.actors.near_office(text, date):
            return "era"
        return self.actors.needs_evidence(text) or self.actors.weak_person(text)

    def _ends_other_name(self, span: Span, known: list[bool]) -> bool:
        """Whether a body's name ends a longer capitalised name ("Mobile World Congress", "Old
        Pentagon Diner"): a capitalised word just before it that no alias or title covers and that
        is no title, honorific, day or month. Countries, demonyms, places and titles may stand there
        ("US Congress", "Kenyan Parliament", "New York Senate", "Prime Minister"), and so may a
        sentence's first word, which is capitalised anyway ("Key Security Council powers …")."""
        doc = span.doc
        i = span.start - 1
        while i >= 0 and doc[i].text[:1].isupper() and not doc[i].is_stop:
            word = doc[i].lower_.rstrip(".")
            if not known[i] and word not in self.title_words and word not in CALENDAR and word not in BODY_NEIGHBOURS \
                    and not _opens_sentence(doc, i):
                return True
            i -= 1
        return False

    def _part_of_name(self, span: Span) -> bool:
        """Whether a surname is part of someone else's name: a first name or an initial before it
        ("Steve Castro", "Victor N. Burton"), initials after it as in a citation ("Burton D", "Castro
        VM"), or a hyphen joining it to another name ("Greene-Lewis", "Bairey-Merz")."""
        doc = span.doc
        before = doc[span.start - 1] if span.start else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.text[:1].isupper() and not before.is_stop \
                and before.lower_.rstrip(".") not in self.title_words and before.lower_ not in CALENDAR:
            return True
        if after is not None and 1 <= len(after.text.rstrip(".")) <= 3 and after.text.rstrip(".").isupper():
            return True
        joined = [t for t in (before, after) if t is not None and t.text in ("-", "\u2010")
                  and not t.whitespace_ and (t.i < span.start or not span[-1].whitespace_)]
        return any(0 < t.i < len(doc) - 1 and doc[t.i + (1 if t.i >= span.end else -1)].text[:1].isupper()
                   for t in joined)

    def _titled(self, span: Span) -> bool:
        """Whether a surname follows a title ("President Mugabe", "Sudan's Bashir" is not enough).

        A surname alone is a person's name in news only after their full name or behind a title:
        unqualified, "Meta", "Nano" or "Busch" are far more often a company, a word or a namesake.
        """
        if span.start == 0:
            return False
        before = span.doc[span.start - 1]
        return before.lower_.rstrip(".") in self.title_words


#: Words before a title that point to an earlier holder than the one in office on the article's date.
PAST_HOLDER = {"former", "late", "then", "ex", "previous", "erstwhile"}


def _past_holder(span: Span) -> bool:
    """Whether the title is qualified as someone's past office ("the former Dutch prime minister")."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.text in ("-", "\u2010") and span.start > 1:  # "ex-" and "then-" split off their hyphen
        before = span.doc[span.start - 2]
    return before.lower_ in PAST_HOLDER


def _shouted(span: Span) -> bool:
    """Whether a word next to ``span`` is also written in capitals (a heading or a shouted line):
    a function word ("WHO IS") or a longer word ("WHO SHOULD JOIN"), not another acronym ("EU AI Act"),
    nor a one-letter word, which is written in capitals at the start of any sentence ("A UN envoy")."""
    doc = span.doc
    near = ([doc[span.start - 1]] if span.start else []) + ([doc[span.end]] if span.end < len(doc) else [])
    return any(t.text.isalpha() and t.text.isupper() and (t.is_stop and len(t.text) > 1 or len(t.text) > 3)
               for t in near)


#: Tokens after which a word is capitalised because it opens a sentence, a line or a quote.
_OPENERS = {".", "!", "?", ":", ";", "\"", "\u201c", "(", "-", "\u2013", "\u2014", "\u2022", "*"}


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the first word of a sentence, a line or a quote."""
    if i == 0:
        return True
    before = doc[i - 1]
    return before.is_space or before.text in _OPENERS


def _stands_alone(span: Span) -> bool:
    """Whether no other capitalised word touches ``span`` (function and calendar words may: "In
    Tuzla", "Gorazde Friday"). A GeoNames town's name next to one is mostly part of a person's, a
    club's or another place's name ("Jessie Buckley", "Athletic Bilbao", "Wichita Heights")."""
    doc = span.doc
    near = ([doc[span.start - 1]] if span.start else []) + ([doc[span.end]] if span.end < len(doc) else [])
    return not any(t.text[:1].isupper() and not t.is_stop and t.lower_ not in CALENDAR for t in near)


def _label_of(span: Span) -> str | None:
    """The NER label of a dictionary span, when the statistical recogniser ran and agrees."""
    labels = {t.ent_type_ for t in span if t.ent_type_}
    return labels.pop() if len(labels) == 1 else None


def token_index(doc: Doc, mentions: list[Mention], offset: int = 0) -> dict[int, Mention]:
    """Token index → mention covering it (mentions are character spans into the text that ``doc``
    starts ``offset`` characters into: the article, or one of its sentences parsed alone)."""
    out: dict[int, Mention] = {}
    for mention in mentions:
        span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out[tok.i] = mention
    return out
