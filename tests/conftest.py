"""Shared fixtures: a store with the fixture posts, and the real bot Application talking HTTP to FakeTelegram."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web

from tests.fake_telegram import CallbackAnswer, FakeTelegram, SentMessage, parse_html, utf16_len
from tests.helpers import FIXTURES, POSTS

ADMIN = 42
USER = 1001
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The fixture posts were published on 2021-12-08 between 10:19 and 15:25 Shanghai time.
CLOCK = datetime(2021, 12, 8, 16, 0, tzinfo=SHANGHAI)
POST_DIRS = (POSTS, FIXTURES / "seed")


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ingest the fixture posts once per session; tests get copies (summarizing is the slow part)."""
    from digests.ingest import ingest
    from digests.store import Store

    path = tmp_path_factory.mktemp("template") / "newsbot.db"
    store = Store(path)
    ingest(store, POST_DIRS, tz=SHANGHAI, workers=1)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "newsbot.db"
    shutil.copy(template_db, path)
    return path


def make_config(tg: FakeTelegram | None, db_path: Path, **telegram: Any):  # type: ignore[no-untyped-def]
    from digests.config import parse_config

    raw: dict[str, Any] = {
        "telegram": {"admins": [ADMIN], "poll_timeout": 1, **telegram},
        "store": {"path": str(db_path)},
        "posts": {"dirs": [str(d) for d in POST_DIRS], "rescan_minutes": 0},
        "digest": {"timezone": "Asia/Shanghai", "time": "08:00"},
    }
    if tg is not None:
        raw["telegram"].update(token=tg.token, base_url=tg.base_url)
    return parse_config(raw, base_dir=db_path.parent)


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


@dataclass
class BotHarness:
    tg: RecordingTelegram
    app: Any  # telegram.ext.Application
    store: Any  # digests.store.Store
    expected_errors: list[str] = field(default_factory=list)

    @property
    def chats(self) -> Any:
        return self.app.bot_data["chats"]

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


def assert_valid_messages(tg: FakeTelegram) -> None:
    for message in tg.log():
        assert utf16_len(message.text) <= 4096
        if message.parse_mode and message.parse_mode.upper() == "HTML":
            parse_html(message.text)  # raises on anything Telegram would reject


@pytest.fixture
async def tg() -> AsyncIterator[RecordingTelegram]:
    async with RecordingTelegram(bot_username="newsbot_test_bot") as fake:
        fake.add_chat(ADMIN, chat_type="private")
        yield fake


@pytest.fixture
async def bot(tg: RecordingTelegram, db_path: Path) -> AsyncIterator[BotHarness]:
    """The production Application (build_application) polling FakeTelegram over HTTP, clock at CLOCK."""
    from bot.app import build_application
    from digests.store import Store

    config = make_config(tg, db_path)
    store = Store(db_path)
    app = build_application(config, store, clock=lambda: CLOCK)
    harness = BotHarness(tg, app, store)
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield harness
    finally:
        await app.updater.stop()
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
        store.close()
    # getUpdates may get a 409 while the updater stops (its cancelled long poll is still open).
    unexpected = [
        e for e in tg.errors if e[0].lower() != "getupdates" and not any(x in e[2] for x in harness.expected_errors)
    ]
    assert not unexpected, f"FakeTelegram answered errors: {unexpected}"
    assert_valid_messages(tg)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("NEWSBOT_TELEGRAM_TOKEN", raising=False)
    monkeypatch.delenv("NEWSBOT_CONFIG", raising=False)
    yield
