"""A speaker named as the report first names them: 毛宁表示，… is 外交部发言人毛宁表示，… to a reader who
meets the sentence without the paragraphs that introduced her."""

from __future__ import annotations

import re

from digests import hanzi
from digests.decks import HARD_CLAIM
from digests.records import Article
from digests.sentences import split_text

__all__ = ["claim_hedged", "quote_titled", "speaker_named", "stance_told", "titled"]

# 毛宁表示，…: a sentence opening on a bare name, its title given earlier in the report.
_BARE_SPEAKER = hanzi.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})(?=表示|说|指出|强调|称|回应|介绍|认为)")
_TITLE = (
    r"[\u4e00-\u9fff]{2,10}?(?:发言人|副部长|部长|主任|局长|书记|主席|总统|首相|总理|大使|司长|行长|秘书长|负责人"
    r"|分析师|经济学家|策略师|董事长|总裁|首席执行官)"
)
_TITLED = hanzi.compile(rf"^{_TITLE}")  # 外交部发言人毛宁…: a speaker named with the title given
_READ = 20  # paragraphs searched for the title: bounded, however long the report


def _introduced(name: str, article: Article, before: str = "") -> re.Match[str] | None:
    """Where ``article`` first names ``name`` with a title (外交部发言人毛宁, 首席分析师查德·弗朗西斯, 主管金融
    市场事务的助理部长Josh Frost); None when it gives none, or ``before`` names them with it already."""
    pattern = hanzi.compile(rf"({_TITLE})((?:[\u4e00-\u9fff]{{1,4}}·|[A-Za-z]+\s)?){re.escape(name)}")
    if pattern.search(before):
        return None
    return next((m for m in map(pattern.search, article.paragraphs[:_READ]) if m), None)


def _report_title(name: str, article: Article, before: str = "") -> str | None:
    """The title ``article`` names ``name`` by (外交部发言人 of 外交部发言人毛宁, 首席分析师 of 首席分析师查德·
    弗朗西斯, 助理部长 of 助理部长Josh Frost); None when it gives none, or ``before`` names them with it
    already. Not the given name: a wire's transliteration of it (查德 for Richard) is its own error."""
    found = _introduced(name, article, before)
    return _title_of(found) if found else None


def _title_of(found: re.Match[str]) -> str:
    """The title an introduction gives, without what precedes it (主管金融市场事务的助理部长 → 助理部长) or a
    wire's 中国 (中国外交部发言人 → 外交部发言人)."""
    return found.group(1).rsplit("的", 1)[-1].removeprefix("中国")


# 据美国有线电视新闻网（CNN）2日报道，惠誉首席分析师查德·弗朗西斯…: whom the report has the speaker's words from
_CITED = hanzi.compile(r"据[^，。据]{2,24}?(?:\d{1,2}日)?报道[，,]$")


def titled(sentence: str, article: Article) -> str:
    """``sentence`` with its bare opening speaker given the title ``article`` names them by (外交部发言人
    毛宁表示，…), and the report their words are from when the report cites one as it introduces them
    (据美国有线电视新闻网（CNN）2日报道，惠誉首席分析师弗朗西斯说，…); unchanged when it opens on no bare
    name or the report gives no title."""
    bare = _BARE_SPEAKER.match(sentence)
    found = _introduced(bare.group("name"), article) if bare else None
    if found is None:
        return sentence
    title = _title_of(found)
    cited = _CITED.search(found.string[: found.start()])
    return (cited.group() if cited else "") + title + sentence


# …，”Frost说。: a quote's speaker named bare after it, the title given earlier in the report.
_QUOTED_BARE = hanzi.compile(r"(?<=[”\"])(?P<name>[A-Z][A-Za-z-]{1,20}|[\u4e00-\u9fff]{2,4})(?=说|表示|称)")


def quote_titled(text: str, article: Article) -> str:
    """``text`` with the bare speaker of a quote (…，”Frost说。) given the title ``article`` names them by
    (…，”助理部长Frost说。), once, unless the text names them with it already."""
    bare = _QUOTED_BARE.search(text)
    title = _report_title(bare.group("name"), article, text[: bare.start()]) if bare else None
    return f"{text[: bare.start()]}{title}{text[bare.start() :]}" if bare and title else text


# What a side does about it, not what happened: 中方谴责…，将采取必要措施….
_STANCE = hanzi.compile(r"谴责|反对|敦促|将采取|要求|呼吁|抗议|不满|欢迎|决定|停止|拒绝")
_SAID = hanzi.compile(r"(表示|说|指出|强调|称)[，,：:]")
_SPAN = 4000  # characters of a paragraph read for a stance: bounded, however long a pasted paragraph
_AFTER = 4  # sentences after the speaker's first searched for their stance (a photo's caption between)


def stance_told(sentence: str, article: Article) -> str:
    """A speaker's sentence that only retells what happened (外交部发言人毛宁表示，根据中方相关机构发布的
    通报，…严重威胁中国国家安全。) as the stance they took next in ``article`` (外交部发言人毛宁表示，中方
    谴责上述不负责任的行为，将采取必要措施维护中国的网络安全。); ``sentence`` when it takes a stance
    itself or the report gives none."""
    said = _SAID.search(sentence)
    bare = _BARE_SPEAKER.match(_TITLED.sub("", sentence))
    if said is None or bare is None or _STANCE.search(sentence[said.end() :]):
        return sentence
    name, opening = bare.group("name"), sentence[: said.end()]
    body = [s for p in article.paragraphs[:_READ] for s in split_text(p[:_SPAN])]
    content = sentence[said.end() :][:12]  # where the report says it
    at = next((k for k, s in enumerate(body) if content in s), None)
    if at is None:
        return sentence
    for later in body[at + 1 : at + 1 + _AFTER]:
        own = _SAID.search(later)
        if own and name in later[: own.start()]:  # 毛宁表示，中方谴责…
            later = later[own.end() :]
        elif not later.startswith(("我们", "中方")):  # 我们谴责…，中方将采取…: her words go on
            continue
        if _STANCE.search(later):
            side, _, rest = later.replace("我们", "中方", 1).partition("中方")
            return opening + side + ("中方" + rest.replace("，中方", "，") if _ else rest)
    return sentence


# 专家称…, 业内人士：…: a headline that hides who said it.
_VAGUE_SPEAKER = hanzi.compile(r"^(?:业内)?(?:专家|人士|分析人士|业内人士)(?=称|表示|认为|指出|[：:])")
# 中国钢铁工业协会副会长兼秘书长屈秀丽指出: a body, the speaker's post in it, their name, their word.
_NAMED_SPEAKER = hanzi.compile(
    r"(?P<body>[\u4e00-\u9fff]{2,12}?(?:协会|学会|研究院|研究所|研究中心|商会|联合会|交易所|银行|大学))"
    r"[\u4e00-\u9fff]{0,10}?(?:会长|秘书长|理事长|院长|所长|主任|行长|校长|首席经济学家|研究员)"
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?:指出|表示|认为|称|说)"
)


def speaker_named(title: str, text: str) -> str:
    """A headline's anonymous 专家 as the body and name its text's opening sentence gives (专家称明年…
    is 中国钢铁工业协会屈秀丽称明年…); unchanged when the title names its speaker or the text does not."""
    vague = _VAGUE_SPEAKER.match(title)
    named = _NAMED_SPEAKER.search(text.split("。", 1)[0]) if vague else None
    if vague is None or named is None:
        return title
    return named.group("body") + named.group("name") + title[vague.end() :]


# 一名与总统接近的消息人士称，…已被…扣押: a claim only an unnamed source makes.
_UNNAMED = hanzi.compile(r"消息人士|知情人士|匿名人士|据传|传言|网传")
_CLAUSE = hanzi.compile(r"[，,\s]")


def claim_hedged(title: str, text: str) -> str:
    """A headline stating a hard claim about a person (尼日尔总统被卫队扣押) that its text makes only on
    an unnamed source's word, with 据报 before the claim's clause (尼日尔总统据报被卫队扣押); unchanged
    when the text tells it in its own voice or not at all."""
    claim = HARD_CLAIM.search(title)
    if claim is None:
        return title
    saying = [s for s in split_text(text) if claim.group() in s]
    if not saying or not all(_UNNAMED.search(s) for s in saying) or "据报" in title:
        return title
    start = max((m.end() for m in _CLAUSE.finditer(title, 0, claim.start())), default=0)
    clause = title[start : claim.start()]
    verb = clause.find("被") if "被" in clause else len(clause)  # 总统被卫队扣押 → 总统据报被卫队扣押
    return title[: start + verb] + "据报" + title[start + verb :]
