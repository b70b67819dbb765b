"""The fake's HTTP server: routes /bot<token>/<method> to the method handlers, holds delayed
answers, and runs either in the test's event loop or on its own thread."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from aiohttp import web

from tests.fake_telegram.chats import CHAT_METHODS, ChatMethods
from tests.fake_telegram.errors import ApiError, make_error
from tests.fake_telegram.faults import Delay
from tests.fake_telegram.inspection import Inspection
from tests.fake_telegram.messages import MESSAGE_METHODS, MessageMethods
from tests.fake_telegram.params import Params, read_params
from tests.fake_telegram.scenario import Scenario
from tests.fake_telegram.updates import UPDATE_METHODS, UpdateMethods


class FakeTelegram(Scenario, Inspection, MessageMethods, ChatMethods, UpdateMethods):
    """In-memory Telegram Bot API server.  See the package docstring for how to run it."""

    _METHODS: ClassVar[dict[str, Callable[..., Any]]] = {**CHAT_METHODS, **MESSAGE_METHODS, **UPDATE_METHODS}

    async def start(self) -> None:
        """Bind 127.0.0.1:<free port> and start serving in the running event loop."""
        self._loop = asyncio.get_running_loop()
        self._update_event = asyncio.Event()
        self._stop_event = asyncio.Event()
        app = web.Application(client_max_size=16 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        self._bound_port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock)
        await site.start()

    async def stop(self) -> None:
        """Release long polls and delayed answers, then close the server."""
        if self._runner is None:
            return
        assert self._stop_event is not None
        self._stop_event.set()
        self._set_update_event()
        if self._webhook_task is not None:
            await self._webhook_task
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @contextlib.contextmanager
    def running_in_thread(self) -> Iterator[FakeTelegram]:
        """Run the server on its own event loop in a daemon thread for the duration of the block."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="fake-telegram", daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(timeout=10)
            yield self
        finally:
            try:
                if self._runner is not None:
                    asyncio.run_coroutine_threadsafe(self.stop(), loop).result(timeout=10)
            finally:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(timeout=10)
                loop.close()

    @property
    def port(self) -> int:
        if self._bound_port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._bound_port

    @property
    def base_url(self) -> str:
        """Pass as python-telegram-bot's base_url; the token is appended by PTB."""
        return f"http://{self._host}:{self.port}/bot"

    @property
    def api_url(self) -> str:
        """base_url with the token, i.e. what `newsbot run --api-url` style options may want."""
        return f"{self.base_url}{self.token}"

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        prefix, _, method = path.partition("/")
        if not prefix.startswith("bot") or not method or "/" in method:
            return self._respond(ApiError(404, "Not Found").body(), 404)
        if prefix[3:] != self.token:
            return self._respond(ApiError(401, "Unauthorized").body(), 401)
        params = await read_params(request)
        key = method.lower()
        handler = self._METHODS.get(key)
        with self._lock:
            self._request_counts[method] = self._request_counts.get(method, 0) + 1
            self._calls.append((method, params))
            injection = self._injections.take(key, params) if handler else None
        if handler is None:
            return self._respond(ApiError(404, "Not Found").body(), 404)
        try:
            if injection is not None:
                if isinstance(injection.error, ApiError):
                    raise injection.error
                return await self._delayed(request, handler, Params(params), injection.error)
            result = handler(self, Params(params))
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as err:
            return self._respond(err.body(), err.code)
        return self._respond({"ok": True, "result": result}, 200)

    async def _delayed(self, request: web.Request, handler: Any, params: Params, delay: Delay) -> web.Response:
        result: Any = None
        error: ApiError | None = None

        async def run() -> None:
            nonlocal result, error
            try:
                result = handler(self, params)
                if asyncio.iscoroutine(result):
                    result = await result
            except ApiError as err:
                error = err

        if delay.delivered:
            await run()
        assert self._stop_event is not None
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._stop_event.wait(), delay.seconds)
        if not delay.delivered:
            transport = request.transport
            if transport is None or transport.is_closing():
                return self._respond(make_error("server_error").body(), 500)  # nobody listens
            await run()
        if error is not None:
            return self._respond(error.body(), error.code)
        return self._respond({"ok": True, "result": result}, 200)

    @staticmethod
    def _respond(body: dict[str, Any], status: int) -> web.Response:
        return web.Response(
            body=json.dumps(body, ensure_ascii=False).encode(), status=status, content_type="application/json"
        )
