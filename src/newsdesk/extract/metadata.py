"""Page metadata from structured markup: JSON-LD, OpenGraph/article meta tags, <title>, <time>.

Publishers put their real publication date and byline in JSON-LD and meta tags; text dates are
often "updated", "related" or copyright years. So structured sources are read first and the text
(trafilatura/htmldate) only fills what they leave empty — that happens in ``extract.html``.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from newsdesk.extract.byline import (
    byline_elements,
    dateline_byline,
    full_name,
    looks_like_handle,
    not_a_name,
    text_bylines,
    visible_byline,
)
from newsdesk.extract.dates import DateCandidate, choose_date, date_candidates, parse_date
from newsdesk.extract.visible_text import rendered_text

__all__ = ["PageMeta", "clean_title", "parse_date", "parse_html", "read_metadata", "title_suffix"]

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "report", "liveblogposting",
}
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|«|»|·|•)\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class PageMeta:
    """What structured markup says about a page; every field may be missing."""

    title: str | None = None
    author: str | None = None
    date: str | None = None  # publication date
    modified: str | None = None  # last-modified date: a last resort when nothing states publication
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    is_article: bool = False  # og:type article or an Article-like JSON-LD type
    date_candidates: tuple[DateCandidate, ...] = ()  # every day the page states, for the date ranker


def parse_html(text: str) -> Any:
    """An lxml tree for decoded page text (an XML declaration would make lxml refuse a str)."""
    return lxml_html.document_fromstring(_XML_DECL.sub("", text) or "<html></html>")


def read_metadata(tree: Any, base_url: str | None, not_after: date | None = None) -> PageMeta:
    """Collect title, author, date, canonical URL, publisher and language from a parsed page."""
    meta = _meta_tags(tree)
    ld_docs = _jsonld_documents(tree)
    article = _find_article(ld_docs)
    ld = article or _find_headlined(ld_docs) or {}
    publisher = meta.get("og:site_name") or _ld_name(ld.get("publisher")) or meta.get("application-name")
    titles = [meta.get("og:title"), _text(ld.get("headline")), _title_tag(tree)]
    declared = next((t for t in titles if t), None)
    headline = _headline_element(tree, titles)
    heading = (_without_kicker(headline, titles) or _heading_text(headline)) if headline is not None else None
    title = _reader_title(heading, declared, publisher, base_url)
    if headline is not None and title:
        title = _printed_title(tree, title, titles, publisher, base_url) or title
    if title and _sentence(title):
        title = _headline_shaped(title, titles, publisher, base_url) or title
    url = _absolute(_canonical(tree) or meta.get("og:url") or _text(ld.get("url")), base_url)
    rendered = rendered_text(tree, headline)
    dates = tuple(date_candidates(tree, ld_docs, meta, base_url or url, rendered, not_after))
    modified = _first_date([_text(ld.get("dateModified")), meta.get("article:modified_time")], not_after)
    author = _author(tree, _resolved(ld, ld_docs), meta, publisher, rendered, headed=headline is not None,
                     article=article is not None)
    og_type = (meta.get("og:type") or "").lower()
    return PageMeta(
        title=clean_title(title, publisher, base_url or url) if title else None,
        author=author,
        date=choose_date(list(dates)),
        modified=modified,
        url=url,
        publisher=publisher.strip() if publisher else title_suffix(title),
        language=(tree.get("lang") or meta.get("og:locale") or meta.get("content-language") or "").strip() or None,
        is_article=og_type == "article" or article is not None,
        date_candidates=dates,
    )


def _reader_title(heading: str | None, declared: str | None, publisher: str | None, url: str | None) -> str | None:
    """The headline the reader sees (the <h1>), except where the h1 is a banner around it: set in
    capitals ("SUPPORTING GAAP COMPLIANCE") while the declared title is not, or the declared title
    behind a section label ("Blog: Best Agencies …"), or the declared title with characters lost to
    a wrong charset ("Event Planning? Beginner? Guide" for "Event Planning: Beginner's Guide")."""
    if not heading or not declared:
        return heading or declared
    if heading.isupper() and not declared.isupper():
        return _in_heading_order(heading, clean_title(declared, publisher, url)) or declared
    if _damaged(heading, clean_title(declared, publisher, url)):
        return declared
    plain = " ".join(_words(clean_title(declared, publisher, url)))
    labelled = re.match(r"[^\W\d]+(?: [^\W\d]+)?: ", heading)
    return declared if labelled and plain and " ".join(_words(heading[labelled.end() :])) == plain else heading


def _in_heading_order(heading: str, declared: str) -> str | None:
    """The declared title for a heading set in capitals, but in the heading's word order when both
    hold the same words ("BEGINNER MARATHON PLAN" over "Marathon Beginner Plan"): the reader sees
    that order, and the declared title only gives back the letters' case."""
    if sorted(_words(heading)) != sorted(_words(declared)) or _words(heading) == _words(declared):
        return None
    cased = {w.lower(): w for w in re.findall(r"\S+", declared)}
    return " ".join(cased.get(w.lower(), w.capitalize()) for w in heading.split())


def _sentence(title: str) -> bool:
    """Whether a title reads as a sentence, not a headline: it ends with a full stop after a plain
    word and its longer words are in lower case ("Here are the six types of HR outsourcing."). Such
    an og:title or <h1> is a teaser line; a declared title shaped as a headline is the title."""
    if not re.search(r"[^\W\d_]{2,}\s?\.$", title) or re.search(r"\b[^\W\d_]\.[^\W\d_]\.$", title):
        return False
    longer = [w for w in re.findall(r"[^\W\d_]+", title)[1:] if len(w) > 3]
    return len(longer) >= 2 and sum(w[0].isupper() for w in longer) * 4 <= len(longer)


def _headline_shaped(sentence: str, declared: list[str | None], publisher: str | None, url: str | None) -> str | None:
    """A declared title shaped as a headline that says something else than ``sentence`` (not the
    same sentence with a site name after it, "… soon. - Forum Name")."""
    said = " ".join(_words(sentence))
    for value in declared:
        title = clean_title(value, publisher, url) if value else ""
        if title and not _sentence(title) and not " ".join(_words(title)).startswith(said):
            return title
    return None


def _damaged(heading: str, declared: str) -> bool:
    """Whether ``heading`` is ``declared`` with some characters turned into "?" or "\ufffd" (text
    stored in one charset and served in another), e.g. "Beginner? Guide" for "Beginner's Guide"."""
    if "?" not in heading and "\ufffd" not in heading or heading == declared:
        return False
    pattern = "".join(r"\S{1,3}" if ch in "?\ufffd" else re.escape(ch) for ch in heading)
    return re.fullmatch(pattern, declared) is not None


def _without_kicker(el: Any, declared: list[str | None]) -> str | None:
    """The <h1>'s words after a kicker — a block of its own opening the heading ("<div>Get that tech
    stack</div> Klatch Coffee") — when those words are what the page declares as its title."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or first.tag not in ("div", "p") or (el.text or "").strip() or not first.text_content().strip():
        return None
    parts = [first.tail or ""]
    for child in first.itersiblings():
        parts += [_heading_text(child) if isinstance(child.tag, str) and not _decoration(child) else "", child.tail or ""]
    rest = " ".join(" ".join(parts).split())
    segments = {" ".join(_words(_TITLE_SEPARATORS.split(d)[0])) for d in declared if d}
    return rest if len(rest.split()) >= 2 and " ".join(_words(rest)) in segments else None


def _printed_title(tree: Any, title: str, declared: list[str | None], publisher: str | None,
                   url: str | None) -> str | None:
    """A declared title (og:title, JSON-LD headline, <title>) that the page also prints as a heading
    of its own, when the <h1> says something else: the <h1> is then a hero banner's slogan or a
    shortened form ("Best Travel Insurance for Seniors" over an <h2> "… in 2025") and the title the
    publisher declared is the one it shows as the article's heading."""
    wanted = {" ".join(w) for d in declared if d and (w := _words(clean_title(d, publisher, url)))}
    wanted.discard(" ".join(_words(clean_title(title, publisher, url))))
    if not wanted:
        return None
    for el in tree.iter("h1", "h2", "h3"):
        words = " ".join(_words(el.text_content()))  # the C-level text first: most headings differ outright
        if any(w in words for w in wanted) and " ".join(_words(text := _heading_text(el))) in wanted:
            return text
    return None


def _first_date(candidates: list[str | None], not_after: date | None) -> str | None:
    return next((d for d in (parse_date(c, not_after) for c in candidates if c) if d), None)


def clean_title(title: str, publisher: str | None, url: str | None) -> str:
    """Drop a trailing " | Site" / " - Site" that names the publisher (or is a short pipe suffix)."""
    title = _without_host_prefix(" ".join(_MOJIBAKE.sub(_utf8_again, title).split()), url)
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    last_sep, first_sep = separators[-1], separators[0]
    head, last = title[: last_sep.start()], title[last_sep.end() :]
    short_pipe = last_sep.group().strip() == "|" and len(last.split()) <= 4 and len(head.split()) >= 3
    if _names_site(last, publisher, url) or short_pipe:
        return head
    if _names_site(title[: first_sep.start()], publisher, url):  # "Site | Headline", "Site | site.com - Headline"
        rest = title[first_sep.end() :]
        return clean_title(rest, publisher, url) if len(separators) > 1 else rest
    return title


def _without_host_prefix(title: str, url: str | None) -> str:
    """"davidbau.com Vibe Coding" → "Vibe Coding": a title that opens with the site's host name."""
    host = _host(url)
    if host and title.lower().startswith(host + " "):
        return title[len(host) :].lstrip(" -–—|:·•»") or title
    return title


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


#: UTF-8 bytes read as Latin-1 and encoded again ("Investorâ\x80\x99s"): CMSs store titles so.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf]{1,3}")


def _utf8_again(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def title_suffix(title: str | None) -> str | None:
    """The site name a " | Site" title suffix carries, used as publisher when nothing better exists."""
    if not title or " | " not in title:
        return None
    last = title.rsplit(" | ", 1)[1].strip()
    return last if 0 < len(last.split()) <= 4 else None


def _names_site(part: str, publisher: str | None, url: str | None) -> bool:
    """Whether a title part is the site's name: the publisher, a label of the host, the host, or the
    host's last two labels ("Newegg.com" on promotions.newegg.com, a shop's campaign subdomain)."""
    norm = re.sub(r"[^a-z0-9]", "", part.lower())
    if not norm:
        return False
    if publisher and norm == re.sub(r"[^a-z0-9]", "", publisher.lower()):
        return True
    if host := _host(url):
        labels = [label for label in host.split(".") if label not in ("com", "org", "net", "co", "uk")]
        return (any(norm == re.sub(r"[^a-z0-9]", "", label) for label in labels) or norm == host.replace(".", "")
                or norm == "".join(host.split(".")[-2:]))
    return False


def _meta_tags(tree: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip()
        value = (el.get("content") or "").strip()
        if key and value:
            out.setdefault(key.lower(), value)
    return out


def _author(tree: Any, ld: dict[str, Any], meta: dict[str, str], publisher: str | None,
            rendered: tuple[str, int], *, headed: bool = True, article: bool = True) -> str | None:
    """The byline, from the most to the least reliable source.

    JSON-LD Person authors and ``citation_author`` tags name people on purpose; a person-shaped
    ``<meta name=author>`` (not the site's name, not a login handle or an "Admin" account) beats
    byline markup, whose author-classed elements also hold related-story teasers and avatars —
    unless the page never shows that person and prints "By Jane Doe" under the headline (metadata
    then names an uploader), or a meta tag names someone else than the "By" line printed right
    under the headline; it is widened to the printed byline when that names the same person and
    more (co-authors, credentials). Then the byline markup (a one-word name widened to the full
    name the page prints), then an author named like the site (a company page) unless a "By" line
    right under the headline names someone else, then "By Jane Doe" / "Written by" in the text.
    Last resorts, when the page names nobody else: a login handle or e-mail the metadata gives (in
    JSON-LD only when it is an Article's: a forum post's poster is no byline), a name printed
    beside the date under the headline. (A JSON-LD Organization author other than the publisher
    was tried: it names Wikipedia's and documentation pages' "authors" and so makes them look
    like articles to the page-type model, for one WCXB article gained.)
    """
    structured = _ld_people(ld.get("author"))
    declared = next((a for k in _AUTHOR_META if (a := _person(meta.get(k)))), None) or _written_by(meta)
    person = _not_site(structured, publisher) or _citation_authors(tree) or _not_site(declared, publisher)
    elements = byline_elements(tree)
    visible = visible_byline(tree, publisher, elements)
    found_bylines = text_bylines(*rendered, publisher)
    bylines = [b for b in found_bylines if not b.site]
    under = next((b.name for b in bylines if b.under_headline), None)
    printed = next((b.name for b in bylines if 0 <= b.offset <= _RIGHT_UNDER), None)
    if person:
        if under and not _shown(person, rendered[0]):
            return under  # metadata names someone the page never shows (an uploader); the reader sees this
        if person == declared and not structured and _someone_else(printed, person):
            return printed  # a meta tag (a CMS account) against the "By" line printed under the headline
        return full_name(_fuller(person, [visible, *(b.name for b in bylines)]), rendered[0])
    if visible:
        return full_name(visible, rendered[0])
    if found := structured or declared:  # named like the site: a "By" line under the headline is more specific
        return printed if _someone_else(printed, found) else full_name(found, rendered[0])
    written = next((b for b in found_bylines if b.under_headline), None) or next(iter(found_bylines), None)
    if written and not written.site:
        return written.name
    if found := visible_byline(tree, None, elements) or (written.name if written else None):
        return found  # a byline naming the site itself (a company page) is better than none
    return _handle(ld if article else {}, meta) or (dateline_byline(*rendered, publisher) if headed else None)


def _someone_else(printed: str | None, name: str) -> bool:
    """Whether a printed byline exists and shares no word with ``name``."""
    return bool(printed) and not set(_words(name)) & set(_words(printed or ""))


#: What templates print when the author field is empty.
_PLACEHOLDERS = {"undefined", "null", "none", "nan", "admin", "author", "unknown"}


def _handle(ld: dict[str, Any], meta: dict[str, str]) -> str | None:
    """A login handle or e-mail the metadata gives as the author: the last resort, when the page
    names nobody else (it is what the site itself calls the author)."""
    for value in (meta.get("author"), _ld_name(ld.get("author"))):
        handle = (value or "").strip()
        if (handle and looks_like_handle(handle) and len(handle) <= 40 and not handle.startswith(("http", "/"))
                and handle.lower() not in _PLACEHOLDERS):
            return handle
    return None


def _shown(name: str, text: str) -> bool:
    """Whether the page's visible text shows (the first words of) ``name``."""
    words = _words(name)[:2]
    return bool(words) and re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", text, re.I) is not None


#: How far under the headline (characters) a "By" line is the article's own byline, not a quote's.
_RIGHT_UNDER = 150
_JOINERS = {"and", "with", "by", "und", "et", "y"}


def _fuller(name: str, others: list[str | None]) -> str:
    """The byline the page prints when it names ``name`` and more: metadata often carries only the
    first of several co-authors ("Rui Ma" for "Rui Ma, Heba Ledwon & Suparn Patra") or drops the
    credentials the reader sees ("Mike Marshall, Shipping Expert")."""
    want = set(_words(name))
    return next((o for o in others if o and want < set(_words(o)) - _JOINERS and len(o) <= 160), name)


def _written_by(meta: dict[str, str]) -> str | None:
    """The "Written by" pair of Twitter card labels (``twitter:label1``/``twitter:data1``) that
    Yoast-style SEO plugins emit with the post author's display name."""
    for i in range(1, 5):
        if re.fullmatch(r"\s*(?:written|posted)\s+by\s*", meta.get(f"twitter:label{i}", ""), re.I):
            return _person(meta.get(f"twitter:data{i}"))
    return None


def _same_name(name: str, publisher: str | None) -> bool:
    return bool(publisher) and re.sub(r"\W", "", name.lower()) == re.sub(r"\W", "", (publisher or "").lower())


def _not_site(name: str | None, publisher: str | None) -> str | None:
    return None if name is None or _same_name(name, publisher) else name


#: The page's ``citation_author`` tags and JSON-LD blocks (``<script type=application/ld+json>``, and
#: ``<meta name="script:ld+json">``, see :func:`_jsonld_documents`), in page order. Compiled once, and
#: tested on the attribute nodes, going up to their element: the same elements as testing the
#: attribute of every <meta> or <script>, for a third less time.
_CITATION_AUTHORS = etree.XPath('//meta/@name[.="citation_author"]/..')
_JSONLD_BLOCKS = etree.XPath('//script/@type[.="application/ld+json"]/.. | //meta/@name[.="script:ld+json"]/..')


def _citation_authors(tree: Any) -> str | None:
    """Every ``citation_author`` (or Dublin Core creator/contributor) of a scholarly page, one meta
    tag per author, joined."""
    names = [n for el in _CITATION_AUTHORS(tree)[:30] if (n := _person(el.get("content")))]
    if not names:  # Dublin Core lists the co-authors as one DC.Contributor each (a single one is a CMS default)
        dublin = [n for el in tree.iter("meta") if (el.get("name") or "").lower() in ("dc.creator", "dc.contributor")
                  and (n := _person(el.get("content")))]
        names = dublin if len(set(dublin)) > 1 else []
    return ", ".join(dict.fromkeys(names)) or None


def _jsonld_documents(tree: Any) -> list[Any]:
    """Every JSON-LD block of the page that parses, in page order: ``<script type=application/ld+json>``
    and ``<meta name="script:ld+json" content=…>``, which a framework renders when a page declares its
    JSON-LD as a ``"script:ld+json"`` meta descriptor it does not know."""
    blocks = _JSONLD_BLOCKS(tree)[:20]
    docs = []
    for block in blocks:
        try:
            text = block.get("content") if block.tag == "meta" else block.text_content()
            docs.append(json.loads((text or "").strip() or "null", strict=False))
        except ValueError:
            continue
    return docs


def _find_article(data: Any) -> dict[str, Any] | None:
    if isinstance(data, list):
        return next((f for item in data if (f := _find_article(item))), None)
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
        return data
    return _find_article(data.get("@graph")) if "@graph" in data else None


def _find_headlined(data: Any) -> dict[str, Any] | None:
    """A JSON-LD object with a headline and an author but no Article type (a newsletter post typed
    ``WebPage``): good for its byline, not evidence that the page is an article."""
    if isinstance(data, list):
        return next((f for item in data[:50] if (f := _find_headlined(item))), None)
    if not isinstance(data, dict):
        return None
    if data.get("headline") and data.get("author"):
        return data
    return _find_headlined(data.get("@graph")) if "@graph" in data else None


def _resolved(ld: dict[str, Any], docs: list[Any]) -> dict[str, Any]:
    """``ld`` with an author given as a bare ``{"@id": ...}`` reference replaced by the node it
    names: Yoast-style graphs list the Person once and point at it from the Article."""
    author = ld.get("author")
    refs = author if isinstance(author, list) else [author]
    if not any(isinstance(a, dict) and set(a) == {"@id"} for a in refs):
        return ld
    nodes = _nodes_by_id(docs)
    people = [nodes.get(a["@id"], a) if isinstance(a, dict) and set(a) == {"@id"} else a for a in refs]
    return {**ld, "author": people}


def _nodes_by_id(data: Any, out: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every JSON-LD node that has an ``@id`` and more than it, top level and ``@graph`` members."""
    out = {} if out is None else out
    if isinstance(data, list):
        for item in data[:100]:
            _nodes_by_id(item, out)
    elif isinstance(data, dict):
        if isinstance(data.get("@id"), str) and len(data) > 1:
            out.setdefault(data["@id"], data)
        if "@graph" in data:
            _nodes_by_id(data["@graph"], out)
    return out


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        return next((n for v in value if (n := _ld_name(v))), None)
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _ld_people(value: Any) -> str | None:
    """Names of the JSON-LD authors that are people (an Organization "author" is the publisher)."""
    people = value if isinstance(value, list) else [value]
    people = [p for p in people if not (isinstance(p, dict) and str(p.get("@type", "")).lower() == "organization")]
    names = [n for p in people if (n := _person(_ld_name(p)))]
    return ", ".join(dict.fromkeys(names)) or None


def _person(value: str | None) -> str | None:
    """A byline cleaned of "By" and rejected when it is a URL or a handle, not a name."""
    if not value:
        return None
    value = re.sub(r"^\s*by\s+", "", " ".join(html.unescape(value).split()), flags=re.I).strip(" ,;|")
    if value.startswith(("http://", "https://", "@", "/")) or len(value) > 120 or looks_like_handle(value):
        return None
    if not_a_name(value) or _ACCOUNT.search(value) or _CREDITS.search(value):
        return None
    return value or None


#: A credits line ("content: MarketingSherpa, design: Scott McDaniel"): roles, not the byline.
_CREDITS = re.compile(r"(?:^|,\s*)[a-z]+:\s")
#: A CMS account rather than a person ("NOC Admin", "Site Administrator"): the byline is elsewhere.
_ACCOUNT = re.compile(r"\b(?:admin|administrator|webmaster|wpengine)\b", re.I)


def _text(value: Any) -> str | None:
    """A JSON-LD value as text. CMSs write HTML entities into JSON-LD strings ("Movers &#038; Packers",
    "Maria &amp; Katerina"), which the JSON parser leaves as they are."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    if not isinstance(value, str):
        return None
    value = html.unescape(value) if "&" in value else value
    return value.strip() or None


def _canonical(tree: Any) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return None


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return base
    try:
        joined = urljoin(base or "", url)
        urlsplit(joined).hostname  # noqa: B018 - raises on a malformed netloc
    except ValueError:
        return base
    return joined if joined.startswith(("http://", "https://")) else base


def _title_tag(tree: Any) -> str | None:
    found = tree.find(".//title")
    return found.text_content().strip() or None if found is not None else None


def _heading_text(el: Any) -> str:
    """A heading's text with a space where a <br> or a block-styled part breaks the line
    ("WEEKEND<br/>CODING" is two words, as the reader sees it)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node is not el and (node.tag == "br" or "block" in (node.get("class") or "").split()):
            parts.append(" ")
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and not _decoration(child):
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


_DECORATION = re.compile(r"(?:^|[\s_-])(?:date|time|posted|byline|author|comments?|comment-\w+|source\w*|count"
                         r"|bubble)(?:$|[\s_-])", re.I)


def _decoration(el: Any) -> bool:
    """A part of a heading that is not the headline's words: its date, byline, comment count or
    source link ("Posted on July 1, 2024 by infuy", "(latimes.com) 87"), or the permalink sign that
    documentation generators put after it (``<a href="#models">¶</a>``)."""
    if el.tag in ("time", "h2", "h3", "h4", "h5", "h6", "script", "style", "button", "svg", "noscript"):
        return True
    if el.tag == "a" and (el.get("href") or "").startswith("#") and not re.search(r"\w", el.text_content()):
        return True
    return bool(_DECORATION.search(f"{el.get('class') or ''} {el.get('id') or ''}"))


def _home_link(el: Any) -> bool:
    """An <h1> that is only a link to the site's front page: the site's name or logo, not a headline."""
    links = [a for a in el.iter("a") if " ".join(a.text_content().split())]
    if len(links) != 1 or " ".join(links[0].text_content().split()) != " ".join(el.text_content().split()):
        return False
    href, rel = (links[0].get("href") or "").strip(), (links[0].get("rel") or "").lower()
    try:
        path = urlsplit(href).path if href and not href.startswith("#") else None
    except ValueError:
        return False
    return "home" in rel.split() or path in ("", "/")


def _headline_element(tree: Any, declared: list[str | None]) -> Any | None:
    """The <h1> that echoes the declared title (og:title, JSON-LD headline, <title>).

    Readers see the h1, and og:title/<title> are often SEO variants of it with a site suffix. An
    h1 sharing no word with the declared title is a logo or a section name, not the headline.
    """
    heads = [(h, e) for e in tree.iter("h1") if 2 <= len((h := _heading_text(e)).split()) <= 40 and not _home_link(e)]
    if not heads:
        return _one_word_headline(tree, declared)
    reference = set(_words(" ".join(_TITLE_SEPARATORS.split(d)[0] for d in declared if d)))
    if not reference:
        return heads[0][1] if len(heads) == 1 else None
    scored = [(*_shares(set(_words(h)), reference), len(h.split()) >= 3, -i) for i, (h, _) in enumerate(heads)]
    close = [s for s in scored if s[1] >= 0.2]  # a fifth of its words in the declared title, or it is no echo
    return heads[-max(close)[3]][1] if close else None


#: Words that any two English headlines share: they do not tell which <h1> echoes the declared title.
_FUNCTION_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "here", "how", "in", "is", "it", "its", "of", "on",
    "or", "s", "the", "to", "what", "when", "where", "which", "who", "why", "with", "you", "your"))


def _shares(words: set[str], reference: set[str]) -> tuple[float, float]:
    """The part of a heading's content words, then of all its words, that the declared title also
    has. A guide page whose related stories are <h1>s too has many, and function words alone make
    a wrong one look close: "Where to Swim in Oslo" shares "where", "to", "in" and "oslo" with a
    <title> "Where to Sail in Oslo", but only "oslo" of its own two content words, while "The Best
    Ferry Routes and Harbours in Oslo" shares three of five with that and an og:title "Our
    Favourite Ferry Routes in Oslo"."""
    content = words - _FUNCTION_WORDS
    plain = len(words & reference) / max(len(words), 1)
    return (len(content & reference) / len(content) if content else plain), plain


def _one_word_headline(tree: Any, declared: list[str | None]) -> Any | None:
    """A page's only <h1> when it is one word and the declared title opens with that word: a
    dictionary entry ("restaurant" under "RESTAURANT Definition & Meaning"), a reference page
    ("Promise" under "Promise - JavaScript | MDN"). Any other one-word <h1> is a logo or a label."""
    lone = [e for e in tree.iter("h1") if len(_heading_text(e).split()) == 1 and not _home_link(e)]
    first = next((_words(d)[:1] for d in declared if d), [])
    return lone[0] if len(lone) == 1 and first and _words(_heading_text(lone[0])) == first else None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
