"""The application's one start-up and shutdown, in python-telegram-bot's own order.

``Application.run_polling`` calls these steps itself (it owns the event loop and its signals), so
polling goes through python-telegram-bot; the webhook server, the chat console and the tests run the
application inside an event loop of their own and go through :func:`start` and :func:`stop` (or
:func:`running`), which call the same steps in the same order. What newsbot does at start-up and
shutdown therefore lives in one place however it runs: the application's ``post_init`` and
``post_shutdown`` hooks (bot.application: the command menu, the delivery pipeline).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from bot.state import NewsApp


async def start(application: NewsApp, *, initialize: Callable[[], Awaitable[None]] | None = None) -> None:
    """initialize → post_init → start. ``initialize`` replaces the first step (it must call
    ``application.initialize()``): the webhook mode retries it and registers its URL there."""
    await (initialize() if initialize is not None else application.initialize())
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()


async def stop(application: NewsApp) -> None:
    """stop (the updates already queued are handled first) → post_stop → shutdown → post_shutdown."""
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


@asynccontextmanager
async def running(
    application: NewsApp, *, initialize: Callable[[], Awaitable[None]] | None = None
) -> AsyncIterator[NewsApp]:
    """The application started for the duration of the block, and stopped however the block ends."""
    try:
        await start(application, initialize=initialize)
        yield application
    finally:
        await stop(application)
