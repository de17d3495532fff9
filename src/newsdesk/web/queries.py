"""Read-only SQL the dashboard and API need beyond what `Store` offers: filtered story lists, facets,
sources with duplicate counts, actor profiles and their events.

Everything here pages and filters in SQL (never loads a whole table into Python) so that pages stay
fast on a store with 100k articles. All user values travel as bound parameters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from newsdesk.model import Event, from_dict
from newsdesk.store import Store


@dataclass(frozen=True)
class StoryFilter:
    """What the stories page and ``/api/stories`` can filter on; empty fields mean "any"."""

    q: str = ""
    date_from: str = ""
    date_to: str = ""
    actor: str = ""
    country: str = ""
    theme: str = ""
    event_type: str = ""
    sort: str = "latest"  # latest | biggest

    def active(self) -> dict[str, str]:
        """The set filters, for links that keep them (pagination) and for the API echo."""
        return {k: v for k, v in self.__dict__.items() if v and not (k == "sort" and v == "latest")}


@dataclass(frozen=True)
class StoryRow:
    id: str
    title: str
    first_seen: str | None
    last_seen: str | None
    size: int
    key_actors: list[str]
    themes: list[str]
    thread_id: str | None
    outlets: int = 0
    hits: list[dict[str, Any]] = field(default_factory=list)  # search hits inside this story


_ORDER = {
    "latest": "s.last_seen IS NULL, s.last_seen DESC, s.size DESC, s.id",
    "biggest": "s.size DESC, s.last_seen DESC, s.id",
}


def _fts_match(query: str) -> str:
    """Reuse the store's safe FTS5 query builder (quotes every user word)."""
    from newsdesk.store.sqlite import fts_query

    return fts_query(query)


def _story_where(f: StoryFilter) -> tuple[str, list[Any]]:
    """SQL conditions on stories ``s`` for the filter; each is an indexed EXISTS over its articles."""
    clauses: list[str] = []
    args: list[Any] = []
    if f.date_from:
        clauses.append("COALESCE(s.last_seen, s.first_seen) >= ?")
        args.append(f.date_from)
    if f.date_to:
        clauses.append("COALESCE(s.first_seen, s.last_seen) <= ?")
        args.append(f.date_to)
    if f.theme:
        clauses.append("EXISTS (SELECT 1 FROM json_each(s.themes) t WHERE t.value = ?)")
        args.append(f.theme)
    member = "SELECT 1 FROM story_articles sa JOIN {table} x ON x.article_id = sa.article_id WHERE sa.story_id = s.id AND "
    if f.actor:
        clauses.append("EXISTS (" + member.format(table="mentions") + "x.actor = ?)")
        args.append(f.actor)
    if f.country:
        clauses.append("EXISTS (" + member.format(table="mentions") + "x.country = ?)")
        args.append(f.country.upper())
    if f.event_type:
        clauses.append("EXISTS (" + member.format(table="events") + "x.plover = ?)")
        args.append(f.event_type.upper())
    match = _fts_match(f.q) if f.q.strip() else ""
    if f.q.strip():
        clauses.append(
            "s.id IN (SELECT sa.story_id FROM articles_fts m JOIN story_articles sa"
            " ON sa.article_id = m.article_id WHERE articles_fts MATCH ?)"
        )
        args.append(match or '""')
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def list_stories(store: Store, f: StoryFilter, limit: int, offset: int) -> tuple[int, list[StoryRow]]:
    """One page of stories matching ``f`` plus the total count, in the chosen order."""
    where, args = _story_where(f)
    total = store.conn.execute(f"SELECT COUNT(*) FROM stories s{where}", args).fetchone()[0]
    order = _ORDER.get(f.sort, _ORDER["latest"])
    rows = store.conn.execute(
        f"SELECT s.* FROM stories s{where} ORDER BY {order} LIMIT ? OFFSET ?", [*args, limit, offset]
    ).fetchall()
    out = [_story_row(store, r) for r in rows]
    if f.q.strip() and out:
        out = _with_hits(store, out, f.q)
    return total, out


def _story_row(store: Store, r: Any) -> StoryRow:
    outlets = store.conn.execute(
        "SELECT COUNT(DISTINCT COALESCE(a.publisher, a.id)) FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?",
        (r["id"],),
    ).fetchone()[0]
    return StoryRow(
        id=r["id"], title=r["title"], first_seen=r["first_seen"], last_seen=r["last_seen"],
        size=r["size"], key_actors=json.loads(r["key_actors"]), themes=json.loads(r["themes"]),
        thread_id=r["thread_id"], outlets=outlets,
    )


def _with_hits(store: Store, rows: list[StoryRow], q: str) -> list[StoryRow]:
    """Attach up to two highlighted snippets per story, from one FTS query for the whole page."""
    ids = [r.id for r in rows]
    marks = ",".join("?" * len(ids))
    hits = store.conn.execute(
        "SELECT sa.story_id, m.article_id, a.title, snippet(articles_fts, 2, '[[', ']]', ' … ', 20)"
        " FROM articles_fts m JOIN story_articles sa ON sa.article_id = m.article_id"
        " JOIN articles a ON a.id = m.article_id"
        f" WHERE articles_fts MATCH ? AND sa.story_id IN ({marks}) ORDER BY bm25(articles_fts, 0, 5.0, 1.0)",
        (_fts_match(q) or '""', *ids),
    ).fetchall()
    found: dict[str, list[dict[str, Any]]] = {}
    for story_id, article_id, title, snip in hits:
        if len(found.setdefault(story_id, [])) < 2:
            found[story_id].append({"article_id": article_id, "title": title, "snippet": snip})
    return [StoryRow(**{**r.__dict__, "hits": found.get(r.id, [])}) for r in rows]


def facets(store: Store) -> dict[str, list[str]]:
    """Values for the filter menus: themes, countries, event types, the most-mentioned actors."""
    conn = store.conn
    themes = [r[0] for r in conn.execute(
        "SELECT t.value, COUNT(*) n FROM stories s, json_each(s.themes) t GROUP BY t.value ORDER BY n DESC, t.value"
    )]
    countries = [r[0] for r in conn.execute(
        "SELECT country FROM (SELECT country, COUNT(*) n FROM mentions WHERE country IS NOT NULL AND country != ''"
        " GROUP BY country ORDER BY n DESC LIMIT 60) ORDER BY country"
    )]
    types = [r[0] for r in conn.execute("SELECT DISTINCT plover FROM events ORDER BY plover")]
    actors = [r[0] for r in conn.execute(
        "SELECT actor FROM mentions WHERE actor IS NOT NULL AND actor != '' GROUP BY actor"
        " ORDER BY COUNT(*) DESC, actor LIMIT 80"
    )]
    return {"themes": themes, "countries": countries, "event_types": types, "actors": actors}


def story_sources(store: Store, story_id: str) -> list[dict[str, Any]]:
    """The story's articles with publisher and how many copies (duplicates) carried each one."""
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.publisher, a.date, a.url, a.canonical_id,"
        " (SELECT COUNT(*) FROM articles d WHERE d.canonical_id = a.id) AS copies,"
        " (SELECT GROUP_CONCAT(COALESCE(d.publisher, d.name), '|') FROM articles d WHERE d.canonical_id = a.id)"
        " AS copy_publishers"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?"
        " ORDER BY a.date, a.seq",
        (story_id,),
    ).fetchall()
    out = []
    for r in rows:
        copies = [p for p in (r["copy_publishers"] or "").split("|") if p]
        out.append({
            "article_id": r["id"], "title": r["title"], "publisher": r["publisher"], "date": r["date"],
            "url": r["url"], "duplicate_of": r["canonical_id"], "copies": r["copies"],
            "outlets": 1 + r["copies"], "copy_publishers": copies,
        })
    return out


def story_events(store: Store, story_id: str) -> list[Event]:
    rows = store.conn.execute(
        "SELECT e.body FROM story_articles sa JOIN events e ON e.article_id = sa.article_id WHERE sa.story_id = ?",
        (story_id,),
    ).fetchall()
    return [from_dict(Event, json.loads(r[0])) for r in rows]


def main_pair(key_actors: list[str] | tuple[str, ...]) -> tuple[str, str] | None:
    """The two leading country codes among a story's key actors (codes are the upper-case entries)."""
    codes = [a for a in key_actors if a.isupper() and 2 <= len(a) <= 5]
    return (codes[0], codes[1]) if len(codes) >= 2 else None


# ------------------------------------------------------------------------------------- actors


def resolve_actor(store: Store, key: str) -> str | None:
    """An actor name from a name or a country code (a code picks that country's own entry)."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM mentions WHERE actor = ? LIMIT 1", (key,)).fetchone():
        return key
    row = conn.execute(
        "SELECT actor FROM mentions WHERE country = ? AND actor IS NOT NULL AND role IS NULL"
        " GROUP BY actor ORDER BY COUNT(*) DESC LIMIT 1",
        (key.upper(),),
    ).fetchone()
    return row[0] if row else None


def list_actors(store: Store, q: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    like = f"%{q}%"
    where = "WHERE actor IS NOT NULL AND actor != ''" + (" AND actor LIKE ?" if q else "")
    args: list[Any] = [like] if q else []
    total = store.conn.execute(f"SELECT COUNT(DISTINCT actor) FROM mentions {where}", args).fetchone()[0]
    rows = store.conn.execute(
        f"SELECT actor, MAX(country), MAX(sector), MAX(role), COUNT(*) n FROM mentions {where}"
        " GROUP BY actor ORDER BY n DESC, actor LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    keys = ("name", "country", "sector", "role", "mentions")
    return total, [dict(zip(keys, r, strict=True)) for r in rows]


def actor_profile(store: Store, name: str) -> dict[str, Any]:
    """Name, country, sector, role, mention count and the stories that mention the actor most."""
    conn = store.conn
    head = conn.execute(
        "SELECT MAX(country), MAX(sector), MAX(role), COUNT(*), COUNT(DISTINCT article_id)"
        " FROM mentions WHERE actor = ?",
        (name,),
    ).fetchone()
    stories = conn.execute(
        "SELECT s.id, s.title, s.first_seen, s.last_seen, COUNT(*) n FROM mentions m"
        " JOIN story_articles sa ON sa.article_id = m.article_id JOIN stories s ON s.id = sa.story_id"
        " WHERE m.actor = ? GROUP BY s.id ORDER BY s.last_seen DESC LIMIT 50",
        (name,),
    ).fetchall()
    return {
        "name": name, "country": head[0], "sector": head[1], "role": head[2], "mentions": head[3],
        "articles": head[4],
        "stories": [
            {"id": r[0], "title": r[1], "first_seen": r[2], "last_seen": r[3], "mentions": r[4]} for r in stories
        ],
    }


def _event_row(body: str, sentence: str | None) -> dict[str, Any]:
    event = json.loads(body)
    event["sentence"] = sentence
    return event


def actor_events(store: Store, name: str, role: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Recent events with the actor as subject (``role="subject"``) or object (``"object"``)."""
    path = "$.actors" if role == "subject" else "$.recipients"
    rows = store.conn.execute(
        "SELECT e.body, st.text FROM events e LEFT JOIN sentences st"
        " ON st.article_id = e.article_id AND st.idx = e.sentence_idx"
        f" WHERE EXISTS (SELECT 1 FROM json_each(e.body, '{path}') j WHERE json_extract(j.value, '$.name') = ?)"
        " AND e.historical = 0 AND e.hypothetical = 0"
        " ORDER BY e.date IS NULL, e.date DESC LIMIT ? OFFSET ?",
        (name, limit, offset),
    ).fetchall()
    return [_event_row(r[0], r[1]) for r in rows]


def country_events(store: Store, a: str, b: str) -> list[Event]:
    """Events with both codes on either side (a superset the relation series narrows down)."""
    pattern_a, pattern_b = f"% {a.upper()} %", f"% {b.upper()} %"
    rows = store.conn.execute(
        "SELECT body FROM events WHERE (' ' || actor_countries || ' ' || recipient_countries || ' ') LIKE ?"
        " AND (' ' || actor_countries || ' ' || recipient_countries || ' ') LIKE ?",
        (pattern_a, pattern_b),
    ).fetchall()
    return [from_dict(Event, json.loads(r[0])) for r in rows]


def list_events(
    store: Store, *, plover: str = "", country: str = "", date_from: str = "", date_to: str = "",
    limit: int = 50, offset: int = 0,
) -> tuple[int, list[dict[str, Any]]]:
    clauses, args = [], []
    if plover:
        clauses.append("e.plover = ?")
        args.append(plover.upper())
    if country:
        clauses.append("(' ' || e.actor_countries || ' ' || e.recipient_countries || ' ') LIKE ?")
        args.append(f"% {country.upper()} %")
    if date_from:
        clauses.append("e.date >= ?")
        args.append(date_from)
    if date_to:
        clauses.append("e.date <= ?")
        args.append(date_to)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = store.conn.execute(f"SELECT COUNT(*) FROM events e{where}", args).fetchone()[0]
    rows = store.conn.execute(
        "SELECT e.body, st.text FROM events e LEFT JOIN sentences st"
        f" ON st.article_id = e.article_id AND st.idx = e.sentence_idx{where}"
        " ORDER BY e.date IS NULL, e.date DESC, e.article_id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return total, [_event_row(r[0], r[1]) for r in rows]


def list_articles(
    store: Store, *, publisher: str = "", date_from: str = "", date_to: str = "", limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    clauses, args = [], []
    if publisher:
        clauses.append("a.publisher = ?")
        args.append(publisher)
    if date_from:
        clauses.append("a.date >= ?")
        args.append(date_from)
    if date_to:
        clauses.append("a.date <= ?")
        args.append(date_to)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = store.conn.execute(f"SELECT COUNT(*) FROM articles a{where}", args).fetchone()[0]
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.publisher, a.date, a.url, a.canonical_id, sa.story_id FROM articles a"
        f" LEFT JOIN story_articles sa ON sa.article_id = a.id{where} ORDER BY a.seq DESC LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    keys = ("id", "title", "publisher", "date", "url", "duplicate_of", "story_id")
    return total, [dict(zip(keys, r, strict=True)) for r in rows]


def failure_rows(store: Store, limit: int = 500) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT source, stage, reason, at FROM failures ORDER BY id DESC LIMIT ?", (limit,)
    ).fetchall()
    return [{"source": r[0], "stage": r[1], "reason": r[2], "at": r[3]} for r in rows]


def counterparts(store: Store, code: str, limit: int = 30) -> list[tuple[str, int]]:
    """Country codes that appear on the other side of events involving ``code``, most frequent first."""
    rows = store.conn.execute(
        "SELECT actor_countries, recipient_countries FROM events"
        " WHERE (' ' || actor_countries || ' ' || recipient_countries || ' ') LIKE ?",
        (f"% {code.upper()} %",),
    ).fetchall()
    counts: dict[str, int] = {}
    for left, right in rows:
        lside, rside = set(left.split()), set(right.split())
        if code in lside:
            others = rside
        elif code in rside:
            others = lside
        else:
            continue
        for other in others - {code}:
            counts[other] = counts.get(other, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
