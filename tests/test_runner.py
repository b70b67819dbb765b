"""`newsbot run` start-up failures end with one clear line and a distinct exit status."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from bot.runner import EXIT_TELEGRAM
from tests.helpers import free_port, newsbot_command, subprocess_env


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
    result = subprocess.run(
        newsbot_command("run", "--config", str(config)),
        cwd=tmp_path,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == EXIT_TELEGRAM
    assert "cannot reach the Telegram Bot API at http://127.0.0.1:9/bot" in result.stderr
    assert "Traceback" not in result.stderr
