"""trafilatura's content and discard XPaths read in Python, without a Python call per element and test.

Inside ``extract_content`` trafilatura finds the main frame with ``BODY_XPATH`` and prunes it with
``OVERALL_DISCARD_XPATH`` (trafilatura 2.3.1). Those XPaths test class and id values with EXSLT
``re:test``, and lxml runs every ``re:test`` as a Python callback: it wraps the attribute node in
a Python string, looks the compiled expression up and searches, for every element and every
test. On the dev pages the five XPaths with ``re:test`` cost ≈ 9 ms of a page's ≈ 73 ms of extraction.

Here the same predicates are read from the elements' attribute values directly, and each
distinct value is searched once (a page repeats its class values many times). The
regular expressions are trafilatura's own, read out of the XPaths' text; the rest of each XPath
must be exactly the text this module was written against (:func:`_skeleton_of`), else nothing is
replaced and trafilatura's XPaths run as they are.

Two XPath rules carry over: ``re:test(@id|@class, …)`` and ``starts-with(@id|@class, …)`` read
the *first* of the two attributes in the element's attribute order (the string value of a node
set is its first node's), and a missing attribute reads as "". ``BODY_XPATH``'s results are only
used for their first element (``_extract`` takes ``next(...)``), so the replacements return that
element alone.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

from lxml import etree
from trafilatura import main_extractor
from trafilatura.xpaths import BODY_XPATH, OVERALL_DISCARD_XPATH

_RE_TEST = re.compile(r"re:test\((@[\w|@]+), '([^']*)'(?:, '(i)')?\)")

#: The XPaths' text with every ``re:test`` pattern replaced by ``{}``, as trafilatura 2.3.1 has it.
_DISCARD_0 = (
    "\n        .//*[self::div or self::item or self::list or self::p or self::section or self::span][\n"
    "        @data-lp-replacement-content or\n"
    "        contains(translate(@role, 'N', 'n'), 'nav') or\n"
    "        contains(@data-component, 'MostPopularStories') or\n"
    "        re:test(@id|@class, '{}') or\n"
    "        re:test(@id, '{}') or\n"
    "        re:test(@class, '{}')]\n        ")
_DISCARD_1 = (
    "\n        .//*[@class='comments-title' or\n"
    "        starts-with(@id|@class, 'reply-') or\n"
    "        re:test(@id|@style, '{}') or\n"
    "        contains(@style, 'display:none') or contains(@style, 'display: none') or\n"
    "        re:test(@id, '{}') or\n"
    "        re:test(@class, '{}') or @aria-hidden='true']\n        ")
_BODY_0 = (
    "\n        .//*[self::article or self::div or self::main or self::section][\n"
    "        @class='post' or @class='entry' or\n"
    "        @itemprop='articleBody' or @id='articleContent' or\n"
    "        re:test(@id, '{}') or\n"
    "        re:test(@class, '{}')\n"
    "        ][1]\n        ")
_BODY_2 = (
    "\n        (.//*[self::article or self::div or self::main or self::section][\n"
    "        @role='article' or\n"
    "        @id='article' or @id='story' or\n"
    "        @class='postarea' or @class='art-postcontent' or @class='text' or @class='cell' or @class='story' or\n"
    "        re:test(@id, '{}') or\n"
    "        re:test(@class, '{}', 'i') or\n"
    "        re:test(@class, '{}')\n"
    "        ])[1]\n        ")
_BODY_3 = (
    "\n        (.//*[self::article or self::div or self::main or self::section][\n"
    "        @id='content' or @class='content' or\n"
    "        re:test(@id, '{}') or\n"
    "        re:test(@class, '{}') or\n"
    "        contains(translate(@id, 'CM','cm'), 'main-content') or contains(translate(@class, 'CM','cm'), 'main-content') or\n"
    "        contains(translate(@class, 'CP','cp'), 'page-content')\n"
    "        ])[1]\n        ")

_DISCARD_TAGS = ("div", "item", "list", "p", "section", "span")
_FRAME_TAGS = ("article", "div", "main", "section")


#: Distinct attribute values one search remembers before it starts over (a few MB at most).
MEMORY = 20_000


class _Search:
    """``re:test`` of one pattern on attribute values, each distinct value searched once: a page
    repeats its class values many times, and the pages of one site share most of them."""

    def __init__(self, pattern: str, ignore_case: bool) -> None:
        self.search = re.compile(pattern, re.IGNORECASE if ignore_case else 0).search
        self.empty = self.search("") is not None  # what a missing attribute ("") gives
        self.seen: dict[str, bool] = {}

    def __call__(self, value: str | None) -> bool:
        if not value:
            return self.empty
        found = self.seen.get(value)
        if found is None:
            if len(self.seen) >= MEMORY:
                self.seen.clear()
            found = self.seen[value] = self.search(value) is not None
        return found


def _first_of(el: Any, first: str, second: str) -> str:
    """The string value of ``@first|@second``: the one of the two that comes first on the element."""
    one, two = el.get(first), el.get(second)
    if one is None or two is None:
        return (two if one is None else one) or ""
    keys = el.keys()
    return one if keys.index(first) < keys.index(second) else two


def _skeleton_of(xpath: Any) -> tuple[str, list[tuple[str, bool]]]:
    """The XPath's text with its ``re:test`` patterns taken out, and the patterns with their case flag."""
    patterns = [(m[2], m[3] == "i") for m in _RE_TEST.finditer(xpath.path)]
    return _RE_TEST.sub(lambda m: f"re:test({m[1]}, '{{}}'" + (", 'i')" if m[3] else ")"), xpath.path), patterns


class _Replacement:
    """One XPath's predicate in Python; called like the XPath (``expression(tree)``)."""

    def __init__(self, xpath: Any, searches: Sequence[_Search]) -> None:
        self.xpath = xpath
        self.searches = searches

    def __str__(self) -> str:  # trafilatura logs the body XPath that found the frame
        return str(self.xpath)

    def __call__(self, tree: Any) -> list[Any]:
        return self.select(tree)

    def select(self, tree: Any) -> list[Any]:
        raise NotImplementedError


class _Discard0(_Replacement):
    """``OVERALL_DISCARD_XPATH[0]``: sharing, navigation, ads, consent and meta blocks."""

    def select(self, tree: Any) -> list[Any]:
        both, ids, classes = self.searches
        found = []
        for el in tree.iterdescendants(*_DISCARD_TAGS):
            get = el.get
            ident, klass = get("id"), get("class")
            if (ids(ident) or classes(klass) or get("data-lp-replacement-content") is not None
                    or "nav" in (get("role") or "").replace("N", "n")
                    or "MostPopularStories" in (get("data-component") or "")
                    or ((both(ident) or both(klass)) and both(_first_of(el, "id", "class")))):
                found.append(el)
        return found


class _Discard1(_Replacement):
    """``OVERALL_DISCARD_XPATH[1]``: hidden elements and comment furniture."""

    def select(self, tree: Any) -> list[Any]:
        hidden, ids, classes = self.searches
        found = []
        for el in tree.iterdescendants(etree.Element):
            get = el.get
            ident, klass, style = get("id"), get("class"), get("style")
            if (klass == "comments-title" or ids(ident) or classes(klass) or get("aria-hidden") == "true"
                    or (style is not None and ("display:none" in style or "display: none" in style))
                    or ((hidden(ident) or hidden(style)) and hidden(_first_of(el, "id", "style")))
                    or (((ident or "").startswith("reply-") or (klass or "").startswith("reply-"))
                        and _first_of(el, "id", "class").startswith("reply-"))):
                found.append(el)
        return found


class _Frame(_Replacement):
    """A ``BODY_XPATH`` entry: the first frame (article, div, main, section) that :meth:`marks`
    accepts. trafilatura uses only the first element found, so the walk stops there."""

    def select(self, tree: Any) -> list[Any]:
        marks = self.marks
        for el in tree.iterdescendants(*_FRAME_TAGS):
            get = el.get
            if marks(get, get("id"), get("class")):
                return [el]
        return []

    def marks(self, get: Any, ident: str | None, klass: str | None) -> bool:
        raise NotImplementedError


class _Body0(_Frame):
    """``BODY_XPATH[0]``: the first frame marked as an article's content."""

    def marks(self, get: Any, ident: str | None, klass: str | None) -> bool:
        ids, classes = self.searches
        return (klass in ("post", "entry") or ident == "articleContent" or get("itemprop") == "articleBody"
                or ids(ident) or classes(klass))


class _Body2(_Frame):
    """``BODY_XPATH[2]``: the first frame marked as a story."""

    def marks(self, get: Any, ident: str | None, klass: str | None) -> bool:
        ids, fulltext, classes = self.searches
        return (ident in ("article", "story") or klass in ("postarea", "art-postcontent", "text", "cell", "story")
                or get("role") == "article" or ids(ident) or fulltext(klass) or classes(klass))


_CM = str.maketrans("CM", "cm")
_CP = str.maketrans("CP", "cp")


class _Body3(_Frame):
    """``BODY_XPATH[3]``: the first frame marked as the page's main content."""

    def marks(self, get: Any, ident: str | None, klass: str | None) -> bool:
        ids, classes = self.searches
        return (ident == "content" or klass == "content" or ids(ident) or classes(klass)
                or (ident is not None and "main-content" in ident.translate(_CM))
                or (klass is not None and ("main-content" in klass.translate(_CM)
                                           or "page-content" in klass.translate(_CP))))


def _replace(xpath: Any, skeleton: str, kind: type[_Replacement]) -> Any:
    """``kind`` for ``xpath`` when its text is ``skeleton`` with patterns filled in, else ``xpath`` itself."""
    text, patterns = _skeleton_of(xpath)
    if text != skeleton:
        return xpath
    return kind(xpath, [_Search(pattern, ignore_case) for pattern, ignore_case in patterns])


def _replacements() -> tuple[list[Any], list[Any]]:
    discard = [_replace(OVERALL_DISCARD_XPATH[0], _DISCARD_0, _Discard0),
               _replace(OVERALL_DISCARD_XPATH[1], _DISCARD_1, _Discard1), *OVERALL_DISCARD_XPATH[2:]]
    body = list(BODY_XPATH)
    for index, skeleton, kind in ((0, _BODY_0, _Body0), (2, _BODY_2, _Body2), (3, _BODY_3, _Body3)):
        if len(body) > index:
            body[index] = _replace(body[index], skeleton, kind)
    return discard, body


FAST_DISCARD, FAST_BODY = _replacements()
#: Whether every XPath this module knows had the expected text (else some run as trafilatura's).
COMPLETE = all(isinstance(x, _Replacement) for x in (*FAST_DISCARD[:2], FAST_BODY[0], FAST_BODY[2], FAST_BODY[3]))


@contextlib.contextmanager
def python_predicates() -> Iterator[None]:
    """trafilatura's main extractor reads :data:`FAST_BODY` and :data:`FAST_DISCARD` while inside.

    Only ``main_extractor``'s own names are rebound (``trafilatura.xpaths`` keeps its XPaths), and
    they are restored on the way out, so trafilatura called directly runs as it is. The
    replacements select the same elements, so a call running in another thread meanwhile gets the
    same result whichever it reads."""
    saved = main_extractor.OVERALL_DISCARD_XPATH, main_extractor.BODY_XPATH
    main_extractor.OVERALL_DISCARD_XPATH, main_extractor.BODY_XPATH = FAST_DISCARD, FAST_BODY
    try:
        yield
    finally:
        main_extractor.OVERALL_DISCARD_XPATH, main_extractor.BODY_XPATH = saved


__all__: Sequence[str] = ["COMPLETE", "FAST_BODY", "FAST_DISCARD", "python_predicates"]
