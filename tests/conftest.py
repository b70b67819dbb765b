"""All fixtures: a store with the sample posts, the real bot Application talking HTTP to
FakeTelegram (the tests/fake_telegram package), the delivery pieces on their own, and a raw client.

Plain constants and builders live in tests/helpers.py.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import telegram
from telegram.request import HTTPXRequest

from tests.browser import start_browser
from tests.fake_telegram import FakeTelegram, RateLimits, parse_html, utf16_len
from tests.helpers import (
    ADMIN,
    CLOCK,
    DAY,
    FAST_DELIVERY,
    GROUP,
    GROUP_ADMIN,
    LIMIT_SCALE,
    POSTS,
    PRIVATE,
    SHANGHAI,
    BotHarness,
    ConsoleRig,
    MovingClock,
    RecordingTelegram,
    ScheduledBot,
    SenderRig,
    WebhookHarness,
    assert_valid_messages,
    free_port,
    make_config,
    running_bot,
    scaled_delivery,
    utc,
    webhook_settings,
)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingest the sample posts once per session; tests get copies (summarizing is the slow part)."""
    from digests.ingest import ingest
    from digests.store import Store

    path = tmp_path_factory.mktemp("template") / "newsbot.db"
    # Ingested an hour before the tests' clock starts: to a test, the sample posts are old news.
    store = Store(path, clock=MovingClock(CLOCK - timedelta(hours=1)))
    ingest(store, [POSTS], tz=SHANGHAI, workers=1)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "newsbot.db"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSBOT_TELEGRAM_TOKEN", raising=False)
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)


# --- the whole bot against FakeTelegram -----------------------------------------------------------


@pytest.fixture
async def tg() -> AsyncIterator[RecordingTelegram]:
    async with RecordingTelegram(bot_username="newsbot_test_bot") as fake:
        fake.add_chat(ADMIN, chat_type="private")
        yield fake


@pytest.fixture
def new_posts(tmp_path: Path) -> Path:
    """An empty posts folder the bot scans besides the sample posts: tests drop new posts here."""
    path = tmp_path / "new_posts"
    path.mkdir()
    return path


@pytest.fixture
async def bot(tg: RecordingTelegram, db_path: Path, new_posts: Path) -> AsyncIterator[BotHarness]:
    """The production Application (build_application) polling FakeTelegram over HTTP, its clock moving from CLOCK."""
    # Limits high enough that no test waits on pacing; tests of the limits use `limited_bot`.
    config = make_config(
        db_path, token=tg.token, base_url=tg.base_url, posts=(POSTS, new_posts), delivery=FAST_DELIVERY
    )
    async with running_bot(tg, config) as harness:
        yield harness


@pytest.fixture
async def limited_bot(tg: RecordingTelegram, db_path: Path) -> AsyncIterator[BotHarness]:
    """`bot` with Telegram's real limits, time compressed ×10 on both sides (FakeTelegram answers 429
    beyond 300 messages/s overall, 10/s per private chat, 20 per 6 s per group): any 429 fails the test."""
    tg.set_rate_limits(RateLimits(scale=LIMIT_SCALE))
    config = make_config(db_path, token=tg.token, base_url=tg.base_url, delivery=scaled_delivery(LIMIT_SCALE))
    async with running_bot(tg, config) as harness:
        yield harness


@pytest.fixture
async def webhook_bot(tg: RecordingTelegram, db_path: Path) -> AsyncIterator[WebhookHarness]:
    """The production Application in webhook mode (bot.web.run.serving): FakeTelegram posts updates
    to its web server, which also serves /healthz, /metrics and the dashboard; its clock moving from CLOCK."""
    from bot.application import build_application
    from bot.web.run import serving
    from digests.store import Store

    port = free_port()
    config = make_config(
        db_path, token=tg.token, base_url=tg.base_url, telegram=webhook_settings(port), delivery=FAST_DELIVERY
    )
    clock = MovingClock(CLOCK)
    store = Store(db_path, clock=clock)
    app = build_application(config, store, clock=clock)
    harness = WebhookHarness(tg, app, store, clock, base=f"http://127.0.0.1:{port}")

    async def record_error(update: object, context: Any) -> None:
        harness.handler_errors.append(context.error)

    app.add_error_handler(record_error)
    try:
        async with serving(app) as web:
            harness.web = web
            yield harness
    finally:
        store.close()
    assert not harness.handler_errors, f"a handler raised: {harness.handler_errors!r}"
    unexpected = [e for e in tg.errors if not any(x in e[2] for x in harness.expected_errors)]
    assert not unexpected, f"FakeTelegram answered errors: {unexpected}"
    assert_valid_messages(tg)


# --- a real headless browser (Debian's chromium + chromedriver, driven by selenium) ---------------


@pytest.fixture(scope="session")
def browser() -> Any:
    """Headless chromium; a browser that cannot start fails the test (tests/browser.py says how to opt out)."""
    driver = start_browser()
    try:
        yield driver
    finally:
        driver.quit()


# --- digests on a clock the test moves -------------------------------------------------------------


@pytest.fixture
async def scheduled_bot(db_path: Path) -> AsyncIterator[ScheduledBot]:
    """Chat 1 wants emnews at 16:00 Shanghai (08:00 UTC), chat 2 at 07:30 London; the clock starts at DAY 00:00 UTC."""
    from datetime import time

    from bot.application import build_application
    from digests.store import Store

    async with FakeTelegram() as fake:
        config = make_config(
            db_path, token=fake.token, base_url=fake.base_url, digest={"top_n": 50}, delivery=FAST_DELIVERY
        )
        store = Store(db_path, clock=MovingClock(CLOCK))
        clock = MovingClock(utc(DAY, 0))
        app = build_application(config, store, clock=clock)
        chats = app.bot_data.services.chats
        for chat_id, at, zone in ((1, time(16, 0), "Asia/Shanghai"), (2, time(7, 30), "Europe/London")):
            fake.add_chat(chat_id)
            chats.ensure(chat_id, "private")
            chats.set_time(chat_id, at)
            chats.set_timezone(chat_id, zone)
            chats.subscribe(chat_id, "emnews")
        await app.initialize()
        await app.bot_data.delivery.start(fake.token, app.job_queue, schedule=False)
        try:
            yield ScheduledBot(fake, app, clock)
        finally:
            await app.bot_data.delivery.stop()
            await app.shutdown()
            store.close()


# --- the outbox sender on its own ------------------------------------------------------------------


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[SenderRig]:
    from bot.stores.chats import ChatStore
    from bot.stores.outbox import Outbox
    from digests.store import Store

    async with FakeTelegram() as fake:
        store = Store(tmp_path / "sender.db", clock=MovingClock(CLOCK))
        client = telegram.Bot(
            fake.token, base_url=fake.base_url, request=HTTPXRequest(connection_pool_size=16, read_timeout=0.5)
        )
        await client.initialize()
        fake.add_chat(ADMIN)
        try:
            yield SenderRig(fake, ChatStore(store.db, clock=store.clock), Outbox(store.db, clock=store.clock), client)
        finally:
            await client.shutdown()
            store.close()


# --- a raw Bot API client (for testing FakeTelegram itself) ---------------------------------------


@pytest.fixture
async def fake_server() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        server.add_chat(PRIVATE)
        server.add_chat(GROUP, title="读报小组", admins=[GROUP_ADMIN])
        yield server


@pytest.fixture
async def client(fake_server: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(fake_server.token, base_url=fake_server.base_url) as raw:
        yield raw


# --- the local chat console -------------------------------------------------------------------------


@pytest.fixture
async def console(db_path: Path) -> AsyncIterator[ConsoleRig]:
    """`newsbot chat` without a terminal: lines in, printed lines out (the user is an admin there).
    Afterwards every message it sent must be valid Telegram HTML within the limit."""
    from bot.console import Console, start_console_app, stop_console_app
    from digests.store import Store

    store = Store(db_path, clock=MovingClock(CLOCK))
    lines: list[str] = []
    app, request = await start_console_app(make_config(db_path), store, lines.append)
    try:
        yield ConsoleRig(Console(app, request), lines, app, store, request)
    finally:
        await stop_console_app(app)
        store.close()
    sends = [s for s in request.sent if s.get("text")]
    for sent in sends:
        assert utf16_len(sent["text"]) <= 4096
        parse_html(sent["text"])
