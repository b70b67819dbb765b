"""Admin commands: /push (preview → confirm → outbox), /stats, /ingest, /dashboard.

Admins are the user ids in ``telegram.admins``; anyone else is refused and the
attempt is logged.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
from datetime import UTC, datetime, timedelta

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import keyboards, texts
from bot.arguments import is_all, resolve_category, suggest_categories
from bot.replies import admin_only, send
from bot.state import NewsContext, Services
from bot.web.auth import LINK_SECONDS, Signer, make_login_link, public_origin
from digests.config import DeliveryConfig
from digests.ingest import ingest_in_thread
from digests.records import Article
from digests.render import TELEGRAM_LIMIT, render_breaking_html
from digests.store import Store

log = logging.getLogger(__name__)

PUSH_MAX_AGE = timedelta(hours=12)
_PREVIEW_FOOTER_ROOM = 300  # UTF-16 units kept free under the preview for the status line


# --- /push ----------------------------------------------------------------------------------------


def _push_target(svc: Services, raw: str) -> tuple[str | None, str | None]:
    """(category slug or None for all, error HTML)."""
    if is_all(raw):
        return None, None
    cats = svc.categories()
    cat = resolve_category(raw, cats)
    if cat is None:
        return None, texts.unknown_category(raw, suggest_categories(raw, cats))
    return cat.slug, None


def _push_item(store: Store, content: str) -> tuple[Article | str, str]:
    """The article (by id or URL) or the text itself, and its idempotency key for the outbox."""
    if len(content.split()) == 1:
        article = store.get(content) or store.get_by_url(content)
        if article is not None:
            return article, f"article:{article.id}"
    return content, "text:" + hashlib.sha1(content.encode()).hexdigest()[:20]


def _recipients(svc: Services, slug: str | None) -> list[int]:
    return svc.chats.subscribers(slug)


@admin_only
async def push_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    message = update.effective_message
    chat = update.effective_chat
    assert message is not None and chat is not None
    # Keep the text as typed (newlines and spacing), not as context.args splits it.
    parts = (message.text or "").split(None, 2)
    if len(parts) < 3 or not parts[2].strip():
        await send(update, context, texts.PUSH_USAGE)
        return
    slug, error = _push_target(svc, parts[1])
    if error:
        await send(update, context, error)
        return
    item, item_key = _push_item(svc.store, parts[2].strip())
    html = render_breaking_html(
        item,
        tz=svc.config.digest.tz,
        max_chars=svc.config.digest.max_chars,
        now=svc.now(),
        limit=TELEGRAM_LIMIT - _PREVIEW_FOOTER_ROOM,
    )
    chat_ids = _recipients(svc, slug)
    audience = texts.push_audience(None if slug is None else svc.display_name(slug))
    if not chat_ids:
        await send(update, context, html + texts.push_nobody(audience))
        return
    token = svc.lookups.put(
        "push", {"slug": slug, "html": html, "item_key": item_key, "audience": audience}, chat_id=chat.id
    )
    preview = texts.push_preview(audience, len(chat_ids))
    delivery = svc.config.delivery
    if delivery.paid_broadcast:
        preview += texts.push_paid_cost(paid_broadcast_stars(len(chat_ids), delivery), delivery.paid_per_second)
    await send(update, context, html + preview, keyboards.push_keyboard(token))


FREE_PER_SECOND = 30  # Telegram's free broadcast rate; paid messages above it cost 0.1 Star each
STARS_PER_MESSAGE = 0.1


def paid_broadcast_stars(messages: int, config: DeliveryConfig) -> float:
    """Stars a paid push of ``messages`` costs at most: it lasts ⌈N / rate⌉ seconds, each second's
    first 30 messages are free, every other one costs 0.1 Star (rounded up to whole Stars)."""
    rate = max(config.paid_per_second, FREE_PER_SECOND)
    seconds = math.ceil(messages / rate)
    return float(math.ceil(STARS_PER_MESSAGE * max(0, messages - FREE_PER_SECOND * seconds)))


@admin_only
async def push_callback(update: Update, context: NewsContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = context.bot_data.services
    _, action, token = query.data.split(":", 2)
    payload = svc.lookups.pop(token, "push", max_age=PUSH_MAX_AGE)
    if payload is None:
        await query.answer(texts.PUSH_EXPIRED, show_alert=True)
        if getattr(query.message, "reply_markup", None):
            await _edit(query, None)  # stale buttons: take them away
        return
    if action != "ok":
        await query.answer(texts.PUSH_CANCELLED_TOAST)
        await _edit(query, texts.PUSH_CANCELLED)
        return
    chat_ids = _recipients(svc, payload["slug"])
    admin_chat = update.effective_chat.id if update.effective_chat else None
    broadcast_id = svc.outbox.enqueue_breaking(payload["item_key"], payload["html"], chat_ids, admin_chat_id=admin_chat)
    log.info("push %s queued as broadcast %s for %d chats", payload["item_key"], broadcast_id, len(chat_ids))
    context.bot_data.wake_sender()
    await query.answer(texts.PUSH_QUEUED_TOAST)
    await _edit(query, payload["html"] + texts.push_queued(broadcast_id, payload["audience"], len(chat_ids)))


async def _edit(query: CallbackQuery, text: str | None) -> None:
    try:
        if text is None:
            await query.edit_message_reply_markup(None)
        else:
            await query.edit_message_text(text, reply_markup=None)
    except BadRequest as exc:
        log.info("could not edit the push preview: %s", exc)


# --- /stats ---------------------------------------------------------------------------------------


@admin_only
async def stats_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    tz = svc.config.digest.tz
    now = svc.now()
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date(), datetime.min.time(), tzinfo=tz).astimezone(UTC)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=tz).astimezone(UTC)
    counts = svc.chats.subscriber_counts()
    lines = [
        texts.stats_header(local, svc.config.digest.timezone),
        texts.stats_chats(len(svc.chats.all()), len(svc.chats.subscribers(None))),
    ]
    if counts:
        lines.append(texts.STATS_PER_CATEGORY)
        by_size = sorted(counts.items(), key=lambda kv: -kv[1])
        lines += [texts.stats_category_line(svc.display_name(slug), n) for slug, n in by_size]
    else:
        lines.append(texts.STATS_NO_SUBSCRIPTIONS)
    lines.append(texts.stats_articles(svc.store.count_since(midnight, until=tomorrow), svc.store.count()))
    lines.append(texts.stats_deliveries(svc.outbox.stats_today(tz, now=now)))
    await send(update, context, "\n".join(lines))


# --- /ingest --------------------------------------------------------------------------------------


@admin_only
async def ingest_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    await send(update, context, texts.INGEST_STARTED)
    report = await asyncio.to_thread(ingest_in_thread, svc.store, svc.config.posts.dirs, tz=svc.config.digest.tz)
    await send(update, context, texts.ingest_report(report, svc.store.count()))


# --- /dashboard -----------------------------------------------------------------------------------


@admin_only
async def dashboard_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    telegram = svc.config.telegram
    if chat.type != "private":
        await send(update, context, texts.DASHBOARD_PRIVATE_ONLY)  # the link signs in whoever opens it
        return
    if not telegram.webhook_url or not telegram.secret_token:
        await send(update, context, texts.DASHBOARD_NEEDS_WEBHOOK)
        return
    signer = Signer.from_secret(telegram.secret_token)
    url = make_login_link(signer, svc.lookups, public_origin(telegram.webhook_url), user.id, now=time.time())
    log.info("dashboard link sent to admin %s", user.id)
    await send(update, context, texts.dashboard_link(url, LINK_SECONDS // 60))


COMMANDS = {"push": push_command, "stats": stats_command, "ingest": ingest_command, "dashboard": dashboard_command}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(push_callback, pattern=r"^push:(ok|no):"))
