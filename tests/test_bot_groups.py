"""Groups: /cmd@botname, only group admins change settings, migrations, the bot being blocked or kicked."""

from __future__ import annotations

from datetime import time

from tests.helpers import USER, BotHarness

GROUP = -100777
OWNER = 501
MOD = 502
MEMBER = 503
BOT = "newsbot_test_bot"


def _group(bot: BotHarness) -> None:
    bot.tg.add_chat(GROUP, chat_type="supergroup", title="新闻讨论组", admins=[OWNER, MOD], creator=OWNER)


async def test_group_admins_subscribe_with_addressed_commands_and_the_group_is_recorded(bot: BotHarness) -> None:
    _group(bot)
    [reply] = await bot.ask(GROUP, f"/subscribe@{BOT} emnews", user_id=OWNER)
    assert "已订阅" in reply.plain_text
    [reply] = await bot.ask(GROUP, f"/settime@{BOT} 9:15", user_id=MOD)
    assert "09:15" in reply.plain_text
    chat = bot.chats.get(GROUP)
    assert chat.type == "supergroup" and chat.title == "新闻讨论组" and chat.digest_time == time(9, 15)
    assert bot.chats.subscriptions(GROUP) == ["emnews"]


async def test_group_members_who_are_not_admins_are_refused_politely(bot: BotHarness) -> None:
    _group(bot)
    for command in (
        f"/subscribe@{BOT} emnews",
        f"/unsubscribe@{BOT} all",
        f"/settime@{BOT} 07:00",
        f"/timezone@{BOT} Asia/Tokyo",
        "/subscribe emnews",
    ):
        [reply] = await bot.ask(GROUP, command, user_id=MEMBER)
        assert "只有本群管理员" in reply.plain_text
    chat = bot.chats.get(GROUP)
    assert bot.chats.subscriptions(GROUP) == [] and chat.digest_time is None and chat.timezone is None
    # Reading is for everyone.
    [latest] = await bot.ask(GROUP, f"/latest@{BOT} 京津冀", user_id=MEMBER)
    assert "京津冀" in latest.plain_text
    [shown] = await bot.ask(GROUP, f"/settime@{BOT}", user_id=MEMBER)
    assert "08:00" in shown.plain_text


async def test_group_toggle_buttons_only_work_for_group_admins(bot: BotHarness) -> None:
    _group(bot)
    [keyboard] = await bot.ask(GROUP, f"/start@{BOT}", user_id=MEMBER)
    answer = await bot.press(GROUP, keyboard.message_id, "sub:emnews", user_id=MEMBER)
    assert answer.show_alert and "只有本群管理员" in (answer.text or "")
    assert bot.chats.subscriptions(GROUP) == []
    answer = await bot.press(GROUP, keyboard.message_id, "sub:emnews", user_id=OWNER)
    assert "已订阅" in (answer.text or "")
    assert bot.chats.subscriptions(GROUP) == ["emnews"]


async def test_commands_for_other_bots_are_ignored_and_unknown_ones_addressed_to_us_get_help(bot: BotHarness) -> None:
    _group(bot)
    bot.tg.user_sends(GROUP, "/start@some_other_bot", user_id=MEMBER)
    bot.tg.user_sends(GROUP, "/weather", user_id=MEMBER)  # bare: may be another bot's
    [reply] = await bot.ask(GROUP, f"/frobnicate@{BOT}", user_id=MEMBER)
    assert "/help" in reply.plain_text
    assert len(bot.tg.messages(GROUP)) == 1


async def test_group_upgrade_to_supergroup_keeps_settings_and_subscriptions(bot: BotHarness) -> None:
    bot.tg.add_chat(-4001, chat_type="group", title="小组", admins=[OWNER])
    await bot.ask(-4001, f"/subscribe@{BOT} beifangwang", user_id=OWNER)
    await bot.ask(-4001, f"/settime@{BOT} 06:45", user_id=OWNER)
    bot.tg.migrate_group(-4001, -1004001)
    [reply] = await bot.ask(-1004001, f"/mysubs@{BOT}", user_id=OWNER)
    assert "北方网新闻" in reply.plain_text and "06:45" in reply.plain_text
    assert bot.chats.get(-4001) is None
    assert bot.chats.subscriptions(-1004001) == ["beifangwang"]


async def test_blocking_deactivates_the_chat_and_start_brings_it_back(bot: BotHarness) -> None:
    await bot.ask(USER, "/subscribe emnews")
    bot.tg.user_blocks_bot(USER)
    await bot.tg.wait_until(lambda: not bot.chats.get(USER).active, what="chat deactivated")
    [welcome] = await bot.ask(USER, "/start")  # writing to the bot unblocks it, as on Telegram
    assert "欢迎回来" in welcome.plain_text
    assert bot.chats.get(USER).active and bot.chats.subscriptions(USER) == ["emnews"]


async def test_bot_kicked_from_a_group_deactivates_it(bot: BotHarness) -> None:
    bot.tg.bot_added_to_group(-4002, by_user_id=OWNER, title="临时群")
    await bot.tg.wait_until(lambda: bot.chats.get(-4002), what="group recorded")
    bot.tg.bot_removed_from_group(-4002, by_user_id=OWNER)
    await bot.tg.wait_until(lambda: not bot.chats.get(-4002).active, what="group deactivated")
