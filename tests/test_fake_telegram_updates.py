"""The fake Telegram server delivers updates and answers about chats like Telegram: updates through a real
Application, callback queries, command scopes, chat members, thread mode and raw HTTP, channels."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest
import telegram
from telegram import BotCommand, BotCommandScopeChat
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.fake_telegram import FakeTelegram
from tests.helpers import GROUP, GROUP_ADMIN, GROUP_MEMBER, PRIVATE, REPO, free_port, keyboard

# ----- updates through a real Application ---------------------------------------------------------


async def test_application_receives_command_with_bot_mention_and_replies(fake_server: FakeTelegram) -> None:
    async def start(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(f"<b>你好</b> {update.effective_user.id}", parse_mode="HTML")

    app = ApplicationBuilder().token(fake_server.token).base_url(fake_server.base_url).build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        fake_server.user_sends(GROUP, "/start@newsbot_test_bot", user_id=GROUP_MEMBER)
        fake_server.user_sends(PRIVATE, "/start")
        group_replies = await fake_server.wait_for_messages(GROUP, 1)
        private_replies = await fake_server.wait_for_messages(PRIVATE, 1)
        await app.updater.stop()
        await app.stop()
    assert group_replies[0].plain_text == f"你好 {GROUP_MEMBER}"
    assert private_replies[0].plain_text == f"你好 {PRIVATE}"
    assert fake_server.pending_updates() == 0  # both updates were confirmed by the offset


async def test_callback_query_is_answered_and_message_edited(fake_server: FakeTelegram) -> None:
    async def pressed(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer("已切换")
        await query.edit_message_text(f"选择了 {query.data}", reply_markup=keyboard("cat:a", "cat:b"))

    app = ApplicationBuilder().token(fake_server.token).base_url(fake_server.base_url).build()
    app.add_handler(CallbackQueryHandler(pressed))
    async with app:
        sent = await app.bot.send_message(PRIVATE, "选分类", reply_markup=keyboard("cat:a", "cat:b"))
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        query_id = fake_server.user_presses(PRIVATE, sent.message_id, "cat:b")
        answer = await fake_server.wait_for_callback_answer(query_id)
        await fake_server.wait_until(lambda: fake_server.edits(PRIVATE), what="edit")
        await app.updater.stop()
        await app.stop()
    assert answer.text == "已切换"
    assert fake_server.current(PRIVATE, sent.message_id).plain_text == "选择了 cat:b"
    with pytest.raises(ValueError, match="(?i)no button"):
        fake_server.user_presses(PRIVATE, sent.message_id, "cat:z")


async def test_answering_an_unknown_query_is_a_bad_request(client: telegram.Bot) -> None:
    with pytest.raises(telegram.error.BadRequest, match="(?i)query is too old"):
        await client.answer_callback_query("404")


async def test_editing_to_identical_content_is_not_modified(client: telegram.Bot) -> None:
    sent = await client.send_message(PRIVATE, "same", reply_markup=keyboard("x"))
    with pytest.raises(telegram.error.BadRequest, match="(?i)message is not modified"):
        await client.edit_message_text("same", PRIVATE, sent.message_id, reply_markup=keyboard("x"))
    with pytest.raises(telegram.error.BadRequest, match="(?i)message to edit not found"):
        await client.edit_message_text("other", PRIVATE, sent.message_id + 10)


async def test_get_updates_confirms_updates_below_offset(client: telegram.Bot, fake_server: FakeTelegram) -> None:
    for text in ("a", "b", "c"):
        fake_server.user_sends(PRIVATE, text)
    first = await client.get_updates(timeout=0, limit=2)
    assert [u.message.text for u in first] == ["a", "b"]
    rest = await client.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in rest] == ["c"]
    assert fake_server.pending_updates() == 1


# ----- commands and chat members ----------------------------------------------------------------


async def test_commands_are_stored_per_scope(client: telegram.Bot, fake_server: FakeTelegram) -> None:
    await client.set_my_commands([BotCommand("latest", "最新")])
    await client.set_my_commands([BotCommand("settings", "设置")], scope=BotCommandScopeChat(GROUP))
    assert fake_server.commands() == [{"command": "latest", "description": "最新"}]
    assert fake_server.commands({"type": "chat", "chat_id": GROUP}) == [{"command": "settings", "description": "设置"}]
    assert [c.command for c in await client.get_my_commands(scope=BotCommandScopeChat(GROUP))] == ["settings"]
    await client.delete_my_commands()
    assert fake_server.commands() is None
    with pytest.raises(telegram.error.BadRequest, match="(?i)Bot_command_invalid"):
        await client.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_group_admins_are_reported_by_member_queries(client: telegram.Bot) -> None:
    assert (await client.get_chat_member(GROUP, GROUP_ADMIN)).status == "creator"
    assert (await client.get_chat_member(GROUP, GROUP_MEMBER)).status == "member"
    admins = await client.get_chat_administrators(GROUP)
    assert [a.user.id for a in admins] == [GROUP_ADMIN]
    chat = await client.get_chat(GROUP)
    assert (chat.type, chat.title) == ("supergroup", "读报小组")


# ----- raw HTTP and thread mode -----------------------------------------------------------------


def _post(url: str, payload: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_thread_mode_serves_json_bodies_and_sync_waits() -> None:
    with FakeTelegram().running_in_thread() as server:
        server.add_chat(PRIVATE)
        payload = {"chat_id": PRIVATE, "text": "<i>同步</i>", "parse_mode": "HTML"}
        sender = threading.Thread(target=_post, args=(f"{server.api_url}/sendMessage", payload))
        sender.start()
        messages = server.wait_for_messages_sync(PRIVATE, 1)
        sender.join()
        assert messages[0].plain_text == "同步"
        assert _post(f"{server.api_url}/noSuchMethod", {}) == (
            404,
            {"ok": False, "error_code": 404, "description": "Not Found"},
        )
        status, body = _post(f"{server.api_url}/sendMessage", {"chat_id": PRIVATE, "text": "<x>"})
        assert status == 200 and body["result"]["text"] == "<x>"  # no parse_mode: taken literally
        assert _post(f"{server.base_url}999:wrong/getMe", {})[0] == 401


async def test_channels_answer_like_telegram_for_each_state_of_the_bots_rights(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    fake_server.add_chat(-1001, chat_type="channel", title="频道", username="chan_one", bot_is_admin=True)
    chat = await client.get_chat("@chan_one")
    assert (chat.id, chat.type, chat.title) == (-1001, "channel", "频道")
    member = await client.get_chat_member(-1001, fake_server.bot_id)
    assert member.status == "administrator" and member.can_post_messages is True
    await client.send_message(-1001, "posted")
    fake_server.add_chat(-1001, chat_type="channel", bot_can_post=False)
    assert (await client.get_chat_member(-1001, fake_server.bot_id)).can_post_messages is False
    with pytest.raises(telegram.error.BadRequest, match="(?i)not enough rights"):
        await client.send_message(-1001, "no right to post")
    fake_server.add_chat(-1002, chat_type="channel", username="chan_two")  # the bot is there, but no admin
    assert (await client.get_chat_member(-1002, fake_server.bot_id)).status == "member"
    with pytest.raises(telegram.error.BadRequest, match="(?i)administrator rights"):
        await client.send_message(-1002, "hi")
    fake_server.add_chat(-1001, chat_type="channel", bot_can_post=True)
    fake_server.bot_removed_from_channel(-1001, by_user_id=7)
    with pytest.raises(telegram.error.Forbidden, match="(?i)not a member of the channel"):
        await client.send_message(-1001, "gone")
    fake_server.rename_chat(-1002, title="新名字", username="chan_renamed")
    assert (await client.get_chat("@chan_renamed")).id == -1002
    fake_server.channel_posts(-1002, "/help")
    updates = await client.get_updates(timeout=0)
    removed = next(u for u in updates if u.my_chat_member)
    assert removed.my_chat_member.chat.type == "channel" and removed.my_chat_member.new_chat_member.status == "left"
    post = next(u for u in updates if u.channel_post)
    assert post.channel_post.sender_chat.id == -1002 and post.channel_post.text == "/help"
    assert post.channel_post.entities[0].type == "bot_command" and post.channel_post.from_user is None


def test_run_as_a_program_the_terminal_is_a_users_private_chat() -> None:
    port = free_port()
    user = subprocess.Popen(
        [sys.executable, "-m", "tests.fake_telegram", "--port", str(port), "--user", "42"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert user.stdin is not None and user.stdout is not None
    try:
        banner = user.stdout.readline()
        api = f"http://127.0.0.1:{port}/bot123456789:TEST-newsbot-token"
        assert api.removesuffix("123456789:TEST-newsbot-token") in banner
        user.stdin.write("/start\n")
        user.stdin.flush()
        for _ in range(100):  # the line reaches the stand-in's queue
            updates = _post(f"{api}/getUpdates", {"timeout": 0})[1]["result"]
            if updates:
                break
            threading.Event().wait(0.05)
        assert [(u["message"]["from"]["id"], u["message"]["text"]) for u in updates] == [(42, "/start")]
        html = '<a href="http://127.0.0.1:8080/dashboard/login?t=x">打开仪表板</a>'
        assert _post(f"{api}/sendMessage", {"chat_id": 42, "text": html, "parse_mode": "HTML"})[0] == 200
        shown = [user.stdout.readline() for _ in range(4)]
        assert "打开仪表板\n" in shown and "  link: http://127.0.0.1:8080/dashboard/login?t=x\n" in shown
    finally:
        user.stdin.close()
        assert user.wait(timeout=10) == 0
