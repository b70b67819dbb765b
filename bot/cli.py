"""Entry point of the ``newsbot`` command: the core commands plus the Telegram ones (run, chat)."""

from __future__ import annotations

import sys

from digests.config import Config
from digests.config_values import ConfigError
from digests.core_cli import Context, cli, common_options


def _check_posts_dirs(config: Config) -> None:
    """A misspelled posts.dirs stops the console as it stops the Telegram bot: one line, status 1
    (a console over an empty folder list would only show "无法解析 1" and no news)."""
    from bot.runner import EXIT_CONFIG, check_posts_dirs

    try:
        check_posts_dirs(config)
    except ConfigError as exc:
        print(f"newsbot: configuration: {exc}", file=sys.stderr)
        sys.exit(EXIT_CONFIG)


@cli.command()
@common_options
def chat(ctx: Context) -> None:
    """Chat with the bot in this terminal: same commands as on Telegram, no token or network.

    Ingests posts.dirs first (the bundled samples by default).  Reads stdin, so
    `printf '/latest 京津冀\\n' | newsbot chat` works too.
    """
    from bot.console import run_console

    _check_posts_dirs(ctx.config)
    sys.exit(run_console(ctx.config))


@cli.command()
@common_options
def run(ctx: Context) -> None:
    """Run the Telegram bot: long polling, scheduled digests and breaking pushes.

    Takes a lock on the database (a second `newsbot run` on it refuses to start),
    ingests posts.dirs, then serves until Ctrl-C.  With no token configured it
    starts the local chat console instead.
    """
    from bot.runner import run as run_bot

    _check_posts_dirs(ctx.config)
    sys.exit(run_bot(ctx.config))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
