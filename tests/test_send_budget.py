"""One budget for replies and the outbox, end to end through FakeTelegram with Telegram's limits
(time compressed ×10, as in `limited_bot`): any 429 fails the test (the harness checks every answer)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bot.delivery.budget import INTERACTIVE, OUTBOX, SendBudget
from tests.fake_telegram import Delay, RateLimits
from tests.helpers import (
    ADMIN,
    LIMIT_SCALE,
    BotHarness,
    RecordingTelegram,
    fast_delivery_config,
    make_config,
    running_bot,
    scaled_delivery,
)

BROADCAST_CHATS = range(3001, 3601)  # 600 chats: two seconds at the compressed full rate


def _subscribers(bot: BotHarness, chat_ids: range, slug: str = "emnews") -> None:
    with bot.store.transaction():
        for chat_id in chat_ids:
            bot.tg.add_chat(chat_id, chat_type="private")
            bot.chats.ensure(chat_id, "private")
            bot.chats.subscribe(chat_id, slug)


async def _push(bot: BotHarness, text: str) -> None:
    [preview] = await bot.ask(ADMIN, f"/push emnews {text}")
    ok = next(d for d in preview.callback_data() if d.startswith("push:ok:"))
    await bot.press(ADMIN, preview.message_id, ok)


def _pushed(bot: BotHarness, text: str) -> list[float]:
    return sorted(m.at for m in bot.tg.messages() if m.chat_id in BROADCAST_CHATS and text in m.plain_text)


class _Turns:
    """The shared budget's turns, in the order it decides them: who asked while how many calls were
    already waiting, and whom each turn went to (recorded in its private _grant, the decision
    itself, not when the winner resumes)."""

    def __init__(self, bot: BotHarness) -> None:
        self.events: list[tuple[str, int, int]] = []  # ("asks" | "granted", chat, calls waiting)
        budget = bot.app.bot_data.delivery.budget
        acquire, grant = budget.acquire, budget._grant

        async def reply_turn(chat: Any, **kwargs: Any) -> Any:
            self.events.append(("asks", chat, budget.waiting))
            return await acquire(chat, **kwargs)

        def granted(chat: Any, group: bool) -> Any:
            self.events.append(("granted", chat, budget.waiting))
            return grant(chat, group)

        budget.acquire, budget._grant = reply_turn, granted

    def found_others_waiting(self, chat_id: int) -> bool:
        return next(w for e, c, w in self.events if (e, c) == ("asks", chat_id)) > 0

    def broadcast_turns_while_waiting(self, chat_id: int) -> int:
        """How many broadcast sends got a turn between ``chat_id`` asking and getting its own."""
        asked = next(i for i, (e, c, _) in enumerate(self.events) if (e, c) == ("asks", chat_id))
        got = next(i for i, (e, c, _) in enumerate(self.events) if i > asked and (e, c) == ("granted", chat_id))
        return sum(c in BROADCAST_CHATS for _, c, _ in self.events[asked + 1 : got])


async def test_a_reply_during_a_full_rate_broadcast_goes_ahead_of_the_queue(
    tg: RecordingTelegram, db_path: Path
) -> None:
    # Telegram answers after a latency (50 ms, compressed ×10 like the limits) and the sender keeps
    # enough in flight to go at the full rate anyway: the budget's window stays full and the
    # broadcast nearly always has a send waiting for the next turn when a reply asks for one.
    tg.set_rate_limits(RateLimits(scale=LIMIT_SCALE))
    tg.inject("sendMessage", error=Delay(0.005, delivered=True), times=None)
    delivery = {**scaled_delivery(LIMIT_SCALE), "concurrency": 32}
    config = make_config(db_path, token=tg.token, base_url=tg.base_url, delivery=delivery)
    async with running_bot(tg, config) as bot:
        _subscribers(bot, BROADCAST_CHATS)
        readers = range(1001, 1011)
        for chat_id in readers:
            tg.add_chat(chat_id, chat_type="private")
        turns = _Turns(bot)
        await _push(bot, "全速广播")
        await tg.wait_until(lambda: len(_pushed(bot, "全速广播")) >= 50, what="the broadcast under way")
        replies = [(await bot.ask(chat_id, "/help"))[0] for chat_id in readers]
        assert all("/latest" in reply.plain_text for reply in replies)
        await tg.wait_until(
            lambda: len(_pushed(bot, "全速广播")) == len(BROADCAST_CHATS), timeout=30, what="the broadcast done"
        )
    # Replies that found a broadcast send already waiting for the next turn (most do; under a heavy
    # load fewer): without at least one, this run would prove nothing.
    assert any(turns.found_others_waiting(chat_id) for chat_id in readers)
    # Every reply took the next turn: no broadcast send went first. (With one queue for both, the
    # waiting send takes that turn: each reply that found one would show a 1 here.)
    assert {chat_id: turns.broadcast_turns_while_waiting(chat_id) for chat_id in readers} == dict.fromkeys(readers, 0)
    # Answered while the broadcast still had most of its chats to go, not after it.
    assert sum(at > replies[0].at for at in _pushed(bot, "全速广播")) > len(BROADCAST_CHATS) // 2
    assert tg.stats().rate_limited == 0


async def test_a_burst_of_commands_from_300_chats_is_answered_without_a_429(limited_bot: BotHarness) -> None:
    bot = limited_bot
    chats = range(5001, 5301)
    for chat_id in chats:
        bot.tg.add_chat(chat_id, chat_type="private")
        bot.tg.user_sends(chat_id, "/help")
    for chat_id in chats:
        await bot.tg.wait_for_messages(chat_id, 1, timeout=30)
    assert all(len(bot.tg.messages(c)) == 1 for c in chats)
    assert bot.tg.stats().rate_limited == 0


async def test_a_flood_from_one_chat_does_not_hold_up_another_chats_help(limited_bot: BotHarness) -> None:
    bot = limited_bot
    flooder, other = 6001, 6002
    bot.tg.add_chat(flooder, chat_type="private")
    bot.tg.add_chat(other, chat_type="private")
    for i in range(30):
        bot.tg.user_sends(flooder, f"/nosuch{i}")
    await bot.tg.wait_for_messages(flooder, 2)
    [help_reply] = await bot.ask(other, "/help")
    replies = await bot.tg.wait_for_messages(flooder, 30, timeout=30)
    # Its own chat's limit paces the flood (10/s here); the other chat is answered meanwhile.
    assert sum(m.at > help_reply.at for m in replies) >= 20
    # …and the flood's answers keep the order of its commands.
    assert [m.plain_text for m in replies] == [
        f"不认识的命令 /nosuch{i}。发送 /help 查看所有命令和示例。" for i in range(30)
    ]


async def test_a_429_is_obeyed_for_its_chat_while_other_chats_are_answered(limited_bot: BotHarness) -> None:
    bot = limited_bot
    bot.expected_errors.append("Too Many Requests")
    held, other = 7001, 7002
    bot.tg.add_chat(held, chat_type="private")
    bot.tg.add_chat(other, chat_type="private")
    bot.tg.inject("sendMessage", chat_id=held, error="retry_after", retry_after=1)
    bot.tg.user_sends(held, "/help")
    await bot.tg.wait_until(lambda: bot.tg.stats().injected == 1, what="the 429")
    [other_reply] = await bot.ask(other, "/help")
    [held_reply] = await bot.tg.wait_for_messages(held, 1)
    assert held_reply.at > other_reply.at  # the held chat waited its retry_after; the other did not
    assert bot.tg.stats().requests["sendMessage"] == 3  # the 429, the retry, the other chat's reply


# --- the budget itself ----------------------------------------------------------------------------


async def test_a_waiting_reply_is_granted_before_outbox_sends_queued_earlier() -> None:
    budget = SendBudget(fast_delivery_config(global_per_second=2, window_seconds=1.0))
    first = [await budget.acquire(1), await budget.acquire(2)]  # the window is full now
    order: list[str] = []

    async def take(name: str, chat: int, priority: int) -> None:
        permit = await budget.acquire(chat, priority=priority)
        order.append(name)
        permit.release()

    outbox = asyncio.create_task(take("outbox", 3, OUTBOX))
    await asyncio.sleep(0)
    reply = asyncio.create_task(take("reply", 4, INTERACTIVE))
    await asyncio.sleep(0)
    for permit in first:
        permit.release()  # answers in: room again once they leave the one-second window
    await asyncio.gather(outbox, reply)
    assert order == ["reply", "outbox"]


async def test_a_chat_held_by_a_429_does_not_block_other_chats() -> None:
    budget = SendBudget(fast_delivery_config())
    budget.hold(1, 60)
    held = asyncio.create_task(budget.acquire(1))
    other = await asyncio.wait_for(budget.acquire(2), timeout=5)
    other.release()
    assert not held.done() and not budget.chat_has_room(1, group=False)
    held.cancel()


async def test_an_outbox_turn_for_a_chat_that_fills_up_meanwhile_is_given_up_not_waited_for() -> None:
    budget = SendBudget(fast_delivery_config(global_per_second=1, window_seconds=1.0))
    busy = await budget.acquire(9)  # the window is full: the outbox's turn has to wait
    outbox_turn = asyncio.create_task(budget.acquire_unless_chat_busy(1, group=False))
    await asyncio.sleep(0)
    budget.hold(1, 60)  # a 429 for that chat arrives meanwhile
    assert await asyncio.wait_for(outbox_turn, timeout=5) is None
    busy.release()
