"""Date expressions resolved against the article date.

Timelines and "what comes next" need the date an event happens, not the date the article was
written: "scheduled for May 16-17" in a 14 May article is 16–17 May of that year, "on Thursday"
in a past-tense report is the Thursday before publication. Pure regular expressions plus
``dateutil.relativedelta`` keep this fast enough to run on every sentence.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from newsdesk.model import DateMention

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<{0}>January|February|March|April|May|June|July|August|September|October|November|December|" \
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:19|20)\d\d)"
_TO = r"\s*(?:-|–|—|to|through|until|and)\s*"
_WEEKDAYS = [d.lower() for d in calendar.day_name]
_FUTURE_HINT = re.compile(
    r"\b(will|shall|next|upcoming|scheduled|expected|plans?|planned|planning|set to|due to|"
    r"is to|are to|to be held|forthcoming|later this)\b", re.I)
# A verb in the past tense: a regular "-ed" form (lower case, so "United" is not one; "need",
# "speed" and the like end in "-eed", so the "-eed" pasts are listed) or a common irregular one.
_PAST_HINT = re.compile(
    r"\b(?:[a-z]{2,}(?<!e)ed|(?:dis)?agreed|decreed|guaranteed|freed|"
    r"was|were|had|met|held|said|told|made|began|left|came|went|took|gave|"
    r"spoke|flew|sent|won|lost|led|saw|became|brought|fought|struck|wrote|drew|rode|ran|sat|stood)\b")
# Reported plans ("he said he would travel on Monday") look ahead of the report too; a "would"
# after the day belongs to what was said on it ("said Monday that it would").
_WOULD = re.compile(r"\bwould\b", re.I)
# A wish or demand in the present tense ("want that subject at the centre of Monday's meeting",
# "urges leaders to agree on Friday"): what is wanted is still to come. Past forms ("had hoped")
# are no cue; they tell of a wish that the day may have answered.
_WISH = re.compile(
    r"\b(?:wants?|hopes?|seeks?|aims?|intends?|urges?|demands?|insists?\s+on|press(?:es)?\s+for|push(?:es)?\s+for)\b"
)
# What bounds a clause for the tense of a weekday: punctuation, and the words that open a new one.
_CLAUSE_EDGE = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:and|but|while|whereas|before|after)\b")
# What opens a clause or phrase that tells the content of an act rather than its time: "adopted a
# charter on Wednesday that runs for the next year", "agreed on Monday to meet next year".
_CONTENT_OPENER = re.compile(r"\b(?:that|which|who|whose|where|to)\b")
# A clause with a word of its own beside the weekday: "On Wednesday," alone has only "On".
_WORD = re.compile(r"\b(?!(?:on|this|last|next|coming)\b)[A-Za-z]{2,}", re.I)


def _m(name: str) -> str:
    return _MONTH.format(name)


def _d(name: str) -> str:
    return _DAY.format(name)


def _y(name: str) -> str:
    return _YEAR.format(name)


# Ordered: the first pattern to claim a span wins, so ranges come before single days.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b")),
    ("md_md", re.compile(rf"\b{_m('m1')}\s+{_d('d1')}(?:,?\s+{_y('y1')})?{_TO}{_m('m2')}\s+{_d('d2')}\b"
                         rf"(?:,?\s+{_y('y2')})?")),
    ("dm_dm", re.compile(rf"\b{_d('d1')}\s+{_m('m1')}(?:\s+{_y('y1')})?{_TO}{_d('d2')}\s+{_m('m2')}\b"
                         rf"(?:,?\s+{_y('y2')})?")),
    ("md_d", re.compile(rf"\b{_m('m1')}\s+{_d('d1')}{_TO}{_d('d2')}\b(?:,?\s+{_y('y1')})?")),
    ("d_dm", re.compile(rf"\b{_d('d1')}{_TO}{_d('d2')}\s+{_m('m1')}\b(?:,?\s+{_y('y1')})?")),
    ("md", re.compile(rf"\b{_m('m1')}\s+{_d('d1')}\b(?!\s*(?:%|,\d))(?:,?\s+{_y('y1')})?")),
    ("dm", re.compile(rf"\b{_d('d1')}\s+(?:of\s+)?{_m('m1')}\b(?:,?\s+{_y('y1')})?")),
    ("my", re.compile(rf"\b{_m('m1')}(?:\s+of)?,?\s+{_y('y1')}\b")),
    ("month", re.compile(r"\b(?P<pre>in|since|by|during|until|early|late|mid-?|end of|last|next|this)\s+"
                         + _m("m1") + r"(?!\s+\d)")),
    ("year", re.compile(rf"(?<![\d,.$£€-])\b{_y('y1')}\b(?![\d%-]|\.\d)")),
    ("weekday", re.compile(r"\b(?P<mod>last|next|this|on|coming)?\s*(?P<wd>Monday|Tuesday|Wednesday|Thursday|"
                           r"Friday|Saturday|Sunday)\b")),
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|from now)\b", re.I)),
    ("rel", re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow|(?:the\s+)?day\s+before\s+yesterday|"
                       r"(?:earlier|later|(?:the\s+)?end of|(?:the\s+)?start of)?\s*(?:this|last|next|the past|the coming)"
                       r"\s+(?:week|weekend|month|year))\b", re.I)),
]

#: What each kind of pattern cannot match without: most sentences have none of these cues, and
#: many have only a number, so most of the thirteen searches (a tenth of the analysis) are skipped.
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "year": ("digit",), "month": ("month",), "weekday": ("weekday",),
    "ago": ("unit",), "rel": ("unit",),
}
_CUES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(_m("m")),
    "weekday": re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),
}
_UNIT = r"day|tonight|tomorrow|week|month|year"
_UNIT_LOWER = re.compile(_UNIT)
_UNIT_ANY_CASE = re.compile(_UNIT, re.I)


def _has_unit(text: str) -> bool:
    """``_UNIT`` in any case. Searching the lower-cased text is four times faster than ``re.I``
    and the same on ASCII text; other text (where case folding has exceptions) takes ``re.I``."""
    if text.isascii():
        return _UNIT_LOWER.search(text.lower()) is not None
    return _UNIT_ANY_CASE.search(text) is not None


#: The searches for each set of cues, made once per set.
_BY_CUES: dict[frozenset[str], list[tuple[str, re.Pattern[str]]]] = {}


def _searches(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns that can match ``text``: month-and-day patterns need a digit and a month name."""
    found_cues = {name for name, cue in _CUES.items() if cue.search(text)}
    if _has_unit(text):
        found_cues.add("unit")
    cues = frozenset(found_cues)
    found = _BY_CUES.get(cues)
    if found is None:
        found = _BY_CUES[cues] = [(kind, pattern) for kind, pattern in _PATTERNS
                                  if cues.issuperset(_NEEDS.get(kind, ("digit", "month")))]
    return found

_NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    first: date
    last: date | None
    granularity: str


def _month(text: str | None) -> int:
    return _MONTHS[(text or "").lower().rstrip(".")]


def _month_year(month: int, pre: str, ref: date | None) -> date | None:
    """A month named without a year: "since March" is the latest March up to the reference, "last
    March" the latest before the reference's month, "next March" the first after it; otherwise the
    one closest to the reference."""
    if ref is None or pre not in ("since", "last", "next"):
        return _closest_year(month, 1, ref)
    if pre == "next":
        return date(ref.year + (month <= ref.month), month, 1)
    if pre == "last":  # said in March, "last March" is a year ago
        return date(ref.year - (month >= ref.month), month, 1)
    return date(ref.year - (month > ref.month), month, 1)


def _closest_year(month: int, day: int, ref: date | None) -> date | None:
    """A day without a year: the year (around the reference) that puts it closest to the reference."""
    if ref is None:
        return None
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - ref).days) < abs((best - ref).days):
            best = candidate
    return best


def _day(month: int, day: int, year: str | None, ref: date | None) -> date | None:
    if year:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    return _closest_year(month, day, ref)


def _absolute(kind: str, g: dict[str, str | None], ref: date | None) -> tuple[date | None, date | None, str]:
    if kind == "iso":
        return _day(int(g["m1"] or 0), int(g["d1"] or 0), g["y1"], ref), None, "day"
    if kind == "year":
        return date(int(g["y1"] or 0), 1, 1), date(int(g["y1"] or 0), 12, 31), "year"
    m1 = _month(g.get("m1"))
    if kind in ("my", "month"):
        first = date(int(g["y1"]), m1, 1) if g.get("y1") else _month_year(m1, (g.get("pre") or "").lower(), ref)
        if first is None:
            return None, None, "month"
        return first, first + relativedelta(day=31), "month"
    year = g.get("y1") or g.get("y2")
    first = _day(m1, int(g["d1"] or 0), year, ref)
    if kind in ("md", "dm"):
        return first, None, "day"
    m2 = _month(g["m2"]) if g.get("m2") else m1
    last = _day(m2, int(g["d2"] or 0), g.get("y2") or year, first or ref)
    if first and last and last < first and not g.get("y2"):
        last = last.replace(year=last.year + 1) if (m2, last.day) != (2, 29) else last
    return first, last, "day"


def _weekday(g: dict[str, str | None], ref: date, future: bool) -> date:
    target = _WEEKDAYS.index((g["wd"] or "").lower())
    mod = (g.get("mod") or "").lower()
    if mod in ("next", "coming") or (future and mod != "last"):
        ahead = (target - ref.weekday()) % 7
        return ref + timedelta(days=ahead or 7) if mod == "next" or ahead else ref
    back = (ref.weekday() - target) % 7
    return ref - timedelta(days=back or (7 if mod == "last" else 0))


def _clause_future(match: re.Match[str], sentence_future: bool) -> bool:
    """Whether a bare weekday looks ahead, read from its own clause before the whole sentence's.

    "Zelensky, who arrived in Washington on Tuesday, is due to meet allies on Thursday": the
    sentence speaks of the future, but Tuesday sits in a past-tense clause and is the Tuesday
    before the report, Thursday the one after. A clause with a future cue looks ahead, one with a
    past-tense verb and no such cue looks back; one with neither looks ahead when it tells a wish
    in the present tense ("European governments want that subject at the centre of Monday's
    meeting": what is wanted is still to come; "Kyiv's demands at Monday's meeting were rejected"
    has its past verb), and otherwise follows the sentence.
    """
    text = match.string
    edges = [m for m in _CLAUSE_EDGE.finditer(text)]
    start = max((m.end() for m in edges if m.end() <= match.start()), default=0)
    end = min((m.start() for m in edges if m.start() >= match.end()), default=len(text))
    before = text[start:match.start()]
    clause = before + " " + text[match.end():end]
    if _WOULD.search(before) or _FUTURE_HINT.search(clause) and not _done_before(before, text[match.end():end]):
        return True
    if _PAST_HINT.search(clause):
        return False
    if not _WORD.search(clause):
        return _fronted_future(text, end, sentence_future)
    return sentence_future or bool(_WISH.search(clause))


def _done_before(before: str, after: str) -> bool:
    """Whether a weekday is the day of a past act named before it, the only later cue being in what
    that act set out: "Ministers adopted a charter on Wednesday that runs for the next year" adopted
    it on the Wednesday before the report; "the next year" is how long the charter runs. A cue before
    the day ("will adopt on Wednesday") or one not behind a content opener ("talks on Wednesday next
    week") still looks ahead."""
    if not _PAST_HINT.search(before) or _FUTURE_HINT.search(before):
        return False
    cue = _FUTURE_HINT.search(after)
    opener = _CONTENT_OPENER.search(after)
    return cue is not None and opener is not None and opener.start() < cue.start()


def _fronted_future(text: str, end: int, sentence_future: bool) -> bool:
    """Whether a weekday set apart before its clause ("On Wednesday, leaders adopted a declaration
    … over the next year") looks ahead: the weekday dates the clause that follows it, so that
    clause's first tense cue decides, not a later span ("over the next year" is what was declared,
    not when; "On Wednesday, leaders agreed to meet next year" agreed on the Wednesday before)."""
    edge = _CLAUSE_EDGE.search(text, end + 1)
    clause = text[end:edge.start() if edge else len(text)]
    ahead = [m.start() for m in (_FUTURE_HINT.search(clause), _WOULD.search(clause)) if m]
    past = _PAST_HINT.search(clause)
    if past and (not ahead or past.start() < min(ahead)):
        return False
    return bool(ahead) or sentence_future or bool(_WISH.search(clause))


def _ago(g: dict[str, str | None], ref: date) -> date:
    raw = (g["n"] or "1").lower()
    n = int(raw) if raw.isdigit() else _NUMBER[raw]
    unit = (g["unit"] or "day").lower()
    delta = relativedelta(**{unit + "s": n})
    return ref - delta if (g["dir"] or "").lower() in ("ago", "earlier") else ref + delta


def _relative(phrase: str, ref: date) -> tuple[date, date | None, str]:
    p = " ".join(phrase.lower().split())
    if p in ("today", "tonight"):
        return ref, None, "day"
    if p == "yesterday":
        return ref - timedelta(days=1), None, "day"
    if p == "tomorrow":
        return ref + timedelta(days=1), None, "day"
    if p.endswith("before yesterday"):
        return ref - timedelta(days=2), None, "day"
    shift = -1 if ("last" in p or "past" in p) else 1 if ("next" in p or "coming" in p) else 0
    unit = p.split()[-1]
    if unit in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        if unit == "weekend":
            return monday + timedelta(days=5), monday + timedelta(days=6), "day"
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        first = ref.replace(day=1) + relativedelta(months=shift)
        return first, first + relativedelta(day=31), "month"
    first = date(ref.year + shift, 1, 1)
    return first, date(ref.year + shift, 12, 31), "year"


def _resolve(kind: str, match: re.Match[str], ref: date | None, future: bool) -> _Found | None:
    g = match.groupdict()
    if kind in ("weekday", "ago", "rel"):
        if ref is None:
            return None
        if kind == "weekday":
            first, last, gran = _weekday(g, ref, _clause_future(match, future)), None, "day"
        elif kind == "ago":
            try:
                first = _ago(g, ref)
            except (ValueError, OverflowError):  # "5000 years ago" falls before year 1: no calendar date
                return None
            last, gran = None, g["unit"].lower() if g["unit"] else "day"
        else:
            first, last, gran = _relative(g["rel"], ref)
    else:
        try:
            first, last, gran = _absolute(kind, g, ref)
        except (KeyError, ValueError):
            return None
    if first is None:
        return None
    span = match.group(0)
    start = match.start() + len(span) - len(span.lstrip())
    return _Found(start, match.end() - (len(span) - len(span.rstrip())), first, last, gran)


def parse_iso(value: str | None) -> date | None:
    """The article date as a ``date`` (accepts full ISO timestamps), None when absent or invalid."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_dates(text: str, article_date: str | None = None, article_id: str = "",
               sentence_index: int = 0, offset: int = 0) -> list[DateMention]:
    """Date mentions in ``text`` (one sentence), offsets shifted by ``offset`` into the article."""
    searches = _searches(text)
    if not searches:
        return []
    ref = parse_iso(article_date)
    future = bool(_FUTURE_HINT.search(text))
    taken: list[tuple[int, int]] = []
    found: list[_Found] = []
    for kind, pattern in searches:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            item = _resolve(kind, match, ref, future)
            if item is not None:
                taken.append((match.start(), match.end()))
                found.append(item)
    found.sort(key=lambda f: f.start)
    return [
        DateMention(article_id, sentence_index, offset + f.start, offset + f.end,
                    text[f.start:f.end].strip(), f.first.isoformat(),
                    f.last.isoformat() if f.last else None, f.granularity)
        for f in found
    ]
