"""`newsbot run` in webhook mode: setWebhook, then serve updates (and the rest of the web app).

The lifecycle mirrors PTB's run_polling (initialize → post_init → start … stop → post_stop →
shutdown → post_shutdown), so delivery starts and stops exactly as in polling mode. Stopping
never calls deleteWebhook: Telegram keeps the webhook and queues updates while the bot is
down, and the next start picks them up.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.lifecycle import running
from bot.state import NewsApp
from bot.web.server import WebServer, bind
from bot.web.webapp import WebApp, build_web_app

log = logging.getLogger(__name__)

_START_ATTEMPTS = 3  # a network blip at start-up is retried before giving up (as polling's bootstrap)


class CannotListen(OSError):
    """The web server cannot bind telegram.listen:port; the message says which and why."""


async def run_webhook(application: NewsApp) -> None:
    """Serve until SIGINT/SIGTERM; raises CannotListen, InvalidToken or NetworkError at start-up."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with serving(application):
            await stop.wait()
            log.info("stopping")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


@asynccontextmanager
async def serving(application: NewsApp) -> AsyncIterator[WebApp]:
    """The bot in webhook mode for the duration of the block (the runner, and tests)."""
    telegram = application.bot_data.services.config.telegram
    assert telegram.webhook_url and telegram.secret_token
    try:
        sock = bind(telegram.listen, telegram.port)
    except OSError as exc:
        raise CannotListen(f"cannot listen on {telegram.listen}:{telegram.port}: {exc.strerror or exc}") from None
    web_app = build_web_app(application)
    web = WebServer(web_app.asgi, sock, web_app.refusals)
    url, secret = telegram.webhook_url, telegram.secret_token
    async with running(application, initialize=lambda: _initialize(application, url, secret)):
        try:
            await web.start()
            log.info("webhook mode: %s → %s:%d", telegram.webhook_url, telegram.listen, web.port)
            yield web_app
        finally:
            await web.stop()  # first: no update arrives for an application that is stopping


async def _initialize(application: NewsApp, url: str, secret: str) -> None:
    for attempt in range(1, _START_ATTEMPTS + 1):
        try:
            await application.initialize()
            # drop_pending_updates stays False: updates queued while we were down are still ours.
            await application.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
            break
        except InvalidToken:
            raise
        except NetworkError:
            if attempt == _START_ATTEMPTS:
                raise
            log.warning("start-up could not reach the Bot API (attempt %d); retrying", attempt)
            await asyncio.sleep(attempt)
