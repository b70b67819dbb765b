"""One bot per database and per token: the lock refuses a second process; 409 Conflict stops the bot."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bot.instance_lock import AlreadyRunning, InstanceLock
from bot.runner import EXIT_ALREADY_RUNNING, EXIT_CONFLICT
from tests.fake_telegram import FakeTelegram
from tests.helpers import config_dict, free_port, webhook_settings
from tests.subprocesses import newsbot_command, run_newsbot, subprocess_env, write_config


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


def test_every_spelling_of_one_database_takes_the_same_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x").mkdir()
    real = tmp_path / "x" / "bot.db"
    (tmp_path / "link.db").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    spellings = ["x/bot.db", "./x/../x/bot.db", str(real), str(tmp_path / "link.db"), "link.db"]
    with InstanceLock(spellings[0]):
        for spelling in spellings[1:]:
            with pytest.raises(AlreadyRunning, match=str(real)):
                InstanceLock(spelling).acquire()


def test_a_second_newsbot_run_on_a_differently_spelled_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "alias.db").symlink_to(tmp_path / "data" / "bot.db")
    with FakeTelegram().running_in_thread() as tg, InstanceLock(tmp_path / "data" / "bot.db"):
        config = write_config(
            tmp_path / "newsbot.toml", config_dict(tmp_path / "unused.db", token=tg.token, base_url=tg.base_url)
        )
        for spelling in ("./data/../alias.db", "alias.db"):
            result = run_newsbot("run", "--config", str(config), "--db", spelling, cwd=tmp_path, timeout=60)
            assert result.returncode == EXIT_ALREADY_RUNNING, result.stderr
            assert "already running" in result.stderr and "Traceback" not in result.stderr


def test_a_hard_link_to_the_database_takes_the_same_lock(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    real = tmp_path / "a" / "bot.db"
    with InstanceLock(real):
        os.link(real, tmp_path / "b" / "other-name.db")  # another name of the same file (device, inode)
        with pytest.raises(AlreadyRunning, match="already running"):
            InstanceLock(tmp_path / "b" / "other-name.db").acquire()
    with InstanceLock(tmp_path / "b" / "other-name.db"):  # released: either name works again
        pass


def test_a_newsbot_run_through_a_hard_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with FakeTelegram().running_in_thread() as tg, InstanceLock(tmp_path / "data" / "bot.db"):
        os.link(tmp_path / "data" / "bot.db", tmp_path / "hard.db")
        config = write_config(
            tmp_path / "newsbot.toml", config_dict(tmp_path / "unused.db", token=tg.token, base_url=tg.base_url)
        )
        result = run_newsbot("run", "--config", str(config), "--db", "hard.db", cwd=tmp_path, timeout=60)
    assert result.returncode == EXIT_ALREADY_RUNNING, result.stderr
    assert "already running" in result.stderr and "Traceback" not in result.stderr


def test_a_console_may_open_beside_a_running_bot_but_a_bot_not_beside_a_console(tmp_path: Path) -> None:
    from bot.instance_lock import ConsoleOpen

    db = tmp_path / "bot.db"
    with InstanceLock(db), InstanceLock(db, console=True), InstanceLock(db, console=True):
        pass  # a bot, then two consoles: all fine
    with InstanceLock(db, console=True), pytest.raises(ConsoleOpen, match="console"):
        InstanceLock(db).acquire()
    with InstanceLock(db):  # the console closed: the bot starts
        pass
