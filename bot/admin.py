"""Admin commands: /push (preview → confirm → outbox), /stats, /ingest, /dashboard.

Admins are the user ids in ``telegram.admins``; anyone else is refused and the
attempt is logged.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot import admin_texts, keyboards, source_texts, texts
from bot.arguments import is_all, resolve_category
from bot.replies import admin_only, send, unknown_lines
from bot.state import NewsContext, Services
from bot.web.auth import LINK_SECONDS, Signer, make_login_link, public_origin
from digests.config import DeliveryConfig
from digests.digest import day_window
from digests.feeds.state import SourceTable
from digests.ingest import ingest_in_background
from digests.records import Article
from digests.render import TELEGRAM_LIMIT, render_breaking_html
from digests.store import Store

log = logging.getLogger(__name__)

PUSH_MAX_AGE = timedelta(hours=12)
_PUSH_DATA = re.compile(r"push:(ok|no):([\w-]{1,16})")
_PREVIEW_FOOTER_ROOM = 300  # UTF-16 units kept free under the preview for the status line


# --- /push ----------------------------------------------------------------------------------------


def _push_target(svc: Services, raw: str) -> tuple[str | None, str | None]:
    """(category slug or None for all, error HTML)."""
    if is_all(raw):
        return None, None
    cat = resolve_category(raw, svc.categories())
    if cat is None:
        return None, unknown_lines(svc, [raw])[0]
    return cat.slug, None


def _push_item(store: Store, content: str) -> tuple[Article | str, str]:
    """The article (by id or URL) or the text itself, and its idempotency key for the outbox."""
    if len(content.split()) == 1:
        article = store.get(content) or store.get_by_url(content)
        if article is not None:
            return article, f"article:{article.id}"
    return content, "text:" + hashlib.sha1(content.encode()).hexdigest()[:20]


def _render_push(svc: Services, item: Article | str, zone: str) -> str:
    """The push as a chat of ``zone`` sees it: an article's time in that zone, the zone named."""
    return render_breaking_html(
        item,
        tz=ZoneInfo(zone),
        max_chars=svc.config.digest.max_chars,
        now=svc.now(),
        label=texts.breaking_label(zone if isinstance(item, Article) else None),
        limit=TELEGRAM_LIMIT - _PREVIEW_FOOTER_ROOM,
    )


def _push_title(item: Article | str) -> str:
    """How the admin's report names the push: the article's title, or the text's first line."""
    return item.title if isinstance(item, Article) else item.strip().splitlines()[0]


def _per_chat_html(svc: Services, item: Article | str, chat_ids: list[int]) -> dict[int, str]:
    """Each recipient's copy, rendered once per distinct zone among them."""
    zones = svc.chats.zones(chat_ids)
    rendered = {zone: _render_push(svc, item, zone) for zone in set(zones.values())}
    return {chat_id: rendered[zones[chat_id]] for chat_id in chat_ids}


def _recipients(svc: Services, slug: str | None) -> list[int]:
    return svc.chats.subscribers(slug)


def _split(svc: Services, chat_ids: list[int]) -> tuple[int, int]:
    """(chats, channels) among the recipients."""
    channels = len(svc.chats.channel_ids().intersection(chat_ids))
    return len(chat_ids) - channels, channels


@admin_only
async def push_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    message = update.effective_message
    chat = update.effective_chat
    assert message is not None and chat is not None
    # Keep the text as typed (newlines and spacing), not as context.args splits it.
    parts = (message.text or "").split(None, 2)
    if len(parts) < 3 or not parts[2].strip():
        await send(update, context, admin_texts.PUSH_USAGE)
        return
    slug, error = _push_target(svc, parts[1])
    if error:
        await send(update, context, error)
        return
    content = parts[2].strip()
    item, item_key = _push_item(svc.store, content)
    # The admin sees the push as it reaches a chat of their own zone; each recipient gets its own.
    zone = svc.chats.schedule(chat.id).zone
    html = _render_push(svc, item, zone)
    chat_ids = _recipients(svc, slug)
    audience = admin_texts.push_audience(None if slug is None else svc.display_name(slug))
    if not chat_ids:
        await send(update, context, html + admin_texts.push_nobody(audience))
        return
    # Pushed before? Say when; confirming then sends it again, knowingly (a new broadcast key).
    earlier = svc.outbox.pushes_of(item_key)
    chats, channels = _split(svc, chat_ids)
    preview = html + admin_texts.push_preview(audience, chats, channels)
    delivery = svc.config.delivery
    if delivery.paid_broadcast:
        stars = paid_broadcast_stars(len(chat_ids), delivery)
        preview += admin_texts.push_paid_cost(stars, delivery.paid_per_second)
    if earlier:
        last = earlier[-1]
        preview += admin_texts.push_repeat_warning(
            last.created_at.astimezone(ZoneInfo(zone)), zone, last.broadcast_id, last.sent
        )
    payload = {
        "slug": slug,
        "html": html,
        "content": content,
        "zone": zone,
        "item_key": item_key,
        "audience": audience,
        "repeat": len(earlier),
    }
    token = svc.lookups.put("push", payload, chat_id=chat.id)
    await send(update, context, preview, keyboards.push_keyboard(token, again=bool(earlier)))


FREE_PER_SECOND = 30  # Telegram's free broadcast rate; paid messages above it cost 0.1 Star each
STARS_PER_MESSAGE = 0.1


def paid_broadcast_stars(messages: int, config: DeliveryConfig) -> float:
    """Stars a paid push of ``messages`` costs at most: it lasts ⌈N / rate⌉ seconds, each second's
    first 30 messages are free, every other one costs 0.1 Star (rounded up to whole Stars)."""
    rate = max(config.paid_per_second, FREE_PER_SECOND)
    seconds = math.ceil(messages / rate)
    return float(math.ceil(STARS_PER_MESSAGE * max(0, messages - FREE_PER_SECOND * seconds)))


def _push_payload(payload: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored preview, if it has the shape push_command writes (older rows or junk: None)."""
    if payload is None:
        return None
    shape = {"html": str, "content": str, "zone": str, "item_key": str, "audience": str, "repeat": int}
    if any(not isinstance(payload.get(key), kind) for key, kind in shape.items()):
        return None
    if payload.get("slug") is not None and not isinstance(payload["slug"], str):
        return None
    return payload


@admin_only
async def push_callback(update: Update, context: NewsContext) -> None:
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and query.data is not None
    svc = context.bot_data.services
    # As if forged: the action and token must have our shape, and the token this chat's own preview.
    match = _PUSH_DATA.fullmatch(query.data)
    payload = None
    if match is not None and chat is not None:
        payload = _push_payload(svc.lookups.pop(match.group(2), "push", max_age=PUSH_MAX_AGE, chat_id=chat.id))
    if match is None or payload is None:
        await query.answer(admin_texts.PUSH_EXPIRED, show_alert=True)
        if getattr(query.message, "reply_markup", None):
            await _edit(query, None)  # stale buttons: take them away
        return
    if match.group(1) != "ok":
        await query.answer(admin_texts.PUSH_CANCELLED_TOAST)
        await _edit(query, admin_texts.PUSH_CANCELLED)
        return
    earlier = svc.outbox.pushes_of(payload["item_key"])
    if len(earlier) > payload["repeat"]:
        # It went out after this preview was made (another preview, another admin): never twice unknowingly.
        zone = payload["zone"]
        when = earlier[-1].created_at.astimezone(ZoneInfo(zone))
        await query.answer(admin_texts.push_already_sent_toast(when, zone), show_alert=True)
        await _edit(query, payload["html"] + admin_texts.push_already_sent(when, zone, earlier[-1].broadcast_id))
        return
    item_key = payload["item_key"] if not earlier else f"{payload['item_key']}#{len(earlier) + 1}"
    chat_ids = _recipients(svc, payload["slug"])
    admin_chat = chat.id if chat else None
    item, _ = _push_item(svc.store, payload["content"])
    html = _per_chat_html(svc, item, chat_ids)
    broadcast_id = svc.outbox.enqueue_breaking(
        item_key, html, chat_ids, admin_chat_id=admin_chat, title=_push_title(item)
    )
    log.info("push %s queued as broadcast %s for %d chats", item_key, broadcast_id, len(chat_ids))
    context.bot_data.wake_sender()
    await query.answer(admin_texts.PUSH_QUEUED_TOAST)
    chats, channels = _split(svc, chat_ids)
    await _edit(query, payload["html"] + admin_texts.push_queued(broadcast_id, payload["audience"], chats, channels))


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
    midnight, tomorrow = day_window(local.date(), tz)
    counts = svc.chats.subscriber_counts()
    lines = [
        admin_texts.stats_header(local, svc.config.digest.timezone),
        admin_texts.stats_chats(len(svc.chats.all()), len(svc.chats.subscribers(None))),
    ]
    if counts:
        lines.append(admin_texts.STATS_PER_CATEGORY)
        by_size = sorted(counts.items(), key=lambda kv: -kv[1])
        lines += [admin_texts.stats_category_line(svc.display_name(slug), n) for slug, n in by_size]
    else:
        lines.append(admin_texts.STATS_NO_SUBSCRIPTIONS)
    lines.append(admin_texts.stats_articles(svc.store.count_since(midnight, until=tomorrow), svc.store.count()))
    channels = svc.channels.all()
    stopped = sum(1 for c in channels if not c.active)
    lines.append(admin_texts.stats_reach(*svc.watchlist.totals(), len(channels), stopped))
    lines.append(admin_texts.stats_deliveries(svc.outbox.stats_today(tz, now=now)))
    sources = SourceTable(svc.store.db.conn).all()
    if sources:
        lines.append(source_texts.stats_sources(sources))
    delivery = context.bot_data.delivery
    if delivery is not None:
        lines.append(admin_texts.stats_sender(delivery.sender.health if delivery.sender else None, now, tz))
    await send(update, context, "\n".join(lines))


# --- /ingest --------------------------------------------------------------------------------------


@admin_only
async def ingest_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    await send(update, context, admin_texts.INGEST_STARTED)
    delivery = context.bot_data.delivery
    if delivery is not None:
        report = await delivery.scheduler.rescan_posts()  # as the periodic rescan: then alerts and digests
    else:
        # No delivery here (the console beside a running bot): that bot's next scan sends the alerts.
        report = await ingest_in_background(svc.store, svc.config.posts.dirs, tz=svc.config.posts_tz)
    await send(update, context, admin_texts.ingest_report(report, svc.store.count()))


# --- /dashboard -----------------------------------------------------------------------------------


@admin_only
async def dashboard_command(update: Update, context: NewsContext) -> None:
    svc = context.bot_data.services
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    telegram = svc.config.telegram
    if chat.type != "private":
        await send(update, context, admin_texts.DASHBOARD_PRIVATE_ONLY)  # the link signs in whoever opens it
        return
    if not telegram.webhook_url or not telegram.secret_token:
        await send(update, context, admin_texts.DASHBOARD_NEEDS_WEBHOOK)
        return
    signer = Signer.from_secret(telegram.secret_token)
    url = make_login_link(signer, svc.lookups, public_origin(telegram.webhook_url), user.id, now=svc.now().timestamp())
    log.info("dashboard link sent to admin %s", user.id)
    await send(update, context, admin_texts.dashboard_link(url, LINK_SECONDS // 60))


COMMANDS = {"push": push_command, "stats": stats_command, "ingest": ingest_command, "dashboard": dashboard_command}


def register(application: Application) -> None:
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(push_callback, pattern=r"^push:(ok|no):"))
