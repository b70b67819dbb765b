"""python-telegram-bot's rate limiter, drawing from the one :class:`~bot.delivery.budget.SendBudget`.

Every call a handler makes (replies, edits, callback answers, getChatMember…) waits for its
turn in the budget the outbox sender shares, at interactive priority.  A 429 that still comes
holds that chat only (other chats' replies go on) and the call is tried again once the wait is
over, up to ``max_retries`` times; any other error is the caller's, as PTB requires.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.delivery.budget import INTERACTIVE, ChatKey, SendBudget
from bot.stores.chats import is_group

log = logging.getLogger(__name__)

# Calls that put a message into a chat count against that chat's limit too; the rest only overall.
_CHAT_COUNTED = ("send", "edit", "copy", "forward")
_NOT_CHAT_COUNTED = frozenset({"sendchataction"})


class BudgetRateLimiter(BaseRateLimiter[int]):
    """``rate_limit_args`` may give a priority (:data:`~bot.delivery.budget.OUTBOX` for bulk calls)."""

    def __init__(self, budget: SendBudget, *, max_retries: int = 3) -> None:
        self.budget = budget
        self.max_retries = max_retries

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat = chat_counted(endpoint, data)
        group = isinstance(chat, str) or (chat is not None and is_group(None, chat))
        priority = INTERACTIVE if rate_limit_args is None else rate_limit_args
        attempt = 0
        while True:
            permit = await self.budget.acquire(chat, group=group, priority=priority)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                attempt += 1
                wait = retry_after_seconds(exc)
                if attempt > self.max_retries:
                    raise
                log.info("429 on %s for chat %s: waiting %.1fs (attempt %d)", endpoint, chat, wait, attempt)
                if chat is None:
                    await asyncio.sleep(wait)
                else:
                    self.budget.hold(chat, wait)  # the next acquire waits for this chat only
            finally:
                permit.release()


def chat_counted(endpoint: str, data: dict[str, Any]) -> ChatKey | None:
    """The chat whose limit this call counts against (None: only the overall limit)."""
    name = endpoint.lower()
    if not name.startswith(_CHAT_COUNTED) or name in _NOT_CHAT_COUNTED:
        return None
    raw = data.get("chat_id")
    if raw is None:
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        return str(raw)


def retry_after_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22.2+ warns that the type becomes timedelta; accept both.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
