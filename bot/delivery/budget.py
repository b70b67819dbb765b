"""One send budget for every outgoing Bot API call: replies, edits, callback answers and the outbox.

Telegram counts what a bot sends against one bot-wide limit (30 per second) and per-chat
limits (1 per second in a private chat, 20 per minute in a group).  Two limiters that each
allow 30/s — one for replies, one for the outbox — together allow 60, so both draw from this
one budget: the Application's rate limiter (:mod:`bot.delivery.limiter`) for every handler
call, the outbox sender directly.  Interactive calls go first: while a reply waits, no
outbox send takes the slot it could use.

A call gets its turn when
* the overall window has room,
* its chat's window has room and the chat is not held by a 429 (:meth:`SendBudget.hold`) —
  a 429 is obeyed for that chat only, other chats go on, and
* no call of higher priority (or the same priority, queued earlier) could go instead.

Windows: Telegram stamps a send somewhere between our request and its answer, so
:class:`AnswerWindow` admits a send only while (sends in flight) + (answers received within
the window) stays below the count — that bounds Telegram's own count even when requests
bunch up in transit.  ``delivery.window_seconds`` sets the window (benchmarks compress it).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass

from digests.config import DeliveryConfig

INTERACTIVE = 0  # replies, edits, callback answers: a person is waiting
OUTBOX = 1  # digests, pushes, alerts, reports

ChatKey = int | str  # an id, or "@channelname"
_PRUNE_OVER = 2000  # per-chat windows kept before empty ones are dropped (10,000 chats cost no memory)


class AnswerWindow:
    """At most ``count`` sends per sliding ``seconds``, judged by when their answers arrived."""

    def __init__(self, count: float, seconds: float) -> None:
        self.count = max(1, int(count + 1e-9))
        self.seconds = seconds
        self._answers: deque[float] = deque()
        self._in_flight = 0

    def _expire(self, now: float) -> None:
        while self._answers and self._answers[0] <= now - self.seconds:
            self._answers.popleft()

    def has_room(self, now: float) -> bool:
        self._expire(now)
        return self._in_flight + len(self._answers) < self.count

    def wait_time(self, now: float) -> float | None:
        """Seconds until the oldest answer leaves the window (None: only an answer can make room)."""
        self._expire(now)
        if not self._answers:
            return None
        return max(0.0, self._answers[0] + self.seconds - now)

    def is_empty(self, now: float) -> bool:
        self._expire(now)
        return not self._answers and not self._in_flight

    def begin(self) -> None:
        self._in_flight += 1

    def end(self, now: float) -> None:
        self._in_flight -= 1
        self._answers.append(now)


class Permit:
    """The right to make one call; :meth:`release` when its answer (or error) is back."""

    __slots__ = ("_budget", "_chat", "_released")

    def __init__(self, budget: SendBudget, chat: AnswerWindow | None) -> None:
        self._budget = budget
        self._chat = chat
        self._released = False

    def release(self) -> None:
        if not self._released:
            self._released = True
            self._budget._answered(self._chat)


@dataclass
class _Waiter:
    chat: ChatKey | None
    group: bool
    future: asyncio.Future[Permit | None]
    unless_chat_busy: bool
    paid: bool = False


class SendBudget:
    """Grants :class:`Permit` s within Telegram's limits, interactive calls first."""

    def __init__(self, config: DeliveryConfig) -> None:
        w = config.window_seconds
        self._global = AnswerWindow(config.global_per_second * w, w)
        # Paid broadcasts: their own, higher overall count; every send counts in both windows, so a
        # free call still waits until the free count has room (interactive ones first, as always).
        self._paid = AnswerWindow(config.paid_per_second * w, w) if config.paid_broadcast else None
        self._private = (config.private_per_second * w, w)
        self._group = (config.group_per_minute * w, 60.0 * w)
        self._chats: dict[ChatKey, AnswerWindow] = {}
        self._prune_at = _PRUNE_OVER
        self._held: dict[ChatKey, float] = {}  # chat → monotonic time its 429 ends
        self._waiters: list[deque[_Waiter]] = [deque(), deque()]  # by priority, FIFO
        self._timer: asyncio.TimerHandle | None = None
        self._kicked = False
        self.granted = 0  # permits handed out (tests, benchmarks)

    # --- asking ---------------------------------------------------------------------------------

    async def acquire(self, chat: ChatKey | None, *, group: bool = False, priority: int = INTERACTIVE) -> Permit:
        """Wait for a turn to call Telegram (for ``chat``, or a call that goes to no chat)."""
        permit = await self._acquire(chat, group, priority, unless_chat_busy=False)
        assert permit is not None
        return permit

    async def acquire_unless_chat_busy(
        self, chat: ChatKey, *, group: bool, priority: int = OUTBOX, paid: bool = False
    ) -> Permit | None:
        """Wait for a turn overall, but None at once if ``chat`` itself cannot take a send now (its
        window is full or a 429 holds it): the outbox then goes on with other chats' rows.
        ``paid``: a paid broadcast send, admitted by the paid overall count."""
        return await self._acquire(chat, group, priority, unless_chat_busy=True, paid=paid)

    async def _acquire(
        self, chat: ChatKey | None, group: bool, priority: int, *, unless_chat_busy: bool, paid: bool = False
    ) -> Permit | None:
        now = time.monotonic()
        chat_ready = self._chat_ready(chat, group, now)
        if not chat_ready and unless_chat_busy:
            return None
        if not any(self._waiters) and self._overall(paid).has_room(now) and chat_ready:
            return self._grant(chat, group)
        loop = asyncio.get_running_loop()
        waiter = _Waiter(chat, group, loop.create_future(), unless_chat_busy, paid)
        self._waiters[min(priority, OUTBOX)].append(waiter)
        self._kick()
        try:
            return await waiter.future
        except asyncio.CancelledError:
            if waiter.future.done() and not waiter.future.cancelled():
                permit = waiter.future.result()
                if permit is not None:
                    permit.release()  # granted just as the caller gave up
            else:
                self._waiters[min(priority, OUTBOX)].remove(waiter)
                self._kick()
            raise

    def chat_has_room(self, chat: ChatKey, *, group: bool) -> bool:
        """Could a call to ``chat`` go as far as its own limits go (the sender skips busy chats)?"""
        return self._chat_ready(chat, group, time.monotonic())

    def hold(self, chat: ChatKey | None, seconds: float) -> None:
        """Telegram answered 429 for ``chat``: nothing more goes there for ``seconds``."""
        if chat is None:
            return
        until = time.monotonic() + seconds
        self._held[chat] = max(until, self._held.get(chat, 0.0))
        self._kick()

    @property
    def waiting(self) -> int:
        return sum(len(q) for q in self._waiters)

    # --- granting -------------------------------------------------------------------------------

    def _chat_window(self, chat: ChatKey, group: bool) -> AnswerWindow:
        window = self._chats.get(chat)
        if window is None:
            if len(self._chats) > self._prune_at:
                self._prune(time.monotonic())
            window = AnswerWindow(*(self._group if group else self._private))
            self._chats[chat] = window
        return window

    def _chat_ready(self, chat: ChatKey | None, group: bool, now: float) -> bool:
        if chat is None:
            return True
        until = self._held.get(chat)
        if until is not None:
            if until > now:
                return False
            del self._held[chat]
        window = self._chats.get(chat)
        return window is None or window.has_room(now)

    def _overall(self, paid: bool) -> AnswerWindow:
        return self._paid if paid and self._paid is not None else self._global

    def _grant(self, chat: ChatKey | None, group: bool) -> Permit:
        self._global.begin()
        if self._paid is not None:
            self._paid.begin()
        window = None
        if chat is not None:
            window = self._chat_window(chat, group)
            window.begin()
        self.granted += 1
        return Permit(self, window)

    def _answered(self, chat: AnswerWindow | None) -> None:
        now = time.monotonic()
        self._global.end(now)
        if self._paid is not None:
            self._paid.end(now)
        if chat is not None:
            chat.end(now)
        if any(self._waiters):
            self._kick()  # the answer's place in the window sets the next time room opens

    def _kick(self) -> None:
        """Hand out turns soon (once per loop iteration however many events asked for it)."""
        if not self._kicked:
            self._kicked = True
            asyncio.get_running_loop().call_soon(self._dispatch)

    def _dispatch(self) -> None:
        self._kicked = False
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        now = time.monotonic()
        next_chance: float | None = None
        for queue in self._waiters:
            for waiter in list(queue):
                if waiter.future.done():  # cancelled: acquire() removes it
                    continue
                ready = self._chat_ready(waiter.chat, waiter.group, now)
                if not ready and waiter.unless_chat_busy:
                    queue.remove(waiter)
                    waiter.future.set_result(None)  # its chat filled up (a reply went first, a 429)
                    continue
                overall = self._overall(waiter.paid)
                if not overall.has_room(now):
                    next_chance = self._soonest(next_chance, overall.wait_time(now))
                    break
                if ready:
                    queue.remove(waiter)
                    waiter.future.set_result(self._grant(waiter.chat, waiter.group))
                else:
                    next_chance = self._soonest(next_chance, self._chat_wait(waiter.chat, now))
            else:
                continue
            break
        if next_chance is not None and any(self._waiters):
            self._timer = asyncio.get_running_loop().call_later(max(0.001, next_chance), self._kick)

    def _chat_wait(self, chat: ChatKey | None, now: float) -> float | None:
        if chat is None:
            return None
        held = self._held.get(chat, 0.0) - now
        window = self._chats.get(chat)
        room = window.wait_time(now) if window is not None and not window.has_room(now) else 0.0
        if room is None:
            return held if held > 0 else None  # only an answer (which kicks) makes room
        return max(held, room)

    @staticmethod
    def _soonest(current: float | None, candidate: float | None) -> float | None:
        if candidate is None:
            return current
        return candidate if current is None else min(current, candidate)

    def _prune(self, now: float) -> None:
        for chat in [c for c, w in self._chats.items() if w.is_empty(now) and c not in self._held]:
            del self._chats[chat]
        # Many live windows (a push to thousands of groups keeps each for a minute): scan again only
        # after as many new ones, so pruning stays amortised O(1) per new chat.
        self._prune_at = max(_PRUNE_OVER, 2 * len(self._chats))
