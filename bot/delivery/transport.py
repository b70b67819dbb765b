"""The outbox's HTTP transport: python-telegram-bot's request interface over an aiohttp session.

Why not PTB's default (httpx): its connection pool walks every pooled connection on each
request and each response (httpcore's ``_assign_requests_to_connections``), so with the
dozens of connections a 1,000 msg/s paid broadcast needs, HTTP bookkeeping alone cost more
CPU per message than everything else the sender does (profiled: benchmarks/bench_delivery.py
with BENCH_PROFILE). aiohttp's connector hands out a free keep-alive connection in constant
time. Only the outbox sender uses this; replies to commands keep PTB's default transport.

Only what sendMessage needs: parameters as one JSON body (the Bot API accepts JSON; it is also
much cheaper to build than percent-encoding a 4 KB Chinese digest as a form), no file uploads.
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    def __init__(self, *, connections: int, timeout: float = 10.0) -> None:
        self._connections = connections
        self._timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections, keepalive_timeout=30)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}, skip_auto_headers=("Accept-Encoding",)
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        if request_data is not None and request_data.contains_files:
            raise NotImplementedError("the outbox transport sends no files")
        body = json.dumps(request_data.parameters if request_data else {}, ensure_ascii=False).encode()
        total = self._timeout if isinstance(read_timeout, DefaultValue) or read_timeout is None else read_timeout
        try:
            async with self._session.request(
                method, url, data=body, headers=_JSON, timeout=aiohttp.ClientTimeout(total=total)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp {type(exc).__name__}: {exc}") from exc
