"""Reader commands that show news now: /latest (with its "more" button) and /digest."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import keyboards, texts
from bot.arguments import LATEST_MAX, parse_latest_args, resolve_categories
from bot.replies import send, unknown_lines
from bot.state import NewsContext, Services
from digests.digest import Digest, UnknownCategory, newest_day
from digests.records import Article
from digests.render import render_articles_html, render_digest_html
from digests.watching import Matcher, mute_filter

log = logging.getLogger(__name__)

_MORE_DATA = re.compile(r"more:([\w-]{1,16}):(\d{1,6})")


async def _send_latest_page(
    update: Update, context: NewsContext, query: str, n: int, offset: int, token: str | None
) -> bool:
    """Send one page of results; False when there is nothing at that offset."""
    svc = context.bot_data.services
    chat = update.effective_chat
    mutes = svc.watchlist.mutes(chat.id) if chat else []
    # A post dated in the future (a typo such as 2031) would head every /latest for years: it is
    # left out until its date, and the first page says how many were left out.
    now = svc.now()
    found = svc.store.search(query, n + 1, order="newest", offset=offset, exclude=mutes, until=now)
    if not found:
        return False
    page, has_more = found[:n], len(found) > n
    header = texts.latest_header(query, offset, len(page))  # plain: render_articles_html escapes it
    if not offset:
        header += texts.latest_future_note(len(_future(svc, query, mutes)), more=HIDDEN_COUNT_CAP)
    tz = svc.chats.schedule(chat.id if chat else None).tz
    messages = render_articles_html(
        page, tz, header=header, max_chars=svc.config.digest.max_chars, now=now, start=offset + 1
    )
    markup = None
    if has_more:
        if token is None:
            token = svc.lookups.put("latest", {"q": query, "n": n}, chat_id=chat.id if chat else None)
        markup = keyboards.more_keyboard(token, offset + n)
    await send(update, context, messages, markup)
    return True


async def latest_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    args = parse_latest_args(context.args or [])
    if not args.query:
        await send(update, context, texts.LATEST_USAGE)
        return
    if args.capped:
        await send(update, context, texts.latest_capped(LATEST_MAX))
    if not await _send_latest_page(update, context, args.query, args.count, 0, None):
        chat = update.effective_chat
        mutes = svc.watchlist.mutes(chat.id) if chat else []
        hidden = _hidden_by_mutes(svc, args.query, mutes)
        future = _future(svc, args.query, mutes)
        if hidden is not None:
            await send(update, context, texts.latest_all_muted(args.query, *hidden, more=HIDDEN_COUNT_CAP))
        elif future:
            tz = svc.chats.schedule(chat.id if chat else None).tz
            first = min(a.published for a in future).astimezone(tz).date()
            await send(update, context, texts.latest_only_future(args.query, len(future), first, more=HIDDEN_COUNT_CAP))
        else:
            await send(update, context, texts.nothing_found(args.query, svc.categories()[:8]))


HIDDEN_COUNT_CAP = 100  # "more than 100 articles hidden" is enough to know; no need to count them all


def _future(svc: Services, query: str, mutes: list[str]) -> list[Article]:
    """Matching articles dated after now (at most HIDDEN_COUNT_CAP + 1): /latest leaves them out."""
    return svc.store.search(
        query, HIDDEN_COUNT_CAP + 1, order="newest", exclude=mutes, since=svc.now() + timedelta(seconds=1)
    )


def _hidden_by_mutes(svc: Services, query: str, mutes: list[str]) -> tuple[int, list[str]] | None:
    """(articles the chat's mute words hid, the words that hid them), or None if none was hidden:
    "no article contains X" would be false when X is there but muted."""
    if not mutes:
        return None
    found = svc.store.search(query, HIDDEN_COUNT_CAP + 1, order="newest", until=svc.now())
    if not found:
        return None
    matcher = Matcher((m, m) for m in mutes)
    words = {word for article in found for word in matcher.matches_article(article)}
    return len(found), [m for m in mutes if m in words]


async def more_callback(update: Update, context: NewsContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = context.bot_data.services
    chat = update.effective_chat
    # As if forged: our shape, a token of this chat's own search, and a payload we wrote.
    match = _MORE_DATA.fullmatch(query.data)
    payload = svc.lookups.get(match.group(1), "latest", chat_id=chat.id if chat else None) if match else None
    if payload is not None and not (isinstance(payload.get("q"), str) and isinstance(payload.get("n"), int)):
        payload = None
    if match is None or payload is None:
        await query.answer(texts.LOOKUP_EXPIRED, show_alert=True)
        return
    await query.answer()
    # The button did its job: take it off so the list reads in order.
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        log.info("could not remove the more button: %s", exc)
    offset, token = int(match.group(2)), match.group(1)
    if not await _send_latest_page(update, context, str(payload["q"]), int(payload["n"]), offset, token):
        await send(update, context, texts.NO_MORE)


async def digest_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    if args:
        named = resolve_categories(args, svc.categories())
        if named.unknown:
            await send(update, context, "\n".join(unknown_lines(svc, named.unknown)))
        slugs = [c.slug for c in named.found]
    else:
        slugs = svc.chats.subscriptions(chat.id)
        if not slugs:
            await send(update, context, texts.DIGEST_NO_SUBSCRIPTIONS)
            return
    tz = svc.chats.schedule(chat.id).tz
    today = svc.now().astimezone(tz).date()
    hide = mute_filter(svc.watchlist.mutes(chat.id))
    for slug in slugs:
        # Calendar days in the chat's zone, as `newsbot digest --date` shows them.
        try:
            digest = await _digest_of_day(svc, slug, today, tz, hide)
        except UnknownCategory:
            await send(update, context, texts.category_empty(svc.display_name(slug)))
            continue
        latest_day = newest_day(svc.store, slug, tz, now=svc.now()) if digest.is_empty and not digest.hidden else None
        if latest_day is not None and latest_day < today:
            # Nothing yet today: a reader asking now still wants the latest news there is.
            digest = await _digest_of_day(svc, slug, latest_day, tz, hide)
            await send(update, context, texts.DIGEST_FALLBACK)
        await send(update, context, render_digest_html(digest, send_empty=True))


async def _digest_of_day(
    svc: Services, slug: str, day: date, tz: ZoneInfo, hide: Callable[[Article], bool] | None
) -> Digest:
    # Off the event loop, with the bot's story cache: grouping a busy day takes seconds (bot.delivery.compose).
    config = svc.config.digest
    return await svc.composer.digest_off_loop(
        slug, day=day, tz=tz, top_n=config.top_n, max_chars=config.max_chars, hide=hide
    )


COMMANDS = {"latest": latest_command, "digest": digest_command}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(more_callback, pattern=r"^more:"))
