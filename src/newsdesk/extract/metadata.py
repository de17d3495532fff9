"""Page metadata from structured markup: JSON-LD, OpenGraph/article meta tags, <title>, <time>.

Publishers put their real publication date and byline in JSON-LD and meta tags; text dates are
often "updated", "related" or copyright years. So structured sources are read first and the text
(trafilatura/htmldate) only fills what they leave empty — that happens in ``extract.html``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from newsdesk.extract.byline import looks_like_handle, not_a_name, text_byline, visible_byline
from newsdesk.extract.dates import DateCandidate, choose_date, date_candidates, parse_date
from newsdesk.extract.visible_text import rendered_text

__all__ = ["PageMeta", "clean_title", "parse_date", "parse_html", "read_metadata", "title_suffix"]

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "report", "liveblogposting",
}
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|«|»|·)\s+")
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
    ld = _find_article(ld_docs) or {}
    publisher = meta.get("og:site_name") or _ld_name(ld.get("publisher")) or meta.get("application-name")
    declared = meta.get("og:title") or _text(ld.get("headline")) or _title_tag(tree)
    headline = _headline_element(tree, [meta.get("og:title"), _text(ld.get("headline")), _title_tag(tree)])
    title = (_heading_text(headline) if headline is not None else None) or declared
    url = _absolute(_canonical(tree) or meta.get("og:url") or _text(ld.get("url")), base_url)
    rendered = rendered_text(tree, headline)
    dates = tuple(date_candidates(tree, ld_docs, meta, base_url or url, rendered, not_after))
    modified = _first_date([_text(ld.get("dateModified")), meta.get("article:modified_time")], not_after)
    author = _author(tree, ld, meta, publisher, rendered)
    og_type = (meta.get("og:type") or "").lower()
    return PageMeta(
        title=clean_title(title, publisher, base_url or url) if title else None,
        author=author,
        date=choose_date(list(dates)),
        modified=modified,
        url=url,
        publisher=publisher.strip() if publisher else title_suffix(title),
        language=(tree.get("lang") or meta.get("og:locale") or meta.get("content-language") or "").strip() or None,
        is_article=og_type == "article" or bool(ld),
        date_candidates=dates,
    )


def _first_date(candidates: list[str | None], not_after: date | None) -> str | None:
    return next((d for d in (parse_date(c, not_after) for c in candidates if c) if d), None)


def clean_title(title: str, publisher: str | None, url: str | None) -> str:
    """Drop a trailing " | Site" / " - Site" that names the publisher (or is a short pipe suffix)."""
    title = " ".join(title.split())
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    last_sep, first_sep = separators[-1], separators[0]
    head, last = title[: last_sep.start()], title[last_sep.end() :]
    short_pipe = last_sep.group().strip() == "|" and len(last.split()) <= 4 and len(head.split()) >= 3
    if _names_site(last, publisher, url) or short_pipe:
        return head
    if _names_site(title[: first_sep.start()], publisher, url):  # "Site | Headline"
        return title[first_sep.end() :]
    return title


def title_suffix(title: str | None) -> str | None:
    """The site name a " | Site" title suffix carries, used as publisher when nothing better exists."""
    if not title or " | " not in title:
        return None
    last = title.rsplit(" | ", 1)[1].strip()
    return last if 0 < len(last.split()) <= 4 else None


def _names_site(part: str, publisher: str | None, url: str | None) -> bool:
    norm = re.sub(r"[^a-z0-9]", "", part.lower())
    if not norm:
        return False
    if publisher and norm == re.sub(r"[^a-z0-9]", "", publisher.lower()):
        return True
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        host = None
    if host:
        labels = [label for label in host.lower().split(".") if label not in ("www", "com", "org", "net", "co", "uk")]
        return any(norm == re.sub(r"[^a-z0-9]", "", label) for label in labels) or norm == host.replace(".", "")
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
            rendered: tuple[str, int]) -> str | None:
    """The byline, from the most to the least reliable source.

    JSON-LD Person authors and ``citation_author`` tags name people on purpose; a person-shaped
    ``<meta name=author>`` (not the site's name, not a login handle) beats byline markup, whose
    author-classed elements also hold related-story teasers and avatars; then the byline markup,
    then an author named like the site (a one-person blog, a company page), then "By Jane Doe"
    in the text (a person before the site's own name); a login handle is the last resort, when
    the page names nobody else.
    """
    structured = _ld_people(ld.get("author"))
    declared = next((a for k in _AUTHOR_META if (a := _person(meta.get(k)))), None)
    found = (_not_site(structured, publisher) or _citation_authors(tree) or _not_site(declared, publisher)
             or visible_byline(tree, publisher) or structured or declared)
    if found:
        return found
    written = text_byline(*rendered)
    if found := _not_site(written, publisher) or visible_byline(tree) or written:
        return found
    handle = (meta.get("author") or "").strip()
    return handle if handle and looks_like_handle(handle) and len(handle) <= 40 else None


def _same_name(name: str, publisher: str | None) -> bool:
    return bool(publisher) and re.sub(r"\W", "", name.lower()) == re.sub(r"\W", "", (publisher or "").lower())


def _not_site(name: str | None, publisher: str | None) -> str | None:
    return None if name is None or _same_name(name, publisher) else name


def _citation_authors(tree: Any) -> str | None:
    """Every ``citation_author`` of a scholarly page (one meta tag per author), joined."""
    names = [n for el in tree.xpath('//meta[@name="citation_author"]')[:30] if (n := _person(el.get("content")))]
    return ", ".join(dict.fromkeys(names)) or None


def _jsonld_documents(tree: Any) -> list[Any]:
    """Every JSON-LD block of the page that parses, in page order."""
    docs = []
    for script in tree.xpath('//script[@type="application/ld+json"]')[:20]:
        try:
            docs.append(json.loads(script.text_content().strip() or "null", strict=False))
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
    value = re.sub(r"^\s*by\s+", "", " ".join(value.split()), flags=re.I).strip(" ,;|")
    if value.startswith(("http://", "https://", "@", "/")) or len(value) > 120 or looks_like_handle(value):
        return None
    if not_a_name(value):
        return None
    return value or None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


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
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def _headline_element(tree: Any, declared: list[str | None]) -> Any | None:
    """The <h1> that echoes the declared title (og:title, JSON-LD headline, <title>).

    Readers see the h1, and og:title/<title> are often SEO variants of it with a site suffix. An
    h1 sharing no word with the declared title is a logo or a section name, not the headline.
    """
    heads = [(h, e) for e in tree.iter("h1") if 2 <= len((h := _heading_text(e)).split()) <= 40]
    if not heads:
        return None
    reference = set(_words(" ".join(_TITLE_SEPARATORS.split(d)[0] for d in declared if d)))
    if not reference:
        return heads[0][1] if len(heads) == 1 else None
    scored = [(len(set(_words(h)) & reference) / max(len(set(_words(h))), 1), len(h.split()) >= 3, i)
              for i, (h, _) in enumerate(heads)]
    share, _, best = max(scored, key=lambda s: (s[0], s[1], -s[2]))
    return heads[best][1] if share >= 0.2 else None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
