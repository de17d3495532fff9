"""trafilatura's frame and discard XPaths read in Python select what the XPaths select: on pages built
to take every branch of their predicates (attribute order included), and on random pages mixing the
class, id, style and role values those predicates look for."""

from __future__ import annotations

import random

import pytest
from lxml import etree
from trafilatura import main_extractor
from trafilatura.xpaths import BODY_XPATH, OVERALL_DISCARD_XPATH

from newsdesk.extract import discard
from newsdesk.extract.cascade import REPLICA
from newsdesk.extract.html import parse_page

ELEMENTS = [
    '<div id="share-box" class="post">x</div>',
    '<div class="post" id="share-box">x</div>',
    '<div id="main" class="cookie-note">x</div>',
    '<div class="cookie-note" id="main">x</div>',
    '<span id="cookie" class="x">x</span>',
    '<p class="x" id="cookies">x</p>',
    '<section data-lp-replacement-content="">x</section>',
    '<div role="Navigation">x</div>',
    '<div role="NAVIGATION">x</div>',
    '<div data-component="MostPopularStoriesList">x</div>',
    '<div class="a ad-slot">x</div>',
    '<div class="bad-news">x</div>',
    '<div class="dfpAd">x</div>',
    '<item class="widget">x</item>',
    '<list id="ad-top">x</list>',
    '<div id="reply-3" class="c">x</div>',
    '<div class="reply-3" id="c">x</div>',
    '<div id="c" class="reply-3">x</div>',
    '<div id="is-hidden" style="color: red">x</div>',
    '<div style="visibility: hidden" id="box">x</div>',
    '<div id="box" style="visibility: hidden">x</div>',
    '<b style="display:none">x</b>',
    '<b style="display: none">x</b>',
    '<i aria-hidden="true">x</i>',
    '<h2 class="comments-title">x</h2>',
    '<div class="x hidden">x</div>',
    '<div id="akismet-field">x</div>',
    '<main class="article-body">x</main>',
    '<div class="entry">x</div>',
    '<div itemprop="articleBody">x</div>',
    '<section id="articleContent">x</section>',
    '<article role="article">x</article>',
    '<div id="story">x</div>',
    '<div class="FullText">x</div>',
    '<div class="article lead">x</div>',
    '<div id="primary-col">x</div>',
    '<div id="Main-Content">x</div>',
    '<div class="Page-Content">x</div>',
    '<section class="content">x</section>',
    '<div class="content__body">x</div>',
    '<div>x</div>',
]

TOKENS = ["share", "shareit", "social", "nav", "Nav", "menu", "bar", "ad", "ad-", "-ad-", "hidden", "hide-x", "reply-",
          "cookie", "meta", "post", "entry", "content", "main-content", "article", "story", "fulltext", "x", "",
          "comments-title", "display:none", "body-text", "page-content", "Byline", "tags"]
ATTRIBUTES = ["id", "class", "style", "role", "aria-hidden", "itemprop", "data-component"]
TAGS = ["div", "p", "span", "section", "article", "main", "list", "item", "b"]  # after trafilatura's convert_tags


def _same_selection(tree: object) -> None:
    pairs = zip([*OVERALL_DISCARD_XPATH, *BODY_XPATH], [*discard.FAST_DISCARD, *discard.FAST_BODY], strict=True)
    for xpath, fast in pairs:
        expected = xpath(tree)
        if xpath in BODY_XPATH:  # trafilatura only takes the first element of a frame XPath
            expected = expected[:1]
            assert fast(tree)[:1] == expected, str(xpath)
        else:
            assert fast(tree) == expected, str(xpath)


def _random_element(rng: random.Random, depth: int) -> str:
    names = rng.sample(ATTRIBUTES, rng.randint(0, 4))  # the order of the attributes matters to @id|@class
    attributes = "".join(f' {name}="{" ".join(rng.sample(TOKENS, rng.randint(1, 2)))}"' for name in names)
    tag = rng.choice(TAGS)
    inner = "".join(_random_element(rng, depth - 1) for _ in range(rng.randint(0, 3))) if depth else ""
    return f"<{tag}{attributes}>text {inner}</{tag}>"


@pytest.mark.skipif(not REPLICA, reason="the replacements follow the pinned trafilatura's XPaths")
def test_every_replaced_xpath_was_recognised() -> None:
    assert discard.COMPLETE


@pytest.mark.parametrize("index", range(len(ELEMENTS)))
def test_each_branch_selects_what_the_xpath_selects(index: int) -> None:
    element = ELEMENTS[index]
    tree = parse_page(f"<html><body><div class='wrap'>{element}<p>after</p>{element}</div></body></html>")
    _same_selection(tree)
    _same_selection(tree.find("body"))


def test_random_pages_select_what_the_xpaths_select() -> None:
    rng = random.Random(7)
    for _ in range(150):
        body = "".join(_random_element(rng, 3) for _ in range(rng.randint(1, 5)))
        tree = parse_page(f"<html><body>{body}</body></html>")
        _same_selection(tree)


def test_the_swap_is_undone_and_trafilatura_keeps_its_own_xpaths() -> None:
    before = main_extractor.OVERALL_DISCARD_XPATH, main_extractor.BODY_XPATH
    with discard.python_predicates():
        assert main_extractor.OVERALL_DISCARD_XPATH is discard.FAST_DISCARD
        assert main_extractor.BODY_XPATH is discard.FAST_BODY
    assert before == (main_extractor.OVERALL_DISCARD_XPATH, main_extractor.BODY_XPATH)
    with pytest.raises(RuntimeError), discard.python_predicates():
        raise RuntimeError
    assert main_extractor.OVERALL_DISCARD_XPATH is before[0]


def test_an_xpath_of_another_text_is_left_as_it_is() -> None:
    other = etree.XPath(".//*[re:test(@class, 'nav')]", namespaces={"re": "http://exslt.org/regular-expressions"})
    assert discard._replace(other, discard._DISCARD_0, discard._Discard0) is other
