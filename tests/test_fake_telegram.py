"""The fake Telegram server sends messages, fails and limits like Telegram for the real python-telegram-bot client
(HTML parsing, sendMessage, injected errors, rate limits); updates and chats: test_fake_telegram_updates.py."""

from __future__ import annotations

import asyncio

import pytest
import telegram
from telegram.request import HTTPXRequest

from tests.fake_telegram import Delay, FakeTelegram, RateLimits, parse_html, utf16_len
from tests.helpers import GROUP, GROUP_ADMIN, PRIVATE, keyboard

# PTB 22 warns that RetryAfter.retry_after will become a timedelta; not our concern here.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def _seconds(retry_after: object) -> float:
    # PTB 22 still returns int by default (timedelta behind PTB_TIMEDELTA); accept both.
    return retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)


def retry_after_seconds(error: telegram.error.RetryAfter) -> float:
    return _seconds(error.retry_after)


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
