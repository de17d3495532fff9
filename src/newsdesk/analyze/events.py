"""A first event coder: lexicon triggers plus dependency rules for who did what to whom.

One sentence in, PLOVER events out, most salient first. The trigger lexicon (``lexicon.py``)
proposes event types; the parse decides actors (subject side), recipients (object and
prepositional side) and whether the event happened at all — scheduled, hypothetical, negated,
or only background ("against the backdrop of Western sanctions" is context, not a new sanction).
A learned classifier can later replace :func:`find_triggers` and keep the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from newsdesk.analyze.classify import EventModels, sentence_features, with_penta
from newsdesk.analyze.codebook import ACCUSE, INTEND, SAY, Codebook, compose
from newsdesk.analyze.dates import parse_iso
from newsdesk.analyze.eventdates import attached, clause_rank, event_date, foreign, in_relative, is_main
from newsdesk.analyze.lexicon import (
    ABSORBING,
    ADOPTED_TEXTS,
    ADOPTING,
    ADOPTION,
    ATTACK_MEANS,
    CAMEO_ROOTS,
    CROWD_ACTS,
    CROWD_NOUNS,
    INTENT_GOVERNORS,
    LIGHT_VERBS,
    NOUNS,
    OBJECT_OVERRIDES,
    PHRASAL,
    PLOVER_ROOT,
    PROTEST_STRIKE,
    RECEIVING,
    ROOT_TO_PLOVER,
    VERBS,
    Trigger,
)
from newsdesk.analyze.roles import BORDER_NOUNS, SpanRoles, domestic_roles, unnamed_party
from newsdesk.model import Actor, DateMention, Event, Mention

#: With no rule trigger, fall back on the CAMEO verb dictionary (+0.02–0.03 type accuracy, CV).
LEXICON_FALLBACK = True

#: Nouns that report a happening on their own ("his visit", "the talks"); other trigger nouns
#: ("sanctions", "cooperation") describe a state and count only under an event verb.
EVENTIVE_NOUNS = {
    "visit", "trip", "tour", "talk", "meeting", "summit", "negotiation", "consultation", "call",
    "strike", "airstrike", "attack", "offensive", "invasion", "bombing", "shelling", "clash", "raid", "torture",
    "arrest", "crackdown", "protest", "demonstration", "rally", "riot", "exercise", "drill", "deployment",
    "expulsion", "withdrawal", "ceasefire", "truce", "agreement", "deal", "treaty", "pact", "memorandum",
}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_RECIPIENT_PREPS = {"to", "with", "against", "on", "at", "toward", "towards", "into", "for", "from", "between"}
#: Nouns that make a "with" phrase a helper, not a party: "tighten the blockade with Albania's help".
_HELPER_NOUNS = {"help", "support", "assistance", "backing", "cooperation", "participation", "approval",
                 "consent", "aid", "blessing"}
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
#: Title words of a state's representative at an international body ("UN ambassador X").
_STATE_ENVOYS = {"ambassador", "envoy", "representative", "delegate", "delegation", "mission", "permanent"}
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "conj", "cc", "punct"}


@dataclass
class _Candidate:
    token: Token  # trigger head
    trigger: Trigger
    text: str
    clause: Token  # the verb whose subject/tense decides actor and flags
    noun: bool
    addressee: Token | None = None  # who is told to act ("X said Y must …": Y), a recipient first
    received: bool = False  # "X received assurances from Y": Y acts, X is the recipient
    act: Trigger | None = None  # the trigger before its modality was read (``resolve_intent``)


ResolveFn = Callable[[str, str | None], Actor | None]


def find_triggers(sent: Span) -> list[_Candidate]:
    """Trigger candidates of one sentence: verbs, phrasal verbs, and event nouns."""
    out: list[_Candidate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "game" and any(c.dep_ == "compound" and c.lower_ == "war" for c in tok.children):
            lemma = "exercise"  # "war games" are military exercises
        if tok.pos_ == "VERB" and not _qualifier(tok):
            cand = _verb_trigger(tok, lemma)
            if cand:
                out.append(cand)
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in NOUNS and not _in_name(tok):
            cand = _noun_trigger(tok, lemma)
            if cand:
                out.append(cand)
    return _without_means([c for c in out if not _condition(c.clause)])


def _condition(verb: Token) -> bool:
    """ "will boycott the elections unless the president agrees to step down": the act in an if /
    unless clause is the condition of a threat or a promise, not an event of the sentence."""
    cur = verb
    for _ in range(3):
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


#: Verbs that only bring about another act: "summoned the ambassador to complain", "sent
#: personnel to investigate", "return to Geneva for talks".
_MEANS_VERBS = {"send", "dispatch", "summon"}
_MOTION = {"return", "go", "travel", "arrive", "come", "head", "fly"}


def _without_means(cands: list[_Candidate]) -> list[_Candidate]:
    """Drop a verb candidate whose act is only the means of another candidate of the sentence.

    The PLOVER manual codes the content: summoning an ambassador to present grievances is ACCUSE,
    not CONSULT; an investigation is ACCUSE whoever is sent to carry it out; a trip made "for
    talks" is the talks. A statement verb "concluded that …" is not concluding an agreement.
    """
    by_token = {c.token.i: c for c in cands}
    drop = {c.token.i for c in cands if not c.noun and c.token.pos_ == "VERB" and _means_only(c.token, by_token)}
    return [c for c in cands if c.token.i not in drop] if drop else cands


def _means_only(verb: Token, by_token: dict[int, _Candidate]) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in _MEANS_VERBS:  # "sent a team to investigate"
        return any(c.dep_ in ("xcomp", "advcl") and c.i in by_token and by_token[c.i].trigger.plover == "ACCUSE"
                   for c in verb.children)
    if lemma in _MOTION:  # "return to Geneva for talks"
        return any(p.dep_ == "prep" and p.lower_ == "for" and g.i in by_token
                   for p in verb.children for g in p.children)
    if lemma == "conclude":  # "concluded that …"
        return any(c.dep_ == "ccomp" for c in verb.children) and not any(c.dep_ == "dobj" for c in verb.children)
    return False


def _in_name(tok: Token) -> bool:
    """ "the Ceasefire Violations Committee", "Peace Agreement Commission": a word inside a proper
    name names the body, not an event."""
    return tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.text[:1].isupper()


def _qualifier(tok: Token) -> bool:
    """ "Syrian-backed militia", "UN-brokered deal", "the alleged violations", "the besieged town": a
    participle that modifies a noun describes it; it is not an act the sentence reports. "The
    wounded", "the detained": a participle standing for people is no act either."""
    return tok.dep_ == "amod" or (tok.tag_ == "VBN" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"))


def _verb_trigger(tok: Token, lemma: str) -> _Candidate | None:
    lemma = _unprefixed(lemma)
    crowd_act = CROWD_ACTS.get(lemma)
    if crowd_act is not None and _crowd_subject(tok):
        return _Candidate(tok, crowd_act, tok.text, tok, False)
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "dobj") and f"{lemma} {child.lower_}" in PHRASAL:
            return _Candidate(tok, PHRASAL[f"{lemma} {child.lower_}"], f"{tok.text} {child.text}", tok, False)
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            # "violated the ceasefire agreement", "halt mediation efforts": the compound names the object;
            # "handed over 700 kg of medicine": a measure names it through "of"
            for obj in (child, *(c for c in child.children if c.dep_ == "compound"), *_measured(child)):
                key = (lemma, obj.lemma_.lower())
                if key in OBJECT_OVERRIDES:
                    return _Candidate(tok, OBJECT_OVERRIDES[key], f"{tok.text} {child.text}", tok, False)
    adopted = _adopted_text(tok) if lemma in ADOPTING else None
    if adopted is not None:
        return _Candidate(tok, ADOPTION, f"{tok.text} {adopted.text}", tok, False)
    if _receives_event(tok, lemma):
        return None  # "received assurances from …": the noun is the event (``_plain_noun_trigger``)
    if lemma in _ARRIVING:
        troops = _troop_arrival(tok)
        if troops is not None:
            return _Candidate(tok, troops, tok.text, tok, False)
    trig = VERBS.get(lemma)
    return _Candidate(tok, trig, tok.text, tok, False) if trig else None


def _adopted_text(verb: Token) -> Token | None:
    """The text a verb of adopting makes its doers' own: the object of "adopted a joint declaration",
    the subject of "a resolution was passed" (see :data:`ADOPTED_TEXTS`)."""
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ADOPTED_TEXTS),
                None)


#: Nouns of quantity whose "of" phrase is the real object ("700 kg of medicine", "tons of aid").
_MEASURES = {"ton", "tonne", "kg", "kilogram", "pound", "lot", "amount", "load", "batch", "shipment",
             "consignment", "quantity", "package", "cargo", "convoy", "truckload", "planeload", "sack", "bag"}


def _measured(noun: Token) -> list[Token]:
    if noun.lemma_.lower() not in _MEASURES:
        return []
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


_ARRIVING = {"arrive", "land", "reach"}
_FORCES = {"troop", "soldier", "force", "peacekeeper", "contingent", "unit", "battalion", "deployment",
           "marine", "paratrooper", "detachment", "brigade"}


def _troop_arrival(verb: Token) -> Trigger | None:
    """ "NATO peacekeeping troops arrived in Bosnia": forces arriving are no visit (CONSULT is for
    officials). Peacekeepers are military assistance to the host (AID, CAMEO 074); other forces
    arriving are a deployment (MOBILIZE)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    words = {t.lemma_.lower() for t in subj.subtree}
    if not words & _FORCES:
        return None
    if any(w.startswith("peacekeep") for w in words):
        return Trigger("AID", "07")
    return Trigger("MOBILIZE", "15", "troops")


def _receives_event(verb: Token, lemma: str) -> bool:
    return lemma in RECEIVING and any(c.dep_ == "dobj" and c.lemma_.lower() in NOUNS for c in verb.children)


#: "re" + a trigger lemma that is not a repetition of that act.
_NOT_REPEATS = {"recommend", "resettle", "refund", "relax"}


def _unprefixed(lemma: str) -> str:
    """ "reimposed", "re-arrested", "redeployed": a repeated act is coded as the act itself."""
    if lemma in VERBS or len(lemma) < 6 or not lemma.startswith("re") or lemma in _NOT_REPEATS:
        return lemma
    bare = lemma[3:] if lemma[2] == "-" else lemma[2:]
    return bare if bare in VERBS else lemma


def _crowd_subject(tok: Token) -> bool:
    """ "Demonstrators blocked a road", "the building was demolished by a protester": civilians
    obstructing passage or wrecking property protest (CAMEO 144, 145); the same verbs with forces
    or a government as the doer restrict movement or destroy property (CAMEO 191, 1712)."""
    doers = [c for c in tok.children if c.dep_ == "nsubj"]
    doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return any(d.lemma_.lower() in CROWD_NOUNS for d in doers)


def _noun_trigger(tok: Token, lemma: str) -> _Candidate | None:
    cand = _plain_noun_trigger(tok, lemma)
    if cand is not None and lemma == "strike" and _labour_strike(tok):
        cand.trigger = Trigger("PROTEST", "14", "strike")
    if cand is not None and lemma in _EXERCISES and _joint_exercise(tok, cand.clause):
        cand.trigger = Trigger("COOPERATE", "06")
    return cand


_EXERCISES = {"exercise", "drill", "maneuver", "manoeuvre"}
_JOINT_WORDS = {"joint", "combined", "bilateral", "multinational", "trilateral"}


def _joint_exercise(noun: Token, clause: Token) -> bool:
    """PLOVER: joint military exercises are COOPERATE, one country's are MOBILIZE. Joint when the
    noun says so ("joint drills", "exercises with Egypt") or its doers are coordinated ("French and
    Egyptian warships launched war games")."""
    if any(c.lower_ in _JOINT_WORDS for c in noun.children) or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
        return True
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause.pos_ == "VERB" else None
    return subj is not None and any(t.dep_ == "conj" for t in subj.subtree)


def _labour_strike(tok: Token) -> bool:
    """ "a general strike", "went on strike": a labour protest, not an air strike."""
    if any(c.lower_ in PROTEST_STRIKE for c in tok.children):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "on" and not any(c.dep_ == "det" for c in tok.children)


#: Auxiliaries of obligation: "Y must/should act", said by X, is X's demand on Y.
_OBLIGATION_AUX = {"must", "should"}
#: Types whose negation ("will not accept", "failed to reach agreement") is a refusal (CAMEO 12).
_REFUSABLE = {"AGREE", "SUPPORT", "AID", "COOPERATE", "CONCEDE", "CONSULT", "RETREAT"}
_CONDITIONAL_AUX = {"will", "would", "may", "might", "could", "shall", "'ll", "wo"}
#: Words whose complement clause is a demand even without "must" ("insisted that X leave").
_DEMAND_WORDS = {"demand", "insist", "urge", "ask", "request", "call", "press", "order", "require"}
#: Verbs of wanting: "X wants to attack" is an intent (threat or promise), "X wants Y to" an appeal.
_DESIRE = {"want", "wish"}


def resolve_intent(cands: list[_Candidate]) -> None:
    """Read each rule trigger in its clause's modality: promised, threatened, refused or demanded.

    CAMEO and PLOVER code what an actor says about an act, not the act: "X will not accept Y" is
    a rejection, "X said Y must withdraw" a demand of X on Y, "X will withdraw unless Y …" a
    threat, "X wants Y to attack" an appeal of X to Y. Demands and appeals re-anchor the
    candidate: the actor is the speaker (subject of the governing verb) and the recipient the
    one told to act.
    """
    for cand in cands:
        cand.act = cand.act or cand.trigger
        if cand.noun:
            cand.trigger = _intent(cand)
            continue
        wished = _wished_on(cand.clause)
        demand = _demand(cand)
        alleged = _alleged(cand)
        if alleged is not None:
            cand.clause, cand.addressee = alleged
            cand.trigger = Trigger("ACCUSE", "11", "allege")
        elif wished is not None:
            cand.clause, cand.addressee = wished
            cand.trigger = Trigger("REQUEST", "02")  # an appeal: "X wants Y to …"
        elif demand is not None:
            cand.clause, cand.addressee = demand
            cand.trigger = Trigger("REQUEST", "10")
        elif cand.trigger.plover in _REFUSABLE and _refused(cand.clause):
            cand.trigger = Trigger("REJECT", "12")
        elif cand.trigger.plover not in ("THREATEN", "REQUEST", "REJECT") and _conditional(cand.clause, cand.trigger):
            cand.trigger = Trigger("THREATEN", "13")
        else:
            cand.trigger = _intent(cand)
        if cand.trigger.plover == "ASSAULT" and _readied(cand.clause):
            cand.trigger = Trigger("MOBILIZE", "15", "troops")


#: "prepared to resume shelling", "poised to attack": readiness for force, short of its use.
_READYING = {"prepare", "ready", "poise", "gear", "mass"}


def _readied(verb: Token) -> bool:
    """MOBILIZE covers military moves short of force (the PLOVER manual): an attack the actor is
    preparing is a show of readiness, not an assault."""
    cur = verb
    for _ in range(3):
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _READYING:
            return True
    return False


def _demand(cand: _Candidate) -> tuple[Token, Token] | None:
    """(governing verb, addressee) when the trigger sits in an obligation clause reported by
    someone else: "China must drop barriers", declared by the administration."""
    cur, obliged = cand.clause, False
    for _ in range(4):
        obliged |= any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_AUX for c in cur.children)
        if cur.dep_ in ("ccomp", "acl"):
            gov = cur.head
            obliged |= gov.lemma_.lower() in _DEMAND_WORDS  # "demanded that Israel ease …"
            # "reiterated its demand that Israel ease …", the clause parsed onto the verb
            obliged |= any(c.dep_ == "dobj" and c.lemma_.lower() in _DEMAND_WORDS for c in gov.children)
            if gov.pos_ in ("NOUN", "PROPN") and gov.dep_ in ("dobj", "attr") and gov.head.pos_ == "VERB":
                gov = gov.head  # "reiterated its demand that …": the speaker is the verb's subject
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            ok = obliged and subj is not None and gov.pos_ in ("VERB", "AUX")
            return (gov, subj) if ok else None
        purpose = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if (cur.dep_ not in ("xcomp", "conj", "acomp") and not purpose) or cur.head.i == cur.i:
            return None  # a purpose clause shares the obligation: "must ensure security to allow …"
        cur = cur.head
    return None


#: Verbs that report a claim; "say" and "state" only with a past perfect ("said Iraq had attacked").
_CLAIM_VERBS = {"claim", "allege", "charge", "insist", "assert", "contend"}
_REPORT_VERBS = {"say", "state", "tell", "report"}


def _alleged(cand: _Candidate) -> tuple[Token, Token] | None:
    """(reporting verb, doer) when a state reports a hostile act of another as past fact: "The US
    claimed ISIL had attacked Iraq" is the US accusing ISIL (CAMEO 112), not a new attack."""
    verb = cand.clause
    if CAMEO_ROOTS[cand.trigger.cameo][0] != 4 or verb.dep_ != "ccomp" or verb.head.pos_ not in ("VERB", "AUX"):
        return None
    gov = verb.head
    perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    if not (gov.lemma_.lower() in _CLAIM_VERBS or (gov.lemma_.lower() in _REPORT_VERBS and perfect)):
        return None
    speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if speaker is None or doer is None or doer.lower_ in _CLAUSE_PRONOUNS | _PRONOUNS:
        return None
    if speaker.ent_type_ == "" and speaker.pos_ != "PROPN":
        return None  # "officials said rebels had attacked": a source reporting, not a state alleging
    return gov, doer


def _wished_on(verb: Token) -> tuple[Token, Token] | None:
    """ "wants Putin to attack": the wisher's governor and the one wished to act (an object or
    the clause's own subject, not the wisher)."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "ccomp") or head.lemma_.lower() not in _DESIRE:
        return None
    wisher = next((c for c in head.children if c.dep_ in _SUBJ), None)
    doer = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    doer = doer or next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
    if wisher is None or doer is None or doer.i == wisher.i:
        return None
    return head, doer


def _refused(verb: Token) -> bool:
    """ "will not accept", "failed to reach", "refused to meet": the act is declined."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    cur = verb
    for _ in range(3):
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _NEG_GOVERNORS and cur.lemma_.lower() not in ("cancel", "postpone"):
            return True
        if any(c.dep_ == "neg" for c in cur.children) and cur.lemma_.lower() in INTENT_GOVERNORS:
            return True
    return False


def _conditional(verb: Token, trig: Trigger) -> bool:
    """ "will boycott the elections unless …", "may halt mediation if …": a conditional threat.
    "unless" always threatens; "if" only with a hostile or withholding act."""
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in _CONDITIONAL_AUX for c in verb.children):
        return False
    for clause in verb.children:
        if clause.dep_ != "advcl":
            continue
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and (CAMEO_ROOTS[trig.cameo][0] >= 9 or trig.plover == "RETREAT")):
            return True
    return False


#: "plans to impose restrictions", "intends to visit": an announced intention, coded like a promise
#: or a threat (the PLOVER manual: future meetings and visits are AGREE).
_PLANS = {"plan", "intend"}


def _intent(cand: _Candidate) -> Trigger:
    """PLOVER codes a promised act as AGREE and a threatened one as THREATEN ("said they will release")."""
    trig, verb = cand.trigger, cand.clause
    if cand.noun or trig.plover in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
        return trig
    modal = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall", "'d") for c in verb.children)
    governors = {g.lemma_.lower() for g in _governors(verb)}
    governors |= {c.lemma_.lower() for c in verb.children if c.dep_ in ("parataxis", "ccomp") and c.i > verb.i}
    # "X will provide aid …, the WFP said": the parser often hangs the trailing attribution as a conjunct
    governors |= {c.lemma_.lower() for c in verb.children
                  if c.dep_ == "conj" and c.i > verb.i and c.lemma_.lower() in _REPORT_VERBS | {"announce", "add"}}
    offered = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT_GOVERNORS | _DESIRE | _PLANS
    if not offered and not (modal and governors & INTENT_GOVERNORS):
        return trig
    quad = CAMEO_ROOTS[trig.cameo][0]
    if quad == 3:  # "wants to re-examine", "plans to investigate": a verbal act stays itself
        return trig
    return Trigger("AGREE", "03") if quad <= 2 else Trigger("THREATEN", "13")


#: Nouns that carry the event of their compound: "a mediation effort", "an aid package".
_CARRIERS = {"effort", "mission", "bid", "initiative", "attempt", "process", "package", "shipment", "convoy",
             "programme", "program", "operation", "campaign"}


def _plain_noun_trigger(tok: Token, lemma: str) -> _Candidate | None:
    anchor = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in _CARRIERS else tok
    head = anchor.head
    governed = anchor.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and head.pos_ in ("VERB", "ADP")
    governed &= head.lower_ not in _BACKGROUND_WORDS  # "ordered patrols after protests": no object
    verb = head if head.pos_ == "VERB" else (head.head if head.pos_ == "ADP" and head.head.pos_ == "VERB" else None)
    if verb is not None and governed:
        vl = verb.lemma_.lower()
        if vl in ABSORBING and (vl in VERBS or any(k[0] == vl for k in OBJECT_OVERRIDES)):
            return None  # "imposed sanctions": the verb's event already covers the noun
        if (vl, lemma) in OBJECT_OVERRIDES:
            return None  # "ended mediation efforts": the verb's object entry is the event
        if vl in LIGHT_VERBS:
            return _Candidate(tok, NOUNS[lemma], f"{verb.text} {tok.text}", verb, False)
        if vl in RECEIVING and anchor.dep_ == "dobj":
            return _Candidate(tok, NOUNS[lemma], f"{verb.text} {tok.text}", verb, False, received=True)
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
        for t in (tok, *tok.conjuncts, *self._listed(tok)):
            actor = self._actor_of(t) or self._in_subtree(t)
            for one in ([actor, *self._shared_head(t, actor), *self._of_conjuncts(t)] if actor is not None else []):
                if one not in found:
                    found.append(one)
        return found

    def _of_conjuncts(self, tok: Token) -> list[Actor]:
        """ "scores of Sierra Leonean and Liberian refugees": each conjunct of an "of" phrase is a
        further party of the head noun, not only the first one named."""
        out: list[Actor] = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                for conj in pobj.conjuncts:
                    actor = self._actor_of(conj) or self._in_subtree(conj)
                    if actor is not None:
                        out.append(actor)
        return out

    def _listed(self, tok: Token) -> list[Token]:
        """ "The US, Russia, and Switzerland": a list of states the parser reads as an apposition
        with a conjunct; an apposition that is itself a place name (and its conjuncts) is a
        further member, unlike "the US, the world's largest economy"."""
        head = self.mentions.get(tok.i)
        if head is None or head.label != "GPE":
            return []
        out: list[Token] = []
        for child in tok.children:
            mention = self.mentions.get(child.i)
            if child.dep_ == "appos" and mention is not None and mention.label == "GPE" and mention is not head:
                out.extend((child, *child.conjuncts))
        return out

    def _shared_head(self, tok: Token, actor: Actor) -> list[Actor]:
        """ "Hungarian and Romanian officials", "French and Egyptian warships": coordinated
        modifiers share the head noun, so each names an actor of the head's kind."""
        out: list[Actor] = []
        for child in tok.children:
            if child.dep_ not in ("compound", "amod", "nmod", "poss", "npadvmod"):
                continue
            for conj in child.conjuncts:
                mention = self.mentions.get(conj.i)
                other = mention.actor if mention is not None else None
                if other is None or other.country == actor.country:
                    continue
                if actor.sector and other.country and len(other.country) == 3 and other.sector is None:
                    other = Actor(f"{conj.text} {tok.text}", other.country, actor.sector)
                out.append(other)
        return out

    def _in_subtree(self, tok: Token) -> Actor | None:
        """The first resolved mention inside the phrase ("supporters of former President X", "its
        military sweep of Panama"), not crossing into a clause of its own."""
        stack = [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS]
        order: list[Token] = []
        while stack:
            node = stack.pop()
            if node.lower_ in BORDER_NOUNS:  # "a camp on the Chinese border": a landmark, no party
                continue
            order.append(node)
            stack.extend(c for c in node.children if c.dep_ not in _CLAUSE_DEPS)
        for node in sorted(order, key=lambda t: t.i):
            mention = self.mentions.get(node.i)
            office = self._igo_office(node) if node.pos_ == "PROPN" and (mention is None or mention.actor is None) else None
            if office is not None:
                return office
            if mention is not None and mention.actor is not None:
                return mention.actor
        return None

    def _actor_of(self, tok: Token) -> Actor | None:
        actor = self._named_actor(tok)
        return self._host_state(tok, actor) if actor is not None else None

    def _host_state(self, tok: Token, actor: Actor) -> Actor:
        """ "ethnic Albanians in Serbia" are coded to Serbia: CAMEO and PLOVER place an ethnic
        group in the state it lives in (the other state the sentence names), not its kin state."""
        host = self._residence(tok, actor)
        if host is not None:
            return Actor(f"{tok.text} in {host.name}", host.country, actor.sector)
        words = [c.lower_ for t in (tok, *tok.children) for c in t.children]
        if "ethnic" not in words or not actor.country or len(actor.country) != 3:
            return actor
        for other in self.sent:
            mention = self.mentions.get(other.i)
            host = mention.actor if mention is not None else None
            if host is not None and host.country and len(host.country) == 3 and host.country != actor.country \
                    and host.sector not in ("IGO", "NGO") and mention.label in ("GPE", "LOC"):
                return Actor(f"{tok.text} in {host.name}", host.country, actor.sector)
        return actor

    def _residence(self, tok: Token, actor: Actor) -> Actor | None:
        """The state a people named by demonym lives in, when the phrase says so: "Bosnian Serbs"
        (a demonym qualifying a demonym), "the Albanians of southern Serbia" (of/in a place)."""
        mention = self.mentions.get(tok.i)
        if mention is None or mention.label != "NORP" or not actor.country or len(actor.country) != 3:
            return None
        places = [c for c in tok.children if c.dep_ in ("amod", "compound")]
        places += [g for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "in")
                   for g in p.children if g.dep_ == "pobj"]
        for place in places:
            other = self.mentions.get(place.i)
            state = other.actor if other is not None and other is not mention else None
            if state is not None and state.country and len(state.country) == 3 and state.sector not in ("IGO", "NGO") \
                    and state.country != actor.country and other.label in ("GPE", "LOC", "NORP"):
                return state
        return None

    def _named_actor(self, tok: Token) -> Actor | None:
        mention = self.mentions.get(tok.i)
        if tok.pos_ == "PROPN" and (mention is None or mention.label == "PERSON"):
            office = self._igo_office(tok)
            if office is not None:
                return office
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

    def _igo_office(self, tok: Token) -> Actor | None:
        """ "Kenzo Oshima, the United Nations Emergency Relief Coordinator", "U.N. mediator Diego
        Cordovez": a person acting in an international body's office acts for that body (CAMEO
        codes the office, IGO), whatever state the person comes from. A state's envoy to the body
        ("UN ambassador") still acts for the state."""
        titles = [c for c in tok.children if c.dep_ in ("appos", "compound")]
        words = {t.lower_ for c in titles for t in c.subtree}
        if words & _STATE_ENVOYS:
            return None
        for title in titles:
            for node in title.subtree:
                mention = self.mentions.get(node.i)
                if mention is not None and mention.actor is not None and mention.actor.sector == "IGO":
                    # a title resolved to today's office holder ("UN secretary-general") names the office
                    return mention.actor if mention.label != "PERSON" else Actor(tok.text, mention.actor.country, "IGO")
        return None

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
                # "Obama is scheduled to attend": passive governor, active attender
                return child, child.dep_ == "nsubjpass" and cur is verb and not _stative(cur)
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return _stranded_subject(cur), False


def _stranded_subject(verb: Token) -> Token | None:
    """The subject the parser attached to a fronted phrase: in "With the signing of the accord, the
    government and the rebels have agreed" it reads the subject as a further conjunct of "accord"
    and leaves the verb without one. A main verb with no subject whose words just
    before it (past its auxiliaries) are such a conjunct, set off by a comma, takes it back."""
    if verb.dep_ != "ROOT":
        return None
    start = min([verb.i, *(c.i for c in verb.children if c.i < verb.i and c.dep_ in ("aux", "auxpass", "neg"))])
    if start <= verb.sent.start:
        return None
    tok = verb.doc[start - 1]
    while tok.dep_ == "conj" and tok.head.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ != "conj" or tok.pos_ not in ("NOUN", "PROPN") or tok.left_edge.i <= verb.sent.start:
        return None
    return tok if verb.doc[tok.left_edge.i - 1].text == "," else None


#: Participles that state the subject's own stance ("Israel is opposed to …", "is committed to"):
#: the parser reads them as passives, but the subject holds the stance, nobody acts on it.
_STANCES = {"oppose", "commit", "determine", "dedicate", "resolve", "devote"}


def _stative(verb: Token) -> bool:
    return verb.lemma_.lower() in _STANCES and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


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


#: Time links that presuppose their event: "he would cut tariffs after meeting Xi" takes the meeting as
#: given, whatever the modal or negation of the clause it is hung on ("would not cut tariffs after
#: meeting Xi" still says they met). Not "before" or "until": "left before meeting Xi" says they did not.
_PRESUPPOSING = {"after", "following"}


def _presupposed_from(verb: Token, scope: Sequence[Token]) -> int:
    """Index in ``scope`` of the first governor beyond an "after …" link of ``verb``'s clause: the
    modals and negations from there on belong to the act the event is the time of, not to the event.
    ``len(scope)`` when the chain has no such link."""
    for k, tok in enumerate(scope):
        own_mark = any(c.dep_ == "mark" and c.lower_ in _PRESUPPOSING for c in tok.children)
        link = tok.dep_ == "prep" and tok.lower_ in _PRESUPPOSING and k > 0
        if link or (own_mark and tok.dep_ == "advcl"):
            return k + 1
    return len(scope)


def _flags(cand: _Candidate, article_date: str | None, dates: list[DateMention]) -> _Flags:
    flags = _Flags()
    verb = cand.clause
    scope = [verb, *_governors(verb)]
    given = _presupposed_from(verb, scope)
    for k, v in enumerate(scope):
        for child in v.children:
            low = child.lower_
            if child.dep_ in ("aux", "auxpass"):
                flags.future |= low in _FUTURE_AUX
                flags.hypothetical |= low in _HYPO_AUX and k < given
            if (child.dep_ == "neg" or (child.dep_ == "det" and low == "no")) and k < given:
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
    elif _describes_noun(verb):
        flags.historical = True  # "the sanctions imposed on Russia": what is already in force
    _date_flags(cand, article_date, dates, flags)
    return flags


def _describes_noun(verb: Token) -> bool:
    """A past participle that only qualifies a noun (a reduced relative clause, "the sanctions imposed on
    Russia") names a state of affairs the sentence takes as given: the same reading :func:`_noun_flags`
    gives the noun itself when it carries such a participle. A participle of planning ("the visit
    scheduled for May") is not background."""
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN")
            and verb.lemma_.lower() not in _FUTURE_GOVERNORS)


#: Verbs whose object event did not take place: "police prevented the demonstration".
_PREVENTING = {"prevent", "forbid", "thwart", "foil", "avert", "stop", "ban", "prohibit"}


def _noun_flags(noun: Token, flags: _Flags) -> None:
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _PREVENTING:
        flags.negated = True
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


#: "their first meeting since 2019", "the last time since May": the date is what the act is
#: compared with, neither when it happens nor a sign that the sentence is background.
_COMPARED_SINCE = re.compile(r"\b(?:first|last)\b(?:\W+\w+){0,6}?\W+since\s*$", re.I)


def _compared(mention: DateMention, sentence: str) -> bool:
    """Whether ``mention`` is the year or month after a "first … since" in ``sentence``."""
    text = mention.text.strip()
    bare = re.sub(r"^since\s+", "", text, flags=re.I)
    at = sentence.find(bare)
    return at > 0 and bool(_COMPARED_SINCE.search(sentence[:at]))


def _date_flags(cand: _Candidate, article_date: str | None, dates: list[DateMention], flags: _Flags) -> None:
    """Future and historical flags from the sentence's dates. A comparison ("first … since 2019")
    and a day that belongs to another noun or relative clause (:func:`foreign`: "guarantees were
    discussed in Anchorage, and Europe wants them at the centre of Monday's meeting") say nothing
    of when the event happens."""
    ref = parse_iso(article_date)
    if ref is None:
        return
    sentence = cand.token.sent.text
    others = foreign(cand.token, dates) if dates else []
    content = _content_dates(cand, dates, ref)
    for mention in dates:
        if _compared(mention, sentence) or mention in others:
            continue
        end = parse_iso(mention.date_end or mention.date)
        start = parse_iso(mention.date)
        old = end is not None and end < ref - timedelta(days=45) and not flags.future
        if old and (mention.granularity in ("year", "month") or "since" in cand.token.sent.text.lower()):
            flags.historical = True
        if start is not None and start > ref and not flags.historical and mention not in content:
            flags.future = True


def _content_dates(cand: _Candidate, dates: list[DateMention], ref: date) -> list[DateMention]:
    """The dates of what a done act made or set out, not of the act: "On Wednesday, leaders adopted
    a declaration committing aid over the next year" tells an adoption that happened on Wednesday;
    "the next year" is the span of the aid. A verb in the simple past whose own clause names a day
    not after the report has happened, so a later date outside its clause and the clauses it
    reports ("agreed on Monday to meet next year" keeps its plan) does not make it future. A clause
    with a relative subject ("adopted a charter on Wednesday that runs for the next year") is not
    one it reports, though the parser may hang it from the verb."""
    verb = cand.token
    if cand.noun or verb.tag_ != "VBD" or not any((parse_iso(m.date) or ref) > ref for m in dates):
        return []  # only a later date can make the act future: most sentences stop here
    own = attached(verb, dates)
    done = any(near[0] == 0 and m.granularity == "day" and (parse_iso(m.date) or ref) <= ref for near, m in own)
    if not done:
        return []
    kept = [m for near, m in own if near[0] == 0 or not in_relative(verb.sent, m, dates)]
    return [m for m in dates if m not in kept]


def _event_date(cand: _Candidate, dates: list[DateMention], article_date: str | None) -> tuple[str | None, str | None]:
    """The date of the event, a "first … since" comparison aside. A main-clause event takes the
    date phrase that hangs from its own clause (:mod:`newsdesk.analyze.eventdates`): it is what the
    sentence reports and dates it in the timeline. Any other event keeps the sentence's finest date,
    which the brief's outlook rules were settled with, leaving out a day that plainly belongs to
    another noun or a relative clause (:func:`newsdesk.analyze.eventdates.foreign`); with no other
    day it is undated."""
    sentence = cand.token.sent.text
    dates = [d for d in dates if not _compared(d, sentence)]
    if is_main(cand.token):
        return event_date(cand.token, dates, article_date)
    if not dates:
        return (article_date[:10] if article_date else None), None
    others = foreign(cand.token, dates)
    dates = [d for d in dates if d not in others]
    if not dates:
        return None, None  # every day the sentence names is another noun's or another clause's
    best = min(dates, key=lambda d: {"day": 0, "week": 1, "month": 2, "year": 3}.get(d.granularity, 4))
    return best.date, best.date_end


def _joint(actors: list[Actor]) -> set[str]:
    """The states of a joint act ("Israel and Lebanon renewed talks"), or an empty set: with two
    or more states acting together, PLOVER lists them all as actors and each is the other's
    counterpart, so no place or other fallback becomes a recipient."""
    states = {a.country for a in actors if a.country and len(a.country) == 3 and a.sector not in ("IGO", "NGO")}
    return states if len(states) >= 2 else set()


#: Modes of acts done to oneself ("resigned"): a place named nearby is not their recipient.
_SELF_MODES = {"resign"}
#: Types whose complement clause names the one addressed ("demanded that Hamas renounce …",
#: "warned that police will …"), not the targets of the complement's own act.
_ADDRESSING = {"REQUEST", "THREATEN", "ACCUSE", "REJECT"}
#: Verbs of letting: the one let (or not let) act is the party the decision is about ("refused to
#: allow UN planes to land", "decided to allow Ouattara to run"), not what that party then does.
_PERMITTING = {"allow", "permit", "let", "enable"}


def _permitted(node: Token) -> list[Token]:
    """The subject of a letting verb's complement ("allow United Nations planes to land": the
    planes), which the parser hangs on the complement, out of reach of the object rules."""
    if node.lemma_.lower() not in _PERMITTING:
        return []
    return [s for comp in node.children if comp.dep_ in ("ccomp", "xcomp")
            for s in comp.children if s.dep_ in ("nsubj", "nsubjpass")]


def _recipients(cand: _Candidate, sent: _Sentence, actors: list[Actor], passive_subj: Token | None) -> list[Actor]:
    if cand.addressee is not None:  # "X said Y must withdraw": the one told to act, not Y's objects
        return [a for a in sent.actors_of(cand.addressee) if a not in actors]
    heads: list[Token] = []
    if passive_subj is not None:
        heads.append(passive_subj)
    nodes = [cand.token, cand.clause]
    asking = cand.trigger.plover in _ADDRESSING  # "demanded the withdrawal … from Lebanon": the troops' side is asked
    if not cand.noun:
        for comp in cand.token.children:
            if comp.dep_ not in ("xcomp", "ccomp") or comp.pos_ != "VERB":
                continue
            subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if comp.dep_ == "ccomp" and subj is not None and cand.trigger.plover in _ADDRESSING:
                heads.append(subj)  # "demanded that the United States match …": the US is asked
            else:
                nodes.append(comp)
    for node in nodes:
        heads.extend(_permitted(node))
        for child in node.children:
            if child.dep_ in ("dobj", "dative", "iobj", "attr") and not cand.noun:
                if child.pos_ == "ADP":  # "sent food to Ghana and Kenya" parsed with "to" as the dative
                    heads.extend(g for g in child.children if g.dep_ == "pobj")
                elif child.i != cand.token.i:  # "renewed negotiations in Geneva": the event noun is no party
                    heads.append(child)
                heads.extend(g for p in child.children if p.dep_ == "prep" and p.lower_ in _RECIPIENT_PREPS
                             and not (asking and _left_place(p))
                             for g in p.children if g.dep_ == "pobj" and not _helper(p, g))
            if child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPS:
                heads.extend(g for g in child.children if g.dep_ == "pobj" and not _helper(child, g))
    if cand.trigger.plover == "PROTEST":
        heads.extend(_protest_targets(cand))
    if cand.trigger.plover == "ACCUSE":  # the one complained about, when named, before the forum
        grievance = _grievance(cand)
        heads = grievance if any(sent.actors_of(g) for g in grievance) else heads
    out: list[Actor] = []
    for head in heads:
        for actor in sent.actors_of(head):
            if actor not in actors and actor not in out:
                out.append(actor)
    return out


#: Prepositions naming what a complaint is about ("complained to the UN over Israeli raids").
_GRIEVANCE_PREPS = {"over", "about", "against", "of"}


def _grievance(cand: _Candidate) -> list[Token]:
    """The object of a complaint: CAMEO's target of a disapproval (11) is the one complained
    about, not the forum it is lodged with ("Lebanon complained to the UN over Israeli raids")."""
    return [g for node in dict.fromkeys((cand.token, cand.clause)) for p in node.children
            if p.dep_ == "prep" and p.lower_ in _GRIEVANCE_PREPS and node.lemma_.lower() != "accuse"
            for g in p.children if g.dep_ == "pobj"]


#: Nouns of leaving: their "from" phrase names the place left, not the party a demand is made on
#: ("demanded the withdrawal of Israeli troops from Lebanon" asks Israel). The withdrawal itself,
#: or an announced one, is still done to that place ("announced the withdrawal of its forces from Lebanon").
_DEPARTURES = {"withdrawal", "pullout", "pull-out", "departure", "retreat", "expulsion", "evacuation", "exit",
               "removal", "redeployment"}


def _left_place(prep: Token) -> bool:
    """Whether ``prep`` is the "from" of a noun of leaving, so its object is a place, not a party."""
    return prep.lower_ == "from" and prep.head.lemma_.lower() in _DEPARTURES


def _helper(prep: Token, pobj: Token) -> bool:
    """ "with Albania's help", "with the support of Turkey": the one named assists the actor;
    "on the Chinese border": a border has two sides, the state named is a landmark."""
    return (prep.lower_ == "with" and pobj.lemma_.lower() in _HELPER_NOUNS) or pobj.lower_ in BORDER_NOUNS


#: Verbs and nouns that state what a protest is against ("to demand …", "in protest at …").
_PROTEST_PURPOSE = {"protest", "demand", "press", "call", "denounce", "oppose", "condemn", "urge", "seek",
                    "defy", "reject", "defiance", "opposition"}


def _protest_targets(cand: _Candidate) -> list[Token]:
    """Phrases naming whom a protest targets: PLOVER's recipient of a PROTEST is the authority
    the protesters make demands on, named in the purpose clause ("staged demonstrations to demand
    reforms by the government") or an "in protest against/of" phrase, not the place it happened."""
    out: list[Token] = []
    for node in dict.fromkeys((cand.token, cand.clause)):
        for child in node.children:
            purpose = child
            if child.dep_ == "prep" and child.lower_ == "in":
                purpose = next((g for g in child.children if g.dep_ == "pobj"), child)
            elif child.dep_ not in ("advcl", "xcomp", "acl"):
                continue
            if purpose.lemma_.lower() not in _PROTEST_PURPOSE:
                continue
            for arg in purpose.children:
                if arg.dep_ in ("dobj", "dative"):
                    out.extend((arg, *_addressed_in(arg)))
                elif arg.dep_ == "prep":
                    out.extend(g for g in arg.children if g.dep_ == "pobj")
    return out


#: Prepositions that name whom a demand is made on inside its own phrase ("demands for reform from the government").
_DEMANDED_OF = {"from", "on"}


def _addressed_in(demand: Token) -> list[Token]:
    """The authority named inside a demand phrase: "to press their demands for lower fees from the
    Ugandan government" makes its demand on the government, however deep the parser attaches the
    "from" phrase (here to "fees"). Clauses inside the phrase are not followed."""
    out: list[Token] = []
    stack = [c for c in demand.children if c.dep_ not in _CLAUSE_DEPS or c.dep_ == "conj"]
    while stack:
        node = stack.pop()
        if node.dep_ == "prep" and node.lower_ in _DEMANDED_OF and node.head.i != demand.i and not _left_place(node):
            out.extend(g for g in node.children if g.dep_ == "pobj")
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSE_DEPS or c.dep_ == "conj")
    return out


def _model_protest_targets(cand: _Candidate, sent: _Sentence, actors: list[Actor]) -> list[Actor]:
    """Whom a protest targets when the type model, not the trigger rule, reads the act as a protest
    ("Kenyan students blocked roads … to press their demands … from the Ugandan government"): the model may relabel the event PROTEST after roles are found, so the purpose
    clause is read here as it would be for a protest trigger."""
    out: list[Actor] = []
    for head in _protest_targets(cand):
        out.extend(a for a in sent.actors_of(head) if a not in actors and a not in out)
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
    if cand.received:  # the giver ("from Y") acts; the subject receives, like a passive subject
        givers = [g for n in (cand.token, cand.clause) for p in n.children if p.dep_ == "prep" and p.lower_ == "from"
                  for g in p.children if g.dep_ == "pobj"]
        return [a for g in givers for a in sent.actors_of(g)], subj
    if subj is None:
        return [], None
    if passive:
        agents = [g for c in cand.clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        found = [a for g in agents for a in sent.actors_of(g)]
        return found or _means_owner(cand, sent), subj
    if cand.noun and subj.i == cand.token.i:
        return [], None
    return sent.actors_of(subj), None




def _means_owner(cand: _Candidate, sent: _Sentence) -> list[Actor]:
    """The attacker of a passive assault with no "by" agent, from the state qualifying the means
    ("were killed in Israeli tank shelling"): CAMEO codes the one who fired as the source."""
    if cand.trigger.plover != "ASSAULT":
        return []
    for prep in cand.clause.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "by"):
            continue
        for means in (g for g in prep.children if g.dep_ == "pobj"):
            words = {means.lemma_.lower(), *(c.lemma_.lower() for c in means.children if c.dep_ == "compound")}
            if words & ATTACK_MEANS:
                owner = sent._modifier_actor(means)
                if owner is None:
                    owner = next((a for c in means.children if c.dep_ == "compound"
                                  for a in [sent._modifier_actor(c)] if a is not None), None)
                return [owner] if owner is not None else []
    return []


#: Types whose unnamed doer is not given the sentence's state: an attack by someone unnamed
#: has an unknown perpetrator (CAMEO and PETRARCH code none), whoever the victims are.
_UNPLACED_DOERS = {"ASSAULT"}


def _domestic(cand: _Candidate, ctx: _Sentence, actors: list[Actor],
              recipients: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """A sentence about one state: its unnamed parties are that state's (see ``domestic_roles``)."""
    subj, passive = _subject(cand.clause)
    if passive or cand.trigger.plover in _UNPLACED_DOERS or (subj is not None and subj.lower_ in _PRONOUNS):
        subj = None
    party = unnamed_party([cand.token, cand.clause], ctx.mentions, ctx.agents, CROWD_NOUNS)
    return domestic_roles(ctx.sent, ctx.mentions, actors, recipients, party, subj, ctx.agents, CROWD_NOUNS,
                          protest=cand.trigger.plover == "PROTEST")


def _salience(cand: _Candidate, flags: _Flags, actors: list[Actor], recipients: list[Actor]) -> float:
    score = 1.0
    if not cand.noun:
        score += 1.0 if cand.clause.dep_ == "ROOT" else -0.3 if _describes(cand.clause) else 0.5
    score += 0.6 if actors else 0.0
    score += 0.3 if recipients else 0.0
    score -= 1.2 if flags.historical else 0.0
    score -= 0.5 if flags.hypothetical else 0.0
    score -= 0.3 if flags.negated else 0.0
    return score


def _describes(verb: Token) -> bool:
    """ "two men sought in the slaying", "civilians imprisoned for …": a participle that only
    describes a noun names background, not the sentence's news."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG") and verb.head.pos_ in ("NOUN", "PROPN")


def candidate_types(cands: list[_Candidate]) -> list[tuple[str, str, bool, bool]]:
    """(PLOVER type, trigger lemma, in the root clause, background) per candidate: what the type
    model sees. Background ("after an agreement on …", "the sanctions imposed on …") is read from
    the syntax alone, as :func:`_flags` reads it without dates."""
    return [(c.trigger.plover, c.token.lemma_.lower(), c.clause.dep_ == "ROOT", _background(c)) for c in cands]


def _background(cand: _Candidate) -> bool:
    """Not the sentence's news: background, or an event noun that is negated or was prevented."""
    flags = _flags(cand, None, [])
    return flags.historical or (cand.noun and flags.negated)


def type_probs(sent: Span, cands: list[_Candidate], models: EventModels | None) -> dict[str, float]:
    if models is None or models.type_model is None:
        return {}
    feats = sentence_features(sent, candidate_types(cands), models.lexicon, coded_root(sent, cands, models))
    return models.type_model.proba(with_penta(feats, sent.text, models.penta))


def coded_root(sent: Span, cands: list[_Candidate], models: EventModels) -> str | None:
    """The CAMEO root the rules and the verb dictionary's patterns give the first candidate that is
    news (else the lexicon's fallback trigger), as :func:`code_span` codes it before any learned
    model speaks: a feature of the 5-way model that cannot read the 5-way model itself (only
    ``models.lexicon`` is read)."""
    live = [c for c in cands if not _background(c)] or _lexicon_trigger(sent, models)
    if not live:
        return None
    return (_codebook(live[0], models) or _refined(live[0], models)).cameo[:2]


def code_span(sent: Span, mentions: dict[int, Mention], dates: list[DateMention], *, resolve: ResolveFn,
              agents: dict[str, str], article_id: str = "", sentence_index: int = 0,
              article_date: str | None = None, last_person: Actor | None = None,
              models: EventModels | None = None) -> list[Event]:
    """Events of one parsed sentence, most salient first."""
    mentions = without_allegiances(sent, mentions)
    ctx = _Sentence(sent, mentions, resolve, agents, last_person)
    roles = SpanRoles(sent, mentions, agents, models.spans if models is not None else None)
    cands = find_triggers(sent)
    resolve_intent(cands)
    probs = type_probs(sent, cands, models)
    if not cands:
        cands = _lexicon_trigger(sent, models)
        resolve_intent(cands)
    scored: list[tuple[float, Event]] = []
    for cand in cands:
        actors, passive_subj = _actors(cand, ctx)
        recipients = _recipients(cand, ctx, actors, passive_subj)
        if not recipients and cand.trigger.plover != "PROTEST" and probs.get("PROTEST", 0.0) >= MODEL_MIN_P:
            recipients = _model_protest_targets(cand, ctx, actors)
        flags = _flags(cand, article_date, dates)
        salience = _salience(cand, flags, actors, recipients) + 3.0 * probs.get(cand.trigger.plover, 0.0)
        joint = _joint(actors)
        if joint:  # "Israel and Lebanon renewed negotiations on an Israeli pullback": each other's party
            recipients = [r for r in recipients if r.country not in joint]
        directed = cand.trigger.mode not in _SELF_MODES and not joint
        actors, recipients = roles.fill(actors, recipients, cand.token.i, _clause_root(cand),
                                        directed)  # after ranking: spans fill, not rank
        if directed and (not actors or not recipients):
            actors, recipients = _domestic(cand, ctx, actors, recipients)
        if not recipients and cand.trigger.plover == "PROTEST":
            recipients = roles.protested(actors, cand.token.i, _clause_root(cand))
        event = _event(cand, _codebook(cand, models) or _refined(cand, models), actors, recipients, flags, dates, article_date, ctx)
        event = replace(event, article_id=article_id, sentence_index=sentence_index,
                        confidence=round(min(1.0, 0.4 + 0.15 * salience), 2))
        scored.append((salience - 0.01 * cand.token.i / 100, event))
    scored.sort(key=lambda pair: -pair[0])
    out = _dedup([e for _, e in scored])
    return _apply_model(out, probs, sent, ctx, dates, article_date, article_id, sentence_index, roles)


#: "pro-Iranian Hizbollah", "anti-Syria journalist", "Syrian-backed Amal militia": the named
#: state is the group's patron or foe, never its country (CAMEO and PLOVER code the group's own).
_ALLEGIANCE_PREFIXES = {"pro", "anti"}
_ALLEGIANCE_SUFFIXES = {"backed", "sponsored", "supported", "allied", "funded", "armed", "aligned", "leaning",
                        "member"}  # "NATO-member Norway": the body describes the state


#: "the Russian language", "Russian-speaking residents": a tongue, not the state, is named.
_LANGUAGE_WORDS = {"language", "languages", "speaker", "speakers", "speaking", "tongue", "dialect"}


def _names_a_language(after: list[str]) -> bool:
    """Whether the words after a demonym make it a language ("restrictions on the use of the
    Russian language" are no act on Russia)."""
    return bool(after) and (after[0] in _LANGUAGE_WORDS or (after[0] == "-" and after[1:2] == ["speaking"]))


def without_allegiances(sent: Span, mentions: dict[int, Mention]) -> dict[int, Mention]:
    """``mentions`` less the states named only as a patron or foe of a group, or as a language."""
    drop: set[int] = set()
    for tok in sent:
        if tok.i not in mentions:
            continue
        before = [t.lower_ for t in sent.doc[max(tok.i - 2, sent.start):tok.i]]
        after = [t.lower_ for t in sent.doc[tok.i + 1:min(tok.i + 3, sent.end)]]
        prefixed = len(before) == 2 and before[1] == "-" and before[0] in _ALLEGIANCE_PREFIXES
        prefixed |= tok.lower_.split("-")[0] in _ALLEGIANCE_PREFIXES  # one token: "pro-Iranian"
        suffixed = len(after) == 2 and after[0] == "-" and after[1] in _ALLEGIANCE_SUFFIXES
        if prefixed or suffixed or _names_a_language(after):
            drop.add(tok.i)
    if not drop:
        return mentions
    span_ids = {id(mentions[i]) for i in drop}
    return {i: m for i, m in mentions.items() if id(m) not in span_ids}


#: Subjects that name a state of affairs, not a doer: with one of them as the subject, a verb the
#: dictionary codes as an act ("escalate", "hold", "shift", "deepen") reports no act.
_ABSTRACT_SUBJECTS = {
    "tension", "balance", "relation", "relationship", "tie", "partnership", "cooperation", "situation",
    "dynamic", "rivalry", "friction", "order", "landscape", "climate", "atmosphere", "trend", "outlook",
    "implication", "prospect", "economy", "market", "price", "trade",
}


def _agentive(verb: Token) -> bool:
    """Whether the verb's subject could be a doer: "tensions are escalating", "the balance of power
    is poised for a shift", "the partnership holds implications" describe how things stand; the
    verb dictionary's root would turn each into an act (COOPERATE, MOBILIZE, COERCE)."""
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return not any(d.lemma_.lower() in _ABSTRACT_SUBJECTS for d in doers)


def _lexicon_trigger(sent: Span, models: EventModels | None) -> list[_Candidate]:
    """No rule trigger: the CAMEO verb dictionary's (coarse) root of the main verb with a subject
    that can act (:func:`_agentive`); 01 is no event."""
    if not LEXICON_FALLBACK or models is None:
        return []
    verbs = (t for t in sent if t.pos_ == "VERB" and not _qualifier(t) and _agentive(t))
    for tok in sorted(verbs, key=lambda t: (t.dep_ != "ROOT", t.i)):
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


#: How a governing verb takes the act it frames: an infinitive or a complement clause.
_GOVERNOR_DEPS = {"xcomp", "ccomp"}


def _codebook(cand: _Candidate, models: EventModels | None) -> Trigger | None:
    """The CAMEO root the verb dictionary gives, or None where it is silent.

    The act's own pattern ("lift sanctions" 085, "claim responsibility" 015, "order an
    investigation" 1014) decides when the rules took the verb as it stands; where they read a
    modality (promised, refused, demanded) their reading holds unless a speech act frames the act
    (:func:`newsdesk.analyze.codebook.compose`: "pledged to expel" 174, "threatened to attack"
    138, "Israel said a mortar was fired at it" 112). Only the CAMEO code changes: PLOVER codes a
    promise as AGREE and is left to the rules.
    """
    if models is None or not models.lexicon.codebook.patterns:
        return None
    book = models.lexicon.codebook
    verb = cand.token if not cand.noun and cand.token.pos_ == "VERB" else cand.clause
    if verb.pos_ != "VERB" or (verb.i != cand.token.i and not _object_side(cand.token, verb)):
        return None
    pat = book.pattern(verb)
    if pat is not None and verb.i != cand.token.i and _names_act(cand.token, verb) and \
            not any(book.word_ok(w, (cand.token.lower_, cand.token.lemma_.lower())) for w in pat.after):
        pat = None  # "launched a mediation effort": the object names the act, not "LAUNCH * EFFORT"
    own = pat.code if pat is not None else None
    if own == "---":
        return None
    act = cand.act or cand.trigger
    base = book.codes.get(verb.lemma_.lower()) if verb.i == cand.token.i else None
    root = (own or base or act.cameo)[:2]
    framed = _framed(root, cand, verb, book)
    if framed is not None:
        root = framed
    elif not own or cand.trigger.cameo != act.cameo or (root == INTEND != act.cameo and _completed(verb)):
        return None
    return Trigger(cand.trigger.plover, root, cand.trigger.mode) if root in CAMEO_ROOTS else None


def _completed(verb: Token) -> bool:
    """A verb reporting a done act: past tense, no modal. CAMEO 03 is a statement of intent, so a
    pattern's 03 ("MAKE * VISIT" 036, "MEET * (FOR TALKS)" 036, written for "will make a visit")
    does not recode a visit that was made; the act found by the rules stands."""
    if verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" for c in verb.children))


def _framed(root: str, cand: _Candidate, verb: Token, book: Codebook) -> str | None:
    """``root`` as the speech acts around it frame it: the verb's own infinitive ("pledged to
    expel", when the candidate is "pledged"), then up to three governing verbs ("said … had
    attacked"). None when nothing frames it."""
    framed = None
    if verb.i == cand.token.i:
        for child in verb.children:
            inner = book.code(child) if child.dep_ == "xcomp" else None
            if inner and inner != "---":
                combined = compose(root, inner[:2], True)
                if combined is not None:
                    root = framed = combined
    cur = verb
    for _ in range(3):
        if cur.dep_ not in _GOVERNOR_DEPS or cur.head.pos_ != "VERB":
            break
        gov = cur.head
        outer = book.code(gov)
        if outer and outer != "---" and _frames(cur, gov, outer[:2]):
            combined = compose(outer[:2], root, _same_doer(cur, gov))
            if combined is not None:
                root = framed = combined
        cur = gov
    return framed


def _names_act(noun: Token, verb: Token) -> bool:
    """Whether a trigger noun is its verb's object ("held talks", "launched a mediation effort"):
    then it names the act and the verb only supports it. Deeper down ("claimed responsibility for
    the attack") the verb and its own object are the act."""
    anchor = noun.head if noun.dep_ == "compound" else noun
    return anchor.head.i == verb.i and anchor.dep_ in ("dobj", "attr", "nsubjpass", "oprd")


def _object_side(noun: Token, verb: Token) -> bool:
    """Whether a trigger noun sits in what its verb acts on ("claimed responsibility for the
    attack"), where the verb's pattern codes it, and not in its subject ("the attack killed")."""
    cur = noun
    while cur.i != verb.i:
        if cur.dep_ in _SUBJ or cur.dep_ in _CLAUSE_DEPS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def _frames(verb: Token, gov: Token, outer: str) -> bool:
    """Whether ``gov`` frames the act of ``verb``. A statement frames it when a named party makes
    it before the act is told ("Israel said a mortar was fired at it"); a trailing attribution
    ("…, officials said", "…, state media reported") only sources the news. Another frame
    (pledge, threaten, ask) frames its own infinitive ("pledged to expel", "asked Y to
    help"), not a clause with a doer of its own ("wants Putin to attack": the rules' appeal).
    A negated act ("said they will not attack") is neither claimed nor alleged."""
    if outer in (SAY, ACCUSE):
        speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None)
        return (gov.i < verb.i and speaker is not None and not any(c.dep_ == "neg" for c in verb.children)
                and (speaker.ent_type_ != "" or speaker.pos_ == "PROPN"))
    # "was expected to return", "is scheduled to visit": others' expectation, not the subject's intent
    return verb.dep_ == "xcomp" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in gov.children)


def _same_doer(verb: Token, gov: Token) -> bool:
    """Whether the governed act is the governing verb's subject's own: "X pledged to expel", "X
    said they attacked" (a pronoun), against "X said Y attacked" or "X said Z was attacked"."""
    if verb.dep_ == "xcomp":
        return True
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    if subj.lower_ in _CLAUSE_PRONOUNS | _PRONOUNS:
        return True
    speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    return speaker is not None and speaker.lemma_.lower() == subj.lemma_.lower()


def _refined(cand: _Candidate, models: EventModels | None) -> Trigger:
    """The CAMEO verb dictionary's root when it agrees with the rule's PLOVER type (02 vs 10, 18 vs 19)."""
    trig = cand.trigger
    if models is None or cand.noun:
        return trig
    objs = [c.lemma_.lower() for c in cand.token.children if c.dep_ in ("dobj", "prep", "xcomp")]
    root = models.lexicon.root_of(cand.token.lemma_.lower(), objs)
    if root and root not in (trig.cameo, "01") and ROOT_TO_PLOVER.get(root) == trig.plover:
        return Trigger(trig.plover, root, trig.mode)
    return trig


def _event(cand: _Candidate, trig: Trigger, actors: list[Actor], recipients: list[Actor], flags: _Flags,
           dates: list[DateMention], article_date: str | None, ctx: _Sentence) -> Event:
    quad, score = CAMEO_ROOTS[trig.cameo]
    date, date_end = _event_date(cand, dates, article_date)
    return Event(
        article_id="", sentence_index=0, plover=trig.plover, cameo=trig.cameo, quad=quad, score=score,
        mode=trig.mode, actors=tuple(actors), recipients=tuple(recipients), date=date, date_end=date_end,
        negated=flags.negated, hypothetical=flags.hypothetical, future=flags.future,
        historical=flags.historical, trigger=cand.text, location=_location(cand, ctx), clause=clause_rank(cand.token),
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
    actors, recipients = roles.fill(actors, recipients, cand.token.i, _clause_root(cand))
    event = _event(cand, cand.trigger, actors, recipients, _flags(cand, article_date, dates), dates,
                   article_date, ctx)
    return [replace(event, article_id=article_id, sentence_index=sentence_index, confidence=round(probs[best], 2))]


def _clause_root(cand: _Candidate) -> Token:
    """The clause a trigger's fallback recipient may come from: its verb, or the verb a trigger
    noun hangs from."""
    return cand.clause if cand.clause.pos_ in ("VERB", "AUX") else cand.token.sent.root


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
