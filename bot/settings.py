"""/settime and /timezone: when this chat gets its daily digest; /script: in which script it reads.

No argument shows the current value (anyone may look); changing it needs a group admin.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot import script_texts, texts
from bot.arguments import is_default, resolve_timezone
from bot.replies import reschedule, send, setting_argument
from bot.scripted import answering
from bot.state import NewsContext, Services
from digests.config_values import parse_time_of_day
from digests.hanzi import DEFAULT_SCRIPT, parse_script


def _show_time(svc: Services, chat_id: int) -> str:
    return f"{texts.schedule_line(svc.chats.schedule(chat_id))}\n{texts.SETTIME_USAGE}"


def _show_timezone(svc: Services, chat_id: int) -> str:
    zone = svc.chats.schedule(chat_id).zone
    return texts.current_timezone(zone, _local_hhmm(svc, zone))


def _local_hhmm(svc: Services, zone: str) -> str:
    return svc.now().astimezone(ZoneInfo(zone)).strftime("%H:%M")


async def settime_command(update: Update, context: NewsContext) -> None:
    raw = await setting_argument(update, context, _show_time)
    if raw is None:
        return
    svc = context.bot_data.services
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if is_default(raw):
        svc.chats.set_time(chat_id, None)
    else:
        at = parse_time_of_day(raw)
        if at is None:
            await send(update, context, texts.bad_time(raw))
            return
        svc.chats.set_time(chat_id, at)
    reschedule(context)
    await send(update, context, texts.time_set(svc.chats.schedule(chat_id)))


async def timezone_command(update: Update, context: NewsContext) -> None:
    raw = await setting_argument(update, context, _show_timezone)
    if raw is None:
        return
    svc = context.bot_data.services
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if is_default(raw):
        svc.chats.set_timezone(chat_id, None)
    else:
        name, suggestions = resolve_timezone(raw)
        if name is None:
            await send(update, context, texts.unknown_timezone(raw, suggestions))
            return
        svc.chats.set_timezone(chat_id, name)
    reschedule(context)
    schedule = svc.chats.schedule(chat_id)
    await send(update, context, texts.timezone_set(schedule, _local_hhmm(svc, schedule.zone)))


def _show_script(svc: Services, chat_id: int) -> str:
    known = svc.chats.get(chat_id)
    return script_texts.current_script(known.script if known else DEFAULT_SCRIPT)


async def script_command(update: Update, context: NewsContext) -> None:
    raw = await setting_argument(update, context, _show_script)
    if raw is None:
        return
    code = parse_script(raw)
    if code is None:
        await send(update, context, script_texts.unknown_script(raw))
        return
    context.bot_data.services.chats.set_script(update.effective_chat.id, code)  # type: ignore[union-attr]
    answering(code)  # the confirmation already in the new script
    await send(update, context, script_texts.script_set(code))


COMMANDS = {"settime": settime_command, "timezone": timezone_command, "script": script_command}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
