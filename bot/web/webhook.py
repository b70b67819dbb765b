"""Telegram's webhook: updates arrive as POSTs with the secret header; valid ones go to PTB's queue.

python-telegram-bot's "custom webhook" pattern: the Application runs without its updater and
this route puts each :class:`telegram.Update` on ``application.update_queue``. A request
without the right ``X-Telegram-Bot-Api-Secret-Token`` is refused (403) and logged, never
parsed; a body that is not an update gets 400 (Telegram would retry a 5xx, and a broken
body never gets better): over 1 MiB (counted while it streams in, never read whole), slower
than BODY_SECONDS, nested too deep for the JSON parser, or holding an integer beyond 64 bits.
Refusals are logged through a :class:`RefusalLog` (one line per kind per minute, then a
summary). 200 tells Telegram the update is ours.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from telegram import Update

from bot.state import NewsApp
from bot.web.guard import BODY_SECONDS, RefusalLog

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # Telegram's updates are a few KB; refuse anything absurd before parsing


def webhook_endpoint(
    application: NewsApp, secret: str, count: Callable[[str], None], refusals: RefusalLog
) -> Callable[[Request], Any]:
    async def receive(request: Request) -> Response:
        client = request.client.host if request.client else "?"
        sent = request.headers.get(SECRET_HEADER)
        if sent is None or not hmac.compare_digest(sent.encode("utf-8", "replace"), secret.encode()):
            why = "no" if sent is None else "wrong"
            refusals.refused(f"{why} secret", "webhook: refused a request from %s: %s secret header", client, why)
            count("forbidden")
            return Response(status_code=403)
        try:
            async with asyncio.timeout(BODY_SECONDS):
                body = await read_limited(request, MAX_BODY)
        except TimeoutError:
            body = None
        update = _parse(body, application) if body is not None else None
        if update is None:
            size = "over 1 MiB or too slow" if body is None else f"{len(body)} bytes"
            refusals.refused("malformed", "webhook: malformed update (%s) from %s refused", size, client)
            count("malformed")
            return Response(status_code=400)
        await application.update_queue.put(update)
        count("accepted")
        return Response(status_code=200)

    return receive


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, read as it streams in; None as soon as it is known to exceed ``limit`` bytes
    (a 200 MB body is never held in memory: at most ``limit`` plus one chunk)."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(body: bytes, application: NewsApp) -> Update | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: arrays or objects nested thousands deep
        return None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int) or not _fits_int64(data):
        return None
    try:
        return Update.de_json(data, application.bot)
    except Exception:  # PTB raises assorted errors on wrong shapes; to Telegram it is all 400
        return None


_INT64 = range(-(2**63), 2**63)


def _fits_int64(data: object) -> bool:
    """Every integer fits SQLite's INTEGER (Telegram's ids do): a chat id of 10**30 would only
    fail later, deep in a handler, as an OverflowError. Walked without recursion."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, int) and item not in _INT64:
            return False
    return True
