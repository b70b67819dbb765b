"""Chat bookkeeping: remember every chat we hear from, follow group upgrades, and notice
when the bot is blocked, kicked or added back."""

from __future__ import annotations

import logging

from telegram import ChatMember, Update
from telegram.constants import ChatType
from telegram.ext import Application, ChatMemberHandler, TypeHandler

from bot.channels import channel_membership
from bot.replies import reschedule
from bot.scripted import answering
from bot.state import NewsContext
from bot.stores.chat_move import move_chat

log = logging.getLogger(__name__)


async def record_chat(update: Update, context: NewsContext) -> None:
    """Runs before every handler: remember the chat; follow a group's upgrade to a supergroup."""
    chat = update.effective_chat
    if chat is None:
        return
    svc = context.bot_data.services
    chats = svc.chats
    message = update.message
    if message is not None and message.migrate_to_chat_id:
        _follow_upgrade(context, chat.id, message.migrate_to_chat_id)
        return
    if message is not None and message.migrate_from_chat_id and chats.get(message.migrate_from_chat_id):
        _follow_upgrade(context, message.migrate_from_chat_id, chat.id)
    title = chat.title if chat.type != ChatType.PRIVATE else None
    user = update.effective_user
    known = chats.ensure(chat.id, chat.type, title, language=user.language_code if user else None)
    answering(known.script)  # everything this update sends is in the chat's script (bot.scripted)


def _follow_upgrade(context: NewsContext, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: everything it owns moves to the new id (the sender, learning it
    first, does the same: bot.delivery.service), python-telegram-bot's chat_data too."""
    move_chat(context.bot_data.services.store.db, old_chat_id, new_chat_id, clock=context.bot_data.services.now)
    context.application.migrate_chat_data(old_chat_id=old_chat_id, new_chat_id=new_chat_id)
    reschedule(context)


async def my_chat_member(update: Update, context: NewsContext) -> None:
    """The bot was blocked/kicked (stop sending) or (re-)added to a group (resume)."""
    change = update.my_chat_member
    if change is None:
        return
    if change.chat.type == ChatType.CHANNEL:
        await channel_membership(change, context)
        return
    chats = context.bot_data.services.chats
    status = change.new_chat_member.status
    if status in (ChatMember.BANNED, ChatMember.LEFT):
        reason = "blocked" if change.chat.type == ChatType.PRIVATE else status
        chats.deactivate(change.chat.id, reason)
        log.info("chat %s deactivated: %s", change.chat.id, reason)
    elif status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR):
        chats.reactivate(change.chat.id)
    reschedule(context)


def register(application: Application) -> None:
    """Bookkeeping runs in group -1, before any command handler."""
    application.add_handler(TypeHandler(Update, record_chat), group=-1)
    application.add_handler(ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
