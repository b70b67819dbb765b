"""The outbox: every message the bot pushes is a row here before it is sent.

A UNIQUE key per row — (chat, kind, ref, part), where ``ref`` is the breaking
item key or "<category>/<digest date>" — makes enqueueing the same message twice
impossible, so a scheduler that runs twice, or a restart after a crash, cannot
duplicate. The sender (bot/sender.py) writes each row's state before and after
the network call: pending → sending → sent | failed | blocked.

This module owns the queries on its tables (created by :mod:`digests.schema`):
``outbox`` (the rows) and ``broadcasts`` (one per breaking push: item key, the
admin to report to); a queued digest moves its chat's :mod:`bot.stores.digest_log`
in the same transaction. Rows are in their chat's script.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlite_utils

from bot import admin_texts
from bot.stores.digest_log import DigestLog
from bot.stores.in_scripts import InScripts, Scripts
from bot.stores.outbox_records import BroadcastReport, OutboxRow, PushRecord
from digests.clock import Clock, iso, stamp
from digests.db import transaction
from digests.digest import day_window

PENDING, SENDING, SENT, FAILED, BLOCKED = "pending", "sending", "sent", "failed", "blocked"
FINAL_STATES = (SENT, FAILED, BLOCKED)
# Lower goes first: breaking news and admin reports jump ahead of digests.
PRIORITY = {"breaking": 0, "report": 0, "alert": 1, "digest": 1}
# What /stats counts as deliveries to readers (an admin's broadcast report is not one).
DELIVERY_KINDS = ("digest", "breaking", "alert")
_KINDS_SQL = "kind IN ({})".format(", ".join(f"'{k}'" for k in DELIVERY_KINDS))


class Outbox:
    """Enqueue (idempotently) and track delivery state of outgoing messages."""

    def __init__(self, db: sqlite_utils.Database, *, clock: Clock, scripts: Scripts | None = None) -> None:
        self.db = db
        self.conn = db.conn
        self.in_scripts = InScripts(scripts)
        # Row stamps and due times (ISO text, UTC) both come from this clock; the sender waits on it
        # too, so a queue and the one waiting on it agree on "now".
        self.clock = clock
        self.digests = DigestLog(db)  # where each chat's last digest ended: written with its digest
        self.only_chat: int | None = None  # set: the sender's queries see this chat's rows alone (console)
        # Observers of final outcomes, called as (kind, state, rows): metrics count through them.
        self.on_final: list[Callable[[str, str, int], None]] = []

    def stamp(self) -> str:
        return stamp(self.clock)

    def _due_stamp(self, delay: float = 0.0) -> str:
        # Microseconds: a retry a fraction of a second away must not come due at once.
        return iso(self.clock() + timedelta(seconds=delay), "microseconds")

    def _finalised(self, kinds: Counter[str], state: str) -> None:
        for observe in self.on_final:
            for kind, n in kinds.items():
                observe(kind, state, n)

    def transaction(self) -> AbstractContextManager[None]:
        return transaction(self.conn)

    def enqueue_breaking(
        self,
        item_key: str,
        html: str | Mapping[int, str],
        chat_ids: Sequence[int],
        *,
        admin_chat_id: int | None,
        title: str | None = None,
    ) -> int:
        """Queue one breaking message for every chat in one transaction; returns the broadcast id.
        ``html`` may be per chat (each recipient's time zone); ``title`` names it in the admin's report.

        Idempotent per (chat, item_key): pushing the same item again only adds chats that
        did not get it yet (and the admin gets a fresh report for those).
        """
        now = self.stamp()
        per_chat = self.in_scripts.per_chat(dict.fromkeys(chat_ids, html) if isinstance(html, str) else html)
        with self.transaction():
            self.conn.execute(
                "INSERT OR IGNORE INTO broadcasts(item_key, admin_chat_id, created_at, title) VALUES (?, ?, ?, ?)",
                [item_key, admin_chat_id, now, title],
            )
            broadcast_id = self.conn.execute("SELECT id FROM broadcasts WHERE item_key = ?", [item_key]).fetchone()[0]
            cur = self.conn.executemany(
                """INSERT OR IGNORE INTO outbox(chat_id, kind, ref, part, priority, broadcast_id, html,
                       created_at, updated_at) VALUES (?, 'breaking', ?, 0, ?, ?, ?, ?, ?)""",
                [
                    (int(c), item_key, PRIORITY["breaking"], broadcast_id, per_chat[c], now, now)
                    for c in dict.fromkeys(chat_ids)
                ],
            )
            if cur.rowcount > 0:
                # New recipients: the broadcast is open again and will be reported again when done.
                self.conn.execute(
                    "UPDATE broadcasts SET reported_at = NULL, admin_chat_id = COALESCE(?, admin_chat_id) WHERE id = ?",
                    [admin_chat_id, broadcast_id],
                )
        return int(broadcast_id)

    def enqueue_digest(
        self,
        chat_id: int,
        category: str,
        digest_date: str,
        messages: Sequence[str],
        *,
        window_until: datetime | None = None,
    ) -> bool:
        """Queue a (possibly multi-message) digest; False if this chat already has that day's digest.

        With ``window_until`` the chat's digest log for the category moves forward in the same
        transaction, so the next digest's window starts exactly where this one ended.
        """
        if not messages:
            raise ValueError("a digest needs at least one message")
        ref = f"{category}/{digest_date}"
        messages = self.in_scripts.parts(chat_id, messages)
        now = self.stamp()
        with self.transaction():
            cur = self.conn.executemany(
                """INSERT OR IGNORE INTO outbox(chat_id, kind, ref, part, priority, html, created_at, updated_at)
                   VALUES (?, 'digest', ?, ?, ?, ?, ?, ?)""",
                [(chat_id, ref, i, PRIORITY["digest"], html, now, now) for i, html in enumerate(messages)],
            )
            added = cur.rowcount > 0
            if added and window_until is not None:
                self.digests.record(chat_id, category, digest_date, window_until)
        return added

    def enqueue_messages(self, chat_id: int, kind: str, ref: str, messages: Sequence[str]) -> bool:
        """Queue a (possibly multi-part) message of ``kind`` ("alert", "report"); False if (chat, kind, ref)
        was queued before — the UNIQUE key makes a repeat a no-op."""
        messages = self.in_scripts.parts(chat_id, messages)
        now = self.stamp()
        with self.transaction():  # all parts or none
            cur = self.conn.executemany(
                """INSERT OR IGNORE INTO outbox(chat_id, kind, ref, part, priority, html, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [(chat_id, kind, ref, i, PRIORITY[kind], html, now, now) for i, html in enumerate(messages)],
            )
        return cur.rowcount > 0

    # --- what the sender uses -------------------------------------------------------------------

    def recover_in_flight(self) -> int:
        """At start-up: rows left 'sending' by a killed process go back to 'pending' (resent once)."""
        scope, args = self._scope("chat_id")
        sql = f"UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending'{scope}"
        return self.conn.execute(sql, [self.stamp(), *args]).rowcount

    def due(self, limit: int) -> list[OutboxRow]:
        """Pending rows whose retry time has come: breaking first, then oldest first."""
        now = self._due_stamp()
        scope, args = self._scope("o.chat_id")
        rows = self.conn.execute(
            f"""SELECT o.id, o.chat_id, o.kind, o.ref, o.part, o.html, o.attempts, o.broadcast_id, c.type, c.active
               FROM outbox o LEFT JOIN chats c ON c.chat_id = o.chat_id
               WHERE o.state = 'pending' AND o.due_at <= ?{scope}
               ORDER BY o.priority, o.id LIMIT ?""",
            [now, *args, limit],
        ).fetchall()
        return [
            OutboxRow(
                id=r[0],
                chat_id=r[1],
                kind=r[2],
                ref=r[3],
                part=r[4],
                html=r[5],
                attempts=r[6],
                broadcast_id=r[7],
                chat_type=r[8],
                chat_active=None if r[9] is None else bool(r[9]),
            )
            for r in rows
        ]

    def open_count(self) -> int:
        """Rows not yet final (pending, waiting for a retry, or sending)."""
        scope, args = self._scope("chat_id")
        sql = f"SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending'){scope}"
        return self.conn.execute(sql, args).fetchone()[0]

    def due_count(self) -> int:
        """Pending rows whose time has come (/healthz: messages due but not going out means stalled)."""
        sql = "SELECT count(*) FROM outbox WHERE state = 'pending' AND due_at <= ?"
        return self.conn.execute(sql, [self._due_stamp()]).fetchone()[0]

    def seconds_to_next_due(self) -> float | None:
        """How long until the earliest pending row is due (0 or less: now); None when none is pending."""
        scope, args = self._scope("chat_id")
        at = self.conn.execute(f"SELECT min(due_at) FROM outbox WHERE state = 'pending'{scope}", args).fetchone()[0]
        if at is None:
            return None
        return (datetime.fromisoformat(at) - self.clock()).total_seconds() if at else 0.0

    def _scope(self, column: str) -> tuple[str, list[int]]:
        """The extra condition that narrows a sender query to ``only_chat`` (nothing when unset)."""
        return ("", []) if self.only_chat is None else (f" AND {column} = ?", [self.only_chat])

    def claim(self, row_id: int, chat_id: int) -> bool:
        """pending → sending (attempts + 1), committed before the network call.

        False if the row changed meanwhile (no longer pending, or moved to a migrated chat id)."""
        cur = self.conn.execute(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? "
            "WHERE id = ? AND chat_id = ? AND state = 'pending'",
            [self.stamp(), row_id, chat_id],
        )
        return cur.rowcount == 1

    def mark(self, row_id: int, state: str, error: str | None = None) -> None:
        """sending → its outcome. Only a row being sent changes: an outcome written again (its first
        write went through, what followed failed) neither re-stamps the row nor notifies twice."""
        now = self.stamp()
        kinds = self.conn.execute(
            "UPDATE outbox SET state = ?, error = ?, updated_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? END "
            "WHERE id = ? AND state = 'sending' RETURNING kind",
            [state, error, now, state, now, row_id],
        ).fetchall()
        if self.on_final and state in FINAL_STATES:
            self._finalised(Counter(k for (k,) in kinds), state)

    def retry_later(self, row: OutboxRow, delay: float, error: str, *, count_attempt: bool = True) -> None:
        """Back to pending; this chat's other pending rows wait too, so parts stay in order."""
        until = self._due_stamp(delay)
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET state = 'pending', error = ?, updated_at = ?, attempts = attempts - ? WHERE id = ?",
                [error, self.stamp(), 0 if count_attempt else 1, row.id],
            )
            self.conn.execute(
                "UPDATE outbox SET due_at = max(due_at, ?) WHERE chat_id = ? AND state = 'pending'",
                [until, row.chat_id],
            )

    def block_chat(self, chat_id: int, reason: str) -> tuple[int, list[int]]:
        """The chat is gone or blocked us: skip all its queued rows.

        Returns (rows skipped, ids of the broadcasts they belonged to)."""
        with self.transaction():
            ids = [
                r[0]
                for r in self.conn.execute(
                    "SELECT DISTINCT broadcast_id FROM outbox WHERE chat_id = ? AND state IN ('pending', 'sending') "
                    "AND broadcast_id IS NOT NULL",
                    [chat_id],
                )
            ]
            kinds = Counter(
                k
                for (k,) in self.conn.execute(
                    "UPDATE outbox SET state = 'blocked', error = ?, updated_at = ? "
                    "WHERE chat_id = ? AND state IN ('pending', 'sending') RETURNING kind",
                    [reason, self.stamp(), chat_id],
                )
            )
        self._finalised(kinds, BLOCKED)
        return kinds.total(), ids

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: its queued rows follow it to the new id (bot.stores.chat_move)."""
        with self.transaction():
            self.conn.execute(
                "UPDATE OR IGNORE outbox SET chat_id = ?, state = 'pending', due_at = '', updated_at = ? "
                "WHERE chat_id = ? AND state IN ('pending', 'sending')",
                [new_chat_id, self.stamp(), old_chat_id],
            )
            # Rows the new id already had (UNIQUE clash) are duplicates: drop the old copies from the queue.
            self.conn.execute(
                "UPDATE outbox SET state = 'blocked', error = 'migrated (duplicate)', updated_at = ? "
                "WHERE chat_id = ? AND state IN ('pending', 'sending')",
                [self.stamp(), old_chat_id],
            )

    # --- breaking broadcast reports -------------------------------------------------------------

    def finish_broadcast(self, broadcast_id: int) -> BroadcastReport | None:
        """If every row of the broadcast is final and it was not reported yet: mark it reported,
        queue the admin's report message (same transaction) and return the counts."""
        # Called after every final row of a broadcast: "any row still open?" stops at the first one
        # (a count walked all open rows each time, quadratic over a 20,000-chat push), and needs no
        # write lock; the check is repeated inside the transaction.
        if self._has_open_rows(broadcast_id):
            return None
        with self.transaction():
            if self._has_open_rows(broadcast_id):
                return None
            cur = self.conn.execute(
                "UPDATE broadcasts SET reported_at = ? WHERE id = ? AND reported_at IS NULL",
                [self.stamp(), broadcast_id],
            )
            if cur.rowcount == 0:
                return None
            item_key, admin, title = self.conn.execute(
                "SELECT item_key, admin_chat_id, title FROM broadcasts WHERE id = ?", [broadcast_id]
            ).fetchone()
            counts = dict(
                self.conn.execute(
                    "SELECT state, count(*) FROM outbox WHERE broadcast_id = ? GROUP BY state", [broadcast_id]
                ).fetchall()
            )
            report = BroadcastReport(
                broadcast_id, item_key, admin, counts.get(SENT, 0), counts.get(FAILED, 0), counts.get(BLOCKED, 0), title
            )
            if admin is not None:
                total = report.sent + report.failed + report.blocked
                now = self.stamp()
                self.conn.execute(
                    """INSERT OR IGNORE INTO outbox(chat_id, kind, ref, part, priority, html, created_at, updated_at)
                       VALUES (?, 'report', ?, 0, ?, ?, ?, ?)""",
                    [
                        admin,
                        f"{broadcast_id}:{total}",
                        PRIORITY["report"],
                        self.in_scripts.parts(admin, [_report_html(report)])[0],
                        now,
                        now,
                    ],
                )
        return report

    def pushes_of(self, item_key: str) -> list[PushRecord]:
        """Every broadcast of ``item_key``: the first under the key itself, repeats as ``key#2``, ``key#3``…"""
        rows = self.conn.execute(
            """SELECT b.id, b.item_key, b.created_at,
                      (SELECT count(*) FROM outbox o WHERE o.broadcast_id = b.id AND o.state = 'sent')
               FROM broadcasts b WHERE b.item_key = ? OR substr(b.item_key, 1, ?) = ? ORDER BY b.id""",
            [item_key, len(item_key) + 1, item_key + "#"],
        ).fetchall()
        return [PushRecord(r[0], r[1], datetime.fromisoformat(r[2]), r[3]) for r in rows]

    def _has_open_rows(self, broadcast_id: int) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM outbox WHERE broadcast_id = ? AND state IN ('pending', 'sending') LIMIT 1", [broadcast_id]
        ).fetchone()
        return row is not None

    def open_broadcasts(self) -> list[int]:
        rows = self.conn.execute("SELECT id FROM broadcasts WHERE reported_at IS NULL ORDER BY id").fetchall()
        return [r[0] for r in rows]

    # --- numbers --------------------------------------------------------------------------------

    def stats_today(self, tz: ZoneInfo, *, now: datetime | None = None) -> dict[str, int]:
        """Deliveries to readers (:data:`DELIVERY_KINDS`) sent / failed / blocked since local midnight
        in ``tz``, and still pending (any day)."""
        now = now or self.clock()
        local = now.astimezone(tz)
        start = _iso(day_window(local.date(), tz)[0])
        # A final row's updated_at is when it became final (sent_at too, for a sent one): a range of
        # the partial index on final rows, not a walk over every row ever sent.
        finals = dict(
            self.conn.execute(
                "SELECT state, count(*) FROM outbox INDEXED BY outbox_final "
                f"WHERE state IN ('sent', 'failed', 'blocked') AND updated_at >= ? AND {_KINDS_SQL} GROUP BY state",
                [start],
            ).fetchall()
        )
        pending = self.conn.execute(
            f"SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending') AND {_KINDS_SQL}"
        ).fetchone()[0]
        return {
            "sent": finals.get(SENT, 0),
            "failed": finals.get(FAILED, 0),
            "blocked": finals.get(BLOCKED, 0),
            "pending": pending,
        }

    def counts(self) -> dict[str, int]:
        """Rows per state (all time), for tests, benchmarks and logs."""
        return dict(self.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())


def _report_html(report: BroadcastReport) -> str:
    return admin_texts.broadcast_report(report.broadcast_id, report.title, report.sent, report.failed, report.blocked)


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("expected a timezone-aware datetime")
    return iso(moment)
