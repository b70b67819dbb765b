"""Chinese UI text of the bot (Telegram HTML; anything dynamic is escaped by the helpers here).

Command names stay Latin; everything a reader sees is Chinese.  Constants are
hand-written HTML (``&lt;`` where a literal ``<`` is meant); helpers that take
user or store values escape them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from digests.records import Category

if TYPE_CHECKING:
    from bot.chats import Schedule
    from digests.ingest import IngestReport

# (command, menu description, usage with an example — HTML)
READER_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("start", "开始使用，订阅分类", "/start"),
    ("help", "所有命令和示例", "/help"),
    ("categories", "分类列表和文章数", "/categories"),
    ("subscribe", "订阅分类（不带参数显示按钮）", "/subscribe 东财滚动新闻"),
    ("unsubscribe", "取消订阅（all 取消全部）", "/unsubscribe emnews　或　/unsubscribe all"),
    ("mysubs", "我的订阅和推送时间", "/mysubs"),
    ("settime", "设置每日摘要时间", "/settime 08:30"),
    ("timezone", "设置时区", "/timezone Asia/Shanghai"),
    ("latest", "搜索最新文章", "/latest 京津冀 5"),
    ("digest", "立即查看摘要", "/digest　或　/digest emnews"),
    ("watch", "关注关键词，有新文章时提醒", "/watch 京津冀　（多个词用空格隔开＝同时出现；不带参数列出）"),
    ("unwatch", "取消关注关键词（all 取消全部）", "/unwatch 京津冀　或　/unwatch all"),
    ("mute", "屏蔽词：不再看到含这个词的文章", "/mute 广告　（不带参数列出）"),
    ("unmute", "取消屏蔽词（all 取消全部）", "/unmute 广告　或　/unmute all"),
)
ADMIN_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("push", "管理员：推送突发消息", "/push emnews 文本、文章 ID 或文章链接　（all 推送给所有订阅者）"),
    ("stats", "管理员：订阅与投递统计", "/stats"),
    ("ingest", "管理员：立即扫描新文章", "/ingest"),
    ("channel", "管理员：绑定频道推送摘要", "/channel add @频道 emnews 08:00　/channel list　/channel remove @频道"),
)
USAGE: dict[str, str] = {name: usage for name, _, usage in READER_COMMANDS + ADMIN_COMMANDS}

GENERIC_ERROR = "出错了，请稍后再试。"
DIGEST_FALLBACK = "过去 24 小时没有新文章，以下是最近有新闻的一天："
NOT_ADMIN = "⛔ 这个命令只有机器人管理员可以使用。"
GROUP_ADMIN_ONLY = "只有本群管理员可以修改本群的订阅和推送设置。"
GROUP_ADMIN_UNKNOWN = "暂时无法确认你是否是本群管理员，请稍后再试。"
PRIVATE_HINT = "想看新闻？试试 /latest 京津冀，或发送 /help 查看所有命令。"
NO_CATEGORIES = "还没有任何分类的文章。管理员可以用 /ingest 载入文章。"
NO_SUBSCRIPTIONS = "你还没有订阅任何分类。发送 /subscribe 选择分类。"
TOGGLE_HEADER = "点按分类订阅或取消（✅ 已订阅，➕ 未订阅）："
UNSUB_HEADER = "点按分类取消订阅（再点一次可恢复）："
LATEST_USAGE = (
    "用法：<code>/latest 关键词 [条数]</code>\n例如：/latest 京津冀　或　/latest 央行 10\n默认 5 条，最多 20 条。"
)
LOOKUP_EXPIRED = "这个搜索已过期，请重新搜索。"
NO_MORE = "没有更多结果了。"
MORE_BUTTON = "更多 ▸"
PUSH_USAGE = (
    "用法：<code>/push 分类|all 内容</code>\n内容可以是一段文字、文章 ID 或文章链接。\n"
    "例如：/push emnews 央行宣布降准　或　/push all f9e4a1f828a7a5fa"
)
PUSH_EXPIRED = "这个推送预览已失效（已确认、已取消或已过期）。"
PUSH_CANCELLED = "❎ 已取消推送，没有发送任何消息。"
PUSH_CONFIRM = "✅ 确认发送"
PUSH_CANCEL = "✖ 取消"
INGEST_STARTED = "正在扫描文章目录…"
SETTIME_USAGE = "用法：<code>/settime HH:MM</code>，例如 /settime 08:30（按本聊天的时区）。/settime 默认 恢复默认时间。"
TIMEZONE_USAGE = "用法：<code>/timezone 地区/城市</code>，例如 /timezone Asia/Shanghai"
CATEGORIES_HEADER = "<b>分类</b>（订阅：/subscribe 名称）"
BUTTON_EXPIRED = "这个按钮已失效，请重新发送 /subscribe。"
MYSUBS_HEADER = "<b>我的订阅</b>"
SCHEDULE_HINT = "修改：/settime HH:MM　/timezone 地区/城市"
DIGEST_NO_SUBSCRIPTIONS = "你还没有订阅任何分类。用 /subscribe 订阅，或用 /digest 分类名 查看任意分类。"
PUSH_CANCELLED_TOAST = "已取消"
PUSH_QUEUED_TOAST = "已加入发送队列"
STATS_PER_CATEGORY = "<b>各分类订阅数</b>"
STATS_NO_SUBSCRIPTIONS = "还没有订阅。"


def esc(text: object) -> str:
    return html.escape(str(text), quote=False)


def shorten(text: str, n: int = 40) -> str:
    """User input shown back to the user: one line, at most ``n`` characters (plain text)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def clip(text: str, n: int = 40) -> str:
    """:func:`shorten`, escaped for HTML."""
    return esc(shorten(text, n))


def help_text(is_admin: bool) -> str:
    lines = ["<b>📰 新闻摘要机器人</b>", "每天按你订阅的分类推送新闻摘要，也可以随时搜索最新文章。", ""]
    lines.append("<b>命令</b>")
    for name, desc, usage in READER_COMMANDS:
        lines.append(f"/{name} — {esc(desc)}\n　例：{usage}")
    if is_admin:
        lines += ["", "<b>管理员命令</b>"]
        for name, desc, usage in ADMIN_COMMANDS:
            lines.append(f"/{name} — {esc(desc)}\n　例：{usage}")
    lines += ["", "群组里只有群管理员可以修改订阅、时间、关注和屏蔽词；命令可以写成 /命令@机器人名。"]
    return "\n".join(lines)


def welcome(first_name: str | None, *, came_back: bool) -> str:
    hello = f"你好，{esc(first_name)}！" if first_name else "你好！"
    if came_back:
        hello = "欢迎回来！已恢复推送。" + hello
    return (
        f"{hello}我是新闻摘要机器人：每天把你订阅的分类整理成简短摘要。\n\n"
        f"{TOGGLE_HEADER}\n\n随时发送 /latest 京津冀 搜索最新文章，/help 查看所有命令。"
    )


def category_lines(categories: Sequence[Category]) -> list[str]:
    return [f"• <b>{esc(c.display_name)}</b>（<code>{esc(c.slug)}</code>）— {c.count} 篇" for c in categories]


def names(categories: Iterable[Category]) -> str:
    return "、".join(esc(c.display_name) for c in categories)


def unknown_category(name: str, suggestions: Sequence[Category]) -> str:
    text = f"找不到分类「{clip(name)}」。"
    if suggestions:
        text += f"你是不是想找：{names(suggestions)}？"
    else:
        text += "发送 /categories 查看所有分类。"
    return text


def unknown_command(command: str) -> str:
    return f"不认识的命令 {clip(command, 40)}。发送 /help 查看所有命令和示例。"


def error_with_usage(command: str) -> str:
    """The apology after a failed command, with the command's usage when we know it."""
    if command in USAGE:
        return f"{GENERIC_ERROR}\n用法：{USAGE[command]}"
    return GENERIC_ERROR


# --- subscriptions and schedule -------------------------------------------------------------------


def subscribed(categories: Iterable[Category]) -> str:
    return f"✅ 已订阅：{names(categories)}"


def already_subscribed(categories: Iterable[Category]) -> str:
    return f"之前已订阅：{names(categories)}"


def subscribed_schedule(schedule: Schedule) -> str:
    return f"每天 {esc(schedule.hhmm)}（{esc(schedule.zone)}）推送摘要，/settime 修改时间。"


def unsubscribed_all(count: int) -> str:
    return f"已取消全部 {count} 个订阅。"


def unsubscribed(categories: Iterable[Category]) -> str:
    return f"已取消订阅：{names(categories)}"


def not_subscribed(categories: Iterable[Category]) -> str:
    return f"本来就没有订阅：{names(categories)}"


def toggled_on(name: str) -> str:
    return f"已订阅 {name}"


def toggled_off(name: str) -> str:
    return f"已取消订阅 {name}"


def subscription_line(name: str, slug: str) -> str:
    return f"• {esc(name)}（<code>{esc(slug)}</code>）"


def schedule_line(schedule: Schedule) -> str:
    t = esc(schedule.hhmm) + ("（默认）" if schedule.default_time else "")
    z = esc(schedule.zone) + ("（默认）" if schedule.default_zone else "")
    return f"每日摘要时间：<b>{t}</b>，时区：<b>{z}</b>"


def bad_time(raw: str) -> str:
    return f"「{clip(raw, 20)}」不是有效的时间。\n{SETTIME_USAGE}"


def time_set(schedule: Schedule) -> str:
    return f"好的，每天 <b>{esc(schedule.hhmm)}</b>（{esc(schedule.zone)}）推送摘要。"


def current_timezone(zone: str, local_hhmm: str) -> str:
    return f"当前时区：<b>{esc(zone)}</b>（当地时间 {local_hhmm}）\n{TIMEZONE_USAGE}"


def unknown_timezone(raw: str, suggestions: Sequence[str]) -> str:
    text = f"不认识的时区「{clip(raw, 30)}」。"
    if suggestions:
        text += "你是不是想找：" + "、".join(esc(s) for s in suggestions) + "？"
    return f"{text}\n{TIMEZONE_USAGE}"


def timezone_set(schedule: Schedule, local_hhmm: str) -> str:
    return f"时区已设为 <b>{esc(schedule.zone)}</b>（当地时间 {local_hhmm}），每天 {esc(schedule.hhmm)} 推送摘要。"


# --- news -----------------------------------------------------------------------------------------


def latest_header(query: str, offset: int, count: int) -> str:
    """Plain text (the article renderer escapes its header)."""
    shown = shorten(query, 30)
    if offset:
        return f"「{shown}」更多结果（第 {offset + 1}–{offset + count} 条）"
    return f"「{shown}」的最新文章"


def latest_capped(most: int) -> str:
    return f"一次最多显示 {most} 条。"


def nothing_found(query: str, categories: Sequence[Category], *, muted: int = 0) -> str:
    text = f"没有找到包含「{clip(query, 30)}」的文章。换个关键词试试"
    if categories:
        text += "，或看看这些分类（/digest 分类名）：" + names(categories)
    if muted:
        text += f"。本聊天有 {muted} 个屏蔽词，含这些词的文章不会显示（/mute 查看）"
    return text + "。"


def category_empty(name: str) -> str:
    return f"「{esc(name)}」暂时没有文章。"


# --- admin ----------------------------------------------------------------------------------------


def push_audience(category_name: str | None) -> str:
    return "所有订阅者" if category_name is None else f"「{esc(category_name)}」的订阅者"


def push_nobody(audience: str) -> str:
    return f"\n\n———\n没有可发送的聊天：{audience}为 0。"


def push_counts(chats: int, channels: int) -> str:
    return f"<b>{chats}</b> 个聊天和 <b>{channels}</b> 个频道" if channels else f"<b>{chats}</b> 个聊天"


def push_preview(audience: str, chats: int, channels: int = 0) -> str:
    return f"\n\n———\n预览：将发送给{audience}，共 {push_counts(chats, channels)}。确认发送？"


def push_queued(broadcast_id: int, audience: str, chats: int, channels: int = 0) -> str:
    return (
        f"\n\n———\n✅ 已加入发送队列（广播 #{broadcast_id}）：{audience}，共 {push_counts(chats, channels)}。"
        "发送完成后会通知你结果。"
    )


def broadcast_report(broadcast_id: int, item_key: str, sent: int, failed: int, blocked: int) -> str:
    return f"<b>推送报告</b> #{broadcast_id}（{esc(item_key)}）\n已送达 {sent}，失败 {failed}，已屏蔽/失效 {blocked}"


def stats_header(local: datetime, zone: str) -> str:
    return f"<b>📊 统计</b>（{local:%Y-%m-%d %H:%M} {esc(zone)}）"


def stats_chats(active: int, subscribed: int) -> str:
    return f"活跃聊天：{active}，有订阅的聊天：{subscribed}"


def stats_category_line(name: str, count: int) -> str:
    return f"• {esc(name)}：{count}"


def stats_articles(today: int, total: int) -> str:
    return f"今日新文章：{today}（共 {total} 篇）"


def stats_reach(watches: int, watching_chats: int, mutes: int, channels: int, stopped: int) -> str:
    line = f"关键词关注：{watches}（{watching_chats} 个聊天），屏蔽词：{mutes}，绑定频道：{channels}"
    return line + (f"（{stopped} 个已停止）" if stopped else "")


def stats_deliveries(counts: Mapping[str, int]) -> str:
    return (
        f"今日投递：成功 {counts.get('sent', 0)}，失败 {counts.get('failed', 0)}，"
        f"被屏蔽 {counts.get('blocked', 0)}，待发送 {counts.get('pending', 0)}"
    )


def ingest_report(report: IngestReport, total: int) -> str:
    lines = [
        f"扫描完成：新增 {report.new}，更新 {report.updated}，未变 {report.unchanged}，"
        f"无法解析 {len(report.rejected)}。现有文章 {total} 篇。"
    ]
    for path, reason in report.rejected[:5]:
        lines.append(f"• {clip(Path(path).name, 60)}：{clip(reason, 120)}")
    if len(report.rejected) > 5:
        lines.append(f"……另有 {len(report.rejected) - 5} 个文件。")
    return "\n".join(lines)


# --- keyword watches and mute words (bot.watches) -------------------------------------------------

WATCH_USAGE = (
    "用法：<code>/watch 关键词</code>，例如 /watch 京津冀\n"
    "多个词用空格隔开表示同时出现，例如 /watch 央行 降准。有新文章提到它时，每次扫描合并提醒一次。"
)
MUTE_USAGE = "用法：<code>/mute 词语</code>，例如 /mute 广告\n含这个词的文章不会出现在本聊天的摘要、提醒和 /latest 里。"
NO_WATCHES = "还没有关注任何关键词。"
NO_MUTES = "还没有屏蔽词。"
WORDS_EMPTY = "这个关键词里没有可以搜索的文字（标点和符号会被忽略）。"


@dataclass(frozen=True)
class WordTexts:
    """The replies of /watch and /mute (and their un-commands); ``{w}`` the words, ``{n}`` a count."""

    header: str
    added: str
    exists: str
    removed: str
    absent: str
    full: str
    cleared: str
    usage: str
    empty: str


WORD_TEXTS = {
    "watches": WordTexts(
        header="<b>关注的关键词</b>（/unwatch 词 取消）",
        added="🔔 已关注「{w}」：有新文章提到它时会提醒（共 {n} 个）。",
        exists="之前已关注「{w}」。",
        removed="已取消关注「{w}」。",
        absent="没有关注「{w}」。",
        full="最多只能关注 {n} 个关键词，请先用 /unwatch 删除一些。",
        cleared="已取消全部 {n} 个关注。",
        usage=WATCH_USAGE,
        empty=NO_WATCHES,
    ),
    "mutes": WordTexts(
        header="<b>屏蔽词</b>（/unmute 词 取消）",
        added="🔇 已屏蔽「{w}」：含它的文章不再出现在本聊天的摘要、提醒和搜索里（共 {n} 个）。",
        exists="之前已屏蔽「{w}」。",
        removed="已取消屏蔽「{w}」。",
        absent="没有屏蔽「{w}」。",
        full="最多只能设置 {n} 个屏蔽词，请先用 /unmute 删除一些。",
        cleared="已取消全部 {n} 个屏蔽词。",
        usage=MUTE_USAGE,
        empty=NO_MUTES,
    ),
}


def words_list(table: str, words: Sequence[str], limit: int) -> str:
    t = WORD_TEXTS[table]
    if not words:
        return f"{t.empty}\n{t.usage}"
    return "\n".join([f"{t.header} {len(words)}/{limit}", *(f"• {clip(w, 60)}" for w in words)])


def words_changed(table: str, outcome: str, words: str = "", count: int = 0) -> str:
    """outcome: a WordTexts field (added, exists, removed, absent, full, cleared)."""
    t = WORD_TEXTS[table]
    if outcome == "cleared" and not count:
        return t.empty
    return str(getattr(t, outcome)).format(w=clip(words, 40), n=count)


def words_too_long(limit: int) -> str:
    return f"关键词太长了（最多 {limit} 个字）。请只写关键的几个字，例如 /watch 京津冀。"


# --- channels (bot.channels) -----------------------------------------------------------------------

CHANNEL_USAGE = (
    "用法：\n<code>/channel add @频道名 分类… [HH:MM]</code>　绑定频道，每天推送这些分类的摘要\n"
    "<code>/channel list</code>　已绑定的频道\n<code>/channel remove @频道名</code>　解除绑定\n"
    "频道也可以写成 -100 开头的数字 ID。机器人必须是频道管理员，并有“发布消息”权限。"
)
CHANNEL_PRIVATE_ONLY = "请在和机器人的私聊里管理频道。"
NO_CHANNELS = "还没有绑定频道。\n" + CHANNEL_USAGE
CHANNELS_HEADER = "<b>已绑定的频道</b>"
CHANNEL_NEEDS_CATEGORY = "请写出要推送到频道的分类，例如 /channel add @mychannel emnews 08:00"


def channel_not_found(ref: str) -> str:
    return (
        f"找不到频道 {clip(ref, 40)}。请检查频道名（公开频道的 @用户名，或 -100 开头的 ID），"
        "并确认已把机器人添加为频道管理员。"
    )


def channel_not_a_channel(ref: str, chat_type: str) -> str:
    return f"{clip(ref, 40)} 不是频道（是 {esc(chat_type)}）。群组请直接在群里用 /subscribe。"


def channel_bot_missing(title: str, status: str) -> str:
    if status in ("left", "kicked"):
        return f"机器人不在频道「{clip(title)}」里：请在频道设置 → 管理员中添加机器人，并开启“发布消息”权限。"
    return f"机器人在频道「{clip(title)}」里还不是管理员：请把它设为管理员，并开启“发布消息”权限。"


def channel_cannot_post(title: str) -> str:
    return f"机器人是频道「{clip(title)}」的管理员，但没有“发布消息”权限：请在管理员权限里开启它。"


def channel_check_failed(ref: str) -> str:
    return f"暂时无法确认机器人在 {clip(ref, 40)} 的权限，请稍后再试。"


def channel_line(
    title: str, username: str | None, chat_id: int, categories: Sequence[str], schedule: Schedule, active: bool
) -> str:
    name = f"{clip(title)}" + (f"（@{esc(username)}）" if username else "")
    state = "" if active else "　⚠️ 已停止：机器人被移出或失去权限"
    cats = "、".join(esc(c) for c in categories) or "（无分类）"
    return f"• {name} <code>{chat_id}</code>\n　{cats}，每天 {esc(schedule.hhmm)}（{esc(schedule.zone)}）{state}"


def channel_added(title: str, categories: Iterable[Category], schedule: Schedule) -> str:
    return (
        f"✅ 已绑定频道「{clip(title)}」：每天 {esc(schedule.hhmm)}（{esc(schedule.zone)}）"
        f"推送 {names(categories)} 的摘要，突发推送也会发到频道。"
    )


def channel_removed(title: str) -> str:
    return f"已解除绑定频道「{clip(title)}」，不再向它推送。"


def channel_unknown(ref: str) -> str:
    return f"{clip(ref, 40)} 不是已绑定的频道。/channel list 查看已绑定的频道。"


# Why a channel stopped taking posts: our own reasons and Telegram's error texts, by marker.
_CHANNEL_REASONS = (
    (("removed from the channel", "not a member", "kicked", "chat not found"), "机器人被移出了频道，或频道已删除"),
    (("no admin rights", "administrator rights", "not enough rights"), "机器人不再是管理员，或没有“发布消息”权限"),
)


def channel_reason(reason: str) -> str:
    low = reason.casefold()
    return next((text for markers, text in _CHANNEL_REASONS if any(m in low for m in markers)), reason)


def channel_gone_report(title: str, chat_id: int, reason: str) -> str:
    return (
        f"⚠️ 频道「{clip(title)}」（<code>{chat_id}</code>）已停止推送：{clip(channel_reason(reason), 120)}\n"
        "重新把机器人设为频道管理员后，用 /channel add 再次绑定即可恢复。"
    )


# --- the local chat console (bot.console) ---------------------------------------------------------

CONSOLE_BOT_NAME = "新闻摘要"
CONSOLE_PROMPT = "你> "
CONSOLE_EDITED = "（已更新）"
CONSOLE_NO_BUTTON = "（没有这个按钮：输入上一个键盘里的编号，或输入命令，例如 /help）"
CONSOLE_INTRO = (
    "本地聊天控制台：输入命令和机器人对话（不连接 Telegram）。试试 /latest 京津冀 或 /help；"
    "输入数字按下按钮，/quit 退出。"
)


def console_other_chat(chat_id: int) -> str:
    return f"[→ 聊天 {chat_id}] "


def console_loaded(report: IngestReport, total: int, db: object) -> str:
    return (
        f"已载入文章：新增 {report.new}，更新 {report.updated}，未变 {report.unchanged}，"
        f"无法解析 {len(report.rejected)}（共 {total} 篇，数据库 {db}）"
    )
