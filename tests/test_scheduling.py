"""Digest scheduling: local times, once per day, grace window, windows that chain — time set by the test."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

from bot.application import build_application
from bot.delivery import scheduling
from tests.conftest import ScheduledBot
from tests.fake_telegram import FakeTelegram
from tests.helpers import CLOCK, DAY, LONDON, SHANGHAI, MovingClock, make_config, make_post, utc


def test_last_slot_is_the_latest_local_time_not_after_now() -> None:
    now = utc(DAY, 7, 45)
    assert scheduling.last_slot(now, time(7, 30), LONDON) == utc(DAY, 7, 30)
    assert scheduling.last_slot(now, time(16, 0), SHANGHAI) == utc(DAY - timedelta(days=1), 8, 0)
    assert scheduling.last_slot(utc(DAY, 8), time(16, 0), SHANGHAI) == utc(DAY, 8)


async def test_each_chat_gets_its_digest_at_its_own_local_time_and_only_once(scheduled_bot: ScheduledBot) -> None:
    scheduled_bot.outbox.digests.record(1, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 8))
    scheduled_bot.outbox.digests.record(2, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 7, 30))
    scheduled_bot.clock.now = utc(DAY, 7, 29)
    assert scheduled_bot.check().enqueued == 0
    scheduled_bot.clock.now = utc(DAY, 7, 45)  # 07:45 in London, 15:45 in Shanghai
    assert scheduled_bot.check().enqueued == 1
    assert scheduled_bot.check().enqueued == 0  # the tick again: nothing new
    await scheduled_bot.drain()
    assert len(scheduled_bot.digests(2)) >= 1 and scheduled_bot.digests(1) == []
    assert "东财滚动新闻" in scheduled_bot.digests(2)[0]
    scheduled_bot.clock.now = utc(DAY, 8, 1)  # 16:01 in Shanghai
    assert scheduled_bot.check().enqueued == 1
    assert scheduled_bot.check().enqueued == 0
    await scheduled_bot.drain()
    london, shanghai = scheduled_bot.digests(2), scheduled_bot.digests(1)
    assert len(shanghai) >= 1
    # A later tick the same day (and a second run of it) sends nothing more.
    scheduled_bot.clock.now = utc(DAY, 12)
    scheduled_bot.check()
    scheduled_bot.check()
    await scheduled_bot.drain()
    assert scheduled_bot.digests(2) == london and scheduled_bot.digests(1) == shanghai


async def test_next_digest_covers_everything_since_the_previous_one(scheduled_bot: ScheduledBot) -> None:
    # Chat 1 gets a digest at 12:00 Shanghai (04:00 UTC), then moves its time to 20:00.
    chats = scheduled_bot.chats
    chats.set_time(1, time(12, 0))
    chats.unsubscribe(2, "emnews")
    scheduled_bot.clock.now = utc(DAY, 4, 1)
    assert scheduled_bot.check().enqueued == 1
    await scheduled_bot.drain()
    first = scheduled_bot.digests(1)
    chats.set_time(1, time(20, 0))
    scheduled_bot.delivery.reschedule()
    scheduled_bot.clock.now = utc(DAY, 12, 5)  # 20:05 the same day: today's digest was sent already
    assert scheduled_bot.check().enqueued == 0
    scheduled_bot.clock.now = utc(DAY + timedelta(days=1), 12, 5)
    assert scheduled_bot.check().enqueued == 1
    await scheduled_bot.drain()
    second = scheduled_bot.digests(1)[len(first) :]
    # Articles of 04:00–07:25 UTC on the 8th fall outside a plain 24 h window (from 12:00 UTC)
    # but after the first digest: they must be in the second one.
    joined = "\n".join(second)
    assert "共 " in joined and "今日暂无新消息" not in joined  # items, not the empty-day line
    log = scheduled_bot.outbox.digests.all()[(1, "emnews")]
    assert log == (DAY + timedelta(days=1), utc(DAY + timedelta(days=1), 12))
    assert (
        scheduled_bot.outbox.conn.execute(
            "SELECT count(*) FROM outbox WHERE chat_id = 1 AND kind = 'digest' AND part = 0"
        ).fetchone()[0]
        == 2
    )


async def test_digest_missed_while_down_is_sent_within_grace_and_skipped_beyond(scheduled_bot: ScheduledBot) -> None:
    outbox = scheduled_bot.outbox
    outbox.digests.record(1, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 8))
    outbox.digests.record(2, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 7, 30))
    # Down from before 07:30 UTC until 13:40 UTC: chat 1's 08:00 slot is 5h40m late (grace 6h) → sent;
    # chat 2's 07:30 slot is 6h10m late → skipped, and tomorrow's digest starts from yesterday's.
    scheduled_bot.clock.now = utc(DAY, 13, 40)
    report = scheduled_bot.check()
    assert report.enqueued == 1
    assert [(d.chat_id, d.digest_date) for d in report.late_skipped] == [(2, DAY)]
    await scheduled_bot.drain()
    assert scheduled_bot.digests(1) and scheduled_bot.digests(2) == []
    assert outbox.digests.all()[(2, "emnews")][0] == DAY - timedelta(days=1)


async def test_start_up_catch_up_job_sends_the_missed_digest_once(scheduled_bot: ScheduledBot) -> None:
    scheduled_bot.chats.unsubscribe(2, "emnews")
    scheduled_bot.clock.now = utc(DAY, 10)  # 2 h after chat 1's slot
    scheduled_bot.delivery.scheduler.start(scheduled_bot.app.job_queue)
    await scheduled_bot.app.start()  # starts the JobQueue: the catch-up job runs at once
    try:
        await scheduled_bot.tg.wait_until(lambda: scheduled_bot.digests(1), timeout=10, what="catch-up digest")
        await scheduled_bot.drain()
        names = {job.name for job in scheduled_bot.app.job_queue.jobs()}  # type: ignore[union-attr]
        assert f"{scheduling.SLOT_JOB_PREFIX}Asia/Shanghai@16:00" in names
    finally:
        await scheduled_bot.app.stop()
    count = len(scheduled_bot.digests(1))
    scheduled_bot.check()  # a restart's catch-up finds nothing more
    await scheduled_bot.drain()
    assert len(scheduled_bot.digests(1)) == count


async def test_reschedule_chat_adds_and_removes_daily_jobs(scheduled_bot: ScheduledBot) -> None:
    jobs = scheduled_bot.app.job_queue
    assert jobs is not None
    scheduled_bot.delivery.scheduler.job_queue = jobs
    scheduled_bot.delivery.reschedule()

    def names() -> set[str]:
        return {j.name for j in jobs.jobs() if j.name and j.name.startswith(scheduling.SLOT_JOB_PREFIX)}

    assert names() == {"digest-slot:Asia/Shanghai@16:00", "digest-slot:Europe/London@07:30"}
    scheduled_bot.chats.set_time(2, time(9, 15))
    scheduled_bot.delivery.reschedule()
    assert names() == {"digest-slot:Asia/Shanghai@16:00", "digest-slot:Europe/London@09:15"}
    scheduled_bot.chats.unsubscribe_all(1)
    scheduled_bot.delivery.reschedule()
    assert names() == {"digest-slot:Europe/London@09:15"}


async def test_periodic_rescan_ingests_new_posts_through_its_own_connection(tmp_path: Path) -> None:
    from digests.store import Store

    posts = tmp_path / "posts"
    posts.mkdir()
    async with FakeTelegram() as tg:
        db = tmp_path / "bot.db"
        config = make_config(db, token=tg.token, base_url=tg.base_url, posts=(posts,))
        store = Store(db, clock=MovingClock(CLOCK))
        app = build_application(config, store, clock=MovingClock(utc(DAY, 0)))
        (posts / "2022-03-01-new.md").write_text(make_post("新到的文章", "一段新的正文。"), encoding="utf-8")
        scheduler = app.bot_data.delivery.scheduler
        report = await scheduler.rescan_posts()
        assert report.new == 1
        assert [a.title for a in store.latest("testcat")] == ["新到的文章"]
        assert (await scheduler.rescan_posts()).unchanged == 1
        store.close()


async def test_a_quiet_category_sends_nothing_by_default_and_the_window_still_moves_on(
    scheduled_bot: ScheduledBot,
) -> None:
    quiet_day = DAY + timedelta(days=10)
    scheduled_bot.chats.unsubscribe(2, "emnews")
    scheduled_bot.outbox.digests.record(
        1, "emnews", (quiet_day - timedelta(days=1)).isoformat(), utc(quiet_day, 8) - timedelta(days=1)
    )
    scheduled_bot.clock.now = utc(quiet_day, 8, 1)  # 16:01 Shanghai, nothing published for days
    report = scheduled_bot.check()
    assert (report.enqueued, report.empty_skipped) == (0, 1)
    await scheduled_bot.drain()
    assert scheduled_bot.digests(1) == []
    assert scheduled_bot.outbox.digests.all()[(1, "emnews")] == (quiet_day, utc(quiet_day, 8))
