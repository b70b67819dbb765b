"""A forecast whose window has passed by the time the page is read.

A report written on the 26th says 台风“杜苏芮”26日夜间至27日早晨将移入南海东北部: read over breakfast on
the 27th, that is no longer a forecast but something that happened or did not. The clause goes; the
forecast after it (将于28日早晨至上午在…登陆) is still ahead of the reader.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from digests import hanzi

__all__ = ["MORNING", "without_passed_forecasts"]

MORNING = time(8)  # a page made at midnight is read over breakfast
# Where a part of the day ends, in hours after its midnight: 27日早晨 is over at 08:00, 26日夜间 at 24:00.
_ENDS = {"凌晨": 6, "早晨": 8, "清晨": 8, "早上": 8, "上午": 12, "中午": 14, "白天": 18, "下午": 18, "傍晚": 19}
_PART = r"凌晨|早晨|清晨|早上|上午|中午|下午|傍晚|白天|夜间|晚上|晚间"
# 26日夜间至27日早晨将移入南海东北部，/ 26日夜间将移入…，: a window, what will happen in it, and more after it.
_WINDOW_FORECAST = hanzi.compile(
    rf"(?:\d{{1,2}}日(?:{_PART})?(?:至|到|—|-))?(?P<day>\d{{1,2}})日(?P<part>{_PART})?"
    r"(?:前后)?将[^，。；,;]{2,30}[，,](?=[^，。；,;])"
)
_GOES_ON = hanzi.compile(r"将|并|还|预计|可能|或")  # matched where the next clause starts


def without_passed_forecasts(text: str, written: date, read: datetime) -> str:
    """``text`` (written on ``written``) without the forecast clauses whose window has ended by ``read``
    (local, naive), when the sentence goes on after them; the next clause is told as the forecast
    (…，逐渐向闽粤沿海靠近 → 将逐渐向闽粤沿海靠近). A window's day is the writing day or the next."""
    days = {d.day: d for d in (written, written + timedelta(days=1))}

    def passed(found: re.Match[str]) -> str:
        day = days.get(int(found.group("day")))
        if day is None:
            return found.group()
        ends = datetime.combine(day, time()) + timedelta(hours=_ENDS.get(found.group("part") or "", 24))
        if ends > read:
            return found.group()
        return "" if _GOES_ON.match(text, found.end()) else "将"

    return _WINDOW_FORECAST.sub(passed, text)
