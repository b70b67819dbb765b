"""Where a storm is now: a typhoon's position is a reading of the hour, and an item that tells one tells
the newest its story's reports give.

A report filed at 20:00 may still tell the 15:00 position (卡努3日15时位于…约335公里) while the
forecaster's 18:00 bulletin, filed at 19:27, gives 17:00 (约325公里) and a changed track (明天上午转向偏东
方向移动，6日上午移出东海): the page is read the next morning, and the older reading is the stale one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.itemtext import body_sentences
from digests.records import Article

__all__ = ["newest_reading", "read_out_report", "unsuperseded"]

# 3日15时位于…, 中心今天（3日）下午5点钟位于…, 8月3日9时，台风“卡努”的中心位于…: the hour a position was read.
_POSITION = hanzi.compile(
    r"(?:(?P<day>\d{1,2})日)?(?:[（(]\d{1,2}日[）)])?(?P<part>凌晨|早晨|上午|中午|下午|傍晚|晚上|夜间)?"
    r"(?P<hour>\d{1,2})(?:时|点钟?)(?:\d{1,2}分)?[，,]?"
    r"(?:其|它的?|[^，,。“”]{0,8}“[^”]{1,8}”(?:[（(][^（）()]{1,8}[）)])*的?)?(?:中心)?(?:已经?)?位于"
)
_AFTERNOON = ("中午", "下午", "傍晚", "晚上", "夜间")
# What a bulletin reads out that a news item does not: coordinates, pressure, the wind circles' radii.
_READOUT = hanzi.compile(
    r"[，,]\s*(?:就是|即)?北纬[\d.]+度?[，,、]\s*东经[\d.]+度?"
    r"|[（(]北纬[\d.]+度?[，,、]\s*东经[\d.]+度?[）)]|[（(](?:北纬|东经)[\d.]+度?附近[）)]"
    r"|[，,]\s*中心最低气压(?:为|是|有)?[\d.]+百帕"
    r"|[，,]\s*[七十]{1,2}二?级风圈半径[^，,。；]*"
)
_NAME = hanzi.compile(r"“([^”]{1,8})”")
_READ = 2  # a position report gives it first: a position further down is background, not its news
_REPORTS = 12  # reports of the story read: bounded, however big the story


def _stamp(sentence: str, written: datetime) -> tuple[int, int] | None:
    """(day, hour) of the position ``sentence`` reads, its day the report's when it gives none."""
    found = _POSITION.search(sentence)
    if found is None:
        return None
    hour = int(found.group("hour"))
    if found.group("part") in _AFTERNOON and hour < 12:
        hour += 12
    day = int(found.group("day")) if found.group("day") else written.day
    return (day, hour) if hour < 24 else None


# “卡努”（KHANUN）: the storm's international name, for a bulletin's foreign readers.
_LATIN_NAME = hanzi.compile(r"(?<=”)[（(][A-Z][A-Za-z-]*[）)]")
# 下午5点钟位于 as a news item tells the hour: 17时位于.
_SPOKEN_HOUR = hanzi.compile(
    r"(?P<part>凌晨|早晨|上午|中午|下午|傍晚|晚上|夜间)(?P<hour>\d{1,2})点钟?(?=位于|[，,]其?中心位于)"
)


def _hour(match: re.Match[str]) -> str:
    hour = int(match.group("hour"))
    return f"{hour + 12 if match.group('part') in _AFTERNOON and hour < 12 else hour}时"


def _read_out(sentence: str) -> str:
    """The bulletin's position told as news: 卡努（强台风级）的中心3日17时位于…，中心附近最大风力有14级。"""
    return _SPOKEN_HOUR.sub(_hour, _LATIN_NAME.sub("", _READOUT.sub("", sentence)))


def _reading(report: Article, tz: ZoneInfo | None) -> tuple[tuple[int, int], frozenset[str]] | None:
    """When the report's first position reading was read, and the storms it names; None without one."""
    local = report.published.astimezone(tz or NEWS_ZONE)
    for sentence in body_sentences(report, _READ):
        stamp = _stamp(sentence, local)
        names = frozenset(_NAME.findall(sentence))
        if stamp is not None and names:
            return stamp, names
    return None


def newest_reading(rep: Article, reports: Sequence[Article], *, tz: ZoneInfo | None = None) -> Article:
    """The report that tells a storm item: ``rep``, unless it reads the storm's position and another
    of ``reports`` reads the same storm's at a later hour (the 18时 bulletin's 17时 position, filed
    at 19:27, over a 20:00 report of the 15时 one): its text, credit and time, one bulletin throughout."""
    own = _reading(rep, tz)
    if own is None:
        return rep
    best, newest = rep, own[0]
    for report in reports[:_REPORTS]:
        found = _reading(report, tz)
        if found is not None and found[0] > newest and found[1] & own[1]:
            best, newest = report, found[0]
    return best


def unsuperseded(told_by: Article, reports: Sequence[Article], *, tz: ZoneInfo | None = None) -> list[Article]:
    """``reports`` without those reading the storm ``told_by`` reads at an earlier hour: their
    forecast (在浙江南部近海回旋少动) is not added to the newer bulletin's."""
    own = _reading(told_by, tz)
    if own is None:
        return list(reports)
    out = []
    for report in reports:
        found = _reading(report, tz) if report is not told_by else None
        if found is None or found[0] >= own[0] or not found[1] & own[1]:
            out.append(report)
    return out


def read_out_report(report: Article) -> Article:
    """``report`` with a bulletin's position told as news: no coordinates, pressure or wind radii, no
    international name, the hour as 17时 (卡努（强台风级）的中心3日17时位于…，中心附近最大风力有14级。)."""
    paragraphs = tuple(_read_out(p) for p in report.paragraphs)
    return report if paragraphs == report.paragraphs else replace(report, paragraphs=paragraphs)
