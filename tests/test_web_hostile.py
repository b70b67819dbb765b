"""Hostile requests to the web server: huge, deep or out-of-range webhook bodies, slowloris
connections, and floods of refused requests that must not flood the log."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.web.guard import RefusalLog
from bot.web.server import WebServer, bind
from bot.web.webhook import MAX_BODY, SECRET_HEADER, webhook_endpoint
from tests.helpers import WEBHOOK_SECRET, WebhookHarness
from tests.test_webhook import start_update

MiB = 1 << 20


class TickingClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _post(bot: WebhookHarness, body: bytes, secret: str = WEBHOOK_SECRET) -> httpx.Response:
    async with httpx.AsyncClient(timeout=30) as http:
        return await http.post(
            bot.hook_url, content=body, headers={SECRET_HEADER: secret, "Content-Type": "application/json"}
        )


def _web_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith("bot.web") or r.name.startswith("uvicorn")]


async def test_a_200_mb_body_is_refused_after_reading_little_more_than_1_mib() -> None:
    chunks_read = 0

    async def receive() -> dict[str, Any]:
        nonlocal chunks_read
        chunks_read += 1
        return {"type": "http.request", "body": b"[" * MiB, "more_body": chunks_read < 200}

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/tg/hook",
        "headers": [(b"x-telegram-bot-api-secret-token", b"s")],
    }
    counted: list[str] = []
    endpoint = webhook_endpoint(SimpleNamespace(), "s", counted.append, RefusalLog(logging.getLogger("t")))  # type: ignore[arg-type]
    response: Response = await endpoint(Request(scope, receive))
    assert response.status_code == 400 and counted == ["malformed"]
    assert chunks_read <= MAX_BODY // MiB + 1  # streamed and stopped, not 200 MB read whole


async def test_a_declared_length_over_1_mib_is_refused_before_reading() -> None:
    async def receive() -> dict[str, Any]:
        raise AssertionError("the body was read")

    headers = [(b"x-telegram-bot-api-secret-token", b"s"), (b"content-length", str(200 * MiB).encode())]
    scope = {"type": "http", "method": "POST", "path": "/tg/hook", "headers": headers}
    endpoint = webhook_endpoint(SimpleNamespace(), "s", lambda _: None, RefusalLog(logging.getLogger("t")))  # type: ignore[arg-type]
    assert (await endpoint(Request(scope, receive))).status_code == 400


async def test_deeply_nested_json_is_400_with_one_log_line(
    webhook_bot: WebhookHarness, caplog: pytest.LogCaptureFixture
) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    deep_inside = json.dumps({"update_id": 5, "message": {"x": 1}}).replace("1}", "[" * 50_000 + "]" * 50_000 + "}")
    with caplog.at_level(logging.WARNING):
        for body in (deep, deep_inside.encode()):
            assert (await _post(webhook_bot, body)).status_code == 400
    records = _web_records(caplog)
    assert len(records) == 1 and "malformed" in records[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)


async def test_an_integer_beyond_64_bits_is_400_not_an_overflow_in_a_handler(
    webhook_bot: WebhookHarness, caplog: pytest.LogCaptureFixture
) -> None:
    for chat_id in (10**30, -(10**30)):
        update = start_update(77, chat_id)
        assert (await _post(webhook_bot, json.dumps(update).encode())).status_code == 400
    big_update_id = json.dumps(start_update(2**64, 1001)).encode()
    assert (await _post(webhook_bot, big_update_id)).status_code == 400
    await webhook_bot.ask(1001, "/mysubs")  # still serving; the fixture fails on any handler error
    assert not any(r.exc_info for r in caplog.records)


async def test_twenty_thousand_refusals_are_two_lines() -> None:
    logger = logging.getLogger("test.refusals")
    clock = TickingClock()
    refusals = RefusalLog(logger, window=60, clock=clock)
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        for _ in range(20_000):
            refusals.refused("wrong secret", "refused a request from %s", "10.0.0.1")
            clock.now += 0.001
        assert lines == ["refused a request from 10.0.0.1"]
        clock.now += 60
        refusals.refused("wrong secret", "refused a request from %s", "10.0.0.2")
        assert len(lines) == 3
        assert "19999 more requests refused" in lines[1] and "wrong secret 19999" in lines[1]
        assert lines[2] == "refused a request from 10.0.0.2"
    finally:
        logger.removeHandler(handler)


async def test_wrong_secret_posts_are_summarised_not_logged_one_by_one(
    webhook_bot: WebhookHarness, caplog: pytest.LogCaptureFixture
) -> None:
    clock = TickingClock()
    webhook_bot.web.refusals.clock = clock
    body = json.dumps(start_update(9001, 777)).encode()
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            assert (await _post(webhook_bot, body, secret="wrong")).status_code == 403
        assert len(_web_records(caplog)) == 1
        clock.now += 61
        assert (await _post(webhook_bot, body, secret="wrong")).status_code == 403
    messages = [r.getMessage() for r in _web_records(caplog)]
    assert len(messages) == 3 and "49 more requests refused" in messages[1]


# --- slowloris: a real uvicorn server with a short header deadline and a small connection cap ---------


async def _hello(request: Request) -> Response:
    return PlainTextResponse("ok")


@pytest.fixture
async def guarded_server() -> AsyncIterator[WebServer]:
    sock = bind("127.0.0.1", 0)
    server = WebServer(
        Starlette(routes=[Route("/", _hello)]),
        sock,
        RefusalLog(logging.getLogger("bot.web")),
        header_seconds=0.3,
        max_connections=4,
    )
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def _half_open(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # never finished
    await writer.drain()
    return reader, writer


async def _closed_by_server(reader: asyncio.StreamReader, within: float = 5.0) -> bool:
    try:
        return await asyncio.wait_for(reader.read(), timeout=within) == b""
    except (TimeoutError, ConnectionError):
        return False


async def test_half_open_connections_are_closed_at_the_header_deadline_and_capped(
    guarded_server: WebServer, caplog: pytest.LogCaptureFixture
) -> None:
    port = guarded_server.port
    with caplog.at_level(logging.WARNING):
        slow = [await _half_open(port) for _ in range(4)]
        await asyncio.sleep(0.05)
        over_cap, over_writer = await asyncio.open_connection("127.0.0.1", port)
        assert await _closed_by_server(over_cap, within=2.0)  # past the cap: closed on arrival
        for reader, _ in slow:
            assert await _closed_by_server(reader)  # no complete headers in time: closed
        async with httpx.AsyncClient() as http:  # and the server serves again
            assert (await http.get(f"http://127.0.0.1:{port}/")).text == "ok"
    for _, writer in [*slow, (over_cap, over_writer)]:
        writer.close()
    messages = [r.getMessage() for r in _web_records(caplog)]
    assert any("connections open" in m for m in messages) and any("request headers" in m for m in messages)
    assert len(messages) <= 3  # one line per kind, the repeats summarised later


async def test_a_kept_alive_connection_gets_the_same_header_deadline_for_its_next_request(
    guarded_server: WebServer,
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", guarded_server.port)
    writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    await writer.drain()
    first = await asyncio.wait_for(reader.readuntil(b"ok"), timeout=5)
    assert b"200 OK" in first
    writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    await writer.drain()
    assert await _closed_by_server(reader)
    writer.close()


def test_the_unit_file_raises_the_file_limit_above_the_connection_cap() -> None:
    from bot.web.guard import MAX_CONNECTIONS
    from tests.helpers import REPO

    unit = (REPO / "docs" / "newsbot.service").read_text(encoding="utf-8")
    [line] = [x for x in unit.splitlines() if x.startswith("LimitNOFILE=")]
    assert int(line.split("=")[1]) >= 4 * MAX_CONNECTIONS
