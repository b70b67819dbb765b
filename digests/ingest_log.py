"""What ingest runs did: one row per run (``ingest_runs``) and the files rejected now
(``ingest_rejects``), both created by :mod:`digests.schema`.

Health checks ask for the last run's age, metrics for run and reject counts, the
dashboard for recent rejects with their reasons. A file that ingests fine later is
taken off the reject list, so it always shows what is broken now.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from digests.db import transaction


@dataclass(frozen=True)
class IngestRun:
    started_at: datetime
    finished_at: datetime
    new: int
    updated: int
    unchanged: int
    rejected: int


@dataclass(frozen=True)
class Reject:
    path: str
    reason: str
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True)
class IngestTotals:
    runs: int
    rejected: int  # files rejected, summed over all runs
    stored: int  # new + updated, summed over all runs
    rejected_now: int  # files whose latest ingest rejected them


def record_run(
    conn: sqlite3.Connection,
    *,
    started_at: datetime,
    finished_at: datetime,
    new: int,
    updated: int,
    unchanged: int,
    rejected: Iterable[tuple[str, str]],
    accepted: Iterable[str] = (),
) -> None:
    """One run, its rejects (path, reason) upserted, and the paths that ingested fine cleared."""
    rejects = list(rejected)
    finished = _iso(finished_at)
    with transaction(conn):
        conn.execute(
            "INSERT INTO ingest_runs(started_at, finished_at, new, updated, unchanged, rejected) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [_iso(started_at), finished, new, updated, unchanged, len(rejects)],
        )
        conn.executemany(
            """INSERT INTO ingest_rejects(path, reason, first_seen, last_seen) VALUES (?, ?, ?, ?)
               ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, last_seen = excluded.last_seen""",
            [(path, reason, finished, finished) for path, reason in rejects],
        )
        conn.executemany("DELETE FROM ingest_rejects WHERE path = ?", [(path,) for path in accepted])


def last_run(conn: sqlite3.Connection) -> IngestRun | None:
    row = conn.execute(
        "SELECT started_at, finished_at, new, updated, unchanged, rejected FROM ingest_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return IngestRun(datetime.fromisoformat(row[0]), datetime.fromisoformat(row[1]), *row[2:])


def recent_rejects(conn: sqlite3.Connection, limit: int = 50) -> list[Reject]:
    rows = conn.execute(
        "SELECT path, reason, first_seen, last_seen FROM ingest_rejects ORDER BY last_seen DESC, path LIMIT ?",
        [limit],
    ).fetchall()
    return [Reject(r[0], r[1], datetime.fromisoformat(r[2]), datetime.fromisoformat(r[3])) for r in rows]


def totals(conn: sqlite3.Connection) -> IngestTotals:
    runs, rejected, stored = conn.execute(
        "SELECT count(*), coalesce(sum(rejected), 0), coalesce(sum(new + updated), 0) FROM ingest_runs"
    ).fetchone()
    (rejected_now,) = conn.execute("SELECT count(*) FROM ingest_rejects").fetchone()
    return IngestTotals(runs, rejected, stored, rejected_now)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
