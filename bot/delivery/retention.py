"""Bounded growth: what the bot only needs for a while is deleted after ``[retention]`` days.

Per table (digests.config.RetentionConfig):

* ``outbox``: final rows (sent, failed, blocked) by when they became final — never a row still
  pending or being sent. A breaking push's rows go with their broadcast instead, so "pushed
  before, N got it" stays true for as long as the push is remembered;
* ``broadcasts``: pushes reported finished, with their rows;
* ``alerted``: which article a chat was alerted to (new alerts only look at newly stored ones);
* ``digest_log``: where a (chat, category)'s last digest ended; a subscribed chat's row moves
  every day, so an old one belongs to a chat that left or unsubscribed;
* ``ingest_runs``: the run log, always keeping the latest run (/healthz's "last ingest").

Deletes go in batches of ``BATCH`` rows, each its own short transaction, so a big first prune
never holds the write lock for long. Runs in the delivery side's database thread
(bot.delivery.worker), once an hour.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot.stores.digest_log import DigestLog
from digests.config import RetentionConfig
from digests.db import transaction

log = logging.getLogger(__name__)

BATCH = 5000


def prune(conn: sqlite3.Connection, config: RetentionConfig, now: datetime) -> dict[str, int]:
    """Delete what is past its retention at ``now``; returns rows deleted per table."""
    deleted: dict[str, int] = {}

    def cutoff(days: float) -> str | None:
        return None if days <= 0 else (now - timedelta(days=days)).astimezone(UTC).isoformat(timespec="seconds")

    if (at := cutoff(config.outbox_days)) is not None:
        deleted["outbox"] = _in_batches(
            conn,
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox INDEXED BY outbox_final "
            "WHERE state IN ('sent', 'failed', 'blocked') AND updated_at < ? AND broadcast_id IS NULL LIMIT ?)",
            at,
        )
    if (at := cutoff(config.broadcasts_days)) is not None:
        deleted["broadcasts"] = _prune_broadcasts(conn, at)
    if (at := cutoff(config.alerted_days)) is not None:
        deleted["alerted"] = _in_batches(
            conn,
            "DELETE FROM alerted WHERE (chat_id, article_id) IN "
            "(SELECT chat_id, article_id FROM alerted INDEXED BY alerted_created WHERE created_at < ? LIMIT ?)",
            at,
        )
    if config.digest_log_days > 0:
        before = (now - timedelta(days=config.digest_log_days)).date()
        deleted["digest_log"] = DigestLog(sqlite_utils.Database(conn)).prune(before)
    if (at := cutoff(config.ingest_runs_days)) is not None:
        deleted["ingest_runs"] = _in_batches(
            conn,
            "DELETE FROM ingest_runs WHERE id IN (SELECT id FROM ingest_runs WHERE finished_at < ? "
            "AND id < (SELECT max(id) FROM ingest_runs) LIMIT ?)",
            at,
        )
    if any(deleted.values()):
        log.info("retention: deleted %s", ", ".join(f"{n} {table}" for table, n in deleted.items() if n))
    return deleted


def _in_batches(conn: sqlite3.Connection, sql: str, cutoff: str) -> int:
    total = 0
    while True:
        with transaction(conn):
            count = conn.execute(sql, [cutoff, BATCH]).rowcount
        total += count
        if count < BATCH:
            return total


def _prune_broadcasts(conn: sqlite3.Connection, cutoff: str) -> int:
    """Reported broadcasts older than ``cutoff``, their (all final) rows first."""
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM broadcasts WHERE reported_at IS NOT NULL AND reported_at < ? ORDER BY id", [cutoff]
        )
    ]
    for broadcast_id in ids:
        while True:
            with transaction(conn):
                count = conn.execute(
                    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE broadcast_id = ? "
                    "AND state IN ('sent', 'failed', 'blocked') LIMIT ?)",
                    [broadcast_id, BATCH],
                ).rowcount
            if count < BATCH:
                break
        with transaction(conn):
            # Only once nothing of it is left (a row re-queued meanwhile keeps its broadcast).
            conn.execute(
                "DELETE FROM broadcasts WHERE id = ? AND NOT EXISTS (SELECT 1 FROM outbox WHERE broadcast_id = ?)",
                [broadcast_id, broadcast_id],
            )
    return len(ids)
