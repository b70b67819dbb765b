"""/healthz: is the bot able to do its job? 200 with a small JSON, 503 when it is not.

Unhealthy means: the database cannot be read (checked on a fresh read-only connection, so a
vanished or unreadable file shows even while the bot's own connection still has it open), or
the sender has stalled — messages are due but nothing reached a final state for
``STALL_SECONDS``, or the sender task is not running while messages wait.

``database_locked``: another connection holds the write lock right now (probed without waiting).
Readers are still answered and writes are refused with "try again" (bot.fallbacks), so a lock is
not unhealthy at once (an ingest holds it briefly); one that lasts ``STALL_SECONDS`` is.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from bot.delivery.service import Delivery
from bot.state import Services
from bot.stores.outbox import Outbox
from bot.web.source_metrics import source_health
from digests import ingest_log
from digests.db import is_locked

STALL_SECONDS = 60.0


class SenderWatch:
    """When did the sender last finish a message? (an Outbox.on_final observer)"""

    def __init__(self, services: Services, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_progress = clock()  # start-up counts as progress: a fresh bot is not stalled
        self.locked_since: float | None = None  # first probe that found the write lock taken
        services.outbox.on_final.append(self._on_final)

    def _on_final(self, kind: str, state: str, rows: int) -> None:
        self.last_progress = self.clock()

    def quiet_for(self) -> float:
        return self.clock() - self.last_progress

    def locked_for(self, locked: bool) -> float:
        """Record this probe; how long the lock has been seen held (0 when free)."""
        if not locked:
            self.locked_since = None
            return 0.0
        if self.locked_since is None:
            self.locked_since = self.clock()
        return self.clock() - self.locked_since


@dataclass(frozen=True)
class Health:
    database: bool
    last_ingest_age_seconds: float | None
    outbox_backlog: int | None
    due_now: int | None
    sender: str  # running | idle | stalled | stopped | off
    sender_detail: dict[str, Any] | None = None
    database_locked: bool = False
    locked_seconds: float = 0.0
    sources: dict[str, Any] | None = None  # feed sources: count, failing, stalest success

    @property
    def ok(self) -> bool:
        return self.database and self.sender != "stalled" and self.locked_seconds < STALL_SECONDS

    def as_json(self) -> dict[str, Any]:
        body = {"ok": self.ok, **dataclasses.asdict(self)}
        if body["last_ingest_age_seconds"] is not None:
            body["last_ingest_age_seconds"] = round(body["last_ingest_age_seconds"], 1)
        return body


def check(services: Services, delivery: Delivery | None, watch: SenderWatch) -> Health:
    try:
        with _read_only(services) as conn:
            outbox = Outbox(sqlite_utils.Database(conn), clock=services.clock)  # the owner's queries, this reader
            backlog, due = outbox.open_count(), outbox.due_count()
            last = ingest_log.last_run(conn)
    except sqlite3.Error:
        return Health(False, None, None, None, _sender_state(delivery, watch, due=0))
    age = (services.store.clock() - last.finished_at).total_seconds() if last else None
    locked = _write_locked(services)
    return Health(
        True,
        age,
        backlog,
        due,
        _sender_state(delivery, watch, due=due),
        _sender_detail(delivery),
        database_locked=locked,
        locked_seconds=round(watch.locked_for(locked), 1),
        sources=source_health(services),
    )


def _write_locked(services: Services) -> bool:
    """Does another connection hold the write lock? Asked without waiting, and let go at once."""
    path = services.store.database_file()
    if path is None or not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.Error as exc:
        return is_locked(exc)
    finally:
        conn.close()


def _sender_state(delivery: Delivery | None, watch: SenderWatch, *, due: int) -> str:
    if delivery is None:
        return "off"  # this process does not send (the outbox waits for one that does)
    if not delivery.running:
        return "stalled" if due else "stopped"
    if not due:
        return "idle"
    return "stalled" if watch.quiet_for() > STALL_SECONDS else "running"


def _sender_detail(delivery: Delivery | None) -> dict[str, Any] | None:
    sender = delivery.sender if delivery is not None else None
    if sender is None:
        return None
    # The sender's own health snapshot, its counters (sent, failed, 429s, …) flattened beside it.
    detail = dataclasses.asdict(sender.health)
    detail.update(detail.pop("stats"))
    return {k: _plain(v) for k, v in detail.items()}


def _plain(value: Any) -> Any:
    return value if isinstance(value, int | float | str | bool | type(None)) else str(value)


@contextmanager
def _read_only(services: Services) -> Iterator[sqlite3.Connection]:
    """A fresh read-only connection to the database file (the shared one for an in-memory store)."""
    path = services.store.database_file()
    if path is None:
        yield services.store.db.conn
        return
    if not path.exists():
        raise sqlite3.OperationalError(f"{path} is missing")
    # as_uri() percent-escapes the path: a folder named "a#b", "a?b" or "100%" is a path, not a
    # fragment, a query or an escape of the URI.
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        yield conn
    finally:
        conn.close()
