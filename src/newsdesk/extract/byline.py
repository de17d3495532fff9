"""The visible byline: the author name a reader sees next to the headline.

Structured data names an author less often than pages show one, and its "author" is sometimes
the organisation or a login handle. So after JSON-LD Person authors the page's own byline markup
is read — ``rel=author`` links, ``itemprop=author``, elements whose class or id says author or
byline — and only then the ``<meta name=author>`` tags, which CMSs often fill with the site name.
"""

from __future__ import annotations

import re
from typing import Any

_BY = re.compile(r"^\s*(?:(?:view\s+)?(?:all\s+)?(?:posts|articles|stories)\s+by|more\s+(?:posts\s+|articles\s+)?(?:from|by)"
                 r"|read\s+more\s+(?:about|from)|(?:written|posted|reviewed|words|text|article|recipe|authored|story)"
                 r"\s+by|by|author|authors|auteur|von|por|words)\b[:\s]*", re.I)
#: Labels and links around a byline that are not a name ("About the Author", "View more posts").
_NOT_A_NAME = re.compile(r"^(?:about(?:\s+the)?\s+(?:author|us)|(?:the\s+)?author|view\s+(?:more|all)\b.*|read\s+more"
                         r"|more|staff|guide|spotlight|here|contact|follow|share|home|team|editor|admin|connect\b.*|e-?mail|print|twitter"
                         r"|facebook|linkedin|[A-Z]{1,2}|\d.*"
                         r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)$|\b(?:by|via|from|with)$|©", re.I)
_CUT = re.compile(r"\s*(?:\||•|·|—|–|\bon\s+\w+\s+\d|\b(?:last\s+)?updated\b|\breviewed\s+by\b|\bpublished\b|\bposted\b|\d{1,2}\s*(?:min|minute)s?"
                  r"\s+read|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                  r"[a-z]*\.?\s+\d{1,2}\b|\b\d{4}-\d\d-\d\d).*$", re.I)
_CLASS_HINT = re.compile(r"(?:^|[\s_-])(?:author|byline|by-line|writer|contributor)(?:$|[\s_-]|name|s\b)", re.I)
_NOT_NAME = re.compile(r"(?:^|\s)(?:about|bio|avatar|image|img|photo|box|description|social|follow|more|posts|date)"
                       r"(?:$|[\s_-])", re.I)
_COMMENTS = re.compile(r"comment|respond|discussion|review-list", re.I)
_XPATH = ('//*[@rel="author"] | //*[@itemprop="author"] | '
          '//*[contains(@class, "author") or contains(@class, "byline") or contains(@id, "author") '
          'or contains(@id, "byline") or contains(@class, "writer") or contains(@class, "contributor")]')


def visible_byline(tree: Any, publisher: str | None = None) -> str | None:
    """The author name(s) in the first byline markup, or None.

    Co-authors are often separate ``rel=author`` links side by side ("By <a>A</a>, <a>B</a> and
    <a>C</a>"): names from byline elements in the same byline block as the first are kept too.
    """
    first, names = None, []
    for el in tree.xpath(_XPATH)[:60]:
        if not _byline_element(el) or first is not None and not _same_block(el, first):
            continue
        name = _name_in(el)
        if name and not _is_site(name, publisher):
            first = el if first is None else first
            names.append(name)
    return ", ".join(_distinct(names)) or None


def _same_block(el: Any, first: Any) -> bool:
    """Whether ``el`` sits next to ``first`` (same parent, or one level down) and not inside it."""
    block, parent = first.getparent(), el.getparent()
    return parent is not None and (parent is block or parent.getparent() is block) and first not in el.iterancestors()


def _distinct(names: list[str]) -> list[str]:
    """Names without repeats, nor names contained in an already kept one ("A" after "A, Editor")."""
    kept: list[str] = []
    for name in names:
        if not any(name.lower() in k.lower() for k in kept):
            kept = [k for k in kept if k.lower() not in name.lower()] + [name]
    return kept


def _byline_element(el: Any) -> bool:
    if any(_COMMENTS.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in (el, *el.iterancestors())):
        return False  # a commenter, not the author
    if el.get("rel") == "author" or el.get("itemprop") == "author":
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_CLASS_HINT.search(marks)) and not _NOT_NAME.search(marks)


def _name_in(el: Any) -> str | None:
    """The byline's name(s): the whole element when it reads as names ("A, B and C", "Jane Doe, Dietitian"),
    else its first name-shaped text piece ("By" alone, then "Jane Doe", then a date)."""
    named = el.xpath('.//*[@itemprop="name"]')
    if named:
        return clean_name(named[0].get("content") or named[0].text_content())
    whole = clean_name(" ".join(el.itertext()))
    if whole and len(whole.split()) <= 10:
        return whole
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
    text = " ".join(text.split()).replace(" ,", ",")
    text = _BY.sub("", text)
    text = _CUT.sub("", text).strip(" ,;:-|")
    words = text.split()
    if not words or not_a_name(text):
        return None
    if not 1 <= len(words) <= 12 or len(text) > 100 or "@" in text or "http" in text.lower():
        return None
    if not any(w[:1].isupper() for w in words) or text.endswith((".", "!", "?")) and len(words) > 4:
        return None
    return None if looks_like_handle(text) else text


def not_a_name(text: str) -> bool:
    """A byline label, a link caption or a commenter's "X says" rather than a name."""
    return bool(_NOT_A_NAME.search(text.strip())) or text.rstrip().lower().endswith(" says")


def looks_like_handle(text: str) -> bool:
    """A login name ("andrew.keaveney", "kffnirmitap", "jdoe_42") rather than a person's name."""
    return " " not in text and (text[:1].islower() or re.search(r"[._\d]", text) is not None)


def _is_site(name: str, publisher: str | None) -> bool:
    return bool(publisher) and re.sub(r"\W", "", name.lower()) == re.sub(r"\W", "", (publisher or "").lower())


_TEXT_BY = re.compile(r"(?<!\w)(?:(?:written|posted|words|text|article|authored|story|reported)\s+by|by)[ \t]*:?\s+",
                      re.I)
_PARTICLES = {"van", "von", "de", "der", "den", "da", "del", "di", "la", "le", "du", "bin", "al", "and", "&"}
_STOP = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$|^(?:updated|published|posted|last"
                   r"|on|in|at|for|the|read|min|share|photo|image|reviewed|edited|written|view|i|we|our|this)$|\d", re.I)
#: "Sort by Price", "Powered by WordPress": a "by" after these words introduces no author.
_NOT_BYLINE = re.compile(r"(?:sort|filter|shop|browse|search|buy|buying|powered|followed|inspired|caused|made|hosted|"
                         r"sponsored|presented|brought|owned|run|used|approved|backed|funded|supported|rated|trusted|"
                         r"loved|provided|built|designed|developed|operated|managed|led|organized|organised)\s*$", re.I)
#: How far around the headline a "By Jane Doe" counts (characters of rendered text).
_TEXT_WINDOW = (-1000, 3000)


def text_byline(text: str, anchor: int, publisher: str | None = None) -> str | None:
    """A "By Jane Doe" / "Written by A and B" in the rendered text near the headline, or None.

    Pages often print the byline in markup with no author class, rel or itemprop; the words
    "by"/"written by" followed by capitalised words are then the only cue. At least two name
    words are required, so "by Design" or "by email" are not taken for people.
    """
    lo, hi = max(0, anchor + _TEXT_WINDOW[0]), anchor + _TEXT_WINDOW[1]
    window = text[lo:hi]
    for m in _TEXT_BY.finditer(window):
        if _NOT_BYLINE.search(window[max(0, m.start() - 20) : m.start()]):
            continue
        words = []
        line = window[m.end() : m.end() + 120].lstrip().split("\n", 1)[0]  # the name ends with its block
        for word in line.split()[:10]:
            bare = word.strip(",;:|()")
            if (not bare or _STOP.search(bare) or not (bare[:1].isupper() or bare.lower() in _PARTICLES)
                    or len(bare) > 4 and bare.isupper()):
                break
            words.append(word)
            if word.endswith((".", ";", "|")) and len(bare) > 2:
                break
        while words and words[-1].strip(",;:|").lower() in _PARTICLES:
            words.pop()
        if 2 <= len(words) <= 7 and (name := clean_name(" ".join(words))) and not _is_site(name, publisher):
            return name
    return None
