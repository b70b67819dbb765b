"""Daily digests at each chat's local time, derived from the SQLite store.

The decision "which digests are due now" is a pure function of ``now`` and the
store (:func:`due_digests`), so tests set ``bot_data["clock"]`` and call
:func:`check_due` instead of waiting. JobQueue (APScheduler) only decides *when*
to look: one daily job per distinct (local time, zone) among subscribed chats,
plus a check at start-up (digests missed while the bot was down, within
``digest.grace_hours``) and after every periodic ingest. Checking is idempotent —
the outbox's UNIQUE key and the digest log make a second check a no-op.

Window: a digest covers "since this chat's last digest of the category" (the
digest log), so nothing falls between two digests; a first digest covers the
default 24 hours.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import Application, ContextTypes

from bot.outbox import Outbox
from digests.config import Config, ConfigError, parse_hhmm
from digests.digest import UnknownCategory, build_category_digest
from digests.ingest import ingest_in_thread
from digests.render import render_digest_html

log = logging.getLogger(__name__)

SLOT_JOB_PREFIX = "digest-slot:"
INGEST_JOB = "posts-rescan"
CATCH_UP_JOB = "digest-catch-up"


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    category: str
    digest_time: time
    tz: ZoneInfo


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
        slot = datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
        if slot <= now:
            return slot
    raise AssertionError("unreachable: a slot two days back is always in the past")


def due_digests(
    now: datetime,
    subscriptions: Iterable[Subscription],
    digest_log: dict[tuple[int, str], tuple[date, datetime]],
    grace: timedelta,
) -> tuple[list[DueDigest], list[DueDigest]]:
    """(due now, missed beyond the grace window) for the latest slot of every subscription."""
    due: list[DueDigest] = []
    late: list[DueDigest] = []
    for sub in subscriptions:
        slot = last_slot(now, sub.digest_time, sub.tz)
        digest_date = slot.astimezone(sub.tz).date()
        logged = digest_log.get((sub.chat_id, sub.category))
        if logged is not None and logged[0] >= digest_date:
            continue  # this slot's digest (or a later one) was already queued
        item = DueDigest(
            sub.chat_id, sub.category, digest_date, slot, sub.digest_time, sub.tz, logged[1] if logged else None
        )
        (due if now - slot <= grace else late).append(item)
    return due, late


# --- the store-backed part ----------------------------------------------------------------------


def subscriptions(db: Any, config: Config) -> list[Subscription]:
    """Every (active chat, category) pair with the chat's effective digest time and zone."""
    rows = db.execute(
        "SELECT s.chat_id, s.category, c.digest_time, c.timezone FROM subscriptions s "
        "JOIN chats c ON c.chat_id = s.chat_id WHERE c.active = 1 ORDER BY s.chat_id, s.category"
    ).fetchall()
    zones: dict[str, ZoneInfo] = {}
    times: dict[str, time] = {}
    result = []
    for chat_id, category, hhmm, tz_name in rows:
        tz = zones.get(tz_name or "") or zones.setdefault(tz_name or "", _zone(tz_name, config))
        at = times.get(hhmm or "") or times.setdefault(hhmm or "", _time(hhmm, config))
        result.append(Subscription(chat_id, category, at, tz))
    return result


def check_due(application: Application, now: datetime | None = None) -> CheckReport:
    """Queue every digest due at ``now`` (default: ``bot_data["clock"]()``) and wake the sender."""
    data = application.bot_data
    config: Config = data["config"]
    store = data["store"]
    outbox = outbox_of(application)
    now = now or data["clock"]()
    due, late = due_digests(
        now, subscriptions(store.db, config), outbox.digest_log(), timedelta(hours=config.digest.grace_hours)
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
    # Many chats share (category, window): compose and render each distinct digest once.
    rendered: dict[tuple[str, date, time, str, datetime | None], tuple[list[str], datetime]] = {}
    with outbox.transaction():  # one commit for the whole batch
        for item in due:
            key = (item.category, item.digest_date, item.digest_time, item.tz.key, item.since)
            if key not in rendered:
                try:
                    digest = build_category_digest(
                        store,
                        item.category,
                        digest_date=item.digest_date,
                        digest_time=item.digest_time,
                        tz=item.tz,
                        top_n=config.digest.top_n,
                        max_chars=config.digest.max_chars,
                        since=item.since,
                    )
                except UnknownCategory:
                    # Subscribed to a category with no articles yet: an empty digest.
                    rendered[key] = ([], item.slot)
                    log.info("no articles in category %s yet", item.category)
                else:
                    rendered[key] = (render_digest_html(digest, send_empty=config.digest.send_empty), digest.until)
            messages, until = rendered[key]
            day = item.digest_date.isoformat()
            if messages:
                if outbox.enqueue_digest(item.chat_id, item.category, day, messages, window_until=until):
                    report.enqueued += 1
            else:
                outbox.log_digest(item.chat_id, item.category, day, until)
                report.empty_skipped += 1
    if report.enqueued:
        from bot.delivery import wake_sender

        wake_sender(application)
    if due or late:
        log.info("digest check at %s: %s", now.isoformat(timespec="minutes"), report.summary_line())
    return report


def outbox_of(application: Application) -> Outbox:
    data = application.bot_data
    if "outbox" not in data:
        data["outbox"] = Outbox(data["store"].db)
    return data["outbox"]


# --- JobQueue -----------------------------------------------------------------------------------


def slots(application: Application) -> set[tuple[str, str]]:
    """Distinct ("HH:MM", zone) among active chats with at least one subscription."""
    config: Config = application.bot_data["config"]
    default_time = config.digest.time.strftime("%H:%M")
    rows = (
        application.bot_data["store"]
        .db.execute(
            "SELECT DISTINCT COALESCE(c.digest_time, ?), COALESCE(c.timezone, ?) FROM chats c "
            "WHERE c.active = 1 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.chat_id)",
            [default_time, config.digest.timezone],
        )
        .fetchall()
    )
    return {(r[0], r[1]) for r in rows}


def sync_jobs(application: Application) -> None:
    """Make the daily slot jobs match the store: add missing slots, remove unused ones."""
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("newsbot needs python-telegram-bot[job-queue]")
    config: Config = application.bot_data["config"]
    wanted = {f"{SLOT_JOB_PREFIX}{tz}@{hhmm}": (hhmm, tz) for hhmm, tz in slots(application)}
    existing = {job.name: job for job in job_queue.jobs() if job.name and job.name.startswith(SLOT_JOB_PREFIX)}
    for name, job in existing.items():
        if name not in wanted:
            job.schedule_removal()
    for name, (hhmm, tz_name) in wanted.items():
        if name not in existing:
            at = _time(hhmm, config).replace(tzinfo=_zone(tz_name, config))
            job_queue.run_daily(_slot_callback, at, name=name)


def reschedule_chat(application: Application, chat_id: int) -> None:
    """After /settime, /timezone, /subscribe, /unsubscribe: keep the daily jobs in step with the store.

    Slots are shared, so this re-syncs them all (one small query); a digest already
    due for the chat's new time is picked up by the next check.
    """
    sync_jobs(application)


def start(application: Application) -> None:
    """Start-up: daily slot jobs, an immediate catch-up check, and the periodic ingest."""
    sync_jobs(application)
    job_queue = application.job_queue
    assert job_queue is not None
    job_queue.run_once(_slot_callback, 0, name=CATCH_UP_JOB)
    minutes = application.bot_data["config"].posts.rescan_minutes
    if minutes > 0:
        job_queue.run_repeating(_ingest_callback, interval=minutes * 60, first=minutes * 60, name=INGEST_JOB)


async def _slot_callback(context: ContextTypes.DEFAULT_TYPE) -> None:
    check_due(context.application)


async def _ingest_callback(context: ContextTypes.DEFAULT_TYPE) -> None:
    await rescan_posts(context.application)


async def rescan_posts(application: Application) -> Any:
    """Ingest new/changed posts in a worker thread (its own connection), then check digests."""
    config: Config = application.bot_data["config"]
    store = application.bot_data["store"]
    report = await asyncio.to_thread(ingest_in_thread, store, config.posts.dirs, tz=config.digest.tz)
    if report.new or report.updated or report.rejected:
        log.info("rescanned posts: %s", report.summary_line())
    check_due(application)
    return report


def _zone(name: str | None, config: Config) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else config.digest.tz
    except (KeyError, ValueError):
        log.warning("unknown time zone %r stored for a chat; using %s", name, config.digest.timezone)
        return config.digest.tz


def _time(hhmm: str | None, config: Config) -> time:
    if hhmm:
        try:
            return parse_hhmm(hhmm)
        except ConfigError:
            log.warning("bad digest time %r stored for a chat; using the default", hhmm)
    return config.digest.time
