"""Chinese replies of /source (Telegram HTML; dynamic values escaped here)."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from digests.feeds.poll import Outcome
from digests.feeds.state import SourceRow

SOURCE_USAGE = (
    "用法：\n<code>/source add 链接 分类 [名称] [全文]</code>　添加 RSS/Atom/JSON Feed 源，新文章进入这个分类"
    "（最后写“全文”：只有摘要的源，读取每篇文章的原网页正文）\n"
    "<code>/source list</code>　所有源和它们的状态\n<code>/source remove 链接或名称</code>　删除在聊天中添加的源\n"
    "例如：/source add https://rsshub.app/cls/telegraph cls 财联社电报"
)
NO_SOURCES = "还没有任何源。\n" + SOURCE_USAGE
SOURCES_HEADER = "<b>源</b>"
BAD_URL = "链接必须以 http:// 或 https:// 开头。"
BAD_CATEGORY = "分类名只能包含文字、数字、_ 和 -，最长 64 个字符。"

# Why a source could not be read, by FetchError/poll kind.
_KINDS = {
    "refused": "地址被拒绝：这是内网、本机或链路本地地址（配置 sources.allow_private = true 才允许）",
    "not_found": "页面不存在",
    "http": "服务器返回错误",
    "tls": "TLS/证书错误",
    "timeout": "超时",
    "network": "无法连接",
    "redirects": "重定向次数过多",
    "not_feed": "这不是 RSS、Atom 或 JSON Feed",
    "too_large": "内容太大",
    "internal": "内部错误",
}


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def failure(kind: str | None, error: str | None) -> str:
    reason = _KINDS.get(kind or "", "读取失败")
    return f"{reason}（{esc((error or '')[:200])}）" if error else reason


def add_failed(url: str, outcome: Outcome) -> str:
    return f"❌ 没有添加 {esc(url)}：{failure(outcome.kind, outcome.error)}"


def added(name: str, category: str, outcome: Outcome) -> str:
    line = f"✅ 已添加源 <b>{esc(name)}</b> → 分类 {esc(category)}：{outcome.items} 条，新文章 {outcome.new} 篇。"
    return line + (f"\n⚠️ {esc(outcome.note)}" if outcome.note else "")


def already(url: str) -> str:
    return f"这个源已经存在：{esc(url)}。/source list 查看。"


def unknown(what: str) -> str:
    return f"没有找到源 {esc(what)}。/source list 查看所有源。"


def from_config(row: SourceRow) -> str:
    return f"源 <b>{esc(row.label)}</b> 写在配置文件里（sources.feeds），请在配置文件中删除。"


def removed(row: SourceRow) -> str:
    return f"已删除源 <b>{esc(row.label)}</b>（已收录的文章保留）。"


def stats_sources(rows: list[SourceRow]) -> str:
    failing = [r for r in rows if r.failures]
    line = f"源：{len(rows)} 个" + (f"，{len(failing)} 个读取失败" if failing else "，全部正常")
    return line + "（/source list）"


def source_line(row: SourceRow, tz: ZoneInfo) -> str:
    head = f"• <b>{esc(row.label)}</b> → {esc(row.category)}" + ("（配置文件）" if row.origin == "config" else "")
    parts = [f"  {esc(row.url)}"]
    if row.last_success:
        parts.append(f"  上次成功：{_when(row.last_success, tz)}，{row.items} 条，共收录 {row.stored} 篇")
    else:
        parts.append("  还没有成功读取过")
    if row.failures:
        parts.append(f"  ❌ 连续失败 {row.failures} 次：{failure(row.error_kind, row.last_error)}")
    if row.note:
        parts.append(f"  ⚠️ {esc(row.note)}")
    return "\n".join([head, *parts])


def _when(stamp: str, tz: ZoneInfo) -> str:
    return datetime.fromisoformat(stamp).astimezone(tz).strftime("%m-%d %H:%M")
