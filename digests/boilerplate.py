"""Page furniture that is not news: bylines, 原标题, photo credits, share footers, header datelines.

One place for both inputs: posts (digests.post_body.parse_body, paragraph by paragraph) and
headline-less text documents (digests.textdoc). Every rule was written against real lines of the
stream and finews data (tests/test_boilerplate.py quotes them) and cuts only furniture: a dateline
prefix is dropped but the news sentence after it stays; a byline is dropped only when its end is
certain (a space, a closing bracket, the next credit keyword, or the end of the paragraph).

All patterns are bounded ({m,n}) so a hostile line costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from digests import hanzi
from digests.inline_furniture import CJK as _CJK
from digests.inline_furniture import INLINE_FURNITURE
from digests.inline_furniture import SPACE as _SP
from digests.sources import SITE_NAMES

# --- whole-document trailers -------------------------------------------------------------------------

# Share/copyright footers: everything from here to the end of the text is site furniture.
_TRAILER = hanzi.compile(
    r"返回搜狐[，,]?\s*查看更多|版权归原作者所有|声明：此文版权|版权说明[：:]|如遇作品内容、版权等问题|免责声明[：:]"
    r"|往期回顾|往期精选|猜您喜欢|本文链接[：:]|【爆料】|长按识别|关注↓|更多精彩内容"
)
_END_EDITOR = hanzi.compile(r"责任编辑[：:]\s*[^\s。]{0,12}\s*$")

# --- credit keywords ------------------------------------------------------------------------------------

# Roles that appear in credit blocks; a tail made only of these and names is furniture.
_ROLE = (
    r"(?:责任编辑|责任校对|流程编辑|编辑|责编|撰文|校对|审校|审核|审定|一审|二审|三审|终审|监制|统筹|策划|主编"
    r"|编委|制作|出品|作者|来源|来\s?源|供稿|摄影记者|摄影|摄像|视觉|实习记者|见习记者|全媒体记者|记者|通讯员"
    r"|实习生|文、图|图/文|文/图|文|图|编|审|快讯|编译|出镜人|综合)"
)
_CREDIT_WORD = hanzi.compile(
    r"来\s?源[：:]|撰文|编辑|责编|校对|审核|审校|监制|记者|通讯员|实习生|作者[：:]|文\s?[/|｜]|图\s?/|摄|供稿|\(完\)|（完）"
)

# --- leading furniture (the start of a paragraph) ----------------------------------------------------------

_PAREN_BYLINE = r"(?:\s*[（(][^（）()]{0,40}[）)])?"
# 新华社北京7月26日电（记者商婧） / 中新网香港7月31日电 / 2021年12月8日讯， / 参考消息网7月31日报道 /
# 财联社8月3日（编辑 黄君芝）
_DATELINE = hanzi.compile(
    rf"^[【\[]?(?!据)(?P<who>[{_CJK}A-Za-z·]{{0,14}}?){_SP}?(?:\d{{4}}年)?\d{{1,2}}{_SP}?月{_SP}?\d{{1,2}}{_SP}?日(?:[上下]午)?"
    # 财联社8月3日（编辑 黄君芝）: a bracketed editor or reporter after the date is a dateline without 电/讯
    rf"(?:(?:电|讯|消息|报道)[】\]]?{_PAREN_BYLINE}|\s*[（(](?:编辑|记者|作者)[^（）()]{{0,20}}[）)])[，,：:\s]*"
)
# How an outlet's name ends (新京报, 荆楚网, 湖北日报客户端, 甘州融媒, 智通财经, 南都·湾财社).
OUTLET_SUFFIX = r"(?:报|网|台|社|在线|新闻|客户端|时刻|融媒|财经|APP)"
# 本报讯（记者…） / 新京报讯8月2日 / 荆楚网（湖北日报网）讯 / 中国教育报-中国教育新闻网讯 / 黄河新闻网吕梁讯
# / 大众网-感知山东7月31日讯 / 1905电影网讯日前 : the name ends like an outlet, 讯 is not a word's
# (讯息, 讯号, 讯问); a place after the name is short and never holds 通 (移动网络通讯 is not a credit).
_NEWS_FLASH = hanzi.compile(
    rf"^(?P<who>[{_CJK}A-Za-z0-9·\-]{{0,16}}?{OUTLET_SUFFIX}|本报|本刊|本网|本台|南都)"
    rf"(?:[（(][{_CJK}]{{2,10}}[）)])?(?:(?:(?![通网报社台])[{_CJK}]){{0,3}}?(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日|(?:(?![通网报社台])[{_CJK}]){{0,3}})"
    rf"{_SP}?讯(?![息号问飞])(?:{_SP}*[（(](?P<paren>[^（）()]{{0,40}})[）)])?[：:，,\s]*"
)
# 智通财经APP获悉， / 财联社获悉： : the outlet learnt it (记者从公安部获悉 is the reporter's sentence).
_LEARNT = hanzi.compile(
    rf"^(?P<who>(?:(?!记者|从)[{_CJK}A-Za-z0-9·]){{1,12}}?{OUTLET_SUFFIX})(?:APP|客户端)?获悉[，,：:]\s*"
)
# 【环球时报综合报道】 【新华社微特稿】 【环球网报道 见习记者 黄泽佳】 【环球时报驻韩国特约记者 张静】 【海外网】
_BRACKET_DATELINE = hanzi.compile(
    rf"^【(?P<who>[{_CJK}A-Za-z]{{2,10}}?)(?P<kind>(?:科技)?(?:综合)?(?:报道|电|讯|消息|微特稿|特稿))?"
    rf"(?P<byline>{_SP}*(?:驻[{_CJK}]{{1,6}})?(?:特约|特派|见习|实习|全媒体)?记者{_SP}*[{_CJK}·]{{1,4}}(?:{_SP}?[{_CJK}·]{{1,3}})?)?】\s*"
)
# 【环球时报驻巴基斯坦特派记者 程是颉 环球时报记者 张旺】: several reporters of one outlet in one bracket.
_BRACKET_BYLINES = hanzi.compile(
    rf"^【(?P<who>[{_CJK}]{{2,8}}?(?:报|网|社|台|新闻))(?:驻[{_CJK}、]{{1,14}}?)?(?:特约|特派|见习|实习|全媒体)*记者"
    rf"[^【】\n]{{1,40}}】\s*"
)
# 北京日报客户端 | 记者 孙杰 : the outlet, a bar, then the byline.
_PIPE_CREDIT = hanzi.compile(
    rf"^(?P<who>[{_CJK}A-Za-z]{{2,10}}?{OUTLET_SUFFIX}){_SP}?[|｜]{_SP}?(?=记者|编辑|作者|文\s?[/|｜])"
)
# （观察者网讯） / 本报综合 ahead of the text.
_PAREN_FLASH = hanzi.compile(rf"^(?:[（(](?P<who>[{_CJK}A-Za-z0-9·]{{2,12}}?)讯[）)]|本报综合)[：:，,\s]*")
# Taiwan's Central News Agency: （中央社記者張建中新竹29日電） （中央社台北29日綜合外電報導）
_PAREN_DATELINE = hanzi.compile(
    rf"^[（(](?P<who>[{_CJK}]{{2,8}}?社)(?:记者[{_CJK}、]{{2,16}}?)?[{_CJK}]{{0,8}}?\d{{1,2}}日"
    rf"(?:综合外电|专)?(?:电|报导|报道)[）)]\s*"
)
# 央视新闻客户端消息， / 央视网消息（新闻联播）： / 新华社电 十四届… : an outlet's credit with no date.
_CLIENT_NEWS = hanzi.compile(
    rf"^(?P<who>[{_CJK}]{{2,10}}?(?:客户端|{OUTLET_SUFFIX}))(?:消息(?:[（(][{_CJK}]{{2,8}}[）)])?[，,：:\s]*|电(?:[，,：:]|{_SP})\s*)"
)
# A byline that opens the text: 文/羊城晚报全媒体记者 高焓 通讯员 李国全 王梦华图/通讯员供图 — removed
# only up to a point where it certainly ends (a space, the next credit, a bracket); see _lead_byline.
# Sentence openers that certainly follow a byline glued to the news (…通讯员 龚振杰近日，…).
_OPENER = r"(?=近日|日前|\d|昨[日天]|今[日天年]|目前|此前|随着|记者从|据|当地时间|北京时间|“)"
_LEAD_BYLINE = hanzi.compile(
    rf"^(?:文\s?[/|｜]|文、图/|图/文\s|撰文[：:]|(?:(?P<who>[{_CJK}/]{{0,12}}?)(?:全媒体|实习|见习)?记者|通讯员)"
    rf"|(?P<desk>每经|本报|[{_CJK}]{{2,8}}?{OUTLET_SUFFIX})?编辑[：:])"
    rf"\s*[^\s\d，。：:“”（）()]{{2,16}}?(?:{_SP}+[{_CJK}·]{{2,4}}|{_SP}+(?:通讯员|实习生|记者|发自)\s*[^\s，。“”]{{1,16}}?)*"
    rf"(?:图/[^\s，。“”]{{1,10}}?(?:提供|供图))?(?:{_SP}+[{_CJK}]{{2,3}}{_OPENER}|{_SP}+|{_OPENER})"
)
_REPORTER_OF = hanzi.compile(rf"(?:^|[/|｜\s])([{_CJK}]{{2,10}}?)(?:全媒体|实习|见习|特约|特派)?记者")
# 8月3日，澎湃新闻（www.thepaper.cn）从水利部获悉 : the outlet's own reporting names it (the sentence stays).
_OWN_REPORT = hanzi.compile(
    rf"^(?:(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日[早晚]?[，,]?)?(?P<who>[{_CJK}]{{2,8}}?(?:新闻|网|日报|晚报|客户端))"
    rf"(?:[（(][\w.:/]{{4,30}}[）)])?(?:记者)?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?从[^，。]{{2,30}}?获悉"
)
# 澎湃新闻（www.thepaper.cn）记者提问 / 告诉澎湃新闻（www.thepaper.cn）: only an outlet writes its own web
# address beside its name, wherever in its report it names itself (据…报道 would be citing it).
_SELF_ADDRESS = hanzi.compile(r"(?P<who>[\u4e00-\u9fff]{2,8})[（(]www\.(?P<site>[a-z0-9.-]{4,40})[）)]")
# 新华社北京7月26日电 题：今年首个台风红色预警发布 “杜苏芮”影响几何？新华社记者黄垚… : the page's
# subtitle line repeats the headline ahead of the byline.
_SUBTITLE = hanzi.compile(rf"^题[：:][^。]{{2,60}}?(?=(?:[{_CJK}]{{2,6}}(?:社|网|报))?记者)")
# 林靖/北京日报客户端 : a reporter and the outlet, a paragraph of its own.
_SLASH_CREDIT = hanzi.compile(
    rf"^[{_CJK}·]{{2,4}}(?:[、{_SP}][{_CJK}·]{{2,4}}){{0,3}}{_SP}*/{_SP}*(?P<who>[{_CJK}A-Za-z]{{1,12}}?{OUTLET_SUFFIX})$"
)
_AFTER_DATELINE_BYLINE = hanzi.compile(rf"^(?:记者|通讯员)\s?[{_CJK}]{{2,3}}(?:{_SP}+发自[{_CJK}]{{2,4}})?{_SP}+")

# --- whole-paragraph and tail credits ---------------------------------------------------------------------

# A paragraph that is only credits: 记者 张三 通讯员 李四 / 编辑：王五 / （文/李灵）编辑：向娇责编：黄蔷审核：罗军.
# Checked by tokens, not one regex: a regex of repeated optional pieces backtracks exponentially.
_SHORT_ROLES = "|文、图|图/文|文/图|文|图|编|审|"  # one-character roles need a separator (文化活动 is not 文/…)
_ROLE_TOKEN = hanzi.compile(
    rf"(?:{_ROLE.replace(_SHORT_ROLES, '|')})\s*[：:/|｜\-—]?|(?:{_SHORT_ROLES.strip('|')})\s*[：:/|｜\-—]"
)
_NAME_SEP = hanzi.compile(r"[\s、/|｜（）()·@]+")
_TERMINATOR = hanzi.compile(r"[。！？!?…](?:[”」』）)\"]?)")
# （贵定法院 王金群） （张和 王鑫 刘鹏） (津云新闻记者赵颖妍) at the end of the last paragraph.
_TRAILING_NAMES = hanzi.compile(
    rf"[（(](?:[^（）()，。]{{0,14}}(?:记者|通讯员|实习生)\s*[{_CJK}]{{2,4}}(?:\s+[{_CJK}]{{2,4}}){{0,4}}"
    rf"|[{_CJK}]{{2,8}}(?:\s+[{_CJK}]{{2,3}}){{1,4}}"
    rf"|(?:文|图|文、图|图/文|文/图)\s*[/|｜]?\s*[^（）()，。]{{1,24}})[）)]\s*$"
)
_SOURCE = hanzi.compile(
    rf"(?<![图片])(?:文章|本文|内容)?来\s?源\s?[：:|｜]\s*@?(?P<name>[^\s，。：:、（）()【】]{{2,20}}?)(?=\s|{_ROLE}[：:\s]|[，。：:（）()【】、]|$)"
)
_SOURCE_BRACKET = hanzi.compile(r"[【（(]\s*(?:文章)?来源[：:]\s*(?P<name>[^（）()【】]{2,20}?)\s*[】）)]")
# 本文转自【央视新闻客户端】: a repost names where the text came from.
_REPOSTED = hanzi.compile(r"本文转自[【\[](?P<name>[^】\]；;。，]{2,20})[】\]]")
_ACCORDING = hanzi.compile(
    rf"据(?P<name>新华社|中新社|中新网|人民日报|人民网|央视新闻|央视网|中央广播电视总台|央广网|光明日报|经济日报|"
    rf"澎湃新闻|财联社|证券时报|上海证券报|中国证券报|路透社|美联社|法新社|彭博社|共同社|塔斯社|[{_CJK}]{{2,6}}(?:日报|晚报|新闻|网|社|电视台))"
    rf"(?:[{_CJK}]{{0,4}}\d{{1,2}}月\d{{1,2}}日)?(?:报道|消息)"
)


@dataclass(frozen=True)
class Cleaned:
    """Paragraphs without furniture, the outlet its credits name, and what was cut (for measuring)."""

    paragraphs: tuple[str, ...]
    outlet: str | None
    removed: tuple[str, ...]


def clean_paragraphs(paragraphs: Sequence[str]) -> Cleaned:
    """Drop credit-only paragraphs, trailers, leading datelines/bylines and inline photo credits."""
    removed: list[str] = []
    outlet: str | None = None
    kept: list[str] = []
    for raw in paragraphs:
        text, name = _clean_one(raw, removed, first=not kept)
        outlet = outlet or name
        if re.search(r"[\w\u4e00-\u9fff]", text):  # not a lone ▊ or ↓ left by the page
            kept.append(text)
        if _TRAILER.search(raw):
            break  # a share footer ends the article; anything after it is another page's furniture
    if kept:
        last, name = _clean_tail(kept[-1], removed)
        outlet = outlet or name
        if last:
            kept[-1] = last
        else:
            kept.pop()
    return Cleaned(tuple(kept), outlet, tuple(removed))


def _is_credit_line(text: str) -> bool:
    """Only roles and names: starts with a role, no clause punctuation, every other chunk name-sized."""
    if len(text) > 120 or re.search(r"[，。；！？,;!?]", text) or not _CREDIT_WORD.search(text):
        return False
    if not _ROLE_TOKEN.match(text.lstrip("（( ")):
        return False
    chunks = _NAME_SEP.split(_ROLE_TOKEN.sub(" ", text))
    return all(len(chunk) <= 8 for chunk in chunks)


def _cut(text: str, match: re.Match[str], removed: list[str]) -> str:
    removed.append(match.group(0))
    return text[: match.start()] + text[match.end() :]


def _clean_one(text: str, removed: list[str], *, first: bool) -> tuple[str, str | None]:
    outlet = None
    trailer = _TRAILER.search(text)
    if trailer:
        removed.append(text[trailer.start() :])
        text = text[: trailer.start()]
    text = text.strip()
    end_editor = _END_EDITOR.search(text)
    if end_editor:
        text = _cut(text, end_editor, removed).strip()
    if not text:
        return "", None
    slash = _SLASH_CREDIT.match(text)
    if slash:
        removed.append(text)
        return "", slash.group("who")
    if _is_credit_line(text):
        outlet = source_of(text)
        removed.append(text)
        return "", outlet
    before = len(removed)
    for pattern in INLINE_FURNITURE:
        while (match := pattern.search(text)) is not None and match.group(0):
            text = _cut(text, match, removed)
    text, outlet = strip_dateline(text, removed)
    subtitle = _SUBTITLE.match(text) if first else None
    if subtitle:
        text = _cut(text, subtitle, removed)
    own = _OWN_REPORT.match(text) if first and not outlet else None
    outlet = outlet or (outlet_name(own.group("who")) if own else None)
    outlet = outlet or _self_addressed(text)
    if first or outlet:
        byline = _LEAD_BYLINE.match(text)
        if byline and len(text) > byline.end():
            text = _cut(text, byline, removed)
            # 新华社记者黄垚今年… / 文、图/羊城晚报全媒体记者 李春炜 / 每经编辑：张锦河 name the outlet
            reporter = _REPORTER_OF.search(byline.group(0))
            outlet = outlet or outlet_name(byline.group("desk") or (reporter.group(1) if reporter else None))
    # A cut between two sentences leaves the spaces around it: 。 据悉 → 。据悉.
    if len(removed) > before:
        text = re.sub(r"(?<=[。！？；：，”）])[ \t\u00a0\u3000]+", "", text)
    return text.strip(), outlet


def strip_dateline(text: str, removed: list[str] | None = None) -> tuple[str, str | None]:
    """``text`` without a leading dateline or credit that only repeats the header, and the outlet it names.

    新华社北京7月26日电（记者商婧）德国… → (德国…, 新华社); 本报讯 and a bare date name no outlet.
    """
    sink = removed if removed is not None else []
    outlet: str | None = None
    for pattern in (
        _BRACKET_DATELINE,
        _BRACKET_BYLINES,
        _PAREN_DATELINE,
        _PAREN_FLASH,
        _DATELINE,
        _NEWS_FLASH,
        _LEARNT,
        _CLIENT_NEWS,
        _PIPE_CREDIT,
    ):
        match = pattern.match(text)
        if not match or match.end() >= len(text) or not _is_credit(match):
            continue
        outlet = outlet or _outlet_of(match)
        text = _cut(text, match, sink)
        after = _AFTER_DATELINE_BYLINE.match(text)
        if after:
            text = _cut(text, after, sink)
    return text, outlet


def _is_credit(match: re.Match[str]) -> bool:
    """【海外网】 and 【环球网报道 记者 X】 are credits; 【导读】 and 【夏季行动】 are the page's labels."""
    if match.re is not _BRACKET_DATELINE:
        return True
    return bool(match.group("kind") or match.group("byline") or outlet_name(match.group("who")))


def _outlet_of(match: re.Match[str]) -> str | None:
    """The outlet a credit's name gives; a 讯 credit's own name (甘州融媒讯) counts when no suffix tells."""
    who = match.group("who")
    name = outlet_name(who)
    if name or match.re not in (_NEWS_FLASH, _PAREN_FLASH) or not who or who.startswith("本"):
        return name
    return who if 2 <= len(who) <= 8 else None


_OUTLET_END = hanzi.compile(
    r"^(?:南都|每经|IT之家|快科技)|^.{1,10}?(?:新华社|中新社|通讯社|社|网|日报|晚报|早报|报|电视台|台|在线|客户端|新闻|时刻|融媒|财经)"
    r"(?:网|客户端)?"  # 黄河新闻网, 北京日报客户端: the site's own name
)


def _self_addressed(text: str) -> str | None:
    """The outlet a report names with its own web address (澎湃新闻（www.thepaper.cn）), when the
    address is a site we know by that name."""
    for found in _SELF_ADDRESS.finditer(text):
        name = SITE_NAMES.get(found.group("site").removesuffix("/"))
        who = found.group("who")
        if name and who.endswith(name) and not who.removesuffix(name).endswith(("据", "来源", "转自")):
            return name
    return None


def outlet_name(who: str | None) -> str | None:
    """The outlet of a dateline's lead: 新华社北京 → 新华社, 中新网香港 → 中新网; 本报 and places → None."""
    who = (who or "").strip("【】[] ")
    if not who or who.startswith(("本报", "本刊", "本网", "本台", "据")):
        return None
    match = _OUTLET_END.match(who)
    return match.group(0) if match else None


# The report's own byline at its end: 采写：南都记者 何嘉慧 / 红星新闻首席记者 吴阳 北京报道; not the
# reporter someone spoke to (接受新华社记者专访).
_CLOSING_BYLINE = hanzi.compile(
    rf"(?:采写|撰文|文)?[：:/]?\s*(?:(?P<paper>[{_CJK}]{{2,6}}(?:晚报|日报|报))[/／])?"
    rf"(?P<who>南都|总台央视|总台|[{_CJK}]{{2,8}}?(?:新闻|日报|晚报|报|网|社|客户端))"
    rf"{_SP}*(?:首席|特约|特派|见习|实习|全媒体)?记者(?!专访|采访|独家){_SP}*[{_CJK}·]{{2,4}}"
)
_TAIL = 160  # characters before the footer where a closing byline stands


def before_footer(text: str) -> str:
    """``text`` up to its share footer (返回搜狐，查看更多, 版权说明：…), where a report's own words end."""
    trailer = _TRAILER.search(text)
    return text[: trailer.start()] if trailer else text


def byline_outlet(text: str) -> str | None:
    """The outlet of the reporter who signs the report at its end (before the share footer)."""
    tail = before_footer(text)[-_TAIL:]
    # 扬子晚报/紫牛新闻记者 陈燃: the paper, not its app, is the outlet
    found = [m.group("paper") or m.group("who") for m in _CLOSING_BYLINE.finditer(tail)]
    if found and found[-1].startswith("总台"):  # （总台央视记者 孙艳）: the broadcaster's news desk
        return "央视新闻"
    return outlet_name(found[-1]) if found else None


def source_of(text: str, *, cited: bool = True) -> str | None:
    """The outlet a credit names: 来源：新华社, （来源：科技日报）, 【来源：九派新闻】, and unless
    ``cited`` is false the outlet a report cites (据新华社报道)."""
    text = before_footer(text)
    for pattern in (_SOURCE_BRACKET, _SOURCE, _REPOSTED, *((_ACCORDING,) if cited else ())):
        match = pattern.search(text)
        if match:
            name = _compiled_from(match.group("name").strip())
            if name and not name.startswith(("网络", "本文", "原创", "综合")):
                return name
    return None


_DESK_SUFFIX = hanzi.compile(r"(?:特约|特派|见习|实习|全媒体|值班|编辑|记者|综合|整理|报道)+$")


def _compiled_from(name: str) -> str:
    """ "正义网综合最高人民检察院微信" is 正义网 compiling others; "央视新闻客户端值班" is 央视新闻客户端."""
    head = name.split("综合", 1)[0] if "综合" in name[2:] else name
    head = _DESK_SUFFIX.sub("", head) or name
    first, dash, _ = head.partition("-")  # 环球时报-环球网: the paper and its site, one outlet
    return first if dash and len(first) >= 2 else head


def _clean_tail(text: str, removed: list[str]) -> tuple[str, str | None]:
    """The last paragraph without its credit block: what follows the last sentence end when it is only
    credits (来源：财联社 卞纯 / 编辑 唐峥校对 刘军 / (完)), and a trailing （贵定法院 王金群）."""
    outlet = None
    for _ in range(3):  # 。（完）来源：X / 。(文/李灵)编辑：…: a few layers, each short
        ends = [m.end() for m in _TERMINATOR.finditer(text)]
        start = ends[-1] if ends else 0
        tail = text[start:]
        credit = _CREDIT_WORD.search(tail)
        # Credits only: no clause punctuation (a news fragment has some) and a credit word early on.
        if start and credit and credit.start() <= 24 and len(tail) <= 160 and not re.search(r"[，,；;]", tail):
            outlet = outlet or source_of(tail)
            removed.append(tail)
            text = text[:start]
            continue
        names = _TRAILING_NAMES.search(text)
        if names and names.start() > 0:
            removed.append(names.group(0))
            text = text[: names.start()].rstrip()
            continue
        done = re.search(r"[（(]完[）)]\s*$", text)
        if done:
            removed.append(done.group(0))
            text = text[: done.start()].rstrip()
            continue
        break
    return text.strip(), outlet
