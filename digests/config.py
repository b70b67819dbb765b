"""Configuration: a TOML file, validated into dataclasses, with secrets from the environment.

The section dataclasses are the one place each setting is written: a field's
default, its doc line and how it is checked (minimum, converter) live in its
``setting(...)``; the checks themselves are in :mod:`digests.config_values`.
:mod:`digests.config_file` finds and reads the file, generic over these fields;
with no file the defaults below apply (bundled sample posts, ``newsbot.db`` in
the current directory, no Telegram token → local chat console).  The README's
configuration table and ``config.example.toml`` are checked against them by
``tests/test_docs.py``.

This module owns the Telegram settings too (``[telegram]``: token, Bot API
server, admins, polling).  They are plain data, so the core reads and checks
them without importing ``telegram``; only ``bot/`` talks to Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import time
from pathlib import Path
from typing import Any, Literal, get_type_hints
from zoneinfo import ZoneInfo

from digests import config_values as values
from digests.clock import NEWS_ZONE
from digests.config_values import FeedSource, setting

SAMPLE_POSTS_DIR = Path(__file__).parent / "sample_posts"
DEFAULT_BASE_URL = "https://api.telegram.org/bot"
TOKEN_ENV = "NEWSBOT_TELEGRAM_TOKEN"
WEBHOOK_SECRET_ENV = "NEWSBOT_WEBHOOK_SECRET"
CONFIG_ENV = "NEWSBOT_CONFIG"


@dataclass(frozen=True)
class TelegramConfig:
    token: str | None = setting(
        None,
        f"Bot token from @BotFather; `{TOKEN_ENV}` overrides it. Without one, `newsbot run` starts the chat console",
        convert=values.optional_text,
        env=TOKEN_ENV,
        shown="none",
    )
    base_url: str = setting(
        DEFAULT_BASE_URL,
        "Bot API server; point it at a self-hosted Bot API server if you run one",
        convert=values.http_url,
    )
    admins: tuple[int, ...] = setting(
        (), "Telegram user ids allowed to use /push, /stats and /ingest", convert=values.user_ids
    )
    poll_timeout: float = setting(10.0, "Long-polling timeout for getUpdates, in seconds", minimum=0)
    webhook_url: str | None = setting(
        None,
        "Public HTTPS URL Telegram posts updates to (webhook mode); its path is the webhook route, its origin "
        "the base of dashboard links. Unset: long polling",
        convert=values.optional_https_url,
        shown="none",
    )
    listen: str = setting("127.0.0.1", "Address the web server (webhook, /healthz, /metrics, dashboard) binds to")
    port: int = setting(8080, "Port of that web server", convert=values.port)
    secret_token: str | None = setting(
        None,
        f"Secret Telegram sends with every webhook request (required with webhook_url); `{WEBHOOK_SECRET_ENV}` "
        "overrides it. Also signs dashboard links",
        convert=values.secret_token,
        env=WEBHOOK_SECRET_ENV,
        shown="none",
    )

    @property
    def mode(self) -> Literal["console", "polling", "webhook"]:
        """How the bot meets Telegram, decided here once: no token, the chat console; a webhook URL,
        webhook mode; else long polling."""
        if not self.token:
            return "console"
        return "webhook" if self.webhook_url else "polling"


@dataclass(frozen=True)
class StoreConfig:
    path: Path = setting(Path("newsbot.db"), "SQLite file holding articles, chats, subscriptions and the outbox")


@dataclass(frozen=True)
class PostsConfig:
    dirs: tuple[Path, ...] = setting(
        (SAMPLE_POSTS_DIR,),
        "Folders of Jekyll-style posts, searched recursively",
        convert=values.path_strings,
        shown="the bundled sample posts",
    )
    rescan_minutes: float = setting(10.0, "How often the running bot rescans the folders, in minutes", minimum=0)
    timezone: str | None = setting(
        None,
        "Time zone of post dates written without an offset; unset: digest.timezone",
        convert=values.optional_zone_name,
        shown="digest.timezone",
    )


# An item's room for its text: a lede whole and its next fact. Tried at 200 on four real days, blind
# judges found as many missing facts and more padding (an analyst's aside, 骂街模式): docs/benchmarks.md.
ITEM_CHARS = 160


@dataclass(frozen=True)
class DigestConfig:
    time: time = setting(
        time(8, 0),
        "Daily digest time for chats that have not chosen their own (/settime); `8:00`, `8.00`, `０８：００` work too",
        convert=values.time_of_day,
    )
    timezone: str = setting(
        NEWS_ZONE.key, "Time zone for chats that have not chosen their own (/timezone)", convert=values.zone_name
    )
    top_n: int = setting(8, "Items per digest", minimum=1)
    max_chars: int = setting(ITEM_CHARS, "Characters of key sentences per item", minimum=10)
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
        convert=values.paid_rate,
    )


@dataclass(frozen=True)
class LogConfig:
    level: str = setting("INFO", "Log level of `newsbot run`: DEBUG, INFO, WARNING or ERROR", convert=values.log_level)
    file: Path | None = setting(
        None,
        "Append the log to this file instead of standard error",
        convert=values.optional_path,
        shown="standard error",
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
class SourcesConfig:
    allow_private: bool = setting(
        False, "Allow feeds on private, loopback and link-local addresses (a feed on this machine or your LAN)"
    )
    interval_minutes: float = setting(
        30.0, "How often each feed is polled unless it sets its own, in minutes", minimum=1
    )
    timeout_seconds: float = setting(20.0, "Time limit of one feed or page request, in seconds", minimum=1)
    max_feed_mb: float = setting(
        10.0, "A feed larger than this is cut at it (the entries read so far are kept)", minimum=0.01
    )
    max_page_mb: float = setting(50.0, "Pages fetched for full_text larger than this are cut at it", minimum=0.01)
    max_entries: int = setting(
        10000, "Entries read from one feed; the rest are left out and the state says so", minimum=1
    )
    per_host: int = setting(2, "Requests to one host at a time", minimum=1)
    concurrency: int = setting(20, "Requests in flight at once over all sources", minimum=1)
    max_redirects: int = setting(5, "Redirects followed per request (each one checked like the first)", minimum=0)
    feeds: tuple[FeedSource, ...] = setting(
        (),
        "Feeds to poll, one `[[sources.feeds]]` table each: `url`, `category`, optional `name`, "
        "`interval_minutes`, `full_text`",
        convert=values.feed_sources,
        shown="none",
    )


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
    sources: SourcesConfig = field(default_factory=SourcesConfig)
    # category slug → display name, e.g. beifangwang = "北方网新闻"
    categories: dict[str, str] = field(default_factory=dict)
    source: Path | None = None

    @property
    def posts_tz(self) -> ZoneInfo:
        """The zone a post's date without an offset is read in (posts.timezone), which files written
        before it existed left to digest.timezone — the chats' default zone, a different thing."""
        return ZoneInfo(self.posts.timezone or self.digest.timezone)


def sections() -> dict[str, type]:
    """TOML section name → its dataclass, in file order (``[categories]`` is free-form, not here)."""
    hints = get_type_hints(Config)
    return {f.name: hints[f.name] for f in fields(Config) if is_dataclass(hints[f.name])}
