"""Keyword watches, mute words and the alert log (tables ``watches``, ``mutes``, ``alerted``,
``alert_cursor``, created by :mod:`digests.schema`).

This module is the only one that reads or writes them. A watch or mute word is kept as the
reader typed it (``words``) and identified by its normalised form (``norm``,
:func:`digests.watching.normalize_words`), so ``京津冀`` and ``"京津冀"`` are one watch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import sqlite_utils

from digests.clock import Clock, stamp
from digests.watching import normalize_words

AddOutcome = Literal["added", "exists", "full"]
_TABLES = ("watches", "mutes")


@dataclass(frozen=True)
class Watch:
    chat_id: int
    words: str  # as typed
    norm: str  # identity
    since: str = ""  # when it was made (ISO UTC): it alerts only on articles stored from then on


class Watchlist:
    def __init__(self, db: sqlite_utils.Database, *, clock: Clock) -> None:
        self.conn = db.conn
        self.clock = clock

    # --- watches and mutes share one shape ------------------------------------------------------

    def add(self, table: str, chat_id: int, words: str, *, limit: int) -> AddOutcome:
        """Add a watch (``table="watches"``) or mute word (``"mutes"``) unless it exists or the chat is full."""
        table = _table(table)
        words = " ".join(words.split())
        norm = normalize_words(words)
        exists = self.conn.execute(f"SELECT 1 FROM {table} WHERE chat_id = ? AND norm = ?", [chat_id, norm]).fetchone()
        if exists:
            return "exists"
        if self.count(table, chat_id) >= limit:
            return "full"
        self.conn.execute(
            f"INSERT INTO {table}(chat_id, norm, words, created_at) VALUES (?, ?, ?, ?)",
            [chat_id, norm, words, stamp(self.clock, "microseconds")],
        )
        if table == "watches" and self.cursor() is None:
            # The first watch ever: alerts cover what is ingested from now on, not the back catalogue.
            self.set_cursor(stamp(self.clock, "microseconds"))
        return "added"

    def remove(self, table: str, chat_id: int, words: str) -> bool:
        table = _table(table)
        cur = self.conn.execute(
            f"DELETE FROM {table} WHERE chat_id = ? AND norm = ?", [chat_id, normalize_words(words)]
        )
        return cur.rowcount > 0

    def clear(self, table: str, chat_id: int) -> int:
        return self.conn.execute(f"DELETE FROM {_table(table)} WHERE chat_id = ?", [chat_id]).rowcount

    def count(self, table: str, chat_id: int) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {_table(table)} WHERE chat_id = ?", [chat_id]).fetchone()[0]

    def words(self, table: str, chat_id: int) -> list[str]:
        """The chat's watches or mute words as typed, oldest first."""
        rows = self.conn.execute(
            f"SELECT words FROM {_table(table)} WHERE chat_id = ? ORDER BY created_at, norm", [chat_id]
        ).fetchall()
        return [r[0] for r in rows]

    def watches(self, chat_id: int) -> list[str]:
        return self.words("watches", chat_id)

    def mutes(self, chat_id: int) -> list[str]:
        return self.words("mutes", chat_id)

    def totals(self) -> tuple[int, int, int]:
        """(watches, chats that watch something, mute words) over all chats, for /stats."""
        watches, chats = self.conn.execute("SELECT count(*), count(DISTINCT chat_id) FROM watches").fetchone()
        return watches, chats, self.conn.execute("SELECT count(*) FROM mutes").fetchone()[0]

    def active_watches(self) -> list[Watch]:
        """Every watch of an active chat, per chat in the order they were added."""
        rows = self.conn.execute(
            "SELECT w.chat_id, w.words, w.norm, w.created_at FROM watches w JOIN chats c ON c.chat_id = w.chat_id "
            "WHERE c.active = 1 ORDER BY w.chat_id, w.created_at, w.norm"
        ).fetchall()
        return [Watch(*row) for row in rows]

    def mutes_by_chat(self, chat_ids: Iterable[int] | None = None) -> dict[int, tuple[str, ...]]:
        """chat → its mute words (only chats that have some; all chats when ``chat_ids`` is None)."""
        rows = self.conn.execute("SELECT chat_id, words FROM mutes ORDER BY chat_id, created_at, norm").fetchall()
        wanted = None if chat_ids is None else set(chat_ids)
        out: dict[int, list[str]] = {}
        for chat_id, words in rows:
            if wanted is None or chat_id in wanted:
                out.setdefault(chat_id, []).append(words)
        return {chat_id: tuple(words) for chat_id, words in out.items()}

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its watches, mutes and alert log follow it."""
        for table in (*_TABLES, "alerted"):
            self.conn.execute(f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id])
            # What the new id had already stays once; the old id's copies would only be counted twice.
            self.conn.execute(f"DELETE FROM {table} WHERE chat_id = ?", [old_chat_id])

    # --- the alert log --------------------------------------------------------------------------

    def cursor(self) -> str | None:
        """Ingestion time (ISO UTC) up to which alert runs have read the articles; None before any watch."""
        row = self.conn.execute("SELECT ingested_at FROM alert_cursor WHERE id = 1").fetchone()
        return row[0] if row else None

    def set_cursor(self, ingested_at: str) -> None:
        self.conn.execute(
            "INSERT INTO alert_cursor(id, ingested_at) VALUES (1, ?) "
            "ON CONFLICT(id) DO UPDATE SET ingested_at = max(ingested_at, excluded.ingested_at)",
            [ingested_at],
        )

    def alerted(self, chat_id: int, article_ids: Sequence[str]) -> set[str]:
        """Which of ``article_ids`` this chat was already alerted to."""
        if not article_ids:
            return set()
        marks = ",".join("?" * len(article_ids))
        rows = self.conn.execute(
            f"SELECT article_id FROM alerted WHERE chat_id = ? AND article_id IN ({marks})", [chat_id, *article_ids]
        ).fetchall()
        return {r[0] for r in rows}

    def log_alerted(self, chat_id: int, article_ids: Iterable[str]) -> None:
        now = stamp(self.clock, "microseconds")
        self.conn.executemany(
            "INSERT OR IGNORE INTO alerted(chat_id, article_id, created_at) VALUES (?, ?, ?)",
            [(chat_id, a, now) for a in article_ids],
        )


def _table(name: str) -> str:
    # Table names cannot be bound parameters: only these two are ever interpolated.
    if name not in _TABLES:
        raise ValueError(f"not a word table: {name!r}")
    return name
