"""Entry point of the ``newsbot`` command: the core commands plus the Telegram ones (run, chat)."""

from __future__ import annotations

from digests.cli import cli


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
