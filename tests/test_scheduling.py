"""Digest scheduling: local times, once per day, grace window, windows that chain — time set by the test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot import scheduling
from bot.app import build_application
from bot.delivery import start_delivery, stop_delivery
from bot.outbox import Outbox
from digests.config import Config, DeliveryConfig, DigestConfig, PostsConfig, StoreConfig, TelegramConfig
from digests.ingest import ingest
from digests.store import Store
from tests.fake_telegram import FakeTelegram
from tests.helpers import POSTS

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
FAST = DeliveryConfig(
    global_per_second=500, private_per_second=100, group_per_minute=6000, retry_base_seconds=0.01, concurrency=4
)
# The fixture posts (category emnews) were published 2021-12-08 02:19–07:25 UTC.
DAY = date(2021, 12, 8)


def utc(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Bot:
    tg: FakeTelegram
    app: Application
    clock: Clock
    outbox: Outbox

    def check(self) -> scheduling.CheckReport:
        return scheduling.check_due(self.app)

    async def drain(self) -> None:
        sender = self.app.bot_data["sender"]
        await self.tg.wait_until(lambda: sender.idle, timeout=10, what="outbox drained")

    def digests(self, chat_id: int) -> list[str]:
        return [m.text for m in self.tg.messages(chat_id)]


def make_config(tg: FakeTelegram, db_path: str, **digest: object) -> Config:
    return Config(
        telegram=TelegramConfig(token=tg.token, base_url=tg.base_url),
        store=StoreConfig(path=db_path),  # type: ignore[arg-type]
        posts=PostsConfig(dirs=(POSTS,), rescan_minutes=0),
        digest=DigestConfig(**{"time": time(8, 0), "timezone": "Asia/Shanghai", "top_n": 50, **digest}),  # type: ignore[arg-type]
        delivery=FAST,
    )


@pytest.fixture
async def bot(tmp_path) -> AsyncIterator[Bot]:  # type: ignore[no-untyped-def]
    async with FakeTelegram() as tg:
        config = make_config(tg, str(tmp_path / "bot.db"))
        store = Store(config.store.path)
        ingest(store, [POSTS], tz=SHANGHAI)
        clock = Clock(utc(DAY, 0))
        app = build_application(config, store, clock=clock)
        chats = app.bot_data["chats"]
        # Chat 1: Shanghai 16:00 (= 08:00 UTC); chat 2: London 07:30 (= 07:30 UTC in winter).
        for chat_id, hhmm, tz in ((1, "16:00", "Asia/Shanghai"), (2, "07:30", "Europe/London")):
            tg.add_chat(chat_id)
            chats.ensure(chat_id, "private")
            chats.set_time(chat_id, hhmm)
            chats.set_timezone(chat_id, tz)
            chats.subscribe(chat_id, "emnews")
        await app.initialize()
        await start_delivery(app, schedule=False)
        try:
            yield Bot(tg, app, clock, scheduling.outbox_of(app))
        finally:
            await stop_delivery(app)
            await app.shutdown()


def test_last_slot_is_the_latest_local_time_not_after_now() -> None:
    now = utc(DAY, 7, 45)
    assert scheduling.last_slot(now, time(7, 30), LONDON) == utc(DAY, 7, 30)
    assert scheduling.last_slot(now, time(16, 0), SHANGHAI) == utc(DAY - timedelta(days=1), 8, 0)
    assert scheduling.last_slot(utc(DAY, 8), time(16, 0), SHANGHAI) == utc(DAY, 8)


async def test_each_chat_gets_its_digest_at_its_own_local_time_and_only_once(bot: Bot) -> None:
    bot.app.bot_data["outbox"].log_digest(1, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 8))
    bot.app.bot_data["outbox"].log_digest(2, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 7, 30))
    bot.clock.now = utc(DAY, 7, 29)
    assert bot.check().enqueued == 0
    bot.clock.now = utc(DAY, 7, 45)  # 07:45 in London, 15:45 in Shanghai
    assert bot.check().enqueued == 1
    assert bot.check().enqueued == 0  # the tick again: nothing new
    await bot.drain()
    assert len(bot.digests(2)) >= 1 and bot.digests(1) == []
    assert "东财滚动新闻" in bot.digests(2)[0]
    bot.clock.now = utc(DAY, 8, 1)  # 16:01 in Shanghai
    assert bot.check().enqueued == 1
    assert bot.check().enqueued == 0
    await bot.drain()
    london, shanghai = bot.digests(2), bot.digests(1)
    assert len(shanghai) >= 1
    # A later tick the same day (and a second run of it) sends nothing more.
    bot.clock.now = utc(DAY, 12)
    bot.check()
    bot.check()
    await bot.drain()
    assert bot.digests(2) == london and bot.digests(1) == shanghai


async def test_next_digest_covers_everything_since_the_previous_one(bot: Bot) -> None:
    # Chat 1 gets a digest at 12:00 Shanghai (04:00 UTC), then moves its time to 20:00.
    chats = bot.app.bot_data["chats"]
    chats.set_time(1, "12:00")
    chats.unsubscribe(2, "emnews")
    bot.clock.now = utc(DAY, 4, 1)
    assert bot.check().enqueued == 1
    await bot.drain()
    first = bot.digests(1)
    chats.set_time(1, "20:00")
    scheduling.reschedule_chat(bot.app, 1)
    bot.clock.now = utc(DAY, 12, 5)  # 20:05 the same day: today's digest was sent already
    assert bot.check().enqueued == 0
    bot.clock.now = utc(DAY + timedelta(days=1), 12, 5)
    assert bot.check().enqueued == 1
    await bot.drain()
    second = bot.digests(1)[len(first) :]
    # Articles of 04:00–07:25 UTC on the 8th fall outside a plain 24 h window (from 12:00 UTC)
    # but after the first digest: they must be in the second one.
    joined = "\n".join(second)
    assert "共 " in joined and "今日暂无新消息" not in joined  # items, not the empty-day line
    log = bot.outbox.digest_log()[(1, "emnews")]
    assert log == (DAY + timedelta(days=1), utc(DAY + timedelta(days=1), 12))
    assert (
        bot.outbox.conn.execute(
            "SELECT count(*) FROM outbox WHERE chat_id = 1 AND kind = 'digest' AND part = 0"
        ).fetchone()[0]
        == 2
    )


async def test_digest_missed_while_down_is_sent_within_grace_and_skipped_beyond(bot: Bot) -> None:
    outbox = bot.outbox
    outbox.log_digest(1, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 8))
    outbox.log_digest(2, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 7, 30))
    # Down from before 07:30 UTC until 13:40 UTC: chat 1's 08:00 slot is 5h40m late (grace 6h) → sent;
    # chat 2's 07:30 slot is 6h10m late → skipped, and tomorrow's digest starts from yesterday's.
    bot.clock.now = utc(DAY, 13, 40)
    report = bot.check()
    assert report.enqueued == 1
    assert [(d.chat_id, d.digest_date) for d in report.late_skipped] == [(2, DAY)]
    await bot.drain()
    assert bot.digests(1) and bot.digests(2) == []
    assert outbox.digest_log()[(2, "emnews")][0] == DAY - timedelta(days=1)


async def test_start_up_catch_up_job_sends_the_missed_digest_once(bot: Bot) -> None:
    bot.app.bot_data["chats"].unsubscribe(2, "emnews")
    bot.clock.now = utc(DAY, 10)  # 2 h after chat 1's slot
    scheduling.start(bot.app)
    await bot.app.start()  # starts the JobQueue: the catch-up job runs at once
    try:
        await bot.tg.wait_until(lambda: bot.digests(1), timeout=10, what="catch-up digest")
        await bot.drain()
        names = {job.name for job in bot.app.job_queue.jobs()}  # type: ignore[union-attr]
        assert f"{scheduling.SLOT_JOB_PREFIX}Asia/Shanghai@16:00" in names
    finally:
        await bot.app.stop()
    count = len(bot.digests(1))
    scheduling.check_due(bot.app)  # a restart's catch-up finds nothing more
    await bot.drain()
    assert len(bot.digests(1)) == count


async def test_reschedule_chat_adds_and_removes_daily_jobs(bot: Bot) -> None:
    jobs = bot.app.job_queue
    assert jobs is not None
    scheduling.sync_jobs(bot.app)

    def names() -> set[str]:
        return {j.name for j in jobs.jobs() if j.name and j.name.startswith(scheduling.SLOT_JOB_PREFIX)}

    assert names() == {"digest-slot:Asia/Shanghai@16:00", "digest-slot:Europe/London@07:30"}
    bot.app.bot_data["chats"].set_time(2, "09:15")
    scheduling.reschedule_chat(bot.app, 2)
    assert names() == {"digest-slot:Asia/Shanghai@16:00", "digest-slot:Europe/London@09:15"}
    bot.app.bot_data["chats"].unsubscribe_all(1)
    scheduling.reschedule_chat(bot.app, 1)
    assert names() == {"digest-slot:Europe/London@09:15"}


async def test_periodic_rescan_ingests_new_posts_through_its_own_connection(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from tests.helpers import make_post

    posts = tmp_path / "posts"
    posts.mkdir()
    async with FakeTelegram() as tg:
        config = make_config(tg, str(tmp_path / "bot.db"))
        config = replace(config, posts=PostsConfig(dirs=(posts,), rescan_minutes=10))
        store = Store(config.store.path)
        app = build_application(config, store, clock=Clock(utc(DAY, 0)), delivery=False)
        (posts / "2022-03-01-new.md").write_text(make_post("新到的文章", "一段新的正文。"), encoding="utf-8")
        report = await scheduling.rescan_posts(app)
        assert report.new == 1
        assert [a.title for a in store.latest("testcat")] == ["新到的文章"]
        assert (await scheduling.rescan_posts(app)).unchanged == 1
