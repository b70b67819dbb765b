"""What keeps hostile clients from stalling the web server or flooding the log.

- :class:`RefusalLog`: the first refusal of each kind in a window is logged in full, the rest are
  counted and summarised in one line when the window is over (20,000 wrong-secret POSTs are two
  lines, not 20,000).
- :func:`guarded_protocol`: uvicorn's h11 protocol with what uvicorn itself lacks against
  slowloris — a deadline for a request's headers (uvicorn arms no timer before the first
  request, so a client that never finishes its headers held its socket forever) and a cap on
  open connections (past it a new connection is closed at once, so file descriptors never run
  out and the accept loop never spins on EMFILE).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

# A request's headers must arrive within this many seconds of the connection (or of the previous
# response on a kept-alive connection); Telegram sends an update in one packet.
HEADER_SECONDS = 10.0
# A request body (the webhook's, at most 1 MiB) must arrive within this many seconds.
BODY_SECONDS = 15.0
# Open connections at once; the rest are closed on arrival. Well below the unit's LimitNOFILE.
MAX_CONNECTIONS = 512
# Headers larger than this are refused by h11 (its own default, written down here).
MAX_HEADER_BYTES = 16 * 1024
# Connections are closed after this many seconds idle between requests.
KEEP_ALIVE_SECONDS = 5
REFUSAL_WINDOW_SECONDS = 60.0


class RefusalLog:
    """One line for the first refusal of each kind per window, then one summary line for the rest."""

    def __init__(
        self,
        logger: logging.Logger,
        *,
        window: float = REFUSAL_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.window = window
        self.clock = clock
        self._started: float | None = None
        self._seen: set[str] = set()
        self._quiet: Counter[str] = Counter()  # refused but not logged, by kind

    def refused(self, kind: str, message: str, *args: object) -> None:
        now = self.clock()
        if self._started is None or now - self._started >= self.window:
            self.flush()
            self._started = now
        if kind in self._seen:
            self._quiet[kind] += 1
            return
        self._seen.add(kind)
        self.logger.warning(message, *args)

    def flush(self) -> None:
        """Log the summary of the current window (if anything went unlogged) and start afresh."""
        if self._quiet and self._started is not None:
            parts = ", ".join(f"{kind} {n}" for kind, n in sorted(self._quiet.items()))
            elapsed = self.clock() - self._started
            total = sum(self._quiet.values())
            self.logger.warning("web: %d more requests refused in the last %.0f s (%s)", total, elapsed, parts)
        self._started = None
        self._seen.clear()
        self._quiet.clear()


def guarded_protocol(
    refusals: RefusalLog,
    *,
    header_seconds: float = HEADER_SECONDS,
    max_connections: int = MAX_CONNECTIONS,
) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a header deadline and a connection cap (see the module doc)."""

    class GuardedH11Protocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None
        _refused = False

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            if len(self.connections) >= max_connections:
                self._refused = True
                peer = transport.get_extra_info("peername")
                transport.abort()  # frees the file descriptor now
                refusals.refused(
                    "over the connection cap",
                    "web: %d connections open; closed a new one from %s",
                    len(self.connections),
                    peer[0] if peer else "?",
                )
                return
            super().connection_made(transport)
            self._arm_header_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_header_timer()
            if not self._refused:
                super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._header_timer is not None and not self._awaiting_headers():
                self._cancel_header_timer()  # the headers are in: the request is being handled

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._awaiting_headers() and not self.transport.is_closing():
                self._arm_header_timer()  # kept alive: the next request's headers get the same deadline

        def _awaiting_headers(self) -> bool:
            # A cycle exists from a request's complete headers until its response is complete.
            return self.cycle is None or self.cycle.response_complete

        def _arm_header_timer(self) -> None:
            self._cancel_header_timer()
            self._header_timer = self.loop.call_later(header_seconds, self._headers_too_slow)

        def _cancel_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_too_slow(self) -> None:
            self._header_timer = None
            if self._awaiting_headers() and not self.transport.is_closing():
                refusals.refused(
                    "headers too slow",
                    "web: closed a connection from %s: no complete request headers within %.0f s",
                    self.client[0] if self.client else "?",
                    header_seconds,
                )
                self.transport.close()

    return GuardedH11Protocol


def uvicorn_settings(refusals: RefusalLog, **guard: Any) -> dict[str, Any]:
    """The uvicorn.Config keywords of the bot's web server (see the module doc)."""
    return {
        "http": guarded_protocol(refusals, **guard),
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }
