"""Actors from tagged source/target spans, and generic groups placed by the nearest country.

The dependency rules miss an actor when the parse attaches it oddly or names it by a phrase
("a car bomb", "dozens of demonstrators in Yerevan"); the span tagger (``spantag.py``) reads
source and target phrases off the word sequence instead. A phrase becomes an actor through the
first resolved mention inside it, else through a group noun from the agents table ("troops",
"protesters") placed in the country named nearest to it in the sentence — news rarely repeats
the nationality of the police in a sentence that already says where it happened.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.analyze.lexicon import ATTACK_MEANS
from newsdesk.analyze.spantag import SpanTagger, sentence_toks, spans
from newsdesk.model import Actor, Mention

#: Countries further than this many tokens from a group noun are not its country.
MAX_DISTANCE = 12
#: Sectors not placed by proximity: insurgents named next to a country usually fight its state.
STATELESS = {"REB"}
#: Switches for the fallbacks of :meth:`SpanRoles.fill` (benchmarks turn them off to compare).
SPAN_FILL = True
PLACE_FALLBACK = True


def nearest_country(sent: Span, mentions: dict[int, Mention], index: int) -> Actor | None:
    """The resolved state actor mentioned closest to token ``index`` (ties: the earlier one)."""
    best: tuple[int, int] | None = None
    found: Actor | None = None
    for tok in sent:
        mention = mentions.get(tok.i)
        actor = mention.actor if mention is not None else None
        if actor is None or not actor.country or len(actor.country) != 3 or actor.sector in ("IGO", "NGO"):
            continue
        key = (abs(tok.i - index), tok.i)
        if key[0] <= MAX_DISTANCE and (best is None or key < best):
            best, found = key, actor
    return found


def group_actor(tok: Token, sent: Span, mentions: dict[int, Mention], agents: dict[str, str]) -> Actor | None:
    """ "protesters" → the nearest country's protesters with the agents table's sector."""
    sector = agents.get(tok.lemma_.lower()) or agents.get(tok.lower_)
    if not sector or sector in STATELESS:
        return None
    near = nearest_country(sent, mentions, tok.i)
    if near is None:
        return None
    return Actor(f"{near.country} {tok.text}", near.country, sector)


#: Verbs that attribute a report ("…, police said", "Thai sources reported"): the places named
#: there are where the news came from, not where the act landed.
ATTRIBUTION = {"say", "tell", "report", "quote", "announce", "add", "state", "claim", "confirm", "write",
               "accord", "cite", "according"}


def clause_scope(clause: Token) -> set[int]:
    """Token indices of the trigger's clause without its attribution ("…, officials in Nairobi
    said", "according to the Swiss agency"): the span a fallback recipient may come from."""
    drop: set[int] = set()
    for child in clause.children:
        attributing = child.lemma_.lower() in ATTRIBUTION and child.dep_ in ("ccomp", "parataxis", "advcl", "prep")
        if attributing:
            drop.update(t.i for t in child.subtree)
    return {t.i for t in clause.subtree} - drop


def place_recipient(sent: Span, mentions: dict[int, Mention], after: int, actors: list[Actor],
                    scope: set[int] | None = None) -> list[Actor]:
    """The first state named after the trigger other than the actors' own ("sent personnel to
    Bosnia", "aid to refugees in Liberia"): with no explicit target, PLOVER codes the state where
    an act lands as its recipient. ``scope`` keeps it to the trigger's clause. A city or province
    of the actor's own state counts ("Sudan lifted the emergency in West Darfur": a domestic act,
    coded Sudan → Sudan); the state's own name does not."""
    own = {a.country for a in actors}
    for tok in sent:
        mention = mentions.get(tok.i)
        actor = mention.actor if mention is not None else None
        if tok.i <= after or actor is None or mention.label not in ("GPE", "LOC", "NORP"):
            continue
        if (scope is not None and tok.i not in scope) or _on_border(tok):
            continue
        if _means_owner(tok, mentions):
            continue
        domestic = mention.label != "NORP" and mention.text.removeprefix("the ") != actor.name
        if actor.country and len(actor.country) == 3 and (actor.country not in own or domestic):
            return [actor, *_coordinated(tok, mentions, [actor, *actors])]
    return []


#: Place nouns a demonym can qualify without naming where an act lands: a border has two sides.
BORDER_NOUNS = {"border", "frontier", "borders", "boundary"}


def _on_border(tok: Token) -> bool:
    """ "a stronghold on the Thai border", "camps near the Thai border": the state is a landmark."""
    head = tok
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
        if head.lower_ in BORDER_NOUNS:
            return True
    return False


def _means_owner(tok: Token, mentions: dict[int, Mention]) -> bool:
    """ "a Russian missile", "Israeli tank shelling": the state owns the weapon, it is not where
    the act lands."""
    head = mention_head(tok, mentions)
    while head.dep_ in ("amod", "compound", "nmod") and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in ATTACK_MEANS:
            return True
    return False


def mention_head(tok: Token, mentions: dict[int, Mention]) -> Token:
    """The syntactic head of the mention ``tok`` starts ("United" → "States")."""
    mention = mentions.get(tok.i)
    while tok.dep_ in ("compound", "flat", "amod") and mentions.get(tok.head.i) is mention and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _coordinated(tok: Token, mentions: dict[int, Mention], known: list[Actor]) -> list[Actor]:
    """States coordinated with the found place ("against the United States and Britain",
    "between the Emirates and Saudi Arabia"): a list of targets is a list of recipients."""
    out: list[Actor] = []
    for conj in mention_head(tok, mentions).conjuncts:
        mention = mentions.get(conj.i)
        actor = mention.actor if mention is not None else None
        if actor is not None and actor.country and len(actor.country) == 3 and actor not in known and actor not in out:
            out.append(actor)
    return out


def protest_recipient(sent: Span, mentions: dict[int, Mention], actors: list[Actor],
                      scope: set[int] | None, after: int) -> list[Actor]:
    """A protest with no target named is a protest against the authorities of the state where it
    happens ("thousands demonstrated in Kirkuk"), else of the protesters' own state: the PLOVER
    GSR annotators code those as domestic (actor's state → the same state)."""
    for tok in sent:
        mention = mentions.get(tok.i)
        actor = mention.actor if mention is not None else None
        if actor is None or mention.label not in ("GPE", "LOC") or (scope is not None and tok.i not in scope):
            continue
        if tok.i > after and actor.country and len(actor.country) == 3 and actor.sector not in ("IGO", "NGO"):
            return [Actor(actor.name, actor.country, "GOV")]
    own = next((a for a in actors if a.country and len(a.country) == 3 and a.sector not in ("IGO", "NGO")), None)
    return [Actor(own.country, own.country, "GOV")] if own is not None else []


class SpanRoles:
    """Source and target actors of one sentence from the span tagger, tagged once on demand."""

    def __init__(self, sent: Span, mentions: dict[int, Mention], agents: dict[str, str],
                 tagger: SpanTagger | None) -> None:
        self.sent = sent
        self.mentions = mentions
        self.agents = agents
        self.tagger = tagger
        self._roles: tuple[list[Actor], list[Actor]] | None = None

    def fill(self, actors: list[Actor], recipients: list[Actor], trigger: int,
             clause: Token | None = None, directed: bool = True) -> tuple[list[Actor], list[Actor]]:
        """Where the parse found no recipient: the place in the trigger's ``clause``, then the
        tagged target; no actor: the tagged source. (Measured on PLOVER GSR half A; the order
        matters: the place is chosen against the parsed actors only.) An act on oneself
        (``directed=False``: resigning) takes no recipient from the fallbacks."""
        if not directed:
            return actors if actors or not SPAN_FILL else self.sources(), recipients
        if PLACE_FALLBACK and not recipients:
            scope = clause_scope(clause) if clause is not None else None
            recipients = place_recipient(self.sent, self.mentions, trigger, actors, scope)
        if SPAN_FILL and not recipients:
            recipients = [a for a in self.targets() if a not in actors]
        if SPAN_FILL and not actors:
            actors = [a for a in self.sources() if a not in recipients]
        return actors, recipients

    def protested(self, actors: list[Actor], trigger: int, clause: Token | None) -> list[Actor]:
        """Whom an untargeted protest is against (see :func:`protest_recipient`)."""
        scope = clause_scope(clause) if clause is not None else None
        return protest_recipient(self.sent, self.mentions, actors, scope, trigger)

    def sources(self) -> list[Actor]:
        return self._get()[0]

    def targets(self) -> list[Actor]:
        return self._get()[1]

    def _get(self) -> tuple[list[Actor], list[Actor]]:
        if self._roles is None:
            self._roles = self._tag() if self.tagger is not None and self._names_an_actor() else ([], [])
        return self._roles

    def _names_an_actor(self) -> bool:
        """Whether a mention of the sentence has an actor. Without one no tagged span can give an
        actor (:meth:`_span_actor` reads only the sentence's mentions: its own, the nearest state
        of a group noun, the state a participle places the phrase in, a border's state), so the
        roles are empty whatever the tags: the tagger, its features and its decoding (a few
        per cent of a worker's CPU) are skipped, with the same result."""
        start, end = self.sent.start, self.sent.end
        return any(m.actor is not None for i, m in self.mentions.items() if start <= i < end)

    def _tag(self) -> tuple[list[Actor], list[Actor]]:
        tags = self.tagger.tag(sentence_toks(self.sent, self.mentions, self.agents))  # type: ignore[union-attr]
        src: list[Actor] = []
        tgt: list[Actor] = []
        reciprocal = 0
        for kind, start, end in spans(tags):
            actor = self._span_actor(start, end)
            if actor is None:
                continue
            if kind == "R":
                reciprocal += 1
            side = src if kind == "S" or (kind == "R" and reciprocal == 1) else tgt
            if actor not in side:
                side.append(actor)
        return src, [a for a in tgt if a not in src]

    def _span_actor(self, start: int, end: int) -> Actor | None:
        """The first resolved mention inside the span, else its first placed group noun. A state
        named as a border's side ("camps near the eastern Thai border") is a landmark there as in
        :func:`place_recipient`: a span that is only a border names the phrase it locates, if any."""
        toks = self.sent[start:end]
        landmark = False
        for tok in toks:
            mention = self.mentions.get(tok.i)
            if mention is not None and mention.actor is not None:
                if not _on_border(tok):
                    return mention.actor
                landmark = True
        for tok in toks:
            actor = group_actor(tok, self.sent, self.mentions, self.agents)
            if actor is not None:
                return actor
        return self._based_in(toks) or (self._enclosing(toks) if landmark else None)

    def _based_in(self, toks: Span) -> Actor | None:
        """A phrase that names no actor but a participle placing it ("a terror group based in
        Trinidad", "a report released in the Rwandan capital"): the state it is based in or comes
        from. Only a participle on the phrase's own head, and only "in"/"from": a bare "analysts
        in Washington" or "talks in the Kazakh capital" says where, not whose."""
        head = toks.root
        if head.dep_ == "ROOT":  # a misparse: the span's head is the clause's verb
            return None
        for part in head.children:
            if part.dep_ != "acl" or part.tag_ != "VBN":
                continue
            for prep in part.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "from"):
                    continue
                for obj in prep.children:
                    for tok in obj.subtree:
                        mention = self.mentions.get(tok.i)
                        actor = mention.actor if mention is not None else None
                        if actor is not None and actor.country and len(actor.country) == 3:
                            return actor
        return None

    def _enclosing(self, toks: Span) -> Actor | None:
        """A border span that is the landmark of a larger phrase ("fire against Kampuchean guerrilla
        camps near [the Thai border]"): the state named in the noun phrase it locates, before that
        noun (the ConfliBERT span file annotates the whole phrase as the target)."""
        head = toks.root
        prep = head.head
        noun = prep.head
        if head.dep_ != "pobj" or prep.dep_ != "prep" or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ == "ROOT":
            return None
        for tok in self.sent.doc[noun.left_edge.i:noun.i]:
            mention = self.mentions.get(tok.i)
            actor = mention.actor if mention is not None else None
            if actor is not None and actor.country and len(actor.country) == 3 and not _on_border(tok):
                return actor
        return None


# ------------------------------------------------------------------------- one-state sentences

#: Object dependencies whose phrase names a party of the act.
_PARTY_DEPS = {"dobj", "dative", "iobj", "nsubjpass"}
#: Prepositions inside an object phrase that name the party behind it ("demands from the rebels").
_BEHIND_PREPS = {"from", "by", "of"}
#: Clauses under a trigger that carry its act ("opened fire to disperse demonstrators").
_CARRYING = {"xcomp", "advcl", "ccomp"}
#: Prepositions whose object is a party to the act ("demands from", "fire on"), not a time or place.
_PARTY_PREPS = {"to", "with", "against", "on", "toward", "towards", "into", "for", "from", "between", "by"}
_NOT_PARTIES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


def sentence_states(sent: Span, mentions: dict[int, Mention]) -> set[str]:
    """Every state the sentence names, by any mention (place, people, organisation, person)."""
    out: set[str] = set()
    for tok in sent:
        mention = mentions.get(tok.i)
        actor = mention.actor if mention is not None else None
        if actor is not None and actor.country and len(actor.country) == 3 and actor.sector not in ("IGO", "NGO"):
            out.add(actor.country)
    return out


def _unnamed(tok: Token, mentions: dict[int, Mention], agents: dict[str, str], crowds: set[str],
             names: bool = True) -> bool:
    """A party named without a state: a group noun ("demonstrators", "rebels") or, with ``names``,
    a person or body the dictionary does not know ("the opposition newspaper La Prensa",
    "candidate Alassane Ouattara")."""
    mention = mentions.get(tok.i)
    if mention is not None and mention.actor is not None:
        return False
    lemma = tok.lemma_.lower()
    if lemma in agents or tok.lower_ in agents or lemma in crowds:
        return True
    return names and tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_PARTIES and tok.text[:1].isupper()


def unnamed_party(nodes: list[Token], mentions: dict[int, Mention], agents: dict[str, str],
                  crowds: set[str]) -> bool:
    """Whether the act at ``nodes`` (trigger and clause verb) is done to a party the sentence does
    not place: its object, the object's source ("an appeal from President Gbagbo"), the object of
    a clause carrying the act, or the subject of a demanded act."""
    objects: list[Token] = []
    frontier = list(dict.fromkeys(nodes))
    frontier += [c for n in nodes for c in n.children if c.dep_ in _CARRYING and c.pos_ in ("VERB", "AUX")]
    for node in frontier:
        for child in node.children:
            if child.dep_ in _PARTY_DEPS or (child.dep_ == "nsubj" and node.dep_ == "ccomp"):
                objects.append(child)
            elif child.dep_ == "prep" and child.lower_ in _PARTY_PREPS:
                objects.extend(g for g in child.children if g.dep_ == "pobj")
    behind = [g for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ in _BEHIND_PREPS
              for g in p.children if g.dep_ == "pobj"]
    parts = [t for o in (*objects, *behind) for t in (o, *(c for c in o.children if c.dep_ in ("compound", "appos")))]
    return any(_unnamed(t, mentions, agents, crowds) for t in parts)


def domestic_roles(sent: Span, mentions: dict[int, Mention], actors: list[Actor], recipients: list[Actor],
                   party: bool, subject: Token | None, agents: dict[str, str], crowds: set[str],
                   protest: bool = False) -> tuple[list[Actor], list[Actor]]:
    """Complete a one-state sentence as a domestic act (the PLOVER GSR and CAMEO convention: an
    unnamed party in a sentence about one state belongs to that state). The government that
    "ordered the opposition newspaper to suspend publication" acts on its own state; "Ibo elders
    demanded that the Nigerian Interior Ministry …" are Nigerians. Only when every state the
    sentence names is that one state: with two states named, an unnamed party may be either's.
    An unknown named doer is placed only when it protests: a person the dictionary does not
    know who criticises or appeals to a state is as often a foreigner ("Archbishop Tutu called
    for sanctions against Nigeria")."""
    states = sentence_states(sent, mentions)
    if len(states) != 1:
        return actors, recipients
    state = next(iter(states))
    if actors and not recipients and party and all(a.country == state for a in actors):
        return actors, [Actor(state, state, "GOV")]
    if recipients and not actors and subject is not None and all(r.country == state for r in recipients) \
            and _unnamed(subject, mentions, agents, crowds, names=protest):
        return [Actor(f"{state} {subject.text}", state, agents.get(subject.lemma_.lower()))], recipients
    return actors, recipients
