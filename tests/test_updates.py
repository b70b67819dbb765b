"""Updates of different chats run at once; one chat's keep their order and hold up only that chat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.updates import PerChatUpdateProcessor


def _update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, "private")
    message = Message(
        update_id, datetime(2021, 12, 8, 8, tzinfo=UTC), chat, from_user=User(chat_id, "u", False), text="/help"
    )
    return Update(update_id, message=message)


async def test_a_chat_with_more_queued_updates_than_slots_holds_up_only_itself() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=2)
    done: list[tuple[int, int]] = []
    first_chat_may_go = asyncio.Event()

    async def handle(chat_id: int, n: int) -> None:
        if chat_id == 1:
            await first_chat_may_go.wait()
        done.append((chat_id, n))

    queued = [asyncio.create_task(processor.process_update(_update(n, 1), handle(1, n))) for n in range(5)]
    await asyncio.sleep(0.05)  # chat 1: one update running, four waiting for its turn
    other = asyncio.create_task(processor.process_update(_update(99, 2), handle(2, 0)))
    await asyncio.wait_for(other, timeout=2)  # not stuck behind chat 1's queue
    assert done == [(2, 0)]
    first_chat_may_go.set()
    await asyncio.gather(*queued)
    assert done[1:] == [(1, n) for n in range(5)]  # chat 1's updates in the order they came


async def test_the_same_update_id_twice_is_processed_once_and_the_memory_is_bounded() -> None:
    from bot.updates import RecentIds

    processor = PerChatUpdateProcessor()
    handled: list[int] = []

    async def handle(n: int) -> None:
        handled.append(n)

    for update_id in (7, 8, 7, 9, 8):
        await processor.process_update(_update(update_id, 1), handle(update_id))
    assert handled == [7, 8, 9]
    recent = RecentIds(3)
    assert [recent.first_time(i) for i in (1, 2, 3, 1, 4, 1)] == [True, True, True, False, True, True]
