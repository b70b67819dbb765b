"""One guarded HTTP GET: redirects checked hop by hop, the body read as a stream up to a cap.

aiohttp over the guarded resolver (digests.feeds.addresses). Every request waits for a place
among ``concurrency`` overall and ``per_host`` for its host *before* its timeout starts, so a
host with hundreds of feeds queues them instead of timing them out. Bodies are decompressed
(gzip, deflate) by aiohttp as they are read, so the cap bounds what a gzip bomb can inflate to.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import aiohttp

from digests.feeds.addresses import AddressRefused, Blocked, GuardedResolver, check_url

USER_AGENT = "newsbot/0.1 (feed reader; +https://github.com/newsbot)"
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024
ACCEPT_FEEDS = "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8"


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 for an unchanged feed (empty body)
    body: bytes
    url: str  # after redirects: what relative links resolve against
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    truncated: bool = False  # the body was cut at the size cap


class FetchError(Exception):
    """A request that did not bring a body; ``kind`` says what went wrong, the message how."""

    def __init__(self, kind: str, message: str, *, status: int | None = None, retry_after: str | None = None):
        super().__init__(message)
        self.kind = kind  # refused, not_found, http, tls, timeout, network, redirects
        self.status = status
        self.retry_after = retry_after  # the raw Retry-After header of a 429 or 503


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0
    max_bytes: int = 10 * 2**20
    max_redirects: int = 5
    per_host: int = 2
    concurrency: int = 20


class Fetcher:
    """An HTTP session for one poll cycle (or a bot's lifetime): ``async with Fetcher(...) as f``."""

    def __init__(self, limits: Limits, blocked: Blocked) -> None:
        self.limits = limits
        self.blocked = blocked
        self._session: aiohttp.ClientSession | None = None
        self._overall = asyncio.Semaphore(limits.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        connector = aiohttp.TCPConnector(resolver=GuardedResolver(self.blocked), limit=0, limit_per_host=0)
        self._session = aiohttp.ClientSession(
            connector=connector, headers={"User-Agent": USER_AGENT}, auto_decompress=True, trust_env=False
        )
        return self

    async def __aexit__(self, *exc: object | TracebackType) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, url: str, *, headers: Mapping[str, str] | None = None, max_bytes: int | None = None) -> Fetched:
        """GET ``url`` (following checked redirects); raises :class:`FetchError`."""
        host = (urlsplit(url).hostname or "").lower()
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
        async with self._overall, gate:
            try:
                return await asyncio.wait_for(
                    self._follow(url, dict(headers or {}), max_bytes or self.limits.max_bytes), self.limits.timeout
                )
            except TimeoutError:
                raise FetchError("timeout", f"no complete answer within {self.limits.timeout:g} s") from None

    async def _follow(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        assert self._session is not None, "use the Fetcher as an async context manager"
        for _hop in range(self.limits.max_redirects + 1):
            try:
                check_url(url, self.blocked)
                async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                    if resp.status in _REDIRECTS and "Location" in resp.headers:
                        url = urljoin(url, resp.headers["Location"])
                        continue
                    return await _answer(resp, url, max_bytes)
            except AddressRefused as exc:
                raise FetchError("refused", str(exc)) from None
            except aiohttp.ClientConnectorCertificateError as exc:
                raise FetchError("tls", f"TLS certificate not accepted: {exc.certificate_error}") from None
            except (aiohttp.ClientSSLError, ssl.SSLError) as exc:
                raise FetchError("tls", f"TLS error: {exc}") from None
            except aiohttp.ClientConnectorError as exc:
                if isinstance(exc.os_error, AddressRefused):
                    raise FetchError("refused", str(exc.os_error)) from None
                raise FetchError("network", f"cannot connect to {exc.host}:{exc.port}: {exc.os_error}") from None
            except (aiohttp.ClientError, ValueError) as exc:
                raise FetchError("network", f"{type(exc).__name__}: {exc}"[:300]) from None
        raise FetchError("redirects", f"more than {self.limits.max_redirects} redirects")


async def _answer(resp: aiohttp.ClientResponse, url: str, max_bytes: int) -> Fetched:
    etag, modified = resp.headers.get("ETag"), resp.headers.get("Last-Modified")
    content_type = resp.headers.get("Content-Type", "")
    if resp.status == 304:
        return Fetched(304, b"", url, content_type, etag, modified)
    if resp.status != 200:
        kind = "not_found" if resp.status in (404, 410) else "http"
        raise FetchError(
            kind,
            f"HTTP {resp.status} {resp.reason or ''}".strip(),
            status=resp.status,
            retry_after=resp.headers.get("Retry-After"),
        )
    chunks: list[bytes] = []
    size = 0
    truncated = False
    async for chunk in resp.content.iter_chunked(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            truncated = True  # never read the rest: an endless body ends here
            break
    body = b"".join(chunks)[:max_bytes]
    return Fetched(200, body, str(resp.url), content_type, etag, modified, truncated)
