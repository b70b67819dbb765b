"""Daily digests at each chat's local time, derived from the SQLite store.

The decision "which digests are due now" is a pure function of ``now`` and the
store (:func:`due_digests`), so tests move the clock and call
:meth:`Scheduler.check_due` instead of waiting. JobQueue (APScheduler) only decides
*when* to look: one daily job per distinct (local time, zone) among subscribed chats
(:meth:`bot.stores.chats.ChatStore.slots`), plus a check at start-up (digests missed while the
bot was down, within ``digest.grace_hours``) and after every periodic ingest. Checking is
idempotent — the outbox's UNIQUE key and the digest log make a second check a no-op.

Window: a digest covers "since this chat's last digest of the category" (the
digest log), so nothing falls between two digests; a first digest covers the
default 24 hours.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import perf_counter
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import CallbackContext, JobQueue

from bot.delivery.alerter import Alerter
from bot.delivery.retention import prune
from bot.delivery.worker import DbWorker, WorkerClosed
from bot.stores.chats import ChatStore, ScheduledSubscription
from bot.stores.outbox import Outbox
from bot.stores.watchlist import Watchlist
from digests.config import Config
from digests.digest import UnknownCategory, build_category_digest, newest_day
from digests.ingest import IngestReport, ingest_in_background
from digests.render import render_digest_html
from digests.store import Store
from digests.storycache import StoryCache
from digests.watching import mute_filter

log = logging.getLogger(__name__)

SLOT_JOB_PREFIX = "digest-slot:"
INGEST_JOB = "posts-rescan"
CATCH_UP_JOB = "digest-catch-up"
_CHATS_PER_COMMIT = 200  # digests queued per transaction: each commit holds the write lock briefly
PRUNE_JOB = "retention-prune"
PRUNE_EVERY = 3600.0  # seconds between retention passes (bot.delivery.retention)
WARM_ZONES = 4  # zones a day is grouped for ahead of /digest (the default zone first)


@dataclass(frozen=True)
class DueDigest:
    chat_id: int
    category: str
    digest_date: date  # local date of the slot
    slot: datetime  # the scheduled moment, UTC
    digest_time: time
    tz: ZoneInfo
    since: datetime | None  # end of the previous digest's window; None → default 24 h


@dataclass
class CheckReport:
    enqueued: int = 0
    empty_skipped: int = 0  # empty digests not sent (digest.send_empty = false)
    late_skipped: list[DueDigest] = field(default_factory=list)  # beyond the grace window

    def summary_line(self) -> str:
        return f"{self.enqueued} digests queued, {self.empty_skipped} empty, {len(self.late_skipped)} too late"


# --- the pure part ------------------------------------------------------------------------------


def last_slot(now: datetime, at: time, tz: ZoneInfo) -> datetime:
    """The latest local ``at`` in ``tz`` at or before ``now`` (UTC result)."""
    local_now = now.astimezone(tz)
    for days_back in (0, 1, 2):
        day = local_now.date() - timedelta(days=days_back)
        slot = datetime.combine(day, at, tzinfo=tz).astimezone(ZoneInfo("UTC"))
        if slot <= now:
            return slot
    raise AssertionError("unreachable: a slot two days back is always in the past")


def due_digests(
    now: datetime,
    subscriptions: Iterable[ScheduledSubscription],
    digest_log: dict[tuple[int, str], tuple[date, datetime]],
    grace: timedelta,
) -> tuple[list[DueDigest], list[DueDigest]]:
    """(due now, missed beyond the grace window) for the latest slot of every subscription."""
    due: list[DueDigest] = []
    late: list[DueDigest] = []
    for sub in subscriptions:
        tz = sub.schedule.tz
        slot = last_slot(now, sub.schedule.at, tz)
        digest_date = slot.astimezone(tz).date()
        logged = digest_log.get((sub.chat_id, sub.category))
        if logged is not None and logged[0] >= digest_date:
            continue  # this slot's digest (or a later one) was already queued
        item = DueDigest(
            sub.chat_id, sub.category, digest_date, slot, sub.schedule.at, tz, logged[1] if logged else None
        )
        (due if now - slot <= grace else late).append(item)
    return due, late


def slot_job_name(at: time, zone: str) -> str:
    return f"{SLOT_JOB_PREFIX}{zone}@{at:%H:%M}"


def _unless_stopped(
    job: Callable[[Scheduler, Any], Coroutine[Any, Any, None]],
) -> Callable[[Scheduler, Any], Coroutine[Any, Any, None]]:
    """A job that fires (or is still running) while the bot stops does nothing more."""

    @functools.wraps(job)
    async def run(self: Scheduler, context: Any) -> None:
        if self.worker.closed:
            return
        try:
            await job(self, context)
        except WorkerClosed:
            pass

    return run


# --- the store-backed part ----------------------------------------------------------------------


class Scheduler:
    """Queues due digests into the outbox and keeps JobQueue's daily jobs in step with the store.

    Its database work runs in the delivery side's own thread and connection (:class:`DbWorker`):
    composing a busy slot takes seconds and a lock held by another process may last longer, and
    neither may stop the bot's replies. ``store``, ``chats`` and ``outbox`` are the handlers'
    (JobQueue's slots are read from them on the loop); the worker has its own on its connection.
    """

    def __init__(
        self,
        config: Config,
        store: Store,
        chats: ChatStore,
        outbox: Outbox,
        *,
        clock: Callable[[], datetime],
        wake: Callable[[], None],
        cache: StoryCache | None = None,
        worker: DbWorker | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.chats = chats
        self.outbox = outbox
        self.clock = clock
        self.wake = wake  # nudges the sender after enqueueing (on the loop: asyncio objects are not thread-safe)
        self.cache = cache or StoryCache()
        self.worker = worker or DbWorker(store)
        self.job_queue: JobQueue[Any] | None = None
        own = self.worker.db is not store.db
        self.work_chats = ChatStore(
            self.worker.db, default_time=chats.default_time, default_zone=chats.default_zone, clock=clock
        )
        self.work_outbox = Outbox(self.worker.db, clock=clock, scripts=self.work_chats.scripts) if own else outbox
        self.work_outbox.on_final = outbox.on_final  # the same observers (metrics, health)
        self.watchlist = Watchlist(self.worker.db, clock=clock)
        self.alerter = Alerter(
            config, self.worker.store, self.work_chats, self.watchlist, self.work_outbox, clock=clock
        )
        self.on_digest_built: Callable[[float], None] | None = None  # seconds per distinct digest (metrics)
        self.caught_up = asyncio.Event()  # the start-up check (alerts, digests, warming) is done

    def check_due(self, now: datetime | None = None) -> CheckReport:
        """Queue every digest due at ``now`` (default: the clock) and wake the sender — in the calling
        thread (tests, benchmarks); the bot's jobs use :meth:`check_due_off_loop`."""
        report = self.worker.call(lambda: self._check(now or self.clock()))
        if report.enqueued:
            self.wake()
        return report

    async def check_due_off_loop(self, now: datetime | None = None) -> CheckReport:
        at = now or self.clock()
        report = await self.worker.run(lambda: self._check(at))
        if report.enqueued:
            self.wake()
        return report

    def _check(self, now: datetime) -> CheckReport:
        config = self.config
        outbox = self.work_outbox
        due, late = due_digests(
            now,
            self.work_chats.scheduled_subscriptions(),
            outbox.digests.all(),
            timedelta(hours=config.digest.grace_hours),
        )
        report = CheckReport(late_skipped=late)
        if late:
            worst = max(late, key=lambda d: now - d.slot)
            log.info(
                "skipping %d digest(s) due more than %sh ago (e.g. %s of %s for chat %s, %s late)",
                len(late),
                config.digest.grace_hours,
                worst.category,
                worst.digest_date,
                worst.chat_id,
                now - worst.slot,
            )
        # Many chats share (category, window, mute words): compose and render each distinct digest once,
        # all of them before any write — a write transaction held while composing would hold up everyone.
        rendered: dict[tuple[str, date, time, str, datetime | None, tuple[str, ...]], tuple[list[str], datetime]] = {}
        mutes = self.watchlist.mutes_by_chat({item.chat_id for item in due}) if due else {}
        keys: list[tuple[DueDigest, tuple[str, date, time, str, datetime | None, tuple[str, ...]]]] = []
        for item in due:
            muted = mutes.get(item.chat_id, ())
            key = (item.category, item.digest_date, item.digest_time, item.tz.key, item.since, muted)
            if key not in rendered:
                rendered[key] = self._render(item, muted)
            keys.append((item, key))
        for start in range(0, len(keys), _CHATS_PER_COMMIT):
            with outbox.transaction():  # short: rows only, everything is rendered
                for item, key in keys[start : start + _CHATS_PER_COMMIT]:
                    messages, until = rendered[key]
                    day = item.digest_date.isoformat()
                    if messages:
                        if outbox.enqueue_digest(item.chat_id, item.category, day, messages, window_until=until):
                            report.enqueued += 1
                    else:
                        outbox.digests.record(item.chat_id, item.category, day, until)
                        report.empty_skipped += 1
        if due or late:
            log.info("digest check at %s: %s", now.isoformat(timespec="minutes"), report.summary_line())
        return report

    def _render(self, item: DueDigest, muted: tuple[str, ...]) -> tuple[list[str], datetime]:
        started = perf_counter()
        try:
            return self._compose(item, muted)
        finally:
            if self.on_digest_built is not None:
                self.on_digest_built(perf_counter() - started)

    def _compose(self, item: DueDigest, muted: tuple[str, ...]) -> tuple[list[str], datetime]:
        digest_config = self.config.digest
        hide = mute_filter(muted)
        try:
            digest = build_category_digest(
                self.worker.store,
                item.category,
                digest_date=item.digest_date,
                digest_time=item.digest_time,
                tz=item.tz,
                top_n=digest_config.top_n,
                max_chars=digest_config.max_chars,
                since=item.since,
                hide=hide,
                cache=self.cache,
            )
        except UnknownCategory:
            # Subscribed to a category with no articles yet: an empty digest.
            log.info("no articles in category %s yet", item.category)
            return [], item.slot
        return render_digest_html(digest, send_empty=digest_config.send_empty), digest.until

    def warm(self, now: datetime | None = None) -> int:
        """Group each category's day as /digest asks for it (today, else its newest day, in the default
        zone and up to ``WARM_ZONES`` zones of readers), so a reader's /digest finds it grouped."""
        return self.worker.call(lambda: self._warm(now or self.clock()))

    async def warm_off_loop(self, now: datetime | None = None) -> int:
        at = now or self.clock()
        return await self.worker.run(lambda: self._warm(at))

    def _warm(self, now: datetime) -> int:
        digest_config = self.config.digest
        zones = dict.fromkeys([digest_config.timezone, *sorted({zone for _, zone in self.work_chats.slots()})])
        store = self.worker.store
        composed = 0
        for category in store.categories():
            for zone in list(zones)[:WARM_ZONES]:
                tz = ZoneInfo(zone)
                day: date | None = now.astimezone(tz).date()
                for _ in range(2):
                    assert day is not None
                    digest = build_category_digest(
                        store,
                        category.slug,
                        day=day,
                        tz=tz,
                        top_n=digest_config.top_n,
                        max_chars=digest_config.max_chars,
                        cache=self.cache,
                    )
                    composed += 1
                    if not digest.is_empty:
                        break
                    # Nothing that day yet: /digest falls back to the category's newest day.
                    day = newest_day(store, category.slug, tz, now=now)
                    if day is None or day >= now.astimezone(tz).date():
                        break
        return composed

    def prune(self, now: datetime | None = None) -> dict[str, int]:
        """Delete what is past its ``[retention]`` (bot.delivery.retention), in the calling thread."""
        return self.worker.call(lambda: prune(self.worker.db.conn, self.config.retention, now or self.clock()))

    # --- JobQueue -------------------------------------------------------------------------------

    def start(self, job_queue: JobQueue[Any]) -> None:
        """Start-up: daily slot jobs, an immediate catch-up check, and the periodic ingest."""
        self.job_queue = job_queue
        self.sync_jobs()
        job_queue.run_once(self._catch_up_callback, 0, name=CATCH_UP_JOB)
        minutes = self.config.posts.rescan_minutes
        if minutes > 0:
            job_queue.run_repeating(self._ingest_callback, interval=minutes * 60, first=minutes * 60, name=INGEST_JOB)
        job_queue.run_repeating(self._prune_callback, interval=PRUNE_EVERY, first=60, name=PRUNE_JOB)

    def sync_jobs(self) -> None:
        """Make the daily slot jobs match the store: add missing slots, remove unused ones.

        Called after anything that changes a chat's schedule or subscriptions; slots are
        shared by chats, so this re-syncs them all (one small query). A digest already due
        for a chat's new time is picked up by the next check.
        """
        job_queue = self.job_queue
        if job_queue is None:
            return  # not started (the console with a token, or a test without delivery)
        wanted = {slot_job_name(at, zone): (at, zone) for at, zone in self.chats.slots()}
        existing = {job.name: job for job in job_queue.jobs() if job.name and job.name.startswith(SLOT_JOB_PREFIX)}
        for name, job in existing.items():
            if name not in wanted:
                job.schedule_removal()
        for name, (at, zone) in wanted.items():
            if name not in existing:
                job_queue.run_daily(self._slot_callback, at.replace(tzinfo=ZoneInfo(zone)), name=name)

    async def rescan_posts(self) -> IngestReport:
        """Ingest new/changed posts in a child process (its own connection), then alerts and digests."""
        config = self.config
        report = await ingest_in_background(self.store, config.posts.dirs, tz=config.posts_tz)
        if report.new or report.updated or report.rejected:
            log.info("rescanned posts: %s", report.summary_line())
        await self.after_new_articles()
        return report

    async def after_new_articles(self) -> None:
        """After posts or feed entries were stored: alerts, due digests, and the day grouped before
        a reader asks for it."""
        await self.send_alerts()
        await self.check_due_off_loop()
        await self.warm_off_loop()

    async def send_alerts(self) -> None:
        """Keyword alerts for what was stored since the last run (after every rescan, /ingest too, at start-up)."""
        if (await self.worker.run(self.alerter.collect)).chats:
            self.wake()

    @_unless_stopped
    async def _slot_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.check_due_off_loop()

    @_unless_stopped
    async def _catch_up_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        try:
            await self.send_alerts()  # articles the start-up scan stored
            await self.check_due_off_loop()
            await self.warm_off_loop()
        finally:
            self.caught_up.set()

    @_unless_stopped
    async def _prune_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        now = self.clock()
        await self.worker.run(lambda: prune(self.worker.db.conn, self.config.retention, now))

    @_unless_stopped
    async def _ingest_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.rescan_posts()
