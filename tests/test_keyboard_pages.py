"""/start and /subscribe keyboards of more than 100 categories come in pages (issue 17: 102 buttons,
which Telegram refuses); ◀ ▶ buttons are checked like every other button (forged or stale: a polite
answer, nothing changes)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.fake_telegram import SentMessage
from tests.helpers import FAST_DELIVERY, USER, BotHarness, RecordingTelegram, make_config, running_bot

NAMES = {f"cat{i:03d}": f"分类{i:03d}" for i in range(130)}


@pytest.fixture
async def many(tg: RecordingTelegram, db_path: Path) -> AsyncIterator[BotHarness]:
    config = make_config(db_path, token=tg.token, base_url=tg.base_url, delivery=FAST_DELIVERY, categories=NAMES)
    async with running_bot(tg, config) as harness:
        yield harness


def _toggles(message: SentMessage) -> list[str]:
    return [
        b["text"]
        for b in message.buttons()
        if b["callback_data"].startswith("sub") and not b["callback_data"].startswith("subp:")
    ]


async def test_start_and_subscribe_page_a_long_category_list(many: BotHarness) -> None:
    total = len(many.services.categories())
    assert total > 100
    for command in ("/start", "/subscribe"):
        [reply] = await many.ask(USER, command)
        assert len(reply.buttons()) <= 100
        assert len(_toggles(reply)) == 20
        nav = [b for b in reply.buttons() if b["callback_data"].startswith("subp:")]
        assert [b["text"] for b in nav] == [f"1/{-(-total // 20)}", "下一页 ▶"]
    # ▶ shows the next 20 in place; a toggle there keeps that page and its ◀ ▶ row.
    first = _toggles(reply)
    answer = await many.press(USER, reply.message_id, nav[-1]["callback_data"])
    assert not answer.show_alert
    await many.wait_edits(USER, 1)
    second = many.tg.current(USER, reply.message_id)
    assert second is not None and _toggles(second) != first and len(_toggles(second)) == 20
    assert any(b["text"] == "◀ 上一页" for b in second.buttons())
    toggle = next(b for b in second.buttons() if b["callback_data"].startswith("sub") and "➕" in b["text"])
    await many.press(USER, reply.message_id, toggle["callback_data"])
    await many.wait_edits(USER, 2)
    after = many.tg.current(USER, reply.message_id)
    assert after is not None and len(_toggles(after)) == 20
    assert [b["text"] for b in after.buttons()][-3:] == [b["text"] for b in second.buttons()][-3:]
    assert ("✅" + toggle["text"][1:]) in _toggles(after)


async def test_forged_or_stale_page_buttons_get_a_polite_answer(many: BotHarness) -> None:
    [reply] = await many.ask(USER, "/subscribe")
    for data in ("subp:a:99", "subp:a:9999", "subp:x:1", "subp:a:-1", "subp:a:", "subp:s:0"):
        answer = await many.press(USER, reply.message_id, data, check_button=False)  # a forged press
        assert answer.show_alert and answer.text, data
        assert "/subscribe" in answer.text
    assert not many.handler_errors
    assert many.tg.current(USER, reply.message_id).buttons() == reply.buttons()  # type: ignore[union-attr]


async def test_a_short_category_list_has_no_page_buttons(bot: BotHarness) -> None:
    [reply] = await bot.ask(USER, "/start")
    assert reply.buttons() and not any(b["callback_data"].startswith("subp:") for b in reply.buttons())
