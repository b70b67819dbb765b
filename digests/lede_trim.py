"""What a lede sheds before it is shown: its preamble (为…，针对…), a document's header, a
（以下简称…） the item never uses, the reporter at work (南都记者注意到，记者从…获悉，), a bare 此外
and a photo caption glued to its end. Only whole clauses go; the news stays word for word."""

from __future__ import annotations

import re

from digests import hanzi
from digests.overlap import bigram_set
from digests.sentences import split_text

# Why and against what a decision was taken, ahead of the decision itself: 为依法保护…，针对…问题，31日最高检发布…
_PURPOSE = hanzi.compile(r"(?:为了?|针对|根据|按照|围绕|结合|随着|在[^，,]{2,20}(?:下|中|之际|背景下))")
_MAIN_CLAUSE = hanzi.compile(
    r"(?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日|近日|日前|当天|今年|目前)|"
    r"[^，,]{2,24}?(?:印发|发布|宣布|公布|出台|召开|举行|决定|批准|签署|通报|部署|提出|启动|开展|推出|起草|制定)"
)
_FULL_TEXT = hanzi.compile(r"[^，,。；;]{0,6}全文如下[：:]\s*")  # 通报全文如下：the page's connector

# A notice's own title and addressees ahead of its text (关于…的通知哈尔滨、牡丹江市人民政府防汛抗旱指挥部：).
_DOC_HEADER = hanzi.compile(r"^关于[^。：:]{4,40}?的(?:通知|公告|通报|决定)[^。：:，,]{0,40}[：:]\s*(?=\S{10})")
_PREAMBLE_SPAN = 200  # characters a lede's purpose and background clauses may take
# （以下简称…）, （这段也被简称为哈牡高速）: a short name set up for later paragraphs, an aside in a lede.
_SHORT_NAME = hanzi.compile(
    r"[（(](?:以下|[^（）()，。]{0,4}?(?:也|又|亦)被?)简称[^（）()]{1,24}[）)]|[（(](?:人民币|美元)?[，,]?下同[）)]"
)

# 西非国家经济共同体（西共体）常设执行机构西共体委员会: a body spelled out, then its unit by the short
# name it just set up; the unit by that name says it all (西共体委员会).
_SPELLED_OUT = hanzi.compile(
    r"(?:^|(?<=[，,：:]))[\u4e00-\u9fff]{4,16}[（(](?P<short>[\u4e00-\u9fff]{2,5})[）)][\u4e00-\u9fff]{0,8}?(?=(?P=short))"
)

# A connective that ties the sentence to one the item does not show.
_CONNECTIVE = hanzi.compile(r"^(?:此外|另外|同时|与此同时|而且|并且)[，,]\s*")
# 8月3日记者从公安部在京召开的新闻发布会获悉，…: how the reporter learnt it, not the news.
_LEARNT = hanzi.compile(
    r"^(?:\d{1,2}月\d{1,2}日[早晚]?[，,]?)?(?:[^，,。]{0,12}?记者|[^，,。（(]{2,8}?(?:新闻|网|日报|晚报|客户端)(?:[（(][\w.:/]{4,30}[）)])?)"
    r"(?:\d{1,2}月\d{1,2}日|\d{1,2}日|今天)?从(?P<source>[^，,。]{2,30}?)获悉[，,：:]\s*"
)
_NAMED_SOURCE = hanzi.compile(r"^[\u4e00-\u9fff]{2,8}$")  # 水利部: a body to say 据… of; not 公安部在京召开的发布会

# 公告指出，根据《出口管制法》《对外贸易法》有关规定，为维护国家安全和利益，经国务院批准，决定…: the
# decision's legal basis, purpose and approval ahead of it, in the sentence's middle.
_LEGAL_BASIS = hanzi.compile(
    r"(?<=[，,：:])根据(?:《[^》]{2,40}》[、和及]?){1,6}(?:等)?(?:有关|相关)?规定[，,]"
    r"(?:为了?[^，,。]{2,30}[，,])?(?:经[^，,。]{2,24}批准[，,])?(?=决定)"
)
_SAID_DECIDED = hanzi.compile(r"(?:指出|称|表示)[，,]决定")
# …1610立方米每秒，依据水利部《全国主要江河洪水编号规定》，分别编号为…; 经综合分析研判，: the rule and
# the deliberation a finding was made under, in the sentence's middle.
_RULE_CITED = hanzi.compile(
    r"(?<=[，,])(?:依据|根据|按照)[^，,。；;《]{0,12}《[^》]{2,40}》(?:等?(?:有关|相关)?规定)?[，,]|(?<=[，,])经综合分析研判[，,]"
    # 据天津市水务局，根据相关省市水文测报，…: the data behind a source already named
    r"|(?<=[，,])根据(?:相关|有关)[^，,。；;]{0,8}(?:测报|预报|监测|统计)[，,]"
    # 根据近期国际市场油价变化情况，按照现行成品油价格形成机制，: the formula every price change is made under
    r"|(?<=[，,])根据近期[^，,。；;]{2,16}变化情况[，,](?:按照现行[^，,。；;]{2,16}机制[，,])?"
)

# …模拟空战展示，展现了空军日新月异的装备水平和…战略能力。: the report's praise closing a sentence of fact.
_PRAISE_TAIL = hanzi.compile(r"[，,](?:充分)?(?:展现|彰显|体现)(?:了|出)?[^，,。；;]{8,60}。$")

# 对于新出台的出口管制的公告，大疆31日在回应《环球时报》记者问询时表示，…: what was asked about, and
# by whom, ahead of the answer.
_ASKED_ABOUT = hanzi.compile(r"^对于[^，,。]{2,30}?[，,](?=[^，,。]{2,30}?(?:表示|回应|称))")
_ASKED_BY = hanzi.compile(r"在回应《[^》]{2,10}》(?:记者)?(?:问询|采访|提问)时表示")

# 资料图新公告将…: a photo's label glued to the sentence after it.
_PHOTO_LABEL = hanzi.compile(r"^(?:资料图片?|示意图|图片来源[：:][^，,。\s]{2,10})\s*(?=[\u4e00-\u9fff])")

# 停止美台官方往来，停止升级美台实质关系，停止向…发出错误信号: a formula's demands, one verb each.
_CHANT = 3
_DIGIT = hanzi.compile(r"\d")
_CJK_VERB = hanzi.compile(r"[\u4e00-\u9fff]{2}")


def without_chant(sentence: str) -> str:
    """``sentence`` without a run of three or more clauses opening on one verb and telling no figure,
    between its first clause (who demands) and a later one (the demand of the day: 不得安排…窜美)."""
    clauses = sentence.split("，")
    k = 1
    while k < len(clauses) - 1:
        verb = clauses[k][:2]
        end = k
        while end < len(clauses) - 1 and clauses[end][:2] == verb and not _DIGIT.search(clauses[end]):
            end += 1
        if end - k >= _CHANT and _CJK_VERB.fullmatch(verb):
            return "，".join(clauses[:k] + clauses[end:])
        k = max(end, k + 1)
    return sentence


# 一时间，这引来了…: a storyteller's pause, not a time the reader can place; 数据显示，… names no data;
# 海浪方面，…: a section's signpost, the sentence names its subject anyway.
_FILLER_OPENER = hanzi.compile(
    r"^(?:一时间|顿时|霎时间|数据显示|(?:在)?[\u4e00-\u9fff]{2,4}方面)[，,]\s*"
    r"|(?<=(?:表示|指出|介绍)[，,])在?[\u4e00-\u9fff]{2,4}方面[，,]"  # 欧鸿表示，在电力方面，…: what he said next
)

# 南都记者注意到，…: the reporter at work, not the news.
_NOTICED = hanzi.compile(r"^[\u4e00-\u9fff]{0,6}记者(?:注意到|发现)[，,]\s*")
# …财产安全。尼日尔。: a photo's caption glued to the end of the sentence before it.
_CAPTION_TAIL = hanzi.compile(r"(?<=[。！？])[\u4e00-\u9fff]{1,6}。$")


def tighten(sentence: str) -> str:
    """A long lede without its preamble: the purpose and background clauses ahead of the main clause
    (为…，针对…，31日最高检发布了… → 31日最高检发布了…), a decision's legal basis and approval
    (公告指出，根据《…》有关规定，…经国务院批准，决定… → 公告决定…), a （以下简称…） the item never
    uses, a body spelled out before its unit's short name (西共体委员会), a storyteller's 一时间, the
    reporter noticing, and a caption or the report's praise (，展现了…) closing it."""
    sentence = _DOC_HEADER.sub("", _FULL_TEXT.sub("", _SHORT_NAME.sub("", _SPELLED_OUT.sub("", sentence))))
    sentence = _FILLER_OPENER.sub("", _PHOTO_LABEL.sub("", sentence))
    sentence = _PRAISE_TAIL.sub("。", _CAPTION_TAIL.sub("", _NOTICED.sub("", sentence)))
    if _LEGAL_BASIS.search(sentence):
        sentence = _SAID_DECIDED.sub("决定", _LEGAL_BASIS.sub("", sentence, count=1), count=1)
    sentence = _ASKED_BY.sub("回应称", _ASKED_ABOUT.sub("", _RULE_CITED.sub("", sentence)))
    sentence = without_chant(sentence)
    if not _PURPOSE.match(sentence):
        return sentence
    start = sentence.find("，")
    while 0 <= start < _PREAMBLE_SPAN:  # a preamble is a few clauses long: no search through a whole text
        start += 1
        if _MAIN_CLAUSE.match(sentence, start) and not _PURPOSE.match(sentence, start) and len(sentence) - start >= 15:
            return sentence[start:]
        start = sentence.find("，", start)
    return sentence


# 据环球网援引法新社26日报道，…: the outlet that relayed a report, before the one that made it.
_RELAYED = hanzi.compile(
    r"(?:^|(?<=[。！？]))据[\u4e00-\u9fff]{2,8}?(?:援引|引述|转引)(?=[^，,。]{2,16}?(?:报道|消息)[，,])"
)


def unrelayed(text: str) -> str:
    """``text`` citing a report by the outlet that made it, not the one that relayed it
    (据环球网援引法新社26日报道， → 据法新社26日报道，), and by the outlet, not its column (据新京报我们视频
    报道， → 据新京报报道，): one attribution a reader can follow; a check by who made it
    (…相关信息高速交警已核实，暂无人员伤亡 → 经高速交警核实，…暂无人员伤亡)."""
    return _VERIFIED.sub(r"经\g<who>核实，\g<what>", _COLUMN.sub(r"据\g<outlet>", _RELAYED.sub("据", text)))


# 坑内另一辆黑色汽车相关信息高速交警已核实，暂无人员伤亡: a report's notes pasted as a sentence, told as
# who checked what (经高速交警核实，坑内另一辆黑色汽车暂无人员伤亡)
_VERIFIED = hanzi.compile(
    r"(?:^|(?<=[。！？]))(?P<what>[^，。！？]{2,20}?)相关(?:信息|情况)(?P<who>[^，。！？]{2,10}?)已(?:经)?核实[，,]"
)


# 据新京报我们视频最新报道: an outlet's video or business column, a brand readers do not follow
_COLUMN = hanzi.compile(
    r"据(?P<outlet>新京报|澎湃新闻|红星新闻|上游新闻)(?:我们视频|贝壳财经|澎湃视频|红星资本局)(?:最新)?(?=报道)"
)


def trim_opening(sentence: str) -> str:
    """A text's first sentence without a bare 此外 (it opens nothing) and without how the reporter
    learnt the news: dropped when the rest names who it came from (记者从公安部…获悉，公安部研究制定…),
    else told as 据 its source (澎湃新闻从水利部获悉，截至… → 据水利部，截至…)."""
    sentence = _CONNECTIVE.sub("", sentence)
    learnt = _LEARNT.match(sentence)
    if learnt:
        rest, source = sentence[learnt.end() :], learnt.group("source")
        if len(rest) >= 15 and source[:3] in rest[:40]:
            return rest
        if len(rest) >= 15 and _NAMED_SOURCE.match(source):  # 澎湃新闻从水利部获悉，… → 据水利部，…
            return f"据{source}，{rest}"
    return sentence


# 7月26日，国务院新闻办举行政策例行吹风会，介绍相关情况。会上，欧鸿表示，…: the occasion told as a
# sentence of its own before what was said at it.
_OCCASION = hanzi.compile(
    r"^(?:(?P<when>[^，,。]{2,12}?)[，,])?(?P<who>[^，,。]{2,24}?)(?:举行|召开)了?"
    r"(?P<what>[^，,。]{0,16}?(?:发布会|吹风会|通气会|座谈会|见面会))[，,][^。]{0,16}?(?:介绍|通报|解读)[^。]{0,16}。$"
)
_AT_IT = hanzi.compile(r"^会上[，,]\s*")
_BACKGROUND = hanzi.compile(r"^(?:近日|日前|此前)[，,]")  # 近日，国务院常务会议研究部署了…: what led to the occasion
_OCCASION_AT = 3  # sentences into a lede the occasion may stand


def fold_occasion(sentences: list[str]) -> list[str]:
    """A lede whose occasion stands alone before what was said at it, folded into one sentence (7月26日，
    国务院新闻办举行政策例行吹风会，介绍相关情况。会上，欧鸿表示，… → 在7月26日国务院新闻办举行的政策例行
    吹风会上，欧鸿表示，…), without the background sentences before it (近日，国务院常务会议研究部署了…)."""
    for k, sentence in enumerate(sentences[:_OCCASION_AT]):
        occasion = _OCCASION.match(sentence)
        if occasion is None or k + 1 >= len(sentences) or not _AT_IT.match(sentences[k + 1]):
            continue
        if not all(_BACKGROUND.match(before) for before in sentences[:k]):
            return sentences
        when = occasion.group("when") or ""
        said = _AT_IT.sub("", sentences[k + 1])
        return [f"在{when}{occasion.group('who')}举行的{occasion.group('what')}上，{said}", *sentences[k + 2 :]]
    return sentences


# 涉及4大板块：第一类是…，如…；第二类是…: a list whose size is announced before its members.
_COUNTED_LIST = hanzi.compile(r"(?P<n>\d|[一二三四五六七八九十])(?:大|个|类|项|方面)[^，,。：:；;]{0,6}[：:]")
_CN_COUNT = {c: k for k, c in enumerate("一二三四五六七八九十", start=1)}


WHOLE_LIST = 1.25  # a list told whole may take the lede's slack (digests.itemtext.WHOLE_LEDE)


def _first_with_examples(member: str) -> str:
    clauses = member.split("，")
    return "，".join([clauses[0], *(c for c in clauses[1:2] if c.startswith(("如", "包括")))])


def list_heads(sentences: list[str], budget: float) -> list[str]:
    """A list whose size is announced (涉及4大板块：第一类是…，如碳排放权期货…；第二类是…) that would be
    cut inside ``budget`` told by each member's first clause (第一类是服务绿色发展相关品种；…), so the
    reader gets as many members as announced; unchanged when it fits or is not such a list."""
    for k, sentence in enumerate(sentences):
        counted = _COUNTED_LIST.search(sentence)
        if counted is None:
            continue
        n = counted.group("n")
        size = int(n) if n.isdigit() else _CN_COUNT[n]
        rest = "".join(sentences[k:])  # the members run on in this sentence or the next ones, up to a 。
        end = rest.find("。", counted.end())
        members = rest[counted.end() : end].split("；") if end > 0 else []
        if len(members) != size or len("".join(sentences[:k])) + end + 1 <= budget:
            return sentences
        # Each member's first clause with its examples (，如碳排放权期货…) when that still fits, else alone.
        examples = [_first_with_examples(member) for member in members]
        heads = "；".join(examples)
        if len("".join(sentences[:k])) + counted.end() + len(heads) + 1 > budget * WHOLE_LIST:
            heads = "；".join(member.split("，")[0] for member in members)
        return [*sentences[:k], rest[: counted.end()] + heads + "。", *split_text(rest[end + 1 :])]
    return sentences


# 扩大新能源汽车消费。: a section's heading run into the text.
_HEADING_LINE = hanzi.compile(
    r"^(?:扩大|推动|促进|加快|提升|优化|稳定|支持|加强|完善|强化|做好|深化|推进)[^，,。；;]{2,12}。$"
)
# …但具体原因不明: what was not yet known when it was written, stale by the time it is read;
# 大疆一直严格遵守并执行…法律法规: a company's stock answer, the same whatever was asked;
# 合规审计，是指…: a term explained; 提醒在上述海域作业的船只注意安全: the advice every warning ends on.
_NOT_NEWS = hanzi.compile(
    r"(?:具体)?原因(?:尚)?不明|(?:目前)?尚不清楚|有待进一步(?:调查|核实)|是指|指的是|"
    r"^(?:提醒|请|建议|提请)[^。]{0,40}(?:注意安全|注意防范|关注最新|提前采取|做好)|"
    r"(?:一直|始终)(?:严格)?(?:遵守|执行|保持)[^。]{0,40}(?:法律法规|规定|态度)。$|"
    # 台湾问题是中国核心利益中的核心，是中美关系不可逾越的红线: a standing position, said every time
    r"^[^。]{0,12}(?:核心利益中的核心|不可逾越的红线)[^。]{0,30}。$|"
    # 交警已经到达现场并实施临时管控: responders on the scene, what any report of an accident implies
    r"^(?:目前，)?[^。，\d]{0,10}(?:已经|已|第一时间|迅速)?(?:到达|达到|赶到|赶赴)(?:事发)?现场[^。\d]{0,16}。$"
)


def later_not_news(sentence: str, before: str = "") -> bool:
    """A sentence after the lede that tells the reader nothing: a section's heading, a stale unknown,
    a company's stock answer, a definition, a programme's formulas, or what ``before`` (the text so
    far) already said."""
    return bool(
        _HEADING_LINE.match(sentence)
        or _NOT_NEWS.search(sentence)
        or _formulas(sentence)
        or _restates(sentence, before)
    )


# 做好政策宣传解读，加强典型经验推广: a programme's verbs, each over an abstraction.
_PROGRAMME = hanzi.compile(
    r"^(?:做好|加强|强化|推动|推进|优化|完善|深化|加大|提升|提高|健全|落实|制定|促进|引导|统筹|加快|坚持|营造)"
)
_PROGRAMME_CLAUSES = 3
# Something checkable among them: a figure, a named tool (“第二支箭”), a document's name.
_CHECKABLE = hanzi.compile(r"\d|[“”《》「」\"]")


def _formulas(sentence: str) -> bool:
    """制定出台…指导性文件，推动商业银行优化内控管理制度，做好政策宣传解读，加强典型经验推广: three or
    more clauses, each a programme's verb, and nothing a reader could check."""
    clauses = [c.strip() for c in re.split(r"[，,；;。]", sentence) if c.strip()]
    return (
        len(clauses) >= _PROGRAMME_CLAUSES
        and all(_PROGRAMME.match(c) for c in clauses)
        and not _CHECKABLE.search(sentence)
    )


# 制定出台金融支持民营企业的指导性文件，…做好政策宣传解读: the one clause of a programme a reader can hold
# the speaker to, a document to be issued.
_DOCUMENT_DUE = hanzi.compile(r"^(?:制定出台|制定|出台|印发)[^，,；;。]{2,30}?(?:文件|意见|办法|规定|措施|方案)$")


def document_promised(sentence: str) -> str:
    """A programme's formulas (lede_trim._formulas) cut to the document it promises (制定出台金融支持民营企业
    的指导性文件。); ``sentence`` unchanged when it is no programme or promises none."""
    if not _formulas(sentence):
        return sentence
    first = re.split(r"[，,；;。]", sentence.strip(), maxsplit=1)[0].strip()
    return f"{first}。" if _DOCUMENT_DUE.match(first) else sentence


# 人民银行要…，引导金融资源更多流向民营经济。: a speaker's agenda, whose next items run on as sentences
# with no subject (支持地方政府主动解决拖欠企业账款问题。推进…“第二支箭”扩容增量…。).
_AGENDA = hanzi.compile(r"(?:表示|指出|强调|提出)[，,][^。]{0,20}?要")
_AGENDA_ITEM = hanzi.compile(
    r"^(?:支持|鼓励|推进|推动|加强|强化|加大|加快|落实|完善|健全|优化|深化|促进|引导|制定出台)"
)


def agenda_joined(sentences: list[str]) -> list[str]:
    """A speaker's agenda told as one sentence: the items after the one that names who is to act
    (人民银行要…) joined to it as its further clauses, so none reads without a subject."""
    out: list[str] = []
    for sentence in sentences:
        if out and out[-1].endswith("。") and _AGENDA.search(out[-1]) and _AGENDA_ITEM.match(sentence):
            out[-1] = out[-1][:-1] + "，" + sentence
        else:
            out.append(sentence)
    return out


# 洪森当天在…广播中说，: who said it and where, no news of its own.
_SAID_BY = hanzi.compile(r"(?:说|表示|称|指出|强调|介绍|宣布)$")
# A clause with no more character pairs than this that the text before it lacks (导柬, 柬新), and
# three in four of its pairs told, is told again.
_NEW_PAIRS = 2


def _restates(sentence: str, before: str) -> bool:
    """Every clause of ``sentence`` either only says who spoke, or is all but in ``before``: 洪森当天在
    电视讲话中说，洪马内将领导柬新政府 after 洪森表示…洪马内将领导新政府."""
    if not before:
        return False
    had = bigram_set(before)
    clauses = [c for c in re.split(r"[，,；;：:。！？!?]", sentence) if c]
    said = [c for c in clauses if not _SAID_BY.search(c)]
    return bool(said) and all(len(bigram_set(c) - had) <= min(_NEW_PAIRS, len(bigram_set(c)) // 4) for c in said)


# 三家店水文站流量涨至622立方米每秒，…张坊水文站流量涨至1610立方米每秒: a hydrologist's gauge readings.
_GAUGE = hanzi.compile(r"水文站[^。]{0,12}?流量[^。]{0,8}?\d+(?:\.\d+)?立方米每秒")
_BASIN_FLOOD = hanzi.compile(r"流域性[^。]{0,6}洪水")


def without_gauges(text: str) -> str:
    """``text`` without a sentence of two or more gauges' flows when another tells what they amount to
    (海河流域发生流域性较大洪水): the reader wants the flood, not the stations' readings."""
    sentences = split_text(text)
    if not any(_BASIN_FLOOD.search(s) and len(_GAUGE.findall(s)) < 2 for s in sentences):
        return text
    kept = (s for s in sentences if len(_GAUGE.findall(s)) < 2)
    return "".join(_GROUNDS.sub("", s) for s in kept)  # 鉴于…均出现编号洪水，: grounds the reader was not given


_GROUNDS = hanzi.compile(r"^鉴于[^，。]{2,40}编号洪水[，,]")
