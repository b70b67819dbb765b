"""Channels end to end: /channel add|list|remove with the bot's rights checked, digests and pushes
posted in channels, a channel that removes the bot or takes its rights, commands posted in channels."""

from __future__ import annotations

from tests.helpers import ADMIN, USER, BotHarness

CHANNEL = -1009000000001
OTHER_CHANNEL = -1009000000002
GROUP = -1009000000003
CHANNEL_OWNER = 601


def _add_channel(bot: BotHarness, chat_id: int = CHANNEL, username: str = "caijing_kx", **rights: bool) -> None:
    bot.tg.add_chat(
        chat_id,
        chat_type="channel",
        title="财经快讯",
        username=username,
        admins=[CHANNEL_OWNER],
        bot_is_admin=rights.get("admin", True),
        bot_member=rights.get("member", True),
        bot_can_post=rights.get("post", True),
    )


async def _bind(bot: BotHarness, command: str = "/channel add @caijing_kx emnews 16:00") -> str:
    [reply] = await bot.ask(ADMIN, command)
    return reply.plain_text


async def test_a_bound_channel_gets_its_daily_digest_at_its_time(bot: BotHarness) -> None:
    _add_channel(bot)
    reply = await _bind(bot)
    assert "已绑定频道「财经快讯」" in reply and "16:00" in reply and "东财滚动新闻" in reply
    chat = bot.chats.get(CHANNEL)
    assert chat.type == "channel" and chat.is_group and chat.active
    assert bot.chats.subscriptions(CHANNEL) == ["emnews"]
    # The bot's clock is 16:00 Shanghai: the channel's digest is due now.
    report = bot.app.bot_data.delivery.scheduler.check_due()
    assert report.enqueued == 1
    [digest] = await bot.tg.wait_for_messages(CHANNEL, 1)
    # The header names the window (its only "2021年12月8日" used to be an item's dateline, now dropped as furniture).
    assert "东财滚动新闻" in digest.plain_text and "2021年12月7日 16:00至12月8日 16:00" in digest.plain_text
    [listing] = await bot.ask(ADMIN, "/channel list")
    assert "财经快讯" in listing.plain_text and "@caijing_kx" in listing.plain_text and "16:00" in listing.plain_text


async def test_the_push_preview_counts_chats_and_channels_apart_and_both_get_it(bot: BotHarness) -> None:
    _add_channel(bot)
    await _bind(bot)
    bot.tg.add_chat(USER, chat_type="private")
    bot.chats.ensure(USER, "private")
    bot.chats.subscribe(USER, "emnews")
    [preview] = await bot.ask(ADMIN, "/push emnews 央行宣布降准")
    assert "1 个聊天和 1 个频道" in preview.plain_text
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    await bot.press(ADMIN, preview.message_id, ok)
    for chat_id in (USER, CHANNEL):
        [pushed] = await bot.tg.wait_for_messages(chat_id, 1)
        assert "央行宣布降准" in pushed.plain_text


async def test_binding_says_plainly_what_is_missing_and_binds_nothing(bot: BotHarness) -> None:
    bot.expected_errors.append("chat not found")
    _add_channel(bot, CHANNEL, "not_in_it", admin=False, member=False)
    _add_channel(bot, OTHER_CHANNEL, "no_post_right", post=False)
    _add_channel(bot, -1009000000004, "not_admin", admin=False)
    bot.tg.add_chat(GROUP, chat_type="supergroup", title="读报群", username="dubao_group")
    cases = {
        "/channel add @not_in_it emnews": "机器人不在频道",
        "/channel add @not_admin emnews": "还不是管理员",
        "/channel add @no_post_right emnews": "没有“发布消息”权限",
        "/channel add @dubao_group emnews": "不是频道",
        "/channel add @nobody_has_this emnews": "找不到频道",
        "/channel add @caijing_kx": "请写出要推送到频道的分类",
        "/channel add @caijing_kx emnew": "找不到分类",
        "/channel add 京津冀 emnews": "找不到频道",
        "/channel": "用法",
    }
    for command, expected in cases.items():
        reply = await _bind(bot, command)
        assert expected in reply, (command, reply)
    assert bot.services.channels.all() == []
    assert bot.chats.subscriptions(OTHER_CHANNEL) == []


async def test_only_admins_manage_channels_and_only_in_private(bot: BotHarness) -> None:
    _add_channel(bot)
    [refused] = await bot.ask(USER, "/channel add @caijing_kx emnews")
    assert "⛔" in refused.plain_text
    bot.tg.add_chat(GROUP, chat_type="supergroup", title="读报群", admins=[ADMIN])
    [in_group] = await bot.ask(GROUP, "/channel list", user_id=ADMIN)
    assert "私聊" in in_group.plain_text
    assert bot.services.channels.all() == []


async def test_a_channel_that_removes_the_bot_goes_inactive_and_the_admins_hear_once(bot: BotHarness) -> None:
    _add_channel(bot)
    await _bind(bot)
    before = len(bot.tg.messages(ADMIN))
    bot.tg.bot_removed_from_channel(CHANNEL, by_user_id=CHANNEL_OWNER)
    await bot.tg.wait_until(lambda: not bot.chats.get(CHANNEL).active, what="channel deactivated")
    [report] = (await bot.tg.wait_for_messages(ADMIN, before + 1))[before:]
    assert "财经快讯" in report.plain_text and "已停止推送" in report.plain_text and "移出" in report.plain_text
    # A push no longer reaches it, and nobody hears about the channel again.
    assert bot.chats.subscribers("emnews") == []
    bot.tg.bot_removed_from_channel(CHANNEL, by_user_id=CHANNEL_OWNER)
    [listing] = await bot.ask(ADMIN, "/channel list")
    assert "已停止" in listing.plain_text
    assert [m for m in bot.tg.messages(ADMIN) if "已停止推送" in m.plain_text] == [report]


async def test_a_channel_that_took_the_posting_right_is_found_by_the_sender_and_reported_once(
    bot: BotHarness,
) -> None:
    bot.expected_errors.append("not enough rights")
    _add_channel(bot)
    await _bind(bot)
    _add_channel(bot, post=False)  # no my_chat_member update: the first send finds out
    bot.app.bot_data.delivery.scheduler.check_due()
    report = await bot.tg.wait_until(
        lambda: [m for m in bot.tg.messages(ADMIN) if "已停止推送" in m.plain_text], what="report to the admin"
    )
    assert len(report) == 1 and "没有“发布消息”权限" in report[0].plain_text
    assert not bot.chats.get(CHANNEL).active
    assert bot.tg.messages(CHANNEL) == []
    # Re-binding after fixing the rights resumes it (and a later loss would be reported again).
    _add_channel(bot, post=True)
    assert "已绑定" in await _bind(bot)
    assert bot.chats.get(CHANNEL).active


async def test_a_renamed_channel_keeps_working_by_id_and_is_removed_by_its_new_name(bot: BotHarness) -> None:
    _add_channel(bot)
    await _bind(bot)
    bot.tg.rename_chat(CHANNEL, title="财经早知道", username="caijing_zao")
    bot.app.bot_data.delivery.scheduler.check_due()
    [digest] = await bot.tg.wait_for_messages(CHANNEL, 1)
    assert "东财滚动新闻" in digest.plain_text
    reply = await _bind(bot, "/channel remove @caijing_zao")
    assert "已解除绑定" in reply
    assert bot.services.channels.all() == [] and bot.chats.subscriptions(CHANNEL) == []
    assert "不是已绑定的频道" in await _bind(bot, "/channel remove @caijing_zao")


async def test_commands_posted_inside_a_channel_are_ignored(bot: BotHarness) -> None:
    _add_channel(bot)
    await _bind(bot)
    bot.tg.channel_posts(CHANNEL, "/help")
    bot.tg.channel_posts(CHANNEL, "/channel list@newsbot_test_bot")
    bot.tg.channel_posts(CHANNEL, "/nonsense@newsbot_test_bot")
    # Updates are handled in order: once the admin's reply is here, the channel posts were handled.
    await bot.ask(ADMIN, "/help")
    assert bot.tg.messages(CHANNEL) == []


def test_channel_references_and_add_arguments_are_read_leniently() -> None:
    from datetime import time

    from bot.channels import channel_ref, parse_add_args
    from digests.records import Category

    assert channel_ref("@caijing_kx") == channel_ref("caijing_kx") == channel_ref("https://t.me/caijing_kx/")
    assert channel_ref("@caijing_kx") == "@caijing_kx"
    assert channel_ref("-1001234567890") == -1001234567890
    assert channel_ref("京津冀") is None and channel_ref("@ab") is None and channel_ref("-42") is None
    cats = [Category("emnews", "东财滚动新闻", 28), Category("beifangwang", "北方网新闻", 1)]
    parsed = parse_add_args(["０８：３０", "东财滚动新闻", "Europe/London", "beifangwang"], cats)
    assert [c.slug for c in parsed.categories] == ["emnews", "beifangwang"]
    assert (parsed.at, parsed.zone, parsed.unknown) == (time(8, 30), "Europe/London", [])
    assert parse_add_args(["emnew"], cats).unknown == ["emnew"]
