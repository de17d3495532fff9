"""Who says what: the speaker of each reported-speech clause of an article.

Reactions are only useful when attributed correctly, and the nearest name before a verb is often
the wrong one ("He said the conflict had been triggered … in Kyiv … into NATO" is Putin speaking;
"He then asked Xi to pass on his regards to Putin and Kim, accusing the three …" is Trump).
News copy is regular enough for a few rules to do much better:

* a sentence is cut into clauses at ", and", ", while", ", even as", "; " — a wire sentence often reports two
  speakers ("Trump accused …, and the EU's foreign policy chief, Kaja Kallas, called …");
* the subject of a clause is its first named person before the verb, else its first named actor
  before the verb; a clause opening with *he/she/they* takes the subject of the sentence that
  introduced that person (the last sentence that opened with a named person);
* passive reactions ("was read in Washington as …", "drew sharp criticism in Washington and
  Brussels") name their reacting party anywhere in the clause.

The result is per article and depends on nothing else, so it is computed once per article (see
:func:`newsdesk.brief.candidates.article_candidates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.model import Actor, Analysis, Mention

ACTIVE_VERB = re.compile(
    r"\b(said|says|say|told|tells|wrote|writes|posted|posts|tweeted|accus\w*|criticis\w*|criticiz\w*|"
    r"warn\w*|welcom\w*|urg(?:e|es|ed|ing)\b|condemn\w*|denounc\w*|(?:called|calls|calling)(?!\s+(?:off|up|in|out|back)\b)|blam\w*|"
    r"prais\w*|slam\w*|reject\w*|insist\w*|argu\w*|threaten\w*|voic\w* concern|express\w* concern)\b",
    re.IGNORECASE,
)
PASSIVE_VERB = re.compile(
    r"\b(was (?:read|seen|viewed|taken|received) (?:in \w+(?: and \w+)? )?as|"
    r"drew (?:\w+ )?(?:criticism|condemnation|praise|rebukes?|protests?)|"
    r"met (?:with )?(?:a |an )?(?:\w+ )?(?:response|reaction))\b",
    re.IGNORECASE,
)
# Strong verbs make better reactions than a plain "said".
STRONG_VERB = re.compile(
    r"^(accus|criticis|criticiz|warn|condemn|denounc|call|blam|slam|reject|threaten|urg|wrote|posted)",
    re.IGNORECASE,
)
#: Where a sentence turns to another clause: ", and", ", but", ", while", ", whereas", ", even as",
#: ", (even) though", ", although", ", yet", the same after a dash, and "; ".
#: (A single character class opens it: the break is looked for in every sentence of every article.)
_CLAUSE_BREAK = re.compile(
    r"[,—–-]\s+(?:and|but|while|whereas|even\s+as|even\s+though|although|though|yet)\s+|;\s+"
)
_PRONOUN_START = re.compile(r"^(?:[A-Z][\w’' ]{0,40},\s+)?(he|she|they)\b", re.IGNORECASE)
_OPENER = re.compile(
    r"^(?:On|In|At|As|After|Before|For|Then|Earlier|Later|During|Asked|Speaking|Meanwhile)\b[^,]{0,80},\s*"
)
_SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PARTY_LABELS = frozenset({"ORG", "GPE"})
# Outside parties named without a resolvable actor, with the name their group is printed under.
THIRD_PARTY = (
    (re.compile(r"\bWestern\b(?!-)|\bthe West\b"), "Western governments"),
    (re.compile(r"\bEU\b|\bEuropean Union\b|\bBrussels\b"), "European Union"),
    (re.compile(r"\bWashington\b|\bWhite House\b|\bState Department\b"), "United States"),
    (re.compile(r"\bKyiv\b"), "Ukraine"),
    (re.compile(r"\bNATO\b"), "NATO"),
    (re.compile(r"\bG7\b|\bGroup of Seven\b"), "G7"),
)


@dataclass(frozen=True)
class Speech:
    """One reported-speech clause of a sentence.

    ``start``/``end`` are offsets into the sentence text; ``speaker`` is the grammatical subject
    (for an active verb); ``parties`` are the actors named in a passive reaction clause;
    ``named`` is an explicitly named outside party without an actor ("Western governments").
    """

    start: int
    end: int
    verb: str
    speaker: Actor | None = None
    parties: tuple[Actor, ...] = ()
    named: str | None = None
    passive: bool = False
    joint: int = 1  # how many leading ``parties`` are named together ("in Washington and Brussels")

    @property
    def strong(self) -> bool:
        return self.passive or bool(STRONG_VERB.match(self.verb))


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (the whole sentence when it has no clause break)."""
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def named_party(text: str) -> str | None:
    for pattern, name in THIRD_PARTY:
        if pattern.search(text):
            return name
    return None


def is_person(mention: Mention) -> bool:
    """A person, by entity label or — when the tagger mislabels — by a personal role ("President of …")."""
    if mention.actor is None:
        return False
    if mention.label == "PERSON":
        return True
    role = mention.actor.role or ""
    return bool(role) and not re.match(r"(Government|Ministry|Office|Department|Parliament)\b", role)


def _first_person(mentions: list[Mention]) -> Actor | None:
    return next((m.actor for m in mentions if is_person(m)), None)


_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$")


def _coordinated(text: str, mentions: list[Mention]) -> list[Mention]:
    """The first mention and those joined to it by "and" or a comma ("Washington and Brussels"):
    the parties a passive reception places together, as against a place named further on ("a
    cooler response in Washington …, where officials warn about the war in Ukraine")."""
    run = mentions[:1]
    for m in mentions[1:]:
        if m.start < run[-1].end or not _COORDINATION.match(text[run[-1].end : m.start]):
            break
        run.append(m)
    return run


def _clause_speech(
    text: str, span: tuple[int, int], mentions: list[Mention], antecedent: Actor | None
) -> Speech | None:
    start, end = span
    clause = text[start:end]
    passive = PASSIVE_VERB.search(clause)
    if passive:
        inside = [m for m in mentions if start <= m.start and m.end <= end and m.label in _PARTY_LABELS]
        inside = [m for m in inside if m.actor and not is_person(m)]
        after = [m for m in inside if m.start >= start + passive.end()]  # "drew criticism in Washington"
        ordered = after + [m for m in inside if m not in after]
        parties = tuple(dict.fromkeys(m.actor for m in ordered if m.actor))
        joint = len(dict.fromkeys(m.actor for m in _coordinated(text, ordered)))
        return Speech(start, end, passive.group(1), None, parties, named_party(clause), True, joint)
    verb = ACTIVE_VERB.search(clause)
    if verb is None or _passive_use(clause, verb):
        return None
    subject_text = clause[: verb.start()]
    opener = _OPENER.match(subject_text)
    lead = opener.end() if opener else 0  # "On Ukraine, Putin said": the subject follows the comma
    if verb.group(1).lower() in _ATTRIBUTING and _INVERTED.match(subject_text):
        # "“… trade concerns and Hong Kong,” said Jeffrey Halley, a market analyst …": the speaker follows
        after = clause[verb.end() :]
        named = after[: after.find(",")] if "," in after else after
        inside = [
            m for m in mentions
            if start + verb.end() <= m.start and m.end <= start + verb.end() + len(named)
            and m.actor and m.label in _SUBJECT_LABELS
        ]
        speaker = _first_person(inside) or (inside[0].actor if inside else None)
        return Speech(start, end, verb.group(1), speaker, (), named_party(named))
    closing = _closing_attribution(clause, verb)
    if closing is not None:  # "…, the Interior Ministry said.": what comes before it was said
        lead, subject_text = closing, subject_text[closing:]
    before = [m for m in mentions if start + lead <= m.start and m.end <= start + verb.start()]
    before = [m for m in before if m.actor and m.label in _SUBJECT_LABELS]
    if _PRONOUN_START.match(subject_text.strip()):
        speaker = antecedent
    else:
        speaker = _first_person(before) or (before[0].actor if before else None)
    return Speech(start, end, verb.group(1), speaker, (), named_party(subject_text))


#: The attribution that closes a sentence: "Architects from across the European Union will be invited
#: …, the Interior Ministry said in a statement." The speaker is named after the last comma or closing
#: quotation mark before the verb; a name further back is in what was said (the European Union does
#: not speak here), and what follows the verb is only how or where it was said.
_CLOSING_SPEAKER = re.compile(r"[,”\"]\s*([^,”\"]{2,60})$")
_CLOSING_TAIL = re.compile(r"^(?:\s+(?:in|on|at|to|during|by|late|early|last|this|after)\b[^,;:“\"]{0,60})?\s*[.!]?\s*$")


#: A speech verb right after a quotation that opens the sentence: "“… and Hong Kong,” said Jeffrey
#: Halley, a market analyst …". Everything before the verb is what was said, so none of the names in
#: it speaks; the speaker is named after the verb, up to the next comma. A sentence that opens on its
#: own words ("Untreated plague is "always fatal", says WHO") keeps the older reading.
_INVERTED = re.compile(r"^\s*[“\"][^“”\"]*[,.!?]?[”\"][,.!?]?\s*$")

#: The verbs that attribute what comes before them; "…, a demand Kyiv has rejected" tells an act.
_ATTRIBUTING = frozenset({"said", "says", "say", "told", "tells", "wrote", "writes"})


def _closing_attribution(clause: str, verb: re.Match[str]) -> int | None:
    """Where the speaker's part of a closing attribution starts in ``clause``, or None when the verb
    does not close the sentence or does not attribute (see :data:`_CLOSING_SPEAKER`). "…, said Halley"
    names no one before the verb, and "…,” he said." only a pronoun: both keep the older reading."""
    if verb.group(1).lower() not in _ATTRIBUTING or not _CLOSING_TAIL.match(clause[verb.end() :]):
        return None
    found = _CLOSING_SPEAKER.search(clause, 0, verb.start())
    if found is None or not found.group(1).strip() or _PRONOUN_START.match(found.group(1).strip()):
        return None  # "…,” he said.": which "he" is the article's guess; the older reading stands
    return found.start(1)


#: A passive auxiliary right before a speech verb's participle: "Russia and the Syrian government
#: have been accused of creating a humanitarian disaster", "Beijing was criticised for …". The
#: subject is the one accused or criticised, not a speaker; who spoke is not said.
_PASSIVE_AUX = re.compile(r"\b(?:been|being|be|is|are|was|were|get|gets|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def _passive_use(clause: str, verb: re.Match[str]) -> bool:
    """The speech verb is a participle in the passive (see :data:`_PASSIVE_AUX`): "has been urging"
    is still the subject speaking; "has been urged" is not."""
    word = verb.group(1).lower()
    participle = word.endswith("ed") or word in ("said", "told", "written")
    return participle and _PASSIVE_AUX.search(clause, 0, verb.start()) is not None


def article_speeches(analysis: Analysis) -> dict[int, tuple[Speech, ...]]:
    """Speech clauses per sentence index, pronouns resolved through the article."""
    offsets = {s.index: s.start for s in analysis.sentences}
    by_sentence: dict[int, list[Mention]] = {}
    for m in analysis.mentions:
        base = offsets.get(m.sentence_index)
        if base is not None:
            by_sentence.setdefault(m.sentence_index, []).append(
                Mention(
                    m.article_id, m.sentence_index, m.start - base, m.end - base, m.text, m.label, m.actor
                )
            )
    out: dict[int, tuple[Speech, ...]] = {}
    antecedent: Actor | None = None
    for sentence in analysis.sentences:
        mentions = sorted(by_sentence.get(sentence.index, []), key=lambda m: m.start)
        found = []
        for span in clauses(sentence.text):
            speech = _clause_speech(sentence.text, span, mentions, antecedent)
            if speech is not None:
                found.append(speech)
        if found:
            out[sentence.index] = tuple(found)
        if not _PRONOUN_START.match(sentence.text):
            antecedent = _first_person(mentions) or antecedent
    return out
