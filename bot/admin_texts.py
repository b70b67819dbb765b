"""Chinese UI text that only the bot's admins see: /push, /stats, /ingest, reports, /channel.

Reader-facing text, the command list and the escaping helpers are in :mod:`bot.texts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from bot.texts import clip, esc, names, zone_label
from digests.hanzi import DEFAULT_SCRIPT, script
from digests.records import Category

if TYPE_CHECKING:
    from bot.delivery.sender_health import SenderHealth
    from bot.stores.chats import Schedule
    from digests.ingest import IngestReport


PUSH_USAGE = (
    "用法：<code>/push 分类|all 内容</code>\n内容可以是一段文字、文章 ID 或文章链接。\n"
    "例如：/push emnews 央行宣布降准　或　/push all f9e4a1f828a7a5fa"
)
PUSH_EXPIRED = "这个推送预览已失效（已确认、已取消或已过期）。"
PUSH_CANCELLED = "❎ 已取消推送，没有发送任何消息。"
PUSH_CONFIRM = "✅ 确认发送"
PUSH_CANCEL = "✖ 取消"
INGEST_STARTED = "正在扫描文章目录…"
PUSH_CANCELLED_TOAST = "已取消"
PUSH_QUEUED_TOAST = "已加入发送队列"
STATS_PER_CATEGORY = "<b>各分类订阅数</b>"
STATS_NO_SUBSCRIPTIONS = "还没有订阅。"


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


def broadcast_report(broadcast_id: int, title: str | None, sent: int, failed: int, blocked: int) -> str:
    named = f"「{clip(title, 60)}」" if title else ""
    return f"<b>推送报告</b> #{broadcast_id}{named}\n已送达 {sent}，失败 {failed}，已屏蔽/失效 {blocked}"


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
    if report.future:
        first = min(published for _, published in report.future)
        lines.append(
            f"⚠️ {len(report.future)} 篇文章的日期在未来（最早 {first:%Y-%m-%d}，UTC），"
            "到那天之前不算作分类的“最新”文章：" + "、".join(clip(Path(p).name, 40) for p, _ in report.future[:3])
        )
    return "\n".join(lines)


# --- channels (bot.channels) -----------------------------------------------------------------------

CHANNEL_USAGE = (
    "用法：\n<code>/channel add @频道名 分类… [HH:MM] [简|繁|港|台]</code>　绑定频道，每天推送这些分类的摘要\n"
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
    title: str,
    username: str | None,
    chat_id: int,
    categories: Sequence[str],
    schedule: Schedule,
    active: bool,
    script_code: str = DEFAULT_SCRIPT,
) -> str:
    name = f"{clip(title)}" + (f"（@{esc(username)}）" if username else "")
    state = "" if active else "　⚠️ 已停止：机器人被移出或失去权限"
    cats = "、".join(esc(c) for c in categories) or "（无分类）"
    zone = esc(zone_label(schedule.zone))
    shown = "" if script_code == DEFAULT_SCRIPT else f"，{script(script_code).name}"
    return f"• {name} <code>{chat_id}</code>\n　{cats}，每天 {esc(schedule.hhmm)}（{zone}）{shown}{state}"


def channel_added(title: str, categories: Iterable[Category], schedule: Schedule) -> str:
    return (
        f"✅ 已绑定频道「{clip(title)}」：每天 {esc(schedule.hhmm)}（{esc(zone_label(schedule.zone))}）"
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


PUSH_CONFIRM_AGAIN = "🔁 确认再次发送"


def _at(when: datetime, zone: str) -> str:
    return f"{when:%m-%d %H:%M}（{esc(zone_label(zone))}）"


def push_repeat_warning(when: datetime, zone: str, broadcast_id: int, sent: int) -> str:
    """Under a preview of an item that went out before: the admin confirms a second time knowingly."""
    return (
        f"\n⚠️ 这条内容已于 {_at(when, zone)}推送过（广播 #{broadcast_id}，已送达 {sent} 个聊天）。"
        "再次确认会重新发送给上面所有聊天。"
    )


def push_already_sent(when: datetime, zone: str, broadcast_id: int) -> str:
    return (
        f"\n\n———\n⛔ 没有发送：这条内容已于 {_at(when, zone)}推送过（广播 #{broadcast_id}），"
        "在这个预览之后。要再发一次，请重新 /push。"
    )


def push_already_sent_toast(when: datetime, zone: str) -> str:
    # A toast is plain text: no escaping.
    return f"没有发送：已于 {when:%m-%d %H:%M}（{zone_label(zone)}）推送过"


def stats_sender(health: SenderHealth | None, now: datetime, tz: tzinfo) -> str:
    """The outbox sender's state: when it last worked, its backlog, and what is failing now."""
    if health is None or not health.running:
        return "发送器：⚠️ 未运行"
    backlog = "未知" if health.backlog is None else str(health.backlog)
    if health.last_pass_at is None:
        last = "尚无"
    else:
        age = max(0, int((now - health.last_pass_at).total_seconds()))
        last = f"{health.last_pass_at.astimezone(tz):%H:%M:%S}（{age} 秒前）"
    line = f"发送器：{'正常' if health.ok else '⚠️ 出错'}，上次成功 {last}，积压 {backlog} 条"
    if health.consecutive_errors:
        line += f"\n连续出错 {health.consecutive_errors} 次，正在重试：{clip(health.last_error or '', 120)}"
    elif health.errors:
        line += f"（启动以来出错 {health.errors} 次，已恢复）"
    if health.paused_until is not None:
        line += f"\nTelegram 暂时不可用，{health.paused_until.astimezone(tz):%H:%M:%S} 后重试"
    return line


def push_paid_cost(stars: float, rate: float) -> str:
    return (
        f"\n💫 付费广播：最高每秒 {rate:g} 条，预计花费约 <b>{stars:g}</b> Telegram Stars"
        "（超出每秒 30 条免费额度的消息每条 0.1 Star）。"
    )


# --- the dashboard (bot/web): the bot's replies and the pages' refusals; page text is in bot/web/templates/

DASHBOARD_PRIVATE_ONLY = "请在与机器人的私聊中发送 /dashboard，登录链接只发给你本人。"
DASHBOARD_NEEDS_WEBHOOK = "仪表板只在 webhook 模式下提供（配置 telegram.webhook_url）。"
DASHBOARD_LINK_REFUSED = "链接无效、已过期或已使用。请在私聊中向机器人发送 /dashboard 获取新链接。"
DASHBOARD_ADMINS_ONLY = "只有机器人管理员可以查看。"
DASHBOARD_SIGN_IN_FIRST = "请先在私聊中向机器人发送 /dashboard 获取登录链接。"


def dashboard_unknown_category(slug: str) -> str:
    return f"没有这个分类：{slug}"  # the template escapes it


def dashboard_link(url: str, minutes: int) -> str:
    return f'<a href="{esc(url)}">打开仪表板</a>\n链接 {minutes} 分钟内有效，只能使用一次；不要转发给别人。'
