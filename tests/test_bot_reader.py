"""Reader commands end to end: the real Application over HTTP against FakeTelegram."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from tests.helpers import CLOCK, USER, BotHarness


async def test_start_welcomes_in_chinese_with_a_subscribe_keyboard_and_records_the_chat(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/start")
    assert "你好" in reply.plain_text and "/latest 京津冀" in reply.plain_text
    assert {"sub:emnews", "sub:beifangwang"} <= set(reply.callback_data())
    assert next(b["text"] for b in reply.buttons()).startswith("➕")
    assert bot.chats.get(USER) is not None


async def test_start_reactivates_a_chat_that_was_marked_inactive(bot: BotHarness) -> None:
    bot.chats.ensure(USER, "private")
    bot.chats.deactivate(USER, "blocked")
    [reply] = await bot.ask(USER, "/start")
    assert "欢迎回来" in reply.plain_text
    assert bot.chats.get(USER).active


async def test_toggle_button_subscribes_then_unsubscribes_editing_the_keyboard_in_place(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/subscribe")
    answer = await bot.press(USER, reply.message_id, "sub:emnews")
    assert "已订阅" in (answer.text or "")
    await bot.wait_edits(USER, 1)
    current = bot.tg.current(USER, reply.message_id)
    labels = {b["callback_data"]: b["text"] for b in current.buttons()}
    assert labels["sub:emnews"].startswith("✅") and labels["sub:beifangwang"].startswith("➕")
    assert bot.chats.subscriptions(USER) == ["emnews"]

    answer = await bot.press(USER, reply.message_id, "sub:emnews")
    assert "取消" in (answer.text or "")
    await bot.wait_edits(USER, 2)
    labels = {b["callback_data"]: b["text"] for b in bot.tg.current(USER, reply.message_id).buttons()}
    assert labels["sub:emnews"].startswith("➕")
    assert bot.chats.subscriptions(USER) == []


async def test_subscribe_by_slug_or_display_name_case_insensitively(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/subscribe EMNEWS 北方网新闻")
    assert "已订阅" in reply.plain_text and "东财滚动新闻" in reply.plain_text and "北方网新闻" in reply.plain_text
    assert bot.chats.subscriptions(USER) == ["beifangwang", "emnews"]
    [again] = await bot.ask(USER, "/subscribe emnews")
    assert "之前已订阅" in again.plain_text


async def test_unknown_category_gets_the_closest_matches(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/subscribe emnwes")
    assert "找不到分类" in reply.plain_text and "东财滚动新闻" in reply.plain_text
    [partial] = await bot.ask(USER, "/subscribe 北方网")
    assert "北方网新闻" in partial.plain_text
    assert bot.chats.subscriptions(USER) == []


async def test_unsubscribe_keyboard_all_and_by_name(bot: BotHarness) -> None:
    [empty] = await bot.ask(USER, "/unsubscribe")
    assert "还没有订阅" in empty.plain_text
    await bot.ask(USER, "/subscribe emnews beifangwang")
    [keyboard] = await bot.ask(USER, "/unsubscribe")
    assert set(keyboard.callback_data()) == {"sub:emnews", "sub:beifangwang"}
    await bot.press(USER, keyboard.message_id, "sub:beifangwang")
    await bot.wait_edits(USER, 1)
    # The removed category stays on the keyboard (➕) so it can be re-added.
    assert set(bot.tg.current(USER, keyboard.message_id).callback_data()) == {"sub:emnews", "sub:beifangwang"}
    [by_name] = await bot.ask(USER, "/unsubscribe 东财滚动新闻")
    assert "已取消订阅" in by_name.plain_text
    await bot.ask(USER, "/subscribe emnews beifangwang")
    [everything] = await bot.ask(USER, "/unsubscribe all")
    assert "2" in everything.plain_text and bot.chats.subscriptions(USER) == []


async def test_categories_lists_display_names_and_counts(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/categories")
    assert "东财滚动新闻" in reply.plain_text and "28 篇" in reply.plain_text
    assert "北方网新闻" in reply.plain_text and "1 篇" in reply.plain_text


async def test_help_lists_every_reader_command_with_an_example_but_no_admin_commands(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/help")
    for command in (
        "start",
        "help",
        "categories",
        "subscribe",
        "unsubscribe",
        "mysubs",
        "settime",
        "timezone",
        "latest",
        "digest",
    ):
        assert f"/{command}" in reply.plain_text
    assert "/latest 京津冀" in reply.plain_text
    assert "/push" not in reply.plain_text


async def test_settime_accepts_short_and_full_width_times_and_mysubs_shows_them(bot: BotHarness) -> None:
    [shown] = await bot.ask(USER, "/settime")
    assert "08:00" in shown.plain_text and "默认" in shown.plain_text
    [ok] = await bot.ask(USER, "/settime 7:05")
    assert "07:05" in ok.plain_text and bot.chats.get(USER).digest_time == time(7, 5)
    [wide] = await bot.ask(USER, "/settime ０８：３０")
    assert "08:30" in wide.plain_text and bot.chats.get(USER).digest_time == time(8, 30)
    [bad] = await bot.ask(USER, "/settime 25:00")
    assert "不是有效的时间" in bad.plain_text and bot.chats.get(USER).digest_time == time(8, 30)
    await bot.ask(USER, "/subscribe emnews")
    [mine] = await bot.ask(USER, "/mysubs")
    assert "东财滚动新闻" in mine.plain_text and "08:30" in mine.plain_text and "Asia/Shanghai" in mine.plain_text


async def test_timezone_validates_and_suggests_close_names(bot: BotHarness) -> None:
    [shown] = await bot.ask(USER, "/timezone")
    assert "Asia/Shanghai" in shown.plain_text
    [ok] = await bot.ask(USER, "/timezone europe/berlin")
    assert "Europe/Berlin" in ok.plain_text and bot.chats.get(USER).timezone == "Europe/Berlin"
    [typo] = await bot.ask(USER, "/timezone Asia/Shangai")
    assert "不认识的时区" in typo.plain_text and "Asia/Shanghai" in typo.plain_text
    [city] = await bot.ask(USER, "/timezone Tokyo")
    assert "Asia/Tokyo" in city.plain_text
    assert bot.chats.get(USER).timezone == "Europe/Berlin"


async def test_timezone_understands_offsets_and_what_chinese_readers_type(bot: BotHarness) -> None:
    # The clock is CLOCK (16:00 Shanghai = 08:00 UTC), so each zone's local time is known.
    for raw, zone, local in (
        ("UTC+8", "Etc/GMT-8", "16:00"),
        ("GMT+08:00", "Etc/GMT-8", "16:00"),
        ("上海", "Asia/Shanghai", "16:00"),
        ("北京时间", "Asia/Shanghai", "16:00"),
        ("香港", "Asia/Hong_Kong", "16:00"),
        ("台北", "Asia/Taipei", "16:00"),
        ("东京时间", "Asia/Tokyo", "17:00"),
        ("UTC-5", "Etc/GMT+5", "03:00"),
    ):
        [ok] = await bot.ask(USER, f"/timezone {raw}")
        assert bot.chats.get(USER).timezone == zone, raw
        assert f"当地时间 {local}" in ok.plain_text, raw
    # A fixed offset is shown as the reader wrote it, never as tzdata's inverted Etc/GMT+5.
    assert "UTC-5" in ok.plain_text and "Etc/GMT" not in ok.plain_text
    [mine] = await bot.ask(USER, "/mysubs")
    assert "UTC-5" in mine.plain_text
    [unknown] = await bot.ask(USER, "/timezone 火星")
    assert "不认识的时区" in unknown.plain_text and "UTC+8" in unknown.plain_text and "上海" in unknown.plain_text
    [country] = await bot.ask(USER, "/timezone 美国")
    assert "America/New_York" in country.plain_text and "America/Los_Angeles" in country.plain_text
    [half] = await bot.ask(USER, "/timezone UTC+5:30")
    assert "Asia/Kolkata" in half.plain_text
    assert bot.chats.get(USER).timezone == "Etc/GMT+5"


async def test_latest_jingjinji_shows_a_bold_linked_title_outlet_time_and_key_sentences(bot: BotHarness) -> None:
    # The only 京津冀 post is dated 2022-02-25, after the tests' clock: /latest leaves it out till then.
    [early] = await bot.ask(USER, "/latest 京津冀")
    assert "1 篇文章日期都在未来（最早 2022年2月25日）" in early.plain_text and "没有找到" not in early.plain_text
    bot.clock.now = datetime(2022, 3, 1, 9, 0, tzinfo=UTC)
    [reply] = await bot.ask(USER, "/latest 京津冀")
    assert "<b><a href=" in reply.text
    assert "京津冀协同发展" in reply.plain_text
    assert "北方网" in reply.plain_text and "16:37" in reply.plain_text
    assert "会展经济" in reply.plain_text  # a key sentence of the article
    assert not reply.buttons()  # a single result: no "more"


async def test_latest_more_button_pages_through_results_in_order(bot: BotHarness) -> None:
    [first] = await bot.ask(USER, "/latest 市场 2")
    assert "1." in first.plain_text and "2." in first.plain_text and "3." not in first.plain_text
    [data] = first.callback_data()
    assert data.startswith("more:") and len(data.encode()) <= 64
    before = len(bot.tg.messages(USER))
    await bot.press(USER, first.message_id, data)
    [second] = (await bot.tg.wait_for_messages(USER, before + 1))[before:]
    assert "3." in second.plain_text and "更多结果" in second.plain_text
    await bot.wait_edits(USER, 1)
    assert not bot.tg.current(USER, first.message_id).buttons()  # the used button is gone


async def test_latest_expired_more_token_asks_to_search_again(bot: BotHarness) -> None:
    [first] = await bot.ask(USER, "/latest 市场 2")
    bot.store.db.execute("DELETE FROM lookups")  # what a restart with expired tokens looks like
    answer = await bot.press(USER, first.message_id, first.callback_data()[0])
    assert "重新搜索" in (answer.text or "")


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. ", text, flags=re.M)]


async def test_latest_count_is_capped_at_20_and_defaults_to_5(bot: BotHarness) -> None:
    [five] = await bot.ask(USER, "/latest 的")
    assert _numbers(five.plain_text) == [1, 2, 3, 4, 5]
    [note, results] = await bot.ask(USER, "/latest 的 999", count=2)
    assert "最多显示 20 条" in note.plain_text
    matches = len(bot.store.search("的", n=20, until=CLOCK))  # not the post dated after the clock
    assert _numbers(results.plain_text) == list(range(1, min(matches, 20) + 1))


def test_latest_arguments_keyword_count_and_cap() -> None:
    from bot.arguments import LatestArgs, parse_latest_args

    assert parse_latest_args(["京津冀"]) == LatestArgs("京津冀", 5, False)
    assert parse_latest_args(["京津冀", "10"]) == LatestArgs("京津冀", 10, False)
    assert parse_latest_args(["京津冀", "１０"]) == LatestArgs("京津冀", 10, False)
    assert parse_latest_args(["京津冀", "999"]) == LatestArgs("京津冀", 20, True)
    assert parse_latest_args(["2021"]) == LatestArgs("2021", 5, False)  # a number alone is the keyword
    assert parse_latest_args(["a", "b", "0"]) == LatestArgs("a b", 1, False)


async def test_latest_without_keyword_gives_usage_and_nothing_found_suggests_categories(bot: BotHarness) -> None:
    [usage] = await bot.ask(USER, "/latest")
    assert "用法" in usage.plain_text and "/latest 京津冀" in usage.plain_text
    [none] = await bot.ask(USER, "/latest 火星殖民地")
    assert "没有找到" in none.plain_text and "东财滚动新闻" in none.plain_text


@pytest.mark.parametrize("keyword", ['"', "NEAR(", "AND", '"京津冀" OR *', "<b>&amp;</b>"])
async def test_latest_with_fts_operators_or_markup_is_plain_text(bot: BotHarness, keyword: str) -> None:
    [reply] = await bot.ask(USER, f"/latest {keyword}")
    # The keyword is searched as text (never FTS syntax) and echoed back as text, never as markup.
    expected = "的最新文章" if bot.store.search(keyword, 1, order="newest") else "没有找到包含"
    assert expected in reply.plain_text and f"「{keyword}」" in reply.plain_text
    assert "出错了" not in reply.plain_text  # not the error handler's apology


async def test_very_long_arguments_are_handled_within_limits(bot: BotHarness) -> None:
    long = "京" * 5000
    [latest] = await bot.ask(USER, f"/latest {long}")
    assert "没有找到" in latest.plain_text and len(latest.plain_text) < 400
    [sub] = await bot.ask(USER, f"/subscribe {'x' * 5000}")
    assert "找不到分类" in sub.plain_text and len(sub.plain_text) < 400
    [tz] = await bot.ask(USER, f"/timezone {'Asia/' * 1000}")
    assert "不认识的时区" in tz.plain_text


async def test_digest_for_a_category_and_for_each_subscription(bot: BotHarness) -> None:
    [one] = await bot.ask(USER, "/digest emnews")
    assert "东财滚动新闻" in one.plain_text and "<a href=" in one.text
    [hint] = await bot.ask(USER, "/digest")
    assert "还没有订阅" in hint.plain_text
    await bot.ask(USER, "/subscribe emnews beifangwang")
    replies = await bot.ask(USER, "/digest", count=2)
    assert "东财滚动新闻" in replies[0].plain_text or "东财滚动新闻" in replies[1].plain_text
    assert any("北方网新闻" in r.plain_text and "暂无新消息" in r.plain_text for r in replies)


async def test_digest_with_an_empty_last_day_shows_the_latest_day_with_news(bot: BotHarness) -> None:
    bot.clock.now = datetime(2021, 12, 20, 9, 0, tzinfo=UTC)
    note, digest = await bot.ask(USER, "/digest emnews", count=2)
    assert "今天还没有新文章" in note.plain_text
    assert "2021年12月8日" in digest.plain_text and "共 28 篇" in digest.plain_text


async def test_digest_now_is_todays_calendar_day_labelled_as_the_command_line_labels_it(
    bot: BotHarness, db_path: Path
) -> None:
    from click.testing import CliRunner

    from bot.cli import cli

    [digest] = await bot.ask(USER, "/digest emnews")  # the clock: 2021-12-08 16:00 in Shanghai
    cli_text = CliRunner().invoke(
        cli, ["digest", "-c", "emnews", "--date", "2021-12-08", "--format", "text", "--db", str(db_path)]
    )
    assert cli_text.exit_code == 0, cli_text.output
    header = "东财滚动新闻 · 2021年12月8日"
    assert header in digest.plain_text and header in cli_text.output


async def test_unknown_commands_and_stray_text_point_to_help(bot: BotHarness) -> None:
    [unknown] = await bot.ask(USER, "/frobnicate now")
    assert "/help" in unknown.plain_text and "/frobnicate" in unknown.plain_text
    [text] = await bot.ask(USER, "你好")
    assert "/latest" in text.plain_text


async def test_command_menus_reader_by_default_and_admin_menu_for_admins(bot: BotHarness) -> None:
    from tests.conftest import ADMIN

    default = [c["command"] for c in bot.tg.commands("default") or []]
    assert "latest" in default and "push" not in default
    admin = [c["command"] for c in bot.tg.commands({"type": "chat", "chat_id": ADMIN}) or []]
    assert {"latest", "push", "stats", "ingest"} <= set(admin)
    assert all(c["description"] for c in bot.tg.commands("default") or [])


async def test_a_reply_answered_with_429_waits_retry_after_and_still_arrives(bot: BotHarness) -> None:
    bot.expected_errors.append("Too Many Requests")
    throttle = bot.tg.inject("sendMessage", chat_id=USER, error="retry_after", retry_after=1, times=1)
    [reply] = await bot.ask(USER, "/help")
    assert throttle.hits == 1 and "/latest" in reply.plain_text
