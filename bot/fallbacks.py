"""What is left over: unknown commands, stray text in private chats, and errors.

Registered last in group 0, so a real command handler always wins.
"""

from __future__ import annotations

import logging

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.replies import send
from bot.state import NewsContext
from digests.db import is_locked

log = logging.getLogger(__name__)


def _addressed_to_other_bot(message: Message, bot_username: str | None) -> bool:
    entity = next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)
    if entity is None:
        return False
    command = message.parse_entity(entity)
    if "@" not in command:
        return False
    return command.split("@", 1)[1].casefold() != (bot_username or "").casefold()


async def unknown_command(update: Update, context: NewsContext) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        return
    if _addressed_to_other_bot(message, context.bot.username):
        return
    if chat.type != ChatType.PRIVATE and "@" not in message.text.split()[0]:
        return  # in groups, bare commands may be meant for another bot
    await send(update, context, texts.unknown_command(message.text.split()[0]))


async def private_text(update: Update, context: NewsContext) -> None:
    await send(update, context, texts.PRIVATE_HINT)


async def stale_button(update: Update, context: NewsContext) -> None:
    """A button no handler claims (an old keyboard, or hand-made data): say so instead of spinning."""
    query = update.callback_query
    if query is not None:
        log.info("unclaimed callback data %r from user %s", query.data, query.from_user.id)
        await query.answer(texts.STALE_BUTTON, show_alert=True)


BUSY = "数据库正忙（另一个程序正在写入），请稍后再试。"


async def on_error(update: object, context: NewsContext) -> None:
    """Log the failure; tell the user something useful, never a stack trace."""
    if context.error is not None and is_locked(context.error):
        # Another process holds the write lock and the handler gave up waiting (bot.application HANDLER_BUSY_MS)
        # rather than stop every chat: nothing was changed, so "try again" is the whole story.
        log.warning("database locked by another connection; told the chat to try again")
        await _busy(update, context)
        return
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    text = texts.GENERIC_ERROR
    message = update.effective_message
    if update.message is not None and message is not None and message.text and message.text.startswith("/"):
        command = message.text.split()[0][1:].split("@", 1)[0].casefold()
        text = texts.error_with_usage(command)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.GENERIC_ERROR)
        else:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as exc:
        log.warning("could not report the error to chat %s: %s", update.effective_chat.id, exc)


async def _busy(update: object, context: NewsContext) -> None:
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if context.chat_data is not None:
        # One update may fail twice (recording the chat, then the command): one busy answer is enough.
        if context.chat_data.get("busy_update") == update.update_id:
            return
        context.chat_data["busy_update"] = update.update_id
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(BUSY, show_alert=True)
        elif update.effective_chat.type != ChatType.CHANNEL:
            await context.bot.send_message(update.effective_chat.id, BUSY)
    except TelegramError as exc:
        log.warning("could not tell chat %s the database is busy: %s", update.effective_chat.id, exc)


def register(application: Application) -> None:
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, private_text))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_error_handler(on_error)
