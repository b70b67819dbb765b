"""The one source of "now": every component takes a ``Clock`` and tests pass a fixed or moving one.

Only :func:`utc_now` and :func:`epoch_now` read the system clock; nothing else calls ``datetime.now``
or ``time.time`` (``time.monotonic`` measures elapsed time for rate limits and timeouts, not dates).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def epoch_now() -> float:
    """Seconds since the epoch: Telegram's message dates and the signed sign-in links count in them."""
    return time.time()


def stamp(clock: Clock, timespec: str = "seconds") -> str:
    """``clock``'s now as the ISO text the database keeps (UTC, ``+00:00``)."""
    return clock().isoformat(timespec=timespec)


def fixed(at: datetime) -> Clock:
    """A clock that always says ``at`` (tests)."""
    return lambda: at
