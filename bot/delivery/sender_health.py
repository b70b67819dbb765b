"""What the outbox sender reports about itself: counters and a health snapshot.

``Sender.health`` returns a :class:`SenderHealth`; /stats shows it, and a /healthz or
/metrics endpoint can read it without touching the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
