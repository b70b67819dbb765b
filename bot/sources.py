"""/source add|list|remove: feed sources from chat (admins only).

A source is checked when it is added: fetched and parsed once (bot.delivery.source_polling), and only a
source that works is kept; the reply says what is wrong otherwise (not a feed, HTTP 404, TLS,
timeout, too large, a refused private address). Sources from the config file are listed but
removed only from the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import source_texts
from bot.arguments import resolve_category
from bot.replies import admin_only, dispatch, send
from bot.state import NewsContext
from digests.config_values import CATEGORY_SLUG
from digests.feeds.state import SourceRow, SourceTable

_ADD, _LIST, _REMOVE = {"add", "添加"}, {"list", "ls", "列表"}, {"remove", "rm", "del", "删除"}
_FULL_TEXT = {"全文", "fulltext", "full_text"}  # a last word asking for each entry's page
_URL = re.compile(r"https?://\S{1,2000}", re.I)


async def _add(update: Update, context: NewsContext, args: Sequence[str]) -> None:
    svc = context.bot_data.services
    delivery = context.bot_data.delivery
    if len(args) < 2:
        await send(update, context, source_texts.SOURCE_USAGE)
        return
    rest = list(args[2:])
    full_text = bool(rest) and rest[-1].casefold() in _FULL_TEXT
    if full_text:
        rest.pop()
    url, wanted, name = args[0], args[1], " ".join(rest).strip()[:100]
    if not _URL.fullmatch(url):
        await send(update, context, source_texts.BAD_URL)
        return
    known = resolve_category(wanted, svc.categories())
    category = known.slug if known is not None else wanted
    if not CATEGORY_SLUG.fullmatch(category):
        await send(update, context, source_texts.BAD_CATEGORY)
        return
    if SourceTable(svc.store.db.conn).get(url) is not None:
        await send(update, context, source_texts.already(url))
        return
    if delivery is None:
        await send(update, context, "源需要正在运行的机器人（newsbot run）才能读取。")
        return
    user = update.effective_user
    row = SourceRow(url, name, category, None, full_text, "chat", added_by=user.id if user else None)
    outcome = await delivery.sources.check_and_add(row)
    if outcome.result == "failed":
        await send(update, context, source_texts.add_failed(url, outcome))
        return
    await send(update, context, source_texts.added(row.label, category, outcome))


async def _list(update: Update, context: NewsContext, args: Sequence[str] = ()) -> None:
    svc = context.bot_data.services
    rows = SourceTable(svc.store.db.conn).all()
    if not rows:
        await send(update, context, source_texts.NO_SOURCES)
        return
    tz = svc.config.digest.tz
    await send(
        update, context, "\n".join([source_texts.SOURCES_HEADER, *(source_texts.source_line(r, tz) for r in rows)])
    )


async def _remove(update: Update, context: NewsContext, args: Sequence[str]) -> None:
    svc = context.bot_data.services
    if not args:
        await send(update, context, source_texts.SOURCE_USAGE)
        return
    what = " ".join(args).strip()
    table = SourceTable(svc.store.db.conn)
    row = table.find(what)
    if row is None:
        await send(update, context, source_texts.unknown(what))
    elif row.origin == "config":
        await send(update, context, source_texts.from_config(row))
    else:
        table.remove(row.url)
        await send(update, context, source_texts.removed(row))


@admin_only
async def source_command(update: Update, context: NewsContext) -> None:
    await dispatch(update, context, [(_ADD, _add), (_REMOVE, _remove), (_LIST, _list)], source_texts.SOURCE_USAGE)


COMMANDS = {"source": source_command}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
