"""Admin commands end to end: /push preview → confirm/cancel → outbox → delivery, /stats, /ingest, refusals."""

from __future__ import annotations

import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import ADMIN, USER, BotHarness

OTHER = 1002


def _subscribe(bot: BotHarness, chat_id: int, *slugs: str) -> None:
    bot.tg.add_chat(chat_id, chat_type="private")
    bot.chats.ensure(chat_id, "private")
    for slug in slugs:
        bot.chats.subscribe(chat_id, slug)


def _outbox_rows(bot: BotHarness) -> list[tuple[int, str]]:
    return bot.store.db.execute("SELECT chat_id, kind FROM outbox ORDER BY chat_id").fetchall()


@pytest.mark.parametrize("command", ["/push emnews 测试", "/stats", "/ingest"])
async def test_non_admins_are_refused_and_the_attempt_is_logged(
    bot: BotHarness, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.admin"):
        [reply] = await bot.ask(USER, command)
    assert "管理员" in reply.plain_text and "⛔" in reply.plain_text
    assert any(str(USER) in r.getMessage() and command.split()[0] in r.getMessage() for r in caplog.records)
    assert _outbox_rows(bot) == []


async def test_push_without_content_gives_usage_and_unknown_category_suggestions(bot: BotHarness) -> None:
    [usage] = await bot.ask(ADMIN, "/push")
    assert "用法" in usage.plain_text
    [unknown] = await bot.ask(ADMIN, "/push emnew 突发消息")
    assert "找不到分类" in unknown.plain_text and "东财滚动新闻" in unknown.plain_text


async def test_push_text_preview_confirm_enqueues_and_delivers_to_subscribers(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    _subscribe(bot, OTHER, "emnews", "beifangwang")
    _subscribe(bot, 1003, "beifangwang")  # not an emnews subscriber: must not get it
    [preview] = await bot.ask(ADMIN, "/push emnews 央行宣布 <全面> 降准 & 降息")
    assert "突发" in preview.plain_text and "央行宣布 <全面> 降准 & 降息" in preview.plain_text
    assert "2 个聊天" in preview.plain_text
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    assert len(ok.encode()) <= 64
    answer = await bot.press(ADMIN, preview.message_id, ok)
    assert "队列" in (answer.text or "")
    assert sorted(c for c, kind in _outbox_rows(bot) if kind == "breaking") == [USER, OTHER]
    for chat_id in (USER, OTHER):
        [pushed] = await bot.tg.wait_for_messages(chat_id, 1)
        assert "降准 & 降息" in pushed.plain_text
    assert not bot.tg.messages(1003)
    await bot.wait_edits(ADMIN, 1)
    assert "已加入发送队列" in bot.tg.current(ADMIN, preview.message_id).plain_text
    # The delivery side reports the finished broadcast to the admin.
    report = await bot.tg.wait_until(
        lambda: [m for m in bot.tg.messages(ADMIN)[1:] if "2" in m.plain_text], what="broadcast report"
    )
    assert report


async def test_push_by_article_id_to_all_and_cancel_sends_nothing(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    article = bot.store.search("京津冀", 1)[0]
    [preview] = await bot.ask(ADMIN, f"/push all {article.id}")
    assert "<b><a href=" in preview.text and "京津冀协同发展" in preview.plain_text
    assert "所有订阅者" in preview.plain_text and "1 个聊天" in preview.plain_text
    cancel = next(d for d in preview.callback_data() if d.startswith("push:no:"))
    await bot.press(ADMIN, preview.message_id, cancel)
    await bot.wait_edits(ADMIN, 1)
    assert "已取消" in bot.tg.current(ADMIN, preview.message_id).plain_text
    assert not bot.tg.current(ADMIN, preview.message_id).buttons()
    assert _outbox_rows(bot) == []
    # A second press on the old confirm (e.g. a stale client) does nothing but say so.
    ok = cancel.replace("push:no:", "push:ok:")
    answer = await bot.press(ADMIN, preview.message_id, ok, check_button=False)
    assert "失效" in (answer.text or "")
    assert _outbox_rows(bot) == []


async def test_push_by_article_url_renders_the_article(bot: BotHarness) -> None:
    _subscribe(bot, USER, "beifangwang")
    article = bot.store.search("京津冀", 1)[0]
    [preview] = await bot.ask(ADMIN, f"/push beifangwang {article.url}")
    assert article.title in preview.plain_text and "北方网" in preview.plain_text


async def test_push_with_no_recipients_has_no_confirm_button(bot: BotHarness) -> None:
    [preview] = await bot.ask(ADMIN, "/push beifangwang 测试")
    assert "没有可发送的聊天" in preview.plain_text and not preview.buttons()


async def test_push_non_admin_pressing_confirm_is_refused(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    bot.tg.add_chat(-100500, chat_type="supergroup", admins=[ADMIN, USER])
    [preview] = await bot.ask(-100500, "/push@newsbot_test_bot emnews 测试", user_id=ADMIN)
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    answer = await bot.press(-100500, preview.message_id, ok, user_id=USER)
    assert "管理员" in (answer.text or "")
    assert _outbox_rows(bot) == []


async def test_stats_shows_subscribers_articles_today_and_deliveries(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    _subscribe(bot, OTHER, "emnews", "beifangwang")
    bot.services.watchlist.add("watches", USER, "京津冀", limit=20)
    bot.services.watchlist.add("watches", USER, "雄安", limit=20)
    bot.services.watchlist.add("mutes", OTHER, "广告", limit=20)
    [stats] = await bot.ask(ADMIN, "/stats")
    text = stats.plain_text
    assert "东财滚动新闻：2" in text and "北方网新闻：1" in text
    assert "今日新文章：28" in text  # the fixture day (clock 2021-12-08 16:00 Shanghai)
    assert "今日投递：成功 0" in text
    assert "关键词关注：2（1 个聊天），屏蔽词：1，绑定频道：0" in text


async def test_ingest_rescans_and_reports_the_summary(bot: BotHarness) -> None:
    [started, done] = await bot.ask(ADMIN, "/ingest", count=2)
    assert "扫描" in started.plain_text
    assert "未变 29" in done.plain_text and "新增 0" in done.plain_text


async def test_a_failing_handler_reaches_the_error_handler_with_a_useful_reply(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bot.store, "search", boom)
    with caplog.at_level(logging.ERROR):
        [reply] = await bot.ask(USER, "/latest 京津冀")
    assert "出错了，请稍后再试" in reply.plain_text and "/latest" in reply.plain_text
    assert "Traceback" not in reply.plain_text and "disk on fire" not in reply.plain_text
    assert any(r.exc_info and "disk on fire" in str(r.exc_info[1]) for r in caplog.records)
    # Error handlers run one after another: the reply's handler first, the harness's recorder next.
    await bot.tg.wait_until(lambda: bot.handler_errors, what="the error recorded")
    assert [str(e) for e in bot.handler_errors] == ["disk on fire"]
    bot.handler_errors.clear()  # provoked on purpose; any other raising handler fails the test


# --- repeated pushes and forged buttons ------------------------------------------------------------


async def _preview(bot: BotHarness, text: str, chat_id: int = ADMIN) -> tuple[int, str, list[dict[str, str]]]:
    [preview] = await bot.ask(chat_id, text, user_id=ADMIN)
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    return preview.message_id, ok, preview.buttons()


def _copies(bot: BotHarness, chat_id: int, text: str) -> int:
    return sum(text in m.plain_text for m in bot.tg.messages(chat_id))


async def test_repeating_a_push_says_when_it_went_out_and_sends_again_only_on_a_knowing_confirm(
    bot: BotHarness,
) -> None:
    _subscribe(bot, USER, "emnews")
    _subscribe(bot, OTHER, "emnews")
    message_id, ok, _ = await _preview(bot, "/push emnews 同一条消息")
    await bot.press(ADMIN, message_id, ok)
    for chat_id in (USER, OTHER):
        await bot.tg.wait_for_messages(chat_id, 1)
    await bot.tg.wait_until(lambda: _copies(bot, ADMIN, "推送报告") == 1, what="the first report")

    [again] = await bot.ask(ADMIN, "/push emnews 同一条消息")
    assert "已于" in again.plain_text and "推送过（广播 #1，已送达 2 个聊天）" in again.plain_text
    assert "再次确认会重新发送" in again.plain_text
    assert again.buttons()[0]["text"] == "🔁 确认再次发送"
    ok_again = next(d for d in again.callback_data() if d.startswith("push:ok:"))
    answer = await bot.press(ADMIN, again.message_id, ok_again)
    assert "队列" in (answer.text or "")
    for chat_id in (USER, OTHER):
        await bot.tg.wait_for_messages(chat_id, 2)
        assert _copies(bot, chat_id, "同一条消息") == 2
    await bot.tg.wait_until(lambda: _copies(bot, ADMIN, "推送报告") == 2, what="the second report")
    assert "已送达 2" in bot.tg.messages(ADMIN)[-1].plain_text


async def test_a_preview_confirmed_after_the_same_item_went_out_is_refused_with_the_time(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    first_id, first_ok, _ = await _preview(bot, "/push emnews 两个预览")
    second_id, second_ok, buttons = await _preview(bot, "/push emnews 两个预览")
    assert buttons[0]["text"] == "✅ 确认发送"  # nothing went out yet when both were made
    await bot.press(ADMIN, first_id, first_ok)
    await bot.tg.wait_for_messages(USER, 1)
    answer = await bot.press(ADMIN, second_id, second_ok)
    assert answer.show_alert and "没有发送：已于" in (answer.text or "")
    edited = await bot.tg.wait_until(
        lambda: (m := bot.tg.current(ADMIN, second_id)) and "⛔ 没有发送" in m.plain_text and m, what="the refusal"
    )
    assert "推送过（广播 #1）" in edited.plain_text and not edited.buttons()
    await bot.tg.wait_until(lambda: _copies(bot, ADMIN, "推送报告") == 1, what="the report")
    assert _copies(bot, USER, "两个预览") == 1
    assert [kind for _, kind in _outbox_rows(bot)].count("breaking") == 1


async def test_a_push_shows_each_chat_its_own_zone_labelled_in_preview_delivery_and_repeat_warning(
    bot: BotHarness,
) -> None:
    berlin, shanghai = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Shanghai")
    _subscribe(bot, USER, "emnews", "beifangwang")
    _subscribe(bot, OTHER, "emnews", "beifangwang")
    bot.chats.ensure(ADMIN, "private")
    for chat_id in (ADMIN, USER):
        bot.chats.set_timezone(chat_id, "Europe/Berlin")
    for chat_id in (USER, OTHER):
        # Their digest is not due on the test clock: the first message each gets is the push.
        bot.chats.set_time(chat_id, time(23, 0))
    article = bot.store.search("京津冀", 1)[0]
    at_berlin = article.published.astimezone(berlin).strftime("%H:%M")
    at_shanghai = article.published.astimezone(shanghai).strftime("%H:%M")
    assert at_berlin != at_shanghai

    message_id, ok, _ = await _preview(bot, f"/push all {article.id}")
    preview = bot.tg.current(ADMIN, message_id)
    assert at_berlin in preview.plain_text and "Europe/Berlin" in preview.plain_text
    assert at_shanghai not in preview.plain_text
    await bot.press(ADMIN, message_id, ok)
    [to_berlin] = await bot.tg.wait_for_messages(USER, 1)
    assert at_berlin in to_berlin.plain_text and "Europe/Berlin" in to_berlin.plain_text
    [to_shanghai] = await bot.tg.wait_for_messages(OTHER, 1)
    assert at_shanghai in to_shanghai.plain_text and "Asia/Shanghai" in to_shanghai.plain_text
    await bot.tg.wait_until(lambda: _copies(bot, ADMIN, "推送报告") == 1, what="the report")

    [again] = await bot.ask(ADMIN, f"/push all {article.id}", user_id=ADMIN)
    [stamp] = bot.store.db.execute("SELECT created_at FROM broadcasts").fetchone()
    went_out = datetime.fromisoformat(stamp).astimezone(berlin)
    assert f"已于 {went_out:%m-%d %H:%M}（Europe/Berlin）推送过" in again.plain_text


async def test_the_push_report_names_the_push_by_its_title_not_its_key(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews", "beifangwang")
    article = bot.store.search("京津冀", 1)[0]
    for command, title in (
        (f"/push all {article.id}", article.title),
        ("/push emnews 央行宣布降准\n详情稍后", "央行宣布降准"),
    ):
        message_id, ok, _ = await _preview(bot, command)
        await bot.press(ADMIN, message_id, ok)
        report = await bot.tg.wait_until(
            lambda title=title: [
                m for m in bot.tg.messages(ADMIN) if "推送报告" in m.plain_text and title in m.plain_text
            ],
            what="the report",
        )
        assert "已送达 1" in report[0].plain_text
        assert "article:" not in report[0].plain_text and "text:" not in report[0].plain_text


async def test_forged_push_and_more_buttons_are_refused_and_change_nothing(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    _subscribe(bot, OTHER, "emnews")
    bot.tg.add_chat(-100500, chat_type="supergroup", admins=[ADMIN])
    group_preview, group_ok, _ = await _preview(bot, "/push@newsbot_test_bot emnews 群里的预览", chat_id=-100500)
    [own] = await bot.ask(ADMIN, "/help")
    [results] = await bot.ask(USER, "/latest 亿元 1")
    more = next(d for d in results.callback_data() if d.startswith("more:"))
    [other_message] = await bot.ask(OTHER, "/help")
    forged = [
        (ADMIN, own.message_id, group_ok),  # another chat's preview token
        (ADMIN, own.message_id, "push:ok:"),
        (ADMIN, own.message_id, "push:ok:" + "x" * 40),
        (ADMIN, own.message_id, "push:sure:abc"),
        (ADMIN, own.message_id, "push:ok:abc:def"),
        (OTHER, other_message.message_id, more),  # another chat's search
        (OTHER, other_message.message_id, "more:nosuchtoken:5"),
        (OTHER, other_message.message_id, "more:" + more.split(":")[1] + ":-1"),
        (OTHER, other_message.message_id, "something else entirely"),
    ]
    for chat_id, message_id, data in forged:
        answer = await bot.press(chat_id, message_id, data, check_button=False)
        assert answer.show_alert and ("失效" in (answer.text or "") or "过期" in (answer.text or "")), data
    assert _outbox_rows(bot) == []
    assert _copies(bot, OTHER, "亿元") == 0
    # The group's own preview still works from the group.
    answer = await bot.press(-100500, group_preview, group_ok, user_id=ADMIN)
    assert "队列" in (answer.text or "")


async def test_stats_counts_deliveries_to_readers_not_the_admins_reports(bot: BotHarness) -> None:
    _subscribe(bot, USER, "emnews")
    message_id, ok, _ = await _preview(bot, "/push emnews 计数测试")
    await bot.press(ADMIN, message_id, ok)
    await bot.tg.wait_until(lambda: _copies(bot, ADMIN, "推送报告") == 1, what="the report")
    sender = bot.app.bot_data.delivery.sender
    await bot.tg.wait_until(lambda: sender.idle, what="the outbox drained")
    assert bot.services.outbox.counts() == {"sent": 2}  # the reader's push and the admin's report
    [stats] = await bot.ask(ADMIN, "/stats")
    assert "今日投递：成功 1，失败 0，被屏蔽 0，待发送 0" in stats.plain_text
    assert "发送器：正常" in stats.plain_text


def test_paid_broadcast_cost_is_a_tenth_of_a_star_per_message_above_30_per_second() -> None:
    from bot.admin import paid_broadcast_stars
    from digests.config import DeliveryConfig

    at_1000 = DeliveryConfig(paid_broadcast=True, paid_per_second=1000)
    assert paid_broadcast_stars(20_000, at_1000) == 1940  # 20 s; 600 free; 19,400 × 0.1
    assert paid_broadcast_stars(1_000, at_1000) == 97
    assert paid_broadcast_stars(30, at_1000) == 0
    assert paid_broadcast_stars(20_000, DeliveryConfig(paid_broadcast=True, paid_per_second=100)) == 1400


async def test_paid_push_preview_states_the_cost_before_the_admin_confirms(bot: BotHarness) -> None:
    from dataclasses import replace

    _subscribe(bot, USER, "emnews")
    [free] = await bot.ask(ADMIN, "/push emnews 免费推送")
    assert "Stars" not in free.plain_text
    config = bot.services.config
    bot.services.config = replace(config, delivery=replace(config.delivery, paid_broadcast=True))
    [paid] = await bot.ask(ADMIN, "/push emnews 付费推送")
    assert "付费广播" in paid.plain_text and "约 0 Telegram Stars" in paid.plain_text
    assert any(d.startswith("push:ok:") for d in paid.callback_data())  # confirmation still asked
