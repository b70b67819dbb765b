"""The one Application factory used by production (`newsbot run`), tests and the chat console."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import cast

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from bot import admin, channels, fallbacks, membership, news, reader, settings, sources, texts, watches
from bot.delivery.budget import SendBudget
from bot.delivery.limiter import BudgetRateLimiter
from bot.delivery.service import Delivery
from bot.scripted import ScriptedRequest
from bot.state import CONTEXT_TYPES, NewsApp, Services
from bot.stores.chats import ChatStore
from bot.stores.lookups import Lookups
from bot.stores.outbox import Outbox
from bot.updates import PerChatUpdateProcessor
from digests.clock import utc_now
from digests.config import Config
from digests.config_values import ConfigError
from digests.store import Store

log = logging.getLogger(__name__)

CONSOLE_TOKEN = "1:console"  # any non-empty token: the console's request never leaves the process

# How long a handler's statement waits for another connection's write lock. The handlers run on
# the event loop: while one waits, no chat is answered, so it gives up quickly and the chat is told
# to try again (bot.fallbacks). Everything else waits in threads of its own (bot.delivery.worker).
HANDLER_BUSY_MS = 500
# Connections for the handlers' Bot API calls: python-telegram-bot's own default for its request.
_POOL = 256

# Every command the bot answers, by module; /help and the command menu list the same names (texts).
COMMAND_MODULES = (reader, settings, news, watches, admin, channels, sources)


def base_file_url(base_url: str) -> str:
    """https://api.telegram.org/bot → https://api.telegram.org/file/bot (same for local Bot API servers)."""
    root = base_url.rstrip("/")
    if root.endswith("/bot"):
        return root[: -len("/bot")] + "/file/bot"
    return root + "/file/bot"


def build_application(
    config: Config,
    store: Store,
    *,
    request: BaseRequest | None = None,
    delivery: bool = True,
    clock: Callable[[], datetime] | None = None,
) -> NewsApp:
    """Build the bot: handlers, typed bot_data (bot.state), commands menu, delivery.

    ``request`` replaces the HTTP transport (the console answers Bot API calls
    in-process); without it a Telegram token is required.  ``delivery`` hooks the
    outbox sender and the digest schedule in (bot.delivery.service.Delivery).
    """
    if config.telegram.mode == "console" and request is None:
        raise ConfigError(
            "telegram.token: not set (put it in the config file or $NEWSBOT_TELEGRAM_TOKEN); "
            "without a token use `newsbot chat` for the local console"
        )
    token = config.telegram.token or CONSOLE_TOKEN
    # One budget for everything the bot sends: these handlers' calls and the outbox sender's.
    budget = SendBudget(config.delivery)
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(CONTEXT_TYPES)
        .base_url(config.telegram.base_url)
        .base_file_url(base_file_url(config.telegram.base_url))
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(PerChatUpdateProcessor())
    )
    # Every answer goes out in the answered chat's script (bot.scripted); polling is not touched.
    if request is not None:
        # The console: nothing leaves the process, so nothing to limit.
        builder = builder.request(ScriptedRequest(request)).get_updates_request(request)
    else:
        builder = builder.request(ScriptedRequest(HTTPXRequest(connection_pool_size=_POOL)))
        # Handler calls take their turns in the shared budget, ahead of the outbox; a 429 waits
        # for its chat and retries instead of losing the answer.
        builder = builder.rate_limiter(BudgetRateLimiter(budget))  # type: ignore[arg-type]  # int priorities
        # Long polls return after poll_timeout; the read timeout must outlast them. (With the request
        # given, python-telegram-bot takes no get_updates_* settings: the polling request is built here.)
        polling = HTTPXRequest(connection_pool_size=1, read_timeout=config.telegram.poll_timeout + 5.0)
        builder = builder.get_updates_request(polling)
    application = cast(NewsApp, builder.build())
    store.db.conn.execute(f"PRAGMA busy_timeout = {HANDLER_BUSY_MS}")
    # One clock for all of it: the store's ingest stamps, every table's, the sender's waits, sign-in links.
    clock = store.clock = clock or utc_now
    chats = ChatStore(store.db, default_time=config.digest.time, default_zone=config.digest.timezone, clock=clock)
    services = Services(
        config=config,
        store=store,
        chats=chats,
        lookups=Lookups(store.db, clock=clock),
        outbox=Outbox(store.db, clock=clock, scripts=chats.scripts),
        clock=clock,
    )
    application.bot_data.services = services
    if delivery:
        application.bot_data.delivery = Delivery(
            config,
            store,
            chats,
            services.outbox,
            clock=clock,
            budget=budget,
            cache=services.story_cache,
        )
        application.bot_data.delivery.on_chat_moved = lambda old, new: application.migrate_chat_data(
            old_chat_id=old, new_chat_id=new
        )
    membership.register(application)
    for module in COMMAND_MODULES:
        module.register(application)
    fallbacks.register(application)
    return application


def bot_commands(*, admin_commands: bool) -> list[BotCommand]:
    rows = texts.READER_COMMANDS + (texts.ADMIN_COMMANDS if admin_commands else ())
    return [BotCommand(name, description) for name, description, _ in rows]


async def set_commands(application: NewsApp) -> None:
    """The command menu: reader commands for everyone, reader + admin commands in each admin's chat."""
    bot = application.bot
    await bot.set_my_commands(bot_commands(admin_commands=False), scope=BotCommandScopeDefault())
    for admin_id in application.bot_data.services.config.telegram.admins:
        try:
            await bot.set_my_commands(bot_commands(admin_commands=True), scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:
            # An admin who never opened a chat with the bot: Telegram says "chat not found".
            log.warning("could not set the admin command menu for %s: %s", admin_id, exc)


async def _post_init(application: NewsApp) -> None:
    try:
        application.bot_data.services.lookups.prune()
    except sqlite3.OperationalError as exc:  # locked by another process: the next start prunes them
        log.warning("could not prune expired buttons: %s", exc)
    try:
        await set_commands(application)
    except TelegramError as exc:
        log.warning("setMyCommands failed: %s", exc)
    delivery = application.bot_data.delivery
    if delivery is not None:
        await delivery.start(application.bot.token, application.job_queue)


async def _post_shutdown(application: NewsApp) -> None:
    if application.bot_data.delivery is not None:
        await application.bot_data.delivery.stop()
    application.bot_data.services.composer.close()
