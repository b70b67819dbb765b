"""Whose report it is, from the credits cleaning cut as furniture: the last evidence, after every
credit in the text (digests.textdoc).

A report may end on its reporter's credit alone (山西晚报 记者 辛戈) or close it with its outlet in
brackets (文/记者 张利箭 赵爻之（央视新闻）); cleaning cuts the line, and the outlet it names is the
report's when nothing else names one. A photo's credit (新华社记者 王飞航 摄) is not: it names who
took the photo, which a report may borrow.
"""

from __future__ import annotations

from digests import hanzi
from digests.boilerplate import Cleaned, byline_outlet, outlet_name
from digests.inline_furniture import CJK

__all__ = ["reporters", "signed"]

_PHOTO_CREDIT = hanzi.compile(r"(?:摄|图|供图|摄影)\s*[）)]?\s*$|摄影")
_BRACKETED = hanzi.compile(rf"[（(](?P<who>[{CJK}]{{2,10}})[）)]\s*$")
# 文/记者 杨洋 任秋宇 彭海龙编辑/王朝: the reporters signing it, each name set apart (a name run into the
# next word, 李茵摄像, is not read)
_NAME_END = r"(?=[\s、，,）)丨|｜]|$|编辑|通讯员|实习生)"
# a role or a verb where a name would stand (记者从…获悉, 通讯员 宗雪), and 丨 (记者丨李严) is a separator
_NOT_NAME = r"(?!从|在|获|了解|近日|日前|通讯员|实习生|编辑|摄像|记者)"
_NAME = rf"{_NOT_NAME}(?:(?!丨)[{CJK}]){{2,3}}{_NAME_END}"
_REPORTERS = hanzi.compile(
    rf"(?:^|[/／\s（(])(?:首席|特约|特派|见习|实习|全媒体)?记者[\s：:丨|｜]*(?P<first>{_NAME})(?P<more>[\s、，,]+{_NAME})?"
)


def signed(cleaned: Cleaned) -> str | None:
    """The outlet a reporter's credit ``cleaned`` cut names; None when none does."""
    for cut in cleaned.removed:
        if not _PHOTO_CREDIT.search(cut) and (name := byline_outlet(cut) or _in_brackets(cut)):
            return name
    return None


def reporters(cleaned: Cleaned) -> str | None:
    """The reporters a credit ``cleaned`` cut names, as a reader credits them (记者杨洋等 for 文/记者 杨洋 任秋宇
    彭海龙); None when none is named clearly."""
    for cut in cleaned.removed:
        found = None if _PHOTO_CREDIT.search(cut) else _REPORTERS.search(cut)
        if found:
            return f"记者{found.group('first')}" + ("等" if found.group("more") else "")
    return None


def _in_brackets(line: str) -> str | None:
    """The outlet closing a credit line in brackets (…（央视新闻）); not a bracket naming none (（图片来源网络）)."""
    found = _BRACKETED.search(line)
    name = outlet_name(found.group("who")) if found else None
    return name if found and name == found.group("who") else None
