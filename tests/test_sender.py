"""The outbox sender against FakeTelegram: delivery, priorities, and every Telegram error path."""

from __future__ import annotations

from dataclasses import replace

from tests.fake_telegram import RateLimits
from tests.helpers import ADMIN, SHANGHAI, SenderRig, fast_delivery_config

FAST = fast_delivery_config()


async def test_breaking_broadcast_reaches_every_chat_once_and_reports_to_admin(rig: SenderRig) -> None:
    chats = list(range(1, 41))
    rig.add_private(*chats)
    rig.outbox.enqueue_breaking("item-1", "<b>突发</b> 新闻", chats, admin_chat_id=ADMIN)
    await rig.run_until_idle()
    received = rig.tg.received_by_chat()
    assert all(received[c] == ["突发 新闻"] for c in chats)
    report = received[ADMIN]
    assert len(report) == 1 and "已送达 40" in report[0] and "失败 0" in report[0]


async def test_enqueueing_the_same_broadcast_again_sends_nothing_twice(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    rig.outbox.enqueue_breaking("item-1", "一", [1, 2], admin_chat_id=None)
    await rig.run_until_idle()
    rig.outbox.enqueue_breaking("item-1", "一", [1, 2], admin_chat_id=None)
    assert rig.outbox.enqueue_digest(1, "news", "2024-03-01", ["摘要"])
    assert not rig.outbox.enqueue_digest(1, "news", "2024-03-01", ["摘要"])
    await rig.run_until_idle()
    assert rig.tg.received_by_chat() == {1: ["一", "摘要"], 2: ["一"]}


async def test_breaking_goes_before_digests_and_digest_parts_stay_in_order(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    for chat in (1, 2):
        rig.outbox.enqueue_digest(chat, "news", "2024-03-01", ["第一部分", "第二部分", "第三部分"])
    rig.outbox.enqueue_breaking("item-9", "突发", [1, 2], admin_chat_id=None)
    await rig.run_until_idle()
    for chat in (1, 2):
        assert rig.tg.received_by_chat()[chat] == ["突发", "第一部分", "第二部分", "第三部分"]


async def test_429_waits_retry_after_for_that_chat_and_then_delivers(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    rig.tg.inject("sendMessage", chat_id=1, error="retry_after", retry_after=1)
    rig.outbox.enqueue_breaking("item-1", "消息", [1, 2], admin_chat_id=None)
    sender = await rig.run_until_idle()
    assert rig.tg.received_by_chat() == {1: ["消息"], 2: ["消息"]}
    assert sender.stats.rate_limited == 1
    assert rig.outbox.counts() == {"sent": 2}


async def test_blocked_user_is_deactivated_rows_skipped_subscriptions_kept(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    rig.tg.block(1)
    rig.outbox.enqueue_digest(1, "news", "2024-03-01", ["一", "二"])
    rig.outbox.enqueue_breaking("item-1", "突发", [1, 2], admin_chat_id=ADMIN)
    await rig.run_until_idle()
    chat = rig.chats.get(1)
    assert chat is not None and not chat.active and "blocked" in (chat.inactive_reason or "")
    assert rig.chats.subscriptions(1) == ["news"]
    assert rig.outbox.counts() == {"blocked": 3, "sent": 2}  # 2 = chat 2's push + admin report
    assert rig.tg.messages(1) == []
    assert "已屏蔽/失效 1" in rig.tg.received_by_chat()[ADMIN][0]
    # /start again → reactivate; later pushes reach the chat again.
    rig.tg.unblock(1)
    rig.chats.reactivate(1)
    rig.outbox.enqueue_breaking("item-2", "又一条", rig.chats.subscribers("news"), admin_chat_id=None)
    await rig.run_until_idle()
    assert rig.tg.received_by_chat()[1] == ["又一条"]


async def test_chat_not_found_marks_the_chat_inactive(rig: SenderRig) -> None:
    rig.chats.ensure(77, "private")  # known to us, unknown to Telegram
    rig.outbox.enqueue_breaking("item-1", "消息", [77], admin_chat_id=None)
    sender = await rig.run_until_idle()
    chat = rig.chats.get(77)
    assert chat is not None and not chat.active and "chat not found" in (chat.inactive_reason or "").lower()
    assert rig.outbox.counts() == {"blocked": 1}
    assert sender.stats.blocked == 1


async def test_group_migrated_to_supergroup_moves_the_chat_and_resends(rig: SenderRig) -> None:
    rig.tg.add_chat(-5, chat_type="group")
    rig.chats.ensure(-5, "group")
    rig.chats.subscribe(-5, "news")
    rig.tg.migrate_group(-5, -1005)
    rig.outbox.enqueue_digest(-5, "news", "2024-03-01", ["摘要一", "摘要二"])
    sender = await rig.run_until_idle()
    assert rig.tg.received_by_chat().get(-1005) == ["摘要一", "摘要二"]
    assert rig.chats.get(-5) is None
    assert rig.chats.subscriptions(-1005) == ["news"]
    assert sender.stats.migrated == 1


async def test_timeouts_and_5xx_are_retried_with_backoff(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    rig.tg.inject("sendMessage", chat_id=1, error="timeout", delay=1.0)  # > client read timeout 0.5 s
    rig.tg.inject("sendMessage", chat_id=2, error="server_error")
    rig.outbox.enqueue_breaking("item-1", "消息", [1, 2], admin_chat_id=None)
    sender = await rig.run_until_idle()
    assert rig.tg.received_by_chat() == {1: ["消息"], 2: ["消息"]}
    assert sender.stats.retries == 2


async def test_persistent_5xx_gives_up_after_max_attempts_and_counts_failed(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    rig.tg.inject("sendMessage", chat_id=1, error="bad_gateway", times=None)
    rig.outbox.enqueue_breaking("item-1", "消息", [1, 2], admin_chat_id=ADMIN)
    sender = await rig.run_until_idle()
    assert rig.tg.stats().requests["sendMessage"] >= FAST.max_attempts
    assert rig.outbox.conn.execute("SELECT state, attempts FROM outbox WHERE chat_id = 1").fetchone() == (
        "failed",
        FAST.max_attempts,
    )
    assert sender.stats.failed == 1
    assert rig.outbox.stats_today(SHANGHAI)["failed"] == 1
    assert "失败 1" in rig.tg.received_by_chat()[ADMIN][0]
    assert rig.chats.get(1).active  # type: ignore[union-attr]  # a flaky server is not a blocked user


async def test_bad_html_fails_once_without_retry(rig: SenderRig) -> None:
    rig.add_private(1)
    rig.outbox.enqueue_digest(1, "news", "2024-03-01", ["<b>未闭合"])
    sender = await rig.run_until_idle()
    assert rig.outbox.conn.execute("SELECT state, attempts FROM outbox").fetchone() == ("failed", 1)
    assert sender.stats.failed == 1 and sender.stats.retries == 0


async def test_rows_left_sending_by_a_crash_are_resent_others_not(rig: SenderRig) -> None:
    rig.add_private(1, 2, 3)
    rig.outbox.enqueue_breaking("item-1", "消息", [1, 2, 3], admin_chat_id=None)
    rows = rig.outbox.due(10)
    rig.outbox.claim(rows[0].id, rows[0].chat_id)
    rig.outbox.mark(rows[0].id, "sent")  # delivered before the crash
    rig.outbox.claim(rows[1].id, rows[1].chat_id)  # in flight at the crash
    sender = await rig.run_until_idle()
    assert sender.stats.recovered == 1
    assert rig.tg.received_by_chat() == {2: ["消息"], 3: ["消息"]}


async def test_per_chat_and_overall_limits_keep_telegram_from_answering_429(rig: SenderRig) -> None:
    # Telegram's limits ×20 so the test is quick: 600/s overall, 20/s per private chat.
    rig.tg.set_rate_limits(RateLimits(scale=20))
    rig.add_private(*range(1, 61))
    for chat in range(1, 4):
        rig.outbox.enqueue_digest(chat, "news", "2024-03-01", ["一", "二", "三", "四"])
    rig.outbox.enqueue_breaking("item-1", "突发", list(range(1, 61)), admin_chat_id=None)
    config = replace(FAST, global_per_second=600, private_per_second=20, group_per_minute=400, window_seconds=0.05)
    await rig.run_until_idle(config)
    assert rig.tg.stats().rate_limited == 0
    assert rig.outbox.counts() == {"sent": 72}


async def test_paid_broadcast_marks_only_breaking_sends_paid_and_stays_within_both_limits(rig: SenderRig) -> None:
    # ×20 time: free 600/s overall (30 per 0.05 s window), paid up to 20,000/s, 20/s per chat.
    rig.tg.set_rate_limits(RateLimits(scale=20))
    chats = list(range(1, 201))
    rig.add_private(*chats)
    for chat in range(1, 4):
        rig.outbox.enqueue_digest(chat, "news", "2024-03-01", ["一", "二", "三", "四"])
    rig.outbox.enqueue_breaking("item-1", "突发", chats, admin_chat_id=None)
    config = replace(
        FAST,
        global_per_second=600,
        private_per_second=20,
        group_per_minute=400,
        window_seconds=0.05,
        paid_broadcast=True,
        paid_per_second=1000,
    )
    await rig.run_until_idle(config)
    assert rig.tg.stats().rate_limited == 0
    assert rig.outbox.counts() == {"sent": 212}
    paid = [p for p in rig.tg.calls("sendMessage") if str(p.get("allow_paid_broadcast")).lower() == "true"]
    assert rig.tg.stats().paid == len(paid) == 200  # the breaking push, not the digests
    assert {p["text"] for p in paid} == {"突发"}


async def test_without_paid_broadcast_nothing_is_sent_paid(rig: SenderRig) -> None:
    rig.add_private(1, 2)
    rig.outbox.enqueue_breaking("item-1", "突发", [1, 2], admin_chat_id=None)
    await rig.run_until_idle(replace(FAST, paid_broadcast=False))
    assert rig.tg.stats().paid == 0 and rig.outbox.counts() == {"sent": 2}
