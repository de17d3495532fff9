"""Lines about the meeting itself rather than about the story: its dates, its arrangements, and a
subject that names it only by its kind.

A brief on a summit is read after the summit. "The summit runs from Tuesday to Thursday" and "New
Delhi has said its foreign minister will lead the delegation" were news to a reader of the preview;
in the brief they are a timetable and a guest list. "The meeting caps a trip through Asia" is a
fine second sentence and a puzzling first one. The section choosers (:mod:`newsdesk.brief.sections`,
:mod:`newsdesk.brief.reactions`) decide where such lines may stand; this module only recognises them.
"""

from __future__ import annotations

import re

from newsdesk.brief.candidates import Candidate

#: A line that only gives an event's dates ("The summit runs from Tuesday to Thursday.", "The talks
#: in Geneva are held on Friday."): a schedule, not an aspect of the story nor a development. Ahead
#: of the event it is outlook (``sections.still_ahead`` decides); after it, nothing. Longer
#: sentences that carry more than the dates ("The summit, which runs until Thursday, is expected to
#: focus on …") are not schedules.
SCHEDULE = re.compile(
    r"^(?:The|This|This year's|This week's|Next week's)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:summit|meeting|talks|conference|visit|session|gathering|forum|trip|ceremony|parade|games|congress)"
    r"(?:\s+(?:in|at)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)?\s+"
    r"(?:runs?|lasts?|takes? place|(?:is|are) held|(?:is|are) scheduled|will (?:run|last|take place|be held)|"
    r"opens|closes|begins|starts|ends)\s+(?:from|on|until|till|through|between|for|at|in)\b"
)
_SCHEDULE_WORDS = 14


def schedule_line(candidate: Candidate) -> bool:
    """The sentence only gives an event's dates (see :data:`SCHEDULE`)."""
    text = candidate.text
    return len(text.split()) <= _SCHEDULE_WORDS and bool(SCHEDULE.match(text))


#: A subject that names the story's event only by its kind ("The meeting caps a trip …", "The deal,
#: gavelled through …, triples …"): read after a line that names the meeting it is fine, but as the
#: brief's first line it leans on a sentence the reader never saw. The Summary moves it after the
#: first of its lines that names that kind of event ("… after meeting Xi Jinping"), or leaves it
#: out. "The meeting between Trump and Xi …" or "The talks in the Kazakh capital …" say which.
_KINDS = (
    "meeting|summit|talks|visit|trip|gathering|conference|deal|agreement|accord|"
    "session|event|encounter|decision|announcement|move"
)
_EVENT_KINDS = rf"({_KINDS})\b(?!\s+(?:of|between|in|on|at|with|to|for|by)\b)"
BARE_EVENT_SUBJECT = re.compile(r"^(?:The|This|That)\s+" + _EVENT_KINDS)
#: The same bare kind further in, as an object or after a preposition: "Trump announced the meeting
#: late on Friday" opens a brief on a summit it has not yet named, and "the meeting" reads as one
#: the reader should already know. "Putin arrived for the summit in Anchorage" says which.
BARE_EVENT = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+" + _EVENT_KINDS)


#: An event the sentence names before its bare kind: the kind's antecedent.
_NAMED_BEFORE = re.compile(rf"\b(?:met|meets?|{_KINDS})\b", re.IGNORECASE)


def bare_event(text: str) -> re.Match[str] | None:
    """The first bare kind of event in ``text`` (see :data:`BARE_EVENT`) whose sentence has not
    named an event before it: "Leaders met at a summit in Baku, and the summit agreed …" and "They
    ended their summit in Alaska, describing the talks as productive" carry their own antecedent."""
    found = BARE_EVENT.search(text)
    if found is None or _NAMED_BEFORE.search(text, 0, found.start()):
        return None
    return found


_ARRANGED = ("agenda", "delegation", "itinerary", "programme", "program", "line-up", "lineup")
_ARRANGED_WORD = r"\b(?:" + "|".join(_ARRANGED) + r")\b"
_PLANNED = r"\b(?:will|would|is to|are to)\b"

#: What a host or a delegation announces about the meeting itself before it ("New Delhi has said its
#: foreign minister will lead the delegation", "officials have said the agenda will cover trade"):
#: the event's arrangements, not a stance on it nor news of it. Told in an article older than the
#: story's last one, the meeting has since happened. "Kyiv said it will never accept …" names no
#: arrangement.
ARRANGEMENT = re.compile(f"{_ARRANGED_WORD}.*{_PLANNED}|{_PLANNED}.*{_ARRANGED_WORD}")


def arrangement(text: str) -> bool:
    """``text`` announces an arrangement of the meeting (see :data:`ARRANGEMENT`)."""
    return any(word in text for word in _ARRANGED) and bool(ARRANGEMENT.search(text))
