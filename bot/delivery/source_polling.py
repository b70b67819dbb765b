"""Feed sources in the running bot: polled on their intervals through the JobQueue.

Like the post-folder rescan (bot.delivery.scheduling), a repeating job wakes up every
``TICK_SECONDS`` and polls the sources that are due (digests.feeds.state keeps each one's next
due time, with jitter and backoff); what they bring is followed by keyword alerts, the digest
check and warming the day's stories, as after a rescan. Database work runs in the delivery's
DbWorker thread; fetching and parsing never hold the event loop. A cycle still running when
the next tick comes is not doubled.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from telegram.ext import CallbackContext, JobQueue

from bot.delivery.worker import DbWorker, WorkerClosed
from digests.config import Config
from digests.feeds.poll import Outcome, Poller, PollReport, new_fetcher
from digests.feeds.state import SourceRow, SourceTable
from digests.store import Store

log = logging.getLogger(__name__)

T = TypeVar("T")
SOURCES_JOB = "sources-poll"
TICK_SECONDS = 60.0


class SourcePolling:
    def __init__(
        self,
        config: Config,
        worker: DbWorker,
        *,
        clock: Callable[[], datetime],
        after_new: Callable[[], Awaitable[None]],
    ) -> None:
        self.config = config
        self.worker = worker
        self.clock = clock
        self.after_new = after_new
        self.poller = Poller(config.sources, self._write, tz=config.posts_tz, clock=clock)
        self.outcomes: Counter[str] = Counter()  # fetch outcomes since start (/metrics)
        self.busy = False

    async def _write(self, fn: Callable[[Store], T]) -> T:
        return await self.worker.run(lambda: fn(self.worker.store))

    def table(self) -> SourceTable:
        return SourceTable(self.worker.db.conn)

    def start(self, job_queue: JobQueue[Any]) -> None:
        """The config file's feeds into the table, then a tick every minute (the first soon)."""
        self.worker.call(lambda: self.table().sync_config(self.config.sources.feeds, self.clock()))
        job_queue.run_repeating(self._tick, interval=TICK_SECONDS, first=5.0, name=SOURCES_JOB)

    async def _tick(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        if self.busy or self.worker.closed:
            return
        try:
            await self.poll_due()
        except WorkerClosed:
            pass  # the bot is stopping

    async def poll_due(self) -> PollReport:
        """Poll the sources that are due now; then alerts and digests if anything new came."""
        self.busy = True
        try:
            due = await self.worker.run(lambda: self.table().due(self.clock()))
            if not due:
                return PollReport()
            async with new_fetcher(self.config.sources) as fetcher:
                report = await self.poller.poll(due, fetcher)
        finally:
            self.busy = False
        self.count(report.outcomes)
        for failed in report.failed:
            log.warning("source %s failed: %s", failed.label, failed.error)
        if report.new or report.updated:
            log.info("polled %d sources: %s", len(report.outcomes), report.summary_line())
            await self.after_new()
        return report

    async def check_and_add(self, source: SourceRow) -> Outcome:
        """/source add: fetch and parse once; only a source that works is added (with its entries)."""
        async with new_fetcher(self.config.sources) as fetcher:
            outcome = await self.poller.poll_one(source, fetcher)
        self.count([outcome])
        if outcome.result != "failed":

            def add(store: Store) -> None:
                table = SourceTable(store.db.conn)
                table.add(
                    source.url,
                    source.category,
                    source.name,
                    added_by=source.added_by,
                    now=self.clock(),
                    full_text=source.full_text,
                )
                self.poller.record(store, source, outcome)

            await self._write(add)
            if outcome.new or outcome.updated:
                await self.after_new()
        return outcome

    def count(self, outcomes: list[Outcome]) -> None:
        for o in outcomes:
            self.outcomes[o.kind if o.result == "failed" and o.kind else o.result] += 1
