"""Chinese UI text of the bot (Telegram HTML; anything dynamic is escaped by the helpers here).

Command names stay Latin; everything a reader sees is Chinese.  Constants are
hand-written HTML (``&lt;`` where a literal ``<`` is meant); helpers that take
user or store values escape them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from digests.records import Category

if TYPE_CHECKING:
    from bot.stores.chats import Schedule
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
    ("timezone", "设置时区", "/timezone 上海　或　/timezone UTC+8　或　/timezone Europe/Berlin"),
    ("script", "简体或繁体：本聊天用哪种文字", "/script 繁　或　/script 简　（港、台：香港、台湾用字）"),
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
    ("dashboard", "管理员：网页仪表板登录链接（仅私聊）", "/dashboard"),
    (
        "source",
        "管理员：RSS/Atom/JSON Feed 源",
        "/source add 链接 分类 [名称]　/source list　/source remove 链接或名称",
    ),
)
USAGE: dict[str, str] = {name: usage for name, _, usage in READER_COMMANDS + ADMIN_COMMANDS}

GENERIC_ERROR = "出错了，请稍后再试。"
DIGEST_FALLBACK = "今天还没有新文章，以下是最近有新闻的一天："
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
SETTIME_USAGE = "用法：<code>/settime HH:MM</code>，例如 /settime 08:30（按本聊天的时区）。/settime 默认 恢复默认时间。"
TIMEZONE_USAGE = (
    "用法：<code>/timezone 时区</code>，可以写城市（上海、北京时间、香港、台北、东京、伦敦）、"
    "时差（UTC+8、GMT+08:00、东八区）或 地区/城市（Asia/Shanghai、Europe/Berlin）"
)
CATEGORIES_HEADER = "<b>分类</b>（订阅：/subscribe 名称）"
BUTTON_EXPIRED = "这个按钮已失效，请重新发送 /subscribe。"
PAGE_PREVIOUS = "◀ 上一页"
PAGE_NEXT = "下一页 ▶"
PAGE_GONE = "这一页已经没有了（分类有变化），请重新发送 /subscribe。"
STALE_BUTTON = "这个按钮已失效，请重新发送命令。"
MYSUBS_HEADER = "<b>我的订阅</b>"
SCHEDULE_HINT = "修改：/settime HH:MM　/timezone 地区/城市"
DIGEST_NO_SUBSCRIPTIONS = "你还没有订阅任何分类。用 /subscribe 订阅，或用 /digest 分类名 查看任意分类。"


def zone_label(zone: str) -> str:
    """A zone as readers write it: tzdata's Etc/GMT-8 is UTC+8 (its Etc signs are inverted)."""
    if zone.startswith("Etc/GMT") and zone[7:8] in ("+", "-") and zone[8:].isdigit():
        return f"UTC{-int(zone[7:]):+d}"
    return zone


def breaking_label(zone: str | None) -> str:
    """The head of a breaking push; with an article, the zone its time is shown in."""
    label = "🔴 <b>突发</b>"
    return label if zone is None else f"{label}　<i>时间：{esc(zone_label(zone))}</i>"


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
    return f"每天 {esc(schedule.hhmm)}（{esc(zone_label(schedule.zone))}）推送摘要，/settime 修改时间。"


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
    z = esc(zone_label(schedule.zone)) + ("（默认）" if schedule.default_zone else "")
    return f"每日摘要时间：<b>{t}</b>，时区：<b>{z}</b>"


def bad_time(raw: str) -> str:
    return f"「{clip(raw, 20)}」不是有效的时间。\n{SETTIME_USAGE}"


def time_set(schedule: Schedule) -> str:
    return f"好的，每天 <b>{esc(schedule.hhmm)}</b>（{esc(zone_label(schedule.zone))}）推送摘要。"


def current_timezone(zone: str, local_hhmm: str) -> str:
    return f"当前时区：<b>{esc(zone_label(zone))}</b>（当地时间 {local_hhmm}）\n{TIMEZONE_USAGE}"


def unknown_timezone(raw: str, suggestions: Sequence[str]) -> str:
    text = f"不认识的时区「{clip(raw, 30)}」。"
    if suggestions:
        text += "你是不是想找：" + "、".join(esc(s) for s in suggestions) + "？"
    return f"{text}\n{TIMEZONE_USAGE}"


def timezone_set(schedule: Schedule, local_hhmm: str) -> str:
    zone = esc(zone_label(schedule.zone))
    return f"时区已设为 <b>{zone}</b>（当地时间 {local_hhmm}），每天 {esc(schedule.hhmm)} 推送摘要。"


# --- news -----------------------------------------------------------------------------------------


def latest_header(query: str, offset: int, count: int) -> str:
    """Plain text (the article renderer escapes its header)."""
    shown = shorten(query, 30)
    if offset:
        return f"「{shown}」更多结果（第 {offset + 1}–{offset + count} 条）"
    return f"「{shown}」的最新文章"


def latest_future_note(count: int, *, more: int) -> str:
    """After the /latest header: matches dated in the future were left out (until their date)."""
    if not count:
        return ""
    n = f"超过 {more}" if count > more else str(count)
    return f"（另有 {n} 篇日期在未来的文章，到期后显示）"


def latest_only_future(query: str, count: int, first: date, *, more: int) -> str:
    """/latest found only articles dated in the future: say so rather than "nothing found"."""
    n = f"超过 {more}" if count > more else str(count)
    return (
        f"包含「{clip(query, 30)}」的 {n} 篇文章日期都在未来（最早 {first.year}年{first.month}月{first.day}日），"
        "到期后才会出现在 /latest 里。"
    )


def latest_capped(most: int) -> str:
    return f"一次最多显示 {most} 条。"


def nothing_found(query: str, categories: Sequence[Category]) -> str:
    text = f"没有找到包含「{clip(query, 30)}」的文章。换个关键词试试"
    if categories:
        text += "，或看看这些分类（/digest 分类名）：" + names(categories)
    return text + "。"


def latest_all_muted(query: str, count: int, words: Sequence[str], *, more: int) -> str:
    """/latest found articles, and the chat's mute words hid every one of them."""
    n = f"超过 {more}" if count > more else str(count)
    by = "、".join(f"「{clip(w, 20)}」" for w in words[:5]) or "屏蔽词"
    undo = f"/unmute {clip(words[0], 20)}" if len(words) == 1 else "/unmute 词语"
    return (
        f"有 {n} 篇文章包含「{clip(query, 30)}」，但都被本聊天的屏蔽词{by}隐藏了。"
        f"要看到它们：{undo}（/mute 查看所有屏蔽词）。"
    )


def category_empty(name: str) -> str:
    return f"「{esc(name)}」暂时没有文章。"


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


def words_broad(table: str, words: str, hits: int, sample: int) -> str:
    """Under an accepted watch or mute word that matches nearly every article."""
    w = clip(words, 20)
    share = f"最近 {sample} 篇文章里有 {hits} 篇含「{w}」" if sample else f"「{w}」几乎每篇文章都有"
    if table == "watches":
        return f"⚠️ {share}：几乎每次扫描都会提醒你。想收窄范围，可以 /unwatch {w} 后关注更具体的词。"
    return f"⚠️ {share}：屏蔽它会隐藏几乎所有文章。如果不是有意的，请 /unmute {w}。"


def words_too_long(limit: int) -> str:
    return f"关键词太长了（最多 {limit} 个字）。请只写关键的几个字，例如 /watch 京津冀。"


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
