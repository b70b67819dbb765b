"""The one source of "now": every component takes a ``Clock``; the running bot hands all of them its own
(``Services.clock``), and tests hand it a clock they move.

Only :func:`utc_now` reads the system clock; nothing else calls ``datetime.now`` or ``time.time``
(``time.monotonic`` measures elapsed time for rate limits and timeouts, not dates). Times are kept
in the database as ISO text in UTC (:func:`stamp`); epoch seconds, where a format wants them
(Telegram's message dates, signed links), are ``clock().timestamp()``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]

# The zone the news is written in: a report's 26日 is this zone's day. Chats that chose no zone read
# their digests in it, and callers that know the reader's zone pass that instead.
NEWS_ZONE = ZoneInfo("Asia/Shanghai")


def utc_now() -> datetime:
    return datetime.now(UTC)


def running_from(at: datetime) -> Clock:
    """A clock that says ``at`` now and runs on from there: another process's copy of a caller's clock."""
    start = time.monotonic()
    return lambda: at + timedelta(seconds=time.monotonic() - start)


def stamp(clock: Clock, timespec: str = "seconds") -> str:
    """``clock``'s now as the ISO text the database keeps (UTC, ``+00:00``)."""
    return iso(clock(), timespec)


def iso(at: datetime, timespec: str = "seconds") -> str:
    """``at`` as the database keeps times: ISO text in UTC, so that text order is time order."""
    return at.astimezone(UTC).isoformat(timespec=timespec)
