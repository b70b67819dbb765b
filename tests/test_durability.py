"""Durability: every SQLite connection the bot opens syncs each commit to disk (synchronous=FULL),
so what the bot acknowledged survives a crash of the machine, not only of the process."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CLOCK, FAST_DELIVERY, USER, MovingClock, RecordingTelegram, make_config, running_bot

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


async def test_every_connection_the_bot_opens_is_synchronous_full(
    tg: RecordingTelegram, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.web import healthz
    from digests.store import Store

    seen: list[tuple[str, int]] = []  # (database, synchronous) of each connection, read as it closes

    class Recorded(sqlite3.Connection):
        def close(self) -> None:
            database = self.execute("PRAGMA database_list").fetchone()[2]
            seen.append((database, self.execute("PRAGMA synchronous").fetchone()[0]))
            super().close()

    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs.setdefault("factory", Recorded)
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    config = make_config(db_path, token=tg.token, base_url=tg.base_url, delivery=FAST_DELIVERY)
    store = Store(db_path, clock=MovingClock(CLOCK))
    async with running_bot(tg, config, store) as bot:
        await bot.ask(USER, "/subscribe emnews")  # a write acknowledged to the reader
        services, delivery = bot.services, bot.app.bot_data.delivery
        assert healthz.check(services, delivery, healthz.SenderWatch(services)).database
    store.close()
    assert len(seen) >= 3  # the handlers' store, the sender's own connection, /healthz's reader
    assert all(sync == FULL for _, sync in seen), seen
    assert all(Path(database).resolve() == db_path.resolve() for database, _ in seen)
