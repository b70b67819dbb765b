"""The one sender: drains the outbox within Telegram's limits and records every outcome.

Limits: every send takes a turn in the :class:`~bot.delivery.budget.SendBudget` it shares with
the handlers' replies (outbox priority: a reader's reply goes first), after an aiolimiter bucket
that spreads sends evenly at ``delivery.global_per_second`` — or, for breaking rows of a paid
broadcast (``delivery.paid_broadcast``, sent with ``allow_paid_broadcast``), at ``paid_per_second``.

Exactly-once: a row is claimed (state 'sending', committed) right before its network call and finalised
right after it (outcomes of a few ms share one commit); rows found 'sending' at start-up are resent.

Surviving: a failing pass (database locked, disk full, anything) is logged once, backed off
(0.1 s doubling to 5 s) and retried; an outcome that cannot be written yet is kept in memory and
written once it can (the row stays 'sending', so it is never sent twice). A timeout or server
error pauses all sends (the Bot API is down for everyone) and the row is retried for
``delivery.retry_minutes`` before it counts as failed. :attr:`Sender.health` feeds /stats and /healthz.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot.delivery.budget import OUTBOX, Permit, SendBudget
from bot.delivery.gone import GONE_400
from bot.delivery.limiter import retry_after_seconds
from bot.delivery.sender_health import PassRecord, SenderHealth, SenderStats
from bot.stores.chat_move import move_chat
from bot.stores.chats import ChatStore
from bot.stores.outbox import FAILED, SENT, BroadcastReport, Outbox, OutboxRow
from digests.config import DeliveryConfig

log = logging.getLogger(__name__)

SendFn = Callable[[int, str], Awaitable[object]]  # (chat_id, html) → raises telegram.error.*
Outcome = Callable[[], None]  # writes one send's result to the database

_GLOBAL_BURST = 2
_BATCH = 1000  # rows read per pass; chats busy or rate-limited are skipped and retried next pass
_MAX_BACKOFF = 60.0  # a row's retries after timeouts / 5xx: at most a minute apart
_MAX_PAUSE = 30.0  # all sends pause at most this long after a timeout / 5xx
_IDLE_WAIT = 5.0  # re-check the queue at least this often even without a wake-up
_SETTLE_AFTER = 0.05  # outcomes wait this long for the next claim's commit, else get their own
_BACKLOG_EVERY = 1.0  # seconds between backlog counts


class Sender:
    """Run :meth:`run` as one asyncio task; :meth:`wake` after enqueueing; :meth:`stop` to end."""

    def __init__(
        self,
        outbox: Outbox,
        chats: ChatStore,
        config: DeliveryConfig,
        send: SendFn,
        *,
        budget: SendBudget | None = None,
        on_report: Callable[[BroadcastReport], None] | None = None,
        on_gone: Callable[[int, str], None] | None = None,
        on_moved: Callable[[int, int], None] | None = None,
        send_paid: SendFn | None = None,
    ) -> None:
        self.outbox = outbox
        self.chats = chats
        self.config = config
        self.budget = budget or SendBudget(config)
        self._send = send
        self._on_report = on_report
        self._on_gone = on_gone  # (chat id, reason): e.g. report a lost channel to the admins
        self._on_moved = on_moved  # (old id, new id) after the chat's rows moved: the application's chat_data
        self._pace = AsyncLimiter(_GLOBAL_BURST, _GLOBAL_BURST / config.global_per_second)
        self._send_paid = send_paid if config.paid_broadcast else None
        # 20 ms of slack, not 2 sends: at 1,000/s one loop iteration outlasts 2 ms (the budget still caps).
        paid_burst = max(_GLOBAL_BURST, config.paid_per_second / 50)
        self._paid_pace = AsyncLimiter(paid_burst, paid_burst / config.paid_per_second)
        self._in_flight: set[int] = set()  # chats with a send under way (until its outcome is written)
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(config.concurrency)
        self._wake = asyncio.Event()
        self._stopping = False
        self._running = False
        self._unsettled: deque[tuple[int, Outcome]] = deque()
        self._settle_soon = False
        self._failing_since: dict[int, float] = {}  # row id → monotonic time of its first timeout / 5xx
        self._paused_until = 0.0  # monotonic: no sends before (Bot API outage backoff)
        self._outage_streak = 0
        self._backlog_at = float("-inf")
        self._backlog: int | None = None
        self._record = PassRecord(outbox.clock)  # one clock: the status, the due times and the waits
        self.stats = SenderStats()

    def wake(self) -> None:
        self._wake.set()

    @property
    def idle(self) -> bool:
        """Nothing in flight and nothing left to send, now or later (tests and benchmarks wait for this)."""
        return not self._tasks and not self._unsettled and self.outbox.open_count() == 0

    @property
    def health(self) -> SenderHealth:
        paused, r = self._paused_until - time.monotonic(), self._record
        return SenderHealth(  # in SenderHealth's field order
            *(self._running, r.started_at, r.last_pass_at, r.last_sent_at, self._backlog),
            *(len(self._unsettled), r.errors, r.consecutive, r.last_error, r.last_error_at),
            r.clock() + timedelta(seconds=paused) if paused > 0 else None,
            replace(self.stats),
        )

    async def run(self) -> None:
        self._running = True
        self._record.started_at = self._record.clock()
        recovered = False
        try:
            while not self._stopping:
                self._wake.clear()
                try:
                    if not recovered:
                        self._recover()
                        recovered = True
                    if not self._settle_soon:  # else a commit of the outcomes is due in a moment
                        self._settle()
                    dispatched, waiting = await self._pass()
                    self._count_backlog(busy=dispatched > 0)
                    self._record.passed()
                    pause = self._paused_until - time.monotonic()
                    if dispatched and pause <= 0:
                        continue
                    wait = max(pause, 0.02) if waiting or pause > 0 else self._until_next_retry()
                except Exception as exc:
                    wait = self._record.failed(exc)
                await self._sleep(wait)
        finally:
            await self._drain()
            self._running = False

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)

    # --- passes and their health ----------------------------------------------------------------

    def _recover(self) -> None:
        self.stats.recovered = self.outbox.recover_in_flight()
        if self.stats.recovered:
            log.warning("resending %d message(s) that were in flight when the bot stopped", self.stats.recovered)
        for broadcast_id in self.outbox.open_broadcasts():
            self._finish(broadcast_id)

    def _count_backlog(self, *, busy: bool) -> None:
        now = time.monotonic()
        if not busy or now - self._backlog_at >= _BACKLOG_EVERY:  # while sending, once a second is enough
            self._backlog = self.outbox.open_count()
            self._backlog_at = now

    def _until_next_retry(self) -> float:
        seconds = self.outbox.seconds_to_next_due()
        return _IDLE_WAIT if seconds is None else min(_IDLE_WAIT, max(0.01, seconds))

    async def _pass(self) -> tuple[int, bool]:
        """Dispatch what can go now; returns (sent off, rows left waiting for a busy/limited chat)."""
        dispatched, waiting = 0, False
        for row in self.outbox.due(_BATCH):
            if self._stopping:
                break
            if time.monotonic() < self._paused_until:
                return dispatched, True
            if row.chat_id in self._in_flight:
                waiting = True
                continue
            if row.chat_active is False:
                self._skip_inactive(row.chat_id)  # known gone: its rows go, its reason stays
                continue
            if not self.budget.chat_has_room(row.chat_id, group=row.is_group):
                waiting = True
                continue
            send = self._send_paid if self._send_paid is not None and row.kind == "breaking" else None
            await self._slots.acquire()
            permit: Permit | None = None
            try:
                await (self._paid_pace if send else self._pace).acquire()
                # A chat that filled up meanwhile (a reply took its turn, a 429) is skipped, not waited for.
                permit = await self.budget.acquire_unless_chat_busy(
                    row.chat_id, group=row.is_group, priority=OUTBOX, paid=send is not None
                )
                # Claimed and committed before the call: a restart sees exactly which rows might be out.
                claimed = permit is not None and self._claim(row)
            except BaseException:
                if permit is not None:
                    permit.release()
                self._slots.release()
                raise
            if permit is None:
                self._slots.release()
                waiting = True
                continue
            if not claimed:
                permit.release()
                self._slots.release()
                continue
            self._in_flight.add(row.chat_id)
            task = asyncio.create_task(self._deliver(row, permit, send or self._send))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            dispatched += 1
        return dispatched, waiting

    # --- one send -------------------------------------------------------------------------------

    async def _deliver(self, row: OutboxRow, permit: Permit, send: SendFn) -> None:
        try:
            outcome = await self._attempt(row, permit, send)
        finally:
            self._slots.release()
        self._unsettled.append((row.chat_id, outcome))
        if not self._settle_soon:
            # Not now: the next claim's commit takes them along (_claim); this is for when none comes.
            self._settle_soon = True
            asyncio.get_running_loop().call_later(_SETTLE_AFTER, self._settle_later)

    def _settle_later(self) -> None:
        self._settle_soon = False
        with contextlib.suppress(Exception):  # kept in memory; the next pass writes them (and says why)
            self._settle()
        self._wake.set()

    def _settle(self) -> None:
        """Write finished sends' outcomes in one commit; a failed write leaves them all to the next try."""
        if self._unsettled:
            with self.outbox.transaction():
                written = self._write_outcomes()
            self._settled(written)

    def _claim(self, row: OutboxRow) -> bool:
        """Claim ``row`` before its call, in one commit with the waiting outcomes (in flight ≤ concurrency)."""
        with self.outbox.transaction():
            written = self._write_outcomes()
            claimed = self.outbox.claim(row.id, row.chat_id)
        self._settled(written)
        return claimed

    def _write_outcomes(self) -> int:
        return sum(1 for _chat, outcome in list(self._unsettled) if outcome() is None)

    def _settled(self, count: int) -> None:
        for _ in range(count):  # only once committed: a rolled-back write is tried again
            self._in_flight.discard(self._unsettled.popleft()[0])

    async def _attempt(self, row: OutboxRow, permit: Permit, send: SendFn) -> Outcome:
        """Send one row; returns how to record the result (not yet written: the database may be busy)."""
        attempt = row.attempts + 1  # claim counted this one
        try:
            try:
                await send(row.chat_id, row.html)
            finally:
                permit.release()
        except RetryAfter as exc:
            wait = retry_after_seconds(exc)
            self.budget.hold(row.chat_id, wait)
            log.info("429 for chat %s: waiting %.1fs", row.chat_id, wait)
            return lambda: self._rate_limited(row, wait)
        except ChatMigrated as exc:
            new_id = int(exc.new_chat_id)
            log.info("chat %s migrated to %s; resending there", row.chat_id, new_id)
            return lambda: self._migrated(row.chat_id, new_id)
        except Forbidden as exc:
            reason = exc.message
            return lambda: self._gone(row.chat_id, reason)
        except BadRequest as exc:
            reason = exc.message
            if any(marker in reason.lower() for marker in GONE_400):
                return lambda: self._gone(row.chat_id, reason)
            # Bad HTML, too long, …: sending it again would fail again.
            log.error("message %s to chat %s rejected: %s", row.id, row.chat_id, reason)
            return lambda: self._final(row, FAILED, reason)
        except TelegramError as exc:  # TimedOut, NetworkError, 5xx, …
            # TimedOut may mean "sent but the answer was lost": the retry is the at-least-once risk.
            return self._transient(row, attempt, f"{type(exc).__name__}: {exc}")
        except Exception as exc:
            log.exception("unexpected error sending message %s to chat %s", row.id, row.chat_id)
            error = f"{type(exc).__name__}: {exc}"
            return lambda: self._final(row, FAILED, error)
        self._outage_streak = 0
        self._failing_since.pop(row.id, None)
        self._record.last_sent_at = self._record.clock()
        return lambda: self._final(row, SENT, None)

    def _transient(self, row: OutboxRow, attempt: int, error: str) -> Outcome:
        now = time.monotonic()
        if now >= self._paused_until:
            # The Bot API is probably down for everyone: pause all sends, longer each time.
            self._outage_streak += 1
            pause = min(_MAX_PAUSE, self.config.retry_base_seconds * 2 ** (self._outage_streak - 1))
            self._paused_until = now + pause
            if self._outage_streak == 1:
                log.warning("sending failed (%s); pausing sends, retrying with backoff", error)
        failing_for = now - self._failing_since.setdefault(row.id, now)
        if attempt >= self.config.max_attempts and failing_for >= self.config.retry_minutes * 60:
            log.warning("giving up on message %s to chat %s after %d attempts: %s", row.id, row.chat_id, attempt, error)
            self._failing_since.pop(row.id, None)
            return lambda: self._final(row, FAILED, error)
        delay = min(_MAX_BACKOFF, self.config.retry_base_seconds * 2 ** (attempt - 1))
        return lambda: self._retry(row, delay, error)

    # --- outcomes (each writes the database; may raise, then it is tried again) -----------------

    def _retry(self, row: OutboxRow, delay: float, error: str) -> None:
        self.outbox.retry_later(row, delay, error)
        self.stats.retries += 1

    def _rate_limited(self, row: OutboxRow, wait: float) -> None:
        self.outbox.retry_later(row, wait, f"429 retry after {wait:g}s", count_attempt=False)
        self.stats.rate_limited += 1

    def _migrated(self, old_id: int, new_id: int) -> None:
        move_chat(self.outbox.db, old_id, new_id, clock=self.outbox.clock)  # as bot.membership does
        self.stats.migrated += 1
        if self._on_moved is not None:
            self._on_moved(old_id, new_id)

    def _final(self, row: OutboxRow, state: str, error: str | None) -> None:
        self.outbox.mark(row.id, state, error)
        if row.broadcast_id is not None:
            self._finish(row.broadcast_id)
        if state == SENT:
            self.stats.sent += 1
        elif state == FAILED:
            self.stats.failed += 1

    def _gone(self, chat_id: int, reason: str) -> None:
        """Blocked, kicked, deleted: stop writing to the chat (subscriptions stay for a comeback)."""
        log.info("chat %s is gone (%s); marking it inactive", chat_id, reason)
        with self.outbox.transaction():
            self.chats.deactivate(chat_id, reason)
            skipped, broadcasts = self.outbox.block_chat(chat_id, reason)
        self.stats.blocked += skipped
        for broadcast_id in broadcasts:
            self._finish(broadcast_id)  # before the hook: its failure must not cost a broadcast's report
        if self._on_gone:
            self._on_gone(chat_id, reason)

    def _skip_inactive(self, chat_id: int) -> None:
        skipped, broadcasts = self.outbox.block_chat(chat_id, "chat inactive")
        self.stats.blocked += skipped
        for broadcast_id in broadcasts:
            self._finish(broadcast_id)

    def _finish(self, broadcast_id: int) -> None:
        report = self.outbox.finish_broadcast(broadcast_id)
        if report is not None:
            counts = f"{report.sent} sent, {report.failed} failed, {report.blocked} blocked"
            log.info("broadcast %s (%s) done: %s", report.broadcast_id, report.item_key, counts)
            if self._on_report:
                self._on_report(report)
            self._wake.set()  # the admin's report is a new row

    async def _drain(self) -> None:
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=10)
        try:
            self._settle()
        except Exception as exc:
            log.error("outbox sender: %d outcome(s) not written at shutdown: %s", len(self._unsettled), exc)
