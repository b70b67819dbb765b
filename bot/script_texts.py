"""What /script says, and the line /start and /channel add give about a chat's script.

Written in Simplified like every text of the bot: it is shown in the chat's own script on the way
out (bot/scripted.py), so a 繁 chat reads this in Traditional.
"""

from __future__ import annotations

from bot.texts import esc
from digests.hanzi import script

SCRIPT_USAGE = (
    "用法：<code>/script 简</code>（简体）、<code>/script 繁</code>（繁体）、"
    "<code>/script 港</code>（香港用字）或 <code>/script 台</code>（台湾用字和用语）。"
    "新闻原文不论简繁都能搜索、关注和屏蔽：台积电和臺積電是同一个词。"
)


def script_line(code: str) -> str:
    return f"本聊天以{script(code).name}显示摘要、提醒和搜索结果；/script 可以改为简体、繁体、港或台。"


def current_script(code: str) -> str:
    return f"{script_line(code)}\n{SCRIPT_USAGE}"


def script_set(code: str) -> str:
    return f"✅ 好的，以后本聊天的摘要、提醒、突发推送、搜索结果和命令回复都以{script(code).name}显示。"


def unknown_script(raw: str) -> str:
    return f"不认识“{esc(raw[:20])}”这种文字。{SCRIPT_USAGE}"


def channel_script(code: str) -> str:
    return f"\n频道以{script(code).name}显示（在命令末尾加上 简、繁、港 或 台 可以更改）。"
