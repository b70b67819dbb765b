"""What the outbox sender reports about itself: counters and a health snapshot.

``Sender.health`` returns a :class:`SenderHealth`; /stats shows it, and a /healthz or
/metrics endpoint can read it without touching the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from digests.clock import Clock

log = logging.getLogger("bot.delivery.sender")  # these lines are the sender's own log

_MAX_PASS_BACKOFF = 5.0  # a failing pass (database locked, disk full) is retried at least this often


@dataclass
class SenderStats:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    rate_limited: int = 0  # 429 answers received
    retries: int = 0  # timeouts / 5xx retried later
    migrated: int = 0
    recovered: int = 0  # rows found 'sending' at start-up (resent)


@dataclass(frozen=True)
class SenderHealth:
    """A snapshot of the sender for /stats, /healthz and /metrics (``Sender.health``)."""

    running: bool
    started_at: datetime | None
    last_pass_at: datetime | None  # the last pass that read and wrote the database without error
    last_sent_at: datetime | None
    backlog: int | None  # rows pending or being sent when last counted (None: not counted yet)
    unsettled: int  # sends whose outcome waits for the database to be writable
    errors: int  # failed passes since start (database locked, disk full, …)
    consecutive_errors: int  # > 0: failing right now
    last_error: str | None
    last_error_at: datetime | None
    paused_until: datetime | None  # sends paused after a timeout / server error (Bot API outage)
    stats: SenderStats

    @property
    def ok(self) -> bool:
        return self.running and self.consecutive_errors == 0


@dataclass
class PassRecord:
    """How the sender's passes went, on its clock: started, last worked, last sent, the failing streak."""

    clock: Clock
    started_at: datetime | None = None
    last_pass_at: datetime | None = None  # the last pass that read and wrote the database without error
    last_sent_at: datetime | None = None
    errors: int = 0
    consecutive: int = 0
    last_error: str | None = None
    last_error_at: datetime | None = None

    def passed(self) -> None:
        if self.consecutive:
            log.warning("outbox sender works again after %d failed pass(es)", self.consecutive)
            self.consecutive = 0
        self.last_pass_at = self.clock()

    def failed(self, exc: Exception) -> float:
        """Log a failing pass once per distinct error; returns the backoff before the next try."""
        error = f"{type(exc).__name__}: {exc}"
        self.errors += 1
        self.consecutive += 1
        if error != self.last_error or self.consecutive == 1:
            # Database errors explain themselves; anything else is a bug worth its traceback.
            known = exc.__class__.__module__ == "sqlite3"
            log.error("outbox sender: %s; retrying with backoff until it clears", error, exc_info=not known)
        self.last_error = error
        self.last_error_at = self.clock()
        return min(_MAX_PASS_BACKOFF, 0.1 * 2 ** (self.consecutive - 1))
