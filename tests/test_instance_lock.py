"""One bot per database and per token: the lock refuses a second process; 409 Conflict stops the bot."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bot.instance_lock import AlreadyRunning, InstanceLock
from bot.runner import EXIT_ALREADY_RUNNING, EXIT_CONFLICT
from tests.fake_telegram import FakeTelegram
from tests.helpers import config_dict, free_port, newsbot_command, subprocess_env, webhook_settings, write_config


def test_second_lock_on_the_same_database_is_refused_with_the_owner_pid(tmp_path: Path) -> None:
    with InstanceLock(tmp_path / "bot.db"), pytest.raises(AlreadyRunning, match=f"pid {os.getpid()}"):
        InstanceLock(tmp_path / "bot.db").acquire()
    with InstanceLock(tmp_path / "bot.db"):  # released on exit: the next start works
        pass


def _run(config: Path, cwd: Path, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        newsbot_command("run", "--config", str(config)),
        cwd=cwd,
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_second_newsbot_run_on_the_same_database_exits_with_a_one_line_error(tmp_path: Path, mode: str) -> None:
    with FakeTelegram().running_in_thread() as tg:
        webhook = webhook_settings(free_port()) if mode == "webhook" else {}
        raw = config_dict(tmp_path / "bot.db", token=tg.token, base_url=tg.base_url, telegram=webhook)
        config = write_config(tmp_path / "newsbot.toml", raw)
        first = _run(config, tmp_path)
        try:
            started = (lambda: tg.webhook()) if webhook else (lambda: tg.calls("getUpdates"))
            tg.wait_until_sync(started, timeout=30, what="the first bot taking updates")
            second = _run(config, tmp_path)
            _, err = second.communicate(timeout=30)
            assert second.returncode == EXIT_ALREADY_RUNNING
            lines = err.strip().splitlines()
            assert len(lines) == 1 and "already running" in lines[0] and f"pid {first.pid}" in lines[0]
            assert first.poll() is None  # the first one keeps running
        finally:
            first.terminate()
            first.communicate(timeout=30)
        assert first.returncode == 0


def test_409_conflict_from_another_poller_stops_the_bot_with_a_clear_message(tmp_path: Path) -> None:
    with FakeTelegram().running_in_thread() as tg:
        tg.inject("getUpdates", error="conflict", times=None)
        proc = _run(
            write_config(
                tmp_path / "newsbot.toml", config_dict(tmp_path / "bot.db", token=tg.token, base_url=tg.base_url)
            ),
            tmp_path,
        )
        try:
            _, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == EXIT_CONFLICT
        assert "409 Conflict" in err and "only one of them sends" in err
