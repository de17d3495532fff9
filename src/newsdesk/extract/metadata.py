"""Page metadata from structured markup: JSON-LD, OpenGraph/article meta tags, <title>, <time>.

Publishers put their real publication date and byline in JSON-LD and meta tags; text dates are
often "updated", "related" or copyright years. So structured sources are read first and the text
(trafilatura/htmldate) only fills what they leave empty — that happens in ``extract.html``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from dateutil import parser as dateparser
from lxml import html as lxml_html

from newsdesk.extract.byline import looks_like_handle, visible_byline

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "blogposting", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle", "report", "liveblogposting",
}
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date",
    "sailthru.date", "parsely-pub-date", "citation_publication_date", "article.published", "published_time",
)
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


def parse_html(text: str) -> Any:
    """An lxml tree for decoded page text (an XML declaration would make lxml refuse a str)."""
    return lxml_html.document_fromstring(_XML_DECL.sub("", text) or "<html></html>")


def read_metadata(tree: Any, base_url: str | None, not_after: date | None = None) -> PageMeta:
    """Collect title, author, date, canonical URL, publisher and language from a parsed page."""
    meta = _meta_tags(tree)
    ld = _jsonld_article(tree)
    publisher = meta.get("og:site_name") or _ld_name(ld.get("publisher")) or meta.get("application-name")
    declared = meta.get("og:title") or _text(ld.get("headline")) or _title_tag(tree)
    title = _visible_headline(tree, [meta.get("og:title"), _text(ld.get("headline")), _title_tag(tree)]) or declared
    url = _absolute(_canonical(tree) or meta.get("og:url") or _text(ld.get("url")), base_url)
    candidates = [_text(ld.get("datePublished")), *(meta.get(k) for k in _DATE_META), *_time_tags(tree),
                  _text(ld.get("dateCreated"))]
    found_date = _first_date(candidates, not_after)
    modified = _first_date([_text(ld.get("dateModified")), meta.get("article:modified_time")], not_after)
    author = (_ld_people(ld.get("author")) or visible_byline(tree, publisher)
              or next((a for k in _AUTHOR_META if (a := _person(meta.get(k)))), None))
    og_type = (meta.get("og:type") or "").lower()
    return PageMeta(
        title=clean_title(title, publisher, base_url or url) if title else None,
        author=author,
        date=found_date,
        modified=modified,
        url=url,
        publisher=publisher.strip() if publisher else title_suffix(title),
        language=(tree.get("lang") or meta.get("og:locale") or meta.get("content-language") or "").strip() or None,
        is_article=og_type == "article" or bool(ld),
    )


def parse_date(value: str, not_after: date | None = None) -> str | None:
    """ISO yyyy-mm-dd for a full date string; None when unparseable, partial, before 1900 or after ``not_after``."""
    value = value.strip()
    if not value or len(value) > 64 or not re.search(r"\d", value):
        return None
    try:  # two defaults: a value lacking its month or day comes out differently and is refused
        parsed = dateparser.parse(value, default=datetime(1900, 1, 1), fuzzy=False, ignoretz=True)
        check = dateparser.parse(value, default=datetime(1904, 2, 2), fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        return None
    day = parsed.date()
    if (day.month, day.day) != (check.month, check.day):
        return None
    if day.year < 1900 or (not_after is not None and day > not_after):
        return None
    return day.isoformat()


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


def _jsonld_article(tree: Any) -> dict[str, Any]:
    """The first Article-like JSON-LD object on the page (searching lists and @graph)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content().strip() or "null", strict=False)
        except ValueError:
            continue
        found = _find_article(data)
        if found:
            return found
    return {}


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
    value = re.sub(r"^\s*by\s+", "", " ".join(value.split()), flags=re.I)
    if value.startswith(("http://", "https://", "@", "/")) or len(value) > 120 or looks_like_handle(value):
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


def _time_tags(tree: Any) -> list[str]:
    values = [el.get("datetime") or "" for el in tree.iter("time") if el.get("pubdate") is not None]
    values += [el.get("datetime") or el.get("content") or "" for el in tree.xpath('//*[@itemprop="datePublished"]')]
    return [v for v in values if v]


def _title_tag(tree: Any) -> str | None:
    found = tree.find(".//title")
    return found.text_content().strip() or None if found is not None else None


def _visible_headline(tree: Any, declared: list[str | None]) -> str | None:
    """The <h1> that echoes the declared title (og:title, JSON-LD headline, <title>).

    Readers see the h1, and og:title/<title> are often SEO variants of it with a site suffix. An
    h1 sharing no word with the declared title is a logo or a section name, not the headline.
    """
    heads = [h for e in tree.iter("h1") if 2 <= len((h := " ".join(e.text_content().split())).split()) <= 40]
    if not heads:
        return None
    reference = set(_words(" ".join(_TITLE_SEPARATORS.split(d)[0] for d in declared if d)))
    if not reference:
        return heads[0] if len(heads) == 1 else None
    scored = [(len(set(_words(h)) & reference) / max(len(set(_words(h))), 1), len(h.split()) >= 3, h) for h in heads]
    share, _, best = max(scored, key=lambda s: s[:2])
    return best if share >= 0.2 else None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
