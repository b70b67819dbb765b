"""Bounded growth (issue 17): old alert records, final messages, finished pushes, digest windows of
chats that left and ingest runs are deleted after their ``[retention]``; the rest stays; /metrics
shows the database's size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from bot.delivery.retention import BATCH, prune
from digests.config import RetentionConfig
from digests.store import Store
from tests.helpers import CLOCK, MovingClock, WebhookHarness

NOW = datetime(2026, 12, 20, 12, 0, tzinfo=UTC)


def _at(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds")


def _outbox(conn, chat_id: int, ref: str, state: str, days_ago: float, broadcast_id: int | None = None) -> None:
    conn.execute(
        "INSERT INTO outbox(chat_id, kind, ref, part, priority, broadcast_id, html, state, created_at, updated_at) "
        "VALUES (?, ?, ?, 0, 1, ?, 'x', ?, ?, ?)",
        [chat_id, "breaking" if broadcast_id else "alert", ref, broadcast_id, state, _at(days_ago), _at(days_ago)],
    )


def _fill(conn) -> None:
    for i, (state, age) in enumerate(
        [("sent", 40), ("failed", 40), ("blocked", 40), ("sent", 5), ("pending", 400), ("sending", 400)]
    ):
        _outbox(conn, 1, f"r{i}", state, age)
    # Broadcast 1: finished 100 days ago; 2: finished 40 days ago (its rows outlive outbox_days); 3: open.
    for bid, reported in ((1, _at(100)), (2, _at(40)), (3, None)):
        conn.execute(
            "INSERT INTO broadcasts(id, item_key, admin_chat_id, created_at, reported_at) VALUES (?, ?, 42, ?, ?)",
            [bid, f"text:{bid}", _at(101), reported],
        )
        _outbox(conn, 1, f"text:{bid}", "sent" if reported else "pending", 100, broadcast_id=bid)
    for chat_id, age in ((1, 40), (2, 5)):
        conn.execute(
            "INSERT INTO alerted(chat_id, article_id, created_at) VALUES (?, 'a', ?)",
            [chat_id, (NOW - timedelta(days=age)).isoformat(timespec="microseconds")],
        )
    for chat_id, age in ((1, 100), (2, 1)):
        day = (NOW - timedelta(days=age)).date().isoformat()
        conn.execute("INSERT INTO digest_log VALUES (?, 'emnews', ?, ?)", [chat_id, day, _at(age)])
    for age in (200, 150, 100):  # the newest run is kept whatever its age
        conn.execute(
            "INSERT INTO ingest_runs(started_at, finished_at, new, updated, unchanged, rejected) VALUES (?, ?, 0, 0, 0, 0)",
            [_at(age), _at(age)],
        )


def test_prune_deletes_only_what_is_past_its_retention(tmp_path: Path) -> None:
    store = Store(tmp_path / "newsbot.db", clock=MovingClock(CLOCK))
    conn = store.db.conn
    _fill(conn)
    deleted = prune(conn, RetentionConfig(), NOW)
    assert deleted == {"outbox": 3, "broadcasts": 1, "alerted": 1, "digest_log": 1, "ingest_runs": 2}
    left = conn.execute("SELECT ref, state FROM outbox ORDER BY ref").fetchall()
    assert left == [("r3", "sent"), ("r4", "pending"), ("r5", "sending"), ("text:2", "sent"), ("text:3", "pending")]
    assert [r[0] for r in conn.execute("SELECT id FROM broadcasts ORDER BY id")] == [2, 3]
    assert conn.execute("SELECT chat_id FROM alerted").fetchall() == [(2,)]
    assert conn.execute("SELECT chat_id FROM digest_log").fetchall() == [(2,)]
    assert conn.execute("SELECT count(*) FROM ingest_runs").fetchone() == (1,)
    assert prune(conn, RetentionConfig(), NOW) == dict.fromkeys(deleted, 0)  # idempotent
    store.close()


def test_zero_keeps_forever_and_big_backlogs_go_in_batches(tmp_path: Path) -> None:
    store = Store(tmp_path / "newsbot.db", clock=MovingClock(CLOCK))
    conn = store.db.conn
    with store.transaction():
        conn.executemany(
            "INSERT INTO alerted(chat_id, article_id, created_at) VALUES (?, ?, ?)",
            [(i % 7, f"a{i}", _at(60)) for i in range(BATCH * 2 + 10)],
        )
    keep = RetentionConfig(outbox_days=0, alerted_days=0, digest_log_days=0, broadcasts_days=0, ingest_runs_days=0)
    assert prune(conn, keep, NOW) == {}
    assert prune(conn, RetentionConfig(), NOW)["alerted"] == BATCH * 2 + 10
    assert conn.execute("SELECT count(*) FROM alerted").fetchone() == (0,)
    store.close()


async def test_metrics_show_the_database_size(webhook_bot: WebhookHarness, db_path: Path) -> None:
    async with httpx.AsyncClient() as http:
        text = (await http.get(webhook_bot.base + "/metrics")).text
    [family] = [f for f in text_string_to_metric_families(text) if f.name == "newsbot_database_bytes"]
    assert family.samples[0].value >= db_path.stat().st_size > 0


def test_the_scheduler_prunes_with_the_configured_retention(scheduled_bot) -> None:
    conn = scheduled_bot.outbox.db.conn
    _outbox(conn, 1, "old", "sent", 40)
    assert scheduled_bot.delivery.scheduler.prune(NOW)["outbox"] == 1
