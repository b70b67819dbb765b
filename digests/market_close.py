"""The stock market's session as a desk tells it: the indexes' closes first, then what moved.

A report of the session (中国A股3日表现亮眼，主要股指悉数上涨，券商板块涨幅居前) opens on its sectors and
gives the closes in its last line (就当天市场的整体表现而言，截至收盘，上证指数报3280点，涨幅0.58%；…).
A reader of the markets item looks for the closes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.itemtext import clip_text, key_text
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize

__all__ = ["MARKET_BOARD", "MARKET_MOVE", "cause_of_move", "closes_first", "market_session", "session_headline"]

# The stock market's session, told (中国A股26日遭遇调整，主要股指悉数下跌…; A股三大股指…集体大幅跳空高开).
MARKET_BOARD = hanzi.compile(r"A股|沪指|上证指数|深成指|创业板指|三大股指|主要股指|沪深两市|两市")
MARKET_MOVE = hanzi.compile(r"涨|跌|收[盘报]|高开|低开|走高|走低|走强|走弱|调整|反弹|回落|飘红|翻绿")

# The Shanghai index's level and move in one sentence: 上证指数报3280点，涨幅0.58%; 上证指数涨0.58%报3280.46点.
_INDEX = hanzi.compile(r"(?:上证指数|上证综指|沪指)")
_LEVEL = hanzi.compile(r"\d{4}(?:\.\d+)?点")
_CHANGE = hanzi.compile(r"\d+(?:\.\d+)?%")
_SENTENCE = hanzi.compile(r"[^。！？\n]+[。！？]")
# What leads into the closes and means nothing alone: 就当天市场的整体表现而言，; 当天，.
_PREAMBLE = hanzi.compile(r"^\s*(?:[^，。]{0,20}?而言[，,]|(?:当天|当日|今天|今日)[，,])\s*")
_AT_CLOSE = hanzi.compile(r"^截至收盘")
_MOST_CHARS = 110  # a closes sentence longer than this tells more than the closes (a whole market wrap)
_READ = 40  # paragraphs of a report read for its closes: bounded, however long the report


# What moved: a board, a sector or a stock (适时调整优化房地产政策 is a policy, not a move).
_MOVER = hanzi.compile(r"指数|股指|板块|个股|股价|概念股|涨停|跌停")


def _moved(sentence: str) -> bool:
    return bool(_CHANGE.search(sentence) or (MARKET_MOVE.search(sentence) and _MOVER.search(sentence)))


def market_session(title: str) -> bool:
    """The headline tells the stock market's session (A股…下跌; 三大股指…高开)."""
    return bool(MARKET_BOARD.search(title) and MARKET_MOVE.search(title))


# A session headline's opening verdict before the indexes' move: A股3日表现亮眼，主要股指悉数上涨，….
_VERDICT = hanzi.compile(
    r"^(?:中国)?A股(?:\d{1,2}日)?[^，,\d]{2,6}[，,](?=(?:主要股指|三大股指|三大指数)[^，,]*(?:涨|跌))"
)


def session_headline(title: str) -> str:
    """A session headline without its opening verdict when the next clause tells the indexes' move
    (A股3日表现亮眼，主要股指悉数上涨，券商板块涨幅居前 → A股主要股指悉数上涨，券商板块涨幅居前): a
    headline, not the report's whole first sentence."""
    return _VERDICT.sub("A股", title, count=1)


def _closes(article: Article) -> str:
    """The report's sentence giving the Shanghai index's level and move, its lead-in dropped; "" when none."""
    for paragraph in article.paragraphs[:_READ]:
        for found in _SENTENCE.finditer(paragraph):
            sentence = _PREAMBLE.sub("", found.group(0).strip())
            index = _INDEX.search(sentence)
            if index and _LEVEL.search(sentence, index.end()) and _CHANGE.search(sentence, index.end()):
                return sentence if len(sentence) <= _MOST_CHARS else ""
    return ""


def closes_first(
    text: str, title: str, reports: Sequence[Article], max_chars: int, *, tz: ZoneInfo | None = None
) -> str:
    """A markets item's text with the indexes' closes first (from the first of ``reports`` that gives
    them), then the text's own sentences within ``max_chars``; unchanged when the headline is not the
    market's session, the text already opens on the index's level, or no report gives the closes."""
    sentences = split_text(text)
    opening = sentences[0] if sentences else ""
    if not market_session(title) or (_INDEX.search(opening) and _LEVEL.search(opening)):
        return text
    for report in reports:
        closes = _closes(report)
        if closes:
            local = report.published.astimezone(tz or NEWS_ZONE)
            # The room the closes free goes to the lede's further moves (金科股份等个股涨停), which the
            # text clipped.
            further = split_text(key_text(reports[0], max_chars * 2, tz=tz)) if reports else []
            rest = [_PREAMBLE.sub("", s) for s in [*sentences, *(s for s in further if s not in sentences)]]
            # the text's own telling of an index's level goes: the closes are told once, in full
            moves = [s for s in rest if _moved(s) and not _LEVEL.search(s)]
            # 截至收盘 read the next morning names its day: 截至26日收盘
            dated = _AT_CLOSE.sub(f"截至{local.day}日收盘", absolutize(closes, local), count=1)
            # why the headline's sector moved comes right after its move, before the stocks' list
            why = cause_of_move(reports[0], title, set(moves)) if reports else ""
            return clip_text([dated, *moves[:1], *([why] if why else []), *moves[1:]], max_chars)
    return text


# 房地产相关板块却逆势上涨, 券商板块涨幅居前: the sector the headline says moved.
_SECTOR = hanzi.compile(r"([\u4e00-\u9fff]{2,6}?)(?:相关)?板块")
# 中共中央政治局近日召开会议。 before 会议指出，…: who met, for the sentence that says what it said.
_MET = hanzi.compile(
    r"^(?P<who>[\u4e00-\u9fff]{2,12}?)(?P<when>近日|日前|\d{1,2}月?\d{1,2}日)?(?P<held>召开|举行)了?[^。，]{0,8}会议。$"
)
_CAUSE_MAX = 70  # a longer cause is told by its clauses naming the sector
_CAUSE_CLAUSES = 2


def cause_of_move(report: Article, title: str, told: set[str]) -> str:
    """The report's first sentence after its moves that names the sector the headline says moved, and
    does not itself tell a move: what drove it (据媒体统计，已有至少29家券商披露了上半年业绩…; 中共中央政治局
    会议指出，适应中国房地产市场供求关系发生重大变化的新形势，适时调整优化房地产政策); "" when none."""
    sector = _SECTOR.search(title)
    if sector is None:
        return ""
    word = sector.group(1)
    sentences = [s.strip() for p in report.paragraphs[:_READ] for s in split_text(p)]
    for k, sentence in enumerate(sentences):
        if word not in sentence or _moved(sentence) or sentence in told or _INDEX.search(sentence):
            continue
        met = _MET.match(sentences[k - 1]) if k and sentence.startswith("会议") else None
        # when it met stays with it (近日召开的会议指出): a day-old meeting's words are not the day's news
        when = f"{met.group('when')}{met.group('held')}的" if met and met.group("when") else ""
        said = f"{met.group('who')}{when}{sentence}" if met else sentence
        if len(said) <= _CAUSE_MAX:
            return said
        first, *clauses = said.rstrip("。").split("，")
        naming = [c.removeprefix("要") for c in clauses if word in c][:_CAUSE_CLAUSES]
        return "，".join([first, *naming]) + "。" if naming else ""
    return ""
