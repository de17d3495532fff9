"""The embedded SQLite store: one file, WAL, foreign keys, FTS5, transactional idempotent writes.

Readers (dashboard, CLI queries) and one writer (ingest) share the file through WAL. Every batch of
articles is written in one transaction together with the clustering state that saw them, so a run
killed at any point leaves a consistent store that a rerun completes without loss or duplicates.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.model import (
    Analysis,
    Article,
    Brief,
    DuplicateLink,
    Event,
    Failure,
    RawDocument,
    Story,
    Thread,
    from_dict,
    to_dict,
)
from newsdesk.store.migrations import migrate, now

#: Search ranks by relevance among this many most recently stored matches.
RELEVANCE_WINDOW = 2000


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    date: str | None
    publisher: str | None
    snippet: str  # with [[ ]] around matched terms; callers escape then highlight
    story_id: str | None


#: Page cache of the ingest's connection, KiB (SQLite's default is 2 MiB). The writer's inserts
#: reach the tables' and indexes' b-trees all over the file; with the default cache most of those
#: pages were read back from the OS on every batch.
BULK_CACHE_KIB = 32 * 1024
#: WAL pages between automatic checkpoints during an ingest (default 1,000). Each checkpoint copies
#: the pages into the database and syncs it; pages changed by several batches in between (index
#: interiors, the full-text index's segments) are copied once instead of once per checkpoint.
BULK_CHECKPOINT_PAGES = 10_000

#: zlib level of the kept pages: on real HTML, level 4 takes 60 % of level 6's time for a 5 %
#: larger blob (level 1: 40 % of the time, 20 % larger). Any level reads back the same bytes.
RAW_LEVEL = 4


def compress_raw(content: bytes) -> bytes:
    """How a raw document's bytes are kept in ``raw_documents.content``."""
    return zlib.compress(content, RAW_LEVEL)


def decompress_raw(blob: bytes) -> bytes:
    """The bytes :func:`compress_raw` kept."""
    return zlib.decompress(blob)


def _dumps(value: Any) -> str:
    return _json(to_dict(value))


def _json(plain: Any) -> str:
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class ArticleRows:
    """What an article and its analysis become in the store, except what only the writer knows
    (the duplicate link, the time stored). Building these rows is pure, so a pipeline worker makes
    them and the single writer process only inserts; see :func:`article_rows`."""

    paragraphs: str  # JSON list
    analysis: tuple[str, str, str] | None = None  # (article id, themes JSON, body JSON), if analysed
    sentences: tuple[tuple, ...] = ()
    mentions: tuple[tuple, ...] = ()
    events: tuple[tuple, ...] = ()


def article_rows(article: Article, analysis: Analysis | None) -> ArticleRows:
    """The rows :meth:`Store.add_article` inserts for ``article`` and its ``analysis``."""
    paragraphs = json.dumps(list(article.paragraphs), ensure_ascii=False)
    if analysis is None:
        return ArticleRows(paragraphs)
    aid = analysis.article_id
    plain = to_dict(analysis)  # serialised once: the events' bodies are its parts
    mentions = tuple(
        (
            aid,
            m.sentence_index,
            m.start,
            m.end,
            m.text,
            m.label,
            m.actor.name if m.actor else None,
            m.actor.country if m.actor else None,
            m.actor.sector if m.actor else None,
            m.actor.role if m.actor else None,
        )
        for m in analysis.mentions
    )
    events = []
    ordinals: dict[int, int] = {}
    for event, body in zip(analysis.events, plain["events"], strict=True):
        ordinal = ordinals.get(event.sentence_index, 0)
        ordinals[event.sentence_index] = ordinal + 1
        events.append(
            (
                aid,
                event.sentence_index,
                ordinal,
                event.plover,
                event.cameo,
                event.quad,
                event.score,
                event.date,
                event.date_end,
                " ".join(sorted({a.country for a in event.actors if a.country})),
                " ".join(sorted({a.country for a in event.recipients if a.country})),
                int(event.future),
                int(event.historical),
                int(event.hypothetical),
                int(event.negated),
                _json(body),
            )
        )
    return ArticleRows(
        paragraphs,
        (aid, json.dumps(list(analysis.themes)), _json(plain)),
        tuple((aid, x.index, x.start, x.end, x.text) for x in analysis.sentences),
        mentions,
        tuple(events),
    )


class Store:
    """Access to one newsdesk SQLite file. Open it, use it, ``close()`` it (or use ``with``)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such store (run `newsdesk ingest` first)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=30000")
            self.version = migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc

    # ------------------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def for_bulk_writes(self) -> None:
        """Tune this connection for an ingest's stream of write transactions.

        Durability is unchanged: every transaction still commits to the WAL (``synchronous`` stays
        NORMAL, so a killed process loses nothing committed); only how often the WAL is copied
        into the database, and how much of the file stays cached in this process, change."""
        self.conn.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        self.conn.execute(f"PRAGMA wal_autocheckpoint={BULK_CHECKPOINT_PAGES}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE takes the write lock up front, so no upgrade deadlock)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def get_state(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_state(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, separators=(",", ":"))),
        )

    # -------------------------------------------------------------------------------- writes

    def has_raw(self, raw_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM raw_documents WHERE id = ?", (raw_id,)).fetchone() is not None

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_raw(self, doc: RawDocument, *, compressed: bytes | None = None) -> bool:
        """Keep the raw input; returns False when it was already stored.

        ``compressed``: ``compress_raw(doc.content)`` made beforehand (by a pipeline worker, so the
        single writer process does not spend its time compressing pages)."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO raw_documents(id, name, source, url, content_type, fetched_at, hints, content,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.name,
                doc.source,
                doc.url,
                doc.content_type,
                doc.fetched_at,
                json.dumps(doc.hints, ensure_ascii=False),
                compress_raw(doc.content) if compressed is None else compressed,
                now(),
            ),
        )
        return cur.rowcount > 0

    def add_article(
        self,
        article: Article,
        analysis: Analysis | None,
        *,
        duplicate: DuplicateLink | None = None,
        signature: tuple[str, bytes] | None = None,
        rows: ArticleRows | None = None,
    ) -> bool:
        """Store an article with its analysis; returns False when an article with this id exists.

        ``rows``: ``article_rows(article, analysis)`` made beforehand (by a pipeline worker); then
        ``analysis`` is not needed."""
        if rows is None:
            rows = article_rows(article, analysis)
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO articles(id, name, url, title, author, date, language, page_type, text,"
            " paragraphs, publisher, source, raw_id, canonical_id, dup_kind, dup_similarity, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.name,
                article.url,
                article.title,
                article.author,
                article.date,
                article.language,
                article.page_type,
                article.text,
                rows.paragraphs,
                article.publisher,
                article.source,
                article.raw_id,
                duplicate.canonical_id if duplicate else None,
                duplicate.kind if duplicate else None,
                duplicate.similarity if duplicate else None,
                now(),
            ),
        )
        if cur.rowcount == 0:
            return False
        self.conn.execute(
            "INSERT INTO articles_fts(article_id, title, text) VALUES (?, ?, ?)",
            (article.id, article.title or "", article.text),
        )
        if signature is not None:
            self.conn.execute(
                "INSERT OR REPLACE INTO signatures(article_id, text_hash, minhash) VALUES (?, ?, ?)",
                (article.id, signature[0], signature[1]),
            )
        if rows.analysis is not None:
            self._add_analysis(rows)
        return True

    def _add_analysis(self, rows: ArticleRows) -> None:
        self.conn.execute("INSERT OR REPLACE INTO analyses(article_id, themes, body) VALUES (?, ?, ?)", rows.analysis)
        self.conn.executemany(
            "INSERT OR REPLACE INTO sentences(article_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?)",
            rows.sentences,
        )
        self.conn.executemany(
            "INSERT INTO mentions(article_id, sentence_idx, start, end, text, label, actor, country, sector, role)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.mentions,
        )
        self.conn.executemany(
            "INSERT OR REPLACE INTO events(article_id, sentence_idx, ordinal, plover, cameo, quad, score, date,"
            " date_end, actor_countries, recipient_countries, future, historical, hypothetical, negated, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows.events,
        )

    def assign_story(self, article_id: str, story_id: str) -> None:
        self.conn.execute(
            "INSERT INTO story_articles(article_id, story_id) VALUES (?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id",
            (article_id, story_id),
        )

    def merge_stories(self, aliases: dict[str, str]) -> None:
        """Move the articles of merged stories to the story that absorbed them."""
        self.conn.executemany(
            "UPDATE story_articles SET story_id = ? WHERE story_id = ?",
            [(new, old) for old, new in aliases.items() if old != new],
        )

    def replace_stories(self, stories: Iterable[Story], threads: Iterable[Thread]) -> None:
        """Rewrite the story and thread tables (derived data: cheap to recompute, never lost)."""
        self.conn.execute("DELETE FROM stories")
        self.conn.execute("DELETE FROM threads")
        stamp = now()
        self.conn.executemany(
            "INSERT INTO stories(id, title, thread_id, first_seen, last_seen, key_actors, themes, size, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.id,
                    s.title,
                    s.thread_id,
                    s.first_seen,
                    s.last_seen,
                    json.dumps(list(s.key_actors), ensure_ascii=False),
                    json.dumps(list(s.themes)),
                    len(s.article_ids),
                    stamp,
                )
                for s in stories
            ],
        )
        self.conn.executemany(
            "INSERT INTO threads(id, title, story_ids) VALUES (?, ?, ?)",
            [(t.id, t.title, json.dumps(list(t.story_ids))) for t in threads],
        )

    def story_profiles(self) -> dict[str, tuple[str, str]]:
        """Story id -> (members fingerprint, profile JSON) of the profiles kept by the last refresh."""
        rows = self.conn.execute("SELECT story_id, members, body FROM story_profiles")
        return {story_id: (members, body) for story_id, members, body in rows}

    def save_story_profiles(self, profiles: Iterable[tuple[str, str, str]], gone: Iterable[str]) -> None:
        """Keep (story id, members fingerprint, profile JSON) rows; forget the stories ``gone``."""
        self.conn.executemany("DELETE FROM story_profiles WHERE story_id = ?", [(s,) for s in gone])
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_profiles(story_id, members, body) VALUES (?, ?, ?)", profiles
        )

    def shard_done(self, path: str, size: int, mtime: int) -> int | None:
        """Documents of a completely ingested shard (None if it is new or changed since)."""
        row = self.conn.execute(
            "SELECT documents FROM shards WHERE path = ? AND size = ? AND mtime = ?", (path, size, mtime)
        ).fetchone()
        return None if row is None else int(row[0])

    def mark_shard(self, path: str, size: int, mtime: int, documents: int) -> None:
        self.conn.execute(
            "INSERT INTO shards(path, size, mtime, documents, completed_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime,"
            " documents = excluded.documents, completed_at = excluded.completed_at",
            (path, size, mtime, documents, now()),
        )

    def add_failure(self, failure: Failure) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO failures(source, stage, reason, at) VALUES (?, ?, ?, ?)",
            (failure.source, failure.stage, failure.reason, now()),
        )

    def save_brief(self, brief: Brief, fingerprint: str) -> None:
        self.conn.execute(
            "INSERT INTO briefs(story_id, fingerprint, body, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(story_id) DO UPDATE SET fingerprint = excluded.fingerprint, body = excluded.body,"
            " created_at = excluded.created_at",
            (brief.story_id, fingerprint, _dumps(brief), now()),
        )

    # --------------------------------------------------------------------------------- reads

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _article(row) if row else None

    def articles(self, ids: Iterable[str] | None = None, *, canonical_only: bool = False) -> list[Article]:
        if ids is None:
            where = " WHERE canonical_id IS NULL" if canonical_only else ""
            rows = self.conn.execute(f"SELECT * FROM articles{where} ORDER BY seq").fetchall()
            return [_article(r) for r in rows]
        found = {a.id: a for a in (self.article(i) for i in ids) if a is not None}
        return [found[i] for i in ids if i in found]

    def analysis(self, article_id: str) -> Analysis | None:
        row = self.conn.execute("SELECT body FROM analyses WHERE article_id = ?", (article_id,)).fetchone()
        return from_dict(Analysis, json.loads(row[0])) if row else None

    def raw_content(self, raw_id: str) -> bytes | None:
        row = self.conn.execute("SELECT content FROM raw_documents WHERE id = ?", (raw_id,)).fetchone()
        return decompress_raw(row[0]) if row else None

    def signatures(self) -> Iterator[tuple[str, str, bytes]]:
        yield from self.conn.execute("SELECT article_id, text_hash, minhash FROM signatures ORDER BY rowid")

    def duplicates_of(self, article_id: str) -> list[Article]:
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE canonical_id = ? ORDER BY seq", (article_id,)
        ).fetchall()
        return [_article(r) for r in rows]

    def story_members(self) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {}
        rows = self.conn.execute(
            "SELECT sa.story_id, sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " ORDER BY a.seq"
        )
        for story_id, article_id in rows:
            members.setdefault(story_id, []).append(article_id)
        return members

    def stories(self) -> list[Story]:
        members = self.story_members()
        rows = self.conn.execute("SELECT * FROM stories ORDER BY last_seen DESC, size DESC, id").fetchall()
        return [_story(r, members.get(r["id"], [])) for r in rows]

    def story(self, story_id: str) -> Story | None:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return None
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
                " WHERE sa.story_id = ? ORDER BY a.seq",
                (story_id,),
            )
        ]
        return _story(row, ids)

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def threads(self) -> list[Thread]:
        rows = self.conn.execute("SELECT * FROM threads ORDER BY id").fetchall()
        return [Thread(r["id"], r["title"], tuple(json.loads(r["story_ids"]))) for r in rows]

    def cached_brief(self, story_id: str, fingerprint: str) -> Brief | None:
        row = self.conn.execute(
            "SELECT body FROM briefs WHERE story_id = ? AND fingerprint = ?", (story_id, fingerprint)
        ).fetchone()
        return from_dict(Brief, json.loads(row[0])) if row else None

    def events(self, article_ids: Iterable[str] | None = None) -> list[Event]:
        if article_ids is None:
            rows = self.conn.execute("SELECT body FROM events ORDER BY date").fetchall()
        else:
            ids = list(article_ids)
            marks = ",".join("?" * len(ids))
            rows = self.conn.execute(f"SELECT body FROM events WHERE article_id IN ({marks})", ids).fetchall()
        return [from_dict(Event, json.loads(r[0])) for r in rows]

    def failures(self, limit: int = 100) -> list[Failure]:
        rows = self.conn.execute(
            "SELECT source, stage, reason FROM failures ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [Failure(*r) for r in rows]

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search (FTS5, porter stemming); plain words are ANDed, quotes make phrases."""
        match = fts_query(query)
        if not match:
            return []
        # Rank and page inside the FTS index first, then join only that page's rows. bm25 over
        # every match of a common word costs tens of milliseconds at 100k articles, so relevance is
        # computed over the RELEVANCE_WINDOW most recently stored matches (a cheap rowid range).
        window = (
            " AND rowid >= coalesce((SELECT min(rowid) FROM (SELECT rowid FROM articles_fts"
            f" WHERE articles_fts MATCH ?1 ORDER BY rowid DESC LIMIT {RELEVANCE_WINDOW})), 0)"
            if offset + limit <= RELEVANCE_WINDOW
            else ""
        )
        try:
            rows = self.conn.execute(
                "SELECT hit.article_id, a.title, a.date, a.publisher, hit.snip, sa.story_id FROM ("
                " SELECT article_id, snippet(articles_fts, 2, '[[', ']]', ' … ', 24) AS snip, rank"
                f" FROM articles_fts WHERE articles_fts MATCH ?1{window} ORDER BY rank LIMIT ?2 OFFSET ?3) AS hit"
                " JOIN articles a ON a.id = hit.article_id"
                " LEFT JOIN story_articles sa ON sa.article_id = a.id ORDER BY hit.rank",
                (match, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot search for {query!r}: {exc}") from exc
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]

    def counts(self) -> dict[str, int]:
        tables = ("raw_documents", "articles", "events", "stories", "threads", "failures")
        out = {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
        out["duplicates"] = self.conn.execute(
            "SELECT COUNT(*) FROM articles WHERE canonical_id IS NOT NULL"
        ).fetchone()[0]
        return out


def fts_query(query: str) -> str:
    """Turn user text into a safe FTS5 query: quoted phrases kept, other words quoted one by one."""
    parts: list[str] = []
    for i, chunk in enumerate(query.split('"')):
        if i % 2 == 1:
            words = chunk.split()
            if words:
                parts.append('"' + " ".join(w.replace('"', "") for w in words) + '"')
        else:
            for word in chunk.split():
                token = "".join(ch for ch in word if ch.isalnum() or ch in "-'’")
                if token.strip("-'’"):
                    parts.append('"' + token + '"')
    return " ".join(parts)


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        name=row["name"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        date=row["date"],
        language=row["language"],
        page_type=row["page_type"],
        text=row["text"],
        paragraphs=tuple(json.loads(row["paragraphs"])),
        publisher=row["publisher"],
        source=row["source"],
        raw_id=row["raw_id"],
    )


def _story(row: sqlite3.Row, article_ids: list[str]) -> Story:
    return Story(
        id=row["id"],
        title=row["title"],
        article_ids=tuple(article_ids),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        key_actors=tuple(json.loads(row["key_actors"])),
        themes=tuple(json.loads(row["themes"])),
        thread_id=row["thread_id"],
    )
