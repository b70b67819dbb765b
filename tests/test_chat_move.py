"""A group upgraded to a supergroup: everything it owns follows it to the new id, whichever way the
bot learns of the upgrade first — Telegram's service message, or a send answered "upgraded"."""

from __future__ import annotations

from datetime import time, timedelta

from tests.helpers import CLOCK, GROUP_ADMIN, BotHarness

OLD, NEW = -4001, -1004001
BOT = "newsbot_test_bot"


async def _a_group_with_everything(bot: BotHarness) -> str:
    """The group subscribes, picks a time, watches, mutes, was alerted and got a digest; returns a button token."""
    bot.tg.add_chat(OLD, chat_type="group", title="小组", admins=[GROUP_ADMIN])
    for command in ("/subscribe emnews", "/settime 06:45", "/watch 京津冀", "/mute 广告"):
        await bot.ask(OLD, command.replace(" ", f"@{BOT} ", 1), user_id=GROUP_ADMIN)
    svc = bot.services
    svc.watchlist.log_alerted(OLD, ["article-1"])
    svc.outbox.digests.record(OLD, "emnews", "2021-12-07", CLOCK - timedelta(hours=8))
    bot.app.chat_data[OLD]["seen"] = True  # python-telegram-bot's own per-chat data
    return svc.lookups.put("more", {"page": 2}, chat_id=OLD)


def _everything_is_under_the_new_id(bot: BotHarness, token: str) -> None:
    svc = bot.services
    assert svc.chats.get(OLD) is None
    moved = svc.chats.get(NEW)
    assert moved is not None and moved.type == "supergroup" and moved.digest_time == time(6, 45)
    assert svc.chats.subscriptions(NEW) == ["emnews"]
    assert (svc.watchlist.watches(NEW), svc.watchlist.watches(OLD)) == (["京津冀"], [])
    assert (svc.watchlist.mutes(NEW), svc.watchlist.mutes(OLD)) == (["广告"], [])
    assert svc.watchlist.alerted(NEW, ["article-1"]) == {"article-1"} and not svc.watchlist.alerted(OLD, ["article-1"])
    assert {chat for chat, _category in svc.outbox.digests.all()} == {NEW}
    assert svc.lookups.get(token, "more", chat_id=NEW) == {"page": 2}
    assert bot.app.chat_data[NEW].get("seen") is True


async def test_the_upgrade_service_message_moves_everything_the_group_owns(bot: BotHarness) -> None:
    token = await _a_group_with_everything(bot)
    bot.tg.migrate_group(OLD, NEW)
    await bot.tg.wait_until(lambda: bot.services.chats.get(OLD) is None, what="group moved")
    _everything_is_under_the_new_id(bot, token)
    [listing] = await bot.ask(NEW, f"/watch@{BOT}", user_id=GROUP_ADMIN)
    assert "京津冀" in listing.plain_text


async def test_a_send_answered_upgraded_moves_everything_the_group_owns_and_resends(bot: BotHarness) -> None:
    token = await _a_group_with_everything(bot)
    # Telegram upgraded the group, but the bot hears it first from the sender (no service message yet).
    bot.tg.add_chat(NEW, chat_type="supergroup", title="小组", admins=[GROUP_ADMIN])
    bot.tg.inject("sendMessage", OLD, "migrated", times=None, migrate_to_chat_id=NEW)
    bot.expected_errors.append("upgraded to a supergroup")
    bot.services.outbox.enqueue_messages(OLD, "alert", "京津冀/1", ["<b>关注词提醒</b> 京津冀"])
    bot.app.bot_data.wake_sender()
    [alert] = await bot.tg.wait_for_messages(NEW, 1)
    assert "关注词提醒" in alert.plain_text
    _everything_is_under_the_new_id(bot, token)
    assert bot.app.bot_data.delivery.sender.stats.migrated == 1
