"""Channels: /channel add|list|remove (admins, in a private chat), the bot's membership in
bound channels, and commands posted inside channels (ignored).

Before binding, the bot asks Telegram (getChat, getChatMember) whether it may post there and
says plainly what is missing. The binding itself lives in :mod:`bot.stores.channel_bindings`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time

from telegram import ChatMember, ChatMemberAdministrator, ChatMemberUpdated, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot import admin_texts, script_texts
from bot.arguments import resolve_categories, resolve_timezone
from bot.delivery.gone import report_gone
from bot.replies import admin_only, dispatch, reschedule, send, unknown_lines
from bot.state import NewsContext
from digests.config_values import parse_time_of_day
from digests.hanzi import parse_script
from digests.records import Category

log = logging.getLogger(__name__)

_LINK = re.compile(r"(?:https?://)?(?:t\.me|telegram\.me)/([A-Za-z0-9_]{4,32})/?", re.I)
_ADD, _LIST, _REMOVE = {"add", "bind", "绑定", "添加"}, {"list", "ls", "列表"}, {"remove", "rm", "del", "解除", "删除"}


def channel_ref(raw: str) -> str | int | None:
    """What getChat takes: "@name" (also from a t.me link or a bare name) or a -100… id."""
    raw = raw.strip()
    link = _LINK.fullmatch(raw)
    if link:
        return "@" + link.group(1)
    if re.fullmatch(r"-100\d{5,16}", raw):
        return int(raw)
    name = raw[1:] if raw.startswith("@") else raw
    return "@" + name if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", name) else None


@dataclass
class AddArgs:
    categories: list[Category] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    at: time | None = None
    zone: str | None = None
    script: str | None = None


def parse_add_args(args: Sequence[str], categories: Sequence[Category]) -> AddArgs:
    """Categories, an optional HH:MM, an optional Area/City zone and an optional script (简 繁 港 台),
    in any order."""
    out = AddArgs()
    rest = []
    for arg in args:
        at = parse_time_of_day(arg)
        zone = resolve_timezone(arg)[0] if "/" in arg else None
        script = parse_script(arg)
        if at is not None:
            out.at = at
        elif zone is not None:
            out.zone = zone
        elif script is not None:
            out.script = script
        else:
            rest.append(arg)
    if rest:
        named = resolve_categories(rest, categories)
        out.categories, out.unknown = named.found, named.unknown
    return out


async def _check_postable(context: NewsContext, ref: str | int) -> tuple[int, str, str | None] | str:
    """(chat id, title, username) if the bot may post in the channel, else the reply saying what is missing."""
    shown = str(ref)
    try:
        chat = await context.bot.get_chat(ref)
    except (BadRequest, Forbidden):
        return admin_texts.channel_not_found(shown)
    except TelegramError as exc:
        log.warning("getChat(%s) failed: %s", ref, exc)
        return admin_texts.channel_check_failed(shown)
    if chat.type != ChatType.CHANNEL:
        return admin_texts.channel_not_a_channel(shown, chat.type)
    title = chat.title or shown
    try:
        member = await context.bot.get_chat_member(chat.id, context.bot.id)
    except (BadRequest, Forbidden):
        return admin_texts.channel_bot_missing(title, ChatMember.LEFT)
    except TelegramError as exc:
        log.warning("getChatMember(%s, bot) failed: %s", chat.id, exc)
        return admin_texts.channel_check_failed(shown)
    if member.status not in (ChatMember.ADMINISTRATOR, ChatMember.OWNER):
        return admin_texts.channel_bot_missing(title, member.status)
    if isinstance(member, ChatMemberAdministrator) and member.can_post_messages is False:
        return admin_texts.channel_cannot_post(title)
    return chat.id, title, chat.username


async def _add(update: Update, context: NewsContext, args: Sequence[str]) -> None:
    svc = context.bot_data.services
    ref = channel_ref(args[0]) if args else None
    if ref is None:
        await send(update, context, admin_texts.channel_not_found(args[0]) if args else admin_texts.CHANNEL_USAGE)
        return
    parsed = parse_add_args(args[1:], svc.categories())
    if parsed.unknown:
        await send(update, context, "\n".join(unknown_lines(svc, parsed.unknown)))
        return
    if not parsed.categories:
        await send(update, context, admin_texts.CHANNEL_NEEDS_CATEGORY)
        return
    checked = await _check_postable(context, ref)
    if isinstance(checked, str):
        await send(update, context, checked)
        return
    chat_id, title, username = checked
    user = update.effective_user
    bound = svc.channels.bind(
        chat_id,
        title=title,
        username=username,
        added_by=user.id if user else None,
        categories=[c.slug for c in parsed.categories],
        at=parsed.at,
        zone=parsed.zone,
        script=parsed.script,
    )
    reschedule(context)
    shown = admin_texts.channel_added(bound.title, parsed.categories, bound.schedule)
    await send(update, context, shown + script_texts.channel_script(bound.script))


async def _remove(update: Update, context: NewsContext, args: Sequence[str]) -> None:
    svc = context.bot_data.services
    if not args:
        await send(update, context, admin_texts.CHANNEL_USAGE)
        return
    bound = svc.channels.find(args[0])
    ref = channel_ref(args[0])
    if bound is None and ref is not None:
        # Renamed since it was bound: Telegram knows the new @name, we know the id.
        try:
            chat = await context.bot.get_chat(ref)
            bound = svc.channels.get(chat.id)
        except TelegramError:
            bound = None
    if bound is None:
        await send(update, context, admin_texts.channel_unknown(args[0]))
        return
    svc.channels.unbind(bound.chat_id)
    reschedule(context)
    await send(update, context, admin_texts.channel_removed(bound.title))


async def _list(update: Update, context: NewsContext, args: Sequence[str] = ()) -> None:
    svc = context.bot_data.services
    bound = svc.channels.all()
    if not bound:
        await send(update, context, admin_texts.NO_CHANNELS)
        return
    lines = [admin_texts.CHANNELS_HEADER]
    for b in bound:
        names = [svc.display_name(slug) for slug in b.categories]
        lines.append(admin_texts.channel_line(b.title, b.username, b.chat_id, names, b.schedule, b.active, b.script))
    await send(update, context, "\n".join(lines))


@admin_only
async def channel_command(update: Update, context: NewsContext) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        await send(update, context, admin_texts.CHANNEL_PRIVATE_ONLY)
        return
    await dispatch(update, context, [(_ADD, _add), (_REMOVE, _remove), (_LIST, _list)], admin_texts.CHANNEL_USAGE)


async def channel_membership(change: ChatMemberUpdated, context: NewsContext) -> None:
    """The bot's rights in a channel changed: a bound channel stops (reported once) or resumes."""
    svc = context.bot_data.services
    member = change.new_chat_member
    chat_id = change.chat.id
    can_post = member.status == ChatMember.OWNER or (
        isinstance(member, ChatMemberAdministrator) and member.can_post_messages is not False
    )
    if can_post:
        svc.channels.back(chat_id)
    else:
        reason = (
            "removed from the channel" if member.status in (ChatMember.LEFT, ChatMember.BANNED) else "no admin rights"
        )
        svc.chats.deactivate(chat_id, reason)
        if report_gone(svc.channels, svc.outbox, svc.config.telegram.admins, chat_id, reason):
            context.bot_data.wake_sender()
    reschedule(context)


async def channel_post(update: Update, context: NewsContext) -> None:
    """A command posted in a channel: channels are managed from a private chat; never answer in one."""
    chat = update.effective_chat
    log.info("ignoring a command posted in channel %s", chat.id if chat else None)


COMMANDS = {"channel": channel_command}


def register(application: Application) -> None:
    # First: a command posted in a channel must not reach the command handlers or "unknown command".
    application.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POSTS & filters.COMMAND, channel_post))
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
