"""Furniture inside the text of a marked article: standfirst, link paragraphs, labels, credits, boxes.

On a page whose metadata marks it as an article, trafilatura's text is taken as it is, and three
kinds of line it keeps are not the article by either benchmark's reading (seventeenth pass):

- the **standfirst** (dek): a one-sentence summary set under the headline in a heading element
  whose class names it (``sub-head``, ``subtitle``, ``article-subline``) or inside the page's
  ``<header>``. It is the first line of the text, and it repeats what the article says;
- **link paragraphs** after the first line of prose: a ``<p>`` that is almost all link text
  ("Read more: …", "SEE MORE: …", "Also on …", a headline of another story, "Get the app"),
  put between or after the article's paragraphs by the site's templates;
- **widget labels**: lines that are only "Advertisement", "Newsletter", "Subscribe", "Follow us",
  "Comments", "Leave a reply", "Tell us what you think", or that open with "Related:", "See also:",
  "Thanks for signing up!".

Two more kinds since the eighteenth pass:

- **widget boxes**: lines inside a small element whose class or id names a newsletter or
  subscription box, a disclosure or disclaimer, a modal or popup, an author bio, a promotion or
  sponsored box, or a print-only header ("This copy is for your personal use"). "Small" is
  under a quarter of the text's words: a site that names the article's own container
  "newsletter" (a mailing-list archive) or "modal" (an article shown in an overlay) keeps it;
- **credit lines** after the first line of prose: the wire and contact lines set under a news
  story ("Reporting by …; Editing by …", "… contributed to this report.", "Write to … at …@…",
  "Email … at …@…", "Follow him on Twitter …", "… can be reached at …@…"). On the dev sets
  9 of the 12 such lines are not in the gold.

Two more since the nineteenth pass:

- **date stamps** above the first line of prose: a short line that holds a year or a clock time and
  is mostly numbers ("Updated on November 18, 2025", "segunda-feira, 22 de janeiro de 2018 às 0:13",
  "5:45 AM PST 11/19/2019 by …"). The page's date is read from its metadata; the stamp is not text;
- **other stories' cards**: the story is where the text's first line is, in an ``<article>``
  element or outside every one; a line whose block sits in another ``<article>`` (the innermost
  one around it) that holds under :data:`CARD_SHARE` of the text's words is the excerpt of another
  post ("you may also like" cards that a template marks up as articles). HTML's own reading: an
  ``<article>`` is a self-contained composition. A story of under :data:`STORY_SHARE` of the words
  is the first item of a listing (or of a forum thread) marked as an article, and then nothing goes.

Three more since the twentieth pass, line rules like the labels (WCXB articles: the kept "without" snippets
bucketed, docs/benchmarks.md):

- **calls to act** of at most :data:`CALL_WORDS` words that are not a list item: "Subscribe to get the latest
  posts sent to your email.", "Sign up for the newsletter", "Join our … newsletter", "… delivered to your
  inbox", "Book a demo", "This article is exclusive to … subscribers", "This story is funded by readers …".
  A list item stays: a how-to's steps ("- Sign up for an account …") are the article. "Get a free quote"
  is not a call here: on marked service pages it heads the offer the annotators keep (a dev-set choice);
- **read-time badges** ("5 min read", "October 16, 2020 · 8 min read") of at most :data:`READ_WORDS` words;
- **"Written by …" lines** of at most :data:`BYLINE_WORDS` words ("Reviewed by …", "Fact checked by …"),
  above, inside or below the text. The author is read from the metadata; the line repeats it.

And a cut: the **other stories after the text**. A heading line of at most :data:`TAIL_WORDS` words after
the first line of prose that introduces other stories ("Related articles", "Related content", "Read this
next", "You might also like:", "More from …", "More in …") ends the article; it and every line after it go,
where at least :data:`TAIL_SHARE` of the text's words lie above it. The heading words were chosen with the
dev sets in view: "Further reading" (a reference list the annotators keep), "Don't miss", "Latest news",
"More posts" and "Also read" (all found inside articles) cost more than they gained, and are not in it.

Two more of the same kind:

- **teaser cards in a list**: list lines after the first prose line that open with the text of a linked
  heading inside a ``<li>`` and go on with its subline ("- Pochettino fired by Tottenham Pochettino took
  the club …"); two at least, and under :data:`WIDGET_SHARE` of the text's words (else a listing);
- **newsletter promotions**: a line of at most :data:`PROMO_WORDS` words that asks to sign up or
  subscribe and names a newsletter or an inbox, wherever it sits ("Get the latest updates right in
  your inbox. Subscribe to NJ.com's newsletters.").

One more since the twenty-first pass, a seam the page shows rather than words:

- **the story's container ends**: the story's container is the innermost element that holds at least
  :data:`STORY_CONTAINER_SHARE` of the words of the lines found on the page, and two of those lines at least.
  After the last line inside it, the lines whose block lies outside it go: an author box, a disclaimer, a
  "more from us" strip, a reference widget, a site's closing promotion, which the template sets after the
  article's own element ends. The annotators' text ends there too, where trafilatura's often does not. A
  line not found on the page stays (its place is unknown). The lines are taken after the other trims, so a
  card or a box already gone does not pull the container wider.

Since the twenty-third pass this cut is the one trim that also acts on pages **not** marked as articles
(unmarked articles, product, service, forum, listing pages). It reads the page's markup, not the words, so
the reasons the word trims stay off those pages do not hold for it: what a template sets after the element
that holds most of the text (a shop's "Free shipping" strip, a forum's sign-in box, a site's promotion under an
unmarked article) is outside the main content on any kind of page.

Since the twenty-fourth pass the same seam is read at the top too, for labels only: a line **above** the
container's first line whose block lies outside the container, of at most :data:`HEAD_LABEL_WORDS` words and no
sentence, goes ("Sort and Filter", "Reading time", a breadcrumb's last entry, "Free shipping on orders $75+").
Cutting every line above the container lost (a page's title block, price or lead sits above its main element:
twenty-third pass); a short label above it is the page's chrome on any kind of page. A sentence, a longer line
and a line not found on the page stay.

The standfirst and the link paragraphs are found by the block that holds the line, as :func:`.edges.trim_head` finds
menus. Lists stay: a list of links inside an article is often its content (sources, products, steps), and on
WCXB the annotators keep it. Pages not marked as articles keep every line but for the container cut:
listings and documentation are made of link paragraphs. The bars are a development choice (set with both dev
sets in view; docs/benchmarks.md, seventeenth to twentieth passes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsdesk.extract.blocks import Block, class_tokens
from newsdesk.extract.edges import is_prose
from newsdesk.extract.mainbody import normalised

#: Shortest standfirst: a heading of fewer words is a section title or a label.
STANDFIRST_WORDS = 6
#: Heading levels below the title: a standfirst's element, and a teaser card's headline.
HEADING_TAGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
#: Class words of a standfirst element.
_STANDFIRST_CLASS = re.compile(r"sub-?(?:title|head|hed|line|heading)|\bdek\b|standfirst|\bdeck\b|summary|excerpt"
                               r"|intro|teaser|strapline|kicker", re.I)
#: A link paragraph has at least this share of its characters in links, and this many words
#: (fewer is a label, which :func:`.edges.trim_head` handles above the prose), at most that many.
LINK_SHARE = 0.8
LINK_WORDS = (5, 30)
#: How trafilatura starts a list item's line.
LIST_MARKS = ("- ", "– ", "• ")
#: Widget labels: the whole line, or its opening words before a colon.
_LABEL = re.compile(
    r"^\W*(?:advertisement|sponsored|ad|story continues below(?: advertisement)?|continue reading below"
    r"|newsletters?|subscribe(?: now| today| to us)?|sign up(?: now| today)?|join our newsletter|follow us"
    r"|(?:\d+ )?comments?|leave a (?:comment|reply)|post a comment|tell us what you think"
    r"|like this (?:story|article)\? share it with a friend|tags|related reads|pin (?:it )?for later"
    r"|share (?:your story|this(?: article| post| story)?)|page \d+ of \d+)\W*$"
    r"|^\W*(?:related(?: articles?| posts?| stories| reading| content)?|see also|see more|more)\s*[:.…]"
    r"|^(?:thanks|thank you) for (?:signing up|subscribing)"
    r"|^\W*follow (?:us|him|her|them|\w+) on (?:twitter|facebook|instagram)", re.I)
#: Calls to act (subscribe, sign up, join, book a demo), of at most this many words and not a list item.
CALL_WORDS = 15
_CALL = re.compile(
    r"^\W*(?:subscribe\b|sign[- ]?up\b|join (?:our|the|medium|us|\d|over)\b|register (?:now|today|for)\b"
    r"|book (?:a|your) (?:free )?(?:demo|call|consultation)\b|want to (?:win|get|learn|grow|save)\b.*\?$)"
    r"|delivered (?:straight )?to your inbox|exclusive to .{1,30} subscribers|funded by readers", re.I)
#: A read-time badge ("5 min read"), of at most this many words.
READ_WORDS = 10
_READ_TIME = re.compile(r"\b\d+\s*(?:min|mins|minutes?)\.? read\b", re.I)
#: A "Written by …" line, of at most this many words (a longer one is a sentence about the writing).
BYLINE_WORDS = 8
_BYLINE = re.compile(r"^\W*(?:written|posted|reviewed|fact[- ]checked|medically reviewed|authored) by\b", re.I)
#: A heading that introduces other stories after the article: at most this many words, and at least this
#: share of the text's words above it (the whole dev plateau runs from 0 to 0.4; a guard for a heading near the top).
TAIL_WORDS = 8
TAIL_SHARE = 0.2
_TAIL_HEADING = re.compile(r"^\W*(?:read (?:this )?next|(?:you )?(?:may|might) (?:also )?(?:like|enjoy)"
                           r"|related (?:posts?|articles?|stories|reads|content)|more (?:from|in) \w.*)\W*$", re.I)
#: Class or id words of a widget box, and how far up from a line's block they are looked for.
WIDGET_WORDS = frozenset(["newsletter", "newsletters", "subscribe", "subscription", "signup", "disclosure", "disclaimer",
                          "modal", "popup", "bio", "biography", "saboxplugin", "print", "printonly", "promo",
                          "promotion", "promoted", "sponsored"])
WIDGET_DEPTH = 9
_WIDGET_HINT = re.compile("newsletter|subscri|signup|disclosure|disclaimer|modal|popup|bio|saboxplugin|print|promo"
                          "|sponsored", re.I)
#: A widget box holds less than this share of the text's words; a bigger one is the article's own container.
WIDGET_SHARE = 0.25
#: Credit and contact lines (case matters: "editing by hand" inside a sentence is no credit).
_CREDIT = re.compile(
    r"^\(?(?:Reporting by|Additional reporting by|Editing by|Edited by|Writing by|Compiled by)\b"
    r"|contributed (?:to )?(?:this|the) (?:report|story|article)\.?\)?$"
    r"|^Write to \S.{0,60} at \S+@|^E-?mail \S.{0,60} at \S+@"
    r"|^Follow (?:us|him|her|them|@?\w+(?: \w+){0,3}) on (?:Twitter|Facebook|Instagram|LinkedIn)"
    r"|(?:may|can) be reached at \S+@")
#: Longest credit line: a longer one is a paragraph that happens to end with a credit.
CREDIT_WORDS = 40
#: A date stamp: at most this many words, a year or a clock time, and at least this share of its words all
#: digits, and at least this many of them (a day and a year, an hour and a minute: "Floods 2025" is a heading).
DATE_WORDS = 12
DATE_DIGITS = 0.4
DATE_NUMBERS = 2
_DATE_MARK = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b")
_WORD = re.compile(r"\w+")
#: The story's ``<article>`` (or the page outside every one) holds at least this share of the matched lines'
#: words, and another ``<article>`` under that share to be a card.
STORY_SHARE = 0.2
CARD_SHARE = 0.12
#: The fewest teaser lines that make a list of them.
TEASER_ITEMS = 2
#: A newsletter promotion: asks to sign up or subscribe and names a newsletter or an inbox, in a short line.
_PROMO = re.compile(r"\b(?:sign up|sign-up|subscribe)\b.*\b(?:newsletter|inbox)\b"
                    r"|\b(?:newsletter|inbox)\b.*\b(?:sign up|sign-up|subscribe)\b", re.I)
PROMO_WORDS = 40
#: The story's container holds at least this share of the found lines' words. Chosen with both dev sets in view:
#: every share from 0.7 to 0.9 gains on both, 0.75 the most on WCXB; 0.6 loses (docs/benchmarks.md, 22nd pass).
STORY_CONTAINER_SHARE = 0.75
#: A line above the story's container and outside it, of at most this many words and no sentence, is a label:
#: a menu entry, a breadcrumb, a filter or a section name ("Sort and Filter", "Free shipping on orders $75+",
#: "Reading time"). Chosen with WCXB in view from 2, 4, 6 and 10 (docs/benchmarks.md, twenty-fourth pass): 6 gains
#: on WCXB articles and cuts "without" snippets on every site fold, and leaves WCXB all as it was; 10 gains more
#: on articles but loses on product and service pages, whose price and offer lines sit above the description.
HEAD_LABEL_WORDS = 6


def trim_furniture(lines: Sequence[str], blocks: Sequence[Block], marked_article: bool) -> list[str]:
    """``lines`` without the standfirst, link paragraphs, widget labels (calls to act, read-time badges
    and "Written by …" lines among them), credit lines, widget boxes, date stamps, other stories' cards,
    the other stories after a "Related articles" heading of a marked article, and the lines after its story's
    container ends and the short labels above it (see the module docstring). Other pages lose only those two.
    A marked article's text without a line of prose is left alone."""
    if len(lines) < 2:
        return list(lines)
    if not marked_article:
        return [lines[i] for i in _inside_story(lines, _held(lines, blocks))]
    first = next((i for i, line in enumerate(lines) if is_prose(line)), None)
    if first is None:
        return list(lines)
    drop = _link_paragraphs(lines, first, blocks) | {i for i, line in enumerate(lines) if _is_label(line)}
    drop |= {i for i in range(first + 1, len(lines)) if len(lines[i].split()) <= CREDIT_WORDS and _CREDIT.search(lines[i])}
    drop |= {i for i in range(first) if _is_date_stamp(lines[i])}
    drop |= set(range(_tail_start(lines, first), len(lines)))
    held = _held(lines, blocks)
    drop |= _widget_boxes(lines, held) | _other_articles(lines, held)
    drop |= _teaser_items(lines, first, blocks)
    if len(lines) > 1 + len(drop) and _is_standfirst(lines[0], blocks):  # never the whole text
        drop.add(0)
    kept = [i for i in range(len(lines)) if i not in drop]
    kept = [kept[j] for j in _inside_story([lines[i] for i in kept], [held[i] for i in kept])]
    return [lines[i] for i in kept] or list(lines)


def _inside_story(lines: Sequence[str], held: Sequence[Block | None]) -> list[int]:
    """Indices of ``lines`` to keep: all but those whose block (``held``: each line's, or None) lies outside the
    story's container and that come after its last line, or before its first line as a label of at most
    :data:`HEAD_LABEL_WORDS` words that is no sentence (see the module docstring)."""
    container = _story_container(lines, held)
    if container is None:
        return list(range(len(lines)))
    inside = [block is not None and container in block.ancestors for block in held]
    first = inside.index(True)
    last = len(inside) - 1 - inside[::-1].index(True)
    return [i for i, block in enumerate(held) if block is None or first <= i <= last
            or (i < first and (len(lines[i].split()) > HEAD_LABEL_WORDS or is_prose(lines[i])))]


def _story_container(lines: Sequence[str], held: Sequence[Block | None]) -> Any:
    """The innermost element around at least :data:`STORY_CONTAINER_SHARE` of the found lines' words and around
    two found lines at least (one long paragraph is no container: the lines after it are the story's too), or
    None. The elements that pass form one chain from the root down, so the deepest one is the innermost."""
    under: dict[int, list[Any]] = {}  # by element identity: [words, found lines, depth, element]
    total = 0
    for line, block in zip(lines, held, strict=True):
        if block is not None:
            size = len(line.split())
            total += size
            for depth, el in enumerate(block.ancestors):
                entry = under.get(id(el))
                if entry is None:
                    under[id(el)] = [size, 1, depth, el]
                else:
                    entry[0] += size
                    entry[1] += 1
    bar = STORY_CONTAINER_SHARE * total
    passing = [entry for entry in under.values() if entry[0] >= bar and entry[1] > 1]
    return max(passing, key=lambda entry: entry[2])[3] if passing and total else None


def _tail_start(lines: Sequence[str], first: int) -> int:
    """The index of the heading that introduces other stories after the article (see :data:`TAIL_WORDS`),
    or ``len(lines)`` where there is none."""
    total = sum(len(line.split()) for line in lines)
    above = 0
    for i, line in enumerate(lines):
        words = len(line.split())
        if i > first and words <= TAIL_WORDS and above >= TAIL_SHARE * total and _TAIL_HEADING.search(line):
            return i
        above += words
    return len(lines)


def _is_label(line: str) -> bool:
    """Whether ``line`` is a widget label, a call to act, a newsletter promotion, a read-time badge or a
    "Written by …" line (see :data:`CALL_WORDS`, :data:`PROMO_WORDS`, :data:`READ_WORDS`,
    :data:`BYLINE_WORDS`): furniture wherever it sits."""
    if _LABEL.search(line) or _is_promotion(line):
        return True
    words = len(line.split())
    return ((words <= CALL_WORDS and not line.startswith(LIST_MARKS) and _CALL.search(line) is not None)
            or (words <= READ_WORDS and _READ_TIME.search(line) is not None)
            or (words <= BYLINE_WORDS and _BYLINE.search(line) is not None))


def _is_promotion(line: str) -> bool:
    """Whether ``line`` is a short newsletter promotion (a plain substring test first: few lines name one)."""
    lower = line.lower()
    return ("newsletter" in lower or "inbox" in lower) and len(line.split()) <= PROMO_WORDS and bool(_PROMO.search(line))


def _is_date_stamp(line: str) -> bool:
    """Whether ``line`` is a date stamp (see :data:`DATE_WORDS`); a line of prose never is."""
    words = _WORD.findall(line)
    if not words or len(words) > DATE_WORDS or not _DATE_MARK.search(line) or is_prose(line):
        return False
    numbers = sum(word.isdigit() for word in words)
    return numbers >= DATE_NUMBERS and numbers >= DATE_DIGITS * len(words)


def _is_standfirst(line: str, blocks: Sequence[Block]) -> bool:
    """Whether the first block holding ``line`` is a standfirst heading (its class, or a
    ``<header>`` around it)."""
    if len(line.split()) < STANDFIRST_WORDS:
        return False
    norm = normalised(line)
    block = next((b for b in blocks if norm in normalised(b.text)), None)
    if block is None or block.tag not in HEADING_TAGS or not block.ancestors:
        return False
    if _STANDFIRST_CLASS.search(block.ancestors[-1].get("class") or ""):
        return True
    return any(el.tag == "header" for el in block.ancestors[-2:])


def _link_paragraphs(lines: Sequence[str], first: int, blocks: Sequence[Block]) -> set[int]:
    """Lines after the ``first`` prose line that are the whole text of a ``<p>`` almost all link
    text, and of no block of another kind: a table of contents repeats the article's headings as
    linked paragraphs, and a list may hold its items in linked paragraphs. List lines stay."""
    least, most = LINK_WORDS
    linked = {id(b) for b in blocks if b.tag == "p" and b.link_chars >= LINK_SHARE * max(len(b.text), 1)}
    if not linked:
        return set()
    texts = {normalised(b.text) for b in blocks if id(b) in linked}
    found = {i for i in range(first + 1, len(lines)) if least <= len(lines[i].split()) <= most
             and not lines[i].startswith(LIST_MARKS) and normalised(lines[i]) in texts}
    if found:  # the same words in a block of another kind (a heading, a plain paragraph) are the article's
        longest = max(len(lines[i]) for i in found)
        own = {normalised(b.text) for b in blocks if id(b) not in linked and len(b.text) <= 2 * longest}
        found = {i for i in found if normalised(lines[i]) not in own}
    return found


def _teaser_items(lines: Sequence[str], first: int, blocks: Sequence[Block]) -> set[int]:
    """List lines after the ``first`` prose line that open with the text of a linked heading inside a
    list item and go on with more words: a teaser card (another story's headline, then its
    subline), which trafilatura writes as one line. Only a run of at least :data:`TEASER_ITEMS`."""
    heads = {normalised(b.text).strip() for b in blocks if b.tag in HEADING_TAGS
             and b.link_chars >= LINK_SHARE * max(len(b.text), 1) and any(el.tag == "li" for el in b.ancestors)}
    heads.discard("")
    if not heads:
        return set()
    longest = max(len(h.split()) for h in heads)
    found = set()
    for i in range(first + 1, len(lines)):
        if not lines[i].startswith(LIST_MARKS):
            continue
        words = normalised(lines[i][2:]).split()
        if any(" ".join(words[:k]) in heads for k in range(1, min(longest, len(words) - 1) + 1)):
            found.add(i)
    if len(found) < TEASER_ITEMS or sum(len(lines[i].split()) for i in found) >= WIDGET_SHARE * sum(
            len(line.split()) for line in lines):
        return set()  # a listing of cards marked as an article: the cards are its content
    return found


def _held(lines: Sequence[str], blocks: Sequence[Block]) -> list[Block | None]:
    """Each line's block: the first block of exactly its text (a list item's without its mark), or
    None. A dictionary look-up, where aligning every line to the page cost five times the whole step."""
    first: dict[str, Block] = {}
    for block in blocks:
        first.setdefault(block.text, block)
    return [first.get(line[2:] if line.startswith(LIST_MARKS) else line) for line in lines]


def _other_articles(lines: Sequence[str], held: Sequence[Block | None]) -> set[int]:
    """Lines whose block's innermost ``<article>`` is another than the story's and holds under
    :data:`CARD_SHARE` of the matched lines' words. The story is where the first matched line is:
    its ``<article>``, or the page outside every ``<article>``; a story of under
    :data:`STORY_SHARE` of the words is a listing's first item, and then nothing goes."""
    homes = [_article(block) if block is not None else None for block in held]
    words: dict[int, int] = {}  # words by innermost <article> (0: outside every one), matched lines only
    story = None
    for line, block, home in zip(lines, held, homes, strict=True):
        if block is not None:
            key = 0 if home is None else id(home)
            story = key if story is None else story
            words[key] = words.get(key, 0) + len(line.split())
    if story is None or len(words) < 2:
        return set()
    total = sum(words.values())
    if words[story] < STORY_SHARE * total:
        return set()
    return {i for i, home in enumerate(homes)
            if home is not None and id(home) != story and words[id(home)] < CARD_SHARE * total}


def _article(block: Block) -> Any:
    """The innermost ``<article>`` around ``block``, or None."""
    return next((el for el in reversed(block.ancestors) if el.tag == "article"), None)


def _widget_boxes(lines: Sequence[str], held: Sequence[Block | None]) -> set[int]:
    """Lines whose block (``held``: each line's, or None) sits, within :data:`WIDGET_DEPTH` levels, in
    an element whose class or id has a :data:`WIDGET_WORDS` word and that holds under
    :data:`WIDGET_SHARE` of the text's words."""
    if not any(held):
        return set()
    flags: dict[int, bool] = {}  # whether an element has a widget word, by identity
    boxes: dict[int, list[Any]] = {}  # a line's elements with a widget word, nearest first
    for i, block in enumerate(held):
        if block is not None:
            found = [el for el in reversed(block.ancestors[-WIDGET_DEPTH:]) if _flag(el, flags)]
            if found:
                boxes[i] = found
    if not boxes:
        return set()
    words = [len(line.split()) if block is not None else 0 for line, block in zip(lines, held, strict=True)]
    bar = WIDGET_SHARE * sum(words)  # of the lines matched: a box is judged against what could be under it
    small: dict[int, bool] = {}  # whether an element holds under the bar of the matched lines' words

    def is_small(el: Any) -> bool:
        if id(el) not in small:
            small[id(el)] = sum(n for n, block in zip(words, held, strict=True)
                                if block is not None and el in block.ancestors) < bar
        return small[id(el)]

    return {i for i, found in boxes.items() if any(is_small(el) for el in found)}


def _flag(el: Any, flags: dict[int, bool]) -> bool:
    key = id(el)
    if key not in flags:
        flags[key] = _is_widget(el)
    return flags[key]


def _is_widget(el: Any) -> bool:
    """Whether the element's class or id has a :data:`WIDGET_WORDS` word (a substring test first:
    most elements have none of them)."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_WIDGET_HINT.search(raw)) and not WIDGET_WORDS.isdisjoint(class_tokens(el))
