"""Run the web app with uvicorn inside the bot's own event loop.

The socket is bound first, so a port already in use is one clear error before anything
starts (and tests can bind port 0). Signals stay with the runner: uvicorn would otherwise
take SIGINT/SIGTERM and re-raise them after its own shutdown, killing the process before
the bot finishes its in-flight sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Generator

import uvicorn
from starlette.types import ASGIApp

from bot.web.guard import RefusalLog, uvicorn_settings

log = logging.getLogger(__name__)


class _QuietServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield  # the runner owns the signals


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; OSError (e.g. address in use) propagates for the caller to explain."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)  # connections past the cap are closed on arrival (bot.web.guard)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


class WebServer:
    def __init__(self, app: ASGIApp, sock: socket.socket, refusals: RefusalLog, **guard: float) -> None:
        self.sock = sock
        config = uvicorn.Config(
            app,
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=5,
            **uvicorn_settings(refusals, **guard),  # header deadline, connection cap: bot.web.guard
        )
        self._server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve(sockets=[self.sock]), name="newsbot-web")
        while not self._server.started:
            if self._task.done():
                await self._task  # raises what stopped it
                raise RuntimeError("the web server stopped during start-up")
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._task is None:
            return
        self._server.should_exit = True
        task, self._task = self._task, None
        await task
        self.sock.close()
