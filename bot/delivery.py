"""Hook the push pipeline into a python-telegram-bot Application.

``attach_delivery(app)`` chains onto the app's post_init / post_shutdown: at
start the outbox sender runs as one asyncio task and the digest schedule is
built from the store; at shutdown the sender finishes its in-flight sends.

Outbox sends go through their own ``telegram.Bot`` without PTB's
AIORateLimiter (the app may use one for replies): the sender already limits
and retries, and a second limiter would double both.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.ext import Application
from telegram.request import HTTPXRequest
from telegram.warnings import PTBUserWarning

from bot import scheduling
from bot.outbox import BroadcastReport
from bot.sender import Sender, SendFn
from digests.config import Config

log = logging.getLogger(__name__)

# bot_data keys this module sets (besides "outbox", see scheduling.outbox_of)
SENDER = "sender"
SENDER_TASK = "sender_task"
SEND_FN = "delivery_send"  # optional override (tests): async (chat_id, html) -> object


def attach_delivery(application: Application) -> None:
    """Start the sender and the schedules in post_init; stop the sender in post_shutdown."""
    previous_init = application.post_init
    previous_shutdown = application.post_shutdown

    async def post_init(app: Application) -> None:
        if previous_init is not None:
            await previous_init(app)
        await start_delivery(app)

    async def post_shutdown(app: Application) -> None:
        await stop_delivery(app)
        if previous_shutdown is not None:
            await previous_shutdown(app)

    application.post_init = post_init
    application.post_shutdown = post_shutdown


async def start_delivery(application: Application, *, schedule: bool = True) -> Sender:
    """Start the sender task (and, with ``schedule``, the digest and ingest jobs)."""
    data = application.bot_data
    config: Config = data["config"]
    outbox = scheduling.outbox_of(application)
    send: SendFn | None = data.get(SEND_FN)
    if send is None:
        bot = _delivery_bot(application, config)
        await bot.initialize()
        data["delivery_bot"] = bot
        send = _html_sender(bot)
    sender = Sender(outbox, data["chats"], config.delivery, send, on_report=_log_report)
    data[SENDER] = sender
    data[SENDER_TASK] = asyncio.create_task(sender.run(), name="newsbot-outbox-sender")
    if schedule and application.job_queue is not None:
        scheduling.start(application)
    return sender


async def stop_delivery(application: Application) -> None:
    data = application.bot_data
    sender: Sender | None = data.pop(SENDER, None)
    task: asyncio.Task[None] | None = data.pop(SENDER_TASK, None)
    if sender is not None:
        await sender.stop()
    if task is not None:
        try:
            await asyncio.wait_for(task, timeout=15)
        except (TimeoutError, asyncio.CancelledError):
            task.cancel()
        except Exception:
            log.exception("outbox sender ended with an error")
    bot: Bot | None = data.pop("delivery_bot", None)
    if bot is not None:
        await bot.shutdown()


def wake_sender(application: Application) -> None:
    """Nudge the sender after enqueueing (it also polls the outbox every few seconds)."""
    sender: Sender | None = application.bot_data.get(SENDER)
    if sender is not None:
        sender.wake()


def _delivery_bot(application: Application, config: Config) -> Bot:
    token = application.bot.token
    pool = config.delivery.concurrency + 2
    request = HTTPXRequest(connection_pool_size=pool, pool_timeout=10.0, read_timeout=10.0, write_timeout=10.0)
    return Bot(token, base_url=config.telegram.base_url, request=request, get_updates_request=HTTPXRequest())


def _html_sender(bot: Bot) -> Callable[[int, str], Awaitable[Any]]:
    """sendMessage without building a telegram.Message from the answer: the sender only needs
    success or the error, and parsing a 4096-character digest's entities costs more CPU than the
    rest of the send (errors still come back as telegram.error.* exceptions)."""
    params = {"parse_mode": ParseMode.HTML.value, "link_preview_options": {"is_disabled": True}}

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
