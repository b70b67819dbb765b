"""Each chat reads its own script: /script, the language guess, replies, keyboards, deliveries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.channels import parse_add_args
from bot.stores.chats import ChatStore
from bot.stores.outbox import Outbox
from digests import schema
from digests.hanzi import script_for_language, to_script
from digests.records import Category
from digests.render import in_script
from digests.store import Store
from tests.helpers import ADMIN, CLOCK, DAY, USER, BotHarness, MovingClock, ScheduledBot
from tests.test_scheduling import utc
from tests.test_script_matching import TW_TSMC

# A Central News Agency report (tests/test_script_matching.py), in the sample posts' category and day.
TW_ARTICLE = replace(TW_TSMC, published=datetime(2021, 12, 8, 2, 0, tzinfo=UTC), categories=("emnews",))


def test_a_new_chats_script_is_guessed_from_its_language_code():
    assert script_for_language("zh-hant") == "繁"
    assert script_for_language("zh-Hant-TW") == "台"
    assert script_for_language("zh-tw") == "台"
    assert script_for_language("zh-hk") == "港"
    assert script_for_language("zh-hans") == script_for_language("zh") == script_for_language("en") == "简"
    assert script_for_language(None) == "简"


def test_the_guess_is_made_once_and_a_chosen_script_stays():
    store = Store(":memory:", clock=MovingClock(CLOCK))
    chats = ChatStore(store.db, clock=store.clock)
    assert chats.ensure(7, "private", language="zh-hk").script == "港"
    chats.set_script(7, "简")
    assert chats.ensure(7, "group", "renamed", language="zh-hk").script == "简"  # known chat: not guessed again
    assert chats.scripts([7, 8]) == {7: "简", 8: "简"}


async def test_start_says_the_guessed_script_in_it(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/start", language_code="zh-hant-tw")
    assert bot.chats.get(USER).script == "台"
    assert "繁體中文" in reply.plain_text and "顯示" in reply.plain_text and "/script" in reply.plain_text
    assert "显示" not in reply.plain_text
    # The keyboard's labels are Traditional; what the buttons send is not touched.
    assert {"sub:emnews", "sub:beifangwang"} <= set(reply.callback_data())
    assert any("東財滾動新聞" in b["text"] for b in reply.buttons())
    [simplified] = await bot.ask(USER + 1, "/start", language_code="zh-hans")
    assert "简体中文" in simplified.plain_text and "显示" in simplified.plain_text


async def test_script_command_switches_every_reply_and_back(bot: BotHarness) -> None:
    [shown] = await bot.ask(USER, "/script")
    assert "简体中文" in shown.plain_text and "用法" in shown.plain_text
    [reply] = await bot.ask(USER, "/script 繁")
    assert bot.chats.get(USER).script == "繁"
    assert "繁體中文" in reply.plain_text and "摘要、提醒" in reply.plain_text and "顯示" in reply.plain_text
    [help_reply] = await bot.ask(USER, "/help")
    assert "訂閱" in help_reply.plain_text and "订阅" not in help_reply.plain_text
    [subscribed] = await bot.ask(USER, "/subscribe emnews")
    assert "已訂閱" in subscribed.plain_text
    # What a 繁 reader reads back as the command (/script 簡) works.
    [back] = await bot.ask(USER, "/script 簡")
    assert bot.chats.get(USER).script == "简" and "简体中文" in back.plain_text


async def test_an_unknown_script_gets_the_usage(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/script 火星文")
    assert "不认识" in reply.plain_text and "/script 繁" in reply.plain_text
    assert bot.chats.get(USER).script == "简"


async def test_latest_in_either_script_finds_both_and_shows_the_chats_script(bot: BotHarness) -> None:
    bot.store.upsert(TW_ARTICLE, content_hash="tw")
    [simplified] = await bot.ask(USER, "/latest 台积电")
    assert "台积电董事会核准资本预算" in simplified.plain_text
    await bot.ask(USER, "/script 台")
    [taiwan] = await bot.ask(USER, "/latest 臺積電")
    assert "董事會核准資本預算" in taiwan.plain_text
    [money] = await bot.ask(USER, "/latest 北向资金")
    assert "北向資金" in money.plain_text and "北向资金" not in money.plain_text


async def test_a_traditional_chats_scheduled_digest_is_queued_and_sent_in_traditional(
    scheduled_bot: ScheduledBot,
) -> None:
    scheduled_bot.chats.set_script(1, "繁")
    scheduled_bot.outbox.digests.record(1, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 8))
    scheduled_bot.outbox.digests.record(2, "emnews", "2021-12-07", utc(DAY - timedelta(days=1), 7, 30))
    scheduled_bot.clock.now = utc(DAY, 8, 1)  # 16:01 in Shanghai: chat 1's digest; chat 2's too (07:30 London)
    assert scheduled_bot.check().enqueued == 2
    await scheduled_bot.drain()
    traditional, simplified = scheduled_bot.digests(1), scheduled_bot.digests(2)
    assert "東財滾動新聞" in traditional[0] and "东财滚动新闻" in simplified[0]
    # The outbox holds exactly what was sent.
    stored = scheduled_bot.outbox.conn.execute("SELECT html FROM outbox WHERE chat_id = 1 ORDER BY part").fetchall()
    assert [row[0] for row in stored] == traditional


def test_breaking_pushes_and_alerts_are_queued_in_each_recipients_script():
    store = Store(":memory:", clock=MovingClock(CLOCK))
    chats = ChatStore(store.db, clock=store.clock)
    for chat_id, code in ((1, "简"), (2, "繁"), (3, "港"), (4, "台")):
        chats.ensure(chat_id, "private")
        chats.set_script(chat_id, code)
    outbox = Outbox(store.db, clock=store.clock, scripts=chats.scripts)
    html = '⚡ <b>台积电发布新软件</b> <a href="https://example.com/台积电">原文</a>'
    outbox.enqueue_breaking("k", html, [1, 2, 3, 4], admin_chat_id=None)
    outbox.enqueue_messages(2, "alert", "r", ["🔔 关注：汇丰"])
    rows = dict(store.db.execute("SELECT chat_id, html FROM outbox WHERE kind = 'breaking'").fetchall())
    assert rows[1] == html
    assert rows[2] == '⚡ <b>臺積電發佈新軟件</b> <a href="https://example.com/台积电">原文</a>'
    assert "台積電" in rows[3] and "軟件" in rows[3]
    assert "台積電" in rows[4] and "軟體" in rows[4]  # Taiwan phrasing
    [(alert,)] = store.db.execute("SELECT html FROM outbox WHERE kind = 'alert'").fetchall()
    assert alert == "🔔 關注：滙豐"


def test_converting_never_touches_tags_links_or_rare_glyphs_and_respects_the_limit():
    html = '<a href="https://x.example/台湾?q=里">台湾里面</a> 郭明錤表示'
    assert to_script(html, "繁") == '<a href="https://x.example/台湾?q=里">臺灣裏面</a> 郭明錤表示'
    # t2s would write 錤 as a character most fonts lack: names stay as the outlets write them.
    assert to_script("郭明錤表示，臺積電", "简") == "郭明錤表示，台积电"
    long = "U盘" * 1500  # s2twp writes 隨身碟: longer than Telegram takes
    assert in_script(long, "台") == long
    assert in_script("U盘", "台") == "隨身碟"


def test_channel_add_takes_a_script_among_its_arguments():
    cats = [Category("emnews", "东财滚动新闻", 3)]
    parsed = parse_add_args(["emnews", "08:00", "繁"], cats)
    assert parsed.script == "繁" and [c.slug for c in parsed.categories] == ["emnews"] and not parsed.unknown
    assert parse_add_args(["港", "emnews"], cats).script == "港"
    assert parse_add_args(["emnews"], cats).script is None


def test_chats_from_before_read_simplified(tmp_path):
    path = tmp_path / "old.db"
    store = Store(path, clock=MovingClock(CLOCK))
    store.db.execute("INSERT INTO chats(chat_id, created_at, updated_at) VALUES (5, '2024', '2024')")
    store.db.execute("ALTER TABLE chats DROP COLUMN script")  # as version 7 left it
    store.db.execute("PRAGMA user_version = 7")
    store.db.conn.commit()
    store.close()
    upgraded = Store(path, clock=MovingClock(CLOCK))
    assert schema.version(upgraded.db.conn) == schema.LATEST
    assert ChatStore(upgraded.db, clock=upgraded.clock).get(5).script == "简"


async def test_a_channel_bound_in_traditional_gets_its_digest_in_traditional(bot: BotHarness) -> None:
    from tests.test_bot_channels import CHANNEL, _add_channel, _bind

    _add_channel(bot)
    reply = await _bind(bot, "/channel add @caijing_kx emnews 16:00 繁")
    assert "已绑定频道" in reply and "繁体中文" in reply  # the admin's own chat reads Simplified
    assert bot.chats.get(CHANNEL).script == "繁"
    assert bot.app.bot_data.delivery.scheduler.check_due().enqueued == 1
    [digest] = await bot.tg.wait_for_messages(CHANNEL, 1)
    assert "東財滾動新聞" in digest.plain_text and "东财滚动新闻" not in digest.plain_text
    [listing] = await bot.ask(ADMIN, "/channel list")
    assert "繁体中文" in listing.plain_text
