"""Which of a sentence's date phrases dates which event, read from the dependency parse.

A sentence often carries dates of several happenings: "The meeting caps a trip for Trump, who
attended the ASEAN summit on Sunday" dates the summit visit, not the meeting; "Putin left after
Wednesday's parade" dates the parade, not the departure. Taking the sentence's first day for every
event put the meeting on Sunday in the story timeline. Here a date phrase dates an event only when
it hangs from the event's own clause or a clause above it ("said on Monday that it would …" still
dates what was said), or from a clause that describes the trigger noun itself ("the visit
scheduled for May 16"); a phrase inside a subordinate or relative clause below the event, or a
possessive on another noun ("Wednesday's parade"), dates that clause or noun instead, and so does
one under "after", "before", "since" or "following" ("their first meeting since a visit in May").
A main-clause event whose sentence has dates but none of its own is left undated (None), so the
story timeline does not print the sentence under another clause's day.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsdesk.model import MAIN_CLAUSE, REPORTED_CLAUSE, SUBORDINATE_CLAUSE, DateMention

#: Dependencies that open a clause of their own (a verb conjunct is one too: "X met Y on Monday
#: and flew home on Tuesday" has two dated acts).
_CLAUSE_OPENERS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "csubjpass", "parataxis"}
_GRANULARITY = {"day": 0, "week": 1, "month": 2, "year": 3}


def clause_head(tok: Token) -> Token:
    """The head of the clause ``tok`` sits in: the sentence root or a token opening a clause."""
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in _CLAUSE_OPENERS or (cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")):
            return cur
        cur = cur.head
    return cur


def clause_rank(trigger: Token) -> int:
    """``MAIN_CLAUSE`` for the root verb or a noun hanging from it ("The meeting caps a trip …"),
    ``REPORTED_CLAUSE`` for a clause reached only through complements and verb conjuncts ("Putin
    will visit China, the Kremlin said"), else ``SUBORDINATE_CLAUSE``."""
    head = clause_head(trigger)
    if head.dep_ == "ROOT":
        return MAIN_CLAUSE
    while head.dep_ != "ROOT":
        if head.dep_ not in ("ccomp", "xcomp", "conj"):
            return SUBORDINATE_CLAUSE
        head = clause_head(head.head)
    return REPORTED_CLAUSE


def is_main(trigger: Token) -> bool:
    """Whether a trigger sits in the sentence's main clause (a verb conjunct of the root is a
    clause of its own)."""
    return clause_head(trigger).dep_ == "ROOT"


#: Prepositions that relate a date to the event rather than date it: "left after Wednesday's
#: parade", "their second meeting since a state visit in May".
_RELATING = {"after", "before", "since", "following"}


def _relative_to_other(phrase: Token, stop: int) -> bool:
    """Whether the date phrase sits under a relating preposition below token ``stop``."""
    cur = phrase
    while cur.i != stop and cur.head.i != cur.i:
        if cur.pos_ in ("ADP", "SCONJ") and cur.lower_ in _RELATING:
            return True
        cur = cur.head
    return False


def _clauses_above(tok: Token) -> list[Token]:
    """The heads of the clause of ``tok`` and of each clause above it, nearest first."""
    out = [clause_head(tok)]
    while out[-1].head.i != out[-1].i:
        out.append(clause_head(out[-1].head))
    return out


def _phrase_head(sent: Span, mention: DateMention, base: int) -> Token | None:
    """The token of ``mention`` whose head lies outside it ("on" in "on Sunday"), or None when
    the mention cannot be placed on the parse."""
    start, end = mention.start - base, mention.end - base
    inside = [t for t in sent if start <= t.idx - sent[0].idx < end]
    if not inside:
        return None
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids or t.head.i == t.i), inside[0])


def _base(sent: Span, dates: list[DateMention]) -> int | None:
    """The offset that maps the mentions' character positions onto the sentence's tokens: the
    mentions may count from the article while the parse is of the sentence alone."""
    text = sent.text
    for mention in dates:
        at = text.find(mention.text)
        if at >= 0 and text.find(mention.text, at + 1) < 0:
            return mention.start - at
    return None


def _dates_noun(phrase: Token, trigger: Token) -> bool:
    """Whether the date phrase is a possessive of a noun other than the trigger ("after
    Wednesday's parade", "Monday's meeting"): it says when that noun's happening is, not the act."""
    return phrase.dep_ == "poss" and phrase.head.i != trigger.i


def _under(phrase: Token, trigger: Token) -> bool:
    """Whether the date phrase hangs from the trigger itself ("a trip to Moscow in July")."""
    return any(a.i == trigger.i for a in phrase.ancestors)


def attached(trigger: Token, dates: list[DateMention]) -> list[tuple[tuple[int, int], DateMention]]:
    """The mentions that may date the event of ``trigger``, each with its closeness: the clause
    distance (0: the event's own clause, 1: the clause above it, …), then 0 for a phrase hanging
    from the trigger itself. Mentions that cannot be placed on the parse are kept, as close as
    any: without a parse the sentence's dates are all the event's."""
    sent = trigger.sent
    base = _base(sent, dates)
    if base is None:
        return [((0, 0), d) for d in dates]
    above = [t.i for t in _clauses_above(trigger)]
    out = []
    for mention in dates:
        phrase = _phrase_head(sent, mention, base)
        if phrase is None:
            out.append(((0, 0), mention))
            continue
        home = clause_head(phrase)
        if _dates_noun(phrase, trigger) or _relative_to_other(phrase, trigger.i if _under(phrase, trigger) else home.i):
            continue
        if home.i in above:
            out.append(((above.index(home.i), int(not _under(phrase, trigger))), mention))
        elif home.dep_ in ("acl", "relcl") and home.head.i == trigger.i:
            out.append(((0, 0), mention))  # "the visit scheduled for May 16"
        elif _complement_of(home, above[0]):
            out.append(((len(above), 0), mention))  # "said he would visit China in April"
    return out


_RELATIVE_SUBJECTS = frozenset({"that", "which", "who"})


def in_relative(sent: Span, mention: DateMention, dates: list[DateMention]) -> bool:
    """Whether ``mention`` sits in a clause whose subject is a relative pronoun ("a charter … that
    runs for the next year"): the parser may hang such a clause from the verb as if it were
    reported, but it tells what a noun is, not what the verb's subject said or planned."""
    base = _base(sent, dates)
    phrase = None if base is None else _phrase_head(sent, mention, base)
    if phrase is None:
        return False
    home = clause_head(phrase)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE_SUBJECTS for c in home.children)


def foreign(trigger: Token, dates: list[DateMention]) -> list[DateMention]:
    """The mentions that plainly date something other than the event of ``trigger``: a possessive
    of another noun ("at the centre of Monday's meeting") or a phrase inside a relative clause on
    another noun ("countries, which had walked out on Saturday, said the deal fell short").

    An event outside the main clause keeps the sentence's finest date (see ``_event_date`` in
    :mod:`newsdesk.analyze.events`), which What comes next was settled with; only these mentions
    are taken from it. Without them a reported "the deal fell short" was put on the Saturday of a
    walk-out told in passing, a day before the deal. Mentions that cannot be placed on the parse
    are never foreign. A participle ("a draft released on Friday proposed …") is not a relative
    clause here: it dates the noun that the main clause reports on, and so the report.
    """
    sent = trigger.sent
    base = _base(sent, dates)
    if base is None:
        return []
    above = {t.i for t in _clauses_above(trigger)}
    out = []
    for mention in dates:
        phrase = _phrase_head(sent, mention, base)
        if phrase is None:
            continue
        home = clause_head(phrase)
        in_relative = home.dep_ == "relcl" and home.i not in above and home.head.i != trigger.i
        if _dates_noun(phrase, trigger) or in_relative:
            out.append(mention)
    return out


def _complement_of(home: Token, own: int) -> bool:
    """Whether the clause headed by ``home`` is what the clause headed by token ``own`` says, plans or wants
    ("said he would visit China in April", "is expected to arrive on Wednesday"): a reporting
    verb's event is often the act it reports. Relative and adverbial clauses are never this."""
    cur = home
    while cur.dep_ in ("ccomp", "xcomp") and cur.head.i != cur.i:
        head = clause_head(cur.head)
        if head.i == own:
            return True
        cur = head
    return False


def event_date(trigger: Token, dates: list[DateMention], article_date: str | None) -> tuple[str | None, str | None]:
    """The date of the event of ``trigger``: the finest mention of its closest dated clause.

    With no date in the sentence it is the article's date (the analyser's fallback). When the
    sentence has dates but all of them belong to other clauses or nouns, it is None: the text
    dates other happenings, and the article's date would pass for one of them ("… met Lee on
    Wednesday" in a Wednesday article)."""
    if not dates:
        return (article_date[:10] if article_date else None), None
    found = attached(trigger, dates)
    if not found:
        return None, None
    _, best = min(found, key=lambda p: (p[0], _GRANULARITY.get(p[1].granularity, 4)))
    return best.date, best.date_end
