"""Keyword watches and mute words: /watch, /unwatch, /mute, /unmute.

Listing is open to anyone in the chat; changing needs a group admin in groups (as for
subscriptions). The words are checked by the core (:func:`digests.watching.check_words`)
and stored by :class:`bot.watchlist.Watchlist`; alerts are sent by bot.delivery.alerts.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import texts
from bot.arguments import is_all
from bot.replies import may_configure, send
from bot.state import NewsContext, Services
from digests.watching import check_words

WATCHES, MUTES = "watches", "mutes"


def _limit(svc: Services, table: str) -> int:
    return svc.config.watches.max_per_chat if table == WATCHES else svc.config.watches.max_mutes


async def _add(update: Update, context: NewsContext, table: str) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    raw = " ".join(context.args or [])
    limit = _limit(svc, table)
    if not raw.strip():
        await send(update, context, texts.words_list(table, svc.watchlist.words(table, chat.id), limit))
        return
    refusal = await may_configure(update, context)
    if refusal:
        await send(update, context, refusal)
        return
    problem = check_words(raw)
    if problem is not None:
        reply = texts.words_too_long(problem.limit) if problem.reason == "too_long" else texts.WORDS_EMPTY
        await send(update, context, f"{reply}\n{texts.WORD_TEXTS[table].usage}")
        return
    outcome = svc.watchlist.add(table, chat.id, raw, limit=limit)
    count = limit if outcome == "full" else svc.watchlist.count(table, chat.id)
    await send(update, context, texts.words_changed(table, outcome, raw, count))


async def _remove(update: Update, context: NewsContext, table: str) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    raw = " ".join(context.args or [])
    current = svc.watchlist.words(table, chat.id)
    if not raw.strip():
        await send(update, context, texts.words_list(table, current, _limit(svc, table)))
        return
    refusal = await may_configure(update, context)
    if refusal:
        await send(update, context, refusal)
        return
    if is_all(raw):
        count = svc.watchlist.clear(table, chat.id)
        await send(update, context, texts.words_changed(table, "cleared", count=count))
        return
    if svc.watchlist.remove(table, chat.id, raw):
        await send(update, context, texts.words_changed(table, "removed", raw))
        return
    reply = texts.words_changed(table, "absent", raw)
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
