"""A group upgraded to a supergroup has a new chat id: everything the chat owns moves with it.

The bot learns of an upgrade two ways — the service message in the group (bot.membership) and a
send answered "group chat was upgraded" (bot.delivery.sender) — and both call :func:`move_chat`, so
neither can forget a table. Each owner moves its own rows; this runs them all in one transaction.
"""

from __future__ import annotations

import sqlite_utils

from bot.stores.channel_bindings import ChannelStore
from bot.stores.chats import ChatStore
from bot.stores.digest_log import DigestLog
from bot.stores.lookups import Lookups
from bot.stores.outbox import Outbox
from bot.stores.watchlist import Watchlist
from digests.clock import Clock
from digests.db import transaction


def move_chat(db: sqlite_utils.Database, old_chat_id: int, new_chat_id: int, *, clock: Clock) -> None:
    """The chat, its subscriptions, watches, mutes, alert log, queued messages, digest log, channel
    binding and button payloads move from ``old_chat_id`` to ``new_chat_id``, all or none."""
    with transaction(db.conn):
        chats = ChatStore(db, clock=clock)
        chats.migrate(old_chat_id, new_chat_id)
        Watchlist(db, clock=clock).migrate(old_chat_id, new_chat_id)
        Outbox(db, clock=clock).migrate_chat(old_chat_id, new_chat_id)
        DigestLog(db).migrate(old_chat_id, new_chat_id)
        ChannelStore(db, chats).migrate(old_chat_id, new_chat_id)
        Lookups(db, clock=clock).migrate(old_chat_id, new_chat_id)
