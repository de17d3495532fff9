"""A first event coder: lexicon triggers plus dependency rules for who did what to whom.

One sentence in, PLOVER events out, most salient first. The trigger lexicon (``lexicon.py``)
proposes event types; the parse decides actors (subject side), recipients (object and
prepositional side) and whether the event happened at all — scheduled, hypothetical, negated,
or only background ("against the backdrop of Western sanctions" is context, not a new sanction).
A learned classifier can later replace :func:`find_triggers` and keep the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from spacy.tokens import Span, Token

from newsdesk.analyze.classify import EventModels, sentence_features, with_penta
from newsdesk.analyze.dates import parse_iso
from newsdesk.analyze.lexicon import (
    ABSORBING,
    CAMEO_ROOTS,
    INTENT_GOVERNORS,
    LIGHT_VERBS,
    NOUNS,
    OBJECT_OVERRIDES,
    PHRASAL,
    PLOVER_ROOT,
    PROTEST_STRIKE,
    ROOT_TO_PLOVER,
    VERBS,
    Trigger,
)
from newsdesk.analyze.roles import SpanRoles
from newsdesk.model import Actor, DateMention, Event, Mention

#: With no rule trigger, fall back on the CAMEO verb dictionary (+0.02–0.03 type accuracy, CV).
LEXICON_FALLBACK = True

#: Nouns that report a happening on their own ("his visit", "the talks"); other trigger nouns
#: ("sanctions", "cooperation") describe a state and count only under an event verb.
EVENTIVE_NOUNS = {
    "visit", "trip", "tour", "talk", "meeting", "summit", "negotiation", "consultation", "call",
    "strike", "airstrike", "attack", "offensive", "invasion", "bombing", "shelling", "clash", "raid",
    "arrest", "crackdown", "protest", "demonstration", "rally", "exercise", "drill", "deployment",
    "expulsion", "withdrawal", "ceasefire", "truce", "agreement", "deal", "treaty", "pact", "memorandum",
}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_RECIPIENT_PREPS = {"to", "with", "against", "on", "at", "toward", "towards", "into", "for", "from"}
_LOCATION_PREPS = {"in", "at"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_HYPO_AUX = {"could", "might", "may", "would", "should", "must", "can"}
_FUTURE_GOVERNORS = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "aim", "hope",
                     "want", "propose", "seek", "consider", "slate", "go"}
_NEG_GOVERNORS = {"refuse", "decline", "fail", "reject", "deny", "avoid", "cancel", "postpone"}
_FUTURE_MODIFIERS = {"upcoming", "planned", "scheduled", "forthcoming", "proposed", "expected", "future",
                     "next", "impending", "possible", "potential", "prospective"}
_BACKGROUND_WORDS = {"backdrop", "amid", "amidst", "despite", "following", "after", "since", "given",
                     "light", "wake", "context", "history", "years", "decades", "ongoing", "existing",
                     "previous", "earlier", "past", "former", "longstanding", "long-standing"}
_PRONOUNS = {"he", "she", "him", "her", "his"}
_CLAUSE_PRONOUNS = {"it", "they", "we", "its", "their"}
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "conj", "cc", "punct"}


@dataclass
class _Candidate:
    token: Token  # trigger head
    trigger: Trigger
    text: str
    clause: Token  # the verb whose subject/tense decides actor and flags
    noun: bool


ResolveFn = Callable[[str, str | None], Actor | None]


def find_triggers(sent: Span) -> list[_Candidate]:
    """Trigger candidates of one sentence: verbs, phrasal verbs, and event nouns."""
    out: list[_Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            cand = _verb_trigger(tok, lemma)
            if cand:
                out.append(cand)
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in NOUNS:
            cand = _noun_trigger(tok, lemma)
            if cand:
                out.append(cand)
    return out


def _verb_trigger(tok: Token, lemma: str) -> _Candidate | None:
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj") and f"{lemma} {child.lower_}" in PHRASAL:
            return _Candidate(tok, PHRASAL[f"{lemma} {child.lower_}"], f"{tok.text} {child.text}", tok, False)
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            obj = child.lemma_.lower()
            if (lemma, obj) in OBJECT_OVERRIDES:
                return _Candidate(tok, OBJECT_OVERRIDES[(lemma, obj)], f"{tok.text} {child.text}", tok, False)
    trig = VERBS.get(lemma)
    return _Candidate(tok, trig, tok.text, tok, False) if trig else None


def _noun_trigger(tok: Token, lemma: str) -> _Candidate | None:
    cand = _plain_noun_trigger(tok, lemma)
    if cand is not None and lemma == "strike" and _labour_strike(tok):
        cand.trigger = Trigger("PROTEST", "14", "strike")
    return cand


def _labour_strike(tok: Token) -> bool:
    """ "a general strike", "went on strike": a labour protest, not an air strike."""
    if any(c.lower_ in PROTEST_STRIKE for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "on" and not any(c.dep_ == "det" for c in tok.children)


def _intent(cand: _Candidate) -> Trigger:
    """PLOVER codes a promised act as AGREE and a threatened one as THREATEN ("said they will release")."""
    trig, verb = cand.trigger, cand.clause
    if cand.noun or trig.plover in ("AGREE", "SUPPORT", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
        return trig
    modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "'d") for c in verb.children)
    governors = {g.lemma_.lower() for g in _governors(verb)}
    offered = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_GOVERNORS
    if not offered and not (modal and governors & INTENT_GOVERNORS):
        return trig
    return Trigger("AGREE", "03") if CAMEO_ROOTS[trig.cameo][0] <= 2 else Trigger("THREATEN", "13")


def _plain_noun_trigger(tok: Token, lemma: str) -> _Candidate | None:
    head = tok.head
    governed = tok.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and head.pos_ in ("VERB", "ADP")
    verb = head if head.pos_ == "VERB" else (head.head if head.pos_ == "ADP" and head.head.pos_ == "VERB" else None)
    if verb is not None and governed:
        vl = verb.lemma_.lower()
        if vl in ABSORBING and (vl in VERBS or any(k[0] == vl for k in OBJECT_OVERRIDES)):
            return None  # "imposed sanctions": the verb's event already covers the noun
        if vl in LIGHT_VERBS:
            return _Candidate(tok, NOUNS[lemma], f"{verb.text} {tok.text}", verb, False)
    if lemma not in EVENTIVE_NOUNS:
        return None
    clause = tok
    while clause.pos_ != "VERB" and clause.head.i != clause.i:
        clause = clause.head
    return _Candidate(tok, NOUNS[lemma], tok.text, clause, True)


class _Sentence:
    """Token → actor lookups for one sentence."""

    def __init__(self, sent: Span, mentions: dict[int, Mention], resolve: ResolveFn,
                 agents: dict[str, str], last_person: Actor | None) -> None:
        self.sent = sent
        self.mentions = mentions
        self.resolve = resolve
        self.agents = agents
        self.last_person = last_person

    def actors_of(self, tok: Token) -> list[Actor]:
        """Actors named by the noun phrase headed by ``tok`` (and its conjuncts)."""
        found: list[Actor] = []
        for t in (tok, *tok.conjuncts):
            actor = self._actor_of(t) or self._in_subtree(t)
            if actor is not None and actor not in found:
                found.append(actor)
        return found

    def _in_subtree(self, tok: Token) -> Actor | None:
        """The first resolved mention inside the phrase ("supporters of former President X", "its
        military sweep of Panama"), not crossing into a clause of its own."""
        stack = [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS]
        order: list[Token] = []
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(c for c in node.children if c.dep_ not in _CLAUSE_DEPS)
        for node in sorted(order, key=lambda t: t.i):
            mention = self.mentions.get(node.i)
            if mention is not None and mention.actor is not None:
                return mention.actor
        return None

    def _actor_of(self, tok: Token) -> Actor | None:
        mention = self.mentions.get(tok.i)
        if mention is not None and mention.actor is not None:
            return mention.actor
        if tok.lower_ in _PRONOUNS:
            return self.last_person
        modifier = self._modifier_actor(tok)
        sector = self.agents.get(tok.lemma_.lower()) or self.agents.get(tok.lower_)
        if modifier is not None and sector:
            name = " ".join(t.text for t in tok.subtree if t.i <= tok.i and t.dep_ != "det")
            return Actor(name.replace(" ’s", "’s").replace(" 's", "'s"), modifier.country, sector)
        return modifier

    def _modifier_actor(self, tok: Token) -> Actor | None:
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                mention = self.mentions.get(child.i)
                if mention is not None and mention.actor is not None:
                    return mention.actor
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        mention = self.mentions.get(pobj.i)
                        if mention is not None and mention.actor is not None:
                            return mention.actor
        return None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb``, climbing xcomp/conj chains ("agreed to cooperate"); (token, passive)."""
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in _SUBJ and not (child.lower_ in _CLAUSE_PRONOUNS and cur.dep_ == "ccomp"):
                return child, child.dep_ == "nsubjpass"
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return None, False


def _governors(tok: Token) -> list[Token]:
    out, cur = [], tok
    for _ in range(4):
        if cur.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "acl", "relcl"):
            break
        cur = cur.head
        out.append(cur)
    return out


@dataclass
class _Flags:
    future: bool = False
    hypothetical: bool = False
    negated: bool = False
    historical: bool = False


def _flags(cand: _Candidate, article_date: str | None, dates: list[DateMention]) -> _Flags:
    flags = _Flags()
    verb = cand.clause
    scope = [verb, *_governors(verb)]
    for v in scope:
        for child in v.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass"):
                flags.future |= low in _FUTURE_AUX
                flags.hypothetical |= low in _HYPO_AUX
            if child.dep_ == "neg" or (child.dep_ == "det" and low == "no"):
                flags.negated |= v is verb or v.lemma_.lower() not in VERBS
            if child.dep_ == "mark" and low in ("if", "unless", "whether"):
                flags.hypothetical = True
        lemma = v.lemma_.lower()
        if v is not verb:
            flags.future |= lemma in _FUTURE_GOVERNORS
            flags.negated |= lemma in _NEG_GOVERNORS
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and any(
        c.dep_ in _SUBJ for c in verb.children
    ):
        flags.future = True  # "Putin is to visit"
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if "had" in aux and verb.tag_ == "VBN":
        flags.historical = True
    if any(a in ("has", "have") for a in aux) and any(t.lower_ in ("since", "long", "repeatedly") for t in verb.subtree):
        flags.historical = True
    if cand.noun:
        _noun_flags(cand.token, flags)
    _date_flags(cand, article_date, dates, flags)
    return flags


def _noun_flags(noun: Token, flags: _Flags) -> None:
    for child in noun.children:
        low = child.lower_
        if low in _FUTURE_MODIFIERS or (child.dep_ == "acl" and child.lemma_.lower() in _FUTURE_GOVERNORS):
            flags.future = True
        is_plan = child.lemma_.lower() in _FUTURE_GOVERNORS
        if low in _BACKGROUND_WORDS or (child.dep_ == "acl" and child.tag_ == "VBN" and not is_plan):
            flags.historical = True
        if child.dep_ == "det" and low == "no":
            flags.negated = True
    for anc in noun.ancestors:
        if anc.pos_ == "VERB":
            break
        if anc.lower_ in _BACKGROUND_WORDS:
            flags.historical = True


def _date_flags(cand: _Candidate, article_date: str | None, dates: list[DateMention], flags: _Flags) -> None:
    ref = parse_iso(article_date)
    if ref is None:
        return
    for mention in dates:
        end = parse_iso(mention.date_end or mention.date)
        start = parse_iso(mention.date)
        old = end is not None and end < ref - timedelta(days=45) and not flags.future
        if old and (mention.granularity in ("year", "month") or "since" in cand.token.sent.text.lower()):
            flags.historical = True
        if start is not None and start > ref and not flags.historical:
            flags.future = True


def _event_date(dates: list[DateMention], article_date: str | None) -> tuple[str | None, str | None]:
    if not dates:
        return (article_date[:10] if article_date else None), None
    best = min(dates, key=lambda d: {"day": 0, "week": 1, "month": 2, "year": 3}.get(d.granularity, 4))
    return best.date, best.date_end


def _recipients(cand: _Candidate, sent: _Sentence, actors: list[Actor], passive_subj: Token | None) -> list[Actor]:
    heads: list[Token] = []
    if passive_subj is not None:
        heads.append(passive_subj)
    nodes = [cand.token, cand.clause]
    if not cand.noun:
        nodes += [c for c in cand.token.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("dobj", "dative", "iobj", "attr") and not cand.noun:
                heads.append(child)
                heads.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ in _RECIPIENT_PREPS
                             for g in p.children if g.dep_ == "pobj")
            if child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS:
                heads.extend(g for g in child.children if g.dep_ == "pobj")
    out: list[Actor] = []
    for head in heads:
        for actor in sent.actors_of(head):
            if actor not in actors and actor not in out:
                out.append(actor)
    return out


def _actors(cand: _Candidate, sent: _Sentence) -> tuple[list[Actor], Token | None]:
    """(actors, passive subject token). Noun triggers take possessors/modifiers, else the clause subject."""
    if cand.noun:
        own = sent._modifier_actor(cand.token)
        for child in cand.token.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                pobjs = [g for g in child.children if g.dep_ == "pobj"]
                return [a for p in pobjs for a in sent.actors_of(p)], None
        if own is not None:
            return [own], None
        if cand.token.dep_ not in ("nsubj", "dobj", "attr", "pobj"):
            return [], None
    subj, passive = _subject(cand.clause)
    if subj is None:
        return [], None
    if passive:
        agents = [g for c in cand.clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return [a for g in agents for a in sent.actors_of(g)], subj
    if cand.noun and subj.i == cand.token.i:
        return [], None
    return sent.actors_of(subj), None


def _salience(cand: _Candidate, flags: _Flags, actors: list[Actor], recipients: list[Actor]) -> float:
    score = 1.0
    if not cand.noun:
        score += 1.0 if cand.clause.dep_ == "ROOT" else 0.5
    score += 0.6 if actors else 0.0
    score += 0.3 if recipients else 0.0
    score -= 1.2 if flags.historical else 0.0
    score -= 0.5 if flags.hypothetical else 0.0
    score -= 0.3 if flags.negated else 0.0
    return score


def candidate_types(cands: list[_Candidate]) -> list[tuple[str, str, bool]]:
    """(PLOVER type, trigger lemma, in the root clause) per candidate: what the type model sees."""
    return [(c.trigger.plover, c.token.lemma_.lower(), c.clause.dep_ == "ROOT") for c in cands]


def type_probs(sent: Span, cands: list[_Candidate], models: EventModels | None) -> dict[str, float]:
    if models is None or models.type_model is None:
        return {}
    feats = with_penta(sentence_features(sent, candidate_types(cands), models.lexicon), sent.text, models.penta)
    return models.type_model.proba(feats)


def code_span(sent: Span, mentions: dict[int, Mention], dates: list[DateMention], *, resolve: ResolveFn,
              agents: dict[str, str], article_id: str = "", sentence_index: int = 0,
              article_date: str | None = None, last_person: Actor | None = None,
              models: EventModels | None = None) -> list[Event]:
    """Events of one parsed sentence, most salient first."""
    ctx = _Sentence(sent, mentions, resolve, agents, last_person)
    roles = SpanRoles(sent, mentions, agents, models.spans if models is not None else None)
    cands = find_triggers(sent)
    for cand in cands:
        cand.trigger = _intent(cand)
    probs = type_probs(sent, cands, models)
    cands = cands or _lexicon_trigger(sent, models)
    scored: list[tuple[float, Event]] = []
    for cand in cands:
        actors, passive_subj = _actors(cand, ctx)
        recipients = _recipients(cand, ctx, actors, passive_subj)
        flags = _flags(cand, article_date, dates)
        salience = _salience(cand, flags, actors, recipients) + 3.0 * probs.get(cand.trigger.plover, 0.0)
        actors, recipients = roles.fill(actors, recipients, cand.token.i)  # after ranking: spans fill, not rank
        event = _event(cand, _refined(cand, models), actors, recipients, flags, dates, article_date, ctx)
        event = replace(event, article_id=article_id, sentence_index=sentence_index,
                        confidence=round(min(1.0, 0.4 + 0.15 * salience), 2))
        scored.append((salience - 0.01 * cand.token.i / 100, event))
    scored.sort(key=lambda pair: -pair[0])
    out = _dedup([e for _, e in scored])
    return _apply_model(out, probs, sent, ctx, dates, article_date, article_id, sentence_index, roles)


def _lexicon_trigger(sent: Span, models: EventModels | None) -> list[_Candidate]:
    """No rule trigger: the CAMEO verb dictionary's (coarse) root of the main verb; 01 is no event."""
    if not LEXICON_FALLBACK or models is None:
        return []
    for tok in sorted((t for t in sent if t.pos_ == "VERB"), key=lambda t: (t.dep_ != "ROOT", t.i)):
        objs = [c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "prep", "xcomp", "prt")]
        root = models.lexicon.root_of(tok.lemma_.lower(), objs)
        if root and root != "01" and root in ROOT_TO_PLOVER:
            return [_Candidate(tok, Trigger(ROOT_TO_PLOVER[root], root), tok.text, tok, False)]
    return []


def _dedup(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    seen: set[tuple[str, tuple[Actor, ...], tuple[Actor, ...]]] = set()
    for event in events:
        key = (event.plover, event.actors, event.recipients)
        if key not in seen:  # the same event named twice ("his visit … will meet"): keep the stronger
            seen.add(key)
            out.append(event)
    return out


def _refined(cand: _Candidate, models: EventModels | None) -> Trigger:
    """The CAMEO verb dictionary's root when it agrees with the rule's PLOVER type (02 vs 10, 18 vs 19)."""
    trig = cand.trigger
    if models is None or cand.noun:
        return trig
    objs = [c.lemma_.lower() for c in cand.token.children if c.dep_ in ("dobj", "prep", "xcomp")]
    root = models.lexicon.root_of(cand.token.lemma_.lower(), objs)
    if root and root != trig.cameo and ROOT_TO_PLOVER.get(root) == trig.plover:
        return Trigger(trig.plover, root, trig.mode)
    return trig


def _event(cand: _Candidate, trig: Trigger, actors: list[Actor], recipients: list[Actor], flags: _Flags,
           dates: list[DateMention], article_date: str | None, ctx: _Sentence) -> Event:
    quad, score = CAMEO_ROOTS[trig.cameo]
    date, date_end = _event_date(dates, article_date)
    return Event(
        article_id="", sentence_index=0, plover=trig.plover, cameo=trig.cameo, quad=quad, score=score,
        mode=trig.mode, actors=tuple(actors), recipients=tuple(recipients), date=date, date_end=date_end,
        negated=flags.negated, hypothetical=flags.hypothetical, future=flags.future,
        historical=flags.historical, trigger=cand.text, location=_location(cand, ctx),
    )


#: How sure the type model must be, and by how much it must beat the rules' pick, to overrule them.
MODEL_MIN_P = 0.45
MODEL_MARGIN = 0.25


def _apply_model(events: list[Event], probs: dict[str, float], sent: Span, ctx: _Sentence,
                 dates: list[DateMention], article_date: str | None, article_id: str,
                 sentence_index: int, roles: SpanRoles) -> list[Event]:
    """Let a confident type model promote another candidate, relabel the top one, or add a missed one."""
    if not probs:
        return events
    best = max(probs, key=probs.__getitem__)
    if best == "NONE" or probs[best] < MODEL_MIN_P:
        return events
    if events and events[0].plover == best:
        return events
    if events and probs[best] - probs.get(events[0].plover, 0.0) < MODEL_MARGIN:
        return events
    top_conf = max((e.confidence for e in events), default=0.0)
    for i, event in enumerate(events):
        if event.plover == best and not event.historical:
            return [replace(event, confidence=top_conf), *events[:i], *events[i + 1:]]
    root = PLOVER_ROOT[best]
    quad, score = CAMEO_ROOTS[root]
    if events:
        top = replace(events[0], plover=best, cameo=root, quad=quad, score=score, mode=None,
                      confidence=top_conf)
        return [top, *events[1:]]
    verb = sent.root
    cand = _Candidate(verb, Trigger(best, root), verb.text, verb, False)
    actors, passive_subj = _actors(cand, ctx)
    recipients = _recipients(cand, ctx, actors, passive_subj)
    actors, recipients = roles.fill(actors, recipients, cand.token.i)
    event = _event(cand, cand.trigger, actors, recipients, _flags(cand, article_date, dates), dates,
                   article_date, ctx)
    return [replace(event, article_id=article_id, sentence_index=sentence_index, confidence=round(probs[best], 2))]


def _location(cand: _Candidate, sent: _Sentence) -> str | None:
    """Where it happened: the first place named after "in"/"at" on the trigger or its clause."""
    for node in (cand.token, cand.clause):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATION_PREPS:
                for pobj in child.children:
                    mention = sent.mentions.get(pobj.i)
                    if pobj.dep_ == "pobj" and mention is not None and mention.label in ("GPE", "LOC", "FAC"):
                        return mention.text
    return None
