"""An item's text without the opening its headline already tells.

A report's first sentence usually says its headline again (8日早盘，A股全线走强，上证指数站上3600点，
创业板指…上涨近2% under A股早盘全线走强，上证指数站上3600点): a reader who has just read the headline
should meet the news it does not carry. The clauses are cut, not the sentence, so its when and the
rest of its news stay; a text is left whole when what is left could not open it.
"""

from __future__ import annotations

import re

import jieba.posseg

from digests import hanzi
from digests.overlap import bigrams, letters, widened
from digests.reading import ADDITIVE_OPENERS
from digests.sentences import split_text

__all__ = ["COVERED", "clause_not_retold", "named_once", "record_said_once", "text_after", "total_not_retold"]

COVERED = 0.75  # share of a clause's character pairs the headline carries at which the clause only retells it
LEANS = 0.5  # the share at which a clause leans on the headline: a sentence of such clauses retells it
_SHORTEST = 4  # letters a clause needs to be judged: 8日, 盘中 say too little to retell anything

# 8日早盘, 12月8日, 截至26日收盘, 据央视新闻: when or from whom, kept in front of what is left.
_WHEN = hanzi.compile(
    r"^(?:[^，。\d]{0,6}?\d{1,2}(?:月\d{1,2})?日[^，。]{0,6}|截至[^，。]{1,14}|据[^，。]{2,24}(?:消息|报道)?)$"
)
_DATE = hanzi.compile(r"^(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日$")
_TIME_ALONE = hanzi.compile(
    r"^(?:截至|截止到?)?(?:凌晨|早上|上午|中午|午间|下午|傍晚|晚上|晚间|夜间)?\d{1,2}(?:时|点|:|：)"
)
_FIGURE = hanzi.compile(r"\d+(?:\.\d+)?")
# 边际利率为2.4823%: what was measured but not of what.
_MEASURE_ONLY = hanzi.compile(r"^[^，。\d]{2,6}?为\d")
# 财政部2年期续发国债中标利率为2.4576%: a headline reading a named thing's measure, which the
# measures after it (边际利率为2.4823%) go on reading.
_READS = hanzi.compile(r"(?P<subject>[^，。\s]{2,}?)[^，。\d\s]{2,4}为\d")
# 最高达到…, 较去年…, 均上涨…: a clause that goes on from the one before and cannot open a text.
_GOES_ON = hanzi.compile(
    r"^(?:最高|最低|较|比|同比|环比|分别|达到?|并|但|而|且|其中|均|也|都|还|已|将|此前|随后|为|创(?:出|下|新|历史)|其|现报|收报)"
)
_DAY_OPENING = hanzi.compile(r"^(?:\d{1,2}月)?\d{1,2}日")
# What a text may open on once its first clauses are cut: a name or noun (创业板指, 法国), a place or time word.
_SUBJECT_TAGS = ("n", "j", "s", "t", "eng")


def _opens(clause: str, title: str) -> bool:
    if _DAY_OPENING.match(clause):
        return True  # 3日8时50分左右，…: a when opens a report
    if _MEASURE_ONLY.match(clause):
        return bool(_READS.search(title))
    if _GOES_ON.match(clause):
        return False
    words = jieba.posseg.lcut(clause)
    return bool(words) and words[0].flag.startswith(_SUBJECT_TAGS)


def _retold(clause: str, title: str, head: set[str], share: float = COVERED) -> bool:
    """``head``: the title's character pairs, counted once for all its clauses."""
    own = letters(clause)
    if len(own) < _SHORTEST or any(n not in title for n in _FIGURE.findall(clause)):
        return False  # a figure the headline lacks (最高触及6.3515) is news
    grams = bigrams(own)
    return len(grams & head) >= share * len(grams)


def _new_figure(clauses: list[str], title: str) -> bool:
    """The clauses tell a figure the headline lacks, other than a time (截至午后13:50)."""
    return any(n not in title for c in clauses if not _WHEN.match(c) for n in _FIGURE.findall(c))


def text_after(title: str, text: str) -> str:
    """``text`` without the clauses of its first sentence that ``title`` already tells, after its
    when (8日早盘，创业板指…) and at its end (…6.3512，双双刷新2018年5月以来高位); without the whole
    sentence when it tells nothing else. Its opening stays when what is left would open on a figure
    of nothing named (边际利率为2.4823%，… under 中标结果出炉) or on a clause that only goes on from
    the cut one; under a headline reading the named thing's measure (…中标利率为2.4576%) the next
    measures read on from it, the thing named (财政部2年期续发国债边际利率为2.4823%，…)."""
    return _after(title, text, whole=True)


def _after(title: str, text: str, *, whole: bool) -> str:
    """``text_after``; a ``whole`` first sentence may go (once: the next one only loses clauses, so a
    pasted run of sentences each retelling the headline costs one pass, not one call each)."""
    first, stop, rest = text.partition("。")
    clauses = first.split("，")
    head = bigrams(letters(title))
    when = 0
    while when < len(clauses) - 1 and _WHEN.match(clauses[when]):
        when += 1  # 截至午间11:30，8日，…: a running figure's time, then the report's day
    cut = when
    while cut < len(clauses) and _retold(clauses[cut], title, head):
        cut += 1
    if cut < len(clauses) and all(_retold(c, title, head, LEANS) for c in clauses[cut:]):
        cut = len(clauses)  # 在岸、离岸人民币盘中双双走强，逼近6.35关口 under 逼近6.35关口 在岸、离岸人民币…
    if cut == len(clauses):  # the sentence is the headline again: the text starts at the next one
        if not (whole and stop and rest.strip()):
            return text
        after = _after(title, rest.lstrip(), whole=False)
        days = [c for c in clauses[:when] if _DATE.match(c)]
        # its day stays when the next one opens on a time alone (12月8日，截至上午10点55分，…)
        return "，".join([*days, after]) if days and _TIME_ALONE.match(after) else after
    if cut > when and not _opens(clauses[cut], title):
        cut = when
    end = len(clauses)
    # a figure told, the headline's reading of it (…，双双刷新2018年5月以来高位) is not said again after it
    while end - 1 > max(cut, when) and _retold(clauses[end - 1], title, head):
        if not _new_figure(clauses[cut : end - 1], title):
            break
        end -= 1
    if (cut, end) == (when, len(clauses)):
        return text
    kept = clauses[cut:end]
    reads = _READS.search(title)
    if cut > when and reads and _MEASURE_ONLY.match(kept[0]):  # 边际利率为… of the bond the headline names
        kept[0] = reads.group("subject") + kept[0]
    return "，".join(clauses[:when] + kept) + stop + rest


# …最终版本授权的约7682亿美元，包括用于国防部开支的7400亿美元…: a total told again to open its breakdown.
_AMOUNT_END = hanzi.compile(r"约?\d+(?:\.\d+)?[万亿]?[\u4e00-\u9fff]{1,2}$")
_BREAKDOWN = hanzi.compile(r"^(?:包括|包含)")
# 据介绍 before the total: with the total gone it only leans in to 其中, and an editor deletes it.
_LEAN_IN = hanzi.compile(r"^(?:" + ADDITIVE_OPENERS + r")$")


def total_not_retold(text: str) -> str:
    """``text`` without a later clause that only says a total again before its breakdown (据介绍，…授权的
    约7682亿美元，包括… after …通过了总额约7682亿美元的…法案): the breakdown goes on from the total told
    (其中包括…), and a lean-in (据介绍) left alone before it goes too."""
    sentences, changed = split_text(text), False
    for k in range(1, len(sentences)):
        told = "".join(sentences[:k])
        clauses = sentences[k].split("，")
        for j in range(len(clauses) - 1):
            total = _AMOUNT_END.search(clauses[j])
            if total is None or total.group() not in told or not _BREAKDOWN.match(clauses[j + 1]):
                continue
            if all(n in told for n in _FIGURE.findall(clauses[j])):
                lone = j == 1 and _LEAN_IN.match(clauses[0]) is not None
                clauses[j - lone : j + 2] = ["其中" + clauses[j + 1]]
                sentences[k], changed = "，".join(clauses), True
                break
    return "".join(sentences) if changed else text


# 今年第6号台风“卡努”: a storm's full designation, which a text tells once.
_DESIGNATION = hanzi.compile(r"(?:今年)?第\d{1,2}号(?:超强|强)?(?:台风|热带风暴|强热带风暴|热带低压)(“[^”]{1,8}”)")


def named_once(text: str) -> str:
    """``text`` with each storm's full designation said again after its first (今年第6号台风“卡努”正逐渐
    靠近…) as its name alone (“卡努”正逐渐靠近…), a flow it names two ways (北上资金, 北向资金) one way,
    and a paper it has named not called 新 again (…的公告。新公告将… → 公告将…)."""
    named: set[str] = set()

    def once(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in named:
            return name
        named.add(name)
        return found.group()

    return _not_new_again(_one_name(_DESIGNATION.sub(once, text)))


# 新公告将…列入管制范围 after 发布…的公告。公告决定…: the report's 新 set it against an older rule the item
# never names; once the text has named the paper, it is the paper.
_NEW_PAPER = hanzi.compile(r"新(?P<paper>公告|规定|办法|通知|条例|规则|措施)")


def _not_new_again(text: str) -> str:
    return _NEW_PAPER.sub(lambda m: m.group("paper") if m.group("paper") in text[: m.start()] else m.group(), text)


# One flow, two names (北上资金净流入70.39亿元。…北向资金净流入达80亿元): told by the one the text uses last.
_SAME_FLOW = (("北上资金", "北向资金"), ("南下资金", "南向资金"))


def _one_name(text: str) -> str:
    for one, other in _SAME_FLOW:
        if one in text and other in text:
            last = max((one, other), key=text.rfind)
            text = text.replace(one if last == other else other, last)
    return text


# 截至午后13:50，北向资金净流入达80亿元。 after …北向资金净流入70.39亿元。: the same measure's newer reading.
_READING = hanzi.compile(
    r"^(?P<when>截[至止][^，。]{2,12})[，,](?P<measure>[^，。\d]{2,10}?)(?:达到|达|为|升至|增至|降至)?"
    r"(?P<figure>(?P<number>\d+(?:\.\d+)?)(?P<unit>[万亿]?[\u4e00-\u9fff%]{0,2}))。$"
)


def reading_joined(text: str) -> str:
    """``text`` with a measure's newer reading told as the close of the sentence giving its earlier one
    (北向资金净流入70.39亿元，截至午后13:50增至80亿元。), not as a sentence naming the measure again."""
    sentences = split_text(text)
    for k in range(1, len(sentences)):
        newer = _READING.match(sentences[k])
        if newer is None:
            continue
        earlier = hanzi.compile(
            re.escape(newer.group("measure")) + r"(?P<number>\d+(?:\.\d+)?)" + re.escape(newer.group("unit")) + "。$"
        )
        before = earlier.search(sentences[k - 1])
        if before is None:
            continue
        old, new = float(before.group("number")), float(newer.group("number"))
        verb = "增至" if new > old else "降至" if new < old else "仍为"
        sentences[k - 1 : k + 1] = [f"{sentences[k - 1][:-1]}，{newer.group('when')}{verb}{newer.group('figure')}。"]
        return "".join(sentences)
    return text


# …发布海浪黄色警报…。…，近海海域海浪预警级别为黄色。: a warning's level told again at a sentence's end.
_LEVEL_AGAIN = hanzi.compile(r"[，,][^，,。]{0,8}?(?P<kind>[\u4e00-\u9fff]{2})预警级别为(?P<color>[红橙黄蓝])色(?=。)")


def level_not_retold(text: str) -> str:
    """``text`` without a closing clause that tells again the level of a warning it has named (近海海域海浪
    预警级别为黄色 after 发布海浪黄色警报)."""
    for again in _LEVEL_AGAIN.finditer(text):
        named = f"{again.group('kind')}{again.group('color')}色"
        if named + "警报" in text[: again.start()] or named + "预警" in text[: again.start()]:
            return text[: again.start()] + text[again.end() :]
    return text


# 26日，中央气象台…。26日，国家防总…: one day opening sentence after sentence.
_OPENING_DATE = hanzi.compile(r"^(?:\d{1,2}月)?(?P<day>\d{1,2}日)[，,]\s*(?=[\u4e00-\u9fff])")


def date_once(text: str) -> str:
    """``text`` with a day that opened the sentence before not opening the next one again (26日，中央气象台
    将台风预警升级为红色。国家防总将…): the day carries over until another is named."""
    sentences = split_text(text)
    out: list[str] = []
    last = ""
    for sentence in sentences:
        opening = _OPENING_DATE.match(sentence)
        if opening is not None and opening.group("day") == last:
            sentence = sentence[opening.end() :]
        elif opening is not None:
            last = opening.group("day")
        out.append(sentence)
    return "".join(out)


_CLAUSES = hanzi.compile(r"[，,：:\s]+")


# 弗朗西斯认为，…: who said it, before a clause the headline has already said
_SAYER = hanzi.compile(r"^[^，,。]{2,12}?(?:认为|表示|说|称|指出|强调)[，,：:]")
_INSERTED = 2  # characters a later sentence may add to a headline clause and still only say it (数据已不言自明)


def clause_not_retold(title: str, text: str) -> str:
    """``text`` without a later sentence that only says one of its headline's clauses again (海河流域发生
    流域性较大洪水。 under 北京门头沟暴雨致2人死亡，海河流域发生流域性较大洪水), also when it names who said
    it and adds a word (弗朗西斯认为，数据已不言自明。 under …债务堆积如山 数据不言自明): the headline has said it."""
    clauses = {c for c in _CLAUSES.split(title) if len(c) >= 6}
    sentences = split_text(text)

    def retells(sentence: str) -> bool:
        said = sentence.rstrip("。！!；;").strip()
        sayer = _SAYER.match(said)
        said = said[sayer.end() :] if sayer else said
        return any(widened(clause, said, _INSERTED) for clause in clauses)

    kept = sentences[:1] + [s for s in sentences[1:] if not retells(s)]
    return "".join(kept) if len(kept) < len(sentences) else text


# 入夏以来全国日调度发电量三创历史新高，最高达到301.71亿千瓦时 under that headline: the record said once.
_RECORD = hanzi.compile(
    r"^(?P<subject>[^，,：:\s]{4,30}?)(?:[一二两三四五六七八九十]创|再创|连创|创下?|刷新)(?:历史)?(?:新高|新低|纪录)$"
)
_FIGURE_ON = hanzi.compile(r"^(?:最高|最低|峰值)?(?:达到|达|为|至)\d")


def record_said_once(title: str, text: str) -> str:
    """``text`` without its headline's record said again before the record's figure: 入夏以来全国日调度
    发电量三创历史新高，最高达到301.71亿千瓦时 → 入夏以来全国日调度发电量最高达到301.71亿千瓦时, the
    figure said of the record's subject."""
    for clause in _CLAUSES.split(title):
        record = _RECORD.match(clause)
        at = text.find(clause + "，") if record else -1
        rest = text[at + len(clause) + 1 :] if at >= 0 else ""
        if record and _FIGURE_ON.match(rest):
            return text[:at] + record.group("subject") + rest
    return text
