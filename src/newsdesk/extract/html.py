"""HTML page → article fields: decode, read structured metadata, extract the main text.

trafilatura gives a first main text (balanced mode, no comments) that the learned block classifier
(:mod:`newsdesk.extract.mainbody`) refines; structured metadata (JSON-LD,
meta tags) wins, then feed/JSONL hints (a feed's pubDate is explicit), then what trafilatura infers.
A date later than the fetch time is impossible and is dropped, whichever source claimed it.

Speed: the page is parsed once, with trafilatura's own parser (so trafilatura, handed the tree,
extracts exactly what it extracts from the markup), and that tree serves the metadata, trafilatura
and the block features; the page is walked into text blocks once, for the block model, the page
type, the page signals and trafilatura's cascade decision (:func:`.mainbody.trafilatura_text`).
Of trafilatura's metadata pass only the pieces for fields the page's structured metadata leaves
empty run (its author search copies the whole page; htmldate is costly too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import unescape
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html
from trafilatura import metadata as traf_meta
from trafilatura.utils import is_dubious_html, line_processing, repair_faulty_html

from newsdesk.errors import ExtractionError
from newsdesk.extract.blocks import count_words, page_blocks
from newsdesk.extract.charset import decode_html
from newsdesk.extract.continuation import restore_continuation, restore_gaps, restore_loose_text
from newsdesk.extract.edges import is_prose, trim_head
from newsdesk.extract.furniture import trim_furniture
from newsdesk.extract.mainbody import select_paragraphs, split_glued, trafilatura_text
from newsdesk.extract.metadata import clean_title, parse_date, parse_html, read_metadata
from newsdesk.extract.pagetype import (
    PageSignals,
    article_probability,
    page_signals,
    page_tags,
    prose_blocks,
    prose_pair_counts,
    prose_word_counts,
    type_features,
)
from newsdesk.model import RawDocument
from newsdesk.sources.reading import safe_url

#: Fewer words than this is a stray label ("Home", "Menu"), not an article.
MIN_WORDS = 4
#: Pages are cut to this many bytes before decoding and this many characters of markup before
#: parsing: parse and extraction time grow with page size, and an article's text comes long before
#: the 20 MB of inline data, sprite sheets or comment threads that make a page huge.
MAX_BYTES = 8_000_000
MAX_CHARS = 1_500_000
_BULKY = re.compile(r"<(script|style|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
#: An attribute value this long is data, not text: a shop's product variants as JSON in a ``data-``
#: attribute, a base64 image in ``src``. No text or metadata newsdesk reads is that long (a
#: description is a few hundred characters; JSON-LD is a script and stays).
LONG_VALUE = 1000
#: A page the page-type model gives less than this chance of being an article (a shop, a forum,
#: a listing) skips trafilatura's fallback searches for the fields only an article is scored on
#: (:data:`ARTICLE_ONLY`): htmldate and the author search cost ≈ 10 ms on such a page, most of
#: what that fallback costs, and an author or a publication date of a product page is not one.
#: On the dev crawl 636 of 1,678 pages fall under the bar, none of them a WCXB article (the
#: lowest article scores 0.27, in-sample) nor a Scrapinghub news page (lowest 0.08: the model
#: never saw that set); 58 non-article pages lose a date and 25 an author. A development choice
#: (twentieth pass; docs/benchmarks.md).
SURE_OTHER = 0.05
ARTICLE_ONLY = frozenset(["author", "date"])
_LONG_VALUE = re.compile(rf"""(\s[\w:.-]+\s*=\s*)(?:"[^"]{{{LONG_VALUE},}}"|'[^']{{{LONG_VALUE},}}')""")


def bounded(text: str) -> str:
    """Markup small enough to extract in bounded time: scripts, styles, SVG and comments dropped from
    an oversized page (keeping JSON-LD, which carries the metadata); where that is not enough,
    attribute values of :data:`LONG_VALUE` characters or more emptied; then a hard cut.

    The values go before the cut because a shop page can hold megabytes of JSON in the attributes
    of its product grid, and the cut then fell before the grid's first product name (WCXB: three
    pages cut, one of them at F1 0.07 that scores 0.98 read whole; h1, nineteenth pass)."""
    if len(text) <= MAX_CHARS:
        return text
    text = _BULKY.sub(lambda m: m.group(0) if "ld+json" in m.group(0)[:120] else "", text)
    if len(text) > MAX_CHARS:
        text = _LONG_VALUE.sub(r'\1""', text)
    return text[:MAX_CHARS]


@dataclass(frozen=True)
class HtmlResult:
    """Everything the HTML path found; ``extract`` turns it into an Article."""

    title: str | None
    author: str | None
    date: str | None
    url: str | None
    publisher: str | None
    language: str | None  # as declared by the page, a hint for language identification
    paragraphs: tuple[str, ...]
    signals: PageSignals
    article_probability: float | None = None  # the learned page-type model's verdict, when shipped


def extract_html(doc: RawDocument) -> HtmlResult:
    """Main text and metadata of an HTML document; raises ExtractionError when no text is found."""
    text, _codec = decode_html(doc.content[:MAX_BYTES], doc.hints.get("charset"))
    text = bounded(text)
    tree = parse_page(text)
    not_after = latest_possible_date(doc.fetched_at)
    meta = read_metadata(tree, safe_url(doc.url) or safe_url(doc.hints.get("url")), not_after)
    hints = doc.hints
    blocks = page_blocks(tree)
    count_words(blocks)
    # Only absolute http(s) URLs become the article's URL (and so its id): a javascript: canonical
    # link or an unbalanced IPv6 bracket in a hostile page must not.
    url = safe_url(meta.url) or safe_url(doc.url) or safe_url(hints.get("url"))
    tags = page_tags(tree)  # one walk for the page-type features and the page signals
    prose = prose_blocks(blocks)
    prose_words = prose_word_counts(prose)  # counted once, for two page-type readings
    probability = article_probability(type_features(tree, blocks, meta, url, tags, prose_words), prose_words,
                                      prose_pair_counts(prose))
    body = trafilatura_text(tree, meta.url or doc.url, sum(len(block.text) for block in blocks))
    wanted = {name for name, have in (("title", meta.title), ("author", meta.author), ("sitename", meta.publisher),
                                      ("date", meta.date or hints.get("date"))) if not have}
    if probability is not None and probability < SURE_OTHER:  # no article: its author and date searches are waste
        wanted -= ARTICLE_ONLY
    found = _trafilatura_metadata(tree, meta.url or doc.url, not_after, wanted) if wanted else {}
    title = meta.title or found.get("title") or hints.get("title")
    selected, blocks = select_paragraphs(tree, body, meta.is_article, blocks, prose=is_prose)
    paragraphs = _paragraphs(body if selected is None else "\n".join(selected), title)
    if meta.is_article and paragraphs:  # on an article page, what trafilatura cut short comes back
        paragraphs = split_glued(paragraphs, blocks, is_prose)  # a layout-table cell written as one line
        paragraphs = restore_continuation(tree, paragraphs)
        paragraphs = restore_loose_text(paragraphs, blocks, is_prose)  # the text opening the article's element
        paragraphs = restore_gaps(paragraphs, blocks, is_prose)  # subheadings and lists between its paragraphs
    paragraphs = trim_head(paragraphs, blocks, meta.is_article)  # menus and labels above the first prose line
    paragraphs = trim_furniture(paragraphs, blocks, meta.is_article)  # a marked article's furniture; any page's tail
    paragraphs = paragraphs or _fallback_paragraphs(tree, title)
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_WORDS:
        raise ExtractionError(f"no article text found in the page ({words} words)")
    publisher = meta.publisher or found.get("sitename") or hints.get("publisher") or _host(url)
    return HtmlResult(
        title=clean_title(title, publisher, url) if title else None,
        author=meta.author or found.get("author") or hints.get("author"),
        date=(meta.date or _hint_date(hints, not_after) or parse_date(found.get("date") or "", not_after)
              or meta.modified),
        url=url,
        publisher=publisher,
        language=meta.language,
        paragraphs=tuple(paragraphs),
        article_probability=probability,
        signals=page_signals(tree, blocks, words, len(paragraphs), meta.is_article, tags),
    )


def latest_possible_date(fetched_at: str | None) -> date | None:
    """The last plausible publication day: the fetch day plus one (time zones), or None when unknown."""
    if not fetched_at:
        return None
    try:
        moment = datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.date() + timedelta(days=1)


def parse_page(text: str) -> Any:
    """The page's one parse: trafilatura's parser (comments dropped, faulty markup repaired), or
    lxml's document parser for what trafilatura refuses or reads as a fragment."""
    try:
        tree = _load_html(text)
        if tree is not None and tree.tag == "html":
            return tree
        return parse_html(text)
    except (ValueError, TypeError, etree.ParserError) as exc:  # "Document is empty": only comments or markup
        raise ExtractionError(f"unparseable HTML ({exc})") from None


def _fast_parser() -> etree.HTMLParser:
    """trafilatura's parser settings (``trafilatura.utils.HTML_PARSER``) with the element class
    chosen in C. lxml.html's parser asks a Python method which class each element gets (forms and
    inputs have their own) every time Python touches an element; trafilatura and every walk
    here touch each element several times, and nothing here or in trafilatura uses the form
    classes, so every element is a plain HtmlElement: the same extraction, 4 % less time."""
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                              remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    return parser


_PARSER = _fast_parser()


def _load_html(text: str) -> Any:
    """``trafilatura.utils.load_html`` for a decoded page, step for step, with :data:`_PARSER`:
    repair, parse the text (its bytes when lxml refuses the text or finds nothing in it), and
    reject a page that neither starts like HTML nor parses into more than one element."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree, as_bytes = None, False
    try:
        tree = lxml_html.fromstring(text, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, as_bytes = _from_bytes(text), True
    except Exception:  # noqa: BLE001 - trafilatura's loader logs any parser failure and tries bytes
        tree = None
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _from_bytes(text)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def _from_bytes(text: str) -> Any:
    try:
        return lxml_html.fromstring(text.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # noqa: BLE001 - as trafilatura's fromstring_bytes: no tree
        return None


def _trafilatura_metadata(tree: Any, url: str | None, not_after: date | None, wanted: set[str]) -> dict[str, str]:
    """trafilatura's title, author, date and site name (the ``wanted`` ones): the fallback for fields
    the page's structured metadata leaves empty.

    The same steps as ``trafilatura.metadata.extract_metadata`` for these four fields, without the
    ones nobody reads here (categories, tags, licence, host name) and without the author search
    (a copy of the whole page) or htmldate when their field is not wanted: that function did all
    of it for every page missing any one field, a sixth of extraction time on WCXB."""
    try:
        found = traf_meta.examine_meta(tree)
        if found.author and " " not in found.author:
            found.author = None
        found = traf_meta.extract_meta_json(tree, found)
        if wanted & {"sitename", "date"} and not found.url:
            found.url = traf_meta.extract_url(tree, url)
        values = {
            "title": (found.title or traf_meta.extract_title(tree)) if "title" in wanted else None,
            "author": (found.author or _markup_author(tree)) if "author" in wanted else None,
            "sitename": _sitename(tree, found) if "sitename" in wanted else None,
            "date": _htmldate(tree, found.url, not_after) if "date" in wanted else None,
        }
    except (ValueError, TypeError, AttributeError):
        return {}
    return {key: _trimmed(value) for key, value in values.items() if _trimmed(value)}


#: Every attribute trafilatura's author XPaths (``trafilatura.xpaths.AUTHOR_XPATHS``) test, and
#: lower-cased, every literal their tests need: an element can match one of them only if one of
#: these attributes holds one of these words (or the page has an <author> or <rel> element).
#: One query per attribute: the values are only searched one by one, in no particular order, and
#: a union of the six (``//@class | //@id | …``) costs a sort of all of them into page order.
_AUTHOR_ATTRIBUTE_NAMES = ("class", "id", "rel", "itemprop", "data-testid", "data-component")
_AUTHOR_ATTRIBUTES = tuple(etree.XPath(f"//@{name}", smart_strings=False) for name in _AUTHOR_ATTRIBUTE_NAMES)
#: Plain words, each looked for with ``in`` (a C scan): an alternation of literals is slower in
#: Python's regular-expression engine, which tries every word at every position.
_AUTHOR_WORDS = ("author", "byl", "bbl", "username", "zuozhe", "bianji", "xiaobian", "channel-name", "submitted-by",
                 "posted-by", "journalist-name", "screenname", "writer")
#: The same attributes as strings that know their element (the same values in the same order as
#: :data:`_AUTHOR_ATTRIBUTES`), and, attribute by attribute in that order and with the case as the XPaths test
#: it, what one must hold for its element to match one of them.
_AUTHOR_VALUES = tuple(etree.XPath(f"//@{name}") for name in _AUTHOR_ATTRIBUTE_NAMES)
_AUTHOR_TESTS = (
    re.compile("[Aa]uthor|screenname|writer|[Bb]yline|byl|username|BBL|channel-name|zuozhe|bianji|xiaobian"
               "|submitted-by|posted-by|journalist-name").search,
    re.compile("[Aa]uthor|zuozhe|bianji|xiaobian").search,
    re.compile("author$").match,
    re.compile("author").search,
    re.compile("Author(?:Card|URL)$").match,
    re.compile("Byline").search,
)


def _markup_author(tree: Any) -> str | None:
    """trafilatura's author search (``extract_author``), run only where it can find something.

    It copies the whole page, prunes it and tests three XPaths whose regular expressions call
    back into Python for every element: 15 ms a page on WCXB, where the structured metadata of
    most non-article pages names no author. An element can only match those XPaths if one of the
    attributes they read holds one of the words they look for, and reading the attribute values
    is a few hundred times cheaper, so pages without any such word skip the search: same answer.
    Where some value holds such a word, the search still finds nothing unless one attribute passes
    its own XPath test (its name, its case) on an element with content (``extract_author`` returns
    the text of the first match, and a pruned copy has no more text): on the dev pages that closes
    the gate on half the pages it used to let through, all of them pages the search found nobody on."""
    if tree.find(".//author") is not None or tree.find(".//rel") is not None:
        return traf_meta.extract_author(tree)
    values = [query(tree) for query in _AUTHOR_ATTRIBUTES]
    marks = "\n".join(value for found in values for value in found).lower()
    if not (any(word in marks for word in _AUTHOR_WORDS) and _author_candidate(tree, values)):
        return None
    return traf_meta.extract_author(tree)


def _author_candidate(tree: Any, values: list[list[str]]) -> bool:
    """Whether some attribute value passes the author XPaths' test of it on an element with some
    text or some children (one with neither, e.g. a ``<link rel=author>``, has no text to return).

    ``values`` are the plain strings of :data:`_AUTHOR_ATTRIBUTES`: the tests run on them, and the
    values that know their element are fetched only for an attribute with a value that passes."""
    for test, found, query in zip(_AUTHOR_TESTS, values, _AUTHOR_VALUES, strict=True):
        passed = [i for i, value in enumerate(found) if test(value)]
        if passed:
            owned = query(tree)
            if any(_has_content(owned[i].getparent()) for i in passed):
                return True
    return False


def _has_content(el: Any) -> bool:
    return el is not None and (bool(el.text) or len(el) > 0)


def _sitename(tree: Any, found: Any) -> str | None:
    """trafilatura's site name: declared, else the part of the <title> that looks like a domain."""
    name = found.sitename or traf_meta.extract_sitename(tree)
    if name:
        name = name.lstrip("@")
        return name.title() if name and "." not in name and not name[0].isupper() else name
    match = traf_meta.META_URL.match(found.url) if found.url else None
    return match[1] if match else None


def _htmldate(tree: Any, url: str | None, not_after: date | None) -> str | None:
    params: dict[str, Any] = {"extensive_search": False, "original_date": True, "url": url}  # no copyright-year guesses
    if not_after is not None:
        params["max_date"] = not_after.isoformat()
    return traf_meta.find_date(tree, **params)


def _trimmed(value: Any) -> str | None:
    """A field as trafilatura's ``Document.clean_and_trim`` leaves it (entities, spaces), or None."""
    if not isinstance(value, str):
        return None
    value = line_processing(unescape(value[:9999] + "…" if len(value) > 10000 else value))
    return value.strip() if isinstance(value, str) and value.strip() else None


#: A line of at least this many words that the text already has is a copy (a pull quote, a block
#: matched twice) and is dropped; shorter lines repeat in real articles (a meal plan's "Eat every
#: 2–3 hours", a recipe's "Serves 4") and stay. Against this, dropping every repeat lost 0.002 on
#: Scrapinghub and keeping every repeat 0.002 on WCXB (development figures, thirteenth pass).
REPEAT_WORDS = 10


def _paragraphs(text: str, title: str | None) -> list[str]:
    """trafilatura puts one block per line; the headline repeated on top and long repeated lines
    are dropped."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]
    seen: set[str] = set()
    kept = []
    for line in lines:
        if line in seen and len(line.split()) >= REPEAT_WORDS:
            continue
        seen.add(line)
        kept.append(line)
    return kept


def _fallback_paragraphs(tree: Any, title: str | None) -> list[str]:
    """When trafilatura finds nothing (tiny pages): the page's <p> texts of sentence length."""
    texts = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    return [t for t in dict.fromkeys(texts) if len(t.split()) >= 8 and not (title and _same(t, title))]


def _same(a: str, b: str) -> bool:
    return _norm(a) in (_norm(b), _norm(clean_title(b, None, None)))


def _norm(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _host(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # malformed netloc, e.g. an unbalanced IPv6 bracket
        return None
    return host.removeprefix("www.") if host else None


def _hint_date(hints: dict[str, str], not_after: date | None) -> str | None:
    return parse_date(hints["date"], not_after) if hints.get("date") else None
