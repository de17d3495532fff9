"""The page's date: every date the page states, where it states it, and a learned choice among them.

A page carries several dates — JSON-LD ``datePublished``/``dateModified``, ``article:*_time`` meta
tags, ``<time>`` elements, a date in the URL, dates in the visible text (the one under the
headline, but also teasers, comments and today's date in the masthead). Which one is "the" date is
a convention: annotators take the date a reader sees next to the headline, which is the update
date when the page says "Last updated …". No fixed source order captures that, so every distinct
day becomes a :class:`DateCandidate` with the set of places it was seen, and a small logistic model
(``data/models/extract_dates.npz``, trained by ``scripts/train_dates.py``, cross-validated by
site) scores them; without the model a fixed order (structured publication date first) decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil import parser as dateparser
from lxml import etree

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: The lookahead in front states what every alternative starts with (a digit or a month's
#: letter): the same matches, but the engine skips the other positions without trying the
#: four alternatives at each, which is 40 % of the time on a page's rendered text.
_TEXT_DATE = re.compile(
    r"(?=[\djfmasond])(?:"
    rf"\b{_MON}\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    rf"[a-z]*\.?,?\s*(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)(?P<s3>[-/.])(?P<m3>\d\d?)(?P=s3)(?P<d3>\d\d?)(?!\d)"
    r"|\b(?P<a4>\d{1,2})[/.](?P<b4>\d{1,2})[/.](?P<y4>(?:19|20)\d\d)\b)",
    re.I,
)
_URL_DAY = re.compile(r"/((?:19|20)\d\d)([/-]?)(\d\d)\2(\d\d)(?!\d)|/((?:19|20)\d\d)/([a-z]{3,9})/(\d\d?)(?!\d)", re.I)
#: "2025-05-14", "2025-05-14T19:30:03-07:00", "2025-05-14 08:02:41 -0500": the day as written (local).
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)(?:$|[T ]\d\d:\d\d)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(\d\d)/")
#: "Edited", but not "By The Currency editors" or "Weekend Edition".
_UPDATED = re.compile(r"updat|modif|revis|review|edit(?!or|ion)|refresh", re.I)
_PUBLISHED = re.compile(r"publi|posted|written|created|released|\bon\b|date", re.I)
_COPYRIGHT = re.compile(r"©|copyright|\(c\)", re.I)
#: Text dates further than this before the headline are the masthead's or the navigation's.
_BEFORE_HEADLINE = 800
_MAX_TEXT_DATES = 12


@dataclass(frozen=True)
class DateCandidate:
    """One distinct day the page states, with every place (``cues``) it was seen."""

    day: str  # ISO yyyy-mm-dd
    cues: frozenset[str]


def parse_date(value: str, not_after: date | None = None) -> str | None:
    """ISO yyyy-mm-dd for a full date string; None when unparseable, partial, before 1900 or after ``not_after``."""
    value = value.strip()
    if not value or len(value) > 64 or not re.search(r"\d", value):
        return None
    if iso := _ISO_DAY.match(value):  # the common structured form, without dateutil's two parses
        try:
            return _checked(date(int(iso[1]), int(iso[2]), int(iso[3])), not_after)
        except ValueError:
            return None
    try:  # two defaults: a value lacking its month or day comes out differently and is refused
        parsed = dateparser.parse(value, default=datetime(1900, 1, 1), fuzzy=False, ignoretz=True)
        check = dateparser.parse(value, default=datetime(1904, 2, 2), fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    day = parsed.date()
    if (day.month, day.day) != (check.month, check.day):
        return None
    return _checked(day, not_after)


def _checked(day: date, not_after: date | None) -> str | None:
    if day.year < 1900 or (not_after is not None and day > not_after):
        return None
    return day.isoformat()


def text_dates(text: str, not_after: date | None = None) -> list[tuple[int, str]]:
    """(offset, ISO day) of every written-out date in ``text`` ("Dec 4, 2025", "4 December 2025", "2025-12-04")."""
    return [(pos, day) for pos, day, _ in _text_readings(text, not_after)]


def _text_readings(text: str, not_after: date | None) -> Iterator[tuple[int, str, str | None]]:
    """(offset, ISO day, the other reading) of every written-out date: "03/10/2023" reads as
    10 March (month first) and, when both numbers can be a month, also as 3 October. Lazily, in
    page order: a reader that stops after a dozen dates leaves the rest of the page unsearched."""
    for m in _TEXT_DATE.finditer(text):
        other = None
        try:
            if m.group("mon"):
                day = date(int(m.group("y1")), _MONTHS[m.group("mon").lower()], int(m.group("d1")))
            elif m.group("mon2"):
                day = date(int(m.group("y2")), _MONTHS[m.group("mon2").lower()], int(m.group("d2")))
            elif m.group("y3"):  # "2025-12-04", "2025/4/29"; with dots only in full ("2024.1.3" is a version)
                if m.group("s3") == "." and len(m.group("m3") + m.group("d3")) < 4:
                    continue
                day = date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
            else:  # 12/04/2025: month first unless the first number cannot be a month
                a, b = int(m.group("a4")), int(m.group("b4"))
                month, dom = (b, a) if a > 12 else (a, b)
                day = date(int(m.group("y4")), month, dom)
                if a <= 12 and b <= 12 and a != b:
                    other = _checked(date(day.year, a if month == b else b, b if month == b else a), not_after)
        except ValueError:
            continue
        if iso := _checked(day, not_after):
            yield m.start(), iso, other


class _Collector:
    """Accumulates (day, cue) sightings into candidates."""

    def __init__(self, not_after: date | None) -> None:
        self.not_after = not_after
        self.cues: dict[str, set[str]] = {}

    def add(self, value: str | None, *cues: str) -> None:
        day = parse_date(value, self.not_after) if value else None
        self.add_day(day, *cues)

    def add_day(self, day: str | None, *cues: str) -> None:
        if day:
            self.cues.setdefault(day, set()).update(cues)

    def candidates(self) -> list[DateCandidate]:
        days = sorted(self.cues)
        out = []
        for day in days:
            out.append(DateCandidate(day, frozenset(self.cues[day] | _page_cues(day, days, self.cues))))
        return out


def _page_cues(day: str, days: list[str], cues: dict[str, set[str]]) -> set[str]:
    """Where the day stands among the page's dates: latest, earliest, how many places agree."""
    families = {c.split(":", 1)[0] for c in cues[day]}
    extra = {f"sources:{len(families)}"}
    # A bare "date" meta tag states no kind of date, so it does not make a day the structured earliest.
    structured = [d for d in days if any(c.startswith(("ld", "meta:pub", "meta:mod", "itemprop")) for c in cues[d])]
    if len(days) > 1:
        extra.add("latest" if day == days[-1] else "earliest" if day == days[0] else "middle")
    if structured and len(structured) > 1:
        extra.add("s_latest" if day == structured[-1] else "s_earliest" if day == structured[0] else "s_middle")
    return extra


def date_candidates(tree: Any, ld_docs: list[Any], meta: dict[str, str], url: str | None,
                    rendered: tuple[str, int], not_after: date | None = None) -> list[DateCandidate]:
    """Every distinct day the page states, each with the cues of where it was seen.

    ``rendered`` is the page's visible text and the headline's offset in it (:mod:`.visible_text`).
    """
    found = _Collector(not_after)
    for kind, key, value in _ld_dates(ld_docs):
        found.add(value, f"ld:{kind}:{key}", f"ld:{key}")
    for key, value in meta.items():
        if kind := _meta_kind(key):  # a bare "date" tag gets no cue of its own: CMSs fill it with anything
            found.add(value, f"meta:{kind}", *([f"meta:{key}"[:40]] if kind != "other" else []))
    _time_elements(tree, found)
    _url_dates(url, found)
    _visible_text(*rendered, found)
    _url_months(url, found)
    return found.candidates()


def _ld_dates(docs: list[Any]) -> list[tuple[str, str, str]]:
    """(object kind, key, value) of the date fields of JSON-LD objects, one level of nesting deep."""
    out: list[tuple[str, str, str]] = []

    def visit(obj: Any, depth: int) -> None:
        if isinstance(obj, list):
            for item in obj[:50]:
                visit(item, depth)
            return
        if not isinstance(obj, dict) or depth > 4:
            return
        kinds = obj.get("@type")
        kinds = [str(k).lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if k]
        kind = ("article" if any(k.endswith(("article", "posting", "report")) for k in kinds)
                else "page" if any(k.endswith("page") for k in kinds) else "other")
        for key in ("datePublished", "dateModified", "dateCreated", "uploadDate"):
            if isinstance(obj.get(key), str):
                out.append((kind, key.lower(), obj[key]))
        for key, value in obj.items():
            if key == "@graph" or isinstance(value, list | dict) and key not in ("author", "publisher", "image"):
                visit(value, depth + (key != "@graph"))

    visit(docs, 0)
    return out


def _meta_kind(key: str) -> str | None:
    """"pub", "mod" or "other" for a date-bearing meta tag. A bare ``date`` or ``dc.date`` says
    nothing about which date it is (CMS templates fill it with anything), so it is "other"."""
    if not re.search(r"date|time|publish|modif|created|updated", key) or re.search(r"read|zone|format", key):
        return None
    if _UPDATED.search(key):
        return "mod"
    return "pub" if re.search(r"publi|pub|issued|created|posted", key) else "other"


#: ``<time>`` elements and the elements whose ``itemprop`` names a date, in page order. The itemprop
#: test is made on the attribute nodes and goes up to their element (``//@itemprop[…]/..``): the same
#: elements as ``//*[@itemprop=…]``, which compares the attribute of every element of the page (three
#: times), at under half the cost; compiled once.
_DATE_ELEMENTS = etree.XPath("//time | //@itemprop[.='datePublished' or .='dateModified' or .='dateCreated']/..")


def _time_elements(tree: Any, found: _Collector) -> None:
    for i, el in enumerate(_DATE_ELEMENTS(tree)[:30]):
        marks = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.getparent().get("class")
                                       if el.getparent() is not None else None)))
        text = " ".join(el.text_content().split())[:80]
        kind = ("mod" if _UPDATED.search(marks + " " + text) else
                "pub" if el.get("pubdate") is not None or _PUBLISHED.search(marks) else "plain")
        source = "itemprop" if el.get("itemprop") else "time"
        value = el.get("datetime") or el.get("content")
        rank = f"{source}:rank{min(i, 3)}"
        if value:
            found.add(value, source, f"{source}:{kind}", rank)
        else:
            for _, day in text_dates(text, found.not_after)[:1]:
                found.add_day(day, source, f"{source}:{kind}", rank)


def _visible_text(text: str, anchor: int, found: _Collector) -> None:
    """Dates in the rendered text, with their distance from the headline and the word before them.

    An ambiguous numeric date takes the reading that the markup or the URL already states.
    """
    seen = 0
    for pos, day, other in _text_readings(text, found.not_after):
        if other and other in found.cues and day not in found.cues:
            day = other  # "03/10/2023" on a page whose URL or markup says 3 October: day first
        distance = pos - anchor
        if distance < -_BEFORE_HEADLINE:
            continue
        before = text[max(0, pos - 40) : pos]
        cue = ("mod" if _UPDATED.search(before) else "copy" if _COPYRIGHT.search(before)
               else "pub" if _PUBLISHED.search(before) else "plain")
        found.add_day(day, "text", f"text:{cue}", f"text:rank{min(seen, 3)}", f"text:dist{_bucket(distance)}",
                      f"text:{cue}:rank{min(seen, 2)}")
        seen += 1
        if seen >= _MAX_TEXT_DATES:
            break


def _bucket(distance: int) -> str:
    for limit, name in ((0, "before"), (300, "300"), (1000, "1k"), (2500, "2k5"), (8000, "8k")):
        if distance < limit:
            return name
    return "far"


def _url_dates(url: str | None, found: _Collector) -> None:
    """The day a URL's path states ("/2025/12/04/", "/20251204", "/2023/october/03/")."""
    if not url:
        return
    if m := _URL_DAY.search(url.split("?", 1)[0]):
        year, month, dom = (m.group(1), m.group(3), m.group(4)) if m.group(1) else (m.group(5), m.group(6), m.group(7))
        number = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower(), 0)
        with suppress(ValueError):
            found.add_day(_checked(date(int(year), number, int(dom)), found.not_after), "url")


def _url_months(url: str | None, found: _Collector) -> None:
    """Mark the days that fall in the month a URL's path states ("/2025/12/")."""
    if url and (m := _URL_MONTH.search(url.split("?", 1)[0])):
        month = f"{m.group(1)}-{m.group(2)}"
        for day in list(found.cues):
            if day.startswith(month):
                found.cues[day].add("url:month")


def candidate_features(candidate: DateCandidate) -> list[str]:
    """The candidate's cues. (Pairs of cues were tried: no better held out, so the model stays additive.)"""
    return ["bias", *sorted(candidate.cues)]


_SOURCES = ("ld", "meta", "itemprop", "time", "text", "url")


def _modified_only(candidate: DateCandidate) -> bool:
    sources = [c for c in candidate.cues if c.split(":", 1)[0] in _SOURCES and c.count(":") >= 1]
    return bool(sources) and all(re.search(r"modif|:mod", c) for c in sources)


_FALLBACK_ORDER = ("ld:article:datepublished", "meta:pub", "itemprop:pub", "time:pub", "ld:page:datepublished",
                   "url", "text:pub", "time", "text", "ld:article:datemodified", "meta:mod")


def choose_date(candidates: list[DateCandidate]) -> str | None:
    """The candidate the learned model scores highest; the fixed source order without a model."""
    if not candidates:
        return None
    from newsdesk.extract.learned import load_model

    model = load_model("extract_dates")
    if model is not None:
        best = max(candidates, key=lambda c: (model.probability(candidate_features(c)), c.day))
        # Only a "modified" field states it: a feed's explicit publication date should still beat it,
        # so it is left to the caller's last resort (``PageMeta.modified``).
        return None if _modified_only(best) else best.day
    for cue in _FALLBACK_ORDER:
        matching = [c.day for c in candidates if cue in c.cues]
        if matching:
            return matching[0]
    return None
