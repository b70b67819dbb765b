"""Where each chat's last digest of a category ended (table ``digest_log``), so the next digest's
window starts exactly there: nothing published in between is skipped or sent twice."""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils

from digests.clock import iso
from digests.db import transaction


class DigestLog:
    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn

    def record(self, chat_id: int, category: str, digest_date: str, window_until: datetime) -> None:
        """Remember the end of the last digest window of (chat, category) (also for skipped empty ones)."""
        if window_until.tzinfo is None:
            raise ValueError("expected a timezone-aware datetime")
        self.conn.execute(
            """INSERT INTO digest_log(chat_id, category, digest_date, window_until) VALUES (?, ?, ?, ?)
               ON CONFLICT(chat_id, category) DO UPDATE SET digest_date = excluded.digest_date,
                   window_until = excluded.window_until
               WHERE excluded.digest_date >= digest_log.digest_date""",
            [chat_id, category, digest_date, iso(window_until)],
        )

    def all(self) -> dict[tuple[int, str], tuple[date, datetime]]:
        """(chat, category) → (date of its last digest, end of that digest's window, UTC)."""
        rows = self.conn.execute("SELECT chat_id, category, digest_date, window_until FROM digest_log").fetchall()
        return {(r[0], r[1]): (date.fromisoformat(r[2]), datetime.fromisoformat(r[3])) for r in rows}

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """The log follows its chat to a new id (bot.stores.chat_move)."""
        self.conn.execute("UPDATE OR IGNORE digest_log SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id])

    def prune(self, before: date) -> int:
        """Forget digests older than ``before`` (the chat left or unsubscribed long ago; retention)."""
        with transaction(self.conn):
            return self.conn.execute("DELETE FROM digest_log WHERE digest_date < ?", [before.isoformat()]).rowcount
