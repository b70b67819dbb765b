"""Updates of different chats are handled at the same time; one chat's, one after another.

python-telegram-bot handles updates one at a time by default, so one chat flooding the bot
(or one reply waiting out a 429) kept every other chat waiting.  With this processor
(``ApplicationBuilder.concurrent_updates``) each update runs as soon as it arrives, except
that an update waits for the earlier updates of its own chat: answers in a chat keep the
order of the questions, and a settings change is never raced by the next command.

Telegram re-sends an update it got no timely answer for (a webhook request that timed out while
the database was locked), and one button press was applied three times. Every update passes
through this processor in both modes, so it drops an ``update_id`` it has seen among the last
``RECENT_UPDATES`` (update ids only grow, so a bounded window is enough).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections import OrderedDict
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

RECENT_UPDATES = 10_000  # update ids remembered against redelivery
# Updates running at once (the budget, not this number, limits what goes out).
MAX_CONCURRENT_UPDATES = 1024
# The base class takes its slot before do_process_update: an update waiting for its chat must not
# hold one, or a chat with many queued updates would hold up every other chat. So its bound is
# out of reach, and the real one is taken inside the chat's turn.
_UNBOUNDED = 2**31 - 1


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(_UNBOUNDED)
        self._running = asyncio.Semaphore(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}  # chat → (its lock, updates holding or waiting)
        self._recent = RecentIds(RECENT_UPDATES)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(update, Update) and not self._recent.first_time(update.update_id):
            log.info("update %d arrived again (a redelivery); handled once already", update.update_id)
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # never run: no "coroutine was never awaited" warning
            return
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            # asyncio.Lock is FIFO and updates arrive here in order, so a chat's updates keep it.
            async with lock, self._running:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def chat_key(update: object) -> int | None:
    """The chat an update belongs to (its user for chat-less updates; None: no order to keep)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class RecentIds:
    """The last ``size`` ids seen, oldest forgotten first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._ids: OrderedDict[int, None] = OrderedDict()

    def first_time(self, update_id: int) -> bool:
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True
