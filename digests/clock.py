"""The one source of "now": every component takes a ``Clock`` and tests pass a fixed or moving one.

Only :func:`utc_now` reads the system clock; nothing else calls ``datetime.now``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def fixed(at: datetime) -> Clock:
    """A clock that always says ``at`` (tests)."""
    return lambda: at
