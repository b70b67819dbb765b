"""A draft put out for comment, dated by the day its issuer published it.

A report retells the issuer's notice (国家互联网信息办公室起草了《个人信息保护合规审计管理办法(征求意见稿)》)
without a date: the notice itself gave none, it was the news of the day it appeared. Read the next
morning, 起草了 leaves the reader asking when; the story's reports that say the issuer released it
(国家互联网信息办公室发布关于…公开征求意见的通知) date it by the day they were published.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.records import Article

__all__ = ["draft_dated"]

# 国家互联网信息办公室起草了《…(征求意见稿)》: who drafted it, and the draft
_DRAFTED = hanzi.compile(r"(?P<who>[\u4e00-\u9fff]{2,14}?)起草了(?P<doc>《[^》]{2,60}征求意见稿[)）]?》)")
# 发布关于《…》公开征求意见的通知 / 就《…》公开征求意见: the issuer put it out
_RELEASED = hanzi.compile(r"(?:发布|公布)[^。]{0,60}?征求意见|就《[^》]{2,60}》(?:公开|向社会)征求意见")
_OPENING = 200  # characters of a report's opening where it tells the release


def draft_dated(text: str, reports: Sequence[Article], *, tz: ZoneInfo = NEWS_ZONE) -> str:
    """``text`` with a draft it says was only drafted told as published on the day the story's earliest
    report of its release appeared (国家互联网信息办公室3日公布《…(征求意见稿)》); unchanged when no report
    of the story tells the release."""
    drafted = _DRAFTED.search(text)
    if drafted is None:
        return text
    released = [a for a in reports if _RELEASED.search(" ".join(a.paragraphs)[:_OPENING])]
    if not released:
        return text
    day = min(a.published for a in released).astimezone(tz).day
    dated = f"{drafted.group('who')}{day}日公布{drafted.group('doc')}"
    return text[: drafted.start()] + dated + text[drafted.end() :]
