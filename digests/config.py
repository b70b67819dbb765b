"""Configuration: a TOML file, validated into dataclasses, with secrets from the environment.

Lookup order for the file: ``--config FILE``, then ``$NEWSBOT_CONFIG``, then
``./newsbot.toml``, then ``~/.config/newsbot/config.toml``; with none of them the
built-in defaults below apply (bundled sample posts, ``newsbot.db`` in the
current directory, no Telegram token → local chat console).
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SAMPLE_POSTS_DIR = Path(__file__).parent / "sample_posts"
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
TOKEN_ENV = "NEWSBOT_TELEGRAM_TOKEN"
CONFIG_ENV = "NEWSBOT_CONFIG"


class ConfigError(ValueError):
    """A missing or invalid setting; the message names the key."""


@dataclass(frozen=True)
class TelegramConfig:
    token: str | None = None
    base_url: str = DEFAULT_BASE_URL
    admins: tuple[int, ...] = ()
    poll_timeout: float = 10.0


@dataclass(frozen=True)
class StoreConfig:
    path: Path = Path("newsbot.db")


@dataclass(frozen=True)
class PostsConfig:
    dirs: tuple[Path, ...] = (SAMPLE_POSTS_DIR,)
    rescan_minutes: float = 10.0


@dataclass(frozen=True)
class DigestConfig:
    time: time = time(8, 0)
    timezone: str = "Asia/Shanghai"
    top_n: int = 8
    max_chars: int = 120
    send_empty: bool = True
    grace_hours: float = 6.0

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DeliveryConfig:
    global_per_second: float = 30.0
    private_per_second: float = 1.0
    group_per_minute: float = 20.0
    max_attempts: int = 5
    retry_base_seconds: float = 2.0  # first backoff after a timeout / 5xx; doubles per attempt
    concurrency: int = 8  # outbox sends in flight at once (rate limits still apply)
    window_seconds: float = 1.0  # Telegram's sliding window; smaller only to compress time in benchmarks


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    posts: PostsConfig = field(default_factory=PostsConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    # category slug → display name, e.g. beifangwang = "北方网新闻"
    categories: dict[str, str] = field(default_factory=dict)
    source: Path | None = None


def find_config_file(explicit: str | Path | None = None) -> Path | None:
    """The config file to read, or None for built-in defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        return path
    env = os.environ.get(CONFIG_ENV)
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV} points to a missing file: {path}")
        return path
    for candidate in (Path("newsbot.toml"), Path.home() / ".config" / "newsbot" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_config(explicit: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    """Read, validate and return the configuration (see module docstring for lookup)."""
    env = os.environ if env is None else env
    path = find_config_file(explicit)
    raw: dict[str, Any] = {}
    if path is not None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: not UTF-8 text") from None
    return parse_config(raw, base_dir=path.parent if path else Path.cwd(), env=env, source=path)


def parse_config(
    raw: dict[str, Any],
    *,
    base_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    source: Path | None = None,
) -> Config:
    env = {} if env is None else env
    base_dir = base_dir or Path.cwd()
    known = {"telegram", "store", "posts", "digest", "delivery", "categories"}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{key}: unknown section (expected one of {', '.join(sorted(known))})")
    r = _Reader(raw)

    token = env.get(TOKEN_ENV) or r.get("telegram.token", str, None) or None
    base_url = r.get("telegram.base_url", str, DEFAULT_BASE_URL).strip()
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"telegram.base_url: must start with http:// or https://, got {base_url!r}")
    admins = r.get("telegram.admins", list, [])
    for admin in admins:
        if not isinstance(admin, int) or isinstance(admin, bool):
            raise ConfigError(f"telegram.admins: user ids must be integers, got {admin!r}")
    poll_timeout = r.number("telegram.poll_timeout", 10.0, minimum=0)

    store_path = _resolve(base_dir, r.get("store.path", str, "newsbot.db"))

    dirs_raw = r.get("posts.dirs", list, None)
    if dirs_raw is None:
        dirs: tuple[Path, ...] = (SAMPLE_POSTS_DIR,)
    else:
        for d in dirs_raw:
            if not isinstance(d, str):
                raise ConfigError(f"posts.dirs: entries must be paths as strings, got {d!r}")
        dirs = tuple(_resolve(base_dir, d) for d in dirs_raw)
    rescan = r.number("posts.rescan_minutes", 10.0, minimum=0)

    tz_name = r.get("digest.timezone", str, "Asia/Shanghai")
    validate_timezone(tz_name, key="digest.timezone")
    digest_time = parse_hhmm(r.get("digest.time", str, "08:00"), key="digest.time")
    digest = DigestConfig(
        time=digest_time,
        timezone=tz_name,
        top_n=int(r.number("digest.top_n", 8, minimum=1, integer=True)),
        max_chars=int(r.number("digest.max_chars", 120, minimum=10, integer=True)),
        send_empty=r.get("digest.send_empty", bool, True),
        grace_hours=r.number("digest.grace_hours", 6.0, minimum=0),
    )
    delivery = DeliveryConfig(
        global_per_second=r.number("delivery.global_per_second", 30.0, minimum=0.001),
        private_per_second=r.number("delivery.private_per_second", 1.0, minimum=0.001),
        group_per_minute=r.number("delivery.group_per_minute", 20.0, minimum=0.001),
        max_attempts=int(r.number("delivery.max_attempts", 5, minimum=1, integer=True)),
        retry_base_seconds=r.number("delivery.retry_base_seconds", 2.0, minimum=0),
        concurrency=int(r.number("delivery.concurrency", 8, minimum=1, integer=True)),
        window_seconds=r.number("delivery.window_seconds", 1.0, minimum=0.001),
    )
    categories = r.get("categories", dict, {})
    for slug, name in categories.items():
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"categories.{slug}: display name must be a non-empty string")
    r.reject_unknown()
    return Config(
        telegram=TelegramConfig(token=token, base_url=base_url, admins=tuple(admins), poll_timeout=poll_timeout),
        store=StoreConfig(path=store_path),
        posts=PostsConfig(dirs=dirs, rescan_minutes=rescan),
        digest=digest,
        delivery=delivery,
        categories={str(k): v.strip() for k, v in categories.items()},
        source=source,
    )


_TIME_OF_DAY = re.compile(r"(\d{1,2})\s*[:.]\s*(\d{2})")


def parse_time_of_day(raw: str) -> time | None:
    """'8:00', '08:00', '０８：００', '8.00' → time(8, 0); None if it is not a time of day."""
    match = _TIME_OF_DAY.fullmatch(unicodedata.normalize("NFKC", raw).strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_hhmm(value: str, *, key: str = "time") -> time:
    """:func:`parse_time_of_day`, raising ConfigError naming ``key`` when it is not a time."""
    parsed = parse_time_of_day(value)
    if parsed is None:
        raise ConfigError(f"{key}: expected HH:MM (00:00–23:59), got {value!r}")
    return parsed


def validate_timezone(name: str, *, key: str = "timezone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{key}: unknown time zone {name!r} (use Area/City, e.g. Asia/Shanghai)") from None


def _resolve(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


class _Reader:
    """Typed access to dotted keys that remembers which keys were read."""

    _SECTIONS: ClassVar[dict[str, set[str]]] = {
        "telegram": {"token", "base_url", "admins", "poll_timeout"},
        "store": {"path"},
        "posts": {"dirs", "rescan_minutes"},
        "digest": {"time", "timezone", "top_n", "max_chars", "send_empty", "grace_hours"},
        "delivery": {
            "global_per_second",
            "private_per_second",
            "group_per_minute",
            "max_attempts",
            "retry_base_seconds",
            "concurrency",
            "window_seconds",
        },
    }

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def get(self, dotted: str, kind: type, default: Any) -> Any:
        node: Any = self.raw
        parts = dotted.split(".")
        for i, part in enumerate(parts):
            if not isinstance(node, dict):
                raise ConfigError(f"{'.'.join(parts[:i])}: expected a table")
            if part not in node:
                return default
            node = node[part]
        if kind is float and isinstance(node, int) and not isinstance(node, bool):
            node = float(node)
        if not isinstance(node, kind) or (kind is not bool and isinstance(node, bool)):
            raise ConfigError(f"{dotted}: expected {_KIND_NAMES.get(kind, kind.__name__)}, got {node!r}")
        return node

    def number(self, dotted: str, default: float, *, minimum: float, integer: bool = False) -> float:
        value = self.get(dotted, (int if integer else float), default)
        if value < minimum:
            raise ConfigError(f"{dotted}: must be at least {minimum}, got {value!r}")
        return value

    def reject_unknown(self) -> None:
        for section, keys in self._SECTIONS.items():
            table = self.raw.get(section, {})
            if not isinstance(table, dict):
                raise ConfigError(f"{section}: expected a table")
            for key in table:
                if key not in keys:
                    raise ConfigError(f"{section}.{key}: unknown setting")


_KIND_NAMES = {
    str: "a string",
    list: "a list",
    dict: "a table",
    bool: "true or false",
    int: "an integer",
    float: "a number",
}
