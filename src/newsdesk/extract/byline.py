"""The visible byline: the author name a reader sees next to the headline.

Structured data names an author less often than pages show one, and its "author" is sometimes
the organisation or a login handle. So after JSON-LD Person authors the page's own byline markup
is read — ``rel=author`` links, ``itemprop=author``, elements whose class or id says author or
byline, links to an author page — and only then the ``<meta name=author>`` tags, which CMSs often
fill with the site name. Pages that mark nothing still print a byline as text: "By Jane Doe" under
the headline, "Written by Jane Doe" in the bio box at the end, an "Authors" heading over a list of
names; :func:`text_bylines` finds those in the rendered text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: A month's name or abbreviation, and nothing longer ("Marna" and "Augustine" are names).
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_BY = re.compile(r"^\s*(?:(?:view\s+)?(?:all\s+)?(?:posts|articles|stories)\s+by|more\s+(?:posts\s+|articles\s+)?(?:from|by)"
                 r"|read\s+more\s+(?:about|from)|(?:written|posted|reviewed|words|text|article|recipe|authored|story)"
                 r"\s+by|by|author|authors|auteur|von|por|words)\b[:\s]*", re.I)
#: Labels and links around a byline that are not a name ("About the Author", "View more posts").
_NOT_A_NAME = re.compile(r"^(?:about(?:\s+the)?\s+(?:author|us)|(?:the\s+)?author|view\s+(?:more|all)\b.*|read\s+more"
                         r"|more|staff|guide|spotlight|here|contact|follow|share|home|team|editor|admin|connect\b.*|e-?mail|print|twitter"
                         r"|originally|(?:mon|tues?|wed|thu|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,.*"
                         r"|facebook|linkedin|[A-Z]{1,2}|\d.*"
                         r"|" + _MONTH + r")$|\b(?:by|via|from|with)$|©", re.I)
_CUT = re.compile(r"\s*(?:\||•|·|—|–|\bon\s+\w+\s+\d|\bon\s+behalf\s+of\b|\b(?:last\s+)?updated\b|\breviewed\s+by\b|\bpublished\b|\bposted\b|\d{1,2}\s*(?:min|minute)s?"
                  r"\s+read|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b" + _MONTH + r"\.?"
                  r"\s+\d{1,2}\b|\b\d{1,2}\s+" + _MONTH + r"\b|\b\d{4}-\d\d-\d\d"
                  r"|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)(?:day|nesday|rsday|urday)?\.?,\s).*$", re.I)
#: A link to an author's archive page ("/author/jane-doe/"): CMS bylines link the name there.
_AUTHOR_PAGE = re.compile(r"/authors?/[^/?#]+/?$")
_SEPARATOR = re.compile(r"\s+[·•|—–]\s+")
_CLASS_HINT = re.compile(r"(?:^|[\s_-])(?:author|byline|by-line|writer|contributor)(?:$|[\s_-]|name|s\b)", re.I)
_NOT_NAME = re.compile(r"(?:^|\s)(?:about|bio|avatar|image|img|photo|box|description|social|follow|more|posts|date)"
                       r"(?:$|[\s_-])|[_-](?:description|bio|biography|avatar|image|tag|tags|category|topic)(?:$|[\s_-])", re.I)
_COMMENTS = re.compile(r"comment|respond|discussion|review-list", re.I)
#: Class/id words of byline markup (a substring test, one C call per attribute).
_HINTS = ("author", "byline", "writer", "contributor")
_HINTED = re.compile("|".join(_HINTS)).search


def byline_elements(tree: Any) -> list[Any]:
    """The page's byline markup, in page order: ``rel``/``itemprop=author``, an author or byline
    class or id, a link to an author page. One walk of the tree (cheaper than the equivalent XPath
    with its ``contains()`` tests), reusable by the caller."""
    found = []
    for el in tree.iter():
        attrs = el.attrib
        if not attrs:
            continue
        if (_HINTED(attrs.get("class", "")) or _HINTED(attrs.get("id", "")) or attrs.get("rel") == "author"
                or attrs.get("itemprop") == "author" or el.tag == "a" and "/author" in attrs.get("href", "")):
            found.append(el)
            if len(found) >= 60:
                break
    return [el for el in found if _byline_element(el)]


def visible_byline(tree: Any, publisher: str | None = None, elements: list[Any] | None = None) -> str | None:
    """The author name(s) in the first byline markup, or None.

    Co-authors are often separate ``rel=author`` links side by side ("By <a>A</a>, <a>B</a> and
    <a>C</a>"): names from byline elements in the same byline block as the first are kept too.
    ``elements`` are :func:`byline_elements` when the caller already has them.
    """
    first, names = None, []
    for el in byline_elements(tree) if elements is None else elements:
        if first is not None and not _same_block(el, first):
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


#: A link to a section, topic or tag listing: its text is a category ("HR Strategy"), not a name.
_LISTING_LINK = re.compile(r"[/?&](?:\w+_)?(?:topics?|categor(?:y|ies)|tags?|sections?)[/=]", re.I)


def _byline_element(el: Any) -> bool:
    if _LISTING_LINK.search(el.get("href") or ""):
        return False
    if any(_COMMENTS.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in (el, *el.iterancestors())):
        return False  # a commenter, not the author
    if el.get("rel") == "author" or el.get("itemprop") == "author" or _AUTHOR_PAGE.search(el.get("href") or ""):
        return True
    marks = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_CLASS_HINT.search(marks)) and not _NOT_NAME.search(marks)


def _name_in(el: Any) -> str | None:
    """The byline's name(s): the whole element when it reads as names ("A, B and C", "Jane Doe, Dietitian"),
    else its first name-shaped text piece ("By" alone, then "Jane Doe", then a date)."""
    named = el.xpath('.//*[@itemprop="name"]')
    if named:
        return clean_name(named[0].get("content") or named[0].text_content())
    text = " ".join(" ".join(el.itertext()).split())
    whole = clean_name(text)
    if whole and len(whole.split()) <= 10:
        return whole
    for part in _SEPARATOR.split(text)[1:4]:  # "Dec. 19, 2025 · Niko Matsakis": the name after the date
        if (name := clean_name(part)) and len(name.split()) <= 10:
            return name
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
    text = _unpaired(_CUT.sub("", text).strip(" ,;:-|"))
    words = text.split()
    if not words or not_a_name(text):
        return None
    if not 1 <= len(words) <= 12 or len(text) > 100 or "@" in text or "http" in text.lower():
        return None
    if not any(w[:1].isupper() for w in words) or text.endswith((".", "!", "?")) and len(words) > 4:
        return None
    if _lowercase_word(words):
        return None
    return None if looks_like_handle(text) else text


def _unpaired(text: str) -> str:
    """A name without the bracket its block cut in half ("Ana Ruiz and Bo Chen)" from "(Photos: … and Bo
    Chen)"): an author line printed with a stray bracket reads as a parsing slip."""
    if text.endswith(")") and "(" not in text:
        text = text[:-1].rstrip(" ,;:-|")
    if text.startswith("(") and ")" not in text:
        text = text[1:].lstrip()
    return text


#: Lower-case words that may sit inside a name or a list of names.
_NAME_JOINERS = {"van", "von", "de", "der", "den", "da", "del", "di", "la", "le", "du", "bin", "al", "and", "&", "y",
                 "e", "of", "for", "the", "with", "und", "et", "dos", "das", "ten", "ter", "zu", "editors", "staff",
                 "team", "writers", "contributors", "desk"}


def _lowercase_word(words: list[str]) -> bool:
    """A capitalised text with a lower-case word that joins no names: a section or a phrase
    ("Personal finance", "Niko Matsakis on behalf of"), not a byline. All-lower-case texts
    (a nickname, "crazy lennys") are left to the other checks."""
    if not words[0][:1].isupper():
        return False
    return any(w[:1].islower() and w.strip(",;:.()").lower() not in _NAME_JOINERS for w in words[1:])


def not_a_name(text: str) -> bool:
    """A byline label, a link caption or a commenter's "X says" rather than a name."""
    return bool(_NOT_A_NAME.search(text.strip())) or text.rstrip().lower().endswith(" says")


def looks_like_handle(text: str) -> bool:
    """A login name ("andrew.keaveney", "kffnirmitap", "jdoe_42") rather than a person's name."""
    return " " not in text and (text[:1].islower() or re.search(r"[._\d]", text) is not None)


def _is_site(name: str, publisher: str | None) -> bool:
    return bool(publisher) and re.sub(r"\W", "", name.lower()) == re.sub(r"\W", "", (publisher or "").lower())


#: (The lookahead states the cues' first letters: the same matches, found without trying every cue
#: at every position of the page's text.)
_TEXT_BY = re.compile(r"(?=[wptasrbc])(?<!\w)(?P<cue>(?:written|posted|words|text|article|authored|story|reported)\s+by"
                      r"|by|(?P<label>authors?|author\(s\)|contributors?|writers?))[ \t]*(?P<colon>:)?\s+", re.I)
#: "Written by Jane Doe" names the author wherever it stands (the bio box under the article);
#: a bare "by" is a byline only near the headline, unless it is a label alone on its line.
_STRONG_CUE = re.compile(r"(?:written|authored|words|story|reported|article)\s+by", re.I)
_PARTICLES = {"van", "von", "de", "der", "den", "da", "del", "di", "la", "le", "du", "bin", "al", "and", "&"}
_STOP = re.compile(r"^(?:updated|published|posted|last"
                   r"|on|in|at|for|the|read|min|share|photo|image|reviewed|edited|written|view|i|we|our|this)$|\d", re.I)
#: "Sort by Price", "Powered by WordPress": a "by" after these words introduces no author.
_NOT_BYLINE = re.compile(r"(?:sort|filter|shop|browse|search|buy|buying|powered|followed|inspired|caused|made|hosted|"
                         r"sponsored|presented|brought|owned|run|used|approved|backed|funded|supported|rated|trusted|"
                         r"loved|provided|built|designed|developed|operated|managed|led|organized|organised|reviewed|edited|checked|"
                         r"photographed|photo|photos|image|images|illustrated|illustration|translated)\s*$", re.I)
#: How far around the headline a "By Jane Doe" counts (characters of rendered text).
_TEXT_WINDOW = (-1000, 3000)
#: Where a byline printed right under (or just above) the headline sits: what a reader takes for the author.
_NEAR_HEADLINE = (-300, 600)


@dataclass(frozen=True)
class TextByline:
    """A "By Jane Doe" found in the rendered text: the name, where it stands relative to the
    headline (characters), and whether its cue names an author on its own ("Written by", a
    "By" label alone on its line) or only near the headline (an inline "by")."""

    name: str
    offset: int
    strong: bool
    site: bool = False  # the name is the publisher's: a company page's own byline

    @property
    def under_headline(self) -> bool:
        return _NEAR_HEADLINE[0] <= self.offset <= _NEAR_HEADLINE[1]


def text_bylines(text: str, anchor: int, publisher: str | None = None, limit: int = 3) -> list[TextByline]:
    """The first ``limit`` bylines in the rendered text, in page order (see :func:`text_byline`);
    those naming the publisher are flagged ``site``."""
    found: list[TextByline] = []
    for m in _TEXT_BY.finditer(text):
        offset = m.start() - anchor
        alone = _label_alone(text, m)
        if m.group("label") and not (alone or m.group("colon")):
            continue  # "author" in a sentence; only "Author: Jane Doe" or an "Authors" heading is a label
        strong = bool(m.group("label") or _STRONG_CUE.fullmatch(m.group("cue"))) or alone
        if not strong and not _TEXT_WINDOW[0] <= offset <= _TEXT_WINDOW[1]:
            continue
        if _NOT_BYLINE.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        name = (_names_listed(text[m.end() : m.end() + 400]) if alone and m.group("label") else
                _name_after(text[m.end() : m.end() + 160], strong))
        if name:
            found.append(TextByline(name, offset, strong, _is_site(name, publisher)))
            if len(found) >= limit:
                break
    return found


def text_byline(text: str, anchor: int, publisher: str | None = None) -> str | None:
    """A "By Jane Doe" / "Written by A and B" in the rendered text near the headline, or None.

    Pages often print the byline in markup with no author class, rel or itemprop; the words
    "by"/"written by" followed by capitalised words are then the only cue. At least two name
    words are required after a bare "by", so "by Design" or "by email" are not taken for people.
    The byline right under the headline wins over one further away.
    """
    found = [b for b in text_bylines(text, anchor, publisher) if not b.site]
    best = [b for b in found if b.under_headline] or found
    return best[0].name if best else None


def _names_listed(rest: str) -> str | None:
    """Names one per line under an "Authors" heading, up to the first line that is not one."""
    names: list[str] = []
    for line in rest.split("\n")[:8]:
        name = _name_after(line, True)
        if not name or not (2 if names else 1) <= len(name.split()) <= 6 or _INTERFACE.search(name):
            break
        names.append(name)
    return ", ".join(names) or None


#: Words of the links and headings that follow a list of authors ("Related Content", "Copy Link").
_INTERFACE = re.compile(r"\b(?:related|download|copy|link|share|print|e-?mail|content|more|read|view|program|tags?"
                        r"|categor(?:y|ies)|subscribe|follow|contact|menu|search|home|topics?)\b", re.I)


def _label_alone(text: str, m: re.Match[str]) -> bool:
    """Whether the cue ("By", "Written by") is a label on a line of its own, the name on the next."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return not text[line_start : m.start()].strip() and "\n" in m.group()


def _name_after(rest: str, strong: bool) -> str | None:
    """The name(s) a byline cue introduces: capitalised words up to the end of their line, co-authors
    separated by commas, "and" or "&" included ("Dr Ann Lee , Bo Chen and Eve Stone")."""
    words: list[str] = []
    line = rest.lstrip().split("\n", 1)[0]  # the name ends with its block
    tokens = line.split()[:16]
    for i, word in enumerate(tokens):
        bare = word.strip(",;:|()")
        if re.fullmatch(_MONTH + r"\.?", bare, re.I) and tokens[i + 1 : i + 2] and tokens[i + 1][:1].isdigit():
            break  # "Jan 5, 2025" ends the name; "Jan Novak" is one
        if not bare and word == ",":
            words.append(word)
            continue
        if bare.endswith(("'s", "’s")):
            return None  # "by George Hotz's company": an owner, not a byline
        if (not bare or _STOP.search(bare) or not (bare[:1].isupper() or bare.lower() in _PARTICLES)
                or len(bare) > 4 and bare.isupper() and not strong):
            break
        words.append(word)
        if word.endswith((".", ";", "|", ":")) and len(bare) > 2:
            break
    after = tokens[len(words)] if len(words) < len(tokens) else ""
    while words and (words[-1] == "," or words[-1].strip(",;:|").lower() in _PARTICLES):
        words.pop()
    names = [w for w in words if w != ","]
    if not strong and all(w.isupper() for w in names):
        return None  # "BY USE CASE", a menu heading
    separated = after in ("·", "•", "|", "—", "–")  # "by Amanda · Dec 20, 2025"
    if not (1 if strong or separated else 2) <= len(names) <= 12 or any(w.endswith(":") for w in names):
        return None
    return clean_name(" ".join(words).replace(" ,", ","))


#: A date as a byline line prints it ("23.07.2025", "Feb 16, 2026", "2025-12-17") or a reading time.
_DATE_LINE = re.compile(r"^(?:\w+,?\s+)?(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d\d-\d\d|" + _MONTH + r"\.?\s+\d{1,2}\b"
                        r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r"\b|\d{1,2}\s*min(?:ute)?s?\s+read)", re.I)
#: How far after the headline a name printed beside its date counts (characters of rendered text).
_DATELINE_WINDOW = 600
_LINE_SEPARATOR = re.compile(r"\s+[|·•●]\s*|\s*[|·•●]\s+")


def dateline_byline(text: str, anchor: int, publisher: str | None = None) -> str | None:
    """A name printed on its own beside the article's date under the headline, with no "By":
    "Elliot Raba" over "23.07.2025 · 6 min read", "2025-12-17 ·" over "Trond Teigen", or
    "Aaron Ricadela | Senior Writer | July 2, 2025" on one line.

    Many CMS templates print the byline block as name and date and nothing else; the date beside it
    is what tells a name from a section label. Only the lines just under the headline are read,
    only person-shaped names count, and only when nothing names the author more explicitly (the
    caller's last resort, and only when the page's headline was located: without it nothing tells
    the byline block from a teaser's). A section label set in title case beside the date ("Harbour
    News") cannot be told from a name by its shape; sentence-case labels are refused."""
    lines = text[anchor : anchor + _DATELINE_WINDOW].split("\n")[1:-1]  # whole lines after the headline
    for i, line in enumerate(lines[:10]):
        parts = _LINE_SEPARATOR.split(line)
        if len(parts) > 1 and any(_DATE_LINE.match(p) for p in parts[1:]):
            name = _dateline_name(parts[0], publisher)
        elif len(parts) > 1 and _DATE_LINE.match(parts[0]):  # "Dec 26, 2025 • Mahua Das in Project Management"
            name = _dateline_name(re.sub(r"\s+in\s+[A-Z].*$", "", parts[1]), publisher)
        elif _DATE_LINE.match(lines[i + 1] if i + 1 < len(lines) else "") or (
                i > 0 and _DATE_LINE.match(lines[i - 1]) and len(lines[i - 1]) <= 40):
            name = _dateline_name(line, publisher)
        else:
            continue
        if name:
            return name
    return None


_INITIAL = re.compile(r"[A-Z]\.")


def _dateline_name(line: str, publisher: str | None) -> str | None:
    """``line`` when it is nothing but person-shaped names ("Naftali Tishby, Fernando C. Pereira")."""
    line = line.strip(" ,;|·•")
    names = [n.split() for n in re.split(r",\s*|\s+(?:and|&)\s+", line) if n.strip()]
    if not 1 <= len(names) <= 6 or len(line) > 120:
        return None
    for words in names:
        if not 2 <= len(words) <= 4 or words[0].lower() in _PARTICLES or not all(
                _PERSON_WORD.fullmatch(w) and w not in _FUNCTION_WORDS or _INITIAL.fullmatch(w)
                or w.lower() in _PARTICLES for w in words):
            return None
    name = clean_name(line)
    return name if name and not _is_site(name, publisher) and not _INTERFACE.search(name) else None


_PERSON_WORD = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:[A-Z]+)?(?:[-'’][A-Z]?[a-z]+)*")
_FUNCTION_WORDS = {"The", "Of", "And", "For", "In", "On", "At", "To", "A", "An", "By", "All", "No", "Our", "Your", "My"}


def _person_shaped(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 3 and all(_PERSON_WORD.fullmatch(w) and w not in _FUNCTION_WORDS for w in words)


def full_name(name: str, text: str) -> str:
    """A one-word byline ("Juliette") widened to the full name the page prints on a line of its
    own ("Juliette Carreiro"): author boxes link the first name and print the whole one."""
    if " " in name or not name[:1].isupper():
        return name
    m = re.search(r"^" + re.escape(name) + r"(?: [A-Z][\w'’-]+){1,2}$", text, re.M)
    if not m or not _person_shaped(m.group()) or _ORGANISATION_WORDS & set(m.group().split()[1:]):
        return name
    return m.group()


#: Words that end an organisation's or a section's name ("Soliant Blog", "Accruent Academy"), not a surname.
_ORGANISATION_WORDS = {"Blog", "News", "Team", "Staff", "Media", "Group", "Academy", "Inc", "Ltd", "Magazine", "Press",
                       "Online", "Store", "Shop", "Labs", "Studio", "Journal", "Review", "Daily", "Weekly", "Today"}
