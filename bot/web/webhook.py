"""Telegram's webhook: updates arrive as POSTs with the secret header; valid ones go to PTB's queue.

python-telegram-bot's "custom webhook" pattern: the Application runs without its updater and
this route puts each :class:`telegram.Update` on ``application.update_queue``. A request
without the right ``X-Telegram-Bot-Api-Secret-Token`` is refused (403) and logged, never
parsed; a body that is not an update gets 400 (Telegram would retry a 5xx, and a broken
body never gets better). 200 tells Telegram the update is ours.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from telegram import Update

from bot.state import NewsApp

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1 << 20  # Telegram's updates are a few KB; refuse anything absurd before parsing


def webhook_endpoint(application: NewsApp, secret: str, count: Callable[[str], None]) -> Callable[[Request], Any]:
    async def receive(request: Request) -> Response:
        sent = request.headers.get(SECRET_HEADER)
        if sent is None or not hmac.compare_digest(sent.encode(), secret.encode()):
            log.warning(
                "webhook: refused a request from %s: %s secret header",
                request.client.host if request.client else "?",
                "no" if sent is None else "wrong",
            )
            count("forbidden")
            return Response(status_code=403)
        body = await request.body()
        update = _parse(body, application) if len(body) <= MAX_BODY else None
        if update is None:
            log.warning("webhook: malformed update (%d bytes) refused", len(body))
            count("malformed")
            return Response(status_code=400)
        await application.update_queue.put(update)
        count("accepted")
        return Response(status_code=200)

    return receive


def _parse(body: bytes, application: NewsApp) -> Update | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return None
    try:
        return Update.de_json(data, application.bot)
    except Exception:  # PTB raises assorted errors on wrong shapes; to Telegram it is all 400
        return None
