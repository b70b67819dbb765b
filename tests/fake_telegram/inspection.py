"""What a test reads back: the bot's messages and edits, answers, commands, raw calls, counters;
and bounded waits for them (polling with a deadline, never fixed sleeps)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from tests.fake_telegram.records import CallbackAnswer, SentMessage, Stats, scope_key
from tests.fake_telegram.state import FakeState


class Inspection(FakeState):
    """Read-only views of what happened, safe from any thread."""

    def messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Messages the bot sent (as sent, edits excluded), in order; optionally for one chat."""
        with self._lock:
            return [m for m in self._log if m.kind == "send" and (chat_id is None or m.chat_id == chat_id)]

    def log(self, chat_id: int | None = None) -> list[SentMessage]:
        """Every send and edit, in order."""
        with self._lock:
            return [m for m in self._log if chat_id is None or m.chat_id == chat_id]

    def edits(self, chat_id: int | None = None) -> list[SentMessage]:
        with self._lock:
            return [m for m in self._log if m.kind != "send" and (chat_id is None or m.chat_id == chat_id)]

    def current(self, chat_id: int, message_id: int) -> SentMessage | None:
        """The latest version of a bot message (after edits); None if unknown or deleted."""
        with self._lock:
            return self._current.get((chat_id, message_id))

    def last_message(self, chat_id: int) -> SentMessage | None:
        """The latest version of the last message the bot sent to chat_id."""
        with self._lock:
            sent = [m for m in self._log if m.kind == "send" and m.chat_id == chat_id]
            return self._current.get((chat_id, sent[-1].message_id)) if sent else None

    def received_by_chat(self) -> dict[int, list[str]]:
        """chat id -> plain texts of sent messages, in order (for duplicate / loss checks)."""
        with self._lock:
            out: dict[int, list[str]] = {}
            for m in self._log:
                if m.kind == "send":
                    out.setdefault(m.chat_id, []).append(m.plain_text)
            return out

    def callback_answers(self) -> list[CallbackAnswer]:
        with self._lock:
            return list(self._answers)

    def commands(
        self, scope: dict[str, Any] | str | None = None, language_code: str | None = None
    ) -> list[dict[str, str]] | None:
        """Commands stored by setMyCommands for a scope ("default", {"type": "chat", "chat_id": 5},
        ...); None if never set for that scope."""
        with self._lock:
            stored = self._commands.get(scope_key(scope, language_code))
            return None if stored is None else [dict(c) for c in stored]

    def webhook(self) -> dict[str, Any] | None:
        with self._lock:
            return None if self._webhook is None else dict(self._webhook)

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """Raw parameters of every request (optionally of one method, case-insensitive)."""
        with self._lock:
            wanted = method.lower() if method else None
            return [dict(p) for m, p in self._calls if wanted is None or m.lower() == wanted]

    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by a getUpdates offset."""
        with self._lock:
            return len(self._updates)

    def stats(self) -> Stats:
        with self._lock:
            return Stats(
                self._sent, self._limiter.refused, self._paid, self._injections.fired, dict(self._request_counts)
            )

    # ----- waiting (bounded polling, never fixed sleeps) ---------------------------------------

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
        """Poll predicate() until truthy (returns its value) or raise AssertionError after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
            await asyncio.sleep(0.005)

    def wait_until_sync(self, predicate: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
        """Blocking wait_until for sync code (server in running_in_thread); wakes on each event."""
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None and running is self._loop:
            raise RuntimeError("wait_until_sync would block the server's own loop; use wait_until")
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
                # Re-check at least every 50 ms in case the predicate depends on outside state.
                self._changed.wait(min(remaining, 0.05))

    async def wait_for_messages(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[SentMessage]:
        """Wait until the bot has sent >= count messages to chat_id; returns all of them."""
        return await self.wait_until(lambda: self._enough(chat_id, count), timeout, self._waiting_what(chat_id, count))

    def wait_for_messages_sync(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[SentMessage]:
        return self.wait_until_sync(lambda: self._enough(chat_id, count), timeout, self._waiting_what(chat_id, count))

    async def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> CallbackAnswer:
        return await self.wait_until(lambda: self._answer_for(query_id), timeout, f"answer to {query_id}")

    def wait_for_callback_answer_sync(self, query_id: str, timeout: float = 5.0) -> CallbackAnswer:
        return self.wait_until_sync(lambda: self._answer_for(query_id), timeout, f"answer to {query_id}")

    def _enough(self, chat_id: int, count: int) -> list[SentMessage] | None:
        sent = self.messages(chat_id)
        return sent if len(sent) >= count else None

    def _waiting_what(self, chat_id: int, count: int) -> str:
        return f"{count} message(s) to chat {chat_id} (have: {[m.plain_text[:60] for m in self.messages(chat_id)]})"

    def _answer_for(self, query_id: str) -> CallbackAnswer | None:
        with self._lock:
            return next((a for a in self._answers if a.query_id == query_id), None)
