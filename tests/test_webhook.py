"""Webhook mode end to end: FakeTelegram posts updates to the bot's web server like Telegram does."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from bot.runner import EXIT_LISTEN
from tests.fake_telegram import FakeTelegram
from tests.helpers import ADMIN, USER, WEBHOOK_SECRET, WebhookHarness, config_dict, free_port, webhook_settings
from tests.subprocesses import newsbot_command, run_newsbot, subprocess_env, write_config


def start_update(update_id: int, chat_id: int, text: str = "/start") -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1638950400,
            "chat": {"id": chat_id, "type": "private", "first_name": "Mallory"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Mallory"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


async def test_setwebhook_carries_the_url_and_secret_and_updates_get_answers(webhook_bot: WebhookHarness) -> None:
    hook = webhook_bot.tg.webhook()
    assert hook is not None and hook["url"] == webhook_bot.hook_url and hook["secret_token"] == WEBHOOK_SECRET
    [reply] = await webhook_bot.ask(USER, "/mysubs")
    assert "订阅" in reply.plain_text
    assert webhook_bot.tg.webhook_answers and all(status == 200 for _, status in webhook_bot.tg.webhook_answers)
    assert webhook_bot.tg.calls("getUpdates") == []  # no polling in webhook mode


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}], ids=["none", "wrong"])
async def test_a_request_without_the_right_secret_is_refused_logged_and_never_processed(
    webhook_bot: WebhookHarness, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    intruder = 777
    with caplog.at_level(logging.WARNING, logger="bot.web.webhook"):
        async with httpx.AsyncClient() as http:
            response = await http.post(webhook_bot.hook_url, json=start_update(9001, intruder), headers=headers)
    assert response.status_code == 403
    assert any("refused" in r.getMessage() for r in caplog.records)
    # A real update through Telegram afterwards is answered, and the forged one left no trace.
    await webhook_bot.ask(USER, "/mysubs")
    assert webhook_bot.chats.get(intruder) is None
    assert webhook_bot.tg.messages(intruder) == []


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"[1, 2]", json.dumps({"message": {}}).encode(), b""],
    ids=["broken", "list", "no-id", "empty"],
)
async def test_a_malformed_body_gets_400(webhook_bot: WebhookHarness, body: bytes) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.post(
            webhook_bot.hook_url,
            content=body,
            headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET, "Content-Type": "application/json"},
        )
    assert response.status_code == 400


async def test_the_webhook_answers_only_post(webhook_bot: WebhookHarness) -> None:
    async with httpx.AsyncClient() as http:
        response = await http.get(webhook_bot.hook_url)
    assert response.status_code == 405


def test_newsbot_run_in_webhook_mode_serves_updates_and_stops_cleanly_keeping_the_webhook(tmp_path: Path) -> None:
    port = free_port()
    with FakeTelegram().running_in_thread() as tg:
        tg.add_chat(ADMIN)
        raw = config_dict(tmp_path / "bot.db", token=tg.token, base_url=tg.base_url, telegram=webhook_settings(port))
        raw["log"] = {"file": str(tmp_path / "bot.log")}
        config = write_config(tmp_path / "newsbot.toml", raw)
        bot = subprocess.Popen(
            newsbot_command("run", "--config", str(config)), cwd=tmp_path, env=subprocess_env(), stderr=subprocess.PIPE
        )
        try:
            health = _wait_for_health(f"http://127.0.0.1:{port}/healthz", bot)
            assert health["database"] is True and health["outbox_backlog"] == 0
            tg.user_sends(USER, "/start")
            [welcome, *_] = tg.wait_for_messages_sync(USER, 1, timeout=20)
            assert "你好" in welcome.plain_text
        finally:
            bot.send_signal(signal.SIGTERM)
            _, stderr = bot.communicate(timeout=30)
        assert bot.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
        hook = tg.webhook()
        assert hook is not None and hook["url"] == f"http://127.0.0.1:{port}/tg/hook"
        assert tg.calls("deleteWebhook") == []
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert "webhook mode" in log and "Traceback" not in log


def test_a_port_in_use_is_one_line_and_its_own_exit_status(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with FakeTelegram().running_in_thread() as tg:
            raw = config_dict(
                tmp_path / "bot.db", token=tg.token, base_url=tg.base_url, telegram=webhook_settings(port)
            )
            config = write_config(tmp_path / "newsbot.toml", raw)
            result = run_newsbot("run", "--config", str(config), cwd=tmp_path)
    assert result.returncode == EXIT_LISTEN
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def _wait_for_health(url: str, bot: subprocess.Popen[bytes], timeout: float = 60.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bot.poll() is not None:
            raise AssertionError(f"newsbot exited early: {bot.stderr.read().decode() if bot.stderr else ''}")
        try:
            response = httpx.get(url, timeout=1)
            if response.status_code == 200:
                return dict(response.json())
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer 200 within {timeout}s")


async def test_a_redelivered_update_is_handled_once(webhook_bot: WebhookHarness) -> None:
    webhook_bot.tg.add_chat(USER)
    update = start_update(900_001, USER, "/subscribe emnews")
    async with httpx.AsyncClient() as http:
        for _ in range(3):  # Telegram re-sends what it got no timely answer for
            response = await http.post(
                webhook_bot.hook_url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
            )
            assert response.status_code == 200
    await webhook_bot.ask(USER, "/mysubs")  # a later update of the same chat runs after all of them
    replies = webhook_bot.tg.messages(USER)
    assert len(replies) == 2 and "订阅" in replies[-1].plain_text
    assert webhook_bot.chats.subscriptions(USER) == ["emnews"]
