"""The outbox's aiohttp transport answers like PTB's own: results, and each error as telegram.error.*."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.delivery.transport import AiohttpRequest
from tests.fake_telegram import FakeTelegram
from tests.helpers import PRIVATE


async def test_send_message_round_trip_and_error_mapping(fake_server: FakeTelegram) -> None:
    request = AiohttpRequest(connections=4, timeout=0.5)
    async with telegram.Bot(fake_server.token, base_url=fake_server.base_url, request=request) as bot:
        message = await bot.send_message(PRIVATE, "<b>你好</b>", parse_mode="HTML")
        assert message.text == "你好" and fake_server.messages(PRIVATE)[0].text == "<b>你好</b>"
        fake_server.inject("sendMessage", chat_id=PRIVATE, error="retry_after", retry_after=3)
        with pytest.raises(RetryAfter):
            await bot.send_message(PRIVATE, "x")
        fake_server.inject("sendMessage", chat_id=PRIVATE, error="timeout", delay=2.0)
        with pytest.raises(TimedOut):
            await bot.send_message(PRIVATE, "x")
        fake_server.block(PRIVATE)
        with pytest.raises(Forbidden):
            await bot.send_message(PRIVATE, "x")


async def test_an_unreachable_server_is_a_network_error() -> None:
    request = AiohttpRequest(connections=1, timeout=1)
    await request.initialize()
    try:
        bot = telegram.Bot("1:x", base_url="http://127.0.0.1:9/bot", request=request)
        with pytest.raises(NetworkError):
            await bot.send_message(1, "x")
    finally:
        await request.shutdown()
