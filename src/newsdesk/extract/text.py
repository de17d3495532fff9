"""Clean a plain-text scrape of a news page down to title, byline, page date and body paragraphs.

A scrape flattens the page: navigation, breadcrumbs, "Related stories" teasers, share buttons,
the author box and the comment form all become lines around the article. The article itself is
the longest run of *prose* lines (long, ending in sentence punctuation) — subheadings may sit
inside it, teasers ("...") and the author box end it. The title is the best headline-like line
before that run; the author comes from a "By ..." byline or from the author box (a name line
repeated, then a bio line starting with that name). Each rule is about the shape of a line, not
about one site, so the same cleaner serves any scrape.

Which lines are body is decided by the learned line model (:mod:`newsdesk.extract.lines`, whose
features include what these rules found), then the rules remove what they know is not body: the
title and byline (returned as fields), boilerplate, "Label:" headings, and on article pages the
teasers and header dates outside the prose run. Rules alone (the prose run) are the fallback in a
checkout without the model file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.extract.lines import LineModel, LineShapes, line_features, load_line_model
from newsdesk.extract.metadata import parse_date

_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", "»")
_TEASER_END = ("...", "…")
_BOILERPLATE = re.compile(
    r"^(related (stories|articles|posts|news|content)|latest (stories|news|posts|articles)|more (stories|news|from)"
    r"|you (may|might) (also )?like|recommended( for you)?|trending( now)?|most (read|popular)|popular (posts|stories)"
    r"|read (more|also|next)\b|also read\b|see also\b|share( this( article| story)?)?:?$|share (on|via)\b|follow us\b"
    r"|tags?:|filed under\b|advertisement$|skip to (main )?content|about the author|leave a (reply|comment)"
    r"|comments?$|\d+ comments?$|post comment|sign up\b|log ?in\b|sign in\b|register\b|menu$|search$|home$"
    r"|all rights reserved|copyright\b|©|privacy policy|terms of (use|service)|contact us$|loading\b)",
    re.I,
)
_BOILERPLATE_ANYWHERE = re.compile(
    r"(please enter your (comment|name|email)|save my name, email|subscribe\b|newsletter|cookies?\b"
    r"|notify me of (new|follow)|you must be logged in|accept (all|cookies)|this site uses akismet)",
    re.I,
)
_SHARE_WORDS = {"facebook", "twitter", "x", "whatsapp", "linkedin", "email", "e-mail", "print", "tweet", "pinterest",
                "telegram", "reddit", "copy link", "share", "mail", "messenger", "pocket", "flipboard"}
_BYLINE = re.compile(r"^(?:by|written by|author:|words by)\s+(.+)$", re.I)
_NAME = re.compile(r"^[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|bin|al|da|di|le)){1,3}$")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"(\b{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b)", re.I
)
_BREADCRUMB_SEP = re.compile(r"\s[>»›/|]\s")


@dataclass(frozen=True)
class ScrapeResult:
    """What the cleaner kept from a scrape."""

    title: str | None
    author: str | None
    date: str | None  # ISO date of the page's date line (often the day it was scraped, not published)
    paragraphs: tuple[str, ...]
    kept_lines: tuple[int, ...] = ()  # 0-based numbers of the input lines that make up the paragraphs


@dataclass(frozen=True)
class ScrapeLine:
    """One line of a scrape after blank lines are dropped and hard-wrapped lines joined."""

    index: int
    text: str
    sources: tuple[int, ...] = ()  # input line numbers (several when hard-wrapped lines were joined)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_teaser(self) -> bool:
        return self.text.endswith(_TEASER_END) and self.words <= 40

    @property
    def is_prose(self) -> bool:
        if self.is_teaser or is_boilerplate(self.text):
            return False
        return (self.words >= 12 and self.text.endswith(_TERMINAL)) or self.words >= 30


def is_boilerplate(text: str) -> bool:
    """True for navigation, share, subscribe, cookie and comment-form lines."""
    lower = text.lower().strip(" :|•·-")
    if lower in _SHARE_WORDS or _BOILERPLATE.match(lower):
        return True
    return len(text.split()) <= 25 and _BOILERPLATE_ANYWHERE.search(text) is not None


def clean_scrape(text: str, model: LineModel | None = None) -> ScrapeResult:
    """Title, author, page date and body paragraphs of a plain-text page scrape.

    Body lines are chosen by the learned line model (``model``, by default the shipped one); in a
    checkout without it, by the prose-run rules. Title, byline and date always come from rules.
    """
    lines = scrape_lines(text)
    start, end = _body_span(lines)
    bio_at, bio_name = _find_bio(lines, start)
    if bio_at is not None and start is not None and end is not None and bio_at <= end:
        end = max((i for i in range(start, bio_at) if lines[i].is_prose), default=start)
    byline = _byline(lines, start)
    title = _title(lines, start if start is not None else len(lines))
    model = model or load_line_model()
    if model is not None:
        texts = [line.text for line in lines]
        kind = model.page_kind(texts)
        keep = model.keep(line_features_of(lines, model.vocab, kind), texts, kind)
        kept = _model_paragraphs(lines, keep, title, (start, end), kind)
    else:
        kept = _paragraphs(lines, start, end)
    return ScrapeResult(
        title=title,
        author=byline or bio_name,
        date=_page_date(lines, start),
        paragraphs=tuple(line.text for line in kept),
        kept_lines=tuple(n for line in kept for n in line.sources),
    )


SHAPES = LineShapes(
    boilerplate=lambda text: is_boilerplate(text),
    date_line=lambda text: _DATE_LINE.search(text) is not None,
    byline=lambda text: _BYLINE.match(text) is not None,
)


def line_features_of(lines: list[ScrapeLine], vocab: frozenset[str] = frozenset(),
                     kind: str | None = None) -> list[list[str]]:
    """The line model's features of a scrape's lines; what the rules found (the longest prose run,
    the title, the author box, teasers and breadcrumbs) is part of them, ``vocab`` is the
    model's vocabulary and ``kind`` the page's kind (crossed with the lines' shapes)."""
    start, _ = _body_span(lines)
    return line_features([line.text for line in lines], SHAPES, prose_span(lines), _rule_marks(lines, start), vocab,
                         kind)


def prose_span(lines: list[ScrapeLine]) -> tuple[int, int] | None:
    """First and last line of the longest prose run, as the line model's features see it."""
    start, end = _body_span(lines)
    return None if start is None else (start, end if end is not None else start)


def _rule_marks(lines: list[ScrapeLine], start: int | None) -> list[list[str]]:
    """Per line: where it sits relative to the rule-found title and author box, teaser shapes."""
    title = _title(lines, start if start is not None else len(lines))
    title_at = next((line.index for line in lines if line.text == title), None)
    bio_at, _ = _find_bio(lines, start)
    marks: list[list[str]] = [[] for _ in lines]
    for i, line in enumerate(lines):
        if title_at is not None:
            gap = i - title_at
            marks[i].append("ttl:at" if gap == 0 else f"ttl:{'after' if gap > 0 else 'before'}{min(abs(gap), 4)}")
        if bio_at is not None:
            marks[i].append("bio:at" if i == bio_at else f"bio:{'after' if i > bio_at else 'before'}")
        if line.is_teaser:
            marks[i].append("teaser")
            if i:
                marks[i - 1].append("teaser_head")
        if _is_breadcrumb(line.text):
            marks[i].append("crumb")
    return marks


def _model_paragraphs(lines: list[ScrapeLine], keep: list[bool], title: str | None,
                      span: tuple[int | None, int | None], kind: str | None = None) -> list[ScrapeLine]:
    """Lines the model keeps, less what the rules know is not body text: the title (a field of its
    own), short bylines, boilerplate (share, subscribe, comment form) and lines without a word; and
    on an article (``kind`` "article", or no page-kind classifier) label headings, and, when the page
    has an article-length prose run, teasers outside that run and header date lines before it.

    On other kinds of page these lines are mostly content: a documentation page's "Parameters:" or
    "Returns:" over a code block, the dated header of each post on a service or listing page. On
    WCXB dev pages predicted as something else, held out by site, the two filters fired on 484 gold
    lines and 312 others (a line may count twice); applying them to articles only is better on each
    of the 5 folds (line F1 0.751 -> 0.752, word F1 0.8275 -> 0.8279)."""
    start, end = span
    article = None
    if start is not None and end is not None and sum(line.is_prose for line in lines[start : end + 1]) >= 3:
        article = (start, end)
    furniture = kind in (None, "article")
    teasers = {i for i, line in enumerate(lines) if line.is_teaser}
    teasers |= {i - 1 for i in teasers if i}
    return [line for line, wanted in zip(lines, keep, strict=True) if wanted and not (
        line.text == title or _is_byline(line) or is_boilerplate(line.text) or not re.search(r"\w", line.text)
        or furniture and (_label_heading(line, lines)
                          or article is not None and _outside_article(line, article, teasers)))]


def _is_byline(line: ScrapeLine) -> bool:
    """A short "By ..." line; a long one is a sentence ("By the end of the century, ...", one in
    two of the model-kept "By" lines on WCXB dev and nearly all of the gold ones)."""
    return line.words <= 12 and _BYLINE.match(line.text) is not None


def _outside_article(line: ScrapeLine, article: tuple[int, int], teasers: set[int]) -> bool:
    """A teaser (or its headline) outside the article's prose run, or a date line above it."""
    before, after = line.index < article[0], line.index > article[1]
    if (before or after) and line.index in teasers:
        return True
    return before and line.words <= 10 and _DATE_LINE.search(line.text) is not None


def _label_heading(line: ScrapeLine, lines: list[ScrapeLine]) -> bool:
    """A short "Economic Cooperation:" line over a prose paragraph: paragraphs are prose a summary
    can quote, so such labels stay out (on WCXB dev they are under 1 % of the main-content lines)."""
    following = lines[line.index + 1] if line.index + 1 < len(lines) else None
    return line.text.endswith(":") and line.words <= 8 and following is not None and following.is_prose


def scrape_lines(text: str) -> list[ScrapeLine]:
    """Non-blank lines, whitespace-normalised, with hard-wrapped continuation lines joined."""
    raw = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
    out: list[tuple[str, list[int]]] = []
    joinable = False
    for number, line in enumerate(raw):
        if not line:
            joinable = False
            continue
        if joinable and out and (line[0].islower() or line[0].isdigit()):
            out[-1] = (f"{out[-1][0]} {line}", [*out[-1][1], number])
        else:
            out.append((line, [number]))
        joinable = len(out[-1][0]) >= 40 and not out[-1][0].endswith(_TERMINAL + _TEASER_END + (":",))
    return [ScrapeLine(i, t, tuple(sources)) for i, (t, sources) in enumerate(out)]


def _body_span(lines: list[ScrapeLine]) -> tuple[int | None, int | None]:
    """First and last line index of the longest prose run (subheadings and boilerplate may interleave)."""
    best: tuple[int, int, int] | None = None  # (words, start, end)
    start: int | None = None
    end = words = gap = 0
    for line in lines:
        if line.is_prose:
            if start is None:
                start, words = line.index, 0
            end, gap = line.index, 0
            words += line.words
        elif start is not None:
            gap += 1
            if line.is_teaser or gap > 3 or line.words > 25:
                best = max(best or (0, 0, 0), (words, start, end), key=lambda r: r[0])
                start = None
    if start is not None:
        best = max(best or (0, 0, 0), (words, start, end), key=lambda r: r[0])
    return (best[1], best[2]) if best else (None, None)


def _find_bio(lines: list[ScrapeLine], start: int | None) -> tuple[int | None, str | None]:
    """Where an author box begins (a name line repeated or followed by "<Name> is ..."), and the name."""
    for i, line in enumerate(lines[:-1]):
        if start is not None and i < start or not _NAME.match(line.text) or line.words > 4:
            continue
        following = lines[i + 1].text
        if following == line.text or re.match(rf"{re.escape(line.text)}\b[ ,]+(is|was|has|writes|covers)\b", following):
            return i, line.text
    return None, None


def _byline(lines: list[ScrapeLine], start: int | None) -> str | None:
    for line in lines[: (start if start is not None else len(lines)) + 1]:
        found = _BYLINE.match(line.text)
        if found and line.words <= 12:
            name = re.split(r"\s*(?:[|,•·]|\s-\s|\s–\s|\bon\b|\bupdated\b|\bpublished\b)\s*", found.group(1))[0]
            name = _DATE_LINE.split(name)[0].strip(" ,|-")
            if name and name[0].isupper():
                return name
    return None


def _page_date(lines: list[ScrapeLine], start: int | None) -> str | None:
    limit = start if start is not None else len(lines)
    for line in lines[:limit]:
        if line.words <= 10 and (found := _DATE_LINE.search(line.text)):
            date = parse_date(found.group(0))
            if date:
                return date
    return None


def _title(lines: list[ScrapeLine], limit: int) -> str | None:
    """The headline: a headline-shaped line before the body, preferring one echoed by the breadcrumb."""
    head = lines[:limit]
    teaser_heads = {lines[i - 1].index for i, line in enumerate(lines) if i and line.is_teaser}
    crumbs = [_fold(line.text) for line in head if _is_breadcrumb(line.text)]
    best: tuple[int, int, str] | None = None
    for line in head:
        text = line.text
        if (line.index in teaser_heads or line.is_teaser or is_boilerplate(text) or _is_breadcrumb(text)
                or _DATE_LINE.search(text) and line.words <= 10 or _BYLINE.match(text)
                or not 3 <= line.words <= 25 or text.endswith(".")):
            continue
        score = 3 * any(_fold(text) in crumb for crumb in crumbs) + (4 <= line.words <= 20)
        if best is None or score > best[0]:
            best = (score, line.index, text)
    return best[2] if best else None


def _is_breadcrumb(text: str) -> bool:
    return bool(re.match(r"^Home(?=[A-Z])", text)) or len(_BREADCRUMB_SEP.findall(text)) >= 2


def _fold(text: str) -> str:
    """Compare lines across straight/typographic quotes and case (breadcrumbs use plain ASCII)."""
    return re.sub(r"[‘’`´]", "'", re.sub(r"[“”]", '"', text)).lower()


def _paragraphs(lines: list[ScrapeLine], start: int | None, end: int | None) -> list[ScrapeLine]:
    """Lines of the body span: prose, and list items and short paragraphs between prose paragraphs.

    Subheadings, bylines, date lines, teasers, boilerplate and repeats are left out.
    """
    if start is None or end is None:
        return []
    kept: list[ScrapeLine] = []
    seen: set[str] = set()
    for line in lines[start : end + 1]:
        if line.text in seen or _BYLINE.match(line.text) or line.is_teaser or is_boilerplate(line.text):
            continue
        if line.is_prose or _inner_line(line):
            kept.append(line)
            seen.add(line.text)
    return kept


def _inner_line(line: ScrapeLine) -> bool:
    """A list item or a short paragraph inside the article; subheadings ("Outlook", "Economic
    Cooperation:") stay out, so paragraphs are prose a summary can quote."""
    if _DATE_LINE.search(line.text) and line.words <= 10:
        return False
    return line.words >= 6 and not line.text.endswith(":")
