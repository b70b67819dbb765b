"""A storm's item told from the newest bulletin its reports carry.

The forecaster issues a bulletin every few hours; an outlet's 20:00 report may relay the 15时 fix while
another report of the story carries the 18时 bulletin's 17时 fix and its newer track (回旋少动, then 6日
上午移出东海). Read the next morning, the item gives the newest fix and track, said to be the
forecaster's (据中央气象台，…).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.itemtext import body_sentences
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize

__all__ = ["newest_bulletin"]

_PART_HOURS = {"凌晨": 0, "早晨": 0, "上午": 0, "中午": 0, "下午": 12, "傍晚": 12, "晚上": 12, "夜间": 12}
# 3日15时位于…, 3日下午5点钟位于…: the storm's fix, at an hour of a day
_FIX = hanzi.compile(
    r"(?P<day>\d{1,2})日(?P<part>凌晨|早晨|上午|中午|下午|傍晚|晚上|夜间)?(?P<hour>\d{1,2})(?:时|点钟?)"
    r"(?P<where>[^，。]{0,4}?位于[^，。]{4,40})"
)
_WIND = hanzi.compile(r"中心附近最大风力有?\d{1,2}级(?:[（(][^）)]{2,20}[）)])?")
_STORM = hanzi.compile(r"台风|热带风暴")
_READ = 4  # sentences of each report read for its fix
_REPORTS = 6  # reports read: bounded, however big the story
_LONGEST = 110  # the newer forecast told in a line, not the bulletin


def _hour(fix: re.Match[str]) -> tuple[int, int]:
    hour = int(fix.group("hour"))
    if fix.group("part") and hour < 12:
        hour += _PART_HOURS[fix.group("part")]
    return int(fix.group("day")), hour


def newest_bulletin(text: str, title: str, reports: Sequence[Article], *, tz: ZoneInfo = NEWS_ZONE) -> str:
    """``text`` of a storm whose fix (3日15时位于…) a report of the story gives at a later hour, with
    that fix and the forecast after it in their place (据中央气象台，“卡努”3日17时位于…。预计，…); else
    ``text``."""
    told = split_text(text)
    at = next((k for k, s in enumerate(told) if _FIX.search(s)), None)
    if not _STORM.search(title) or at is None:
        return text
    fix = _FIX.search(told[at])
    assert fix is not None
    best: tuple[tuple[int, int], str, str] | None = None
    for report in reports[:_REPORTS]:
        local = report.published.astimezone(tz)
        read = [absolutize(s, local) for s in body_sentences(report, _READ)]
        for k, sentence in enumerate(read):
            newer = _FIX.search(sentence)
            if newer is None or _hour(newer) <= _hour(fix) or (best is not None and _hour(newer) <= best[0]):
                continue
            after = read[k + 1] if k + 1 < len(read) and read[k + 1].startswith("预计") else ""
            best = (_hour(newer), sentence, after)
    if best is None:
        return text
    (day, hour), sentence, forecast = best
    where = _FIX.search(sentence)
    wind, source = _WIND.search(sentence), _FORECASTER.search(sentence)
    name = _NAME.search(title) or _NAME.search(text)
    fixed = f"{name.group() if name else '台风'}{day}日{hour}时{where.group('where') if where else ''}"
    fixed = (f"据{source.group()}，" if source else "") + fixed + (f"，{wind.group()}" if wind else "") + "。"
    rest = told[at + 1 :]
    if forecast and rest and rest[0].startswith("预计"):
        rest = [_PARENTHESES.sub("", forecast), *rest[1:]]
    if len(fixed) > _LONGEST or (forecast and len(forecast) > _LONGEST):
        return text
    return "".join([*told[:at], fixed, *rest])


_FORECASTER = hanzi.compile(r"中央气象台|[\u4e00-\u9fff]{2,6}?气象台")
_NAME = hanzi.compile(r"“[^”]{1,8}”")
# （东经124.0度附近）: a bulletin's coordinates, not the reader's
_PARENTHESES = hanzi.compile(r"[（(]东经[^）)]{2,16}[）)]")
