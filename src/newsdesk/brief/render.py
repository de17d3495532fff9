"""Render a :class:`~newsdesk.model.Brief` as Markdown, an HTML fragment, or JSON.

All sentence text comes from crawled pages and is untrusted: HTML output escapes every piece of
it (and only links http(s) URLs); Markdown output escapes the characters that would let a sentence
forge a link, a citation marker or raw HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from newsdesk.model import Brief, BriefItem, Section, Source, TimelineEntry

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _mentions(count: int) -> str:
    """"1 mention", "5 mentions": a player named once is common in a short story, and "1 mentions"
    is the kind of slip that makes a reader doubt the rest of the brief."""
    return f"{count} mention" if count == 1 else f"{count} mentions"


def _md(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _theme_title(theme: str | None) -> str:
    return (theme or "Other").replace("_", " ").capitalize()


def _source_numbers(brief: Brief) -> dict[tuple[str, int], int]:
    return {(s.article_id, s.sentence_index): n for n, s in enumerate(brief.sources, start=1)}


def _entry_numbers(entry: TimelineEntry, numbers: dict[tuple[str, int], int]) -> list[int]:
    found = (numbers.get((s.article_id, s.sentence_index)) for s in entry.citations)
    return sorted({n for n in found if n is not None})


def _grouped(items: Sequence[BriefItem]) -> list[tuple[str | None, list[BriefItem]]]:
    """Items grouped by ``group``, groups in order of first appearance."""
    groups: dict[str | None, list[BriefItem]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


def item_text(section_name: str, item: BriefItem) -> str:
    """How an item reads in every rendering (Markdown, HTML, the dashboard's story page).

    A clause cut from a two-speaker sentence ends with a full stop, and a Background item from an
    earlier story — whose ``group`` is its report date — starts with that date, so a reader can
    tell it from the story's own background lines.
    """
    if section_name == "Background" and item.group and re.match(r"\d{4}-\d\d-\d\d$", item.group):
        return f"(reported {item.group}) {_sentence(item.text)}"
    return _sentence(item.text)


def group_title(section_name: str, group: str | None) -> str | None:
    """The heading of a group of items: a capitalised theme under Key aspects, the speaker under
    Reactions; none elsewhere (a Background report date is printed with its item instead)."""
    if section_name == "Key aspects":
        return _theme_title(group)
    if section_name == "Reactions":
        return group or "Others"
    return None



def _sentence(text: str) -> str:
    """A clause printed as a sentence ends with a full stop (display only; the item keeps its text)."""
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?\"'”’)" else text + "."


def _safe_url(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


# ------------------------------------------------------------------------------------ markdown


def _md_cites(numbers: Iterable[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def _md_section(section: Section) -> list[str]:
    lines = [f"## {section.name}", ""]
    if section.name == "Summary":
        lines.append(" ".join(f"{_md(_sentence(i.text))} {_md_cites(i.citations)}" for i in section.items))
    elif section.name in ("Key aspects", "Reactions"):
        for group, items in _grouped(section.items):
            title = _md(group_title(section.name, group))
            lines += [f"### {title}", ""] if section.name == "Key aspects" else [f"**{title}**", ""]
            lines += [f"- {_md(_sentence(i.text))} {_md_cites(i.citations)}" for i in items]
            lines.append("")
    else:
        lines += [f"- {_md(item_text(section.name, i))} {_md_cites(i.citations)}" for i in section.items]
    return [*lines, ""] if lines[-1] else lines


def _md_source(number: int, src: Source) -> str:
    parts = [", ".join(_md(p) for p in (src.publisher, src.date) if p) or "Unknown source"]
    parts += [_md(p) for p in (src.title, src.url) if p]
    if src.origin and not src.url:
        parts.append("`" + src.origin.replace("`", "") + "`")
    return f"[{number}] " + " — ".join(parts) + f" — “{_md(src.text)}”"


def to_markdown(brief: Brief) -> str:
    """A readable brief: one heading per non-empty section, citation markers after each sentence."""
    lines = [f"# {_md(brief.title)}", ""]
    if brief.generated_at:
        lines += [f"_Generated {brief.generated_at}_", ""]
    for section in brief.sections:
        if section.items:
            lines += _md_section(section)
    if brief.key_players:
        lines += ["## Key players", ""]
        for p in brief.key_players:
            about = ", ".join(_md(x) for x in (p.role, p.country, p.sector) if x)
            detail = f" — {about}" if about else ""
            lines.append(f"- **{_md(p.name)}**{detail} ({_mentions(p.mentions)}) {_md_cites(p.citations)}")
        lines.append("")
    numbers = _source_numbers(brief)
    if brief.timeline:
        lines += ["## Timeline", ""]
        for entry in brief.timeline:
            lines.append(f"- {entry.date} – {_md(entry.text)} {_md_cites(_entry_numbers(entry, numbers))}")
        lines.append("")
    if brief.sources:
        lines += ["## Sources", ""]
        lines += [_md_source(n, s) for n, s in enumerate(brief.sources, start=1)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------- html


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _html_cites(brief: Brief, numbers: Iterable[int]) -> str:
    links = []
    for n in numbers:
        if not 1 <= n <= len(brief.sources):
            continue
        src = brief.sources[n - 1]
        links.append(
            f'<a href="#src-{n}" class="cite" data-article="{_e(src.article_id)}" '
            f'data-sentence="{src.sentence_index}">[{n}]</a>'
        )
    return "".join(links)


def _html_item(brief: Brief, item: BriefItem, tag: str = "li", section: Section | None = None) -> str:
    text = item_text(section.name, item) if section is not None else _sentence(item.text)
    return f"<{tag}>{_e(text)} {_html_cites(brief, item.citations)}</{tag}>"


def _html_section(brief: Brief, section: Section) -> list[str]:
    slug = section.name.lower().replace(" ", "-")
    out = [f'<section class="brief-section" id="{_e(slug)}">', f"<h2>{_e(section.name)}</h2>"]
    if section.name == "Summary":
        out += [_html_item(brief, i, "p") for i in section.items]
    elif section.name in ("Key aspects", "Reactions"):
        for group, items in _grouped(section.items):
            title = group_title(section.name, group)
            out += [f'<h3 class="group">{_e(title)}</h3>', "<ul>"]
            out += [_html_item(brief, i) for i in items]
            out.append("</ul>")
    else:
        out += ["<ul>", *(_html_item(brief, i, section=section) for i in section.items), "</ul>"]
    return [*out, "</section>"]


def _html_source(number: int, src: Source) -> str:
    url = _safe_url(src.url)
    title = _e(src.title or src.url or src.article_id)
    link = f'<a href="{_e(url)}" rel="nofollow noopener">{title}</a>' if url else title
    if src.origin and not src.url:
        link += f' <code class="origin">{_e(src.origin)}</code>'
    meta = ", ".join(_e(p) for p in (src.publisher, src.date) if p)
    return (
        f'<li id="src-{number}" data-article="{_e(src.article_id)}" data-sentence="{src.sentence_index}">'
        f"{meta + ' — ' if meta else ''}{link} — <q>{_e(src.text)}</q></li>"
    )


def to_html(brief: Brief) -> str:
    """A standalone HTML fragment (no <html>/<body>); every article-derived string is escaped."""
    out = [f'<article class="brief" data-story="{_e(brief.story_id)}">', f"<h1>{_e(brief.title)}</h1>"]
    for section in brief.sections:
        if section.items:
            out += _html_section(brief, section)
    if brief.key_players:
        out += ['<section class="brief-section" id="key-players">', "<h2>Key players</h2>", "<ul>"]
        for p in brief.key_players:
            about = ", ".join(_e(x) for x in (p.role, p.country, p.sector) if x)
            out.append(
                f"<li><strong>{_e(p.name)}</strong>{' — ' + about if about else ''} "
                f"({_mentions(p.mentions)}) {_html_cites(brief, p.citations)}</li>"
            )
        out += ["</ul>", "</section>"]
    numbers = _source_numbers(brief)
    if brief.timeline:
        out += ['<section class="brief-section" id="timeline">', "<h2>Timeline</h2>", "<ol>"]
        for entry in brief.timeline:
            cites = _html_cites(brief, _entry_numbers(entry, numbers))
            out.append(
                f'<li><time datetime="{_e(entry.date)}">{_e(entry.date)}</time> – {_e(entry.text)} {cites}</li>'
            )
        out += ["</ol>", "</section>"]
    if brief.sources:
        out += ['<section class="brief-section" id="sources">', "<h2>Sources</h2>", '<ol class="sources">']
        out += [_html_source(n, s) for n, s in enumerate(brief.sources, start=1)]
        out += ["</ol>", "</section>"]
    out.append("</article>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------- json


def to_json(brief: Brief) -> dict[str, Any]:
    """The DESIGN.md brief shape: title, sections with items {text, citations}, timeline, players, sources."""
    numbers = _source_numbers(brief)
    return {
        "story_id": brief.story_id,
        "title": brief.title,
        "generated_at": brief.generated_at,
        "sections": [
            {
                "name": s.name,
                "items": [
                    {"text": i.text, "citations": list(i.citations), "group": i.group} for i in s.items
                ],
            }
            for s in brief.sections
        ],
        "timeline": [
            {"date": e.date, "date_end": e.date_end, "text": e.text, "citations": _entry_numbers(e, numbers)}
            for e in brief.timeline
        ],
        "key_players": [
            {
                "name": p.name,
                "country": p.country,
                "sector": p.sector,
                "role": p.role,
                "mentions": p.mentions,
                "citations": list(p.citations),
            }
            for p in brief.key_players
        ],
        "sources": [
            {
                "n": n,
                "article_id": s.article_id,
                "sentence_index": s.sentence_index,
                "text": s.text,
                "url": s.url,
                "publisher": s.publisher,
                "date": s.date,
                "title": s.title,
                "origin": s.origin,
            }
            for n, s in enumerate(brief.sources, start=1)
        ],
    }
