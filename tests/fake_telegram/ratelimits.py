"""Telegram's send limits as sliding windows, answered with 429 and a whole-second retry_after."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from tests.fake_telegram.errors import make_error


@dataclass(frozen=True)
class RateLimits:
    """Sliding-window limits as (max sends, window seconds); None disables one.  Defaults follow
    Telegram's FAQ.  sendMessage and message edits count (an edit is a message to the chat too).
    `scale` > 1 compresses time (windows are divided by it) for fast benchmarks; retry_after
    stays a whole number of seconds >= 1, as Telegram sends it."""

    overall: tuple[int, float] | None = (30, 1.0)
    private_chat: tuple[int, float] | None = (1, 1.0)
    group_chat: tuple[int, float] | None = (20, 60.0)
    # Sends with allow_paid_broadcast: the overall limit rises to this (every send counts in it);
    # sends without it still meet `overall`, counting paid ones too.
    paid_overall: tuple[int, float] | None = (1000, 1.0)
    scale: float = 1.0


class RateLimiter:
    """Enforces RateLimits (None: no limits); callers hold the server's lock."""

    def __init__(self, limits: RateLimits | None) -> None:
        self.limits = limits
        self.refused = 0  # 429s answered (not injected ones)
        self._windows: dict[Any, deque[float]] = {}

    def reset(self, limits: RateLimits | None) -> None:
        self.limits = limits
        self._windows.clear()

    def check(self, chat_id: int, private: bool, *, paid: bool = False) -> None:
        """Count one send to chat_id, or raise the 429 Telegram would answer."""
        limits = self.limits
        if limits is None:
            return
        now = time.monotonic()
        scale = limits.scale or 1.0
        checks: list[tuple[Any, tuple[int, float]]] = []
        overall = limits.paid_overall if paid else limits.overall
        if overall:
            checks.append(("overall", overall))
        per_chat = limits.private_chat if private else limits.group_chat
        if per_chat:
            checks.append((chat_id, per_chat))
        wait = 0.0
        for key, (max_count, window) in checks:
            window = window / scale
            stamps = self._windows.setdefault(key, deque())
            while stamps and stamps[0] <= now - window:
                stamps.popleft()
            if len(stamps) >= max_count:
                wait = max(wait, stamps[len(stamps) - max_count] + window - now)
        if wait > 0:
            self.refused += 1
            raise make_error("retry_after", retry_after=max(1, math.ceil(wait)))
        for key, _ in checks:
            self._windows[key].append(now)
