"""The Reactions section: what third parties said, grouped by who said it.

A reaction is a reported-speech clause (see :mod:`newsdesk.brief.speakers`) whose speaker is an
outside party: a country or international body other than the story's main dyad (its two
most-mentioned countries), or an explicitly named outsider ("Western governments", "Washington").
What the protagonists themselves say is the story, not a reaction to it; so is what a key player
says who met one of the dyad in the story ("Xi said the two countries should …" after his talks with
Modi at a summit of Russia and India): a participant, not a third party. A standing position
("Beijing has repeatedly denied …", "Western governments accuse Beijing of …", in the present with no
date) is what a party always says, not a reaction to this story; nor is what was said before the
story began ("said during that trip" in late April, "Earlier this month …") or what goes on from it.
Nor is a clause that tells what the story's headline tells (:func:`tells_the_headline`): that is the
story's own act, and the Summary tells it.

When one sentence reports two speakers ("Trump accused …, and the EU's Kaja Kallas called …"),
each clause is printed under its own speaker; a clause is a literal part of the cited sentence,
which is what :func:`newsdesk.brief.writer.verify_brief` checks. So is a reaction followed by a
"while" clause that tells other news ("… drew criticism from Kyiv, while BRICS leaders set up …").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.brief.anaphora import person_spans, unresolved_reference
from newsdesk.brief.candidates import (
    EARLIER_OPENING,
    LOOKS_BACK,
    PRONOUN_OPENER,
    Candidate,
    has_date,
    normal_text,
    teaser,
)
from newsdesk.brief.sections import Pick, Pool, arranged_before, product_spec
from newsdesk.brief.speakers import Speech
from newsdesk.model import MAIN_CLAUSE, Actor, Story
from newsdesk.stories.text import tokens

MAX_REACTIONS = 9
_PER_GROUP = 2
_JOINT_MAX = 3  # outside parties named in one group heading ("United States and European Union")
# Actors of a protagonist country who still speak as outsiders (commentators, not parties).
_INDEPENDENT_SECTORS = frozenset({"MED", "EDU", "NGO", "CVL", "OPP", "LAB", "HLH", "REF"})
_COUNTRY_LABELS = frozenset({"GPE", "ORG", "NORP"})
_PERSONAL_OPENER = re.compile(r"^(?:He|She)\s")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SAID_EARLIER = re.compile(
    r"\b(?:said|told|wrote|warned|argued|stated|insisted)\s+(?:last\s+(?:week|month|year|spring|summer|"
    rf"autumn|winter|{_MONTHS})|(?:a|two|three|several)\s+(?:weeks|months|years)\s+ago)\b"
)
#: A speech placed at a time the sentence named before it: "Blinken, who held talks in Beijing in late
#: April, said during that trip …", "raised it … during a visit in late April and said afterwards …".
#: When every date the sentence names is before the story, so is the speech.
SAID_THEN = re.compile(
    r"\b(?:said|told|wrote|warned|argued|stated|insisted|added|noted)\s+"
    r"(?:during\s+(?:that|this|the\s+same)\s+[a-z]+|afterwards?|at\s+the\s+time|then)\b"
)
#: A charge told in the present tense: "Western governments accuse Beijing of helping …, a charge China
#: denies", "The United States and its allies accuse Beijing of supplying components". With no date,
#: the present tells what a party holds, not what it said about this story; a reaction is told in the
#: past ("Lima accused Quito on Monday of …").
HELD_CHARGE = frozenset({"accuse", "accuses", "blame", "blames", "insist", "insists", "maintain", "maintains"})

#: Testimony: "Timothy Morrison told investigators that he witnessed a key September conversation",
#: "… testified before the committee that …". A witness's account is evidence of what happened, not
#: a party's reply to the story.
TESTIMONY = re.compile(
    r"\b(?:told|tells|testified\s+(?:to|before))\s+(?:the\s+)?(?:investigators|prosecutors|jurors|the\s+jury"
    r"|(?:House\s+|Senate\s+)?(?:impeachment\s+)?(?:investigators|committee|inquiry|panel))\b"
    r"|\btestified\b"
)


@dataclass(frozen=True)
class _Reaction:
    index: int  # candidate index in the pool
    group: str
    text: str
    strength: float


_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "and",
        "or",
        "but",
        "that",
        "this",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "by",
        "for",
        "with",
        "as",
        "it",
        "its",
    ]
)


def _content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def _overlap(a: str, b: str, speaker: str) -> float:
    """Shared content words over the shorter text's, the speaker's own name aside: a repeat."""
    name = _content(speaker)
    wa, wb = _content(a) - name, _content(b) - name
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _dyad(candidates: Sequence[Candidate]) -> set[str]:
    counts = Counter(m.actor.country for c in candidates for m in c.mentions if m.actor and m.actor.country)
    return {country for country, _ in counts.most_common(2)}


def country_names(candidates: Sequence[Candidate]) -> dict[str, str]:
    """Country/IGO code → the name the story's own mentions resolve it to ("USA" → "United States")."""
    names: dict[str, Counter[str]] = {}
    for c in candidates:
        for m in c.mentions:
            actor = m.actor
            if (
                actor
                and actor.country
                and m.label in _COUNTRY_LABELS
                and actor.sector in (None, "GOV", "IGO")
            ):
                names.setdefault(actor.country, Counter())[actor.name] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in names.items()}


#: A meeting in person: a call, a message or "consultations" with one of the dyad is not taking part.
_IN_PERSON = re.compile(r"\b(?:met|meet|meeting|talks|summit|sat|sitting|attend(?:ed|s)?|host(?:ed|s|ing)?)\b")
_REMOTE = re.compile(r"\b(?:phone|call|calls|video|virtual)\b")


def met_the_dyad(candidates: Sequence[Candidate], dyad: set[str], span: tuple[str, str]) -> set[str]:
    """The actors (lower-case names) who, in person and within the story's dates, met an actor of
    the dyad in a meeting the story tells as done: the parties of "Modi and Xi held talks" at a
    summit of Russia and India are both participants, whatever the country of either. A planned,
    denied, reported or earlier meeting, or a call, does not count: a third party may well have
    phoned one side, or met it before the story began."""
    out: set[str] = set()
    for c in candidates:
        for e in c.events:
            told = e.clause == MAIN_CLAUSE and not (e.future or e.historical or e.negated or e.hypothetical)
            if e.plover != "CONSULT" or not told:
                continue  # "said he was open to meeting Zelensky" is no meeting
            trigger = (e.trigger or "").lower()
            if not (span[0] <= (e.date or "") <= span[1]) or not _IN_PERSON.search(trigger) or _REMOTE.search(trigger):
                continue
            parties = [*e.actors, *e.recipients]
            for actor in parties:
                if any(o.country in dyad and o.name != actor.name for o in parties):
                    out.add(actor.name.lower())
    return out


class _Judge:
    """Decides whether a speech clause is an outside reaction and names its group."""

    def __init__(self, candidates: Sequence[Candidate], story: Story) -> None:
        self.dyad = _dyad(candidates)
        self.names = {a.lower() for a in story.key_actors}
        self.countries = country_names(candidates)
        self.met = met_the_dyad(candidates, self.dyad, (story.first_seen or "", story.last_seen or "9999"))

    def outsider(self, actor: Actor) -> bool:
        name = actor.name.lower()
        if name in self.names and (actor.country in self.dyad or name in self.met):
            return False
        return actor.country not in self.dyad or actor.sector in _INDEPENDENT_SECTORS

    def label(self, actor: Actor) -> str:
        country = self.countries.get(actor.country or "")
        if country and country != actor.name and actor.sector not in _INDEPENDENT_SECTORS:
            return f"{actor.name} ({country})"
        return actor.name

    def group(self, speech: Speech) -> str | None:
        """The heading a clause is printed under. A passive reception names every outside party it
        places ("drew criticism in Washington and Brussels"): filed under one of them, it would
        tell a reader that the other one said nothing."""
        if speech.passive:
            outside = [a for a in speech.parties if self.outsider(a)]
            if not outside:
                return speech.named
            together = [a for a in speech.parties[: speech.joint] if self.outsider(a)] or outside[:1]
            return _joined(list(dict.fromkeys(self.label(a) for a in together))[:_JOINT_MAX])
        if speech.speaker is not None:
            return self.label(speech.speaker) if self.outsider(speech.speaker) else None
        return speech.named


def _joined(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _clause_text(candidate: Candidate, speech: Speech) -> str:
    """The clause as printed: the whole sentence when it is one clause, else the literal clause."""
    sentence = candidate.sentence.text
    offset = len(sentence) - len(candidate.text)  # the dateline, if one was stripped
    if speech.start <= offset and speech.end >= len(sentence):
        return candidate.text
    clause = sentence[max(speech.start, offset) : speech.end].strip().rstrip(",;")
    return clause[:1].upper() + clause[1:]


def _orphan(candidate: Candidate, text: str, speech: Speech, group: str) -> bool:
    """The printed clause points at what only earlier sentences say ("raised it directly",
    "the accusations"), or opens on a he/she that is not the speaker named above it."""
    shown = speech.speaker is not None and group.startswith(speech.speaker.name)
    if teaser(text) or (PRONOUN_OPENER.match(text) and not (shown and _PERSONAL_OPENER.match(text))):
        return True
    at = max(candidate.sentence.text.find(text), 0)
    persons = person_spans(candidate.mentions, candidate.sentence.start, at)
    return unresolved_reference(text, persons, has_date(candidate), speaker_known=shown)


#: How often or how long a party has held a position: "repeatedly", "long", "time and again", "for
#: years".
_OFTEN = (
    r"(?:repeatedly|consistently|long|always|often|frequently|routinely|persistently|regularly|"
    r"time\s+and\s+(?:time\s+)?again|again\s+and\s+again|over\s+and\s+over|"
    r"for\s+(?:years|decades|months|a\s+long\s+time|some\s+time))"
)
#: The same, where it may follow the verb ("has denied repeatedly", "has insisted for years").
_OFTEN_AFTER = (
    r"(?:repeatedly|consistently|persistently|routinely|regularly|time\s+and\s+(?:time\s+)?again|"
    r"again\s+and\s+again|over\s+and\s+over|for\s+(?:years|decades|months|a\s+long\s+time))"
)
#: A standing position, told as held again and again or for long: "Beijing has repeatedly denied
#: supplying weapons", "Ankara has long insisted", "Lima has denied repeatedly that …", "La Paz has
#: for decades insisted …", "Lima routinely rejects the charges". It is what the party always says,
#: not what it said about this story's events. Any verb counts: the frequency, not the verb, makes
#: it standing; "has already said" and "had a long talk" are no such thing. "Never" is left out: "said
#: it had never been consulted" is a complaint about this story.
STANDING = re.compile(
    rf"\b(?:has|have|had)\s+(?:not\s+)?{_OFTEN}\s+(?:been\s+)?[a-z]"
    rf"|\b(?:has|have|had)\s+(?:been\s+)?[a-z]+(?:ed|id|ld|wn|en|ne|ht|pt|ing)\s+{_OFTEN_AFTER}\b"
    r"|\b(?:repeatedly|consistently|routinely|persistently|regularly|always)\s+[a-z]+[^s\W]s\b"
)
#: The clause that follows a reaction to tell something else: "…drew criticism from Kyiv, while
#: BRICS leaders set up a partner-country category", "…, even as Chile held talks", "; meanwhile the
#: bloc …", " — whereas …". After a comma, semicolon or dash: "while" or "whereas" whatever follows;
#: "even as", "even though", "although", "though", "but", "yet" and "meanwhile" when a new subject
#: follows (a name or "the …"), since "…, but welcomed his call" goes on with the reacting party.
_CONTRAST_AFTER = re.compile(
    r"^\s*(?:,|;|[—–]|--)\s*(?:(?:while|whereas)\s+"
    r"|(?:even\s+as|even\s+though|although|though|but|yet|meanwhile,?)\s+(?:[A-Z]|the\s|its\s|their\s))"
)


def _standing(text: str) -> bool:
    """A standing position (:data:`STANDING`), not a reaction to this story."""
    return bool(STANDING.search(text))


def _contrast_after(candidate: Candidate, speech: Speech) -> bool:
    """The reaction's clause is followed by a contrasting clause about something else: printed
    whole, the line would file that other news under the reacting party."""
    return bool(_CONTRAST_AFTER.match(candidate.sentence.text[speech.end :]))


def _said_before(candidate: Candidate, first_day: str) -> bool:
    """Said before the story began ("Stoltenberg said last month …", "Earlier this month Washington
    announced sanctions on firms it accused of …", "…, who held talks in Beijing in late April, said
    during that trip …" in a story that starts in May): an earlier position, not a reaction to this
    story."""
    text = candidate.text
    if SAID_EARLIER.search(text) or EARLIER_OPENING.match(text):
        return True
    dates = candidate.dates
    return bool(dates) and bool(SAID_THEN.search(text)) and all((d.date_end or d.date) < first_day for d in dates)


def _goes_on_from(candidate: Candidate, earlier: set[tuple[str, int]]) -> bool:
    """A "He warned …" or "They said …" that goes on from a sentence said before the story: it was
    said then too."""
    key = (candidate.article.id, candidate.sentence.index - 1)
    return key in earlier and _GOES_ON.match(candidate.text) is not None


_GOES_ON = re.compile(r"^(?:He|She|They)\s")


def _held_charge(candidate: Candidate, speech: Speech) -> bool:
    """A charge told in the present with no date (see :data:`HELD_CHARGE`)."""
    return speech.verb.lower() in HELD_CHARGE and not has_date(candidate)


#: The share of the story's title words (stems) a clause must tell to be the story's own act
#: (:func:`tells_the_headline`; a development figure, from the real pages of issue #4).
HEADLINE_SHARE = 0.6
_MIN_TITLE_WORDS = 4


def tells_the_headline(text: str, title: str) -> bool:
    """The clause tells what the story's headline tells: "U.S. Defense Secretary Mark Esper on
    Wednesday accused China of using coercion and intimidation against smaller Asian nations" under
    "Esper accuses China of intimidating smaller Asian nations". The headline names the story's main
    act, so its speaker is the story's protagonist, not a third party answering it, whatever the
    countries the story names most; the Summary tells it. A reaction shares a word or two of the
    headline ("… reiterated the UK's position that settlements are illegal"), not most of them;
    a title of under four words says too little to tell."""
    return _shares_headline(text, frozenset(tokens(title)))


def _shares_headline(text: str, wanted: frozenset[str]) -> bool:
    """See :func:`tells_the_headline`; ``wanted`` are the title's words."""
    if len(wanted) < _MIN_TITLE_WORDS:
        return False
    return len(wanted & set(tokens(text))) >= HEADLINE_SHARE * len(wanted)


def _headline_speakers(candidates: Sequence[Candidate], wanted: frozenset[str], judge: _Judge) -> set[str]:
    """The outside speakers of the clauses that tell what the headline tells (:func:`tells_the_headline`):
    the story's protagonists. Their other clauses are theirs too ("He urged Vietnam and others in
    the region to push back" after Esper's charge), not third parties' reactions. Only speakers
    the judge would file as outsiders are read: the others are no reaction anyway. ``wanted`` are
    the title's words."""
    if len(wanted) < _MIN_TITLE_WORDS:
        return set()
    return {
        s.speaker.name
        for c in candidates
        for s in c.speeches
        if s.speaker is not None
        and judge.outsider(s.speaker)
        and _shares_headline(c.sentence.text[s.start : s.end], wanted)
    }


def _found(pool: Pool, story: Story) -> list[_Reaction]:
    judge = _Judge(pool.candidates, story)
    dates = sorted(c.article.date for c in pool.candidates if c.article.date)
    middle = dates[len(dates) // 2] if dates else ""
    first_day = min(filter(None, ((story.first_seen or "")[:10], dates[0][:10] if dates else "")), default="")
    earlier = {c.key for c in pool.candidates if c.speeches and _said_before(c, first_day)}
    headline = frozenset(tokens(story.title))
    heads = _headline_speakers(pool.candidates, headline, judge)
    out = []
    for i, candidate in enumerate(pool.candidates):
        if not pool.free(i) or LOOKS_BACK.match(candidate.text) or candidate.key in earlier:
            continue  # a reaction to an earlier event, placed by the sentence before it or dated
        if _goes_on_from(candidate, earlier):
            continue
        if arranged_before(candidate, pool):
            continue  # the meeting's own arrangements, announced before it: a stale preview
        groups = [(judge.group(s), s) for s in candidate.speeches]
        groups = [(g, s) for g, s in groups if g]
        if not groups:
            continue
        whole = len({g for g, _ in groups}) == 1
        for group, speech in groups:
            alone = whole and not (len(groups) == 1 and _contrast_after(candidate, speech))
            text = candidate.text if alone else _clause_text(candidate, speech)
            if _standing(text) or _held_charge(candidate, speech) or _orphan(candidate, text, speech, group):
                continue
            if product_spec(text):  # a maker's spec sheet ("says the wagon will be able to go 300 miles")
                continue
            if ("told " in text or "testif" in text) and TESTIMONY.search(text):  # a witness's account
                continue
            if _shares_headline(text, headline) or (speech.speaker is not None and speech.speaker.name in heads):
                continue  # the story's own act, or its protagonist's words ("He urged Vietnam … to push back")
            late = candidate.article.id in pool.latest or (candidate.article.date or "") > middle
            strength = (
                pool.relevance[i] + 0.4 * speech.strong + 0.2 * (speech.speaker is not None) + 0.3 * late
            )
            out.append(_Reaction(i, group, text, strength))
    return out


def reactions(pool: Pool, story: Story) -> list[Pick]:
    """Outside reactions, up to two per group; groups with most reactions first, each in reading order."""
    found = _found(pool, story)
    by_group: dict[str, list[_Reaction]] = {}
    for r in sorted(found, key=lambda r: -r.strength):
        chosen = by_group.setdefault(r.group, [])
        repeat = any(_overlap(r.text, o.text, r.group) >= 0.3 for o in chosen)
        if len(chosen) < _PER_GROUP and not repeat and all(o.text != r.text for o in chosen):
            chosen.append(r)
    sizes = Counter(r.group for r in found)
    best = {g: max(r.strength for r in rs) for g, rs in by_group.items()}
    picks: list[Pick] = []
    p_index: dict[int, int] = {}
    for group in sorted(by_group, key=lambda g: (-min(sizes[g], 2), -best[g])):
        for r in sorted(by_group[group], key=lambda r: pool.candidates[r.index].order):
            if len(picks) < MAX_REACTIONS and all(p.printed != r.text for p in picks):
                picks.append(Pick("Reactions", pool.candidates[r.index], group, r.text))
                p_index[id(picks[-1])] = r.index
    for p in picks:
        if normal_text(p.candidate.text) not in pool.used:
            pool.used.add(normal_text(p.candidate.text))
            pool.taken.append(p_index[id(p)])
    return picks
