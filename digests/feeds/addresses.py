"""The SSRF guard: which addresses a feed request may connect to.

Private, loopback, link-local, shared, reserved and multicast addresses are refused unless
``sources.allow_private``. The check runs on the address the connection is actually made to:
names are resolved here (aiohttp connects to what the resolver returns, so a name that
resolves differently a second time cannot slip past), and a literal IP in a URL, the first
or any redirect's, is checked before the request (:func:`check_url`).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver

Blocked = Callable[[str], bool]


class AddressRefused(OSError):
    """The host is (or resolves only to) an address the guard refuses."""


def is_private(ip: str) -> bool:
    """True for every address that is not a public unicast one (IPv4-mapped IPv6 as its IPv4)."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return True  # not an address at all: never connect to it blindly
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return not addr.is_global or addr.is_multicast


def never(ip: str) -> bool:
    return False


def blocked_for(allow_private: bool) -> Blocked:
    return never if allow_private else is_private


def literal_ip(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def check_url(url: str, blocked: Blocked) -> None:
    """Refuse a URL that is not http(s) or names a refused address literally."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(f"not an http(s) URL: {url[:200]}")
    ip = literal_ip(parts.hostname)
    if ip is not None and blocked(ip):
        raise AddressRefused(f"{ip} is a private or local address (sources.allow_private is off)")


class GuardedResolver(AbstractResolver):
    """DNS through the system resolver, with refused addresses removed from the answer."""

    def __init__(self, blocked: Blocked) -> None:
        self.blocked = blocked
        self._inner: ThreadedResolver | None = None

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        if self._inner is None:
            self._inner = ThreadedResolver()
        answers = await self._inner.resolve(host, port, family)
        allowed = [a for a in answers if not self.blocked(a["host"])]
        if not allowed:
            shown = ", ".join(sorted({a["host"] for a in answers}))
            raise AddressRefused(f"{host} resolves to {shown}: private or local (sources.allow_private is off)")
        return allowed

    async def close(self) -> None:
        if self._inner is not None:
            await self._inner.close()
