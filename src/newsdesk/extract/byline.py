"""The visible byline: the author name a reader sees next to the headline.

Structured data names an author less often than pages show one, and its "author" is sometimes
the organisation or a login handle. So after JSON-LD Person authors the page's own byline markup
is read — ``rel=author`` links, ``itemprop=author``, elements whose class or id says author or
byline — and only then the ``<meta name=author>`` tags, which CMSs often fill with the site name.
"""

from __future__ import annotations

import re
from typing import Any

_BY = re.compile(r"^\s*(?:written\s+by|posted\s+by|reviewed\s+by|words\s+by|by|author|authors|auteur|von|por)\b[:\s]*",
                 re.I)
_CUT = re.compile(r"\s*(?:\||•|·|—|–|\bon\s+\w+\s+\d|\bupdated\b|\bpublished\b|\bposted\b|\d{1,2}\s*(?:min|minute)s?"
                  r"\s+read|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                  r"[a-z]*\.?\s+\d{1,2}\b|\b\d{4}-\d\d-\d\d).*$", re.I)
_CLASS_HINT = re.compile(r"(?:^|[\s_-])(?:author|byline|by-line|writer|contributor)(?:$|[\s_-]|name|s\b)", re.I)
_NOT_NAME = re.compile(r"(?:^|\s)(?:about|bio|avatar|image|img|photo|box|description|social|follow|more|posts|date)"
                       r"(?:$|[\s_-])", re.I)
_XPATH = ('//*[@rel="author"] | //*[@itemprop="author"] | '
          '//*[contains(@class, "author") or contains(@class, "byline") or contains(@id, "author") '
          'or contains(@id, "byline") or contains(@class, "writer") or contains(@class, "contributor")]')


def visible_byline(tree: Any, publisher: str | None = None) -> str | None:
    """The first plausible author name in byline markup, or None."""
    for el in tree.xpath(_XPATH)[:60]:
        if not _byline_element(el):
            continue
        name = _name_in(el)
        if name and not _is_site(name, publisher):
            return name
    return None


def _byline_element(el: Any) -> bool:
    if el.get("rel") == "author" or el.get("itemprop") == "author":
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_CLASS_HINT.search(marks)) and not _NOT_NAME.search(marks)


def _name_in(el: Any) -> str | None:
    """The first text piece of the element that is name-shaped ("By" alone, then "Jane Doe", then a date)."""
    named = el.xpath('.//*[@itemprop="name"]')
    if named:
        return clean_name(named[0].get("content") or named[0].text_content())
    pieces = [" ".join(t.split()) for t in el.itertext()]
    pieces = [p for p in pieces if p and not _BY.fullmatch(p)]
    for piece in pieces[:4]:
        if name := clean_name(piece):
            return name
    return None


def clean_name(text: str | None) -> str | None:
    """A byline reduced to the name(s): no "By", no date, no "| 5 min read"; None when not name-shaped."""
    if not text:
        return None
    text = " ".join(text.split())
    text = _BY.sub("", text)
    text = _CUT.sub("", text).strip(" ,;:-|")
    words = text.split()
    if not 1 <= len(words) <= 12 or len(text) > 100 or "@" in text or "http" in text.lower():
        return None
    if not any(w[:1].isupper() for w in words) or text.endswith((".", "!", "?")) and len(words) > 4:
        return None
    return None if looks_like_handle(text) else text


def looks_like_handle(text: str) -> bool:
    """A login name ("andrew.keaveney", "kffnirmitap", "jdoe_42") rather than a person's name."""
    return " " not in text and (text[:1].islower() or re.search(r"[._\d]", text) is not None)


def _is_site(name: str, publisher: str | None) -> bool:
    return bool(publisher) and re.sub(r"\W", "", name.lower()) == re.sub(r"\W", "", (publisher or "").lower())
