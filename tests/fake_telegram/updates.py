"""How updates reach the bot: getUpdates long polls (a newer poll ends an older one with 409), or
a webhook the fake POSTs each update to, in order, until the bot answers 2xx."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import aiohttp

from tests.fake_telegram.errors import make_error
from tests.fake_telegram.params import Params
from tests.fake_telegram.state import FakeState


class UpdateMethods(FakeState):
    """setWebhook, deleteWebhook, getWebhookInfo and getUpdates."""

    def _m_set_webhook(self, params: Params) -> bool:
        url = params.str("url") or ""
        with self._lock:
            self._webhook = (
                {
                    "url": url,
                    "allowed_updates": params.json("allowed_updates"),
                    "secret_token": params.str("secret_token"),
                }
                if url
                else None
            )
            if params.bool("drop_pending_updates"):
                self._updates.clear()
        if url and (self._webhook_task is None or self._webhook_task.done()):
            self._webhook_task = asyncio.get_running_loop().create_task(self._push_webhook())
        return True

    async def _push_webhook(self) -> None:
        """While a webhook is set, POST queued updates to it one at a time, in order, as Telegram
        does: with the secret header, retrying (after a pause) until the bot answers 2xx."""
        assert self._stop_event is not None
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while not self._stop_event.is_set():
                with self._lock:
                    hook = self._webhook
                    if hook is None:
                        return
                    update = self._updates[0] if self._updates else None
                    event = self._update_event
                if update is None:
                    assert event is not None
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(event.wait(), 0.5)
                    continue
                headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret_token"]} if hook["secret_token"] else {}
                status: int | None
                try:
                    async with session.post(hook["url"], json=update, headers=headers) as response:
                        status = response.status
                except (TimeoutError, aiohttp.ClientError):
                    status = None
                with self._lock:
                    self.webhook_answers.append((update["update_id"], status))
                    if status is not None and 200 <= status < 300:
                        self._updates = [u for u in self._updates if u["update_id"] != update["update_id"]]
                    self._changed.notify_all()
                if status is None or status >= 300:
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self._stop_event.wait(), 0.2)

    def _m_delete_webhook(self, params: Params) -> bool:
        with self._lock:
            self._webhook = None
            if params.bool("drop_pending_updates"):
                self._updates.clear()
        return True

    def _m_get_webhook_info(self, params: Params) -> dict[str, Any]:
        with self._lock:
            return {
                "url": self._webhook["url"] if self._webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    async def _m_get_updates(self, params: Params) -> list[dict[str, Any]]:
        offset = params.int("offset", 0) or 0
        limit = min(max(params.int("limit", 100) or 100, 1), 100)
        timeout = max(params.int("timeout", 0) or 0, 0)
        allowed = params.json("allowed_updates")
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._webhook is not None:
                raise make_error("webhook_active")
            if allowed is not None:
                # As on Telegram: the list sticks for later calls; an empty list restores "all".
                self._allowed_updates = list(allowed) or None
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            # A new poll terminates an older one still waiting, which then gets 409 Conflict.
            self._poll_generation += 1
            generation = self._poll_generation
        self._set_update_event()
        deadline = loop.time() + timeout
        assert self._stop_event is not None
        while True:
            with self._lock:
                if self._poll_generation != generation:
                    raise make_error("conflict")
                if self._allowed_updates is not None:
                    self._updates = [u for u in self._updates if self._is_allowed(u)]
                batch = self._updates[:limit]
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self._stop_event.is_set():
                return batch
            event = self._update_event
            assert event is not None
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        assert self._allowed_updates is not None
        return any(k in self._allowed_updates for k in update if k != "update_id")


UPDATE_METHODS: dict[str, Callable[..., Any]] = {
    "setwebhook": UpdateMethods._m_set_webhook,
    "deletewebhook": UpdateMethods._m_delete_webhook,
    "getwebhookinfo": UpdateMethods._m_get_webhook_info,
    "getupdates": UpdateMethods._m_get_updates,
}
