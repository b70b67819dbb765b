"""When a source is polled next: its interval with jitter, or a backoff after a failure.

Pure functions of ``now`` and a random source the caller owns (tests pass a seeded one), so
tests move the clock instead of sleeping.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

JITTER = 0.1  # ±10%: sources added together drift apart instead of polling in lockstep
FIRST_RETRY = 60.0  # seconds after a first failure; doubles per failure
MAX_BACKOFF = 6 * 3600.0
MAX_RETRY_AFTER = 24 * 3600.0  # a server's Retry-After is honoured up to a day


def jittered(seconds: float, rng: random.Random) -> timedelta:
    return timedelta(seconds=seconds * (1 + rng.uniform(-JITTER, JITTER)))


def next_poll(now: datetime, interval_minutes: float, rng: random.Random) -> datetime:
    return now + jittered(interval_minutes * 60, rng)


def backoff(now: datetime, failures: int, rng: random.Random, *, retry_after: str | None = None) -> datetime:
    """After the ``failures``-th failure in a row: 1, 2, 4 … minutes up to 6 hours, and never
    sooner than the server's Retry-After."""
    delay = min(FIRST_RETRY * 2 ** max(0, failures - 1), MAX_BACKOFF)
    asked = retry_after_seconds(retry_after, now)
    wait = jittered(delay, rng)
    if asked is not None:
        wait = max(wait, timedelta(seconds=min(asked, MAX_RETRY_AFTER)))
    return now + wait


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value[:9])
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())
