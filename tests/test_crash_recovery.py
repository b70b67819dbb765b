"""SIGKILL a real `newsbot run` in the middle of a 1,000-chat broadcast, restart it, count copies
(in polling and in webhook mode: how updates arrive must not change the delivery guarantees)."""

from __future__ import annotations

import os
import signal
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from bot.stores.chats import ChatStore
from bot.stores.outbox import Outbox
from digests.store import Store
from tests.fake_telegram import FakeTelegram
from tests.helpers import CLOCK, MovingClock, config_dict, free_port, webhook_settings
from tests.subprocesses import newsbot_command, subprocess_env, write_config

CHATS = 1000
ADMIN = 999_999


def write_bot_config(tmp_path: Path, tg: FakeTelegram, *, per_second: int = 400, webhook: bool = False) -> Path:
    raw = config_dict(
        tmp_path / "bot.db",
        token=tg.token,
        base_url=tg.base_url,
        telegram=webhook_settings(free_port()) if webhook else {},
        delivery={
            "global_per_second": per_second,
            "private_per_second": 50,
            "group_per_minute": 3000,
            "concurrency": 8,
        },
    )
    return write_config(tmp_path / "newsbot.toml", raw)


def start_bot(config: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        newsbot_command("run", "--config", str(config)),
        cwd=tmp_path,
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=open(tmp_path / "bot.log", "ab"),
    )


def seed_broadcast(db_path: Path) -> None:
    store = Store(db_path, clock=MovingClock(CLOCK))
    chats = ChatStore(store.db, clock=store.clock)
    with store.transaction():
        for chat_id in range(1, CHATS + 1):
            chats.ensure(chat_id, "private")
    Outbox(store.db, clock=store.clock).enqueue_breaking(
        "crash-test", "🔴 <b>突发</b> 测试", range(1, CHATS + 1), admin_chat_id=ADMIN
    )
    store.close()


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_sigkill_mid_broadcast_then_restart_delivers_the_rest_without_duplicates(tmp_path: Path, mode: str) -> None:
    with FakeTelegram(strict_chats=False).running_in_thread() as tg:
        config = write_bot_config(tmp_path, tg, webhook=mode == "webhook")
        db_path = tmp_path / "bot.db"
        seed_broadcast(db_path)

        def delivered() -> int:
            return len([m for m in tg.messages() if m.chat_id != ADMIN])

        first = start_bot(config, tmp_path)
        try:
            tg.wait_until_sync(lambda: delivered() >= 300, timeout=30, what="300 messages before the kill")
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=10)
        finally:
            if first.poll() is None:
                first.kill()
        at_kill = delivered()
        assert at_kill < CHATS, "the broadcast finished before the kill; nothing was tested"

        store = Store(db_path, clock=MovingClock(CLOCK))
        states = Outbox(store.db, clock=store.clock).counts()
        in_flight = states.get("sending", 0)
        store.close()
        assert in_flight <= 8  # delivery.concurrency

        second = start_bot(config, tmp_path)
        try:
            tg.wait_until_sync(lambda: tg.messages(ADMIN), timeout=30, what="the admin's report after restart")
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=20)
        assert second.returncode == 0, (tmp_path / "bot.log").read_text(encoding="utf-8")[-2000:]

        copies = Counter(m.chat_id for m in tg.messages() if m.chat_id != ADMIN)
        assert set(copies) == set(range(1, CHATS + 1)), "some chats never got the message"
        twice = [chat for chat, n in copies.items() if n > 1]
        # Exactly once, except possibly the rows that were in flight at the kill (at most once more).
        assert len(twice) <= in_flight and max(copies.values()) <= 2
        report = tg.messages(ADMIN)
        assert len(report) == 1 and f"已送达 {CHATS}" in report[0].text
