"""`newsbot run` start-up failures end with one clear line and a distinct exit status."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.runner import EXIT_CONFIG, EXIT_STORAGE, EXIT_TELEGRAM
from digests.config_file import parse_config
from tests.helpers import config_dict, free_port
from tests.subprocesses import run_newsbot, write_config


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_unreachable_bot_api_server_is_one_line_error_not_a_traceback(tmp_path: Path, mode: str) -> None:
    config = tmp_path / "newsbot.toml"
    port = free_port()
    webhook = f'webhook_url = "http://127.0.0.1:{port}/hook"\nport = {port}\nsecret_token = "s"\n'
    webhook = webhook if mode == "webhook" else ""
    # Port 9 on loopback: nothing listens there, the connection is refused at once.
    config.write_text(
        '[telegram]\ntoken = "123:TEST"\nbase_url = "http://127.0.0.1:9/bot"\n'
        + webhook
        + f'[store]\npath = "{tmp_path / "bot.db"}"\n',
        encoding="utf-8",
    )
    result = run_newsbot("run", "--config", str(config), cwd=tmp_path)
    assert result.returncode == EXIT_TELEGRAM
    assert "cannot reach the Telegram Bot API at http://127.0.0.1:9/bot" in result.stderr
    assert "Traceback" not in result.stderr


def _run_once(raw: dict[str, object], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[int, str]:
    """`newsbot run` in this process (what the command calls): its exit status and its one stderr line."""
    from bot.runner import run

    code = run(parse_config(raw, base_dir=tmp_path, env={}))
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return code, lines[0]


# Nothing listens on port 9: each of these fails before the Bot API is ever asked.
UNREACHABLE = {"token": "123:TEST", "base_url": "http://127.0.0.1:9/bot"}


@pytest.mark.parametrize("command", ["run", "chat"])
def test_the_console_stops_on_a_missing_posts_folder_with_the_same_line_as_the_bot(
    tmp_path: Path, command: str
) -> None:
    # No token: `run` would start the console; it must stop as the Telegram bot does, before any ingest.
    missing = tmp_path / "no-such-posts"
    config = write_config(tmp_path / "newsbot.toml", config_dict(tmp_path / "bot.db", posts=(missing,)))
    result = run_newsbot(command, "--config", str(config), cwd=tmp_path, input="/help\n")
    assert result.returncode == EXIT_CONFIG
    assert result.stderr.strip() == f"newsbot: configuration: posts.dirs: folder not found: {missing}"
    assert result.stdout == ""


def test_a_missing_posts_folder_is_a_configuration_error_naming_posts_dirs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = config_dict(tmp_path / "bot.db", posts=(tmp_path / "no-such-posts",), **UNREACHABLE)
    code, line = _run_once(raw, capsys, tmp_path)
    assert code == EXIT_CONFIG
    assert "posts.dirs" in line and "folder not found" in line and "no-such-posts" in line
    assert not (tmp_path / "bot.db").exists()


def test_an_unwritable_database_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    code, line = _run_once(config_dict(tmp_path / "a-file" / "bot.db", **UNREACHABLE), capsys, tmp_path)
    assert code == EXIT_STORAGE
    assert "a-file" in line and "store.path" in line


def test_a_database_that_cannot_be_opened_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bot.db").mkdir()  # a folder where the file should be
    code, line = _run_once(config_dict(tmp_path / "bot.db", **UNREACHABLE), capsys, tmp_path)
    assert code == EXIT_STORAGE
    assert "cannot use the database" in line and "bot.db" in line and "store.path" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_a_read_only_database_is_one_line(tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_path.chmod(0o444)
    code, line = _run_once(config_dict(db_path, **UNREACHABLE), capsys, tmp_path)
    assert code == EXIT_STORAGE and "readonly" in line


def test_the_write_probe_refuses_a_database_opened_read_only(tmp_path: Path, db_path: Path) -> None:
    """What a read-only file does for a non-root user, shown with SQLite's own read-only mode."""
    import sqlite3

    from bot.runner import probe_writable

    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        probe_writable(conn)
    conn.close()
    probe_writable(sqlite3.connect(db_path))  # a writable one passes
