"""Chats and their subscriptions, kept in the SQLite store (the source of truth, not pickles)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from digests.store import transaction


@dataclass(frozen=True)
class Chat:
    chat_id: int
    type: str  # "private", "group", "supergroup", "channel"
    title: str | None
    digest_time: str | None  # "HH:MM" in the chat's zone; None means the configured default
    timezone: str | None  # Area/City; None means the configured default
    active: bool
    inactive_reason: str | None = None

    @property
    def is_group(self) -> bool:
        return self.type in ("group", "supergroup")


class ChatStore:
    """Chats, subscriptions and per-chat delivery settings."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.conn = db.conn
        with self._transaction():
            self.conn.execute(
                """CREATE TABLE IF NOT EXISTS chats (
                    chat_id INTEGER PRIMARY KEY,
                    type TEXT NOT NULL DEFAULT 'private',
                    title TEXT,
                    digest_time TEXT,
                    timezone TEXT,
                    active INTEGER NOT NULL DEFAULT 1,
                    inactive_reason TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL)"""
            )
            self.conn.execute(
                """CREATE TABLE IF NOT EXISTS subscriptions (
                    chat_id INTEGER NOT NULL REFERENCES chats(chat_id) ON UPDATE CASCADE ON DELETE CASCADE,
                    category TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (chat_id, category)) WITHOUT ROWID"""
            )
            self.conn.execute("CREATE INDEX IF NOT EXISTS subscriptions_category ON subscriptions(category, chat_id)")

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self.conn)

    # --- chats ----------------------------------------------------------------------------------

    def ensure(self, chat_id: int, type: str = "private", title: str | None = None) -> Chat:
        """Record a chat we heard from (keeps its settings; refreshes type and title)."""
        now = _now()
        self.conn.execute(
            """INSERT INTO chats(chat_id, type, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(chat_id) DO UPDATE SET type = excluded.type,
                   title = COALESCE(excluded.title, chats.title), updated_at = excluded.updated_at""",
            [chat_id, type, title, now, now],
        )
        chat = self.get(chat_id)
        assert chat is not None
        return chat

    def get(self, chat_id: int) -> Chat | None:
        row = self.conn.execute(
            "SELECT chat_id, type, title, digest_time, timezone, active, inactive_reason FROM chats WHERE chat_id = ?",
            [chat_id],
        ).fetchone()
        return _chat(row) if row else None

    def all(self, *, active_only: bool = True) -> list[Chat]:
        sql = "SELECT chat_id, type, title, digest_time, timezone, active, inactive_reason FROM chats"
        if active_only:
            sql += " WHERE active = 1"
        return [_chat(r) for r in self.conn.execute(sql + " ORDER BY chat_id").fetchall()]

    def set_time(self, chat_id: int, hhmm: str | None) -> None:
        self.conn.execute("UPDATE chats SET digest_time = ?, updated_at = ? WHERE chat_id = ?", [hhmm, _now(), chat_id])

    def set_timezone(self, chat_id: int, tz_name: str | None) -> None:
        self.conn.execute("UPDATE chats SET timezone = ?, updated_at = ? WHERE chat_id = ?", [tz_name, _now(), chat_id])

    def deactivate(self, chat_id: int, reason: str) -> None:
        """Stop sending to a chat (blocked, kicked, gone); its subscriptions are kept."""
        self.conn.execute(
            "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ?",
            [reason, _now(), chat_id],
        )

    def reactivate(self, chat_id: int) -> bool:
        """Resume a chat that came back (e.g. /start after a block); True if it was inactive."""
        cur = self.conn.execute(
            "UPDATE chats SET active = 1, inactive_reason = NULL, updated_at = ? WHERE chat_id = ? AND active = 0",
            [_now(), chat_id],
        )
        return cur.rowcount > 0

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: move the chat, its settings and subscriptions to the new id."""
        with self._transaction():
            if self.get(new_chat_id) is not None:
                # The new id was already seen (e.g. a message arrived first): merge subscriptions into it.
                self.conn.execute(
                    """INSERT OR IGNORE INTO subscriptions(chat_id, category, created_at)
                       SELECT ?, category, created_at FROM subscriptions WHERE chat_id = ?""",
                    [new_chat_id, old_chat_id],
                )
                self.conn.execute("DELETE FROM chats WHERE chat_id = ?", [old_chat_id])
            else:
                self.conn.execute(
                    "UPDATE chats SET chat_id = ?, type = 'supergroup', updated_at = ? WHERE chat_id = ?",
                    [new_chat_id, _now(), old_chat_id],
                )

    # --- subscriptions --------------------------------------------------------------------------

    def subscribe(self, chat_id: int, category: str) -> bool:
        """True if this is a new subscription."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO subscriptions(chat_id, category, created_at) VALUES (?, ?, ?)",
            [chat_id, category, _now()],
        )
        return cur.rowcount > 0

    def unsubscribe(self, chat_id: int, category: str) -> bool:
        cur = self.conn.execute("DELETE FROM subscriptions WHERE chat_id = ? AND category = ?", [chat_id, category])
        return cur.rowcount > 0

    def unsubscribe_all(self, chat_id: int) -> int:
        return self.conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", [chat_id]).rowcount

    def subscriptions(self, chat_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT category FROM subscriptions WHERE chat_id = ? ORDER BY category", [chat_id]
        ).fetchall()
        return [r[0] for r in rows]

    def subscribers(self, category: str | None = None) -> list[int]:
        """Active chats subscribed to ``category`` (or to anything, when None)."""
        if category is None:
            sql = (
                "SELECT DISTINCT s.chat_id FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
                "WHERE c.active = 1 ORDER BY s.chat_id"
            )
            params: list[object] = []
        else:
            sql = (
                "SELECT s.chat_id FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
                "WHERE s.category = ? AND c.active = 1 ORDER BY s.chat_id"
            )
            params = [category]
        return [r[0] for r in self.conn.execute(sql, params).fetchall()]

    def subscriber_counts(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT s.category, count(*) FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
            "WHERE c.active = 1 GROUP BY s.category ORDER BY s.category"
        ).fetchall()
        return dict(rows)


def _chat(row: tuple) -> Chat:
    return Chat(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6])


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
