"""Typed application state: what every handler reads, through ``context.bot_data``.

python-telegram-bot creates ``bot_data`` from ``ContextTypes(bot_data=BotData)`` with no
arguments; :func:`bot.application.build_application` then fills in :class:`Services` and, when
the bot pushes messages, :class:`bot.delivery.service.Delivery`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.delivery.compose import Composer
from bot.delivery.service import Delivery
from bot.stores.channel_bindings import ChannelStore
from bot.stores.chats import ChatStore
from bot.stores.lookups import Lookups
from bot.stores.outbox import Outbox
from bot.stores.watchlist import Watchlist
from digests.clock import Clock
from digests.config import Config
from digests.records import Category
from digests.store import Store
from digests.storycache import StoryCache


@dataclass
class Services:
    config: Config
    store: Store
    chats: ChatStore
    lookups: Lookups
    outbox: Outbox
    clock: Clock  # the application's one clock (bot.application): every store and the sender read it
    # One for the bot: /digest, the scheduler, channels and the dashboard group a day once between them.
    story_cache: StoryCache = field(default_factory=StoryCache)

    def now(self) -> datetime:
        return self.clock()

    # Derived from the store's connection, so the factory (bot.application) needs no change for them.
    @functools.cached_property
    def watchlist(self) -> Watchlist:
        return Watchlist(self.store.db, clock=self.clock)

    @functools.cached_property
    def composer(self) -> Composer:
        """Digests for readers, composed off the event loop with the shared story cache."""
        return Composer(self.store, self.story_cache)

    @functools.cached_property
    def channels(self) -> ChannelStore:
        return ChannelStore(self.store.db, self.chats)

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.telegram.admins

    def categories(self) -> list[Category]:
        """Categories with articles, plus configured ones that have none yet."""
        cats = self.store.categories()
        known = {c.slug for c in cats}
        cats += [Category(slug, name, 0) for slug, name in self.config.categories.items() if slug not in known]
        return cats

    def display_name(self, slug: str) -> str:
        cat = self.store.category(slug)
        return cat.display_name if cat else self.config.categories.get(slug, slug)


class BotData:
    """``context.bot_data``: the services, and the delivery pipeline when it runs."""

    def __init__(self) -> None:
        self._services: Services | None = None
        self.delivery: Delivery | None = None

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("bot_data is filled in by bot.application.build_application")
        return self._services

    @services.setter
    def services(self, value: Services) -> None:
        self._services = value

    def reschedule(self) -> None:
        """After a change to a chat's schedule or subscriptions (a no-op without delivery)."""
        if self.delivery is not None:
            self.delivery.reschedule()

    def wake_sender(self) -> None:
        """After enqueueing; without delivery (the console with a token) rows wait for `newsbot run`."""
        if self.delivery is not None:
            self.delivery.wake()


NewsContext: TypeAlias = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
NewsApp: TypeAlias = Application[
    ExtBot[Any], NewsContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[NewsContext]
]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
