"""The dashboard's figures, read from the database (no web code here, so tests check them directly)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.state import Services
from digests import ingest_log
from digests.digest import UnknownCategory, build_category_digest, day_window
from digests.feeds.state import SourceRow, SourceTable
from digests.render import render_digest_html

DAYS = 14


@dataclass(frozen=True)
class CategoryRow:
    slug: str
    name: str
    subscribers: int


@dataclass(frozen=True)
class DayRow:
    day: date
    sent: int
    failed: int  # failed + blocked: messages that did not arrive


@dataclass(frozen=True)
class SlotRow:
    at: datetime  # next occurrence, in the slot's zone
    zone: str
    chats: int
    subscriptions: int


@dataclass(frozen=True)
class Overview:
    now: datetime
    zone: str
    categories: list[CategoryRow]
    active_chats: int
    channels: int
    days: list[DayRow]
    backlog: dict[str, int]  # kind → open rows
    next_digests: list[SlotRow]
    rejects: list[ingest_log.Reject]
    sources: list[SourceRow] = field(default_factory=list)

    @property
    def backlog_total(self) -> int:
        return sum(self.backlog.values())


def overview(services: Services) -> Overview:
    conn = services.store.db.conn
    tz = services.config.digest.tz
    now = services.now()
    counts = services.chats.subscriber_counts()
    categories = sorted(
        (CategoryRow(slug, services.display_name(slug), n) for slug, n in counts.items()),
        key=lambda row: (-row.subscribers, row.slug),
    )
    active, channels = services.chats.active_counts()
    backlog = dict(
        conn.execute(
            "SELECT kind, count(*) FROM outbox WHERE state IN ('pending', 'sending') GROUP BY kind ORDER BY kind"
        ).fetchall()
    )
    return Overview(
        now=now,
        zone=services.config.digest.timezone,
        categories=categories,
        active_chats=active,
        channels=channels,
        days=deliveries_per_day(services, now, tz),
        backlog=backlog,
        next_digests=next_digests(services, now),
        rejects=ingest_log.recent_rejects(conn, 20),
        sources=SourceTable(conn).all(),
    )


def deliveries_per_day(services: Services, now: datetime, tz: ZoneInfo, days: int = DAYS) -> list[DayRow]:
    """Messages that became final per local day, the last ``days`` days including today.

    Grouped by UTC hour in SQL (an index range on updated_at), then hours → local days here,
    so zones with half-hour offsets or DST still land on the right day.
    """
    today = now.astimezone(tz).date()
    first = today - timedelta(days=days - 1)
    start, _ = day_window(first, tz)
    rows = services.store.db.conn.execute(
        """SELECT substr(updated_at, 1, 13) AS hour, state, count(*) FROM outbox INDEXED BY outbox_final
           WHERE updated_at >= ? AND state IN ('sent', 'failed', 'blocked') GROUP BY hour, state""",
        [start.isoformat(timespec="seconds")],
    ).fetchall()
    sent: Counter[date] = Counter()
    failed: Counter[date] = Counter()
    for hour, state, n in rows:
        day = datetime.fromisoformat(hour + ":00:00+00:00").astimezone(tz).date()
        (sent if state == "sent" else failed)[day] += n
    return [DayRow(d, sent[d], failed[d]) for d in (first + timedelta(days=i) for i in range(days))]


def next_digests(services: Services, now: datetime, limit: int = 10) -> list[SlotRow]:
    """The next daily slots among subscribed chats, soonest first."""
    chats: dict[tuple[time, str], set[int]] = {}
    subs: Counter[tuple[time, str]] = Counter()
    for sub in services.chats.scheduled_subscriptions():
        key = (sub.schedule.at, sub.schedule.zone)
        chats.setdefault(key, set()).add(sub.chat_id)
        subs[key] += 1
    rows = [
        SlotRow(_next_at(now, at, ZoneInfo(zone)), zone, len(chats[(at, zone)]), subs[(at, zone)]) for at, zone in chats
    ]
    return sorted(rows, key=lambda row: row.at)[:limit]


def _next_at(now: datetime, at: time, tz: ZoneInfo) -> datetime:
    local = now.astimezone(tz)
    slot = datetime.combine(local.date(), at, tzinfo=tz)
    return slot if slot > local else datetime.combine(local.date() + timedelta(days=1), at, tzinfo=tz)


@dataclass(frozen=True)
class Preview:
    slug: str
    name: str
    at: datetime  # the default slot it was built for
    messages: list[str]  # Telegram HTML, exactly as the outbox would get it


def preview(services: Services, slug: str) -> Preview:
    """The category's digest for the next default slot, rendered as the scheduler renders it
    (a chat with its own time or zone, or an earlier digest, gets the same composition over its window)."""
    config = services.config.digest
    at = _next_at(services.now(), config.time, config.tz)
    try:
        digest = build_category_digest(
            services.store,
            slug,
            digest_date=at.date(),
            digest_time=config.time,
            tz=config.tz,
            top_n=config.top_n,
            max_chars=config.max_chars,
            cache=services.story_cache,  # the bot's one cache: the scheduler groups the same day
        )
        messages = render_digest_html(digest, send_empty=config.send_empty)
    except UnknownCategory:
        messages = []
    return Preview(slug, services.display_name(slug), at, messages)
