"""What an item owes its reader beyond its lede: when its rule takes effect and how long a temporary
one lasts, a bill's next vote, until when a draft is open for comment, a data release's companion
figure, what a PMI reading means, whether a road that gave way is closed, whom a storm still strikes,
the rating a downgrade left, the market's record move beside a claim of limited impact, and what the
program planted by a network attack does.

The reports give these late (…列入出口管制范围。并指出本公告自2023年9月1日起正式实施。; 当天披露的数据还
显示，7月份，中国非制造业商务活动指数为51.5%，…), after the lede an item shows; a reader of
四部门发布对部分无人机实施出口管制公告 asks first when it applies, one of 制造业PMI为49.3% for the other index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.decks import added
from digests.itemtext import QUANTITY, body_sentences
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize, local_time_told

__all__ = ["RULE", "owed_told", "rating_from_day", "reading_against_line", "said_in"]

# 公告, 办法, 管制…: a headline about a rule (what it owes: when it starts, its companion document)
RULE = hanzi.compile(r"公告|办法|规定|条例|措施|通知|管制|新规|细则|征求意见稿")

# a rating cut or raised (惠誉下调评级的影响有限)
_RATED = hanzi.compile(
    r"(?:下调|上调|调降|调升|降低|提高|下修|上修)[^，。\s]{0,10}评级|评级[^，。\s]{0,4}(?:下调|上调|遭降|被降)"
)

# the rating it left (…下调一档，至AA+)
_RATING_LEFT = hanzi.compile(
    r"(?:下调|上调|调降|调升|降|升)[^。]{0,8}?至[“\"]?(?:[AB]{1,3}|Aa|Baa|Ba|Caa?|C)[+\-]?\d?(?![A-Za-z])"
)

_STORM = hanzi.compile(r"台风|热带风暴")
# 8月2日夜间进入东海, 28日早晨在福建福清到广东惠来一带沿海登陆: when a storm reaches the country
_REACHES = hanzi.compile(
    r"\d{1,2}日[^，。]{0,20}?(?:登陆|(?:进入|移入)(?:我国)?(?:东海|南海|黄海|渤海|[^，。]{0,8}沿海))"
)
# 预计“卡努”将以每小时15-20公里的速度向西北方向移动: a track that says only which way it heads
_HEADING = hanzi.compile(r"^预计[^。]{0,30}?向[^。，]{0,6}(?:方向)?移动[^。]{0,20}。$")
# 上海市气象部门介绍: the forecaster a report has a storm's track from
_FORECASTER = hanzi.compile(r"[\u4e00-\u9fff]{2,8}?气象(?:台|局|部门|中心)")
# What the headline is about, and the sentence it owes: a rule and its start, a bill passed by one
# chamber and its next vote, an index and its release's companion (manufacturing PMI and
# non-manufacturing, CPI and PPI).
_OWED = (
    (RULE, hanzi.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日起(?:正式)?(?:实施|施行|执行|生效)")),
    (hanzi.compile(r"法案|议案|草案"), hanzi.compile(r"将于[^，。]{0,16}(?:投票|表决|审议|签署)")),
    # a draft put out for comment, and until when the public may comment (意见反馈截止时间为2023年9月2日。)
    (hanzi.compile(r"征求意见"), hanzi.compile(r"截止(?:时间|日期)?为?(?:\d{4}年)?\d{1,2}月\d{1,2}日")),
    (hanzi.compile(r"(?<!非)制造业(?:PMI|采购经理指数)"), hanzi.compile(r"非制造业商务活动指数(?:为|是)?\d")),
    # a road or bridge that gave way, and whether the road is closed (…高速公路实行了全线双向封闭。)
    (
        hanzi.compile(r"(?:公路|高速|桥梁?|隧道)[^，。\s]{0,8}(?:塌陷|坍塌|垮塌|冲毁|断裂)"),
        hanzi.compile(r"全线(?:双向)?封闭"),
    ),
    # a rating cut or raised, and to what (惠誉在周二晚些时候将美国主权信用评级下调一档，至AA+。)
    (_RATED, _RATING_LEFT),
    # a storm, and when it reaches the country's seas or coast (预计…于8月2日夜间进入东海，…): where it is
    # now says little to a reader on that coast
    (_STORM, _REACHES),
    (
        hanzi.compile(r"CPI|居民消费价格"),
        hanzi.compile(r"(?:PPI|工业生产者出厂价格)(?:指数)?[^，。]{0,8}?\d"),
    ),
    (
        hanzi.compile(r"PPI|工业生产者出厂价格"),
        hanzi.compile(r"(?:CPI|居民消费价格)(?:指数)?[^，。]{0,8}?\d"),
    ),
)
# How the report moves on to it, not the fact: 并指出本…, 当天披露的数据还显示，; 目前， read the next morning.
_LEAN = hanzi.compile(
    r"^(?:(?:并指出|并明确|并规定|同时|此外|另外|并|目前|当前)[，,]?\s*(?:本)?|[^，。]{0,12}?(?:数据|统计)?(?:还|也|同时)?(?:显示|表明)[，,]\s*)"
)
_LONGEST = 60  # told in a sentence of its own, not a paragraph that mentions it
_READ = 6  # reports read: bounded, however big the story
_SENTENCES = 30  # sentences of each report read


def _owed_sentence(said: Sequence[tuple[Article, str]], owed: re.Pattern[str], tz: ZoneInfo) -> str | None:
    """The first short sentence of ``said`` telling what ``owed`` matches, without how its report moves
    on to it, dated as the reader reads it (惠誉在周二晚些时候… → 惠誉在1日晚些时候…)."""
    for report, sentence in said:
        plain = _LEAN.sub("", sentence.strip())
        if owed.search(plain) and plain.endswith("。") and len(plain) <= _LONGEST:
            return absolutize(plain, report.published.astimezone(tz))
    return None


def _forecast_credited(forecast: str, said: Sequence[tuple[Article, str]]) -> str:
    """A storm's forecast track (预计台风“卡努”于8月2日夜间进入东海，…) credited to the forecaster its report
    names (据上海市气象部门预计，…): forecasters differ, and the reader weighs whose track it is."""
    if not forecast.startswith("预计"):
        return forecast
    report = next((r for r, sentence in said if forecast[2:12] in sentence), None)
    named = _FORECASTER.search(" ".join(report.paragraphs)[:_FORECASTER_SPAN]) if report else None
    return f"据{named.group()}预计，{forecast[2:].lstrip('，,')}" if named else forecast


_FORECASTER_SPAN = 2000  # characters of the report read for who forecast the track


def _reach_told(text: str, reach: str, budget: int) -> str:
    """``text`` telling when its storm reaches the country (``reach``), in place of a track that says
    only which way it heads (预计“卡努”将以…速度向西北方向移动…) where ``reach`` is then told; else ``text``."""
    trimmed = "".join(s for s in split_text(text) if not _HEADING.match(s)) or text
    told = added(trimmed, reach, budget)
    return told if reach in told else text


def said_in(reports: Sequence[Article]) -> list[tuple[Article, str]]:
    """The sentences an item's owed facts are looked for in, each with its report: the first
    ``_SENTENCES`` of each of the first ``_READ`` reports (bounded, however big the story)."""
    return [(report, sentence) for report in reports[:_READ] for sentence in body_sentences(report, _SENTENCES)]


def owed_told(text: str, title: str, reports: Sequence[Article], budget: int, *, tz: ZoneInfo = NEWS_ZONE) -> str:
    """``text`` with each fact its headline owes (公告自2023年9月1日起正式实施。; 该法案将于本周晚些时候在
    参议院进行投票表决。; 意见反馈截止时间为2023年9月2日。; 7月份，中国非制造业商务活动指数为51.5%，…)
    that it does not tell and a report of the story does in a short sentence of its own, within
    ``budget`` (in place of the text's last sentence, a detail, when both will not fit)."""
    # Frost在政府公布最新发债计划的简报会上做出上述表态。: where the words were said, not news; its room
    # goes to what the headline owes
    text = "".join(s for s in split_text(text) if not _WHERE_SAID.search(s)) or text
    text = _unnamed_dropped(text)
    said = said_in(reports)
    text = _landslide_counted(text, said, tz)
    for subject, owed in _OWED:
        if not subject.search(title) or owed.search(text):
            continue
        found = _owed_sentence(said, owed, tz)
        if found is None:
            continue
        if owed is _REACHES:
            text = _reach_told(text, _forecast_credited(found, said), budget)
        elif subject is _RATED:  # the cut reacted to is told before the reaction
            text = found + text if len(found) + len(text) <= budget else added(text, found, budget)
        else:
            text = added(text, found, budget)
    # a claim that the impact is limited, and the market's record move its report gives (10年期国债收益率创下
    # 去年11月以来最高水平，…收益率报4.11%。) with its cause when it fits: the reader weighs the claim
    if _LIMITED.search(title) and not _RECORD_MOVE.search(text):
        text = _record_move_told(text, said, budget, tz)
    # a temporary control, and how long it may last (临时管制的实施期限不超过二年。): only where it fits,
    # never in place of when the rule starts
    if _CONTROL.search(title) and not _LASTS.search(text):
        lasts = next((s for _, s in said if _LASTS.search(s)), "")
        if lasts.endswith("。") and len(lasts) <= _LONGEST and len(text) + len(lasts) <= budget:
            text += lasts.strip()
    # a storm, and whom it still strikes (受其影响，3日至5日，浙江沿海…将有较强风雨。): only where it fits
    if _STORM.search(title) and not _STRUCK_TOLD.search(text):
        struck = next((s for _, s in said if _STRUCK.match(s)), "")
        struck = _ADVICE.sub("", struck.strip()).rstrip("。；;") + "。" if struck else ""
        if 1 < len(struck) <= _LONGEST and len(text) + len(struck) <= budget:
            text += struck
    # a network attack, and what the planted program does (该后门程序能非法控制并窃取…数据): told after
    # the sentence naming the attack, where it fits
    if _ATTACK.search(title) and not _PROGRAM.search(text) and "被植入" not in text:
        does = next((m for _, s in said if (m := _PROGRAM.search(s))), None)
        attack = next((s for s in split_text(text) if "攻击" in s), "")
        if does is not None and attack:
            # what the program was planted in, as the reports say it (网络设备被植入后门程序): the reader
            # meets the implant before what it does
            planted = next((m.group("what") for _, s in said if (m := _PLANTED.search(s))), "")
            program, can = does.group("program"), does.group("does")
            detail = f"{planted}被植入{program}，该程序{can}。" if planted else f"被植入的{program}{can}。"
            if len(text) + len(detail) <= budget:
                at = text.index(attack) + len(attack)
                text = text[:at] + detail + text[at:]
    return text


_STRUCK_TOLD = hanzi.compile(r"受(?:其|“[^”]{1,8}”|台风[^，,]{0,10})(?:外围)?影响[，,]")
_STRUCK = hanzi.compile(rf"^{_STRUCK_TOLD.pattern}")
# …，建议上述地区公众关注最新预报…；…请提前采取防台风措施: the forecaster's advice, not the news
_ADVICE = hanzi.compile(r"[，,；;](?:建议|请|提醒|注意|公众)[^。]*")
_WHERE_SAID = hanzi.compile(
    r"^[^。，]{0,40}(?:做出|作出|发表)(?:了)?(?:上述|以上|这一|这番|此番)(?:表态|表示|讲话|言论|评论)。$"
)
_LIMITED = hanzi.compile(r"影响(?:有限|不大|可控|较小)")
# 10年期国债收益率创下去年11月以来最高水平: a market measure at its furthest in a stated span
_RECORD_MOVE = hanzi.compile(
    r"(?:(?<=[，。；,])|^)[^，。；,]{2,16}(?:收益率|指数|股价|汇率|价格|油价|金价)[^，。；,]{0,6}创(?:下)?[^，。；,]{1,12}以来(?:最高|最低|新高|新低)[^，。；,]{0,4}"
)
_ATTACK = hanzi.compile(r"网络攻击|黑客|遭[^，。\s]{0,8}攻击")
_PROGRAM = hanzi.compile(
    r"(?:该|此|这一?)?(?P<program>后门程序|木马程序|恶意程序|恶意软件|木马)(?P<does>(?:能|可|能够|可以)[^，。；;]{4,40})"
)
_PLANTED = hanzi.compile(r"(?P<what>网络设备|设备|系统|服务器|终端)被植入")
_CONTROL = hanzi.compile(r"管制")
_LASTS = hanzi.compile(r"(?:临时)?管制的?(?:实施)?期限(?:为|不超过|不得超过)")


# 制造业采购经理指数(PMI)为49.3%，比上月上升0.3个百分点。: a diffusion index and its reading.
_PMI_READING = hanzi.compile(r"(?:PMI|采购经理指数)[)）]?(?:为|是|录得)(?P<value>\d{2}(?:\.\d)?)%[^。]*。")
_LINE_TOLD = hanzi.compile(r"荣枯线|临界点|收缩区间|扩张区间|景气区间")
LINE = 50.0  # a PMI above it says the sector grew, below it that it shrank


def reading_against_line(text: str) -> str:
    """``text`` with a PMI reading below 50% told as what it means, at its sentence's end (…比上月上升
    0.3个百分点，仍低于50%的荣枯线。): the figure alone does not say the sector shrank. Unchanged when
    the text tells the line already or the reading is at or above it."""
    reading = _PMI_READING.search(text)
    if reading is None or _LINE_TOLD.search(text) or float(reading.group("value")) >= LINE:
        return text
    end = reading.end() - 1
    still = "仍" if "上升" in reading.group() else ""  # risen and still below: below last month too
    return f"{text[:end]}，{still}低于{LINE:g}%的荣枯线{text[end:]}"


# 一名美国财政部高级别官员表示，…: an official left unnamed, whom a later sentence names (财政部主管金融
# 市场事务的助理部长Josh Frost…表示): one speaker, told once, by name.
_UNNAMED = hanzi.compile(r"^一(?:名|位)(?P<body>[^，。、\s]{2,12}?)(?:高级别|高级|资深)?官员(?:表示|称|说)[，,]")
_TITLED = r"(?:助理|副)?(?:部长|局长|主席|发言人|秘书长|行长|署长)"


def _unnamed_dropped(text: str) -> str:
    """``text`` without the sentence of an unnamed official of a body when a later one names a titled
    official of that body speaking: the same words, told twice."""
    told = split_text(text)
    for k, sentence in enumerate(told):
        unnamed = _UNNAMED.match(sentence)
        if unnamed is None:
            continue
        body = unnamed.group("body")[-3:]  # 美国财政部 → 财政部, as the named official's title gives it
        named = hanzi.compile(rf"{body}[^，。]{{0,16}}{_TITLED}[A-Za-z\u4e00-\u9fff·]")
        if any(named.search(later) for later in told[k + 1 :]):
            return "".join(told[:k] + told[k + 1 :])
    return text


# 美债周三在美国就业数据显示强于预期后下滑，并在财政部宣布高于预期的发债计划后加速下跌。: why the market moved
_CAUSE = hanzi.compile(r"在[^。]{4,40}后(?:下滑|下跌|上涨|走高|走低|攀升|回落|跳水|飙升|加速下跌|加速上涨)")


def _record_move_told(text: str, said: list[tuple[Article, str]], budget: int, tz: ZoneInfo) -> str:
    """``text`` with the market's record move a report gives, in its whole sentence when that is short
    (with the figure and the time it was read at), after the sentence giving its cause when both fit."""
    for k, (report, sentence) in enumerate(said):
        move = _RECORD_MOVE.search(sentence)
        if move is None:
            continue
        whole = sentence.strip()
        told = whole if whole.endswith("。") and len(whole) <= _LONGEST else move.group() + "。"
        before = said[k - 1][1].strip() if k and said[k - 1][0] is report else ""
        cause = absolutize(before, report.published.astimezone(tz)) if _CAUSE.search(before) else ""
        if cause.endswith("。") and len(text) + len(cause) + len(told) <= budget:
            return text + cause + told
        return added(text, told, budget)
    return text


# 人民党…取得压倒性胜利。: a landslide claimed without its count; 获得近640万张选票，占有效选票的82.3%: the count
_LANDSLIDE = hanzi.compile(r"压倒性胜利|压倒性优势|大获全胜|以绝对优势")
_VOTE_COUNT = hanzi.compile(r"占有效选票的?\d|得票率(?:为|达)?\d|获得\d+(?:个)?(?:议席|席位|席)")


def _landslide_counted(text: str, said: list[tuple[Article, str]], tz: ZoneInfo) -> str:
    """``text`` with a sentence claiming a landslide without a figure told instead by a report's
    sentence giving the vote's count (…初步计票结果显示，柬埔寨人民党获得近640万张选票，占有效选票的82.3%。)."""
    told = split_text(text)
    vague = next((k for k, s in enumerate(told) if _LANDSLIDE.search(s) and not QUANTITY.search(s)), None)
    if vague is None or _VOTE_COUNT.search(text):
        return text
    for report, sentence in said:
        counted = sentence.strip()
        if _VOTE_COUNT.search(counted) and counted.endswith("。") and len(counted) <= _LONGEST + 10:
            told[vague] = absolutize(counted, report.published.astimezone(tz))
            return "".join(told)
    return text


_RATER = hanzi.compile(r"惠誉|穆迪|标普|标准普尔|大公")
_DAY_READ = 6  # the day's reports naming the rater read for the rating it left: bounded, however busy the day


def rating_from_day(text: str, title: str, day: Sequence[Article], budget: int, *, tz: ZoneInfo = NEWS_ZONE) -> str:
    """``text`` under a rating cut's headline (惠誉回应下调美国信用评级：…) that does not tell the rating
    the cut left, with the sentence telling it from the day's other reports whose headlines name the
    same rater (惠誉在1日晚些时候将美国主权信用评级下调一档，至AA+。), first: the reader meets the cut
    before what was said of it. Within ``budget``, in place of the text's last sentence when both
    will not fit; else ``text``."""
    rater = _RATER.search(title)
    if rater is None or not _RATED.search(title) or _RATING_LEFT.search(text):
        return text
    naming = [a for a in day if rater.group() in a.title][:_DAY_READ]
    found = _owed_sentence(said_in(naming), _RATING_LEFT, tz)
    if found is None:
        return text
    found = local_time_told(found, naming)  # 1日晚些时候 abroad is 当地时间1日, a day before Beijing's
    if len(found) + len(text) <= budget:
        return found + text
    told = split_text(text)
    return found + "".join(told[:-1]) if len(told) >= 2 else text
