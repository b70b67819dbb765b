"""Every answer to a chat in the chat's own script (简, 繁, 港, 台): one place, on the way out.

The handlers and bot/texts.py write Simplified (and /latest shows articles as they were
published); the chat being answered decides the script. :func:`answering` records it for the
update being handled — a context variable, so it follows that update's task alone — and
:class:`ScriptedRequest` converts what goes out while it is set: message text and captions,
popup answers, inline button labels (never their callback data or URLs, nor HTML tags and
links). Deliveries from the outbox are converted when they are queued (bot/stores/in_scripts.py)
and pass through unchanged: outside an update nothing is set.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from digests.render import in_script

_SCRIPT: ContextVar[str | None] = ContextVar("newsbot_chat_script", default=None)
_TEXT_FIELDS = frozenset({"text", "caption"})


def answering(code: str) -> None:
    """The update being handled is answered in ``code`` (set again after /script changes it)."""
    _SCRIPT.set(code)


def scripted(value: Any, code: str, name: str) -> Any:
    """A request parameter with its reader-visible text in ``code``."""
    if name in _TEXT_FIELDS and isinstance(value, str):
        return in_script(value, code)
    if name == "reply_markup" and isinstance(value, dict) and "inline_keyboard" in value:
        rows = [
            [{**button, "text": in_script(button["text"], code)} if "text" in button else button for button in row]
            for row in value["inline_keyboard"]
        ]
        return {**value, "inline_keyboard": rows}
    return value


class ScriptedRequest(BaseRequest):
    """A BaseRequest that converts outgoing text to the answered chat's script, then sends it
    through ``inner`` (python-telegram-bot's HTTPXRequest, or the console's in-process API)."""

    def __init__(self, inner: BaseRequest) -> None:
        self.inner = inner

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code = _SCRIPT.get()
        if code is not None and request_data is not None and not request_data.contains_files:
            request_data = RequestData(
                [
                    RequestParameter.from_input(name, scripted(value, code, name))
                    for name, value in request_data.parameters.items()
                ]
            )
        return await self.inner.do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
