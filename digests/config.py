"""Configuration: a TOML file, validated into dataclasses, with secrets from the environment.

Lookup order for the file: ``--config FILE``, then ``$NEWSBOT_CONFIG``, then
``./newsbot.toml``, then ``~/.config/newsbot/config.toml``; with none of them the
built-in defaults below apply (bundled sample posts, ``newsbot.db`` in the
current directory, no Telegram token → local chat console).

The section dataclasses are the one place each setting is written: a field's
default, its doc line and how it is checked (minimum, converter) live in its
``setting(...)``, and :func:`parse_config` is generic over those fields.  The
README's configuration table and ``config.example.toml`` are checked against
them by ``tests/test_docs.py``.

This module owns the Telegram settings too (``[telegram]``: token, Bot API
server, admins, polling).  They are plain data, so the core reads and checks
them without importing ``telegram``; only ``bot/`` talks to Telegram.
"""

from __future__ import annotations

import os
import re
import tomllib
import types
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields, is_dataclass
from datetime import time
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SAMPLE_POSTS_DIR = Path(__file__).parent / "sample_posts"
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
TOKEN_ENV = "NEWSBOT_TELEGRAM_TOKEN"
WEBHOOK_SECRET_ENV = "NEWSBOT_WEBHOOK_SECRET"
PAID_BROADCAST_MAX = 1000.0  # Telegram's ceiling for paid broadcasts, messages per second
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
CONFIG_ENV = "NEWSBOT_CONFIG"


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


def _optional_text(value: str, key: str) -> str | None:
    return value or None


def _http_url(value: str, key: str) -> str:
    value = value.strip()
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{key}: must start with http:// or https://, got {value!r}")
    return value


def _optional_https_url(value: str, key: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not value.startswith(("https://", "http://")):
        raise ConfigError(f"{key}: must start with https:// (or http:// for a local Bot API server), got {value!r}")
    return value


_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _secret_token(value: str, key: str) -> str | None:
    # Telegram's rule for setWebhook's secret_token: 1-256 characters A-Z a-z 0-9 _ -
    if not value:
        return None
    if not _SECRET_TOKEN.fullmatch(value):
        raise ConfigError(f"{key}: 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
    return value


def _port(value: int, key: str) -> int:
    if not 0 <= value <= 65535:
        raise ConfigError(f"{key}: a TCP port is 0-65535, got {value}")
    return value


def _paid_rate(value: float, key: str) -> float:
    if value > PAID_BROADCAST_MAX:
        raise ConfigError(f"{key}: Telegram allows at most {PAID_BROADCAST_MAX:g} messages/s, got {value:g}")
    return value


def _log_level(value: str, key: str) -> str:
    level = value.strip().upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"{key}: one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return level


def _optional_path(value: str, key: str) -> Path | None:
    return Path(value) if value.strip() else None


def _user_ids(value: list[Any], key: str) -> tuple[int, ...]:
    for item in value:
        if not isinstance(item, int) or isinstance(item, bool):
            raise ConfigError(f"{key}: user ids must be integers, got {item!r}")
    return tuple(value)


def _path_strings(value: list[Any], key: str) -> tuple[Path, ...]:
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{key}: entries must be paths as strings, got {item!r}")
    return tuple(Path(item) for item in value)


def _time_of_day(value: str, key: str) -> time:
    parsed = parse_time_of_day(value)
    if parsed is None:
        raise ConfigError(f"{key}: expected HH:MM (00:00–23:59), got {value!r}")
    return parsed


def _zone_name(value: str, key: str) -> str:
    validate_timezone(value, key=key)
    return value


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


@dataclass(frozen=True)
class TelegramConfig:
    token: str | None = setting(
        None,
        f"Bot token from @BotFather; `{TOKEN_ENV}` overrides it. Without one, `newsbot run` starts the chat console",
        convert=_optional_text,
        env=TOKEN_ENV,
        shown="none",
    )
    base_url: str = setting(
        DEFAULT_BASE_URL, "Bot API server; point it at a self-hosted Bot API server if you run one", convert=_http_url
    )
    admins: tuple[int, ...] = setting(
        (), "Telegram user ids allowed to use /push, /stats and /ingest", convert=_user_ids
    )
    poll_timeout: float = setting(10.0, "Long-polling timeout for getUpdates, in seconds", minimum=0)
    webhook_url: str | None = setting(
        None,
        "Public HTTPS URL Telegram posts updates to (webhook mode); its path is the webhook route, its origin "
        "the base of dashboard links. Unset: long polling",
        convert=_optional_https_url,
        shown="none",
    )
    listen: str = setting("127.0.0.1", "Address the web server (webhook, /healthz, /metrics, dashboard) binds to")
    port: int = setting(8080, "Port of that web server", convert=_port)
    secret_token: str | None = setting(
        None,
        f"Secret Telegram sends with every webhook request (required with webhook_url); `{WEBHOOK_SECRET_ENV}` "
        "overrides it. Also signs dashboard links",
        convert=_secret_token,
        env=WEBHOOK_SECRET_ENV,
        shown="none",
    )


@dataclass(frozen=True)
class StoreConfig:
    path: Path = setting(Path("newsbot.db"), "SQLite file holding articles, chats, subscriptions and the outbox")


@dataclass(frozen=True)
class PostsConfig:
    dirs: tuple[Path, ...] = setting(
        (SAMPLE_POSTS_DIR,),
        "Folders of Jekyll-style posts, searched recursively",
        convert=_path_strings,
        shown="the bundled sample posts",
    )
    rescan_minutes: float = setting(10.0, "How often the running bot rescans the folders, in minutes", minimum=0)


@dataclass(frozen=True)
class DigestConfig:
    time: time = setting(
        time(8, 0),
        "Daily digest time for chats that have not chosen their own (/settime); `8:00`, `8.00`, `０８：００` work too",
        convert=_time_of_day,
    )
    timezone: str = setting(
        "Asia/Shanghai", "Time zone for chats that have not chosen their own (/timezone)", convert=_zone_name
    )
    top_n: int = setting(8, "Items per digest", minimum=1)
    max_chars: int = setting(120, "Characters of key sentences per item", minimum=10)
    send_empty: bool = setting(
        False, "A scheduled digest of a quiet category sends a short “no news today” line; false sends nothing"
    )
    grace_hours: float = setting(
        6.0, "A digest that fell due while the bot was down is still sent at start-up within this many hours", minimum=0
    )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DeliveryConfig:
    global_per_second: float = setting(30.0, "Telegram's limit: messages per second overall", minimum=0.001)
    private_per_second: float = setting(1.0, "Telegram's limit: messages per second to one private chat", minimum=0.001)
    group_per_minute: float = setting(20.0, "Telegram's limit: messages per minute to one group", minimum=0.001)
    max_attempts: int = setting(
        5, "Attempts at least for a message on timeouts and server errors before it is marked failed", minimum=1
    )
    retry_minutes: float = setting(
        10.0,
        "Timeouts and server errors are retried for at least this long (an outage of the Bot API) before "
        "a message is marked failed",
        minimum=0,
    )
    retry_base_seconds: float = setting(
        2.0, "First backoff after a timeout or server error, in seconds; doubles per attempt up to a minute", minimum=0
    )
    concurrency: int = setting(8, "Messages in flight at once; the rate limits still apply", minimum=1)
    window_seconds: float = setting(
        1.0, "Telegram's rate-limit window in seconds; smaller only to compress time in benchmarks", minimum=0.001
    )
    paid_broadcast: bool = setting(
        False, "Breaking pushes pass `allow_paid_broadcast` and may go at paid_per_second (costs Stars)"
    )
    paid_per_second: float = setting(
        1000.0,
        "Overall rate for paid breaking pushes, messages per second (Telegram allows up to 1000)",
        minimum=0.001,
        convert=_paid_rate,
    )


@dataclass(frozen=True)
class LogConfig:
    level: str = setting("INFO", "Log level of `newsbot run`: DEBUG, INFO, WARNING or ERROR", convert=_log_level)
    file: Path | None = setting(
        None, "Append the log to this file instead of standard error", convert=_optional_path, shown="standard error"
    )


@dataclass(frozen=True)
class WatchConfig:
    max_per_chat: int = setting(20, "Keyword watches (/watch) one chat may keep", minimum=1)
    max_mutes: int = setting(20, "Mute words (/mute) one chat may keep", minimum=1)
    fold_after: int = setting(
        10, "Articles one watch may list in an alert; more are folded into “N more — /latest words”", minimum=1
    )


def _keep_days(doc: str, default: float) -> Any:
    return setting(default, f"{doc}, in days; 0 keeps them forever", minimum=0)


@dataclass(frozen=True)
class RetentionConfig:
    outbox_days: float = _keep_days("Sent, failed and blocked messages are deleted after this long", 30.0)
    alerted_days: float = _keep_days("The record of which articles a chat was alerted to is kept this long", 30.0)
    digest_log_days: float = _keep_days(
        "Where a chat's last digest of a category ended is kept this long after it (the chat left or unsubscribed)",
        90.0,
    )
    broadcasts_days: float = _keep_days(
        "Finished breaking pushes, their messages included (what `/push` checks for repeats), are kept this long",
        90.0,
    )
    ingest_runs_days: float = _keep_days("Ingest run records (/metrics, the dashboard) are kept this long", 90.0)


@dataclass(frozen=True)
class Config:
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    posts: PostsConfig = field(default_factory=PostsConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    delivery: DeliveryConfig = field(default_factory=DeliveryConfig)
    watches: WatchConfig = field(default_factory=WatchConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    log: LogConfig = field(default_factory=LogConfig)
    # category slug → display name, e.g. beifangwang = "北方网新闻"
    categories: dict[str, str] = field(default_factory=dict)
    source: Path | None = None


def sections() -> dict[str, type]:
    """TOML section name → its dataclass, in file order (``[categories]`` is free-form, not here)."""
    hints = get_type_hints(Config)
    return {f.name: hints[f.name] for f in fields(Config) if is_dataclass(hints[f.name])}


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
    """Validate a parsed TOML document; relative paths (defaults included) are relative to ``base_dir``."""
    env = {} if env is None else env
    base_dir = base_dir or Path.cwd()
    known = {*sections(), "categories"}
    for key in raw:
        if key not in known:
            raise ConfigError(f"{key}: unknown section (expected one of {', '.join(sorted(known))})")
    parsed = {name: _parse_section(name, cls, raw.get(name, {}), base_dir, env) for name, cls in sections().items()}
    telegram = parsed["telegram"]
    if telegram.webhook_url and not telegram.secret_token:
        # Without it anyone who finds the URL could post fake updates.
        raise ConfigError(f"telegram.secret_token: required with webhook_url (or set ${WEBHOOK_SECRET_ENV})")
    return Config(**parsed, categories=_parse_categories(raw.get("categories", {})), source=source)


def _parse_section(name: str, cls: type, table: Any, base_dir: Path, env: Mapping[str, str]) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: expected a table")
    settings = fields(cls)
    names = {f.name for f in settings}
    for key in table:
        if key not in names:
            raise ConfigError(f"{name}.{key}: unknown setting")
    hints = get_type_hints(cls)
    values: dict[str, Any] = {}
    for f in settings:
        key = f"{name}.{f.name}"
        value = env.get(f.metadata["env"]) if f.metadata["env"] else None
        if not value and f.name in table:
            value = table[f.name]
        values[f.name] = f.default if value is None else _check(key, value, f, hints[f.name])
        values[f.name] = _resolve_paths(values[f.name], base_dir)
    return cls(**values)


def _check(key: str, value: Any, f: Field[Any], hint: Any) -> Any:
    """One TOML value: its type, then its minimum, then the field's converter."""
    kind: Any = _toml_kind(hint)  # Any: isinstance() against it must not narrow value to object
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ConfigError(f"{key}: expected {_KIND_NAMES[kind]}, got {value!r}")
    minimum = f.metadata["minimum"]
    if minimum is not None and value < minimum:
        raise ConfigError(f"{key}: must be at least {minimum}, got {value!r}")
    convert = f.metadata["convert"]
    if convert is not None:
        return convert(value, key)
    return Path(value) if hint is Path else value


def _toml_kind(hint: Any) -> type:
    """The TOML type a field is written as: tuples as arrays, paths and times as strings."""
    if get_origin(hint) is tuple:
        return list
    if get_origin(hint) in (Union, types.UnionType):
        [inner] = [arg for arg in get_args(hint) if arg is not type(None)]
        return _toml_kind(inner)
    return {Path: str, time: str}.get(hint, hint)


def _resolve_paths(value: Any, base: Path) -> Any:
    if isinstance(value, Path):
        path = value.expanduser()
        return path if path.is_absolute() else base / path
    if isinstance(value, tuple) and value and all(isinstance(v, Path) for v in value):
        return tuple(_resolve_paths(v, base) for v in value)
    return value


def _parse_categories(table: Any) -> dict[str, str]:
    if not isinstance(table, dict):
        raise ConfigError(f"categories: expected a table, got {table!r}")
    for slug, name in table.items():
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"categories.{slug}: display name must be a non-empty string")
    return {str(k): v.strip() for k, v in table.items()}


_KIND_NAMES = {
    str: "a string",
    list: "a list",
    dict: "a table",
    bool: "true or false",
    int: "an integer",
    float: "a number",
}
