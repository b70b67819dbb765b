"""`newsbot run`: one bot process — lock the database, ingest, take updates, deliver.

Updates come by long polling, or by webhook when ``telegram.webhook_url`` is set (bot.web:
one web server for the webhook, /healthz, /metrics and the dashboard). Both modes share the
lock, the delivery pipeline and the exit statuses. Without a Telegram token it runs the local
chat console instead, so the same command works out of the box.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import sys
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TimedOut

from bot.instance_lock import AlreadyRunning, InstanceLock
from bot.state import NewsContext

if TYPE_CHECKING:
    from digests.ingest import IngestReport
    from digests.store import Store
from digests.clock import utc_now
from digests.config import Config, LogConfig
from digests.config_values import ConfigError
from digests.schema import SchemaTooNew

log = logging.getLogger(__name__)

EXIT_ALREADY_RUNNING = 3
EXIT_CONFLICT = 4
EXIT_CONFIG = 1  # a setting is wrong (the message names it), as for every other command
EXIT_TELEGRAM = 5  # the Bot API server is unreachable or refuses the token
EXIT_STORAGE = 6  # the database (or its folder) cannot be opened or written
EXIT_LISTEN = 7  # webhook mode: the web server cannot listen on telegram.listen:port
CONFLICT_MESSAGE = (
    "newsbot: Telegram reports another bot process polling with this token (409 Conflict); "
    "stopping so that only one of them sends"
)


def run(config: Config) -> int:
    """Run the bot until stopped (SIGINT/SIGTERM); returns the process exit code."""
    if config.telegram.mode == "console":
        from bot.console import run_console

        print("newsbot: no Telegram token configured; starting the local chat console", file=sys.stderr)
        return int(run_console(config) or 0)
    setup_logging(config.log)
    try:
        check_posts_dirs(config)
    except ConfigError as exc:
        print(f"newsbot: configuration: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    lock = InstanceLock(config.store.path)
    try:
        lock.acquire()
    except AlreadyRunning as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    except OSError as exc:
        print(f"newsbot: cannot use the database {lock.database}: {_reason(exc)} (store.path)", file=sys.stderr)
        return EXIT_STORAGE
    try:
        return _run_locked(config)
    finally:
        lock.release()


def check_posts_dirs(config: Config) -> None:
    """Every posts folder must exist: a typo would otherwise start a bot with no news."""
    for folder in config.posts.dirs:
        if not folder.is_dir():
            what = "not a folder" if folder.exists() else "folder not found"
            raise ConfigError(f"posts.dirs: {what}: {folder}")


def _open_store(config: Config) -> Store:
    """Open the database and prove it writable now, not at the first subscriber's /start."""
    from digests.store import Store

    store = Store(config.store.path, display_names=config.categories, clock=utc_now)
    try:
        probe_writable(store.db.conn)
    except BaseException:
        store.close()
        raise
    return store


def probe_writable(conn: sqlite3.Connection) -> None:
    """Write what is there (the schema version): raises at once on a read-only file."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {int(version)}")


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _run_locked(config: Config) -> int:
    from digests.ingest import ingest

    try:
        store = _open_store(config)
    except SchemaTooNew as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return EXIT_STORAGE
    except (sqlite3.Error, OSError) as exc:
        print(f"newsbot: cannot use the database {config.store.path}: {_reason(exc)} (store.path)", file=sys.stderr)
        return EXIT_STORAGE
    try:
        report = ingest(store, config.posts.dirs, tz=config.posts_tz)
    except (sqlite3.Error, OSError) as exc:
        store.close()
        print(f"newsbot: cannot store the posts in {config.store.path}: {_reason(exc)} (store.path)", file=sys.stderr)
        return EXIT_STORAGE
    return _serve(config, store, report)


def _serve(config: Config, store: Store, report: IngestReport) -> int:
    from bot.application import build_application

    log.info("ingested %s: %s", ", ".join(map(str, config.posts.dirs)), report.summary_line())
    for path, reason in report.rejected[:20]:
        log.warning("skipped %s: %s", path, reason)
    application = build_application(config, store)  # delivery (sender + schedules) attached
    outcome = {"exit": 0}

    async def on_error(update: object, context: NewsContext) -> None:
        if isinstance(context.error, Conflict):
            if outcome["exit"] == 0:
                print(CONFLICT_MESSAGE, file=sys.stderr, flush=True)
            outcome["exit"] = EXIT_CONFLICT
            context.application.stop_running()

    application.add_error_handler(on_error)
    log.info("newsbot running (db %s); Ctrl-C to stop", config.store.path)
    try:
        if config.telegram.mode == "webhook":
            from bot.web.run import CannotListen, run_webhook

            try:
                asyncio.run(run_webhook(application))
            except CannotListen as exc:
                print(f"newsbot: {exc} (telegram.listen / telegram.port)", file=sys.stderr)
                return EXIT_LISTEN
            return outcome["exit"]
        application.run_polling(
            timeout=int(config.telegram.poll_timeout),
            allowed_updates=Update.ALL_TYPES,
            close_loop=False,
            bootstrap_retries=2,  # a network blip at start-up is retried before giving up
        )
    except InvalidToken:
        print("newsbot: Telegram rejected the token (telegram.token / $NEWSBOT_TELEGRAM_TOKEN)", file=sys.stderr)
        return EXIT_TELEGRAM
    except (NetworkError, TimedOut) as exc:
        # Start-up (getMe) could not reach the server; once running, PTB retries network errors itself.
        print(f"newsbot: cannot reach the Telegram Bot API at {config.telegram.base_url}: {exc}", file=sys.stderr)
        return EXIT_TELEGRAM
    finally:
        store.close()
    return outcome["exit"]


class _BriefBootstrapErrors(logging.Filter):
    """PTB logs a full traceback when start-up cannot reach the server; run() explains it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "Bootstrap" in record.getMessage():
            record.exc_info = None
            record.exc_text = None
        return True


def setup_logging(config: LogConfig) -> None:
    """One line per event, to ``log.file`` or standard error, at ``log.level``."""
    handler: logging.Handler = logging.StreamHandler()
    if config.file:
        config.file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(config.file, encoding="utf-8")
    logging.basicConfig(
        level=config.level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=[handler], force=True
    )
    logging.getLogger("telegram.ext").addFilter(_BriefBootstrapErrors())
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per HTTP request otherwise
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)  # start/stop lines; ours say it in one
