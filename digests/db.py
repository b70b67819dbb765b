"""Opening the SQLite file and writing to it atomically (used by every module that owns tables)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

SYNCHRONOUS = "FULL"  # README "Delivery guarantees" has what it costs
BUSY_SECONDS = 30.0  # how long a write waits for another process's lock (CLI, ingest, worker threads)


def connect(path: str | Path, *, busy_seconds: float = BUSY_SECONDS) -> sqlite_utils.Database:
    """Open (creating if needed) the database file with the settings newsbot relies on.

    ``busy_seconds``: how long a statement waits for another connection's write lock before
    "database is locked". The bot's event-loop connection waits far less (bot.application): a wait there
    stops every chat, so it gives up quickly and the user is told to try again."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=busy_seconds, check_same_thread=False, isolation_level=None)
    db = sqlite_utils.Database(conn)
    # WAL lets the bot read while an ingest writes. FULL syncs the WAL at every commit: what the bot
    # has told someone is done (a queued push, a subscription, an ingested article) survives a
    # crash of the machine, not only of the process (NORMAL lost the last commits on power loss).
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
    db.execute("PRAGMA foreign_keys=ON")
    return db


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One atomic write on an autocommit connection; an inner ``with`` joins the outer one."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def is_locked(exc: BaseException) -> bool:
    """Another connection holds the write lock (SQLITE_BUSY / SQLITE_LOCKED): try again later."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


def file_bytes(path: Path) -> int:
    """The database's size on disk: the file and its write-ahead log (0 for what is missing)."""
    total = 0
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            total += part.stat().st_size
        except OSError:
            pass
    return total
