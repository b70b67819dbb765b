"""The outbox table: idempotent enqueueing, one transaction per broadcast, states and daily stats."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.stores.chats import ChatStore
from bot.stores.outbox import Outbox
from digests.store import Store
from tests.helpers import CLOCK, MovingClock


@pytest.fixture
def outbox() -> Outbox:
    store = Store(":memory:", clock=MovingClock(CLOCK))
    chats = ChatStore(store.db, clock=store.clock)
    for chat_id in (1, 2, 3):
        chats.ensure(chat_id)
    return Outbox(store.db, clock=store.clock)


def test_the_same_breaking_item_is_queued_once_per_chat(outbox: Outbox) -> None:
    first = outbox.enqueue_breaking("item-1", "a", [1, 2, 2], admin_chat_id=9)
    again = outbox.enqueue_breaking("item-1", "a", [1, 2, 3], admin_chat_id=9)
    assert first == again
    rows = outbox.conn.execute("SELECT chat_id FROM outbox WHERE kind = 'breaking' ORDER BY chat_id").fetchall()
    assert rows == [(1,), (2,), (3,)]
    assert outbox.enqueue_breaking("item-2", "b", [1], admin_chat_id=None) != first


def test_the_same_digest_day_is_queued_once_with_its_parts_in_order(outbox: Outbox) -> None:
    until = datetime(2024, 3, 1, 0, tzinfo=UTC)
    assert outbox.enqueue_digest(1, "news", "2024-03-01", ["p1", "p2"], window_until=until)
    assert not outbox.enqueue_digest(1, "news", "2024-03-01", ["other"], window_until=until + timedelta(hours=1))
    assert outbox.enqueue_digest(1, "news", "2024-03-02", ["next day"])
    assert outbox.enqueue_digest(2, "news", "2024-03-01", ["other chat"])
    assert [r.html for r in outbox.due(10) if r.chat_id == 1] == ["p1", "p2", "next day"]
    assert outbox.digests.all()[(1, "news")] == (datetime(2024, 3, 1).date(), until)


def test_a_direct_duplicate_insert_is_rejected_by_the_unique_key(outbox: Outbox) -> None:
    outbox.enqueue_breaking("item-1", "a", [1], admin_chat_id=None)
    with pytest.raises(sqlite3.IntegrityError):
        outbox.conn.execute(
            "INSERT INTO outbox(chat_id, kind, ref, part, priority, html, created_at, updated_at) "
            "VALUES (1, 'breaking', 'item-1', 0, 0, 'x', '', '')"
        )


def test_a_broadcast_is_one_transaction(outbox: Outbox) -> None:
    # The third chat's row fails to insert: the first two rows and the broadcast must not stay behind.
    outbox.conn.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON outbox WHEN NEW.chat_id = 3 BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="boom"):
        outbox.enqueue_breaking("item-1", "a", [1, 2, 3], admin_chat_id=None)
    assert outbox.counts() == {}
    assert outbox.conn.execute("SELECT count(*) FROM broadcasts").fetchone()[0] == 0


def test_breaking_rows_come_before_older_digest_rows(outbox: Outbox) -> None:
    outbox.enqueue_digest(1, "news", "2024-03-01", ["digest"])
    outbox.enqueue_breaking("item-1", "breaking", [1], admin_chat_id=None)
    assert [r.html for r in outbox.due(10)] == ["breaking", "digest"]


def test_finished_broadcast_queues_one_admin_report(outbox: Outbox) -> None:
    bid = outbox.enqueue_breaking("item-1", "a", [1, 2, 3], admin_chat_id=9)
    rows = outbox.due(10)
    for row, state in zip(rows, ("sent", "failed", "blocked")):
        assert outbox.finish_broadcast(bid) is None  # not all final yet
        outbox.claim(row.id, row.chat_id)
        outbox.mark(row.id, state)
    report = outbox.finish_broadcast(bid)
    assert report is not None and (report.sent, report.failed, report.blocked) == (1, 1, 1)
    assert outbox.finish_broadcast(bid) is None  # reported once
    (html,) = [r.html for r in outbox.due(10) if r.chat_id == 9]
    assert "已送达 1，失败 1，已屏蔽/失效 1" in html


def test_stats_today_counts_since_local_midnight(outbox: Outbox) -> None:
    outbox.enqueue_breaking("item-1", "a", [1, 2, 3], admin_chat_id=None)
    rows = outbox.due(10)
    for row, state in zip(rows, ("sent", "failed")):
        outbox.claim(row.id, row.chat_id)
        outbox.mark(row.id, state)
    tz = ZoneInfo("Asia/Shanghai")
    assert outbox.stats_today(tz) == {"sent": 1, "failed": 1, "blocked": 0, "pending": 1}
    tomorrow = outbox.clock() + timedelta(days=2)
    assert outbox.stats_today(tz, now=tomorrow) == {"sent": 0, "failed": 0, "blocked": 0, "pending": 1}


def test_an_outcome_written_twice_counts_once(outbox: Outbox) -> None:
    seen: list[tuple[str, str, int]] = []
    outbox.on_final.append(lambda kind, state, rows: seen.append((kind, state, rows)))
    outbox.enqueue_breaking("item-1", "a", [1], admin_chat_id=None)
    (row,) = outbox.due(10)
    outbox.claim(row.id, row.chat_id)
    outbox.mark(row.id, "sent")
    stamped = outbox.conn.execute("SELECT sent_at FROM outbox WHERE id = ?", [row.id]).fetchone()
    outbox.mark(row.id, "sent")  # the sender retrying what followed a write that went through
    assert seen == [("breaking", "sent", 1)]
    assert outbox.conn.execute("SELECT sent_at FROM outbox WHERE id = ?", [row.id]).fetchone() == stamped
