"""The one sender: drains the outbox within Telegram's limits and records every outcome.

Limits, two layers:
* pacing — an aiolimiter leaky bucket spreads sends evenly at
  ``delivery.global_per_second`` (capacity 2, so one late wake-up of a busy
  event loop can catch up);
* windows — Telegram counts sends in sliding windows (30 per second overall,
  1 per second per private chat, 20 per minute per group), stamped somewhere
  between our request and its answer. :class:`AnswerWindow` admits a send only
  while (sends still in flight) + (answers received within the window) stays
  below the count, which bounds Telegram's own window count even when requests
  bunch up on the way (a stalled network or server) — so no 429s by design.
  ``delivery.window_seconds`` (default 1) sets the window; counts follow from the
  per-second / per-minute settings.

Paid broadcasts (``delivery.paid_broadcast``): breaking rows go through ``send_paid`` (which
passes ``allow_paid_broadcast``), paced at ``delivery.paid_per_second`` and admitted while the
overall window holds fewer than that many sends; every other row still waits for the free
count, paid sends included. Per-chat windows are the same for both.

Exactly-once bookkeeping: a row is claimed (state 'sending', committed) right
before its network call and finalised right after it. At start-up, rows still
'sending' were in flight when the process died; they are resent (at-least-once
for at most ``delivery.concurrency`` rows), everything else is exactly-once.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

from bot.chats import ChatStore
from bot.delivery.outbox import BLOCKED, FAILED, SENT, BroadcastReport, Outbox, OutboxRow
from digests.config import DeliveryConfig

log = logging.getLogger(__name__)

SendFn = Callable[[int, str], Awaitable[object]]  # (chat_id, html) → raises telegram.error.*

_GLOBAL_BURST = 2
_BATCH = 1000  # rows read per pass; chats busy or rate-limited are skipped and retried next pass
_MAX_BACKOFF = 300.0
_IDLE_WAIT = 5.0  # re-check the queue at least this often even without a wake-up
_GONE_400 = ("chat not found", "peer_id_invalid", "user not found", "chat_write_forbidden")


@dataclass
class SenderStats:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    rate_limited: int = 0  # 429 answers received
    retries: int = 0  # timeouts / 5xx retried later
    migrated: int = 0
    recovered: int = 0  # rows found 'sending' at start-up (resent)


class Sender:
    """Run :meth:`run` as one asyncio task; :meth:`wake` after enqueueing; :meth:`stop` to end."""

    def __init__(
        self,
        outbox: Outbox,
        chats: ChatStore,
        config: DeliveryConfig,
        send: SendFn,
        *,
        on_report: Callable[[BroadcastReport], None] | None = None,
        send_paid: SendFn | None = None,
    ) -> None:
        self.outbox = outbox
        self.chats = chats
        self.config = config
        self._send = send
        self._on_report = on_report
        self._pace = AsyncLimiter(_GLOBAL_BURST, _GLOBAL_BURST / config.global_per_second)
        w = config.window_seconds
        self._global = AnswerWindow(config.global_per_second * w, w)
        self._paid = _PaidLane(config, send_paid) if config.paid_broadcast and send_paid else None
        self._private = (config.private_per_second * w, w)
        self._group = (config.group_per_minute * w, 60.0 * w)
        self._chat_windows: dict[int, AnswerWindow] = {}
        self._answered = asyncio.Event()
        self._in_flight: set[int] = set()  # chats with a send under way: one at a time keeps parts in order
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(config.concurrency)
        self._wake = asyncio.Event()
        self._stopping = False
        self.stats = SenderStats()

    def wake(self) -> None:
        self._wake.set()

    @property
    def idle(self) -> bool:
        """Nothing in flight and nothing left to send, now or later (tests and benchmarks wait for this)."""
        return not self._tasks and self.outbox.open_count() == 0

    async def run(self) -> None:
        self.stats.recovered = self.outbox.recover_in_flight()
        if self.stats.recovered:
            log.warning("resending %d message(s) that were in flight when the bot stopped", self.stats.recovered)
        for broadcast_id in self.outbox.open_broadcasts():
            self._finish(broadcast_id)
        try:
            while not self._stopping:
                self._wake.clear()
                dispatched, waiting = await self._pass()
                if dispatched:
                    continue
                await self._sleep(0.02 if waiting else self._until_next_retry())
        finally:
            await self._drain()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        except TimeoutError:
            pass

    def _until_next_retry(self) -> float:
        at = self.outbox.next_retry_at()
        if at is None:
            return _IDLE_WAIT
        return min(_IDLE_WAIT, max(0.01, at - time.time()))

    async def _pass(self) -> tuple[int, bool]:
        """Dispatch what can go now; returns (sent off, rows left waiting for a busy/limited chat)."""
        dispatched, waiting = 0, False
        for row in self.outbox.due(_BATCH):
            if self._stopping:
                break
            if row.chat_id in self._in_flight:
                waiting = True
                continue
            if row.chat_active is False:
                self._gone(row.chat_id, "chat inactive")
                continue
            window = self._chat_window(row)
            if not window.has_room(time.monotonic()):
                waiting = True
                continue
            paid = self._paid if self._paid is not None and row.kind == "breaking" else None
            await self._slots.acquire()
            await (paid.pace if paid else self._pace).acquire()
            await self._room_overall(paid.count if paid else None)
            # Claimed and committed before the call: a restart sees exactly which rows might be out.
            if not self.outbox.claim(row.id, row.chat_id):
                self._slots.release()
                continue
            self._in_flight.add(row.chat_id)
            self._global.begin()
            window.begin()  # room checked above; only this loop starts sends for a chat
            task = asyncio.create_task(self._deliver(row, window, paid.send if paid else self._send))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            dispatched += 1
        self._prune_limiters()
        return dispatched, waiting

    async def _room_overall(self, count: int | None = None) -> None:
        while not self._global.has_room(time.monotonic(), count):
            wait = self._global.wait_time(time.monotonic())
            self._answered.clear()
            try:
                # Either the oldest answer leaves the window, or an in-flight send is answered.
                await asyncio.wait_for(self._answered.wait(), timeout=wait if wait is not None else 0.1)
            except TimeoutError:
                pass

    def _chat_window(self, row: OutboxRow) -> AnswerWindow:
        window = self._chat_windows.get(row.chat_id)
        if window is None:
            window = AnswerWindow(*(self._group if row.is_group else self._private))
            self._chat_windows[row.chat_id] = window
        return window

    def _prune_limiters(self) -> None:
        # An empty window remembers nothing; drop it so 10,000 chats cost no memory.
        if len(self._chat_windows) > 2000:
            now = time.monotonic()
            for chat_id in [c for c, w in self._chat_windows.items() if w.is_empty(now)]:
                del self._chat_windows[chat_id]

    async def _deliver(self, row: OutboxRow, window: AnswerWindow, send: SendFn) -> None:
        attempt = row.attempts + 1  # claim counted this one
        try:
            try:
                await send(row.chat_id, row.html)
            finally:
                now = time.monotonic()
                self._global.end(now)
                window.end(now)
                self._answered.set()
        except RetryAfter as exc:
            self.stats.rate_limited += 1
            wait = _retry_after(exc)
            log.info("429 for chat %s: waiting %.1fs", row.chat_id, wait)
            self.outbox.retry_later(row, wait, f"429 retry after {wait:g}s", count_attempt=False)
        except ChatMigrated as exc:
            self.stats.migrated += 1
            log.info("chat %s migrated to %s; resending there", row.chat_id, exc.new_chat_id)
            self.chats.migrate(row.chat_id, exc.new_chat_id)
            self.outbox.migrate_chat(row.chat_id, exc.new_chat_id)
        except Forbidden as exc:
            self._gone(row.chat_id, exc.message)
        except BadRequest as exc:
            if any(marker in exc.message.lower() for marker in _GONE_400):
                self._gone(row.chat_id, exc.message)
            else:
                # Bad HTML, too long, …: sending it again would fail again.
                log.error("message %s to chat %s rejected: %s", row.id, row.chat_id, exc.message)
                self._final(row, FAILED, exc.message)
        except (TimedOut, NetworkError, TelegramError) as exc:
            # TimedOut may mean "sent but the answer was lost": the retry is the at-least-once risk.
            self._retry_or_fail(row, attempt, f"{type(exc).__name__}: {exc}")
        except Exception as exc:
            log.exception("unexpected error sending message %s to chat %s", row.id, row.chat_id)
            self._final(row, FAILED, f"{type(exc).__name__}: {exc}")
        else:
            self._final(row, SENT, None)
        finally:
            self._in_flight.discard(row.chat_id)
            self._slots.release()
            self._wake.set()

    def _retry_or_fail(self, row: OutboxRow, attempt: int, error: str) -> None:
        if attempt >= self.config.max_attempts:
            log.warning("giving up on message %s to chat %s after %d attempts: %s", row.id, row.chat_id, attempt, error)
            self._final(row, FAILED, error)
            return
        self.stats.retries += 1
        delay = min(_MAX_BACKOFF, self.config.retry_base_seconds * 2 ** (attempt - 1))
        self.outbox.retry_later(row, delay, error)

    def _final(self, row: OutboxRow, state: str, error: str | None) -> None:
        self.outbox.mark(row.id, state, error)
        if state == SENT:
            self.stats.sent += 1
        elif state == FAILED:
            self.stats.failed += 1
        if row.broadcast_id is not None:
            self._finish(row.broadcast_id)

    def _gone(self, chat_id: int, reason: str) -> None:
        """Blocked, kicked, deleted: stop writing to the chat (subscriptions stay for a comeback)."""
        log.info("chat %s is gone (%s); marking it inactive", chat_id, reason)
        self.chats.deactivate(chat_id, reason)
        skipped, broadcasts = self.outbox.block_chat(chat_id, reason)
        self.stats.blocked += skipped
        for broadcast_id in broadcasts:
            self._finish(broadcast_id)

    def _finish(self, broadcast_id: int) -> None:
        report = self.outbox.finish_broadcast(broadcast_id)
        if report is not None:
            log.info(
                "broadcast %s (%s) done: %d sent, %d failed, %d blocked",
                report.broadcast_id,
                report.item_key,
                report.sent,
                report.failed,
                report.blocked,
            )
            if self._on_report:
                self._on_report(report)
            self._wake.set()  # the admin's report is a new row

    async def _drain(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=10)


class AnswerWindow:
    """At most ``count`` sends per sliding ``seconds``, judged by when their answers arrived.

    Telegram stamps a send after we issue it and before we get its answer, so every send
    it counts in its window ending now is either still in flight or was answered within
    the window: keeping (in flight + answered recently) below ``count`` keeps Telegram's
    count below it too, however requests bunch up in transit.
    """

    def __init__(self, count: float, seconds: float) -> None:
        self.count = max(1, int(count + 1e-9))
        self.seconds = seconds
        self._answers: deque[float] = deque()
        self._in_flight = 0

    def _expire(self, now: float) -> None:
        while self._answers and self._answers[0] <= now - self.seconds:
            self._answers.popleft()

    def has_room(self, now: float, count: int | None = None) -> bool:
        """Room for one more send; ``count`` overrides the window's count (paid broadcasts)."""
        self._expire(now)
        return self._in_flight + len(self._answers) < (count or self.count)

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


class _PaidLane:
    """Pacing, overall count and send function of paid breaking pushes."""

    def __init__(self, config: DeliveryConfig, send: SendFn) -> None:
        # 20 ms of slack instead of 2 sends: at 1,000/s a busy loop iteration outlasts 2 ms, and the
        # overall window still caps any one second at paid_per_second.
        burst = max(_GLOBAL_BURST, config.paid_per_second / 50)
        self.pace = AsyncLimiter(burst, burst / config.paid_per_second)
        self.count = max(1, int(config.paid_per_second * config.window_seconds + 1e-9))
        self.send = send


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22.2+ warns that the type becomes timedelta; accept both.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


__all__ = ["BLOCKED", "FAILED", "SENT", "SendFn", "Sender", "SenderStats"]
