"""Nothing one chat or another process does stalls the bot for everyone (issue 17).

A write lock held by another process: other chats are answered (or told "busy, try again") at
once, /healthz answers and says so, and the sender delivers by itself once the lock is gone.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import httpx

from bot.fallbacks import BUSY
from digests.db import is_locked
from digests.grouping import Grouping
from digests.records import Article
from digests.storycache import StoryCache
from tests.helpers import DAY, SHANGHAI, BotHarness, WebhookHarness, make_post, utc

READER = 3001  # only reads (/help)
WRITER = 3002  # writes (/subscribe)
LOCK_SECONDS = 4.0
ANSWER_WITHIN = 3.0  # the issue asks for ~2 s; before, /subscribe waited the connection's 30 s


async def _healthz(bot: WebhookHarness) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as http:
        return await http.get(bot.base + "/healthz")


async def _answered_within(bot: WebhookHarness, chat_id: int, text: str) -> tuple[str, float]:
    started = time.monotonic()
    [reply] = await bot.ask(chat_id, text)
    return reply.plain_text, time.monotonic() - started


async def test_a_write_lock_held_by_another_process_stalls_no_chat_and_healthz_says_so(
    webhook_bot: WebhookHarness, db_path: Path
) -> None:
    bot = webhook_bot
    for chat_id in (READER, WRITER):
        bot.tg.add_chat(chat_id, chat_type="private")
        await bot.ask(chat_id, "/help")  # known chats: recording them needs no write later
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process's write lock
    locked_at = time.monotonic()
    try:
        # While it is held, the other process queues a message; the sender must find it on its own.
        other.execute(
            "INSERT INTO outbox(chat_id, kind, ref, part, priority, html, created_at, updated_at) "
            "VALUES (?, 'alert', 'from-another-process', 0, 2, '锁释放后送达', '2021-12-08T08:00:00+00:00', "
            "'2021-12-08T08:00:00+00:00')",
            [READER],
        )
        (help_text, help_took), (subscribe_text, subscribe_took), health = await asyncio.gather(
            _answered_within(bot, READER, "/help"),
            _answered_within(bot, WRITER, "/subscribe emnews"),
            _healthz(bot),
        )
        assert "/subscribe" in help_text and help_took < ANSWER_WITHIN
        assert subscribe_text == BUSY and subscribe_took < ANSWER_WITHIN
        assert health.status_code == 200
        assert health.json()["database"] is True and health.json()["database_locked"] is True
        await asyncio.sleep(max(0.0, LOCK_SECONDS - (time.monotonic() - locked_at)))
        # Still answering after seconds of lock, and still nothing written.
        help_text, help_took = await _answered_within(bot, READER, "/help")
        assert help_took < ANSWER_WITHIN
        assert bot.chats.subscriptions(WRITER) == []
    finally:
        other.execute("COMMIT")
        other.close()
    assert all(is_locked(e) for e in bot.handler_errors)
    bot.handler_errors.clear()  # the busy answers above: expected
    [done] = await bot.ask(WRITER, "/subscribe emnews")
    assert bot.chats.subscriptions(WRITER) == ["emnews"], done.plain_text
    assert (await _healthz(bot)).json()["database_locked"] is False
    # No wake-up: the sender polls, and its pass on its own connection works again.
    await bot.tg.wait_until(
        lambda: [m for m in bot.tg.messages(READER) if "锁释放后送达" in m.plain_text], timeout=15, what="the row"
    )


# --- a digest slot with many mute lists; /digest on a busy day --------------------------------------

LOAD = "loadcat"
ARTICLES = 300
MUTED_CHATS = range(4001, 4041)  # 40 chats, each with a mute word of its own
OTHER = 4100


def _load_articles(store: Any) -> None:
    """300 articles of one day in one category, sharing enough words that grouping has work."""
    rng = random.Random(17)
    places = ["天津", "北京", "河北", "雄安", "上海", "广州", "深圳", "重庆"]
    topics = ["港口吞吐量", "新能源汽车", "地铁线路", "保障房", "跨境电商", "冬奥场馆", "数字经济", "乡村振兴"]
    with store.transaction():
        for i in range(ARTICLES):
            place, topic = rng.choice(places), rng.choice(topics)
            title = f"{place}{topic}第{i}期进展通报"
            body = (
                f"{place}市今日发布{topic}情况，累计完成{rng.randint(10, 999)}项，同比增长{rng.randint(1, 40)}%。",
                f"有关负责人表示，{topic}将继续推进，词{i % 40}相关工作按计划开展。",
            )
            published = datetime(2021, 12, 8, 9, 0, tzinfo=SHANGHAI) + timedelta(seconds=60 * i)
            article = Article(
                id=f"{i:04x}load",
                title=title,
                published=published.astimezone(UTC),
                paragraphs=body,
                categories=(LOAD,),
                url=f"http://example.com/load/{i}",
                summary=(body[0],),
            )
            store.upsert(article, content_hash=f"h{i}")


class GatedCache(StoryCache):
    """Counts the groupings of the test's category and holds the first one until ``gate`` opens."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.opened_in_time: bool | None = None
        self.load_misses = 0

    def grouping(self, window: Sequence[Article], params: Any = None) -> Grouping:
        before = self.misses
        if window and LOAD in window[0].categories and self.opened_in_time is None:
            self.opened_in_time = self.gate.wait(timeout=10)  # on the event loop this wait stops /help
        result = super().grouping(window, params)
        if window and LOAD in window[0].categories:
            self.load_misses += self.misses - before
        return result


async def test_a_slot_of_many_mute_lists_groups_the_day_once_and_others_are_answered_meanwhile(
    bot: BotHarness,
) -> None:
    scheduler = bot.app.bot_data.delivery.scheduler
    await asyncio.wait_for(scheduler.caught_up.wait(), timeout=30)
    _load_articles(bot.store)
    with bot.store.transaction():
        for chat_id in MUTED_CHATS:
            bot.tg.add_chat(chat_id, chat_type="private")
            bot.chats.ensure(chat_id, "private")
            bot.chats.subscribe(chat_id, LOAD)
            bot.chats.set_time(chat_id, dt_time(16, 0))
            bot.services.watchlist.add("mutes", chat_id, f"词{chat_id % 40}", limit=20)
    bot.tg.add_chat(OTHER, chat_type="private")
    cache = scheduler.cache = GatedCache()
    check = asyncio.create_task(scheduler.check_due_off_loop(utc(DAY, 8)))  # the 16:00 Shanghai slot
    [help_reply] = await bot.ask(OTHER, "/help")  # answered while the slot is being composed
    cache.gate.set()
    report = await asyncio.wait_for(check, timeout=60)
    assert cache.opened_in_time is True  # the composition waited for /help, not the other way round
    assert "/subscribe" in help_reply.plain_text
    assert report.enqueued == len(MUTED_CHATS)
    assert cache.load_misses == 1  # one grouping of the day for 40 mute lists
    for chat_id in (MUTED_CHATS[0], MUTED_CHATS[-1]):
        await bot.tg.wait_for_messages(chat_id, 1, timeout=15)  # queued, then sent


async def test_two_digests_of_the_same_day_group_it_once(bot: BotHarness) -> None:
    await asyncio.wait_for(bot.app.bot_data.delivery.scheduler.caught_up.wait(), timeout=30)
    cache = bot.services.composer.cache = StoryCache()  # cold: what /digest itself groups
    for chat_id in (OTHER, OTHER + 1):
        bot.tg.add_chat(chat_id, chat_type="private")
        await bot.ask(chat_id, "/digest emnews")
    assert (cache.misses, cache.hits) == (1, 1)


async def test_a_rescan_groups_the_day_before_a_reader_asks(bot: BotHarness, new_posts: Path) -> None:
    scheduler = bot.app.bot_data.delivery.scheduler
    await asyncio.wait_for(scheduler.caught_up.wait(), timeout=30)
    (new_posts / "2021-12-08-late.md").write_text(
        make_post(
            "天津港集装箱吞吐量创新高",
            "天津港今日集装箱吞吐量创新高。",
            date="2021-12-08 15:40:00 +0800",
            categories="emnews",
        ),
        encoding="utf-8",
    )
    await scheduler.rescan_posts()
    cache = bot.services.story_cache
    misses = cache.misses
    bot.tg.add_chat(OTHER, chat_type="private")
    [*_, digest] = await bot.ask(OTHER, "/digest emnews")
    assert "天津港集装箱吞吐量创新高" in digest.plain_text
    assert cache.misses == misses  # found grouped
