"""The text under a digest item's headline: key sentences that add to the headline, read any day.

Rules (tests/test_itemtext.py states each): an item has text whenever its article has any beyond
the headline (falling back to later sentences and paragraphs); no sentence the headline already
says (high character overlap, not only a substring); no credit or byline; relative time words made
absolute (digests.timewords) in the digest's zone; a running intraday figure shown with its time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.boilerplate import clean_paragraphs
from digests.briefings import answered
from digests.clock import NEWS_ZONE
from digests.lede_trim import (
    agenda_joined,
    document_promised,
    fold_occasion,
    later_not_news,
    list_heads,
    tighten,
    trim_opening,
)
from digests.overlap import bigram_set as bigram_set  # re-exported: what callers measure overlap on
from digests.overlap import bigrams, letters
from digests.reading import clean_cut, leans_on_previous, tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize, stamp_running

RESTATES = 0.7  # share of a sentence's character bigrams already in the headline
TELLS = 0.5  # share of a headline's character bigrams a sentence carries to tell its news
_FALLBACK_SENTENCES = 12  # how far into the body to look when the opening only repeats the headline


WHOLE_LEDE = 1.25  # a first sentence this much over the budget is shown whole: a cut one reads worse


def clip_text(sentences: Sequence[str], max_chars: int) -> str:
    """Whole sentences up to ``max_chars`` (the first two up to ``WHOLE_LEDE`` times it); a first
    sentence longer still is cut at a clause with "…".

    Never inside a number, a Latin word or a bracketed name, never with a stray space.
    """
    out = ""
    for count, sentence in enumerate(sentences):
        sentence = tidy_spaces(sentence)
        # The slack also lets a one-sentence text take its second fact (PMI 49.3%, then what the
        # statistician says of it): a thin item is the commoner complaint than a long one.
        if len(out) + len(sentence) <= (max_chars if count > 1 else max_chars * WHOLE_LEDE):
            out += sentence
        else:
            break
    if out or not sentences:
        return out
    return clean_cut(sentences[0], max_chars)


def repeats_title(sentence: str, title: str) -> bool:
    """The sentence says nothing the headline does not: contained in it, or it in a sentence barely
    longer, or most of the sentence's character bigrams are the headline's (a reworded restatement)."""
    if not sentence or not title:
        return False
    if sentence in title or (title in sentence and len(sentence) <= len(title) + 8):
        return True
    own = bigrams(sentence)
    return len(own & bigrams(title)) >= RESTATES * len(own)


def _candidates(article: Article) -> list[str]:
    if article.summary:
        return list(article.summary)
    first = next((p for p in article.paragraphs if p.strip()), "")
    return ([article.lead] if article.lead else []) + split_text(first)[:3]


def body_sentences(article: Article, most: int = _FALLBACK_SENTENCES) -> list[str]:
    """The body's first ``most`` sentences in order (the fallback when the key sentences only repeat
    the headline); only the paragraphs they need are split."""
    out: list[str] = []
    for paragraph in article.paragraphs:
        out.extend(split_text(paragraph))
        if len(out) >= most:
            break
    return out[:most]


def _is_furniture(sentence: str) -> bool:
    return not clean_paragraphs([sentence]).paragraphs


LEDE_RESTATES = 0.5  # bigram Dice with the headline at which an opening sentence only retells it
_LEDE_SENTENCES = 8  # a lede is in the opening; further in is the report's middle
_CAPTION_MAX = 30  # a line without a mark this short is a caption, not a sentence
_MARK = hanzi.compile(r"[，。！？；：,.!?;:…”]")
# Openers that leave out who speaks or acts: fine inside a report, not as the first words of an item.
_NO_SUBJECT = hanzi.compile(r"^(?:(?P<said>报道|消息|文章|声明|通报)[称说]|要(?!求))")
# Talk about the news, not news: trending topics, "attracted attention", the reader addressed.
_META = hanzi.compile(
    r"热搜|引发(?:网友)?(?:关注|热议)|引起(?:广泛)?关注|牵动(?:着)?.{0,8}心|刷屏|一起来看|来了解|快来看|戳"
    r"|(?:答记者问|回答(?:了)?记者提问)。?$"  # …副局长亓希国就…举措答记者问: the briefing's programme, not news
    r"|^(?:此前报道|相关报道|延伸阅读|往期回顾|图源|图片来源)[：:]"  # a link or a photo credit glued into the text
    r"|^据[^，。]{0,10}此前报道"  # what the outlet reported before: background, not the day's news
    r"|接受[^，。]{0,12}(?:专访|采访)。?$"  # 飞行员王宇凌…接受新华社记者专访: that an interview happened
)
_FACT = hanzi.compile(
    r"\d|[一二两三四五六七八九十百千万亿]+(?:人|名|个|家|起|项|条|座|辆|户|架次|万|部门)|[今昨前]日|当天|日前|近日|"
    r"印发|发布|宣布|公布|出台|通过|召开|举行|决定|批准|签署|获悉|通报|回应|表示|强调|指出|部署|提出|起草|制定|启动|"
    r"(?:声明|讲话|发言|采访)中?(?:说|称)[，,：:]"
)
# A subhead the page glued to the next sentence: 退休12年后被查利用铁矿采矿权谋利致公共财产遭受重大损失据中央纪委
# 国家监委网站7月17日通报，… / …两手都要抓综合多家媒体报道， (an attribution inside a run with no mark
# before it does not open a sentence): the subhead is dropped, the sentence kept.
_GLUED = hanzi.compile(
    r"^[^，,。；;：:！？!?]{8,40}?(?<![，,：:“])(?P<said>(?:据|综合)[^，,。]{0,24}?(?:通报|消息|报道)[，,：:]"
    r"|记者从[^，,。]{2,30}?(?:获悉|了解到)[，,：:])"  # …风暴潮蓝色警报发布记者从自然资源部了解到，
)
# A résumé's heading glued to it: 王平简历王平，男，回族，…
_RESUME_HEADING = hanzi.compile(r"^([\u4e00-\u9fff]{2,4})简历\s*(?=\1[，,])")
# A wire's style for readers abroad (中国水利部, 中国国家发改委): at home a national body needs no 中国.
_HOME_BODY = hanzi.compile(
    r"中国(?=国家(?:发改委|发展改革委|统计局|卫健委|医保局|能源局|外汇局|林草局)|国务院|A股|最高人民(?:检察院|法院)|"
    r"(?:水利|商务|外交|财政|教育|公安|国防|交通运输|自然资源|生态环境|农业农村|应急管理|工业和信息化|工信|"
    r"住房和城乡建设|住建|人力资源和社会保障|民政|司法|文化和旅游|科技)部)"
)


def at_home(text: str) -> str:
    """The text without a wire's 中国 before a national body (中国水利部 → 水利部)."""
    return _HOME_BODY.sub("", text)


# A reaction to what the sentence before told (美国白宫和多名政府官员对此表示不满): not an opening.
_BACK_REFERENCE = hanzi.compile(r"^[^，,。]{2,16}?(?:对此|对这一|就此|为此)")
# A roundup sentence that leans on a moment the reader was not told of (目前，国家防总5个工作组…).
SPEAKER = hanzi.compile(r"^(?P<who>[^，,：:\s]{2,12})[：:]")  # 北京防汛办：… told as a sentence: 据北京防汛办，…
# A term explained (个人信息保护合规审计，是指…): background, not what happened.
_DEFINITION = hanzi.compile(r"是指|指的是|所谓")
# The first item of a list (一是…): shown alone it promises the rest.
_LIST_ITEM = hanzi.compile(r"^(?:一是|二是|其一|首先|第一[，,])")


# When and from whom, ahead of a lede's news (7月31日中午，据水利部水旱灾害防御司发布消息，…).
_WHEN_WHO = hanzi.compile(r"^(?:[^，,。]{0,8}\d{1,2}日[^，,。]{0,6}[，,]|据[^，,。]{2,24}(?:消息|报道|通报)[，,])+")


def _retells(sentence: str, title: str) -> bool:
    own, head = bigrams(letters(sentence)), bigrams(letters(title))
    news = letters(_WHEN_WHO.sub("", sentence))
    return 2 * len(own & head) >= LEDE_RESTATES * (len(own) + len(head)) or (len(news) >= 8 and news in letters(title))


# Words of a meeting's exhortation, not of its decisions: a sentence made of three of them says nothing new.
_SLOGAN = hanzi.compile(
    r"深刻领会|统一思想|坚定信心|贯彻落实|决策部署|固本培元|回升向好|科学判断|重要讲话|"
    r"(?:针对性|组合性|协同性)(?:[、和与及](?:针对性|组合性|协同性))*|"  # one phrase, however many of them
    r"重要指示|总书记|党中央|高质量发展|切实|着力|扎实|坚决|不断|持续"
)
# 会议强调，要…: who urges, so that the next 要… (the decision itself) can be shown with its speaker.
_URGES = hanzi.compile(r"^((?:会议|[^，,。]{2,12})(?:强调|指出|要求|提出))[，,：:]\s*(?=要)")


_MEETING_HELD = hanzi.compile(r"(?:召开|举行)[^，。]{2,20}(?:会议|座谈会)。?$")
_MEETING_SAID = hanzi.compile(r"^会议(强调|指出|决定|要求|部署|认为)[，,：:]\s*")
_ACCORDING = hanzi.compile(r"^据[^，。]{2,20}(?:消息|报道)[，,]\s*")
_DIGIT = hanzi.compile(r"\d")
_SLOGAN_SPAN = 300  # an exhortation is one sentence of a meeting report, not a page


def lede_sentences(article: Article) -> list[str]:
    """The report's opening sentences that state news (``_lede``), each without its preamble."""
    return [tighten(s) for s in _lede(article)]


def opens_alone(sentence: str, title: str) -> bool:
    """The sentence can open an addition to an item under ``title``: it leans on no sentence before
    it, names who speaks, is no talk about the news, definition or retelling of the headline."""
    plain = sentence.strip()
    return not (
        leans_on_previous(plain)
        or _NO_SUBJECT.match(plain)
        or _BACK_REFERENCE.match(plain)
        or _META.search(plain)
        or _DEFINITION.search(plain)
        or _retells(plain, title)
    )


def states_fact(sentence: str) -> bool:
    """The sentence carries a fact: a figure, a date, someone announcing or deciding."""
    return bool(_FACT.search(sentence))


def _sloganeering(sentence: str) -> bool:
    if len(sentence) > _SLOGAN_SPAN or _DIGIT.search(sentence):
        return False
    return len(set(_SLOGAN.findall(sentence))) >= 3


# 洪森现任柬埔寨首相、执政党人民党主席。: the post someone holds, a profile's line.
_POST_HELD = hanzi.compile(r"^[\u4e00-\u9fff·]{2,10}(?:现任|曾任|现为)[^。，\d]{2,40}。$")
# 表示, 发布, 宣布: a short paragraph that reports someone's word is news, not a photo's caption.
_REPORTED = hanzi.compile(r"表示|称|说|发布|宣布|通报|获悉|消息|报道|预计|记者")


def _scene(sentence: str, alone: set[str]) -> bool:
    """哈尔滨市相关部门垒砌沙袋防止积水流入地下通道。 standing as a paragraph of its own, between a
    report's paragraphs: a photo's caption, which says no figure and quotes no one."""
    return sentence in alone and not _DIGIT.search(sentence) and not _REPORTED.search(sentence)


def _lede(article: Article) -> list[str]:
    """The report's own opening sentences that state news, in order: an inverted-pyramid report
    says what happened first, and a front page shows that rather than a key sentence from its
    middle. A sentence states news when it carries a fact (a figure, a date, someone announcing
    or deciding) or is one of the article's key sentences; questions, talk about trending and
    restated headlines are passed over. Empty when the opening has no such sentence (a feature's scene-setting)."""
    opening: list[str] = []
    alone: set[str] = set()  # sentences that are a paragraph of their own
    for paragraph in article.paragraphs:
        parts = split_text(paragraph)
        alone.update(parts[:1] if len(parts) == 1 else ())
        opening.extend(parts)
        if len(opening) >= _LEDE_SENTENCES:
            break
    opening = answered(opening, f"{article.published.astimezone(NEWS_ZONE).day}日")  # a transcript's day
    key = set(article.summary)
    out: list[str] = []
    speaker = ""  # 会议强调 of an exhortation passed over, for the 要… sentences after it
    met = ""  # the opening that only says the meeting was held (it retells the headline)
    captioned = False  # the sentence before was a photo's caption
    for sentence in opening[:_LEDE_SENTENCES]:
        plain = _RESUME_HEADING.sub("", sentence.strip())
        glued = _GLUED.match(plain)
        if glued:  # the subhead goes, the sentence stays (with its 据…, who said it)
            said = glued.group("said")
            plain = (said if said.startswith("据") else "") + plain[glued.end() :]
        sentence = plain
        if _LIST_ITEM.match(plain):
            break  # a list an item could only begin: the opening's news has been told
        if _META.search(plain) or plain.endswith(("？", "?")) or len(letters(plain)) < 8:
            continue
        if out and len(plain) <= _CAPTION_MAX and (not _MARK.search(plain) or "+" in plain or _scene(sentence, alone)):
            captioned = True
            continue  # 国家发展改革委副秘书长欧鸿, 运油-20单机 + 歼-20四机护航编队: a photo's caption, not a sentence
        if captioned:  # 这是运油-20…首次同框出现 said of the photo: what it shows, said plainly
            sentence = plain = plain.removeprefix("这是")
            captioned = False
        if out and _POST_HELD.match(plain):
            continue  # 洪森现任柬埔寨首相、执政党人民党主席: who someone is, not what happened
        if not out and _retells(plain, article.title):
            met = met or _ACCORDING.sub("", plain)
            continue  # the headline told again with a date: the text starts where it adds
        if not out and _sloganeering(plain):
            urges = _URGES.match(plain)
            speaker = urges.group(1) if urges else speaker
            continue  # 会议强调，要深刻领会…统一思想、坚定信心: the decisions come after it
        if not out and speaker and plain.startswith("要"):
            out.append(f"{speaker}，{plain}")  # 会议强调，要调整优化房地产政策…
            continue
        # 声明称，… under a headline naming the statement (西共体…发表声明，谴责…) says whose it is.
        unnamed = _NO_SUBJECT.match(plain)
        if unnamed and unnamed.group("said") and unnamed.group("said") in article.title:
            unnamed = None
        if not out and (leans_on_previous(plain) or unnamed or _BACK_REFERENCE.match(plain)):
            continue  # 对此，… / 报道称，… / 要落实… / 白宫对此表示不满: a text opens with who and what
        if not out and _DEFINITION.search(plain):
            continue  # 合规审计，是指对…的监督活动: a term explained, not the news
        if out or sentence in key or _FACT.search(plain):
            out.append(sentence if out else trim_opening(sentence))
    if out and met and _MEETING_HELD.search(met):
        # 国务院总理李强7月31日主持召开国务院常务会议，强调要调整优化房地产政策…: who met and when, not a bare 会议强调
        said = _MEETING_SAID.match(out[0])
        if said:
            out[0] = f"{met.rstrip('。；;')}，{said.group(1)}{out[0][said.end() :]}"
    return out


def key_text(
    article: Article,
    max_chars: int = 120,
    *,
    sentences: int | None = None,
    tz: ZoneInfo | None = None,
    headline: str = "",
) -> str:
    """The article's key sentences (``Article.summary``, else its opening), clipped; at most ``sentences``.

    Sentences that only repeat the headline are dropped (flash items often have a one-sentence body
    equal to their title); when nothing is left, later sentences of the body are used. Time words are
    made absolute for the article's publication day in ``tz`` (default :data:`NEWS_ZONE`).
    ``headline`` is the one shown over the text when another report's: the text does not retell it.
    """
    title = letters(article.title)

    def adds(sentence: str) -> bool:
        norm = letters(sentence)
        return bool(norm) and not repeats_title(norm, title) and not _is_furniture(sentence)

    kept = fold_occasion([tighten(s) for s in _lede(article) if adds(s)])
    # Neither a subhead in front nor talk about the news (据南都此前报道，…) stands in for a lede.
    key = [s for s in _candidates(article) if adds(s) and not _GLUED.match(s.strip()) and not _META.search(s.strip())]
    # A lede too long to show whole (为…，针对…，…) would be cut mid-clause: a key sentence reads better.
    too_long = len(tidy_spaces(kept[0])) > max_chars * WHOLE_LEDE if kept else False
    if not kept or (too_long and key and len(tidy_spaces(key[0])) <= max_chars):
        kept = key
    if not kept:
        kept = [s for s in body_sentences(article) if adds(s)]
    # A key sentence that retells the headline with its source (据…消息：…) opens nothing new.
    while len(kept) > 1 and (_retells(kept[0], article.title) or (headline and _retells(kept[0], headline))):
        kept.pop(0)
    local = article.published.astimezone(tz or NEWS_ZONE)
    # Neither the day before nor a heading, a stale unknown or a stock answer (lede_trim) follows the lede.
    kept = [document_promised(s) for s in kept]  # of a programme's formulas, the document it promises
    told = kept[:1]
    gone = ""  # the sentence before, when it was left out: one leaning on it (他请求…) lost its antecedent
    for s in kept[1:]:
        if (
            not earlier_day(s, local.date())
            and not later_not_news(s, "".join(told))
            and _has_antecedent(s, gone, told[-1])
        ):
            told.append(s)
            gone = ""
        else:
            gone = s
    kept = agenda_joined(told)
    shown = [at_home(absolutize(s, local)) for s in kept[:sentences]]
    if shown:
        shown[0] = stamp_running(shown[0], local)
    text = clip_text(list_heads(shown, max_chars), max_chars)
    return text[:-1] + "。" if text.endswith(("；", ";")) else text  # a clause of a longer sentence ends the item


def _has_antecedent(sentence: str, gone: str, last: str) -> bool:
    """A sentence leaning on the one before (他请求…) is shown when that one was, or when the one
    left out spoke of whom the last shown sentence opens on (洪森当天…说 after 柬埔寨首相洪森26日表示):
    他 still falls on 洪森, not on 人民党将组建新政府."""
    if not gone or not leans_on_previous(sentence):
        return True
    return gone[:2] in last.split("，", 1)[0]


# 自然资源部25日16时已启动…: a later sentence telling what was done the day before the report's.
_DATED = hanzi.compile(
    r"^[^，。]{0,12}?(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?!以来|起|至|前|后)"
)


_UNTIL = hanzi.compile(r"至(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日")


def earlier_day(sentence: str, on: date) -> bool:
    """The sentence opens on a day before ``on`` (7月30日17时，… in a report of the 31st); 预计8月1日白天，…
    is a later month's, not an earlier day, and 2日9时至3日8时，… reaches the 3rd's."""
    dated = _DATED.match(sentence)
    if dated is None:
        return False
    until = _UNTIL.search(sentence.split("，", 1)[0])
    if until and (int(until.group("month") or on.month), int(until.group("day"))) >= (on.month, on.day):
        return False  # 2日9时至3日8时，…: a span that reaches the report's day
    year, month = int(dated.group("year") or on.year), int(dated.group("month") or on.month)
    if year != on.year:
        return year < on.year
    if month != on.month and not dated.group("year"):  # across a year's end, December is before January
        return month > on.month if abs(month - on.month) > 6 else month < on.month
    return (month, int(dated.group("day"))) < (on.month, on.day)


QUANTITY = hanzi.compile(r"\d+(?:\.\d+)?(?![\d.]|月|日|年|时|号)")  # a figure, not a date
