"""Explicit, numbered schema migrations, recorded in ``schema_migrations``.

A migration is applied once, inside one transaction, in order. A store written by a newer newsdesk
(with migrations this version does not know) is refused rather than silently misread.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from newsdesk.errors import StoreError

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "initial schema",
        """
        CREATE TABLE raw_documents (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT,
            content_type TEXT NOT NULL,
            fetched_at TEXT,
            hints TEXT NOT NULL DEFAULT '{}',
            content BLOB NOT NULL,          -- zlib-compressed raw bytes: the page is never overwritten
            added_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            url TEXT,
            title TEXT,
            author TEXT,
            date TEXT,
            language TEXT,
            page_type TEXT NOT NULL,
            text TEXT NOT NULL,
            paragraphs TEXT NOT NULL DEFAULT '[]',
            publisher TEXT,
            source TEXT NOT NULL,
            raw_id TEXT REFERENCES raw_documents(id),
            canonical_id TEXT REFERENCES articles(id),   -- set when this article repeats another
            dup_kind TEXT,
            dup_similarity REAL,
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_date ON articles(date);
        CREATE INDEX articles_canonical ON articles(canonical_id);
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            themes TEXT NOT NULL DEFAULT '[]',
            body TEXT NOT NULL              -- the full Analysis record as JSON
        );
        CREATE TABLE sentences (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence_idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,
            actor TEXT,
            country TEXT,
            sector TEXT,
            role TEXT
        );
        CREATE INDEX mentions_actor ON mentions(actor);
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            sentence_idx INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            plover TEXT NOT NULL,
            cameo TEXT NOT NULL,
            quad INTEGER NOT NULL,
            score REAL NOT NULL,
            date TEXT,
            date_end TEXT,
            actor_countries TEXT NOT NULL DEFAULT '',      -- space-separated codes, for filtering
            recipient_countries TEXT NOT NULL DEFAULT '',
            future INTEGER NOT NULL DEFAULT 0,
            historical INTEGER NOT NULL DEFAULT 0,
            hypothetical INTEGER NOT NULL DEFAULT 0,
            negated INTEGER NOT NULL DEFAULT 0,
            body TEXT NOT NULL,
            PRIMARY KEY (article_id, sentence_idx, ordinal)
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            text_hash TEXT NOT NULL,
            minhash BLOB NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            thread_id TEXT,
            first_seen TEXT,
            last_seen TEXT,
            key_actors TEXT NOT NULL DEFAULT '[]',
            themes TEXT NOT NULL DEFAULT '[]',
            size INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id TEXT NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE threads (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            story_ids TEXT NOT NULL
        );
        CREATE TABLE briefs (
            story_id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,      -- changes when the story's articles change
            body TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (source, stage, reason)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            article_id UNINDEXED, title, text, tokenize = 'porter unicode61'
        );
        """,
    ),
    (
        2,
        "per-shard completion markers",
        """
        CREATE TABLE shards (
            path TEXT PRIMARY KEY,          -- resolved input file path
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            documents INTEGER NOT NULL,     -- documents read from it (pages, records, entries)
            completed_at TEXT NOT NULL
        );
        CREATE INDEX mentions_country ON mentions(country);
        INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(0, 5.0, 1.0)');
        """,
    ),
    (
        3,
        "story profiles kept between refreshes",
        """
        CREATE TABLE story_profiles (
            story_id TEXT PRIMARY KEY,
            members TEXT NOT NULL,          -- fingerprint of the member articles it was made from
            body TEXT NOT NULL              -- the profile as JSON
        );
        """,
    ),
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version now in force."""
    version = current_version(conn)
    known = MIGRATIONS[-1][0]
    if version > known:
        raise StoreError(f"store schema version {version} is newer than this newsdesk knows ({known})")
    for number, name, sql in MIGRATIONS:
        if number <= version:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (number, name, now()),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration {number} ({name}) failed: {exc}") from exc
        version = number
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration script on ';' (our scripts hold no semicolons inside literals)."""
    parts = []
    for chunk in sql.split(";"):
        lines = [ln.split("--")[0] for ln in chunk.splitlines()]
        text = "\n".join(lines).strip()
        if text:
            parts.append(text)
    return parts
