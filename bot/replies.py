"""Shared reply helpers: split our HTML into Telegram-sized messages, send them, and the
permission checks every settings and admin command starts with."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import ChatMember, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from bot import texts
from bot.arguments import suggest_categories
from bot.state import NewsContext, Services
from bot.stores.chats import is_group
from digests.render import TELEGRAM_LIMIT, pack, utf16_len

log = logging.getLogger(__name__)

Handler = Callable[[Update, NewsContext], Coroutine[Any, Any, None]]
Subcommand = Callable[[Update, NewsContext, Sequence[str]], Coroutine[Any, Any, None]]


def fit(text: str) -> list[str]:
    """Split our own HTML text at line breaks into messages of ≤ 4096 UTF-16 units."""
    if utf16_len(text) <= TELEGRAM_LIMIT:
        return [text]
    lines = []
    for line in text.split("\n"):
        if utf16_len(line) > TELEGRAM_LIMIT:  # never happens with our texts; keep it valid anyway
            plain = texts.esc(re.sub(r"<[^>]+>", "", line))
            line = plain[: TELEGRAM_LIMIT // 2]
            line = line[: line.rfind("&")] if line.rfind("&") > line.rfind(";") else line
        lines.append(line)
    return pack(lines, separator="\n")


async def send(
    update: Update,
    context: NewsContext,
    messages: str | Sequence[str],
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send HTML message(s) to the update's chat; the keyboard goes on the last one."""
    chat = update.effective_chat
    if chat is None:
        return None
    chunks = [part for text in ([messages] if isinstance(messages, str) else messages) for part in fit(text)]
    sent = None
    for i, text in enumerate(chunks):
        markup = reply_markup if i == len(chunks) - 1 else None
        sent = await context.bot.send_message(chat.id, text, reply_markup=markup)
    return sent


def reschedule(context: NewsContext) -> None:
    """Tell the delivery side a chat's schedule or subscriptions changed."""
    try:
        context.bot_data.reschedule()
    except Exception:
        # The setting is saved; the periodic checks catch up on their own.
        log.exception("re-syncing the digest jobs failed")


def unknown_lines(svc: Services, unknown: Sequence[str]) -> list[str]:
    """One line per unknown category name, with the closest names as suggestions."""
    cats = svc.categories()
    return [texts.unknown_category(name, suggest_categories(name, cats)) for name in unknown[:5]]


# --- permissions ----------------------------------------------------------------------------------


async def may_configure(update: Update, context: NewsContext) -> str | None:
    """None if the sender may change this chat's settings, else the refusal text.

    Private chats: always.  Groups: only the group's administrators (or the
    group itself posting anonymously).
    """
    chat = update.effective_chat
    if chat is None or not is_group(chat.type, chat.id):
        return None
    message = update.effective_message
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return None  # an anonymous group admin
    user = update.effective_user
    if user is None:
        return texts.GROUP_ADMIN_ONLY
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        log.warning("getChatMember(%s, %s) failed: %s", chat.id, user.id, exc)
        return texts.GROUP_ADMIN_UNKNOWN
    if member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER):
        return None
    return texts.GROUP_ADMIN_ONLY


def configuring(func: Handler) -> Handler:
    """Refuse a settings command politely when the sender may not change this chat."""

    @functools.wraps(func)
    async def wrapper(update: Update, context: NewsContext) -> None:
        refusal = await may_configure(update, context)
        if refusal:
            await send(update, context, refusal)
            return
        await func(update, context)

    return wrapper


async def setting_argument(update: Update, context: NewsContext, show: Callable[[Services, int], str]) -> str | None:
    """The argument of a command that shows a chat setting bare and changes it with an argument;
    None when the reply is already sent (the current value, for anyone, or a group's refusal)."""
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    if not args:
        await send(update, context, show(svc, chat.id))
        return None
    refusal = await may_configure(update, context)
    if refusal:
        await send(update, context, refusal)
        return None
    return " ".join(args)


def admin_only(func: Handler) -> Handler:
    """Only the user ids in ``telegram.admins``; anyone else is refused and the attempt logged."""

    @functools.wraps(func)
    async def wrapper(update: Update, context: NewsContext) -> None:
        user = update.effective_user
        if not context.bot_data.services.is_admin(user.id if user else None):
            message = update.message
            if update.callback_query is not None:
                command = f"button {update.callback_query.data}"
            else:
                command = message.text.split()[0] if message and message.text else func.__name__
            log.warning("refused admin command %s from user %s", command, user.id if user else None)
            if update.callback_query is not None:
                await update.callback_query.answer(texts.NOT_ADMIN, show_alert=True)
            else:
                await send(update, context, texts.NOT_ADMIN)
            return
        await func(update, context)

    return wrapper


async def dispatch(
    update: Update, context: NewsContext, actions: Sequence[tuple[set[str], Subcommand]], usage: str
) -> None:
    """``/cmd add …``, ``/cmd list``: the first word (any of its aliases) picks the action, which gets
    the words after it; anything else gets the usage."""
    args = context.args or []
    word = args[0].casefold() if args else ""
    for names, action in actions:
        if word in names:
            await action(update, context, args[1:])
            return
    await send(update, context, usage)
