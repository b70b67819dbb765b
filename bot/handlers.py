"""Reader commands, their buttons, chat bookkeeping and the error handler.

Every handler reads its services from ``application.bot_data`` (config, store,
chats, clock, lookups — set by :func:`bot.app.build_application`), so tests,
the console and production run the very same code.
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from telegram import (
    ChatMember,
    ChatMemberUpdated,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import keyboards, texts
from bot.chats import Chat, ChatStore
from bot.lookups import Lookups
from bot.scheduling import reschedule_chat
from digests.config import Config
from digests.digest import UnknownCategory, build_category_digest
from digests.records import Category
from digests.render import TELEGRAM_LIMIT, pack, render_articles_html, render_digest_html, utf16_len
from digests.store import Store

log = logging.getLogger(__name__)

LATEST_DEFAULT = 5
LATEST_MAX = 20
_QUERY_CHARS = 200  # longer keywords are cut: nobody types more, and FTS cost grows with length
_ALL_WORDS = {"all", "全部", "所有"}
_DEFAULT_WORDS = {"default", "reset", "默认"}


# --- services -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Services:
    config: Config
    store: Store
    chats: ChatStore
    clock: Callable[[], datetime]
    lookups: Lookups

    def now(self) -> datetime:
        return self.clock()

    def chat_tz_name(self, chat: Chat | None) -> str:
        return (chat.timezone if chat and chat.timezone else None) or self.config.digest.timezone

    def chat_tz(self, chat: Chat | None) -> ZoneInfo:
        return ZoneInfo(self.chat_tz_name(chat))

    def chat_time(self, chat: Chat | None) -> str:
        return (chat.digest_time if chat and chat.digest_time else None) or self.config.digest.time.strftime("%H:%M")

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.config.telegram.admins

    def categories(self) -> list[Category]:
        """Categories with articles, plus configured ones that have none yet."""
        cats = self.store.categories()
        known = {c.slug for c in cats}
        cats += [Category(slug, name, 0) for slug, name in self.config.categories.items() if slug not in known]
        return cats

    def display_name(self, slug: str) -> str:
        cat = self.store.category(slug)
        return cat.display_name if cat else self.config.categories.get(slug, slug)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    data = context.bot_data
    return Services(data["config"], data["store"], data["chats"], data["clock"], data["lookups"])


# --- sending --------------------------------------------------------------------------------------


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
    context: ContextTypes.DEFAULT_TYPE,
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


async def maybe_reschedule(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """Tell the delivery side a chat's schedule or subscriptions changed (when delivery runs)."""
    if not context.bot_data.get("delivery_enabled"):
        return
    try:
        reschedule_chat(context.application, chat_id)
    except Exception:
        log.exception("reschedule_chat(%s) failed", chat_id)


# --- permissions ----------------------------------------------------------------------------------


async def may_configure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """None if the sender may change this chat's settings, else the refusal text.

    Private chats: always.  Groups: only the group's administrators (or the
    group itself posting anonymously).
    """
    chat = update.effective_chat
    if chat is None or chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
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


def configuring(func: Callable) -> Callable:
    """Refuse a settings command politely when the sender may not change this chat."""

    @functools.wraps(func)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        refusal = await may_configure(update, context)
        if refusal:
            await send(update, context, refusal)
            return
        await func(update, context)

    return wrapper


# --- category names -------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def resolve_category(name: str, categories: Sequence[Category]) -> Category | None:
    """A category by slug or display name, case-insensitively."""
    key = _norm(name)
    for cat in categories:
        if key in (_norm(cat.slug), _norm(cat.display_name)):
            return cat
    return None


def suggest_categories(name: str, categories: Sequence[Category], n: int = 3) -> list[Category]:
    """Closest categories: names containing the input first, then difflib over slugs and names."""
    key = _norm(name)[:64]
    if not key:
        return []
    out: list[Category] = []
    for cat in categories:
        if key in _norm(cat.slug) or key in _norm(cat.display_name) or _norm(cat.display_name) in key:
            out.append(cat)
    by_label: dict[str, Category] = {}
    for cat in categories:
        by_label.setdefault(_norm(cat.slug), cat)
        by_label.setdefault(_norm(cat.display_name), cat)
    for label in difflib.get_close_matches(key, list(by_label), n=n * 2, cutoff=0.5):
        out.append(by_label[label])
    return list(dict.fromkeys(out))[:n]


# --- time and zone arguments ------------------------------------------------------------------


_TIME_RE = re.compile(r"(\d{1,2})\s*[:.：]\s*(\d{2})")


def parse_time_arg(raw: str) -> str | None:
    """'8:00', '08:00', '０８：００' → '08:00'; None if it isn't a time of day."""
    match = _TIME_RE.fullmatch(unicodedata.normalize("NFKC", raw).strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


@functools.lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    # Lazily built once: ~600 names; casefolded → canonical spelling.
    return {z.casefold(): z for z in available_timezones() if not z.startswith(("posix/", "right/"))}


def resolve_timezone(raw: str) -> tuple[str | None, list[str]]:
    """(canonical zone name or None, suggestions for typos)."""
    key = unicodedata.normalize("NFKC", raw).strip().replace(" ", "_").casefold()[:64]
    zones = _zones()
    if key in zones:
        return zones[key], []
    by_city: dict[str, list[str]] = {}
    for folded, name in zones.items():
        by_city.setdefault(folded.rsplit("/", 1)[-1], []).append(name)
    suggestions = list(by_city.get(key, []))
    suggestions += [zones[z] for z in difflib.get_close_matches(key, list(zones), n=3, cutoff=0.6)]
    for city in difflib.get_close_matches(key, list(by_city), n=3, cutoff=0.7):
        suggestions += by_city[city]
    return None, list(dict.fromkeys(suggestions))[:3]


# --- bookkeeping ----------------------------------------------------------------------------------


async def record_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: remember the chat; follow a group's upgrade to a supergroup."""
    chat = update.effective_chat
    if chat is None:
        return
    chats: ChatStore = context.bot_data["chats"]
    message = update.message
    if message is not None and message.migrate_to_chat_id:
        chats.migrate(chat.id, message.migrate_to_chat_id)
        await maybe_reschedule(context, message.migrate_to_chat_id)
        return
    if message is not None and message.migrate_from_chat_id and chats.get(message.migrate_from_chat_id):
        chats.migrate(message.migrate_from_chat_id, chat.id)
    title = chat.title if chat.type != ChatType.PRIVATE else None
    chats.ensure(chat.id, chat.type, title)


async def my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was blocked/kicked (stop sending) or (re-)added to a group (resume)."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None:
        return
    chats: ChatStore = context.bot_data["chats"]
    status = change.new_chat_member.status
    if status in (ChatMember.BANNED, ChatMember.LEFT):
        reason = "blocked" if change.chat.type == ChatType.PRIVATE else status
        chats.deactivate(change.chat.id, reason)
        log.info("chat %s deactivated: %s", change.chat.id, reason)
    elif status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR):
        chats.reactivate(change.chat.id)
    await maybe_reschedule(context, change.chat.id)


# --- reader commands ------------------------------------------------------------------------------


def _toggle_markup(svc: Services, slugs: Sequence[str], chat_id: int) -> InlineKeyboardMarkup:
    names = {c.slug: c.display_name for c in svc.categories()}
    for slug in slugs:
        names.setdefault(slug, svc.display_name(slug))
    return keyboards.toggle_keyboard(slugs, names, svc.chats.subscriptions(chat_id), svc.lookups)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    came_back = svc.chats.reactivate(chat.id)
    if came_back:
        await maybe_reschedule(context, chat.id)
    user = update.effective_user
    cats = svc.categories()
    if not cats:
        await send(update, context, texts.welcome(user.first_name if user else None, came_back=came_back))
        await send(update, context, texts.NO_CATEGORIES)
        return
    markup = _toggle_markup(svc, [c.slug for c in cats], chat.id)
    await send(update, context, texts.welcome(user.first_name if user else None, came_back=came_back), markup)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    user = update.effective_user
    await send(update, context, texts.help_text(svc.is_admin(user.id if user else None)))


async def categories_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    cats = services(context).categories()
    if not cats:
        await send(update, context, texts.NO_CATEGORIES)
        return
    lines = ["<b>分类</b>（订阅：/subscribe 名称）", *texts.category_lines(cats)]
    await send(update, context, "\n".join(lines))


def _resolve_all(svc: Services, args: Sequence[str]) -> tuple[list[Category], list[str]]:
    """Categories named by ``args`` (the whole phrase first, then word by word) and unknown words."""
    cats = svc.categories()
    whole = resolve_category(" ".join(args), cats)
    if whole is not None:
        return [whole], []
    found, unknown = [], []
    for arg in args:
        cat = resolve_category(arg, cats)
        if cat is None:
            unknown.append(arg)
        elif cat not in found:
            found.append(cat)
    return found, unknown


def _unknown_lines(svc: Services, unknown: Sequence[str]) -> list[str]:
    cats = svc.categories()
    return [texts.unknown_category(name, suggest_categories(name, cats)) for name in unknown[:5]]


@configuring
async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    cats = svc.categories()
    if not cats:
        await send(update, context, texts.NO_CATEGORIES)
        return
    if not args:
        await send(update, context, texts.TOGGLE_HEADER, _toggle_markup(svc, [c.slug for c in cats], chat.id))
        return
    if len(args) == 1 and _norm(args[0]) in _ALL_WORDS:
        targets, unknown = cats, []
    else:
        targets, unknown = _resolve_all(svc, args)
    added, already = [], []
    with svc.store.transaction():
        for cat in targets:
            (added if svc.chats.subscribe(chat.id, cat.slug) else already).append(cat)
    lines = []
    if added:
        lines.append(f"✅ 已订阅：{texts.names(added)}")
    if already:
        lines.append(f"之前已订阅：{texts.names(already)}")
    lines += _unknown_lines(svc, unknown)
    if added:
        current = svc.chats.get(chat.id)
        lines.append(
            f"每天 {texts.esc(svc.chat_time(current))}（{texts.esc(svc.chat_tz_name(current))}）推送摘要，/settime 修改时间。"
        )
        await maybe_reschedule(context, chat.id)
    await send(update, context, "\n".join(lines))


@configuring
async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    subs = svc.chats.subscriptions(chat.id)
    if not args:
        if not subs:
            await send(update, context, texts.NO_SUBSCRIPTIONS)
            return
        await send(update, context, texts.UNSUB_HEADER, _toggle_markup(svc, subs, chat.id))
        return
    if len(args) == 1 and _norm(args[0]) in _ALL_WORDS:
        count = svc.chats.unsubscribe_all(chat.id)
        await maybe_reschedule(context, chat.id)
        await send(update, context, f"已取消全部 {count} 个订阅。" if count else texts.NO_SUBSCRIPTIONS)
        return
    # Subscriptions to categories that no longer have articles can still be removed by slug.
    targets, unknown = _resolve_all(svc, args)
    still_unknown = []
    for name in unknown:
        if name in subs:
            targets.append(Category(name, svc.display_name(name), 0))
        else:
            still_unknown.append(name)
    removed, absent = [], []
    with svc.store.transaction():
        for cat in targets:
            (removed if svc.chats.unsubscribe(chat.id, cat.slug) else absent).append(cat)
    lines = []
    if removed:
        lines.append(f"已取消订阅：{texts.names(removed)}")
        await maybe_reschedule(context, chat.id)
    if absent:
        lines.append(f"本来就没有订阅：{texts.names(absent)}")
    lines += _unknown_lines(svc, still_unknown)
    await send(update, context, "\n".join(lines))


async def toggle_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A ✅/➕ button: flip the subscription and redraw the same keyboard in place."""
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = services(context)
    chat = update.effective_chat
    slug = keyboards.slug_from_data(query.data, svc.lookups)
    if chat is None or slug is None:
        await query.answer("这个按钮已失效，请重新发送 /subscribe。", show_alert=True)
        return
    refusal = await may_configure(update, context)
    if refusal:
        await query.answer(refusal, show_alert=True)
        return
    name = svc.display_name(slug)
    if slug in svc.chats.subscriptions(chat.id):
        svc.chats.unsubscribe(chat.id, slug)
        toast = f"已取消订阅 {name}"
    else:
        svc.chats.subscribe(chat.id, slug)
        toast = f"已订阅 {name}"
    await maybe_reschedule(context, chat.id)
    slugs = keyboards.toggle_slugs(getattr(query.message, "reply_markup", None), svc.lookups)
    if slug not in slugs:
        slugs.append(slug)
    await query.answer(toast[:190])
    try:
        await query.edit_message_reply_markup(_toggle_markup(svc, slugs, chat.id))
    except BadRequest as exc:
        # A message too old to edit (or pressed twice before the first edit landed): the toast said it.
        log.info("could not redraw toggle keyboard: %s", exc)


async def mysubs_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    current = svc.chats.get(chat.id)
    subs = svc.chats.subscriptions(chat.id)
    lines = []
    if subs:
        lines.append("<b>我的订阅</b>")
        lines += [f"• {texts.esc(svc.display_name(s))}（<code>{texts.esc(s)}</code>）" for s in subs]
    else:
        lines.append(texts.NO_SUBSCRIPTIONS)
    lines.append(
        texts.schedule_line(
            svc.chat_time(current),
            svc.chat_tz_name(current),
            default_time=not (current and current.digest_time),
            default_tz=not (current and current.timezone),
        )
    )
    lines.append("修改：/settime HH:MM　/timezone 地区/城市")
    await send(update, context, "\n".join(lines))


async def _setting_argument(
    update: Update, context: ContextTypes.DEFAULT_TYPE, show: Callable[[Services, Chat | None], str]
) -> str | None:
    """The argument of /settime or /timezone, or None when the reply is already sent.

    No argument shows the current value (anyone may look); changing it needs a group admin.
    """
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    if not args:
        await send(update, context, show(svc, svc.chats.get(chat.id)))
        return None
    refusal = await may_configure(update, context)
    if refusal:
        await send(update, context, refusal)
        return None
    return " ".join(args)


def _show_time(svc: Services, current: Chat | None) -> str:
    line = texts.schedule_line(
        svc.chat_time(current),
        svc.chat_tz_name(current),
        default_time=not (current and current.digest_time),
        default_tz=not (current and current.timezone),
    )
    return f"{line}\n{texts.SETTIME_USAGE}"


def _show_timezone(svc: Services, current: Chat | None) -> str:
    name = svc.chat_tz_name(current)
    local = svc.now().astimezone(ZoneInfo(name)).strftime("%H:%M")
    return f"当前时区：<b>{texts.esc(name)}</b>（当地时间 {local}）\n{texts.TIMEZONE_USAGE}"


async def settime_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raw = await _setting_argument(update, context, _show_time)
    if raw is None:
        return
    svc = services(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if _norm(raw) in _DEFAULT_WORDS:
        svc.chats.set_time(chat_id, None)
        hhmm = svc.config.digest.time.strftime("%H:%M")
    else:
        parsed = parse_time_arg(raw)
        if parsed is None:
            await send(update, context, f"「{texts.clip(raw, 20)}」不是有效的时间。\n{texts.SETTIME_USAGE}")
            return
        svc.chats.set_time(chat_id, parsed)
        hhmm = parsed
    await maybe_reschedule(context, chat_id)
    tz_name = svc.chat_tz_name(svc.chats.get(chat_id))
    await send(update, context, f"好的，每天 <b>{texts.esc(hhmm)}</b>（{texts.esc(tz_name)}）推送摘要。")


async def timezone_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raw = await _setting_argument(update, context, _show_timezone)
    if raw is None:
        return
    svc = services(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    if _norm(raw) in _DEFAULT_WORDS:
        svc.chats.set_timezone(chat_id, None)
        name = svc.config.digest.timezone
    else:
        name, suggestions = resolve_timezone(raw)
        if name is None:
            text = f"不认识的时区「{texts.clip(raw, 30)}」。"
            if suggestions:
                text += "你是不是想找：" + "、".join(texts.esc(s) for s in suggestions) + "？"
            await send(update, context, f"{text}\n{texts.TIMEZONE_USAGE}")
            return
        svc.chats.set_timezone(chat_id, name)
    await maybe_reschedule(context, chat_id)
    hhmm = svc.chat_time(svc.chats.get(chat_id))
    local = svc.now().astimezone(ZoneInfo(name)).strftime("%H:%M")
    await send(
        update,
        context,
        f"时区已设为 <b>{texts.esc(name)}</b>（当地时间 {local}），每天 {texts.esc(hhmm)} 推送摘要。",
    )


# --- /latest --------------------------------------------------------------------------------------


def parse_latest_args(args: Sequence[str]) -> tuple[str, int, bool]:
    """(keyword, count, count_was_capped) from '/latest 京津冀 10'."""
    words = list(args)
    n = LATEST_DEFAULT
    capped = False
    if len(words) >= 2:
        last = unicodedata.normalize("NFKC", words[-1])
        if last.isascii() and last.isdigit() and len(last) <= 6:
            words.pop()
            n = int(last)
            if n > LATEST_MAX:
                n, capped = LATEST_MAX, True
            n = max(n, 1)
    return " ".join(words).strip()[:_QUERY_CHARS], n, capped


async def _send_latest_page(
    update: Update, context: ContextTypes.DEFAULT_TYPE, query: str, n: int, offset: int, token: str | None
) -> bool:
    """Send one page of results; False when there is nothing at that offset."""
    svc = services(context)
    chat = update.effective_chat
    found = svc.store.search(query, n + 1, order="newest", offset=offset)
    if not found:
        return False
    page, has_more = found[:n], len(found) > n
    shown = texts.shorten(query, 30)  # plain: render_articles_html escapes the header itself
    if offset:
        header = f"「{shown}」更多结果（第 {offset + 1}–{offset + len(page)} 条）"
    else:
        header = f"「{shown}」的最新文章"
    tz = svc.chat_tz(svc.chats.get(chat.id) if chat else None)
    messages = render_articles_html(
        page, tz, header=header, max_chars=svc.config.digest.max_chars, now=svc.now(), start=offset + 1
    )
    markup = None
    if has_more:
        if token is None:
            token = svc.lookups.put("latest", {"q": query, "n": n}, chat_id=chat.id if chat else None)
        markup = keyboards.more_keyboard(token, offset + n)
    await send(update, context, messages, markup)
    return True


async def latest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    query, n, capped = parse_latest_args(context.args or [])
    if not query:
        await send(update, context, texts.LATEST_USAGE)
        return
    if capped:
        await send(update, context, f"一次最多显示 {LATEST_MAX} 条。")
    if not await _send_latest_page(update, context, query, n, 0, None):
        cats = svc.categories()
        text = f"没有找到包含「{texts.clip(query, 30)}」的文章。换个关键词试试"
        if cats:
            text += "，或看看这些分类（/digest 分类名）：" + texts.names(cats[:8])
        await send(update, context, text + "。")


async def more_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    svc = services(context)
    match = re.fullmatch(r"more:([\w-]+):(\d{1,6})", query.data)
    payload = svc.lookups.get(match.group(1), "latest") if match else None
    if match is None or payload is None:
        await query.answer(texts.LOOKUP_EXPIRED, show_alert=True)
        return
    await query.answer()
    # The button did its job: take it off so the list reads in order.
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        log.info("could not remove the more button: %s", exc)
    if not await _send_latest_page(
        update, context, payload["q"], int(payload["n"]), int(match.group(2)), match.group(1)
    ):
        await send(update, context, texts.NO_MORE)


# --- /digest --------------------------------------------------------------------------------------


async def digest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    chat = update.effective_chat
    assert chat is not None
    args = context.args or []
    if args:
        targets, unknown = _resolve_all(svc, args)
        if unknown:
            await send(update, context, "\n".join(_unknown_lines(svc, unknown)))
        slugs = [c.slug for c in targets]
    else:
        slugs = svc.chats.subscriptions(chat.id)
        if not slugs:
            await send(update, context, "你还没有订阅任何分类。用 /subscribe 订阅，或用 /digest 分类名 查看任意分类。")
            return
    current = svc.chats.get(chat.id)
    tz = svc.chat_tz(current)
    local = svc.now().astimezone(tz)
    for slug in slugs:
        try:
            digest = build_category_digest(
                svc.store,
                slug,
                digest_date=local.date(),
                digest_time=local.time().replace(tzinfo=None),
                tz=tz,
                top_n=svc.config.digest.top_n,
                max_chars=svc.config.digest.max_chars,
            )
        except UnknownCategory:
            await send(update, context, f"「{texts.esc(svc.display_name(slug))}」暂时没有文章。")
            continue
        newest = svc.store.latest(slug, 1) if digest.is_empty else []
        if newest and newest[0].published <= local:
            # Nothing in the last 24 hours: a reader asking now still wants the latest news there is.
            until = newest[0].published.astimezone(tz) + timedelta(minutes=1)
            digest = build_category_digest(
                svc.store,
                slug,
                digest_date=until.date(),
                digest_time=until.time().replace(tzinfo=None),
                tz=tz,
                top_n=svc.config.digest.top_n,
                max_chars=svc.config.digest.max_chars,
            )
            await send(update, context, texts.DIGEST_FALLBACK)
        await send(update, context, render_digest_html(digest, send_empty=True))


# --- fallbacks ------------------------------------------------------------------------------------


def _addressed_to_other_bot(message: Message, bot_username: str | None) -> bool:
    entity = next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0), None)
    if entity is None:
        return False
    command = message.parse_entity(entity)
    if "@" not in command:
        return False
    return command.split("@", 1)[1].casefold() != (bot_username or "").casefold()


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        return
    if _addressed_to_other_bot(message, context.bot.username):
        return
    if chat.type != ChatType.PRIVATE and "@" not in message.text.split()[0]:
        return  # in groups, bare commands may be meant for another bot
    await send(update, context, texts.unknown_command(message.text.split()[0]))


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await send(update, context, texts.PRIVATE_HINT)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure; tell the user something useful, never a stack trace."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    text = texts.GENERIC_ERROR
    message = update.effective_message
    if update.message is not None and message is not None and message.text and message.text.startswith("/"):
        command = message.text.split()[0][1:].split("@", 1)[0].casefold()
        if command in texts.USAGE:
            text += f"\n用法：{texts.USAGE[command]}"
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.GENERIC_ERROR)
        else:
            await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError as exc:
        log.warning("could not report the error to chat %s: %s", update.effective_chat.id, exc)


# --- registration ---------------------------------------------------------------------------------


def register(application: Application) -> None:
    """Reader handlers (group 0) and the bookkeeping that runs before them (group -1)."""
    application.add_handler(TypeHandler(Update, record_chat), group=-1)
    application.add_handler(ChatMemberHandler(my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    commands = {
        "start": start,
        "help": help_command,
        "categories": categories_command,
        "subscribe": subscribe_command,
        "unsubscribe": unsubscribe_command,
        "mysubs": mysubs_command,
        "settime": settime_command,
        "timezone": timezone_command,
        "latest": latest_command,
        "digest": digest_command,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(toggle_callback, pattern=r"^subk?:"))
    application.add_handler(CallbackQueryHandler(more_callback, pattern=r"^more:"))
    application.add_error_handler(on_error)


def register_fallbacks(application: Application) -> None:
    """Unknown commands and stray text: added last to group 0, so a real command handler wins."""
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, private_text))
