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

__all__ = ["signed"]

_PHOTO_CREDIT = hanzi.compile(r"(?:摄|图|供图|摄影)\s*[）)]?\s*$|摄影")
_BRACKETED = hanzi.compile(rf"[（(](?P<who>[{CJK}]{{2,10}})[）)]\s*$")


def signed(cleaned: Cleaned) -> str | None:
    """The outlet a reporter's credit ``cleaned`` cut names; None when none does."""
    for cut in cleaned.removed:
        if not _PHOTO_CREDIT.search(cut) and (name := byline_outlet(cut) or _in_brackets(cut)):
            return name
    return None


def _in_brackets(line: str) -> str | None:
    """The outlet closing a credit line in brackets (…（央视新闻）); not a bracket naming none (（图片来源网络）)."""
    found = _BRACKETED.search(line)
    name = outlet_name(found.group("who")) if found else None
    return name if found and name == found.group("who") else None
