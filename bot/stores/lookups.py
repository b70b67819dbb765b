"""Short tokens for inline buttons, with their payload kept server-side in SQLite.

Telegram limits callback_data to 64 bytes, so a button carries only a token;
the search query, the pending push or a long category slug lives in the
``lookups`` table.  Tokens expire (``max_age``); an unknown or expired token is
answered politely by the caller ("please search again").
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from digests.clock import Clock

DEFAULT_MAX_AGE = timedelta(days=2)


class Lookups:
    def __init__(self, db: sqlite_utils.Database, *, clock: Clock) -> None:
        self.conn = db.conn  # the table is created by digests.schema
        self.clock = clock

    def put(self, kind: str, payload: dict[str, Any], *, chat_id: int | None = None, stable: bool = False) -> str:
        """Store ``payload`` and return its token (8 URL-safe characters).

        ``stable`` derives the token from the payload, so the same value reuses one row.
        """
        body = json.dumps(payload, ensure_ascii=False, sort_keys=True)
        now = self._stamp()
        if stable:
            token = hashlib.sha1(f"{kind}\0{body}".encode()).hexdigest()[:12]
            self.conn.execute(
                "INSERT OR REPLACE INTO lookups(token, kind, chat_id, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                [token, kind, chat_id, body, now],
            )
            return token
        while True:
            token = secrets.token_urlsafe(6)
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO lookups(token, kind, chat_id, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                [token, kind, chat_id, body, now],
            )
            if cur.rowcount:
                return token

    def get(
        self,
        token: str,
        kind: str,
        *,
        max_age: timedelta | None = DEFAULT_MAX_AGE,
        chat_id: int | None = None,
    ) -> dict[str, Any] | None:
        """The payload, if the token exists, is of ``kind``, is fresh and (with ``chat_id``) belongs
        to that chat or to none: a button pressed elsewhere, or hand-made, finds nothing."""
        row = self.conn.execute(
            f"SELECT payload, created_at FROM lookups WHERE {_MATCH}", [token, kind, chat_id, chat_id]
        )
        return _payload(row.fetchone(), max_age, self.clock())

    def pop(
        self,
        token: str,
        kind: str,
        *,
        max_age: timedelta | None = DEFAULT_MAX_AGE,
        chat_id: int | None = None,
    ) -> dict[str, Any] | None:
        """Take the payload out; only one caller ever gets it (a double-pressed button acts once)."""
        row = self.conn.execute(
            f"DELETE FROM lookups WHERE {_MATCH} RETURNING payload, created_at", [token, kind, chat_id, chat_id]
        )
        return _payload(row.fetchone(), max_age, self.clock())

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """Buttons sent to a chat keep working after it moved to a new id (bot.stores.chat_move)."""
        self.conn.execute("UPDATE lookups SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id])

    def _stamp(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def prune(self, max_age: timedelta = DEFAULT_MAX_AGE) -> int:
        cutoff = (self.clock() - max_age).isoformat(timespec="seconds")
        return self.conn.execute("DELETE FROM lookups WHERE created_at < ? AND kind != 'slug'", [cutoff]).rowcount


# token, kind, and (with a chat id) that chat's own token or a chatless one
_MATCH = "token = ? AND kind = ? AND (? IS NULL OR chat_id IS NULL OR chat_id = ?)"


def _payload(row: tuple[str, str] | None, max_age: timedelta | None, now: datetime) -> dict[str, Any] | None:
    if row is None or _expired(row[1], max_age, now):
        return None
    return json.loads(row[0])


def _expired(created_at: str, max_age: timedelta | None, now: datetime) -> bool:
    if max_age is None:
        return False
    return datetime.fromisoformat(created_at) < now - max_age
