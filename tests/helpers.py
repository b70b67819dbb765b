"""Plain helpers shared by the tests (constants, builders); fixtures live in conftest.py.

The bundled sample posts (digests/sample_posts: 28 real finance-site posts of 2021-12-08 and
the 北方网 seed post of 2022-02-25) are the test fixtures too; there is no second copy.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import telegram
from aiohttp import web
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode

from digests.config import SAMPLE_POSTS_DIR, Config, DeliveryConfig
from digests.config_file import parse_config
from tests.fake_telegram import CallbackAnswer, FakeTelegram, SentMessage, parse_html, utf16_len

REPO = Path(__file__).resolve().parent.parent
FIXTURES = SAMPLE_POSTS_DIR
POSTS = SAMPLE_POSTS_DIR
SEED = SAMPLE_POSTS_DIR / "2022-02-25-NW202202252289610354.md"
LEGACY_DB = Path(__file__).parent / "fixtures" / "legacy" / "newsbot-schema1.sqlite"

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
ADMIN = 42
USER = 1001
# Chats FakeTelegram's own tests use (tests/test_fake_telegram*.py).
PRIVATE = 1001
GROUP = -1002003004005
GROUP_ADMIN = 2001
GROUP_MEMBER = 2002
# The sample finance posts were published on 2021-12-08 between 10:19 and 15:25 Shanghai time.
DAY = date(2021, 12, 8)
CLOCK = datetime(2021, 12, 8, 16, 0, tzinfo=SHANGHAI)

# Delivery limits high enough that tests never wait on pacing.
FAST_DELIVERY = {
    "global_per_second": 500,
    "private_per_second": 100,
    "group_per_minute": 6000,
    "max_attempts": 3,
    "retry_minutes": 0,  # give up after max_attempts (tests of the outage window set it)
    "retry_base_seconds": 0.01,
    "concurrency": 8,
}


# Tests of the limits compress time ×10 on both sides (FakeTelegram's RateLimits and the bot's config).
LIMIT_SCALE = 10.0


def scaled_delivery(scale: float) -> dict[str, Any]:
    """Telegram's limits with time compressed ``scale``×: what a bot under FakeTelegram(RateLimits(scale)) needs."""
    return {
        "global_per_second": 30 * scale,
        "private_per_second": 1 * scale,
        "group_per_minute": 20 * scale,
        "window_seconds": 1 / scale,
        "retry_base_seconds": 0.05,
        "max_attempts": 3,
        "retry_minutes": 0,
    }


WEBHOOK_SECRET = "test-webhook-secret_0123"


def free_port() -> int:
    """A TCP port nothing listens on right now (for a server whose URL must be known up front)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_settings(port: int) -> dict[str, Any]:
    return {"webhook_url": f"http://127.0.0.1:{port}/tg/hook", "port": port, "secret_token": WEBHOOK_SECRET}


def utc(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


class MovingClock:
    """The tests' one clock, handed to the application (every store, the sender, sign-in links).

    It starts at a fixed instant, so nothing depends on the day the suite runs, and runs on at real
    speed from there, so a retry due in two seconds comes due; a test moves it on or back explicitly:
    ``clock.now = utc(DAY, 8, 1)`` or ``clock.advance(minutes=11)``."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    @property
    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._set_at)

    @now.setter
    def now(self, at: datetime) -> None:
        self._start, self._set_at = at.astimezone(UTC), time.monotonic()

    def advance(self, **delta: float) -> None:
        self._start += timedelta(**delta)

    def __call__(self) -> datetime:
        return self.now


def config_dict(
    db_path: Path,
    *,
    token: str | None = None,
    base_url: str | None = None,
    posts: tuple[Path, ...] = (POSTS,),
    **sections: dict[str, Any],
) -> dict[str, Any]:
    """The raw configuration tests start from; ``sections`` are merged over it (``digest={…}``)."""
    raw: dict[str, Any] = {
        "telegram": {"admins": [ADMIN], "poll_timeout": 1},
        "store": {"path": str(db_path)},
        "posts": {"dirs": [str(d) for d in posts], "rescan_minutes": 0},
        "digest": {"timezone": "Asia/Shanghai", "time": "08:00"},
    }
    if token is not None:
        raw["telegram"].update(token=token, base_url=base_url)
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    return raw


def make_config(db_path: Path, **kwargs: Any) -> Config:
    return parse_config(config_dict(db_path, **kwargs), base_dir=db_path.parent, env={})


def keyboard(*data: str) -> InlineKeyboardMarkup:
    """One row of buttons whose callback data is their text."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in data]])


def make_post(
    title: str = "测试标题",
    body: str = "正文第一段。",
    *,
    date: str = "2022-03-01 09:00:00 +0800",
    categories: str = "testcat",
    tags: str = "测试新闻",
    url: str | None = "http://example.com/a/1",
) -> str:
    url_line = f"\n<{url}>\n" if url is not None else ""
    return (
        f'---\nlayout: post\ntitle: "{title}"\ndate: {date}\ncategories: {categories}\ntags: {tags}\n---\n\n'
        f"{body}\n{url_line}\n[返回测试新闻](../testcat/)\n[返回首页](../)\n"
    )


# --- harnesses the fixtures in conftest.py hand to tests -------------------------------------------


class RecordingTelegram(FakeTelegram):
    """FakeTelegram that also remembers every error it answered (the bot must never cause a 400)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.errors: list[tuple[str, int, str]] = []

    async def _handle(self, request: web.Request) -> web.Response:
        response = await super()._handle(request)
        if response.status >= 400:
            method = request.match_info["path"].rsplit("/", 1)[-1]
            body = response.body.decode() if isinstance(response.body, bytes) else str(response.body)
            self.errors.append((method, response.status, body))
        return response


@asynccontextmanager
async def running_bot(tg: RecordingTelegram, config: Config, store: Any = None) -> AsyncIterator[BotHarness]:
    """The production Application (build_application) polling ``tg`` over HTTP, its clock moving from CLOCK.

    ``store``: a Store the test keeps using across restarts (default: one opened and closed here).
    Afterwards: fails if a handler raised, if FakeTelegram answered an error the test did not
    expect (a 429 included), or if a message was invalid."""
    from bot.application import build_application
    from bot.lifecycle import running
    from digests.store import Store

    own_store = store is None
    clock = MovingClock(CLOCK)
    store = Store(config.store.path, clock=clock) if own_store else store
    app = build_application(config, store, clock=clock)
    harness = BotHarness(tg, app, store, clock)

    async def record_error(update: object, context: Any) -> None:
        harness.handler_errors.append(context.error)

    app.add_error_handler(record_error)
    try:
        async with running(app):  # the start-up and shutdown of production (bot.lifecycle)
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            try:
                yield harness
            finally:
                await app.updater.stop()
    finally:
        if own_store:
            store.close()
    assert not harness.handler_errors, f"a handler raised: {harness.handler_errors!r}"
    # getUpdates may get a 409 while the updater stops (its cancelled long poll is still open).
    unexpected = [
        e for e in tg.errors if e[0].lower() != "getupdates" and not any(x in e[2] for x in harness.expected_errors)
    ]
    assert not unexpected, f"FakeTelegram answered errors: {unexpected}"
    assert_valid_messages(tg)


@dataclass
class BotHarness:
    tg: RecordingTelegram
    app: Any  # bot.state.NewsApp
    store: Any  # digests.store.Store
    clock: MovingClock  # the application's clock: the test moves it
    expected_errors: list[str] = field(default_factory=list)  # Bot API error texts a test provokes
    handler_errors: list[BaseException] = field(default_factory=list)  # a raising handler fails the test

    @property
    def services(self) -> Any:
        return self.app.bot_data.services

    @property
    def chats(self) -> Any:
        return self.services.chats

    async def ask(self, chat_id: int, text: str, *, count: int = 1, **kwargs: Any) -> list[SentMessage]:
        """The user sends ``text``; wait for ``count`` new messages from the bot and return them."""
        before = len(self.tg.messages(chat_id))
        self.tg.user_sends(chat_id, text, **kwargs)
        messages = await self.tg.wait_for_messages(chat_id, before + count)
        return messages[before:]

    async def press(self, chat_id: int, message_id: int, data: str, **kwargs: Any) -> CallbackAnswer:
        query_id = self.tg.user_presses(chat_id, message_id, data, **kwargs)
        return await self.tg.wait_for_callback_answer(query_id)

    async def wait_edits(self, chat_id: int, count: int) -> list[SentMessage]:
        return await self.tg.wait_until(
            lambda: self.tg.edits(chat_id) if len(self.tg.edits(chat_id)) >= count else None,
            what=f"{count} edits in chat {chat_id}",
        )


@dataclass
class WebhookHarness(BotHarness):
    """BotHarness in webhook mode: FakeTelegram posts updates to the bot's web server at ``base``."""

    base: str = ""
    web: Any = None  # bot.web.webapp.WebApp

    @property
    def hook_url(self) -> str:
        return f"{self.base}/tg/hook"


def assert_valid_messages(tg: FakeTelegram) -> None:
    for message in tg.log():
        assert utf16_len(message.text) <= 4096
        if message.parse_mode and message.parse_mode.upper() == "HTML":
            parse_html(message.text)  # raises on anything Telegram would reject


@dataclass
class ScheduledBot:
    tg: FakeTelegram
    app: Any  # bot.state.NewsApp
    clock: MovingClock

    @property
    def delivery(self) -> Any:  # bot.delivery.service.Delivery
        return self.app.bot_data.delivery

    @property
    def outbox(self) -> Any:
        return self.app.bot_data.services.outbox

    @property
    def chats(self) -> Any:
        return self.app.bot_data.services.chats

    def check(self) -> Any:
        return self.delivery.scheduler.check_due()

    async def drain(self) -> None:
        sender = self.delivery.sender
        await self.tg.wait_until(lambda: sender.idle, timeout=10, what="outbox drained")

    def digests(self, chat_id: int) -> list[str]:
        return [m.text for m in self.tg.messages(chat_id)]


@dataclass
class SenderRig:
    tg: FakeTelegram
    chats: Any  # bot.stores.chats.ChatStore
    outbox: Any  # bot.stores.outbox.Outbox
    bot: telegram.Bot

    def start(self, config: Any = None) -> tuple[Any, asyncio.Task[None]]:
        from bot.delivery.sender import Sender

        # A paid sender is always wired in, as in production: the config decides whether it is used.
        sender = Sender(self.outbox, self.chats, config or fast_delivery_config(), self.send, send_paid=self.send_paid)
        return sender, asyncio.create_task(sender.run())

    async def send(self, chat_id: int, html: str) -> object:
        return await self.bot.send_message(chat_id, html, parse_mode=ParseMode.HTML)

    async def send_paid(self, chat_id: int, html: str) -> object:
        return await self.bot.send_message(chat_id, html, parse_mode=ParseMode.HTML, allow_paid_broadcast=True)

    async def run_until_idle(self, config: Any = None, timeout: float = 10.0) -> Any:
        sender, task = self.start(config)
        try:
            await self.tg.wait_until(lambda: sender.idle, timeout=timeout, what="outbox drained")
        finally:
            await sender.stop()
            await task
        return sender

    def add_private(self, *chat_ids: int, category: str = "news") -> None:
        for chat_id in chat_ids:
            self.tg.add_chat(chat_id)
            self.chats.ensure(chat_id, "private")
            self.chats.subscribe(chat_id, category)


def fast_delivery_config(**overrides: Any) -> Any:

    return DeliveryConfig(**{**FAST_DELIVERY, **overrides})


@dataclass
class ConsoleRig:
    """The console's Application on its in-process Bot API (bot.console), and every line it printed."""

    console: Any  # bot.console.Console
    lines: list[str]
    app: Any
    store: Any
    request: Any  # bot.console.ConsoleRequest: every send and edit, raw HTML kept

    async def handle_line(self, line: str) -> None:
        await self.console.handle_line(line)
