"""Where a storm is now: a typhoon's position is a reading of the hour, and an item that tells one tells
the newest its story's reports give.

A report filed at 20:00 may still tell the 15:00 position (卡努3日15时位于…约335公里) while the
forecaster's 18:00 bulletin, filed at 19:27, gives 17:00 (约325公里) and a changed track (明天上午转向偏东
方向移动，6日上午移出东海): the page is read the next morning, and the older reading is the stale one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.itemtext import at_home, body_sentences
from digests.reading import tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize

__all__ = ["newest_position"]

# 3日15时位于…, 中心今天（3日）下午5点钟位于…, 8月3日9时，其中心位于…: the hour a position was read.
_POSITION = hanzi.compile(
    r"(?:(?P<day>\d{1,2})日)?(?:[（(]\d{1,2}日[）)])?(?P<part>凌晨|早晨|上午|中午|下午|傍晚|晚上|夜间)?"
    r"(?P<hour>\d{1,2})(?:时|点钟?)(?:\d{1,2}分)?[，,]?(?:其|它的?)?(?:中心)?(?:已经?)?位于"
)
_AFTERNOON = ("中午", "下午", "傍晚", "晚上", "夜间")
# What a bulletin reads out that a news item does not: coordinates, pressure, the wind circles' radii.
_READOUT = hanzi.compile(
    r"[，,]\s*(?:就是|即)?北纬[\d.]+度?[，,、]\s*东经[\d.]+度?"
    r"|[（(]北纬[\d.]+度?[，,、]\s*东经[\d.]+度?[）)]"
    r"|[，,]\s*中心最低气压(?:为|是|有)?[\d.]+百帕"
    r"|[，,]\s*[七十]{1,2}二?级风圈半径[^，,。；]*"
)
_FORECAST = hanzi.compile(r"^(?:预计|预报)")
_NAME = hanzi.compile(r"“([^”]{1,8})”")
_READ = 6  # sentences of each report read for its position: a bulletin gives it first
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


def newest_position(text: str, rep: Article, reports: Sequence[Article], *, tz: ZoneInfo | None = None) -> str:
    """``text`` (told by ``rep``) with the storm position it tells, and the forecast after it, replaced
    by the newest that ``reports`` give of the same storm, read out as news (no coordinates, pressure
    or wind radii); unchanged when it tells none or none is newer."""
    sentences = split_text(text)
    at = next((k for k, s in enumerate(sentences) if _POSITION.search(s)), None)
    if at is None:
        return text
    names = set(_NAME.findall(sentences[at])) or set(_NAME.findall(text))
    if not names:
        return text
    shown = _stamp(sentences[at], rep.published.astimezone(tz or NEWS_ZONE))
    best: tuple[tuple[int, int], list[str]] | None = None
    for report in reports[:_REPORTS]:
        local = report.published.astimezone(tz or NEWS_ZONE)
        told = body_sentences(report, _READ)
        for k, sentence in enumerate(told):
            stamp = _stamp(sentence, local)
            if stamp is None or not names & set(_NAME.findall(sentence)):
                continue
            if shown is None or stamp <= shown or (best is not None and stamp <= best[0]):
                break
            after = told[k + 1 : k + 2]
            pair = [sentence, *(s for s in after if _FORECAST.match(s))]
            best = (stamp, [tidy_spaces(at_home(absolutize(_read_out(s), local))) for s in pair])
            break
    if best is None:
        return text
    follows = sentences[at + 1 : at + 2]
    replaced = 2 if follows and _FORECAST.match(follows[0]) else 1  # the older reading's forecast goes with it
    return "".join([*sentences[:at], *best[1], *sentences[at + replaced :]])
