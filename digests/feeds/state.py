"""The ``sources`` table, its one owner: which feeds are polled and how each one is doing.

Sources come from the config file (``origin = 'config'``, synced at every start and fetch) or
from ``/source add`` (``origin = 'chat'``, kept until ``/source remove``). Each row keeps its
conditional-GET validators, when it is next due, its run of failures and its last error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from digests.config_values import FeedSource
from digests.db import transaction

_COLUMNS = (
    "url, name, category, interval_minutes, full_text, origin, added_by, etag, last_modified, last_attempt, "
    "last_success, next_due, failures, last_error, error_kind, items, stored, note"
)


@dataclass(frozen=True)
class SourceRow:
    url: str
    name: str
    category: str
    interval_minutes: float | None
    full_text: bool
    origin: str  # config or chat
    added_by: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: str | None = None
    last_success: str | None = None
    next_due: str | None = None
    failures: int = 0
    last_error: str | None = None
    error_kind: str | None = None
    items: int = 0  # entries in the last feed read
    stored: int = 0  # articles this source stored new, all time
    note: str | None = None  # what a limit cut (entries, megabytes)

    @property
    def label(self) -> str:
        """How lists, logs and metrics name it: its name, else its host and path."""
        return self.name or source_label(self.url)


@dataclass(frozen=True)
class Success:
    etag: str | None
    last_modified: str | None
    items: int | None  # None: unchanged (304), keep the count
    stored: int
    note: str | None


class SourceTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def all(self) -> list[SourceRow]:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM sources ORDER BY category, name, url").fetchall()
        return [_row(r) for r in rows]

    def get(self, url: str) -> SourceRow | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM sources WHERE url = ?", [url]).fetchone()
        return _row(row) if row else None

    def find(self, what: str) -> SourceRow | None:
        """By URL, else by name (what /source remove is given)."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM sources WHERE url = ? OR name = ? ORDER BY url = ? DESC LIMIT 1",
            [what, what, what],
        ).fetchone()
        return _row(row) if row else None

    def due(self, now: datetime) -> list[SourceRow]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM sources WHERE next_due IS NULL OR next_due <= ? ORDER BY next_due, url",
            [now.isoformat(timespec="seconds")],
        ).fetchall()
        return [_row(r) for r in rows]

    def sync_config(self, feeds: Iterable[FeedSource], now: datetime) -> None:
        """The config file's feeds become (or stay) config rows; config rows it no longer lists go."""
        feeds = list(feeds)
        with transaction(self.conn):
            for f in feeds:
                self.conn.execute(
                    """INSERT INTO sources (url, name, category, interval_minutes, full_text, origin, created_at)
                       VALUES (?, ?, ?, ?, ?, 'config', ?)
                       ON CONFLICT(url) DO UPDATE SET name = excluded.name, category = excluded.category,
                           interval_minutes = excluded.interval_minutes, full_text = excluded.full_text,
                           origin = 'config'""",
                    [
                        f.url,
                        f.name,
                        f.category,
                        f.interval_minutes,
                        int(f.full_text),
                        now.isoformat(timespec="seconds"),
                    ],
                )
            marks = ",".join("?" * len(feeds))
            self.conn.execute(
                f"DELETE FROM sources WHERE origin = 'config' AND url NOT IN ({marks})", [f.url for f in feeds]
            )

    def add(
        self, url: str, category: str, name: str, *, added_by: int | None, now: datetime, full_text: bool = False
    ) -> bool:
        """A source added in chat; False if that URL is already a source."""
        cur = self.conn.execute(
            """INSERT OR IGNORE INTO sources (url, name, category, full_text, origin, added_by, created_at)
               VALUES (?, ?, ?, ?, 'chat', ?, ?)""",
            [url, name, category, int(full_text), added_by, now.isoformat(timespec="seconds")],
        )
        return cur.rowcount == 1

    def remove(self, url: str) -> bool:
        return self.conn.execute("DELETE FROM sources WHERE url = ? AND origin = 'chat'", [url]).rowcount == 1

    def record_success(self, url: str, result: Success, *, now: datetime, next_due: datetime) -> None:
        at = now.isoformat(timespec="seconds")
        self.conn.execute(
            """UPDATE sources SET etag = ?, last_modified = ?, last_attempt = ?, last_success = ?, next_due = ?,
                   failures = 0, last_error = NULL, error_kind = NULL, items = COALESCE(?, items),
                   stored = stored + ?, note = CASE WHEN ? IS NULL THEN note ELSE ? END
               WHERE url = ?""",
            [
                result.etag,
                result.last_modified,
                at,
                at,
                next_due.isoformat(timespec="seconds"),
                result.items,
                result.stored,
                result.items,
                result.note,
                url,
            ],
        )

    def record_failure(self, url: str, *, kind: str, error: str, now: datetime, next_due: datetime) -> None:
        self.conn.execute(
            """UPDATE sources SET last_attempt = ?, next_due = ?, failures = failures + 1, last_error = ?,
                   error_kind = ? WHERE url = ?""",
            [now.isoformat(timespec="seconds"), next_due.isoformat(timespec="seconds"), error[:500], kind, url],
        )


def source_label(url: str) -> str:
    parts = urlsplit(url)
    return ((parts.hostname or "") + parts.path)[:80] or url[:80]


def _row(r: tuple) -> SourceRow:
    return SourceRow(
        url=r[0],
        name=r[1],
        category=r[2],
        interval_minutes=r[3],
        full_text=bool(r[4]),
        origin=r[5],
        added_by=r[6],
        etag=r[7],
        last_modified=r[8],
        last_attempt=r[9],
        last_success=r[10],
        next_due=r[11],
        failures=r[12],
        last_error=r[13],
        error_kind=r[14],
        items=r[15],
        stored=r[16],
        note=r[17],
    )
