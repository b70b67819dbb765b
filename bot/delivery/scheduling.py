"""Daily digests at each chat's local time, derived from the SQLite store.

The decision "which digests are due now" is a pure function of ``now`` and the
store (:func:`due_digests`), so tests move the clock and call
:meth:`Scheduler.check_due` instead of waiting. JobQueue (APScheduler) only decides
*when* to look: one daily job per distinct (local time, zone) among subscribed chats
(:meth:`bot.chats.ChatStore.slots`), plus a check at start-up (digests missed while the
bot was down, within ``digest.grace_hours``) and after every periodic ingest. Checking is
idempotent — the outbox's UNIQUE key and the digest log make a second check a no-op.

Window: a digest covers "since this chat's last digest of the category" (the
digest log), so nothing falls between two digests; a first digest covers the
default 24 hours.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from time import perf_counter
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import CallbackContext, JobQueue

from bot.chats import ChatStore, ScheduledSubscription
from bot.delivery.alerts import Alerter
from bot.delivery.outbox import Outbox
from bot.watchlist import Watchlist
from digests.config import Config
from digests.digest import UnknownCategory, build_category_digest
from digests.ingest import IngestReport, ingest_in_background
from digests.render import render_digest_html
from digests.store import Store
from digests.watching import mute_filter

log = logging.getLogger(__name__)

SLOT_JOB_PREFIX = "digest-slot:"
INGEST_JOB = "posts-rescan"
CATCH_UP_JOB = "digest-catch-up"


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


# --- the store-backed part ----------------------------------------------------------------------


class Scheduler:
    """Queues due digests into the outbox and keeps JobQueue's daily jobs in step with the store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        chats: ChatStore,
        outbox: Outbox,
        *,
        clock: Callable[[], datetime],
        wake: Callable[[], None],
    ) -> None:
        self.config = config
        self.store = store
        self.chats = chats
        self.outbox = outbox
        self.clock = clock
        self.wake = wake  # nudges the sender after enqueueing
        self.job_queue: JobQueue[Any] | None = None
        self.watchlist = Watchlist(store.db)
        self.alerter = Alerter(config, store, chats, self.watchlist, outbox, clock=clock)
        self.on_digest_built: Callable[[float], None] | None = None  # seconds per distinct digest (metrics)

    def check_due(self, now: datetime | None = None) -> CheckReport:
        """Queue every digest due at ``now`` (default: the clock) and wake the sender."""
        config = self.config
        now = now or self.clock()
        due, late = due_digests(
            now,
            self.chats.scheduled_subscriptions(),
            self.outbox.digest_log(),
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
        # Many chats share (category, window, mute words): compose and render each distinct digest once.
        rendered: dict[tuple[str, date, time, str, datetime | None, tuple[str, ...]], tuple[list[str], datetime]] = {}
        mutes = self.watchlist.mutes_by_chat({item.chat_id for item in due}) if due else {}
        with self.outbox.transaction():  # one commit for the whole batch
            for item in due:
                muted = mutes.get(item.chat_id, ())
                key = (item.category, item.digest_date, item.digest_time, item.tz.key, item.since, muted)
                if key not in rendered:
                    rendered[key] = self._render(item, muted)
                messages, until = rendered[key]
                day = item.digest_date.isoformat()
                if messages:
                    if self.outbox.enqueue_digest(item.chat_id, item.category, day, messages, window_until=until):
                        report.enqueued += 1
                else:
                    self.outbox.log_digest(item.chat_id, item.category, day, until)
                    report.empty_skipped += 1
        if report.enqueued:
            self.wake()
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
                self.store,
                item.category,
                digest_date=item.digest_date,
                digest_time=item.digest_time,
                tz=item.tz,
                top_n=digest_config.top_n,
                max_chars=digest_config.max_chars,
                since=item.since,
                hide=hide,
            )
        except UnknownCategory:
            # Subscribed to a category with no articles yet: an empty digest.
            log.info("no articles in category %s yet", item.category)
            return [], item.slot
        return render_digest_html(digest, send_empty=digest_config.send_empty), digest.until

    # --- JobQueue -------------------------------------------------------------------------------

    def start(self, job_queue: JobQueue[Any]) -> None:
        """Start-up: daily slot jobs, an immediate catch-up check, and the periodic ingest."""
        self.job_queue = job_queue
        self.sync_jobs()
        job_queue.run_once(self._catch_up_callback, 0, name=CATCH_UP_JOB)
        minutes = self.config.posts.rescan_minutes
        if minutes > 0:
            job_queue.run_repeating(self._ingest_callback, interval=minutes * 60, first=minutes * 60, name=INGEST_JOB)

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
        report = await ingest_in_background(self.store, config.posts.dirs, tz=config.digest.tz)
        if report.new or report.updated or report.rejected:
            log.info("rescanned posts: %s", report.summary_line())
        await self.send_alerts()
        self.check_due()
        return report

    async def send_alerts(self) -> None:
        """Keyword alerts for what was stored since the last run (after every rescan, /ingest too, at start-up)."""
        if (await self.alerter.run()).chats:
            self.wake()

    async def _slot_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        self.check_due()

    async def _catch_up_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.send_alerts()  # articles the start-up scan stored
        self.check_due()

    async def _ingest_callback(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        await self.rescan_posts()
