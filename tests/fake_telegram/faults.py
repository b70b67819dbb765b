"""Faults a test arms: an error answer or a held response for the next calls of a method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.fake_telegram.errors import ApiError, make_error


@dataclass(frozen=True)
class Delay:
    """Hold the response for `seconds` (longer than the client's read timeout => TimedOut).

    delivered=True: the request takes effect before the delay (Telegram sent the message but the
    reply was lost - the duplicate-risk case).  delivered=False: it takes effect only after the
    delay and only if the client is still connected (a slow server)."""

    seconds: float
    delivered: bool = False


@dataclass
class Injection:
    """One armed fault.  `remaining` None means forever; `hits` counts how often it fired."""

    method: str
    chat_id: int | None
    error: ApiError | Delay
    remaining: int | None
    hits: int = 0


class Injections:
    """The armed faults, consumed in the order they were added (callers hold the server's lock)."""

    def __init__(self) -> None:
        self._armed: list[Injection] = []
        self.fired = 0

    def arm(
        self,
        method: str,
        chat_id: int | None,
        error: str | ApiError | Delay,
        times: int | None,
        *,
        retry_after: int,
        migrate_to_chat_id: int | None,
        delay: float,
    ) -> Injection:
        if isinstance(error, str):
            armed: ApiError | Delay = (
                Delay(delay)
                if error == "timeout"
                else make_error(error, retry_after=retry_after, migrate_to_chat_id=migrate_to_chat_id)
            )
        else:
            armed = error
        injection = Injection(method.lower(), chat_id, armed, times)
        self._armed.append(injection)
        return injection

    def clear(self) -> None:
        self._armed.clear()

    def take(self, method: str, params: dict[str, Any]) -> Injection | None:
        """The fault for this call of ``method`` (lower case), if one is armed; it counts as fired."""
        if not self._armed:
            return None
        chat_id: int | None
        try:
            chat_id = int(params["chat_id"]) if params.get("chat_id") is not None else None
        except (TypeError, ValueError):
            chat_id = None
        for injection in self._armed:
            if injection.method == method and injection.chat_id in (None, chat_id):
                injection.hits += 1
                self.fired += 1
                if injection.remaining is not None:
                    injection.remaining -= 1
                    if injection.remaining <= 0:
                        self._armed.remove(injection)
                return injection
        return None
