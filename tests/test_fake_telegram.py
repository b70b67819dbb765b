"""The fake Telegram server behaves like Telegram for the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request

import pytest
import telegram
from telegram import BotCommand, BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from tests.fake_telegram import Delay, FakeTelegram, RateLimits, parse_html, utf16_len
from tests.helpers import GROUP, GROUP_ADMIN, GROUP_MEMBER, PRIVATE

# PTB 22 warns that RetryAfter.retry_after will become a timedelta; not our concern here.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def _seconds(retry_after: object) -> float:
    # PTB 22 still returns int by default (timedelta behind PTB_TIMEDELTA); accept both.
    return retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)


def retry_after_seconds(error: telegram.error.RetryAfter) -> float:
    return _seconds(error.retry_after)


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in data]])


# ----- HTML parsing ----------------------------------------------------------------------------


def test_parse_html_strips_tags_and_reports_utf16_entity_offsets() -> None:
    plain, entities = parse_html('😀 <b>粗体</b> &lt;x&gt; &#x27;q&#39; <a href="https://e.org/?a=1&amp;b=2">链接</a>')
    assert plain == "😀 粗体 <x> 'q' 链接"
    assert entities[0] == {"type": "bold", "offset": 3, "length": 2}
    assert entities[1] == {"type": "text_link", "offset": 14, "length": 2, "url": "https://e.org/?a=1&b=2"}


def test_parse_html_keeps_unknown_entities_as_literal_text_like_telegram() -> None:
    assert parse_html("a &nbsp; b & c")[0] == "a &nbsp; b & c"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("1 < 2", 'Unsupported start tag ""'),
        ('<span class="red">x</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("x</b>", "Unexpected end tag"),
    ],
)
async def test_send_message_rejects_html_telegram_cannot_parse(
    client: telegram.Bot, fake_server: FakeTelegram, html: str, reason: str
) -> None:
    with pytest.raises(telegram.error.BadRequest, match="(?i)can't parse entities") as caught:
        await client.send_message(PRIVATE, html, parse_mode="HTML")
    assert reason.lower() in caught.value.message.lower()  # PTB lower-cases it
    assert fake_server.messages() == []


async def test_send_message_accepts_all_supported_tags(client: telegram.Bot, fake_server: FakeTelegram) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>"
        '<del>d</del><a href="https://x.cn">a</a><code>c</code><pre><code class="language-py">p</code></pre>'
        '<tg-spoiler>t</tg-spoiler><span class="tg-spoiler">p</span><blockquote expandable>q</blockquote>'
    )
    message = await client.send_message(PRIVATE, html, parse_mode="HTML")
    assert message.text == "bsieunskdacptpq"
    assert fake_server.last_message(PRIVATE).text == html


# ----- sendMessage ------------------------------------------------------------------------------


async def test_get_me_returns_the_test_bot(client: telegram.Bot) -> None:
    me = await client.get_me()
    assert me.username == "newsbot_test_bot"
    assert me.is_bot and me.can_join_groups


async def test_sent_messages_are_recorded_with_markup_and_increasing_ids(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    first = await client.send_message(PRIVATE, "<b>要闻</b> 一", parse_mode="HTML", reply_markup=keyboard("more:1"))
    second = await client.send_message(PRIVATE, "二")
    assert second.message_id == first.message_id + 1
    recorded = fake_server.messages(PRIVATE)
    assert [m.plain_text for m in recorded] == ["要闻 一", "二"]
    assert recorded[0].parse_mode == "HTML" and recorded[0].callback_data() == ["more:1"]
    assert first.reply_markup == keyboard("more:1")


async def test_message_limit_is_4096_utf16_units_after_entity_parsing(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    emoji_max = "📰" * 2048  # each emoji is 2 UTF-16 units
    assert utf16_len(emoji_max) == 4096
    await client.send_message(PRIVATE, emoji_max)
    await client.send_message(PRIVATE, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(telegram.error.BadRequest, match="(?i)message is too long"):
        await client.send_message(PRIVATE, emoji_max + "a")
    assert len(fake_server.messages(PRIVATE)) == 2


async def test_empty_or_whitespace_text_is_rejected(client: telegram.Bot) -> None:
    with pytest.raises(telegram.error.BadRequest, match="(?i)message text is empty"):
        await client.send_message(PRIVATE, "<b> </b>", parse_mode="HTML")


async def test_unknown_chat_is_not_found(client: telegram.Bot) -> None:
    with pytest.raises(telegram.error.BadRequest, match="(?i)Chat not found"):
        await client.send_message(777, "hi")


async def test_callback_data_longer_than_64_bytes_is_rejected(client: telegram.Bot) -> None:
    with pytest.raises(telegram.error.BadRequest, match="(?i)Button_data_invalid"):
        await client.send_message(PRIVATE, "hi", reply_markup=keyboard("长" * 22))


# ----- error injection --------------------------------------------------------------------------


async def test_injected_retry_after_surfaces_as_retry_after_once(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    injection = fake_server.inject("sendMessage", PRIVATE, "retry_after", retry_after=3)
    with pytest.raises(telegram.error.RetryAfter) as caught:
        await client.send_message(PRIVATE, "hi")
    assert retry_after_seconds(caught.value) == 3
    await client.send_message(PRIVATE, "hi")  # times=1: the next call goes through
    assert injection.hits == 1 and len(fake_server.messages(PRIVATE)) == 1


@pytest.mark.parametrize(
    ("error", "exception", "text"),
    [
        ("blocked", telegram.error.Forbidden, "bot was blocked by the user"),
        ("deactivated", telegram.error.Forbidden, "user is deactivated"),
        ("kicked", telegram.error.Forbidden, "bot was kicked from the group chat"),
        ("chat_not_found", telegram.error.BadRequest, "Chat not found"),
        ("server_error", telegram.error.NetworkError, "Internal Server Error"),
        ("bad_gateway", telegram.error.NetworkError, "Bad Gateway"),
    ],
)
async def test_injected_errors_surface_as_ptb_exceptions(
    client: telegram.Bot, fake_server: FakeTelegram, error: str, exception: type[Exception], text: str
) -> None:
    fake_server.inject("sendMessage", error=error)
    with pytest.raises(exception, match="(?i)" + text):
        await client.send_message(PRIVATE, "hi")
    assert fake_server.messages() == []


async def test_injected_migration_surfaces_as_chat_migrated(client: telegram.Bot, fake_server: FakeTelegram) -> None:
    fake_server.inject("sendMessage", GROUP, "migrated", migrate_to_chat_id=-1009)
    with pytest.raises(telegram.error.ChatMigrated) as caught:
        await client.send_message(GROUP, "hi")
    assert caught.value.new_chat_id == -1009


async def test_migrated_group_refuses_old_id_and_accepts_new_one(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    fake_server.add_chat(-55, chat_type="group", title="old", admins=[GROUP_ADMIN])
    fake_server.migrate_group(-55, -10055)
    with pytest.raises(telegram.error.ChatMigrated):
        await client.send_message(-55, "hi")
    await client.send_message(-10055, "hi")
    member = await client.get_chat_member(-10055, GROUP_ADMIN)
    assert member.status == "creator"
    updates = await client.get_updates(timeout=0)
    assert [u.message.migrate_to_chat_id for u in updates] == [-10055, None]


async def test_blocked_chat_refuses_until_the_user_writes_again(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    fake_server.user_blocks_bot(PRIVATE)
    for _ in range(2):
        with pytest.raises(telegram.error.Forbidden, match="(?i)blocked"):
            await client.send_message(PRIVATE, "hi")
    fake_server.user_sends(PRIVATE, "/start")
    await client.send_message(PRIVATE, "welcome back")
    updates = await client.get_updates(timeout=0)
    assert updates[0].my_chat_member.new_chat_member.status == "kicked"


async def test_delayed_answer_surfaces_as_timed_out(fake_server: FakeTelegram) -> None:
    fake_server.inject("sendMessage", PRIVATE, Delay(2.0, delivered=True))
    request = HTTPXRequest(read_timeout=0.2)
    async with telegram.Bot(fake_server.token, base_url=fake_server.base_url, request=request) as impatient:
        with pytest.raises(telegram.error.TimedOut):
            await impatient.send_message(PRIVATE, "maybe")
    # delivered=True: Telegram delivered it although the client never heard back.
    assert [m.plain_text for m in fake_server.messages(PRIVATE)] == ["maybe"]


async def test_second_long_poll_terminates_the_first_with_conflict(fake_server: FakeTelegram) -> None:
    async with (
        telegram.Bot(fake_server.token, base_url=fake_server.base_url) as one,
        telegram.Bot(fake_server.token, base_url=fake_server.base_url) as two,
    ):
        first = asyncio.create_task(one.get_updates(timeout=5))
        await fake_server.wait_until(lambda: fake_server.calls("getUpdates"), what="first poll")
        assert await two.get_updates(timeout=0) == ()
        with pytest.raises(telegram.error.Conflict, match="(?i)terminated by other getUpdates"):
            await first


async def test_injected_conflict_on_get_updates(client: telegram.Bot, fake_server: FakeTelegram) -> None:
    fake_server.inject("getUpdates", error="conflict")
    with pytest.raises(telegram.error.Conflict):
        await client.get_updates(timeout=0)


# ----- rate limits ------------------------------------------------------------------------------


async def test_rate_limit_per_private_chat_answers_429_and_counts_it(
    client: telegram.Bot, fake_server: FakeTelegram
) -> None:
    fake_server.set_rate_limits(RateLimits(overall=None, private_chat=(1, 60.0), group_chat=None))
    await client.send_message(PRIVATE, "one")
    with pytest.raises(telegram.error.RetryAfter) as caught:
        await client.send_message(PRIVATE, "two")
    assert retry_after_seconds(caught.value) >= 1
    await client.send_message(GROUP, "other chats are unaffected")
    stats = fake_server.stats()
    assert (stats.sent, stats.rate_limited) == (2, 1)
    assert fake_server.received_by_chat() == {PRIVATE: ["one"], GROUP: ["other chats are unaffected"]}


async def test_rate_limit_overall_and_per_group(client: telegram.Bot, fake_server: FakeTelegram) -> None:
    fake_server.set_rate_limits(RateLimits(overall=(3, 60.0), private_chat=None, group_chat=(2, 60.0)))
    await client.send_message(GROUP, "g1")
    await client.send_message(GROUP, "g2")
    with pytest.raises(telegram.error.RetryAfter):
        await client.send_message(GROUP, "g3")
    await client.send_message(PRIVATE, "p1")
    with pytest.raises(telegram.error.RetryAfter):
        await client.send_message(PRIVATE, "p2")
    assert fake_server.stats().rate_limited == 2


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
