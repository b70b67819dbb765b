"""One poll cycle: every given source fetched, parsed and stored; one bad source costs only itself.

Fetches run concurrently (digests.feeds.fetch limits them overall and per host); parsing runs in
a thread so the event loop stays free; the store is written through ``write``, which runs a
function on the store in the caller's database thread (the bot's DbWorker, or
:class:`ThreadWriter` for the CLI). Each source's result and next due time land in its row of
the sources table (digests.feeds.state).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TypeVar
from zoneinfo import ZoneInfo

from digests.clock import Clock
from digests.config import SourcesConfig
from digests.feeds.addresses import blocked_for
from digests.feeds.entries import SourceInfo, entry_article, entry_id, with_category
from digests.feeds.fetch import ACCEPT_FEEDS, Fetched, Fetcher, FetchError, Limits
from digests.feeds.full_text import with_full_text
from digests.feeds.group_commit import GroupWriter
from digests.feeds.parse import Feed, NotAFeed, parse_feed
from digests.feeds.state import SourceRow, SourceTable, Success
from digests.feeds.timing import backoff, next_poll
from digests.ingest import summarized
from digests.records import Article
from digests.store import Store
from digests.summarizer import SUMMARIZER_VERSION

log = logging.getLogger(__name__)

T = TypeVar("T")
Write = Callable[[Callable[[Store], T]], Awaitable[T]]
MB = 2**20


@dataclass(frozen=True)
class Outcome:
    """What one source's poll came to."""

    url: str
    label: str
    result: str  # ok, not_modified or failed
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    items: int = 0
    error: str | None = None
    kind: str | None = None  # a failure's kind: refused, not_found, http, tls, timeout, network, not_feed, too_large
    note: str | None = None
    retry_after: str | None = None  # a 429's or 503's Retry-After
    etag: str | None = None  # the validators of a 200 or 304, for the next conditional GET
    last_modified: str | None = None


@dataclass
class PollReport:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def updated(self) -> int:
        return sum(o.updated for o in self.outcomes)

    @property
    def unchanged(self) -> int:
        return sum(o.unchanged for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.result == "failed"]

    def summary_line(self) -> str:
        return f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, {len(self.failed)} failed"


@dataclass(frozen=True)
class Stored:
    new: int
    updated: int
    unchanged: int
    to_summarize: list[Article] = field(default_factory=list)


def _set_summaries(store: Store, summaries: list[tuple[str, tuple[str, ...]]]) -> None:
    with store.transaction():
        for article_id, summary in summaries:
            store.set_summary(article_id, summary, SUMMARIZER_VERSION)


class ThreadWriter:
    """Store writes in one thread of their own (the CLI and tests; the bot uses its DbWorker)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbot-feeds")

    async def __call__(self, fn: Callable[[Store], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn, self.store)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def limits(settings: SourcesConfig) -> Limits:
    return Limits(
        timeout=settings.timeout_seconds,
        max_bytes=int(settings.max_feed_mb * MB),
        max_redirects=settings.max_redirects,
        per_host=settings.per_host,
        concurrency=settings.concurrency,
    )


def new_fetcher(settings: SourcesConfig) -> Fetcher:
    return Fetcher(limits(settings), blocked_for(settings.allow_private))


class Poller:
    """Polls sources into the store; one per bot (or per CLI run)."""

    def __init__(
        self,
        settings: SourcesConfig,
        write: Write,
        *,
        tz: ZoneInfo,
        clock: Clock,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.write = write
        self.tz = tz
        self.clock = clock
        self.rng = rng or random.Random()

    async def poll(self, sources: Sequence[SourceRow], fetcher: Fetcher) -> PollReport:
        group = GroupWriter(self.write)  # sources that finish together commit together
        outcomes = await asyncio.gather(*(self._guarded(s, fetcher, group) for s in sources))

        def record_all(store: Store) -> None:
            # One commit for every source's state: with synchronous=FULL each commit is a sync to disk.
            with store.transaction():
                for source, outcome in zip(sources, outcomes):
                    self.record(store, source, outcome)

        await self.write(record_all)
        return PollReport(list(outcomes))

    async def _guarded(self, source: SourceRow, fetcher: Fetcher, write: Write) -> Outcome:
        try:
            outcome = await self.poll_one(source, fetcher, write)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must cost this source only, never the cycle
            log.exception("polling %s failed", source.url)
            outcome = Outcome(source.url, source.label, "failed", error=f"internal error: {exc}"[:300], kind="internal")
        return outcome

    async def poll_one(self, source: SourceRow, fetcher: Fetcher, write: Write | None = None) -> Outcome:
        """Fetch, parse and store one source (its state row is written by the caller)."""
        write = write or self.write
        headers = {"Accept": ACCEPT_FEEDS}
        if source.etag:
            headers["If-None-Match"] = source.etag
        if source.last_modified:
            headers["If-Modified-Since"] = source.last_modified
        try:
            fetched = await fetcher.get(source.url, headers=headers)
        except FetchError as exc:
            return Outcome(
                source.url, source.label, "failed", error=str(exc), kind=exc.kind, retry_after=exc.retry_after
            )
        if fetched.status == 304:
            return _validated(Outcome(source.url, source.label, "not_modified", unchanged=source.items), fetched)
        try:
            feed = await asyncio.to_thread(
                parse_feed,
                fetched.body,
                url=fetched.url,
                content_type=fetched.content_type,
                max_entries=self.settings.max_entries,
            )
        except NotAFeed as exc:
            if fetched.truncated:
                limit = f"{self.settings.max_feed_mb:g} MB"
                return Outcome(source.url, source.label, "failed", error=f"larger than {limit}", kind="too_large")
            return Outcome(source.url, source.label, "failed", error=str(exc), kind="not_feed")
        notes = []
        if source.full_text and feed.entries:
            feed, note = await self._full_text(feed, fetcher, write)
            notes += [note] if note else []
        stored = await write(lambda store: self.store_feed(store, source, feed))
        if stored.to_summarize:
            # Key sentences (jieba) are computed off the database thread and outside the write
            # transaction, which would otherwise hold the write lock the chats' commands need.
            summaries = await asyncio.to_thread(lambda: [(a.id, summarized(a).summary) for a in stored.to_summarize])
            await write(lambda store: _set_summaries(store, summaries))
        new, updated, unchanged = stored.new, stored.updated, stored.unchanged
        if feed.left_out:
            notes.append(f"cut at {self.settings.max_entries} entries ({feed.left_out} left out)")
        if fetched.truncated:
            notes.append(f"cut at {self.settings.max_feed_mb:g} MB")
        outcome = Outcome(
            source.url,
            source.label,
            "ok",
            new,
            updated,
            unchanged,
            items=len(feed.entries),
            note="; ".join(notes) or None,
        )
        return _validated(outcome, fetched)

    async def _full_text(self, feed: Feed, fetcher: Fetcher, write: Write) -> tuple[Feed, str | None]:
        """The feed with its new entries' pages read (full_text sources); a note if pages were cut."""
        ids = [entry_id(e) for e in feed.entries]
        held = await write(lambda store: {i for i, ident in enumerate(ids) if store.get(ident) is not None})
        new = set(range(len(ids))) - held
        result = await with_full_text(feed.entries, fetcher, new=new, max_bytes=int(self.settings.max_page_mb * MB))
        note = f"{result.cut} pages cut at {self.settings.max_page_mb:g} MB" if result.cut else None
        return replace(feed, entries=result.entries), note

    def store_feed(self, store: Store, source: SourceRow, feed: Feed) -> Stored:
        """Every entry into the store in one transaction; what changed still needs its key sentences."""
        info = SourceInfo(source.category, source.name)
        seen_at = self.clock()
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        changed: list[Article] = []
        with store.transaction():
            for entry in feed.entries:
                known = store.get(entry_id(entry))
                if known is not None and known.source_file:
                    # A post carries the same link: the post keeps its text, the feed adds its category.
                    joined = with_category(known, source.category)
                    result = "unchanged"
                    if joined is not None:
                        result = store.upsert(joined, content_hash=f"post+feed:{joined.categories}")
                    counts[result] += 1
                    continue
                article, content_hash = entry_article(
                    entry, info, feed_title=feed.title, tz=self.tz, seen_at=seen_at, known=known
                )
                if not article.paragraphs:
                    continue  # neither text nor title: nothing to show a reader
                result = store.upsert(article, content_hash=content_hash, summary_version=SUMMARIZER_VERSION)
                if result != "unchanged":
                    changed.append(article)
                counts[result] += 1
        return Stored(counts["new"], counts["updated"], counts["unchanged"], changed)

    def record(self, store: Store, source: SourceRow, outcome: Outcome) -> None:
        """The outcome into the source's row: validators, counts, next due time or backoff."""
        now = self.clock()
        table = SourceTable(store.db.conn)
        if outcome.result == "failed":
            due = backoff(now, source.failures + 1, self.rng, retry_after=outcome.retry_after)
            table.record_failure(
                source.url, kind=outcome.kind or "error", error=outcome.error or "", now=now, next_due=due
            )
            return
        interval = source.interval_minutes or self.settings.interval_minutes
        success = Success(
            etag=outcome.etag or source.etag,
            last_modified=outcome.last_modified or source.last_modified,
            items=outcome.items if outcome.result == "ok" else None,
            stored=outcome.new,
            note=outcome.note if outcome.result == "ok" else None,
        )
        table.record_success(source.url, success, now=now, next_due=next_poll(now, interval, self.rng))


def _validated(outcome: Outcome, fetched: Fetched) -> Outcome:
    """The outcome carrying the response's validators for the next conditional GET."""
    return replace(outcome, etag=fetched.etag, last_modified=fetched.last_modified)


async def fetch_all(store: Store, settings: SourcesConfig, *, tz: ZoneInfo, clock: Clock) -> PollReport:
    """``newsbot fetch``: the config's feeds synced into the table, then every source polled once."""
    table = SourceTable(store.db.conn)
    table.sync_config(settings.feeds, clock())
    writer = ThreadWriter(store)
    try:
        async with new_fetcher(settings) as fetcher:
            return await Poller(settings, writer, tz=tz, clock=clock).poll(table.all(), fetcher)
    finally:
        writer.close()
