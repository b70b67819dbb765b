"""Relative time words made absolute, for text read on another day than it was written.

A digest is read the next morning, a week later in the archive: 今日 / 昨天 / 截至目前 written at
13:50 on the 8th must read 8日 / 7日 / 截至13:50. Words that are not relative to the writing day
stay: 今年, 今后, 目前的 and 目前 inside a clause, 日前 (it means "recently"), names such as 今日头条;
a clause opening on 目前 or 当前 loses the word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from digests import hanzi
from digests.records import Article

# 今日 / 今天 with an optional part of the day; not in names (今日头条, 今日说法, 今日闵行, 明日之星, 今日俄罗斯).
_DAY_WORD = hanzi.compile(
    r"(?P<word>今[日天]|昨[日天]|明[日天]|今(?=[晨早晚][，,间上]?)|昨(?=晚|夜)|明(?=晚))"
    r"(?![头说闵之方关]|俄罗斯|美国)"
    r"(?:[（(](?:(?P<month>\d{1,2})月)?(?P<given>\d{1,2})日[）)])?"  # 今天（31日）, 今天（8月3日）: the date is given
)
_AS_OF_NOW = hanzi.compile(
    r"(?:截至|截止|到)目前为止|截[至止](?:目前|当前|记者发稿时?|发稿时?)|到目前为止"
    # A sentence or clause opening on 目前/当前 (目前总统巴祖姆和他的家人状况良好): read the next morning, it misleads.
    r"|(?:(?<=^)|(?<=[。！？；，,]))(?:目前|当前)(?:[，,]\s*|(?=[\u4e00-\u9fff])(?!的|还|来看|看))"
)

# A running market figure of a flash item (北向资金净流入达80亿), and words that already anchor it in time.
_RUNNING = hanzi.compile(
    r"(?:北向资金|北上资金|南向资金|主力资金|两市成交额|沪深两市成交额|成交额|沪指|深成指|创业板指|恒指|恒生指数|"
    r"人民币|离岸人民币|在岸人民币)[^。；]{0,12}(?:净流入|净流出|净买入|净卖出|成交|涨|跌|报)"
)
# Words that already say which part of the trading day a figure is from.
_SESSION = r"收盘|全天|全日|早盘|午盘|午间|尾盘|盘中|上午|下午|午后"
_SESSION_WORD = hanzi.compile(_SESSION)
_ANCHORED = hanzi.compile(rf"截[至止]|收报|收涨|收跌|开盘|日内|\d{{1,2}}[:：]\d{{2}}|\d{{1,2}}时|{_SESSION}")
_OFFSET = {"今": 0, "昨": -1, "明": 1}


def _day_text(day: date, base: date) -> str:
    """8日, or 7月31日 when the day is in another month than the article, 2022年12月31日 in another year."""
    if day.year != base.year:
        return f"{day.year}年{day.month}月{day.day}日"
    if day.month != base.month:
        return f"{day.month}月{day.day}日"
    return f"{day.day}日"


def absolutize(text: str, published_local: datetime) -> str:
    """``text`` with 今日/昨天/明日… as the day of month and 截至目前 as the local time of writing.

    ``published_local`` is the article's publication time in the digest's zone.
    """
    base = published_local.date()

    def day(match: re.Match[str]) -> str:
        word = match.group("word")
        target = base + timedelta(days=_OFFSET[word[0]])
        given = match.group("given")
        if given and int(given) == target.day:
            month = match.group("month")
            return f"{month}月{given}日" if month and int(month) == target.month else _day_text(target, base)
        day_text = _day_text(target, base)
        return day_text + (match.group(0)[len(word) :] if given else "")

    def weekday(match: re.Match[str]) -> str:
        # Frost周三 → Frost 2日: a Latin name and the day's digits would run together
        before = match.string[match.start() - 1 : match.start()]
        space = " " if before.isascii() and before.isalpha() else ""
        return space + _day_text(_last(base, match.group("wd")), base)

    text = _WEEKDAY.sub(weekday, _DAY_WORD.sub(day, _DATE_AND_WEEKDAY.sub(r"\g<date>", text)))
    text = _PART_AND_CLOCK.sub("", text)
    now = f"截至{published_local:%H:%M}"
    # A clause's own 目前 goes: the report may quote a statement made hours before it was written, so
    # its publication time would date the state wrongly (尼日尔总统府: 目前总统…状况良好).
    return _AS_OF_NOW.sub(lambda m: "" if m.group(0).startswith(("目前", "当前")) else now, text)


def _last(day: date, weekday: str) -> date:
    """The last 周``weekday`` up to ``day``, ``day`` included."""
    return day - timedelta(days=(day.weekday() - _WEEKDAYS.index(weekday)) % 7)


# 周二 / 星期二 of a report (惠誉周二将美国评级下调): the past day it names, read on another day. Not a
# schedule (每周二, 周一至周五), another week (上周二, 下周二) or a day ahead (将于周二公布).
_WEEKDAYS = "一二三四五六日"
_WEEKDAY = hanzi.compile(
    r"(?<![每上下本这至到、\-—])(?<!将于)(?<!预计)(?:周|星期)(?P<wd>[一二三四五六日])(?![末至到、\-—])"
)


# 下午15时: a part of the day the 24-hour clock already gives.
_PART_AND_CLOCK = hanzi.compile(r"(?:下午|晚上|晚间|傍晚|夜间)(?=(?:1[3-9]|2[0-3])(?:时|点|[:：]\d))")
# 26日(周三): the weekday a date already gives.
_DATE_AND_WEEKDAY = hanzi.compile(r"(?P<date>\d{1,2}日)\s*[（(](?:周|星期)[一二三四五六日天][）)]")
_CLOCK_ONLY = hanzi.compile(r"截[至止](?=\d{1,2}[:：]\d{2})")


def _session(minutes: int) -> str:
    """上午 / 午间 / 午后: which part of the trading day, so a reader the next morning does not take the
    figure for the close."""
    return "上午" if minutes < 11 * 60 + 30 else "午间" if minutes < 13 * 60 else "午后"


def stamp_running(sentence: str, published_local: datetime) -> str:
    """A running intraday market figure shown as intraday: 北向资金净流入达80亿 → 截至午后13:50，北向资金…;
    数据显示，截至13:50，… → 数据显示，截至午后13:50，…

    Only during trading hours (9:15–15:00); a sentence anchored otherwise (截至收盘, 早盘) is left alone.
    """
    minutes = published_local.hour * 60 + published_local.minute
    if not (9 * 60 + 15 <= minutes < 15 * 60) or not _RUNNING.search(sentence):
        return sentence
    session = _session(minutes)
    if _CLOCK_ONLY.search(sentence) and not _SESSION_WORD.search(sentence):
        return _CLOCK_ONLY.sub(lambda m: m.group(0) + session, sentence, count=1)
    if _ANCHORED.search(sentence):
        return sentence
    return f"截至{session}{published_local:%H:%M}，{sentence}"


# A part of the day with no day before it (…加强为强台风级，下午再度加强): in a headline read the next
# morning it would mean that morning's day.
_BARE_PART_OF_DAY = hanzi.compile(r"(?<![日号天晚\d])(上午|下午|傍晚|晚间|凌晨|中午)")


_CLAUSE_PART_OF_DAY = hanzi.compile(r"[，,]\s*(?:上午|下午|傍晚|晚间|凌晨|中午)(?=[\u4e00-\u9fff]{2})")


def headline_when(title: str, published_local: datetime) -> str:
    """A headline with its relative day words made absolute and its first bare part of the day dated
    (央行下午宣布 → 央行31日下午宣布), or dropped where it opens a later clause (，下午再度加强 → ，再度加强)."""
    title = absolutize(title, published_local)
    # Opening a later clause (…加强为强台风级，下午再度加强) it only says when that day: the next morning it goes.
    later = _CLAUSE_PART_OF_DAY.sub("，", title, count=1)
    if later != title:
        return later
    return _BARE_PART_OF_DAY.sub(lambda m: f"{published_local.day}日{m.group(1)}", title, count=1)


# The day a report dates its news in its opening words (会议25日在北京举行, 惠誉当地时间8月1日将…),
# not the background further on (…据报道，民进党当局2日宣布); a span's end or start (截至7月31日,
# 7月31日以来) dates a figure's period, not when it was told.
_OPENING_DAY = hanzi.compile(r"(?<![截止至到自从\d月])(?:(\d{1,2})月)?(\d{1,2})日(?!以来|起|之?前|之?后|至|到|—|-)")
OPENING_SPAN = 30  # characters of a report's opening where it dates its news


def day_told(opening: str, first_day: date, *, written: date | None = None) -> date | None:
    """The date the opening gives its news (its month and year from ``first_day`` when not given); a
    weekday (惠誉周二将…) read as the last such day up to the day it was ``written``."""
    if written is not None:
        opening = _WEEKDAY.sub(lambda m: _day_text(_last(written, m.group("wd")), written), opening[:OPENING_SPAN])
    found = _OPENING_DAY.search(opening[:OPENING_SPAN])
    if not found:
        return None
    month = int(found.group(1)) if found.group(1) else first_day.month
    year = first_day.year - (1 if month > first_day.month + 1 else 0)  # 12月31日 in a January digest
    try:  # a day ahead (将于28日举行) is a date due, never yesterday's
        return date(year, month, int(found.group(2)))
    except ValueError:
        return None


# 7月26日 in a text beside 26日: a date of the page's own month, written as its day alone.
_MONTH_DAY = hanzi.compile(r"(?<![-年\d.·／/])(\d{1,2})月(\d{1,2})日")


def in_month(text: str, month: int) -> str:
    """``text`` with its dates of ``month`` (the report's) told by their day alone, as a wire writes
    them and as the text's other dates read (7月26日，国家防总… beside 26日，中央气象台… → 26日，国家防总…);
    a date with its year, or of another month, keeps its month."""
    return _MONTH_DAY.sub(lambda m: f"{m.group(2)}日" if int(m.group(1)) == month else m.group(), text)


# 最新 before an act or a report (西共体委员会最新发表声明, 据…最新消息): "newest" when filed, stale
# when the page is read the next morning.
_STALE_NEWEST = hanzi.compile(r"(?<=[\u4e00-\u9fff])最新(?=发表|发布|宣布|表示|通报)|最新(?=报道|消息)")


def without_newest(text: str) -> str:
    """``text`` without the 最新 that dates it to its filing (西共体委员会发表声明)."""
    return _STALE_NEWEST.sub("", text)


# (较最新收盘价高近17%): a distance from a price that has moved by the time the page is read.
_FROM_MOVING_PRICE = hanzi.compile(r"\s*[（(]较(?:最新|当前|目前|现)?(?:收盘价|股价|现价)[^（）()]{0,12}[）)]")


def without_moving_base(text: str) -> str:
    """``text`` without a figure measured from the latest price (目标价200美元(较最新收盘价高近17%) →
    目标价200美元): read the next morning, the price and so the figure are another."""
    return _FROM_MOVING_PRICE.sub("", text)


# 26日早晨: a day and its part, as an hour abroad is told.
_PART = r"凌晨|早晨|早上|上午|中午|下午|傍晚|晚间?|夜间"
# 26日早晨，部分总统卫队的成员…: an hour abroad that another report of the story says is local time.
_ABROAD_WHEN = hanzi.compile(rf"(?<!当地时间)(?<![\d月])((?:\d{{1,2}}月)?(?P<day>\d{{1,2}})日(?P<part>{_PART}))")
# 当地时间26日早晨, 当地时间8月1日: what a report says is local time (a day alone: every hour of it)
_LOCAL_WHEN = hanzi.compile(rf"当地时间(?:\d{{4}}年)?(?:\d{{1,2}}月)?(?P<day>\d{{1,2}})日(?P<part>{_PART})?")
_LOCAL_READ = 6  # reports read for 当地时间: bounded, however big the story
_LOCAL_SPAN = 2000  # characters of each


def local_time_told(text: str, reports: Sequence[Article]) -> str:
    """``text`` with an hour another report of the story gives as local time told as such (当地时间26日
    早晨，部分总统卫队的成员…; 1日晚些时候 where a report says 当地时间8月1日): read at home, a bare 26日早晨
    is Beijing's."""
    said = " ".join(" ".join(r.paragraphs)[:_LOCAL_SPAN] for r in reports[:_LOCAL_READ])
    local = {(m.group("day"), m.group("part")) for m in _LOCAL_WHEN.finditer(said)}

    def told(m: re.Match[str]) -> str:
        is_local = (m.group("day"), m.group("part")) in local or (m.group("day"), None) in local
        return f"当地时间{m.group(1)}" if is_local else m.group(1)

    return _ABROAD_WHEN.sub(told, text)
