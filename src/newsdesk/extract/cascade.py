"""trafilatura's main-text cascade for newsdesk's one configuration, without the work it wastes there.

``trafilatura.bare_extraction`` handed a parsed page (trafilatura 2.3.1, comments off, text out)
copies the whole tree, prunes infinite-scroll and comment sections from the copy, then copies it
twice more: once to clean it for the extractor and once as a "backup" that only the full cascade's
readability comparison reads. Whether its text is short against the page's is measured by
rendering the pruned page again (``html2txt``: another copy and a regular-expression XPath over
every element). newsdesk runs that cascade up to four times on one page (fast mode; recall mode
where it finds nothing; the full cascade where fast mode came out short, and its recall run), each
time from the same pruned page.

:class:`PageCascade` runs the same steps in the same order with trafilatura's own functions, and:

* copies the page for the prunes only when a prune finds something to remove. On most pages the
  prune XPaths match nothing, and after the prunes trafilatura only reads the page (each step that
  changes a tree copies it first), so it can read newsdesk's own tree;
* makes the backup copy only in full mode, the one mode that reads it;
* prunes the page, tests it for a forum thread and measures its text once for all runs;
* builds trafilatura's options once per mode and copies them per page;
* skips a class/id regular-expression XPath (the prunes, the cookie-banner test of ``html2txt``)
  when no class or id value of the page matches its expression: lxml runs ``re:test`` as a Python
  call for every element it tests, while one search of the page's values joined is a single C
  call. Those XPaths were the larger part of the prunes' and of ``html2txt``'s time;
* has the main extractor read its frame and discard XPaths, which match some class on nearly
  every page, as Python predicates on the attribute values (:mod:`newsdesk.extract.discard`);
* looks for a few plain words before it runs a gate's regular expression (:class:`Gate`);
* in the full cascade that follows a short fast run, reuses the fast run's main texts where the
  mode cannot change them (:meth:`PageCascade._main_text`) and makes readability's summary once
  for both of its comparisons (:func:`_readability`).

The text is the one ``bare_extraction`` returns (tests/extract/test_cascade.py compares the two;
the 1,678 dev pages were compared byte for byte). These are trafilatura's internals, so the pinned
version is checked: with any other version, ``bare_extraction`` runs as it is.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from copy import copy, deepcopy
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from trafilatura import core as traf_core
from trafilatura import external as traf_external
from trafilatura import main_extractor
from trafilatura.baseline import _spaced_text, baseline
from trafilatura.external import compare_extraction, try_justext
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import _COOKIE_CONSENT_RE, BASIC_CLEAN_XPATH, DEFAULT_CONFIG, Extractor
from trafilatura.utils import trim
from trafilatura.xml import delete_element, xmltotxt

from newsdesk.extract.discard import python_predicates

#: The trafilatura release whose ``bare_extraction`` and ``trafilatura_sequence`` this module follows.
TRAFILATURA_VERSION = "2.3.1"
REPLICA = trafilatura.__version__ == TRAFILATURA_VERSION

LOGGER = logging.getLogger(__name__)

#: ``basic_cleaning``'s XPath in its two parts: tag and footer tests in C, then the cookie-banner
#: ``re:test`` on every element, needed only where some class or id value mentions a banner.
_COOKIE_TEST = f"|.//*[re:test(@class, '{_COOKIE_CONSENT_RE}', 'i') or re:test(@id, '{_COOKIE_CONSENT_RE}', 'i')]"
_BASIC_CLEAN_PLAIN = (etree.XPath(BASIC_CLEAN_XPATH.path.removesuffix(_COOKIE_TEST))
                      if BASIC_CLEAN_XPATH.path.endswith(_COOKIE_TEST) else BASIC_CLEAN_XPATH)
#: The cookie-banner pattern of the pinned trafilatura, for which :data:`_COOKIE_GATE`'s words hold.
_COOKIE_PATTERN = (r"cookie[-_]?(?:banner|bar|consent|law|notice|policy|description)|notice[-_]{0,2}cookie"
                   r"|consent[-_]?(?:banner|manager|sdk)|borlabs|cookiebot|cmplz|onetrust|moove[-_]?gdpr")


@dataclass(frozen=True)
class Gate:
    """A search of a page's class and id values for a pattern, done in two steps: first for
    ``words``, plain substrings every match of the pattern contains, then the pattern itself.

    Why: the patterns are alternations with no common prefix, so Python's regular-expression engine
    tries every alternative at every position of the page's values (0.4 ms a page for the comment
    pattern, 1.5 ms for the case-blind cookie pattern), while a substring test is a C scan; most
    pages hold none of the words. With ``fold`` the pattern is matched regardless of case. For ASCII
    text, lower-casing keeps every position, so a case-blind match of a lower-case pattern is a
    case-sensitive match in the lower-cased text, which is cheaper still; any other text is searched
    with the case-blind pattern itself (a few non-ASCII letters fold onto ASCII ones, e.g. the Kelvin
    sign onto "k"). Empty ``words`` means no first step."""

    pattern: re.Pattern[str]
    words: tuple[str, ...] = ()
    fold: bool = False

    def search(self, text: str) -> bool:
        """Whether the pattern (case-blind with ``fold``) matches somewhere in ``text``."""
        if not self.fold:
            return self._has_words(text) and self.pattern.search(text) is not None
        if not text.isascii():
            return re.search(self.pattern.pattern, text, re.I) is not None
        lower = text.lower()
        return self._has_words(lower) and self.pattern.search(lower) is not None

    def _has_words(self, text: str) -> bool:
        return not self.words or any(word in text for word in self.words)


#: What some class or id value of a page must match for each of trafilatura's prune XPaths
#: (``RAW_TREE_PRUNE_XPATH``, ``REMOVE_COMMENTS_AND_LISTS_XPATH``, in order) to select anything: the
#: patterns their ``re:test`` and ``contains`` predicates apply to ``@id`` and ``@class``, merged
#: (a value of either kind may match either pattern: a gate may let a page through needlessly,
#: never stop one the XPath would match). ``^`` is per value: the values are searched joined by
#: newlines, which no pattern can match. Each alternative of a pattern holds one of its gate's words
#: ("omment" is in "[Cc]omment", "dsq-comments" and "(article|post)-comments").
_RAW_PRUNE_GATES = (Gate(re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll"), ("mvp-post-add-", "infinite")),
                    Gate(re.compile("elementor-share-buttons"), ("elementor-share-buttons",)))
_COMMENT_PRUNE_GATES = (Gate(re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)|(?:article|post)-comments",
                                        re.M), ("omment", "comol", "disqus_thread")),)
_COOKIE_GATE = (Gate(re.compile(_COOKIE_PATTERN), ("cookie", "consent", "borlabs", "cmplz", "onetrust", "moove"),
                     fold=True)
                if _COOKIE_CONSENT_RE == _COOKIE_PATTERN else Gate(re.compile(_COOKIE_CONSENT_RE, re.I)))
_CLASSES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)
_IDS = etree.XPath("descendant-or-self::*/@id", smart_strings=False)


class PageCascade:
    """trafilatura's main text of one page, in any of the modes newsdesk runs; what the runs of
    one page share is computed once. ``tree`` is the page's parsed tree: it is read, never changed."""

    def __init__(self, tree: Any, url: str | None) -> None:
        self.tree = tree
        self.url = url
        self._forum: bool | None = None
        self._pruned: Any = None
        self._page_chars: int | None = None
        self._marks: str | None = None
        self._main_texts: dict[str, tuple[Any, str]] = {}  # focus → the main extractor's (body, text)
        self._readability: list[Any] = []  # readability's summary of the pruned page, once made

    def text(self, fast: bool, recall: bool = False) -> str | None:
        """``bare_extraction(tree, url=url, include_comments=False, fast=fast, favor_recall=recall).text``,
        None where that returns None."""
        if not REPLICA:
            found = trafilatura.bare_extraction(self.tree, url=self.url, include_comments=False, fast=fast,
                                                favor_recall=recall)
            return None if found is None else found.text
        options = _options(fast, recall, self.url)
        try:
            body, text = self._sequence(options)
        except (TypeError, ValueError):  # bare_extraction's "discarding data"
            return None
        if options.max_tree_size and len(body) > options.max_tree_size:  # bare_extraction's size check
            etree.strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:  # no comments: 0 chars
            return None
        return xmltotxt(body, options.formatting)

    def _sequence(self, options: Extractor) -> tuple[Any, str]:
        """``trafilatura_sequence`` with comments off and a balanced or recall focus (the only
        configurations newsdesk runs): its stages 1 to 4, the comment and precision branches left out."""
        tree, url = self.pruned(), options.url
        body, text = self._extract_and_compare(options)
        if len(text) < options.min_extracted_size:  # 3. baseline rescue (baseline copies the tree)
            b_body, b_text, b_len = baseline(tree)
            if b_len > len(text):
                body, text = b_body, b_text
        if (options.focus == "balanced" and 0 < len(text) < traf_core.ESCALATION_MAX_LENGTH
                and len(text) < traf_core.ESCALATION_PAGE_SHARE * self.page_chars()):
            body, text = self._escalate(tree, options, url, body, text)
        return body, text

    def _escalate(self, tree: Any, options: Extractor, url: str | None, body: Any, text: str) -> tuple[Any, str]:
        """Stage 4, recall escalation: a recall-mode retry, and in full mode a justext candidate."""
        r_options = copy(options)
        r_options.focus = "recall"
        r_body, r_text, j_body, j_text = None, "", None, ""
        try:
            r_body, r_text = self._extract_and_compare(r_options)
        except Exception as err:  # noqa: BLE001 - as trafilatura: a failed retry leaves the text as it is
            LOGGER.warning("recall retry failed: %s %s", err, url)
        if not options.fast:
            try:
                j_body, j_text = self._justext(tree, options)
            except Exception as err:  # noqa: BLE001 - as trafilatura
                LOGGER.warning("justext candidate failed: %s %s", err, url)
        if len(j_text) > len(r_text) and len(j_text) > traf_core.ESCALATION_JUSTEXT_RATIO * len(text):
            return j_body, j_text
        if len(r_text) >= options.min_extracted_size and len(r_text) > traf_core.ESCALATION_ACCEPT_RATIO * len(text):
            return r_body, r_text
        return body, text

    def _extract_and_compare(self, options: Extractor) -> tuple[Any, str]:
        """trafilatura's ``_prepare_tree`` and ``_extract_and_compare`` (stages 1–2): clean a copy of the
        pruned page, convert its tags, extract; in full mode compare with the external extractors
        (readability on a copy of the pruned page, justext on the cleaned backup)."""
        tree = self.pruned()
        known = self._main_texts.get(options.focus)
        if known is not None:  # a fresh cleaned page is the backup, as nothing converts it here
            body, text = deepcopy(known[0]), known[1]
            backup = None if options.fast else tree_cleaning(copy(tree), options)
        else:
            cleaned = tree_cleaning(copy(tree), options)
            backup = None if options.fast else copy(cleaned)
            body, text = self._main_text(cleaned, options)
        if not options.fast:  # readability is the one reader of the raw page here: once it has run, no copy
            raw = tree if self._readability else copy(tree)
            with _readability_once(self._readability):
                body, text = compare_extraction(backup, raw, body, text, options)
        return body, text

    def _main_text(self, cleaned: Any, options: Extractor) -> tuple[Any, str]:
        """``extract_content`` of the cleaned page, kept for the page's later runs where it cannot differ.

        Fast and full mode differ inside the main extractor in one place only: its recovery pass
        for short texts keeps teaser blocks in fast mode (``keep_teasers=options.fast``), and that
        flag acts only outside recall focus. So a text made in recall focus, or one whose recovery
        pass never ran, is the other mode's text too (the other options are the same), and the full
        cascade that follows a short fast run need not extract it again."""
        before = _RECOVERIES[0]
        with python_predicates(), _recoveries_counted():  # frame and discard XPaths without a Python call per element
            body, text = extract_content(convert_tags(cleaned, options, options.url), options)
        if options.focus == "recall" or _RECOVERIES[0] == before:
            self._main_texts[options.focus] = (deepcopy(body), text)
        return body, text

    def forum(self) -> bool:
        """Whether the page is a forum thread (trafilatura keeps comment sections there)."""
        if self._forum is None:
            self._forum = traf_core._forum_thread_page(self.tree)
        return self._forum

    def pruned(self) -> Any:
        """The page without infinite-scroll containers and, unless it is a forum thread, without
        comment sections: the tree itself when no prune XPath matches anything, else a pruned copy."""
        if self._pruned is None:
            gated = list(zip(traf_core.RAW_TREE_PRUNE_XPATH, _RAW_PRUNE_GATES, strict=True))
            if not self.forum():
                gated += zip(traf_core.REMOVE_COMMENTS_AND_LISTS_XPATH, _COMMENT_PRUNE_GATES, strict=True)
            self._pruned = pruned_copy(self.tree, [xpath for xpath, gate in gated if gate.search(self.marks())])
        return self._pruned

    def page_chars(self) -> int:
        """trafilatura's measure of the page's text for its escalation test: ``len(html2txt(pruned))``.

        ``html2txt`` step for step (copy, ``basic_cleaning`` of the <body>, ``_spaced_text``), with
        the cookie-banner test left out of the cleaning XPath where no class or id value can pass it."""
        if self._page_chars is None:
            tree = copy(self.pruned())  # _spaced_text writes spaces into the tree
            body = tree.find(".//body")
            body = tree if body is None else body
            for el in self._cleaning()(body):
                delete_element(el)
            self._page_chars = len(_spaced_text(body))
        return self._page_chars

    def _cleaning(self) -> Any:
        """``basic_cleaning``'s XPath, without its cookie-banner test where no class or id value can pass it."""
        return BASIC_CLEAN_XPATH if _COOKIE_GATE.search(self.marks()) else _BASIC_CLEAN_PLAIN

    def _justext(self, tree: Any, options: Extractor) -> tuple[Any, str]:
        """``justext_rescue(copy(tree), options)`` step for step (``basic_cleaning``, ``try_justext``, the
        text trimmed), with the cleaning of :meth:`_cleaning`: the full cascade's justext candidate
        otherwise runs the cookie-banner test as a Python call on every element of the page."""
        cleaned = copy(tree)
        for el in self._cleaning()(cleaned):
            delete_element(el)
        body = try_justext(cleaned, options.url, options.lang)
        return body, trim(" ".join(body.itertext()))

    def marks(self) -> str:
        """Every class and id value of the page, one a line (the prunes only remove elements, so
        the values of the pruned page are among these)."""
        if self._marks is None:
            self._marks = "\n".join(_CLASSES(self.tree) + _IDS(self.tree))
        return self._marks


def pruned_copy(tree: Any, expressions: Iterable[Any]) -> Any:
    """``prune_unwanted_nodes(copy(tree), expressions)``, or ``tree`` itself when nothing matches.

    The expressions run in turn on the tree until one matches; the copy is made then, that match's
    elements are found in it by their child positions, and from there on everything runs on the
    copy, as trafilatura does. A root with siblings (two documents glued together) is copied up
    front: a copy holds the root alone, and a query from the document root would see the siblings."""
    work = None if _alone(tree) else copy(tree)
    for expression in expressions:
        if work is None:
            found = expression(tree)
            if not found:
                continue
            work = copy(tree)
            found = [_counterpart(el, tree, work) for el in found]
        else:
            found = expression(work)
        for el in found:
            delete_element(el)  # the tail text is kept
    return tree if work is None else work


def _alone(tree: Any) -> bool:
    return tree.getparent() is None and tree.getprevious() is None and tree.getnext() is None


def _counterpart(el: Any, tree: Any, other: Any) -> Any:
    """The element of ``other`` (a copy of ``tree``) at the place ``el`` holds in ``tree``."""
    path: list[int] = []
    while el is not tree:
        parent = el.getparent()
        path.append(parent.index(el))
        el = parent
    return _descend(other, reversed(path))


def _descend(el: Any, path: Iterable[int]) -> Any:
    for index in path:
        el = el[index]
    return el


_TRY_READABILITY = traf_external.try_readability
_RECOVER_WILD_TEXT = main_extractor.recover_wild_text
#: How many times the main extractor's recovery pass ran (in any thread: a count that grew
#: because of another thread only makes :meth:`PageCascade._main_text` keep nothing).
_RECOVERIES = [0]
_LOCAL = threading.local()  # this thread's readability memo, while one is lent


def _counted_recovery(*args: Any, **kwargs: Any) -> Any:
    _RECOVERIES[0] += 1
    return _RECOVER_WILD_TEXT(*args, **kwargs)


@contextlib.contextmanager
def _recoveries_counted() -> Iterator[None]:
    """The main extractor counts its recovery passes in :data:`_RECOVERIES` while inside."""
    saved = main_extractor.recover_wild_text
    main_extractor.recover_wild_text = _counted_recovery
    try:
        yield
    finally:
        main_extractor.recover_wild_text = saved


def _readability(raw_tree: Any) -> Any:
    """``try_readability``, made once per memo lent to this thread: both full-mode comparisons of a
    page (balanced, then the recall retry) hand it a copy of the same pruned page, and readability
    reads nothing else. Each caller gets its own copy of the summary (trafilatura may clean it in
    place); a thread with no memo runs readability as it is."""
    memo = getattr(_LOCAL, "readability", None)
    if memo is None:
        return _TRY_READABILITY(raw_tree)
    if not memo:
        memo.append(_TRY_READABILITY(raw_tree))
    return deepcopy(memo[0])


@contextlib.contextmanager
def _readability_once(memo: list[Any]) -> Iterator[None]:
    """trafilatura's comparison reads readability's summary from ``memo`` (made at the first call) while inside."""
    saved = traf_external.try_readability
    _LOCAL.readability = memo
    traf_external.try_readability = _readability
    try:
        yield
    finally:
        traf_external.try_readability = saved
        _LOCAL.readability = None


def _options(fast: bool, recall: bool, url: str | None) -> Extractor:
    """The options ``bare_extraction`` builds for this call: a copy of the mode's template (building
    one reads a dozen settings from the configuration) with the page's URL."""
    options = copy(_template(fast, recall))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


@functools.cache
def _template(fast: bool, recall: bool) -> Extractor:
    return Extractor(config=DEFAULT_CONFIG, output_format="python", fast=fast, precision=False, recall=recall,
                     comments=False, formatting=None, links=False, images=False, tables=True, dedup=False,
                     lang=None, url=None, with_metadata=False, only_with_metadata=False, author_blacklist=None,
                     url_blacklist=None, date_params=None)


__all__: Sequence[str] = ["REPLICA", "TRAFILATURA_VERSION", "PageCascade", "pruned_copy"]
