"""A lead's roundup: its running subject's other fronts (a flood's evacuations, its national
response) told one sentence each after its own news, and the toll told in full under a headline
that counts the dead."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.itemtext import (
    QUANTITY,
    SPEAKER,
    TELLS,
    at_home,
    bigram_set,
    body_sentences,
    clip_text,
    key_text,
    repeats_title,
    states_fact,
)
from digests.lede_trim import tighten, trim_opening
from digests.overlap import widened
from digests.reading import leans_on_previous, tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import absolutize, without_newest
from digests.tolls import toll_clause

__all__ = ["freshest", "reaction_added", "roundup", "tells_measure", "toll_told"]

_LEANS_ON_NOW = hanzi.compile(r"^(?:目前|当前|眼下|此时|截至目前|与此同时)[，,]")
_HEADLINE_BREAK = hanzi.compile(r"\s+")
_BARE_NOTICE = hanzi.compile(r"(?:发布|印发|下发)(?:通知|公告|通告)。$")  # a notice's existence, not what it says
_SHUT = hanzi.compile(r"停航|停运|停课|停工|停飞|停业|关闭|封闭")  # 沿海客渡船全部停航: what a disaster shut
_SUBJECTLESS = hanzi.compile(r"^(?:已|将|正|仍|再|又|还|被|因|超|达)")


def roundup(
    text: str,
    fronts: Sequence[tuple[Article | None, str]],
    budget: int,
    *,
    most: int = 2,
    tz: ZoneInfo | None = None,
    whole: frozenset[int] = frozenset(),
) -> tuple[str, tuple[int, ...]]:
    """A lead item's text told as a desk's roundup of its running subject: its own news, then a
    sentence from each of ``most`` of the subject's other biggest fronts (``fronts``: a report and its headline),
    their opening sentence when it stands alone and tells the headline, else (for the fronts in
    ``whole``: the story's own members, whose whole body is on its news) the report's sentence that
    tells it in full, else the headline as one, while the text stays within ``budget``. Returns the
    text and which fronts it told (the rest stay headlines)."""
    told: list[int] = []
    for k, (article, title) in enumerate(fronts):
        if len(told) == most:
            break
        first = split_text(key_text(article, budget, tz=tz))[:1] if article is not None else []
        opening = _tightened(first[0]) if first and first[0].endswith("。") and len(first[0]) <= budget // 2 else ""
        if leans_on_previous(opening) or _LEANS_ON_NOW.match(opening):
            opening = ""
        # A headline told as a sentence keeps its clauses that state facts (门头沟暴雨致2人死亡, not 社会救援
        # 力量紧急响应), from its first on; its report's whole headline, of which the shown one is the first
        # deck, tells the rest (福建海事局启动防台II级响应 沿海客渡船全部停航 水上施工作业项目全部停工).
        whole_title = tidy_spaces(article.title, headline=True) if article is not None else ""
        told_title = whole_title if len(whole_title) > len(title) and whole_title.startswith(title.strip()) else title
        clauses = _HEADLINE_BREAK.sub("，", told_title.strip()).rstrip("。").split("，")
        kept = [c for k, c in enumerate(clauses) if states_fact(c) or _SHUT.search(c) or (k == 0 and len(clauses) == 1)]
        kept = [_in_report_words(c, article) for c in kept]  # 所有景区民宿关闭 → 全市所有景区、乡村民宿全部关闭
        facts = "，".join(kept) if kept and kept[0] == clauses[0] else toll_clause(title)  # 天津静海…，转移3万余人
        said = _as_of(SPEAKER.sub(r"据\g<who>，", facts + "。"), article) if facts else ""
        if _SUBJECTLESS.match(said) or _BARE_NOTICE.search(said):
            said = ""  # 已超汛限水位3米，北京十三陵水库…: as a sentence it would pin the figure on the lead's subject
        # The opening tells the front when it carries its headline's news (with more detail); else the
        # headline's clauses that state facts do (近日，京津冀地区遭遇极端强降雨 is background); a front
        # stating none (漳州海警局全力以赴筑牢防台防汛“安全网”, a slogan) is not told.
        room = min(budget // 2, budget - len(text))
        telling = _telling(article, facts or title, room) if k in whole else ""
        ways = [opening if _tells(opening, title) else telling, said]
        sentence = next((way for way in ways if way and states_fact(way)), "")
        if not sentence:
            continue
        if repeats_title(sentence, text) or len(text) + len(sentence) > budget:
            continue  # told already, or too long: a shorter front may still fit
        local = article.published.astimezone(tz or NEWS_ZONE) if article is not None else None
        text = text + at_home(absolutize(sentence, local) if local else sentence)  # a headline told keeps no 当前
        told.append(k)
    return text, tuple(told)


_CLAUSE_BREAK = hanzi.compile(r"[，,；;。]")
_WORDS_READ = 8  # sentences of a front's report read for a headline clause's fuller wording
_SHORT_CLAUSE, _LONG_CLAUSE = 4, 12  # the clauses a headline shortens: 所有景区民宿关闭, 沿海客渡船全部停航
_WORDS_ADDED = 8  # characters the report's wording may add to the headline's clause (全市, 、乡村, 全部)


def _in_report_words(clause: str, article: Article | None) -> str:
    """A headline's clause as its report words it when the headline only shortened that (所有景区民宿关闭
    of 全市所有景区、乡村民宿全部关闭: the shortening reads as scenic areas' guesthouses); else ``clause``."""
    if article is None or not _SHORT_CLAUSE <= len(clause) <= _LONG_CLAUSE:
        return clause  # a long clause is the report's own sentence already, not a headline's shortening
    for sentence in body_sentences(article, _WORDS_READ):
        for worded in _CLAUSE_BREAK.split(sentence):
            if widened(clause, worded, _WORDS_ADDED):
                return worded
    return clause


NEWER_READ = 12  # a fact's newer reports read for a fuller telling: bounded, however big the subject


def freshest(
    facts: Sequence[tuple[Article | None, str]], reports: Sequence[Article], room: int
) -> list[tuple[Article | None, str]]:
    """Each fact with the newest of ``reports`` that tells it in full (``_telling``), else its own
    report: a landfall forecast from the evening's consultation (福建福清到广东惠来一带), not from
    the 06:00 bulletin a later report only reprinted."""
    out: list[tuple[Article | None, str]] = []
    for article, title in facts:
        if article is not None:
            newer = sorted((a for a in reports if a.published > article.published), key=lambda a: a.published)
            deck = title.split()[0] if title.strip() else title  # the fact, not the day's other news beside it
            article = next((a for a in reversed(newer[-NEWER_READ:]) if _telling(a, deck, room)), article)
        out.append((article, title))
    return out


def _telling(article: Article | None, title: str, room: int) -> str:
    """The report's sentence that tells ``title``'s news in full (预计，“杜苏芮”…将于28日早晨到上午在福建
    中部到广东东部一带沿海登陆，登陆时中心附近最大风力为13-15级… for “杜苏芮”将于28日在我国闽粤沿海
    登陆): every figure of the headline and most of its words, standing alone within ``room``; when the
    sentence is longer, its clauses from the headline's figure on, said of the headline's subject; ""
    if none."""
    if article is None:
        return ""
    figures = set(_NUMBER.findall(title))
    for sentence in map(_tightened, body_sentences(article)):
        if not sentence.endswith("。") or leans_on_previous(sentence) or not _tells(sentence, title):
            continue
        if not figures <= set(_NUMBER.findall(sentence)):
            continue
        if len(sentence) <= room:
            return sentence
        tail = _from_figure(sentence, title, figures)
        return tail if len(tail) <= room else ""
    return ""


def reaction_added(
    text: str, article: Article, title: str, budget: int, *, room: int, tz: ZoneInfo | None = None
) -> str:
    """``text`` closing on the reaction ``article`` headlines (``reaction_told`` within ``room``), its own
    last facts giving way to keep within ``budget``; unchanged when none is told or the text tells it."""
    said = reaction_told(article, title, room, tz=tz)
    if not said or repeats_title(said, text):
        return text
    return clip_text(split_text(text), budget - len(said)) + said


def reaction_told(article: Article, title: str, room: int, *, tz: ZoneInfo | None = None) -> str:
    """The report's sentence that tells the reaction its headline names in full (西非国家经济共同体（西共体）
    常设执行机构西共体委员会发表声明，谴责在尼日尔发生的未遂政变。), as of its day, without its 最新;
    "" when none fits ``room``. A statement is news though it states no fact of its own."""
    sentence = without_newest(_telling(article, title, room))
    demand = _demand(article, sentence)
    if sentence and demand and len(sentence) + len(demand) <= room:
        sentence = f"{sentence[:-1]}，{demand}。"
    return at_home(absolutize(sentence, article.published.astimezone(tz or NEWS_ZONE))) if sentence else ""


# 声明称，西共体“…表示最强烈的谴责，呼吁政变策划者立即无条件释放尼日尔总统巴祖姆”。: what the statement asks.
_DEMAND = hanzi.compile(r"(?:呼吁|要求)[^，。；“”\"]{6,30}(?=[”\"]?[。；])")
_DEMAND_AFTER = 2  # sentences after the reaction's own where its statement goes on


def _demand(article: Article, told: str) -> str:
    """What the statement the reaction ``told`` asks for, from the sentences after it (呼吁政变策划者立即
    无条件释放尼日尔总统巴祖姆): a condemnation says what happened, its demand what is at stake; ""
    when it asks nothing or already says it."""
    if not told or _DEMAND.search(told):
        return ""
    sentences = body_sentences(article)
    at = next((k for k, s in enumerate(sentences) if without_newest(_tightened(s))[:12] == told[:12]), None)
    found = (_DEMAND.search(s) for s in sentences[at + 1 : at + 1 + _DEMAND_AFTER]) if at is not None else ()
    return next((m.group() for m in found if m), "")


# 截至7月31日20时: when a count its report gives was made.
_AS_OF = hanzi.compile(r"截至(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日\d{1,2}时")
_AS_OF_READ = 200  # characters of the report's body where its count's time stands
_CITED = hanzi.compile(r"^据[^，,。]{2,12}[，,]")  # 据北京防汛办，: the count's source stays first
_DIGIT = hanzi.compile(r"\d")


def _as_of(said: str, article: Article | None) -> str:
    """A count told from a headline (据北京防汛办，全市共转移群众5.2万多人，…。) with the time its report
    gives it as of (据北京防汛办，截至7月31日20时，全市共转移群众…): a running count is read by its hour."""
    if article is None or not _DIGIT.search(said) or "截至" in said:
        return said
    found = _AS_OF.search("".join(article.paragraphs)[:_AS_OF_READ])
    if found is None:
        return said
    cited = _CITED.match(said)
    at = cited.end() if cited else 0
    return f"{said[:at]}{found.group()}，{said[at:]}"


# “杜苏芮”将于28日…: the headline's subject and the verb that its figure follows.
_SUBJECT = hanzi.compile(r"^(?P<who>[^，,：:\d]{2,16}?)(?:将于|将在|将|于)(?=\d)")
_FORECAST = hanzi.compile(r"^预计[，,]?")


def _from_figure(sentence: str, title: str, figures: set[str]) -> str:
    """并于28日早晨到上午在…登陆，登陆时…13-15级 told as “杜苏芮”将于28日早晨到上午在…登陆，…: the
    sentence's clauses from the first with the headline's figures, given the headline's subject; "" when
    the headline names none or the clause has its own."""
    clauses = sentence.split("，")
    first = next((k for k, c in enumerate(clauses) if figures & set(_NUMBER.findall(c))), None)
    who = _SUBJECT.match(title)
    if first is None or first == 0 or who is None:
        return ""
    rest = "，".join(clauses[first:]).removeprefix("并")
    verb = next((v for v in ("将于", "将在", "于") if rest.startswith(v)), None)
    if verb is None:
        return ""
    forecast = "预计" if _FORECAST.match(sentence) else ""
    return f"{forecast}{who.group('who')}将{rest.removeprefix('将')}"


def _tightened(sentence: str) -> str:
    return trim_opening(tighten(sentence))  # 记者从…获悉，根据《…》规定，: the news from its subject on


_NUMBER = hanzi.compile(r"\d+(?:\.\d+)?")
_PEOPLE_COUNT = hanzi.compile(r"\d+(?:人|名)")


def toll_told(article: Article, budget: int, *, tz: ZoneInfo | None = None) -> str:
    """The report's opening sentence when it tells its toll in full (门头沟区在31日上午的抢险巡查时，在
    河道中发现2人，…均已失去生命体征): the detail under a headline that counts the dead; "" otherwise."""
    first = split_text(key_text(article, budget, tz=tz))[:1]
    sentence = first[0] if first else ""
    return (
        sentence if sentence.endswith("。") and _PEOPLE_COUNT.search(sentence) and len(sentence) <= budget // 2 else ""
    )


def tells_measure(text: str, headline: str) -> bool:
    """The text already tells what the headline measures, whatever its figure (北上资金净流入70.39亿元
    under 北向资金净流入达80亿): a second figure of it would be stitched on, not news."""
    return _tells(text, QUANTITY.sub("", headline))


def _tells(sentence: str, title: str) -> bool:
    """The sentence carries most of the headline's words."""
    head = bigram_set(title)
    return bool(sentence) and len(head & bigram_set(sentence)) >= TELLS * len(head)
