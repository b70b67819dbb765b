"""The outbox as the console's sender sees it: only its own chat's rows.

`newsbot chat` (or `newsbot run` without a token) may be opened on the database of a live bot.
Its sender "sends" into the terminal, so it must never see, claim, recover or finish a row
addressed to anyone else: a reader's queued push would be printed in the console, marked sent,
and reported to the admin as delivered. Every query the sender starts from is narrowed to the
console's chat; the rest (mark, retry, block) only ever follows a row it claimed.
"""

from __future__ import annotations

import sqlite_utils

from bot.delivery.outbox import Outbox
from bot.delivery.records import OutboxRow


class ScopedOutbox(Outbox):
    def __init__(self, db: sqlite_utils.Database, chat_id: int) -> None:
        super().__init__(db)
        self.chat_id = chat_id

    def recover_in_flight(self) -> int:
        cur = self.conn.execute(
            "UPDATE outbox SET state = 'pending', updated_at = ? WHERE state = 'sending' AND chat_id = ?",
            [self.stamp(), self.chat_id],
        )
        return cur.rowcount

    def due(self, limit: int, now: float | None = None) -> list[OutboxRow]:
        now = self.epoch() if now is None else now
        rows = self.conn.execute(
            """SELECT o.id, o.chat_id, o.kind, o.ref, o.part, o.html, o.attempts, o.broadcast_id, c.type, c.active
               FROM outbox o LEFT JOIN chats c ON c.chat_id = o.chat_id
               WHERE o.state = 'pending' AND o.not_before <= ? AND o.chat_id = ?
               ORDER BY o.priority, o.id LIMIT ?""",
            [now, self.chat_id, limit],
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
        return self.conn.execute(
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending') AND chat_id = ?", [self.chat_id]
        ).fetchone()[0]

    def next_retry_at(self) -> float | None:
        row = self.conn.execute(
            "SELECT min(not_before) FROM outbox WHERE state = 'pending' AND chat_id = ?", [self.chat_id]
        ).fetchone()
        return row[0]

    def claim(self, row_id: int, chat_id: int) -> bool:
        return chat_id == self.chat_id and super().claim(row_id, chat_id)

    def open_broadcasts(self) -> list[int]:
        # Only pushes the console's chat takes part in: finishing another's would queue its report.
        rows = self.conn.execute(
            """SELECT DISTINCT b.id FROM broadcasts b JOIN outbox o ON o.broadcast_id = b.id
               WHERE b.reported_at IS NULL AND o.chat_id = ? ORDER BY b.id""",
            [self.chat_id],
        ).fetchall()
        return [r[0] for r in rows]
