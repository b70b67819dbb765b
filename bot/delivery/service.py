"""The push pipeline of one bot: outbox, the sender task and the digest schedule.

:class:`Delivery` is built with the application (bot.application) and started from its
post_init: the outbox sender runs as one asyncio task and the digest schedule is
built from the store; at shutdown the sender finishes its in-flight sends.

Outbox sends go through their own ``telegram.Bot`` (no PTB rate limiter: the sender limits
and retries itself) but take their turns in the same :class:`SendBudget` as the app's
replies, so the two together stay within Telegram's limits.

The sender reads and writes on its own SQLite connection that waits at most
``SENDER_BUSY_MS`` for a lock: a database locked by another process (or a full disk) costs
the event loop a quarter second per try, not the 30 s the handlers' connection would wait,
and the sender backs off and tries again (bot.delivery.sender).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlite_utils
from telegram import Bot
from telegram.constants import ParseMode
from telegram.ext import JobQueue
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot.delivery.budget import SendBudget
from bot.delivery.gone import report_gone
from bot.delivery.scheduling import Scheduler
from bot.delivery.sender import Sender, SendFn
from bot.delivery.source_polling import SourcePolling
from bot.delivery.transport import AiohttpRequest
from bot.delivery.worker import DbWorker
from bot.stores.channel_bindings import ChannelStore
from bot.stores.chats import ChatStore
from bot.stores.outbox import BroadcastReport, Outbox
from bot.stores.scoped_outbox import ScopedOutbox
from digests.config import Config
from digests.db import connect
from digests.store import Store
from digests.storycache import StoryCache

log = logging.getLogger(__name__)

SENDER_BUSY_MS = 250


class Delivery:
    """Owns the sender task and the scheduler; ``send`` replaces the Bot API (console, tests)."""

    def __init__(
        self,
        config: Config,
        store: Store,
        chats: ChatStore,
        outbox: Outbox,
        *,
        clock: Callable[[], datetime],
        send: SendFn | None = None,
        budget: SendBudget | None = None,
        cache: StoryCache | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.chats = chats
        self.outbox = outbox
        self.send = send
        self.budget = budget or SendBudget(config.delivery)
        self._clock = clock
        # The scheduler's database work runs in a thread of its own (bot.delivery.worker).
        self.worker = DbWorker(store)
        self.scheduler = Scheduler(
            config, store, chats, outbox, clock=clock, wake=self.wake, cache=cache, worker=self.worker
        )
        self.sources = SourcePolling(config, self.worker, clock=clock, after_new=self.scheduler.after_new_articles)
        self.sender: Sender | None = None
        # The console's chat: its sender then sees only that chat's rows (bot.stores.scoped_outbox).
        self.only_chat: int | None = None
        # A chat the sender found moved (its rows already follow it): python-telegram-bot's chat_data too.
        self.on_chat_moved: Callable[[int, int], None] | None = None
        self._task: asyncio.Task[None] | None = None
        self._bot: Bot | None = None
        self._db: sqlite_utils.Database | None = None

    async def start(self, token: str, job_queue: JobQueue[Any] | None, *, schedule: bool = True) -> Sender:
        """Start the sender task (and, with ``schedule``, the digest and ingest jobs)."""
        send, send_paid = self.send, self.send
        if send is None:
            self._bot = _delivery_bot(token, self.config)
            await self._bot.initialize()
            send, send_paid = _html_sender(self._bot), _html_sender(self._bot, paid=True)
        outbox, chats = self._sender_tables()
        channels = ChannelStore(outbox.db, chats)  # the sender's connection: it never waits long

        def chat_gone(chat_id: int, reason: str) -> None:
            if report_gone(channels, outbox, self.config.telegram.admins, chat_id, reason):
                self.wake()

        self.sender = Sender(
            outbox,
            chats,
            self.config.delivery,
            send,
            budget=self.budget,
            on_report=_log_report,
            on_gone=chat_gone,
            on_moved=self.on_chat_moved,
            send_paid=send_paid,
        )
        self._task = asyncio.create_task(self.sender.run(), name="newsbot-outbox-sender")
        if schedule and job_queue is not None:
            self.scheduler.start(job_queue)
            self.sources.start(job_queue)
        return self.sender

    @property
    def running(self) -> bool:
        """The sender task is alive (health checks)."""
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        sender, task, bot, db = self.sender, self._task, self._bot, self._db
        self.sender = self._task = self._bot = self._db = None
        if sender is not None:
            await sender.stop()
        if task is not None:
            try:
                await asyncio.wait_for(task, timeout=15)
            except (TimeoutError, asyncio.CancelledError):
                task.cancel()
            except Exception:
                log.exception("outbox sender ended with an error")
        if bot is not None:
            await bot.shutdown()
        if db is not None:
            db.conn.close()
        self.worker.close()  # after the jobs: a composition under way finishes first

    def _sender_tables(self) -> tuple[Outbox, ChatStore]:
        """The outbox and chats on the sender's own short-waiting connection (shared for :memory:)."""
        path = self.store.database_file()
        if path is None:
            if self.only_chat is None:
                return self.outbox, self.chats
            db = self.outbox.db
        else:
            db = self._db = connect(path)
            db.conn.execute(f"PRAGMA busy_timeout = {SENDER_BUSY_MS}")
        clock, only = self._clock, self.only_chat
        chats = ChatStore(db, default_time=self.chats.default_time, default_zone=self.chats.default_zone, clock=clock)
        scripts = chats.scripts
        outbox = (
            Outbox(db, clock=clock, scripts=scripts)
            if only is None
            else ScopedOutbox(db, only, clock=clock, scripts=scripts)
        )
        outbox.on_final = self.outbox.on_final  # the same observers (metrics), however many join later
        return outbox, chats

    def wake(self) -> None:
        """Nudge the sender after enqueueing (it also polls the outbox every few seconds)."""
        if self.sender is not None:
            self.sender.wake()

    def reschedule(self) -> None:
        """A chat's schedule or subscriptions changed: keep the daily jobs in step."""
        self.scheduler.sync_jobs()


def _delivery_bot(token: str, config: Config) -> Bot:
    request = AiohttpRequest(connections=config.delivery.concurrency + 2, timeout=10.0)
    return Bot(token, base_url=config.telegram.base_url, request=request, get_updates_request=HTTPXRequest())


def _html_sender(bot: Bot, *, paid: bool = False) -> SendFn:
    """sendMessage without building a telegram.Message from the answer: the sender only needs
    success or the error, and parsing a 4096-character digest's entities costs more CPU than the
    rest of the send (errors still come back as telegram.error.* exceptions)."""
    params: dict[str, Any] = {"parse_mode": ParseMode.HTML.value, "link_preview_options": {"is_disabled": True}}
    if paid:
        params["allow_paid_broadcast"] = True  # Telegram charges Stars for what goes above 30/s

    async def send(chat_id: int, html: str) -> Any:
        with warnings.catch_warnings():
            # PTB suggests Bot.send_message here; skipping its Message parsing is the point.
            warnings.simplefilter("ignore", PTBUserWarning)
            return await bot.do_api_request("sendMessage", api_kwargs={"chat_id": chat_id, "text": html, **params})

    return send


def _log_report(report: BroadcastReport) -> None:
    log.info(
        "breaking push %s finished: sent %d, failed %d, blocked %d",
        report.item_key,
        report.sent,
        report.failed,
        report.blocked,
    )
