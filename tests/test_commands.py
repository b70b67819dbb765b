"""One list of chat commands: what the bot answers, /help, the command menu and the README agree."""

from __future__ import annotations

import re

from telegram import BotCommandScopeChat
from telegram.ext import CommandHandler

from bot import texts
from bot.application import COMMAND_MODULES
from tests.helpers import ADMIN, REPO, USER, BotHarness

READER = [name for name, _, _ in texts.READER_COMMANDS]
ADMIN_ONLY = [name for name, _, _ in texts.ADMIN_COMMANDS]


def _handled(app: object) -> set[str]:
    return {
        name
        for handlers in app.handlers.values()  # type: ignore[attr-defined]
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }


def _help_commands(text: str) -> list[str]:
    return re.findall(r"^/(\w+) — ", text, flags=re.MULTILINE)


async def test_every_listed_command_is_handled_and_every_handled_command_is_listed(bot: BotHarness) -> None:
    assert _handled(bot.app) == set(READER) | set(ADMIN_ONLY)
    assert {name for module in COMMAND_MODULES for name in module.COMMANDS} == set(READER) | set(ADMIN_ONLY)


async def test_help_lists_reader_commands_and_admin_commands_only_for_admins(bot: BotHarness) -> None:
    [reader_help] = await bot.ask(USER, "/help")
    assert _help_commands(reader_help.plain_text) == READER
    [admin_help] = await bot.ask(ADMIN, "/help")
    assert _help_commands(admin_help.plain_text) == READER + ADMIN_ONLY


async def test_command_menu_matches_help_for_readers_and_admins(bot: BotHarness) -> None:
    menu = await bot.app.bot.get_my_commands()
    assert [c.command for c in menu] == READER
    admin_menu = await bot.app.bot.get_my_commands(scope=BotCommandScopeChat(ADMIN))
    assert [c.command for c in admin_menu] == READER + ADMIN_ONLY


def test_readme_documents_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    readme = readme.split("\n## Chat commands", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `/(\w+)", readme, flags=re.MULTILINE))
    assert documented == set(READER) | set(ADMIN_ONLY)
