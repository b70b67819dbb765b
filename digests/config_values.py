"""What a setting's value may be: the checks and converters the section dataclasses of
:mod:`digests.config` name in their ``setting(...)``, and the one error a bad value raises.

A time of day is read here for the config file and the chat commands alike (``/settime 8:00``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PAID_BROADCAST_MAX = 1000.0  # Telegram's ceiling for paid broadcasts, messages per second
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(ValueError):
    """A missing or invalid setting; the message names the key."""


# --- time of day and zone: shared by the config file and the chat commands ---------------------

_TIME_OF_DAY = re.compile(r"([0-9]{1,2})\s*[:.]\s*([0-9]{2})")


def parse_time_of_day(raw: str) -> time | None:
    """'8:00', '08:00', '０８：００', '8.00', '8：00' → time(8, 0); None if it isn't a time of day.

    NFKC first, so the full-width digits and colon a Chinese keyboard types read as ASCII.
    """
    match = _TIME_OF_DAY.fullmatch(unicodedata.normalize("NFKC", raw).strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def validate_timezone(name: str, *, key: str = "timezone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{key}: unknown time zone {name!r} (use Area/City, e.g. Asia/Shanghai)") from None


# --- converters: a TOML value that passed its type check → the field's value -------------------
# Each takes (value, dotted key) and raises ConfigError naming the key.


def optional_text(value: str, key: str) -> str | None:
    return value or None


def http_url(value: str, key: str) -> str:
    value = value.strip()
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{key}: must start with http:// or https://, got {value!r}")
    return value


def optional_https_url(value: str, key: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not value.startswith(("https://", "http://")):
        raise ConfigError(f"{key}: must start with https:// (or http:// for a local Bot API server), got {value!r}")
    return value


_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def secret_token(value: str, key: str) -> str | None:
    # Telegram's rule for setWebhook's secret_token: 1-256 characters A-Z a-z 0-9 _ -
    if not value:
        return None
    if not _SECRET_TOKEN.fullmatch(value):
        raise ConfigError(f"{key}: 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
    return value


def port(value: int, key: str) -> int:
    if not 0 <= value <= 65535:
        raise ConfigError(f"{key}: a TCP port is 0-65535, got {value}")
    return value


def paid_rate(value: float, key: str) -> float:
    if value > PAID_BROADCAST_MAX:
        raise ConfigError(f"{key}: Telegram allows at most {PAID_BROADCAST_MAX:g} messages/s, got {value:g}")
    return value


def log_level(value: str, key: str) -> str:
    level = value.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"{key}: one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def optional_path(value: str, key: str) -> Path | None:
    return Path(value) if value.strip() else None


def user_ids(value: list[Any], key: str) -> tuple[int, ...]:
    for item in value:
        if not isinstance(item, int) or isinstance(item, bool):
            raise ConfigError(f"{key}: user ids must be integers, got {item!r}")
    return tuple(value)


def path_strings(value: list[Any], key: str) -> tuple[Path, ...]:
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{key}: entries must be paths as strings, got {item!r}")
    return tuple(Path(item) for item in value)


def time_of_day(value: str, key: str) -> time:
    parsed = parse_time_of_day(value)
    if parsed is None:
        raise ConfigError(f"{key}: expected HH:MM (00:00–23:59), got {value!r}")
    return parsed


def zone_name(value: str, key: str) -> str:
    validate_timezone(value, key=key)
    return value


def optional_zone_name(value: str, key: str) -> str | None:
    return zone_name(value, key) if value else None


# --- feed sources: [[sources.feeds]] -------------------------------------------------------------


@dataclass(frozen=True)
class FeedSource:
    """One ``[[sources.feeds]]`` entry: a feed polled into ``category``."""

    url: str
    category: str
    name: str = ""  # shown in /source list and metrics; the feed's host when empty
    interval_minutes: float | None = None  # None: sources.interval_minutes
    full_text: bool = False  # fetch each entry's page and extract its main text

    @property
    def label(self) -> str:
        return self.name or self.url


_FEED_KEYS: dict[str, type | tuple[type, ...]] = {
    "url": str,
    "category": str,
    "name": str,
    "interval_minutes": (int, float),
    "full_text": bool,
}
CATEGORY_SLUG = re.compile(r"[\w-]{1,64}")


def feed_sources(value: list[Any], key: str) -> tuple[FeedSource, ...]:
    feeds: list[FeedSource] = []
    for n, item in enumerate(value, start=1):
        where = f"{key}[{n}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a table with url and category, got {item!r}")
        for name, kind in item.items():
            if name not in _FEED_KEYS:
                raise ConfigError(f"{where}.{name}: unknown setting (expected {', '.join(_FEED_KEYS)})")
            if not isinstance(kind, _FEED_KEYS[name]) or (name != "full_text" and isinstance(kind, bool)):
                raise ConfigError(f"{where}.{name}: wrong type, got {kind!r}")
        if "url" not in item or "category" not in item:
            raise ConfigError(f"{where}: url and category are required")
        if not CATEGORY_SLUG.fullmatch(item["category"]):
            raise ConfigError(f"{where}.category: a slug of letters, digits, _ or -, got {item['category']!r}")
        interval = item.get("interval_minutes")
        if interval is not None and interval < 1:
            raise ConfigError(f"{where}.interval_minutes: must be at least 1, got {interval!r}")
        url = http_url(item["url"], f"{where}.url")
        if any(f.url == url for f in feeds):
            raise ConfigError(f"{where}.url: listed twice: {url}")
        feeds.append(
            FeedSource(url, item["category"], item.get("name", "").strip(), interval, item.get("full_text", False))
        )
    return tuple(feeds)


def setting(
    default: Any,
    doc: str,
    *,
    minimum: float | None = None,
    convert: Callable[[Any, str], Any] | None = None,
    env: str | None = None,
    shown: str | None = None,
) -> Any:
    """A configurable field: its default, a one-line doc (the README shows it), and its checks.

    ``minimum`` bounds a number; ``convert`` turns the checked TOML value into the field's value
    (raising ConfigError); ``env`` names an environment variable that overrides the file;
    ``shown`` is how the docs write a default that has no TOML spelling.
    """
    meta = {"doc": doc, "minimum": minimum, "convert": convert, "env": env, "shown": shown}
    return field(default=default, metadata=meta)
