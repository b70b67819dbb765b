"""The one owner of the database schema: numbered migrations, applied in order on open.

Every table in the file is created here — the article store's and the bot's (chats,
subscriptions, outbox, …) — so one number, ``PRAGMA user_version``, says what a file
holds. The bot's tables are plain SQL; no Telegram code is involved. Each module that
reads or writes a table still owns its queries (digests.store, bot.stores.chats,
bot.stores.outbox, bot.stores.lookups, bot.stores.watchlist, bot.stores.channel_bindings).

Opening an older file upgrades it in place, each step in its own transaction; a file
written by a newer newsbot is refused with :class:`SchemaTooNew` rather than misread.
Version 1 is the layout written before migrations were numbered (such files say
``user_version = 0``): its ``IF NOT EXISTS`` statements only fill in what is missing.
To change the schema, append a function to :data:`MIGRATIONS`; never edit a released one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from digests.db import transaction
from digests.fts import body_text, index_tokens
from digests.hanzi import fold
from digests.watching import normalize_words


class SchemaTooNew(RuntimeError):
    """The file was written by a newer newsbot; the message says what to do."""


def _v1_initial(conn: sqlite3.Connection) -> None:
    for statement in _V1:
        conn.execute(statement)


def _v2_user_version_replaces_meta(conn: sqlite3.Connection) -> None:
    # meta held only 'schema_version'; PRAGMA user_version says it now.
    conn.execute("DROP TABLE IF EXISTS meta")


def _v3_watches_mutes_channels(conn: sqlite3.Connection) -> None:
    """Keyword watches, mute words and the alert log (bot.stores.watchlist); bound channels
    (bot.stores.channel_bindings)."""
    for statement in _V3:
        conn.execute(statement)


def _v4_ingest_log_and_delivery_days(conn: sqlite3.Connection) -> None:
    # Ingest runs and the files they rejected (digests.ingest_log): /healthz's "last ingest",
    # /metrics' ingest counters and the dashboard's rejected posts read them.
    conn.execute(
        """CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            new INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            unchanged INTEGER NOT NULL,
            rejected INTEGER NOT NULL)"""
    )
    # One row per file that is rejected now (a later good version removes it).
    conn.execute(
        """CREATE TABLE ingest_rejects (
            path TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL)"""
    )
    # The dashboard's deliveries per day read final rows by the time they became final. Partial:
    # claiming a row (pending → sending) touches no page of it, only the final mark does.
    conn.execute("CREATE INDEX outbox_final ON outbox(updated_at) WHERE state IN ('sent', 'failed', 'blocked')")


def _v5_broadcast_titles(conn: sqlite3.Connection) -> None:
    # The push report names a broadcast by what was pushed (a title or the text's start), not its
    # idempotency key; older broadcasts have none and are named by number only.
    conn.execute("ALTER TABLE broadcasts ADD COLUMN title TEXT")


def _v6_alerted_by_age(conn: sqlite3.Connection) -> None:
    # Retention (bot.delivery.retention) deletes alert records by age: a range, not a table walk.
    conn.execute("CREATE INDEX IF NOT EXISTS alerted_created ON alerted(created_at)")


def _v7_script_blind_matching(conn: sqlite3.Connection) -> None:
    """Simplified and Traditional are one text to matching (digests.hanzi.fold): the index rows and
    the watch and mute identities written before hold the unfolded form. Only rows with something
    to fold change, so a Simplified store is upgraded in one read of its articles."""
    rows = conn.execute("SELECT key, title, lead, paragraphs FROM articles")
    while batch := rows.fetchmany(500):
        for key, title, lead, paragraphs in batch:
            body = body_text(lead, json.loads(paragraphs))
            if fold(title) != title or fold(body) != body:
                conn.execute("DELETE FROM articles_fts WHERE rowid = ?", [key])
                conn.execute(
                    "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
                    [key, index_tokens(title), index_tokens(body)],
                )
    for table in ("watches", "mutes"):
        for chat_id, norm, words in conn.execute(f"SELECT chat_id, norm, words FROM {table}").fetchall():
            new = normalize_words(words)
            if new != norm:
                # 臺積電 and 台积电 watched by one chat are one watch now: the row already in folded form stays.
                conn.execute(
                    f"UPDATE OR IGNORE {table} SET norm = ? WHERE chat_id = ? AND norm = ?", [new, chat_id, norm]
                )
                conn.execute(f"DELETE FROM {table} WHERE chat_id = ? AND norm = ?", [chat_id, norm])


def _v8_chat_scripts(conn: sqlite3.Connection) -> None:
    # The script a chat reads (bot.chats; digests.hanzi): 简, 繁, 港 or 台. Chats from before read
    # Simplified, as they did.
    conn.execute("ALTER TABLE chats ADD COLUMN script TEXT NOT NULL DEFAULT '简'")


def _v9_sources(conn: sqlite3.Connection) -> None:
    # Feed sources and their polling state (digests.feeds.state): from the config file or /source add.
    conn.execute(
        """CREATE TABLE IF NOT EXISTS sources (
            url TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            category TEXT NOT NULL,
            interval_minutes REAL,
            full_text INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL,
            added_by INTEGER,
            created_at TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_attempt TEXT,
            last_success TEXT,
            next_due TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            error_kind TEXT,
            items INTEGER NOT NULL DEFAULT 0,
            stored INTEGER NOT NULL DEFAULT 0,
            note TEXT)"""
    )


def _v10_outbox_due_at_as_text(conn: sqlite3.Connection) -> None:
    # One representation of time in an outbox row: when a row may be sent again was epoch seconds
    # (not_before REAL, 0 = at once) beside ISO text stamps; it is ISO text in UTC now ('' = at once).
    if "not_before" not in {row[1] for row in conn.execute("PRAGMA table_info(outbox)")}:
        return  # a file stamped older than its tables are (tests that replay a migration do that)
    conn.execute("ALTER TABLE outbox ADD COLUMN due_at TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "UPDATE outbox SET due_at = strftime('%Y-%m-%dT%H:%M:%f', not_before, 'unixepoch') || '000+00:00' "
        "WHERE not_before > 0"
    )
    conn.execute("ALTER TABLE outbox DROP COLUMN not_before")


def _v11_article_bylines(conn: sqlite3.Connection) -> None:
    # A report that names no outlet is credited by the reporters who sign it (记者杨洋等).
    if "byline" in {row[1] for row in conn.execute("PRAGMA table_info(articles)")}:
        return  # a file stamped older than its tables are (tests that replay a migration do that)
    conn.execute("ALTER TABLE articles ADD COLUMN byline TEXT")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _v1_initial,
    _v2_user_version_replaces_meta,
    _v3_watches_mutes_channels,
    _v4_ingest_log_and_delivery_days,
    _v5_broadcast_titles,
    _v6_alerted_by_age,
    _v7_script_blind_matching,
    _v8_chat_scripts,
    _v9_sources,
    _v10_outbox_due_at_as_text,
    _v11_article_bylines,
)
LATEST = len(MIGRATIONS)


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def upgrade(conn: sqlite3.Connection, *, name: str = "database") -> int:
    """Bring the file up to :data:`LATEST`; returns the version it had before."""
    before = version(conn)
    if before > LATEST:
        raise SchemaTooNew(_too_new(name, before))
    for target in range(before + 1, LATEST + 1):
        with transaction(conn):
            # Another process may have upgraded it meanwhile: re-read under the write lock.
            now = version(conn)
            if now > LATEST:
                raise SchemaTooNew(_too_new(name, now))
            if now >= target:
                continue
            MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
    return before


def _too_new(name: str, found: int) -> str:
    return (
        f"{name}: schema version {found} was written by a newer newsbot (this one knows up to {LATEST}); "
        "upgrade newsbot or use another database file"
    )


_V1 = (
    # --- article store (digests.store) ---
    """CREATE TABLE IF NOT EXISTS articles (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        published TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        categories TEXT NOT NULL,
        tags TEXT NOT NULL,
        topics TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        lead TEXT,
        source_file TEXT,
        content_hash TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '[]',
        summary_version TEXT,
        ingested_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS article_categories (
        category TEXT NOT NULL, key INTEGER NOT NULL,
        PRIMARY KEY (category, key)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS article_categories_key ON article_categories(key)",
    """CREATE TABLE IF NOT EXISTS article_tags (
        tag TEXT NOT NULL, key INTEGER NOT NULL,
        PRIMARY KEY (tag, key)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS article_tags_key ON article_tags(key)",
    """CREATE TABLE IF NOT EXISTS categories (
        slug TEXT PRIMARY KEY, display_name TEXT, count INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
        content_hash TEXT NOT NULL, article_id TEXT)""",
    "CREATE INDEX IF NOT EXISTS files_article ON files(article_id)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)",
    # prefix='1' makes one-character queries (冀*) an index lookup instead of a scan.
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body, prefix='1', detail=full)",
    # --- chats and subscriptions (bot.stores.chats) ---
    """CREATE TABLE IF NOT EXISTS chats (
        chat_id INTEGER PRIMARY KEY,
        type TEXT NOT NULL DEFAULT 'private',
        title TEXT,
        digest_time TEXT,
        timezone TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        inactive_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS subscriptions (
        chat_id INTEGER NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
        category TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, category)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS subscriptions_category ON subscriptions(category, chat_id)",
    # --- the outbox (bot.stores.outbox) ---
    """CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        part INTEGER NOT NULL DEFAULT 0,
        priority INTEGER NOT NULL,
        broadcast_id INTEGER,
        html TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before REAL NOT NULL DEFAULT 0,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        UNIQUE (chat_id, kind, ref, part))""",
    "CREATE INDEX IF NOT EXISTS outbox_queue ON outbox(state, priority, id)",
    "CREATE INDEX IF NOT EXISTS outbox_broadcast ON outbox(broadcast_id, state)",
    "CREATE INDEX IF NOT EXISTS outbox_chat ON outbox(chat_id, state)",
    """CREATE TABLE IF NOT EXISTS broadcasts (
        id INTEGER PRIMARY KEY,
        item_key TEXT NOT NULL UNIQUE,
        admin_chat_id INTEGER,
        created_at TEXT NOT NULL,
        reported_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS digest_log (
        chat_id INTEGER NOT NULL,
        category TEXT NOT NULL,
        digest_date TEXT NOT NULL,
        window_until TEXT NOT NULL,
        PRIMARY KEY (chat_id, category)) WITHOUT ROWID""",
    # --- button payloads (bot.stores.lookups) ---
    """CREATE TABLE IF NOT EXISTS lookups (
        token TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        chat_id INTEGER,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL)""",
)

_V3 = (
    # --- keyword watches and mute words (bot.stores.watchlist); ``norm`` is the words' identity ---
    """CREATE TABLE watches (
        chat_id INTEGER NOT NULL,
        norm TEXT NOT NULL,
        words TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, norm)) WITHOUT ROWID""",
    """CREATE TABLE mutes (
        chat_id INTEGER NOT NULL,
        norm TEXT NOT NULL,
        words TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, norm)) WITHOUT ROWID""",
    # Articles already alerted to a chat: never the same article twice.
    """CREATE TABLE alerted (
        chat_id INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, article_id)) WITHOUT ROWID""",
    # How far the alert runs have read the articles, by ingestion time (one row).
    "CREATE TABLE alert_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), ingested_at TEXT NOT NULL)",
    "CREATE INDEX articles_ingested ON articles(ingested_at)",
    # --- channels bound by an admin (bot.stores.channel_bindings); the chat itself is a chats row ---
    """CREATE TABLE channels (
        chat_id INTEGER PRIMARY KEY,
        username TEXT,
        added_by INTEGER,
        created_at TEXT NOT NULL,
        gone_reported_at TEXT)""",
)
