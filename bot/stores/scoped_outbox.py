"""The outbox as the console's sender sees it: only its own chat's rows.

`newsbot chat` (or `newsbot run` without a token) may be opened on the database of a live bot.
Its sender "sends" into the terminal, so it must never see, claim, recover or finish a row
addressed to anyone else: a reader's queued push would be printed in the console, marked sent,
and reported to the admin as delivered. Every query the sender starts from is narrowed to the
console's chat; the rest (mark, retry, block) only ever follows a row it claimed.
"""

from __future__ import annotations

import sqlite_utils

from bot.stores.in_scripts import Scripts
from bot.stores.outbox import Outbox
from digests.clock import Clock


class ScopedOutbox(Outbox):
    def __init__(
        self, db: sqlite_utils.Database, chat_id: int, *, clock: Clock, scripts: Scripts | None = None
    ) -> None:
        super().__init__(db, clock=clock, scripts=scripts)
        self.chat_id = self.only_chat = chat_id  # due, recover, open_count, next_retry_at narrow to it

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
