"""Keyword watches and mute words: /watch, /unwatch, /mute, /unmute.

Listing is open to anyone in the chat; changing needs a group admin in groups (as for
subscriptions). The words are checked by the core (:func:`digests.watching.check_words`)
and stored by :class:`bot.stores.watchlist.Watchlist`; alerts are sent by bot.delivery.alerter.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import texts
from bot.arguments import is_all
from bot.replies import send, setting_argument
from bot.state import NewsContext, Services
from digests.watching import BROAD_SAMPLE, check_words, too_broad

WATCHES, MUTES = "watches", "mutes"


def _limit(svc: Services, table: str) -> int:
    return svc.config.watches.max_per_chat if table == WATCHES else svc.config.watches.max_mutes


def _shower(table: str) -> Callable[[Services, int], str]:
    """The chat's words of ``table``, listed (what the command shows without an argument)."""
    return lambda svc, chat_id: texts.words_list(table, svc.watchlist.words(table, chat_id), _limit(svc, table))


async def _add(update: Update, context: NewsContext, table: str) -> None:
    raw = await setting_argument(update, context, _shower(table))
    if raw is None:
        return
    svc = context.bot_data.services
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    limit = _limit(svc, table)
    problem = check_words(raw)
    if problem is not None:
        reply = texts.words_too_long(problem.limit) if problem.reason == "too_long" else texts.WORDS_EMPTY
        await send(update, context, f"{reply}\n{texts.WORD_TEXTS[table].usage}")
        return
    outcome = svc.watchlist.add(table, chat_id, raw, limit=limit)
    count = limit if outcome == "full" else svc.watchlist.count(table, chat_id)
    reply = texts.words_changed(table, outcome, raw, count)
    # Accepted, with a warning: one character can be a real keyword (冀, 豫), so it is not refused;
    # the reader learns what it will do (alert on nearly every article, or hide nearly all of them).
    if outcome == "added" and (broad := too_broad(raw, svc.store.latest(None, BROAD_SAMPLE))) is not None:
        reply += "\n" + texts.words_broad(table, raw, broad.hits, broad.sample)
    await send(update, context, reply)


async def _remove(update: Update, context: NewsContext, table: str) -> None:
    raw = await setting_argument(update, context, _shower(table))
    if raw is None:
        return
    svc = context.bot_data.services
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if is_all(raw):
        count = svc.watchlist.clear(table, chat_id)
        await send(update, context, texts.words_changed(table, "cleared", count=count))
        return
    if svc.watchlist.remove(table, chat_id, raw):
        await send(update, context, texts.words_changed(table, "removed", raw))
        return
    reply = texts.words_changed(table, "absent", raw)
    current = svc.watchlist.words(table, chat_id)
    if current:
        reply += "\n" + texts.words_list(table, current, _limit(svc, table))
    await send(update, context, reply)


async def watch_command(update: Update, context: NewsContext) -> None:
    await _add(update, context, WATCHES)


async def unwatch_command(update: Update, context: NewsContext) -> None:
    await _remove(update, context, WATCHES)


async def mute_command(update: Update, context: NewsContext) -> None:
    await _add(update, context, MUTES)


async def unmute_command(update: Update, context: NewsContext) -> None:
    await _remove(update, context, MUTES)


COMMANDS = {"watch": watch_command, "unwatch": unwatch_command, "mute": mute_command, "unmute": unmute_command}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
