"""Chinese UI text of the bot (Telegram HTML; anything dynamic is escaped by the helpers here).

Command names stay Latin; everything a reader sees is Chinese.  Constants are
hand-written HTML (``&lt;`` where a literal ``<`` is meant); helpers that take
user or store values escape them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from digests.records import Category

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
)
ADMIN_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("push", "管理员：推送突发消息", "/push emnews 文本、文章 ID 或文章链接　（all 推送给所有订阅者）"),
    ("stats", "管理员：订阅与投递统计", "/stats"),
    ("ingest", "管理员：立即扫描新文章", "/ingest"),
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
    lines += ["", "群组里只有群管理员可以修改订阅和时间；命令可以写成 /命令@机器人名。"]
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


def schedule_line(hhmm: str, tz_name: str, *, default_time: bool, default_tz: bool) -> str:
    t = esc(hhmm) + ("（默认）" if default_time else "")
    z = esc(tz_name) + ("（默认）" if default_tz else "")
    return f"每日摘要时间：<b>{t}</b>，时区：<b>{z}</b>"
