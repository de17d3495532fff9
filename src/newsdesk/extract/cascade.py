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
  every page, as Python predicates on the attribute values (:mod:`newsdesk.extract.discard`).

The text is the one ``bare_extraction`` returns (tests/extract/test_cascade.py compares the two;
the 1,678 dev pages were compared byte for byte). These are trafilatura's internals, so the pinned
version is checked: with any other version, ``bare_extraction`` runs as it is.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from copy import copy
from typing import Any

import trafilatura
from lxml import etree
from trafilatura import core as traf_core
from trafilatura.baseline import _spaced_text, baseline
from trafilatura.external import compare_extraction, justext_rescue
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import _COOKIE_CONSENT_RE, BASIC_CLEAN_XPATH, DEFAULT_CONFIG, Extractor
from trafilatura.xml import delete_element, xmltotxt

from newsdesk.extract.discard import python_predicates

#: The trafilatura release whose ``bare_extraction`` and ``trafilatura_sequence`` this module follows.
TRAFILATURA_VERSION = "2.3.1"
REPLICA = trafilatura.__version__ == TRAFILATURA_VERSION

LOGGER = logging.getLogger(__name__)

#: What some class or id value of a page must match for each of trafilatura's prune XPaths
#: (``RAW_TREE_PRUNE_XPATH``, ``REMOVE_COMMENTS_AND_LISTS_XPATH``, in order) to select anything: the
#: patterns their ``re:test`` and ``contains`` predicates apply to ``@id`` and ``@class``, merged
#: (a value of either kind may match either pattern: a gate may let a page through needlessly,
#: never stop one the XPath would match). ``^`` is per value: the values are searched joined by
#: newlines, which no pattern can match.
_RAW_PRUNE_GATES = (re.compile(r"mvp-post-add-(?:box|wrap)|infinite-?scroll"), re.compile("elementor-share-buttons"))
_COMMENT_PRUNE_GATES = (re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)|(?:article|post)-comments",
                                   re.M),)
#: ``basic_cleaning``'s XPath in its two parts: tag and footer tests in C, then the cookie-banner
#: ``re:test`` on every element, needed only where some class or id value mentions a banner.
_COOKIE_TEST = f"|.//*[re:test(@class, '{_COOKIE_CONSENT_RE}', 'i') or re:test(@id, '{_COOKIE_CONSENT_RE}', 'i')]"
_BASIC_CLEAN_PLAIN = (etree.XPath(BASIC_CLEAN_XPATH.path.removesuffix(_COOKIE_TEST))
                      if BASIC_CLEAN_XPATH.path.endswith(_COOKIE_TEST) else BASIC_CLEAN_XPATH)
_COOKIE_GATE = re.compile(_COOKIE_CONSENT_RE, re.I)
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
        body, text = _extract_and_compare(tree, options, url)
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
            r_body, r_text = _extract_and_compare(tree, r_options, url)
        except Exception as err:  # noqa: BLE001 - as trafilatura: a failed retry leaves the text as it is
            LOGGER.warning("recall retry failed: %s %s", err, url)
        if not options.fast:
            try:
                j_body, j_text = justext_rescue(copy(tree), options)
            except Exception as err:  # noqa: BLE001 - as trafilatura
                LOGGER.warning("justext candidate failed: %s %s", err, url)
        if len(j_text) > len(r_text) and len(j_text) > traf_core.ESCALATION_JUSTEXT_RATIO * len(text):
            return j_body, j_text
        if len(r_text) >= options.min_extracted_size and len(r_text) > traf_core.ESCALATION_ACCEPT_RATIO * len(text):
            return r_body, r_text
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
            cleaning = BASIC_CLEAN_XPATH if _COOKIE_GATE.search(self.marks()) else _BASIC_CLEAN_PLAIN
            for el in cleaning(body):
                delete_element(el)
            self._page_chars = len(_spaced_text(body))
        return self._page_chars

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


def _extract_and_compare(tree: Any, options: Extractor, url: str | None) -> tuple[Any, str]:
    """trafilatura's ``_prepare_tree`` and ``_extract_and_compare`` (stages 1–2): clean a copy, convert
    its tags, extract; in full mode compare with the external extractors on the cleaned backup."""
    cleaned = tree_cleaning(copy(tree), options)
    backup = None if options.fast else copy(cleaned)
    with python_predicates():  # its frame and discard XPaths without a Python call per element
        body, text = extract_content(convert_tags(cleaned, options, url), options)
    if not options.fast:
        body, text = compare_extraction(backup, copy(tree), body, text, options)
    return body, text


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
