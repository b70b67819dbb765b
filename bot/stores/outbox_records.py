"""Records the outbox hands out: a queued row, a finished broadcast's counts, an earlier push."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.stores.chats import is_group


@dataclass(frozen=True)
class OutboxRow:
    id: int
    chat_id: int
    kind: str  # "breaking", "digest", "alert" or "report"
    ref: str
    part: int
    html: str
    attempts: int
    broadcast_id: int | None
    chat_type: str | None  # None when the chat is not in the chats table (e.g. an admin)
    chat_active: bool | None = None  # None: not in the chats table (treated as active)

    @property
    def is_group(self) -> bool:
        return is_group(self.chat_type, self.chat_id)


@dataclass(frozen=True)
class BroadcastReport:
    broadcast_id: int
    item_key: str
    admin_chat_id: int | None
    sent: int
    failed: int
    blocked: int
    title: str | None = None  # what was pushed; None for broadcasts queued before titles were kept


@dataclass(frozen=True)
class PushRecord:
    """One earlier broadcast of an item (its first push, or a repeat the admin confirmed)."""

    broadcast_id: int
    item_key: str
    created_at: datetime  # UTC
    sent: int
