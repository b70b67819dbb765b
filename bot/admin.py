"""Admin commands: /push (preview → confirm → outbox), /stats, /ingest.

Admins are the user ids in ``telegram.admins``; anyone else is refused and the
attempt is logged.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import keyboards, texts
from bot.delivery import wake_sender
from bot.handlers import Services, resolve_category, send, services, suggest_categories
from bot.scheduling import outbox_of
from digests.ingest import ingest_in_thread
from digests.records import Article
from digests.render import TELEGRAM_LIMIT, render_breaking_html
from digests.store import Store

log = logging.getLogger(__name__)

PUSH_MAX_AGE = timedelta(hours=12)
_PREVIEW_FOOTER_ROOM = 300  # UTF-16 units kept free under the preview for the status line


def admin_only(func: Callable) -> Callable:
    @functools.wraps(func)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if not services(context).is_admin(user.id if user else None):
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


# --- /push ----------------------------------------------------------------------------------------


def _push_target(svc: Services, raw: str) -> tuple[str | None, str | None]:
    """(category slug or None for all, error HTML)."""
    if raw.casefold() in ("all", "全部", "所有"):
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
async def push_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
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
    audience = "所有订阅者" if slug is None else f"「{texts.esc(svc.display_name(slug))}」的订阅者"
    if not chat_ids:
        await send(update, context, f"{html}\n\n———\n没有可发送的聊天：{audience}为 0。")
        return
    token = svc.lookups.put(
        "push", {"slug": slug, "html": html, "item_key": item_key, "audience": audience}, chat_id=chat.id
    )
    footer = f"\n\n———\n预览：将发送给{audience}，共 <b>{len(chat_ids)}</b> 个聊天。确认发送？"
    await send(update, context, html + footer, keyboards.push_keyboard(token))


@admin_only
async def push_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = services(context)
    _, action, token = query.data.split(":", 2)
    payload = svc.lookups.pop(token, "push", max_age=PUSH_MAX_AGE)
    if payload is None:
        await query.answer(texts.PUSH_EXPIRED, show_alert=True)
        if getattr(query.message, "reply_markup", None):
            await _edit(query, None)  # stale buttons: take them away
        return
    if action != "ok":
        await query.answer("已取消")
        await _edit(query, texts.PUSH_CANCELLED)
        return
    chat_ids = _recipients(svc, payload["slug"])
    admin_chat = update.effective_chat.id if update.effective_chat else None
    broadcast_id = outbox_of(context.application).enqueue_breaking(
        payload["item_key"], payload["html"], chat_ids, admin_chat_id=admin_chat
    )
    log.info("push %s queued as broadcast %s for %d chats", payload["item_key"], broadcast_id, len(chat_ids))
    _wake(context.application)
    await query.answer("已加入发送队列")
    await _edit(
        query,
        f"{payload['html']}\n\n———\n✅ 已加入发送队列（广播 #{broadcast_id}）：{payload['audience']}，"
        f"共 {len(chat_ids)} 个聊天。发送完成后会通知你结果。",
    )


def _wake(application: Application) -> None:
    # Without delivery (the console with a token) the push waits in the outbox for `newsbot run`.
    if application.bot_data.get("delivery_enabled"):
        wake_sender(application)


async def _edit(query, text: str | None) -> None:  # type: ignore[no-untyped-def]
    try:
        if text is None:
            await query.edit_message_reply_markup(None)
        else:
            await query.edit_message_text(text, reply_markup=None)
    except BadRequest as exc:
        log.info("could not edit the push preview: %s", exc)


# --- /stats ---------------------------------------------------------------------------------------


@admin_only
async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    tz = svc.config.digest.tz
    now = svc.now()
    local = now.astimezone(tz)
    midnight = datetime.combine(local.date(), datetime.min.time(), tzinfo=tz).astimezone(UTC)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), tzinfo=tz).astimezone(UTC)
    counts = svc.chats.subscriber_counts()
    lines = [f"<b>📊 统计</b>（{local:%Y-%m-%d %H:%M} {texts.esc(svc.config.digest.timezone)}）"]
    lines.append(f"活跃聊天：{len(svc.chats.all())}，有订阅的聊天：{len(svc.chats.subscribers(None))}")
    if counts:
        lines.append("<b>各分类订阅数</b>")
        lines += [
            f"• {texts.esc(svc.display_name(slug))}：{n}" for slug, n in sorted(counts.items(), key=lambda kv: -kv[1])
        ]
    else:
        lines.append("还没有订阅。")
    articles_today = svc.store.count_since(midnight, until=tomorrow)
    lines.append(f"今日新文章：{articles_today}（共 {svc.store.count()} 篇）")
    deliveries = outbox_of(context.application).stats_today(tz, now=now)
    lines.append(
        f"今日投递：成功 {deliveries.get('sent', 0)}，失败 {deliveries.get('failed', 0)}，"
        f"被屏蔽 {deliveries.get('blocked', 0)}，待发送 {deliveries.get('pending', 0)}"
    )
    await send(update, context, "\n".join(lines))


# --- /ingest --------------------------------------------------------------------------------------


@admin_only
async def ingest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    dirs = svc.config.posts.dirs
    await send(update, context, texts.INGEST_STARTED)
    report = await asyncio.to_thread(ingest_in_thread, svc.store, dirs, tz=svc.config.digest.tz)
    lines = [
        f"扫描完成：新增 {report.new}，更新 {report.updated}，未变 {report.unchanged}，"
        f"无法解析 {len(report.rejected)}。现有文章 {svc.store.count()} 篇。"
    ]
    for path, reason in report.rejected[:5]:
        lines.append(f"• {texts.clip(Path(path).name, 60)}：{texts.clip(reason, 120)}")
    if len(report.rejected) > 5:
        lines.append(f"……另有 {len(report.rejected) - 5} 个文件。")
    await send(update, context, "\n".join(lines))


def register(application: Application) -> None:
    application.add_handler(CommandHandler("push", push_command))
    application.add_handler(CommandHandler("stats", stats_command))
    application.add_handler(CommandHandler("ingest", ingest_command))
    application.add_handler(CallbackQueryHandler(push_callback, pattern=r"^push:(ok|no):"))
