"""Chats, their subscriptions and their digest schedule (tables ``chats`` and ``subscriptions``).

This module is the only one that reads or writes those tables, and the one place that
answers "when does this chat get its digest": a chat's own time and zone, else the
configured defaults (:class:`Schedule`); and "which script does it read" (简, 繁, 港, 台:
guessed once from the language of the user who first wrote, then the chat's /script).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Set
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlite_utils

from digests.clock import NEWS_ZONE, Clock, stamp
from digests.config_values import parse_time_of_day
from digests.db import transaction
from digests.hanzi import DEFAULT_SCRIPT, script, script_for_language

log = logging.getLogger(__name__)

GROUP_TYPES = frozenset({"group", "supergroup", "channel"})


def is_group(chat_type: str | None, chat_id: int) -> bool:
    """Groups, supergroups and channels (Telegram's group flood limits apply to all three).

    A chat we never recorded is judged by its id: Telegram gives groups and channels negative ids.
    """
    return chat_type in GROUP_TYPES if chat_type else chat_id < 0


@dataclass(frozen=True)
class Chat:
    chat_id: int
    type: str  # "private", "group", "supergroup", "channel"
    title: str | None
    digest_time: time | None  # in the chat's zone; None means the configured default
    timezone: str | None  # Area/City; None means the configured default
    active: bool
    inactive_reason: str | None = None
    script: str = DEFAULT_SCRIPT  # 简, 繁, 港 or 台 (digests.hanzi)

    @property
    def is_group(self) -> bool:
        return is_group(self.type, self.chat_id)


@dataclass(frozen=True)
class Schedule:
    """When a chat gets its daily digest: a local time of day in a zone."""

    at: time
    zone: str
    default_time: bool = False  # the configured default, not the chat's own choice
    default_zone: bool = False

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def hhmm(self) -> str:
        return self.at.strftime("%H:%M")

    @property
    def slot(self) -> tuple[time, str]:
        """Chats that share a slot share one daily job."""
        return (self.at, self.zone)


@dataclass(frozen=True)
class ScheduledSubscription:
    chat_id: int
    category: str
    schedule: Schedule


class ChatStore:
    """Chats, subscriptions and per-chat delivery settings.

    ``default_time`` / ``default_zone`` are the configured digest schedule, used for chats
    that chose none (and for a stored value that no longer parses).
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        default_time: time = time(8, 0),
        default_zone: str = NEWS_ZONE.key,
        clock: Clock,
    ) -> None:
        self.db = db
        self.conn = db.conn
        self.clock = clock
        self.default_time = default_time
        self.default_zone = default_zone

    def _transaction(self) -> AbstractContextManager[None]:
        return transaction(self.conn)

    # --- chats ----------------------------------------------------------------------------------

    def ensure(
        self, chat_id: int, type: str = "private", title: str | None = None, *, language: str | None = None
    ) -> Chat:
        """Record a chat we heard from (keeps its settings; refreshes type and title). A new chat's
        script is guessed from ``language`` (the Telegram user's language_code), once.

        Runs before every update, so a known, unchanged chat is only read: a database locked by
        another process must not hold up every command behind a write that changes nothing."""
        known = self.get(chat_id)
        if known is not None and known.type == type and (title is None or known.title == title):
            return known
        now = stamp(self.clock)
        self.conn.execute(
            """INSERT INTO chats(chat_id, type, title, script, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(chat_id) DO UPDATE SET type = excluded.type,
                   title = COALESCE(excluded.title, chats.title), updated_at = excluded.updated_at""",
            [chat_id, type, title, script_for_language(language), now, now],
        )
        chat = self.get(chat_id)
        assert chat is not None
        return chat

    def get(self, chat_id: int) -> Chat | None:
        row = self.conn.execute(f"SELECT {_CHAT_COLUMNS} FROM chats WHERE chat_id = ?", [chat_id]).fetchone()
        return _chat(row) if row else None

    def all(self, *, active_only: bool = True) -> list[Chat]:
        sql = f"SELECT {_CHAT_COLUMNS} FROM chats"
        if active_only:
            sql += " WHERE active = 1"
        return [_chat(r) for r in self.conn.execute(sql + " ORDER BY chat_id").fetchall()]

    def set_time(self, chat_id: int, at: time | None) -> None:
        """The chat's digest time of day (None: back to the default)."""
        hhmm = at.strftime("%H:%M") if at is not None else None
        self.conn.execute(
            "UPDATE chats SET digest_time = ?, updated_at = ? WHERE chat_id = ?", [hhmm, stamp(self.clock), chat_id]
        )

    def set_timezone(self, chat_id: int, tz_name: str | None) -> None:
        self.conn.execute(
            "UPDATE chats SET timezone = ?, updated_at = ? WHERE chat_id = ?", [tz_name, stamp(self.clock), chat_id]
        )

    def set_script(self, chat_id: int, code: str) -> None:
        """The script this chat reads: 简, 繁, 港 or 台."""
        self.conn.execute(
            "UPDATE chats SET script = ?, updated_at = ? WHERE chat_id = ?", [code, stamp(self.clock), chat_id]
        )

    def scripts(self, chat_ids: Iterable[int]) -> dict[int, str]:
        """Each chat's script, in one query (a push or an alert run is rendered per recipient)."""
        wanted = set(chat_ids)
        rows = self.conn.execute(f"SELECT chat_id, script FROM chats WHERE script != '{DEFAULT_SCRIPT}'").fetchall()
        own = {c: script(code).code for c, code in rows if c in wanted}
        return {c: own.get(c, DEFAULT_SCRIPT) for c in wanted}

    def deactivate(self, chat_id: int, reason: str) -> None:
        """Stop sending to a chat (blocked, kicked, gone); its subscriptions are kept."""
        self.conn.execute(
            "UPDATE chats SET active = 0, inactive_reason = ?, updated_at = ? WHERE chat_id = ?",
            [reason, stamp(self.clock), chat_id],
        )

    def reactivate(self, chat_id: int) -> bool:
        """Resume a chat that came back (e.g. /start after a block); True if it was inactive."""
        cur = self.conn.execute(
            "UPDATE chats SET active = 1, inactive_reason = NULL, updated_at = ? WHERE chat_id = ? AND active = 0",
            [stamp(self.clock), chat_id],
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
                    [new_chat_id, stamp(self.clock), old_chat_id],
                )

    # --- schedule -------------------------------------------------------------------------------

    def schedule(self, chat: Chat | int | None) -> Schedule:
        """The chat's effective digest time and zone (the defaults for an unknown chat)."""
        if isinstance(chat, int):
            chat = self.get(chat)
        return self._schedule(chat.digest_time if chat else None, chat.timezone if chat else None)

    def _schedule(self, at: time | None, zone: str | None) -> Schedule:
        if zone is not None and not _valid_zone(zone):
            log.warning("unknown time zone %r stored for a chat; using %s", zone, self.default_zone)
            zone = None
        return Schedule(
            at or self.default_time, zone or self.default_zone, default_time=at is None, default_zone=zone is None
        )

    def zones(self, chat_ids: Iterable[int]) -> dict[int, str]:
        """Each chat's effective zone, in one query (a push renders its time per recipient's zone)."""
        own = dict(self.conn.execute("SELECT chat_id, timezone FROM chats WHERE timezone IS NOT NULL").fetchall())
        by_name = {z: self._schedule(None, z).zone for z in set(own.values())}  # invalid stored zones → default
        return {c: by_name[own[c]] if c in own else self.default_zone for c in chat_ids}

    def scheduled_subscriptions(self) -> list[ScheduledSubscription]:
        """Every (active chat, category) pair with the chat's effective schedule."""
        rows = self.conn.execute(
            "SELECT s.chat_id, s.category, c.digest_time, c.timezone FROM subscriptions s "
            "JOIN chats c ON c.chat_id = s.chat_id WHERE c.active = 1 ORDER BY s.chat_id, s.category"
        ).fetchall()
        schedules: dict[tuple[str | None, str | None], Schedule] = {}
        out = []
        for chat_id, category, hhmm, zone in rows:
            schedule = schedules.get((hhmm, zone))
            if schedule is None:
                schedule = schedules[(hhmm, zone)] = self._schedule(_stored_time(hhmm), zone)
            out.append(ScheduledSubscription(chat_id, category, schedule))
        return out

    def slots(self) -> Set[tuple[time, str]]:
        """Distinct (time, zone) among active chats with at least one subscription."""
        return {s.schedule.slot for s in self.scheduled_subscriptions()}

    # --- subscriptions --------------------------------------------------------------------------

    def subscribe(self, chat_id: int, category: str) -> bool:
        """True if this is a new subscription."""
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO subscriptions(chat_id, category, created_at) VALUES (?, ?, ?)",
            [chat_id, category, stamp(self.clock)],
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

    def channel_ids(self) -> set[int]:
        """Active chats that are channels (pushes count them apart from chats)."""
        rows = self.conn.execute("SELECT chat_id FROM chats WHERE type = 'channel' AND active = 1").fetchall()
        return {r[0] for r in rows}

    def active_counts(self) -> tuple[int, int]:
        """(chats the bot may write to, channels among them)."""
        active, channels = self.conn.execute(
            "SELECT count(*), coalesce(sum(type = 'channel'), 0) FROM chats WHERE active = 1"
        ).fetchone()
        return int(active), int(channels)

    def subscriber_counts(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT s.category, count(*) FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
            "WHERE c.active = 1 GROUP BY s.category ORDER BY s.category"
        ).fetchall()
        return dict(rows)


_CHAT_COLUMNS = "chat_id, type, title, digest_time, timezone, active, inactive_reason, script"


def _chat(row: tuple) -> Chat:
    return Chat(row[0], row[1], row[2], _stored_time(row[3]), row[4], bool(row[5]), row[6], script(row[7]).code)


def _stored_time(hhmm: str | None) -> time | None:
    if not hhmm:
        return None
    at = parse_time_of_day(hhmm)
    if at is None:
        log.warning("bad digest time %r stored for a chat; using the default", hhmm)
    return at


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
