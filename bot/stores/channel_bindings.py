"""Channels an admin bound to the bot (table ``channels``, created by :mod:`digests.schema`).

A bound channel is an ordinary chat to the rest of the bot — a ``chats`` row of type
"channel" with subscriptions and a digest time (:class:`bot.stores.chats.ChatStore`), so digests,
breaking pushes, the outbox and flood control treat it like a group. This table adds what
only channels have: the @username it was bound by (channels are renamed; the id stays), who
bound it, and whether its loss was already reported to the admins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

import sqlite_utils

from bot.stores.chats import ChatStore, Schedule
from digests.clock import stamp
from digests.db import transaction
from digests.hanzi import DEFAULT_SCRIPT


@dataclass(frozen=True)
class BoundChannel:
    chat_id: int
    username: str | None
    title: str
    active: bool
    inactive_reason: str | None
    categories: tuple[str, ...]
    schedule: Schedule
    script: str = DEFAULT_SCRIPT  # the script its digests and pushes are in


class ChannelStore:
    def __init__(self, db: sqlite_utils.Database, chats: ChatStore) -> None:
        self.conn = db.conn
        self.chats = chats
        self.clock = chats.clock  # one clock for a chat and its channel binding

    def bind(
        self,
        chat_id: int,
        *,
        title: str,
        username: str | None,
        added_by: int | None,
        categories: Sequence[str],
        at: time | None,
        zone: str | None,
        script: str | None = None,
    ) -> BoundChannel:
        """Bind (or re-bind) a channel: its categories replace the old ones; it is active again."""
        with transaction(self.conn):
            self.chats.ensure(chat_id, "channel", title)
            self.chats.reactivate(chat_id)
            if at is not None:
                self.chats.set_time(chat_id, at)
            if zone is not None:
                self.chats.set_timezone(chat_id, zone)
            if script is not None:
                self.chats.set_script(chat_id, script)
            self.chats.unsubscribe_all(chat_id)
            for slug in categories:
                self.chats.subscribe(chat_id, slug)
            self.conn.execute(
                """INSERT INTO channels(chat_id, username, added_by, created_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT(chat_id) DO UPDATE SET username = excluded.username,
                       added_by = excluded.added_by, gone_reported_at = NULL""",
                [chat_id, username, added_by, stamp(self.clock)],
            )
        bound = self.get(chat_id)
        assert bound is not None
        return bound

    def unbind(self, chat_id: int) -> bool:
        with transaction(self.conn):
            self.chats.unsubscribe_all(chat_id)
            return self.conn.execute("DELETE FROM channels WHERE chat_id = ?", [chat_id]).rowcount > 0

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """The binding follows its chat to a new id (bot.stores.chat_move)."""
        self.conn.execute("UPDATE OR IGNORE channels SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id])
        self.conn.execute("DELETE FROM channels WHERE chat_id = ?", [old_chat_id])

    def get(self, chat_id: int) -> BoundChannel | None:
        row = self.conn.execute("SELECT chat_id, username FROM channels WHERE chat_id = ?", [chat_id]).fetchone()
        return self._bound(row[0], row[1]) if row else None

    def find(self, ref: str) -> BoundChannel | None:
        """A bound channel by numeric id, or by "@username" / "username" (as bound, any case)."""
        ref = ref.strip()
        try:
            return self.get(int(ref))
        except ValueError:
            pass
        row = self.conn.execute(
            "SELECT chat_id FROM channels WHERE lower(username) = lower(?)", [ref.removeprefix("@")]
        ).fetchone()
        return self.get(row[0]) if row else None

    def all(self) -> list[BoundChannel]:
        rows = self.conn.execute("SELECT chat_id, username FROM channels ORDER BY created_at, chat_id").fetchall()
        return [b for b in (self._bound(r[0], r[1]) for r in rows) if b is not None]

    def back(self, chat_id: int) -> None:
        """The bot may post again (promoted back): resume, and report a later loss again."""
        if self.get(chat_id) is not None:
            self.chats.reactivate(chat_id)
            self.conn.execute("UPDATE channels SET gone_reported_at = NULL WHERE chat_id = ?", [chat_id])

    def claim_gone_report(self, chat_id: int) -> BoundChannel | None:
        """The bound channel if its loss is still to be reported (at most once until it is back)."""
        cur = self.conn.execute(
            "UPDATE channels SET gone_reported_at = ? WHERE chat_id = ? AND gone_reported_at IS NULL",
            [stamp(self.clock), chat_id],
        )
        return self.get(chat_id) if cur.rowcount else None

    def _bound(self, chat_id: int, username: str | None) -> BoundChannel | None:
        chat = self.chats.get(chat_id)
        if chat is None:
            return None
        return BoundChannel(
            chat_id=chat_id,
            username=username,
            title=chat.title or (f"@{username}" if username else str(chat_id)),
            active=chat.active,
            inactive_reason=chat.inactive_reason,
            categories=tuple(self.chats.subscriptions(chat_id)),
            schedule=self.chats.schedule(chat),
            script=chat.script,
        )
