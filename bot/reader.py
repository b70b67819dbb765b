"""Reader commands about what a chat receives: /start, /help, /categories, /subscribe,
/unsubscribe (with their ✅/➕ buttons) and /mysubs."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import keyboards, script_texts, texts
from bot.arguments import is_all, resolve_categories
from bot.replies import configuring, may_configure, reschedule, send, unknown_lines
from bot.state import NewsContext, Services
from digests.hanzi import DEFAULT_SCRIPT
from digests.records import Category

log = logging.getLogger(__name__)


def toggle_markup(
    svc: Services, slugs: Sequence[str], chat_id: int, *, view: str | None = None, page: int = 0
) -> InlineKeyboardMarkup:
    """The ✅/➕ keyboard of ``slugs``; with ``view`` ("a": all categories, "s": the chat's own), page
    ``page`` of it when they are more than one page (Telegram refuses a keyboard of over 100 buttons)."""
    nav = keyboards.page_nav(view, page, len(slugs)) if view else []
    if nav:
        slugs = slugs[page * keyboards.PAGE_SIZE : (page + 1) * keyboards.PAGE_SIZE]
    return _keyboard(svc, slugs, chat_id, nav)


def _keyboard(
    svc: Services, slugs: Sequence[str], chat_id: int, nav: Sequence[InlineKeyboardButton]
) -> InlineKeyboardMarkup:
    names = {c.slug: c.display_name for c in svc.categories()}
    for slug in slugs:
        names.setdefault(slug, svc.display_name(slug))
    return keyboards.toggle_keyboard(slugs, names, svc.chats.subscriptions(chat_id), svc.lookups, nav)


def _view_slugs(svc: Services, view: str, chat_id: int) -> list[str]:
    return [c.slug for c in svc.categories()] if view == "a" else svc.chats.subscriptions(chat_id)


async def start(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    came_back = svc.chats.reactivate(chat.id)
    if came_back:
        reschedule(context)
    user = update.effective_user
    known = svc.chats.get(chat.id)
    welcome = texts.welcome(user.first_name if user else None, came_back=came_back)
    welcome += "\n" + script_texts.script_line(known.script if known else DEFAULT_SCRIPT)
    cats = svc.categories()
    if not cats:
        await send(update, context, welcome)
        await send(update, context, texts.NO_CATEGORIES)
        return
    await send(update, context, welcome, toggle_markup(svc, [c.slug for c in cats], chat.id, view="a"))


async def help_command(update: Update, context: NewsContext) -> None:
    user = update.effective_user
    await send(update, context, texts.help_text(context.bot_data.services.is_admin(user.id if user else None)))


async def categories_command(update: Update, context: NewsContext) -> None:
    cats = context.bot_data.services.categories()
    if not cats:
        await send(update, context, texts.NO_CATEGORIES)
        return
    await send(update, context, "\n".join([texts.CATEGORIES_HEADER, *texts.category_lines(cats)]))


@configuring
async def subscribe_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    cats = svc.categories()
    if not cats:
        await send(update, context, texts.NO_CATEGORIES)
        return
    if not args:
        await send(update, context, texts.TOGGLE_HEADER, toggle_markup(svc, [c.slug for c in cats], chat.id, view="a"))
        return
    if len(args) == 1 and is_all(args[0]):
        targets, unknown = cats, []
    else:
        named = resolve_categories(args, cats)
        targets, unknown = named.found, named.unknown
    added: list[Category] = []
    already: list[Category] = []
    with svc.store.transaction():
        for cat in targets:
            (added if svc.chats.subscribe(chat.id, cat.slug) else already).append(cat)
    lines = []
    if added:
        lines.append(texts.subscribed(added))
    if already:
        lines.append(texts.already_subscribed(already))
    lines += unknown_lines(svc, unknown)
    if added:
        lines.append(texts.subscribed_schedule(svc.chats.schedule(chat.id)))
        reschedule(context)
    await send(update, context, "\n".join(lines))


@configuring
async def unsubscribe_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    subs = svc.chats.subscriptions(chat.id)
    if not args:
        if not subs:
            await send(update, context, texts.NO_SUBSCRIPTIONS)
            return
        await send(update, context, texts.UNSUB_HEADER, toggle_markup(svc, subs, chat.id, view="s"))
        return
    if len(args) == 1 and is_all(args[0]):
        count = svc.chats.unsubscribe_all(chat.id)
        reschedule(context)
        await send(update, context, texts.unsubscribed_all(count) if count else texts.NO_SUBSCRIPTIONS)
        return
    named = resolve_categories(args, svc.categories())
    targets = list(named.found)
    still_unknown = []
    for name in named.unknown:
        # Subscriptions to categories that no longer have articles can still be removed by slug.
        if name in subs:
            targets.append(Category(name, svc.display_name(name), 0))
        else:
            still_unknown.append(name)
    removed: list[Category] = []
    absent: list[Category] = []
    with svc.store.transaction():
        for cat in targets:
            (removed if svc.chats.unsubscribe(chat.id, cat.slug) else absent).append(cat)
    lines = []
    if removed:
        lines.append(texts.unsubscribed(removed))
        reschedule(context)
    if absent:
        lines.append(texts.not_subscribed(absent))
    lines += unknown_lines(svc, still_unknown)
    await send(update, context, "\n".join(lines))


async def toggle_callback(update: Update, context: NewsContext) -> None:
    """A ✅/➕ button: flip the subscription and redraw the same keyboard in place."""
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = context.bot_data.services
    chat = update.effective_chat
    slug = keyboards.slug_from_data(query.data, svc.lookups)
    subscribed = svc.chats.subscriptions(chat.id) if chat else []
    # Callback data comes from the client: a slug we never offered is a stale or forged button.
    if chat is None or slug is None or (slug not in subscribed and slug not in {c.slug for c in svc.categories()}):
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)
        return
    refusal = await may_configure(update, context)
    if refusal:
        await query.answer(refusal, show_alert=True)
        return
    name = svc.display_name(slug)
    if slug in subscribed:
        svc.chats.unsubscribe(chat.id, slug)
        toast = texts.toggled_off(name)
    else:
        svc.chats.subscribe(chat.id, slug)
        toast = texts.toggled_on(name)
    reschedule(context)
    shown = getattr(query.message, "reply_markup", None)
    slugs = keyboards.toggle_slugs(shown, svc.lookups)
    if slug not in slugs:
        slugs.append(slug)
    await query.answer(toast[:190])
    try:
        # The same page again: its buttons and its ◀ ▶ row.
        await query.edit_message_reply_markup(_keyboard(svc, slugs, chat.id, keyboards.nav_row(shown)))
    except BadRequest as exc:
        # A message too old to edit (or pressed twice before the first edit landed): the toast said it.
        log.info("could not redraw toggle keyboard: %s", exc)


async def page_callback(update: Update, context: NewsContext) -> None:
    """◀ ▶ of a paged toggle keyboard: show another page in place (anyone may page; nothing changes)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = context.bot_data.services
    chat = update.effective_chat
    wanted = keyboards.page_from_data(query.data)
    if chat is None or wanted is None:
        await query.answer(texts.BUTTON_EXPIRED, show_alert=True)  # not our shape: forged
        return
    view, page = wanted
    slugs = _view_slugs(svc, view, chat.id)
    if page >= keyboards.page_count(len(slugs)) or not slugs:
        await query.answer(texts.PAGE_GONE, show_alert=True)  # the list shrank since (or a forged number)
        return
    await query.answer()
    try:
        await query.edit_message_reply_markup(toggle_markup(svc, slugs, chat.id, view=view, page=page))
    except BadRequest as exc:
        # The page shown already (its own number pressed), or a message too old to edit.
        log.info("could not show keyboard page: %s", exc)


async def mysubs_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    subs = svc.chats.subscriptions(chat.id)
    if subs:
        lines = [texts.MYSUBS_HEADER, *(texts.subscription_line(svc.display_name(s), s) for s in subs)]
    else:
        lines = [texts.NO_SUBSCRIPTIONS]
    lines += [texts.schedule_line(svc.chats.schedule(chat.id)), texts.SCHEDULE_HINT]
    await send(update, context, "\n".join(lines))


COMMANDS = {
    "start": start,
    "help": help_command,
    "categories": categories_command,
    "subscribe": subscribe_command,
    "unsubscribe": unsubscribe_command,
    "mysubs": mysubs_command,
}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(toggle_callback, pattern=r"^subk?:"))
    application.add_handler(CallbackQueryHandler(page_callback, pattern=r"^subp:"))
