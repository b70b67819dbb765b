"""The sender never dies: a database locked by another connection, a full disk, a Bot API outage
and a bug in a pass are each logged, backed off and outlived — nothing lost, nothing sent twice."""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.fake_telegram import Delay
from tests.helpers import ADMIN, BotHarness, SenderRig, fast_delivery_config

READERS = range(2001, 2101)


def _subscribe_readers(bot: BotHarness) -> None:
    with bot.store.transaction():
        for chat_id in READERS:
            bot.tg.add_chat(chat_id, chat_type="private")
            bot.chats.ensure(chat_id, "private")
            bot.chats.subscribe(chat_id, "emnews")


async def _confirm_push(bot: BotHarness, text: str) -> None:
    [preview] = await bot.ask(ADMIN, f"/push emnews {text}")
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    await bot.press(ADMIN, preview.message_id, ok)


def _received(bot: BotHarness, text: str) -> Counter[int]:
    return Counter(m.chat_id for m in bot.tg.messages() if m.chat_id in READERS and text in m.plain_text)


async def _all_delivered_once(bot: BotHarness, text: str) -> None:
    sender = bot.app.bot_data.delivery.sender
    await bot.tg.wait_until(lambda: sender.idle and sender.health.backlog == 0, timeout=30, what="the outbox drained")
    assert _received(bot, text) == Counter(dict.fromkeys(READERS, 1))
    assert bot.services.outbox.counts() == {"sent": len(READERS) + 1}  # + the admin's report
    report = await bot.tg.wait_until(
        lambda: [m for m in bot.tg.messages(ADMIN) if "推送报告" in m.plain_text], what="the admin's report"
    )
    assert f"已送达 {len(READERS)}" in report[0].plain_text


async def test_a_write_lock_held_by_another_connection_during_a_push_delays_but_loses_nothing(
    bot: BotHarness, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _subscribe_readers(bot)
    sender = bot.app.bot_data.delivery.sender
    bot.tg.inject("sendMessage", error=Delay(0.1, delivered=True), times=None)  # slow sends: a push under way
    with caplog.at_level(logging.ERROR, logger="bot.delivery.sender"):
        await _confirm_push(bot, "写锁期间的推送")
        await bot.tg.wait_until(lambda: len(_received(bot, "写锁期间的推送")) >= 8, what="the push under way")
        other = sqlite3.connect(db_path, timeout=0)
        other.execute("BEGIN IMMEDIATE")  # another process's write lock, held for as long as the test likes
        try:
            await bot.tg.wait_until(lambda: sender.health.consecutive_errors >= 3, what="failing passes")
            stalled = len(_received(bot, "写锁期间的推送"))
            [stats] = await bot.ask(ADMIN, "/stats")
            assert "发送器：⚠️ 出错" in stats.plain_text and "database is locked" in stats.plain_text
            await bot.tg.wait_until(lambda: sender.health.consecutive_errors >= 4, what="more failing passes")
            assert len(_received(bot, "写锁期间的推送")) == stalled  # nothing claimed while locked
        finally:
            other.rollback()
            other.close()
    bot.tg.clear_injections()
    await _all_delivered_once(bot, "写锁期间的推送")
    assert sender.health.consecutive_errors == 0 and sender.health.errors >= 4
    locked = [r for r in caplog.records if "database is locked" in r.getMessage()]
    assert len(locked) == 1  # logged once, not once per retry
    [stats] = await bot.ask(ADMIN, "/stats")
    assert "发送器：正常" in stats.plain_text and "积压 0 条" in stats.plain_text


async def test_a_full_disk_during_a_push_delays_but_loses_nothing(bot: BotHarness) -> None:
    _subscribe_readers(bot)
    sender = bot.app.bot_data.delivery.sender
    conn = sender.outbox.conn  # the sender's own connection
    bot.tg.inject("sendMessage", error=Delay(0.05, delivered=True), times=None)
    await _confirm_push(bot, "磁盘满时的推送")
    # The file may not grow any more (SQLite then answers "database or disk is full").
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    await bot.tg.wait_until(
        lambda: "full" in (sender.health.last_error or "") and sender.health.consecutive_errors >= 2,
        timeout=30,
        what="the disk full",
    )
    [stats] = await bot.ask(ADMIN, "/stats")
    assert "database or disk is full" in stats.plain_text
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    bot.tg.clear_injections()
    await _all_delivered_once(bot, "磁盘满时的推送")


async def test_a_bot_api_outage_longer_than_max_attempts_loses_nothing_within_retry_minutes(
    rig: SenderRig,
) -> None:
    rig.add_private(*range(1, 21))
    rig.tg.inject("sendMessage", error="bad_gateway", times=None)  # the Bot API is down
    rig.outbox.enqueue_breaking("item-1", "停机期间的消息", list(range(1, 21)), admin_chat_id=ADMIN)
    config = fast_delivery_config(max_attempts=2, retry_minutes=1, retry_base_seconds=0.02)
    sender, task = rig.start(config)
    try:
        # Down for longer than max_attempts alone would have allowed a message.
        await rig.tg.wait_until(
            lambda: rig.outbox.conn.execute("SELECT max(attempts) FROM outbox").fetchone()[0] > config.max_attempts,
            timeout=30,
            what="a message retried past max_attempts",
        )
        assert sender.health.paused_until is not None or sender.stats.retries > 0
        rig.tg.clear_injections()  # back up
        await rig.tg.wait_until(lambda: sender.idle, timeout=60, what="the outbox drained")
    finally:
        await sender.stop()
        await task
    received = rig.tg.received_by_chat()
    assert all(received[c] == ["停机期间的消息"] for c in range(1, 21))
    assert sender.stats.failed == 0 and rig.outbox.counts() == {"sent": 21}
    assert "已送达 20" in received[ADMIN][0] and "失败 0" in received[ADMIN][0]


async def test_an_unexpected_error_in_a_pass_is_logged_once_and_the_sender_goes_on(
    rig: SenderRig, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    rig.add_private(1, 2)
    rig.outbox.enqueue_breaking("item-1", "消息", [1, 2], admin_chat_id=None)
    real_due = rig.outbox.due
    failures = {"left": 4}

    def flaky_due(*args: Any, **kwargs: Any) -> Any:
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("a bug in a pass")
        return real_due(*args, **kwargs)

    monkeypatch.setattr(rig.outbox, "due", flaky_due)
    with caplog.at_level(logging.WARNING, logger="bot.delivery.sender"):
        sender = await rig.run_until_idle()
    assert rig.tg.received_by_chat() == {1: ["消息"], 2: ["消息"]}
    assert sender.health.errors == 4 and sender.health.consecutive_errors == 0
    assert sender.health.last_error == "RuntimeError: a bug in a pass"
    messages = [r.getMessage() for r in caplog.records]
    assert sum("a bug in a pass" in m for m in messages) == 1
    assert any("works again after 4 failed pass" in m for m in messages)
