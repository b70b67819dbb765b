"""What an item's text owes its headline: the second deck's news, and the detail of a rule it names.

A headline of two decks (惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的) makes two
promises: the background the first deck names and the news the second one brings. When the text
tells only the background and never names who the second deck is about, the reader gets the
headline and nothing behind it: the report's first sentence naming that actor is told too.
"""

from __future__ import annotations

from collections.abc import Callable

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.itemtext import QUANTITY, SPEAKER, body_sentences, repeats_title
from digests.lede_trim import without_chant
from digests.reading import leans_on_previous, tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.similarity import normalized

__all__ = [
    "HARD_CLAIM",
    "added",
    "char_pairs",
    "claim_told",
    "deck_actor",
    "deck_figure",
    "dropped_decks",
    "kin_told",
    "rule_detail",
    "second_deck",
]

_ACTOR = hanzi.compile(r"^[\u4e00-\u9fff]{2}")
_SENTENCES_READ = 30  # how far into the body the deck's actor is looked for: bounded, however long the report
_DECK_SHARED = 0.3  # share of a deck's own words a sentence carries to tell it


def char_pairs(text: str) -> set[str]:
    """The text's character pairs: how much of a deck or a clause a sentence carries is counted on them."""
    return {text[i : i + 2] for i in range(len(text) - 1)}


def deck_actor(title: str) -> str:
    """Who the headline's last deck is about when the first does not name them (高盛 of 惠誉下调美国评级
    引争议 高盛安抚投资者：…); "" for a headline of one deck."""
    decks = title.split()
    actor = _ACTOR.match(decks[-1]) if len(decks) >= 2 else None
    return actor.group() if actor is not None and actor.group() not in decks[0] else ""


def added(text: str, sentence: str, budget: int) -> str:
    """``text`` with ``sentence`` after it, or in place of its last sentence when both will not fit
    within ``budget`` (the headline's news before the text's last detail); ``text`` when neither fits."""
    if len(text) + len(sentence) <= budget:
        return text + sentence
    told = split_text(text)
    fits = len(told) >= 2 and len("".join(told[:-1])) + len(sentence) <= budget
    return "".join(told[:-1]) + sentence if fits else text


def second_deck(text: str, title: str, article: Article, budget: int) -> str:
    """``text`` with the first sentence of ``article`` that names the actor of the headline's last deck,
    when the text does not name it and the sentence stands alone within ``budget`` (in place of the
    text's last sentence when both will not fit); else ``text``."""
    decks = title.split()
    actor = _ACTOR.match(decks[-1]) if len(decks) >= 2 else None
    if actor is None or actor.group() in text or actor.group() in decks[0]:
        return text
    said = [*article.summary, *body_sentences(article, _SENTENCES_READ)][:_SENTENCES_READ]
    # A deck of its own words (天津重点行洪河道持续高水位运行) is told by a sentence sharing them, not by
    # any sentence opening on its place (天津市气象服务中心…); a speaker's deck (高盛安抚投资者：…) by
    # the speaker's sentence, in the speaker's words.
    deck = normalized(decks[-1][len(actor.group()) :])
    pairs = char_pairs(deck)
    quoted = "：" in decks[-1] or ":" in decks[-1]
    for sentence in said:
        sentence = tidy_spaces(sentence)
        if sentence.startswith(actor.group()) and sentence.endswith("。") and not leans_on_previous(sentence):
            plain = normalized(sentence)
            if not quoted and sum(1 for pair in pairs if pair in plain) < _DECK_SHARED * len(pairs):
                continue
            return added(text, sentence, budget)
    return text


_NEWS_CLAUSE = hanzi.compile(r"[：:]\s*(?P<clause>[^：:]{6,30})$")
_NO_SUBJECT = hanzi.compile(r"^(?:推动|推进|将|要|进一步|全面|加快|鼓励|支持|允许|取消|放宽|实施|开展)")
_LIST_MARK = hanzi.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五])[\s，,、]*")


def rule_detail(text: str, title: str, article: Article, budget: int) -> str:
    """The report's sentence that spells out the rule a headline names (公安部：全面放宽大城市落户条件 →
    全面取消城区常住人口300万以下的城市落户限制，…), in place of a text that only repeats the headline's
    words without a figure; else ``text``."""
    found = _NEWS_CLAUSE.search(title.strip())
    clause = normalized(found.group("clause")) if found else ""
    if not clause or QUANTITY.search(text) or clause not in normalized(text):
        return text
    pairs = char_pairs(clause)
    said = body_sentences(article, _SENTENCES_READ)
    for sentence in said:
        sentence = _LIST_MARK.sub("", tidy_spaces(sentence))
        plain = normalized(sentence)
        shared = sum(1 for pair in pairs if pair in plain)
        fits = len(sentence) <= budget and sentence.endswith("。") and not leans_on_previous(sentence)
        fits = fits and clause not in plain  # the headline's words again are no detail
        if fits and QUANTITY.search(sentence) and shared >= 0.6 * len(pairs):
            # A rule told without its subject (推动各地全面取消…) is said by whom the headline names.
            who = SPEAKER.match(title.strip())
            # …and on which day: 公安部3日表示 (the report's day), not a statement of no date
            day = article.published.astimezone(NEWS_ZONE).day
            told = f"{who.group('who')}{day}日表示，{sentence}" if who and _NO_SUBJECT.match(sentence) else sentence
            return told if len(told) <= budget else text
    return text


# A deck claiming a level without its figure (预期指数升至较高景气区间): its subject, before the claim.
_CLAIM = hanzi.compile(r"^(?P<subject>[\u4e00-\u9fff]{2,8}?)(?:升至|降至|回升|回落|创|达到|突破|跌破|增长|下降)")


def deck_figure(text: str, title: str, article: Article, budget: int) -> str:
    """``text`` with the report's first sentence giving the figure a later deck claims without one
    (7月份，生产经营活动预期指数为55.1% under …PMI为49.3% 预期指数升至较高景气区间), when the text has
    no figure for it and the sentence fits ``budget``; else ``text``."""
    decks = title.split()
    claim = _CLAIM.match(decks[-1]) if len(decks) >= 2 and not QUANTITY.search(decks[-1]) else None
    subject = claim.group("subject") if claim else ""
    if not subject or any(QUANTITY.search(s) for s in split_text(text) if subject in s):
        return text
    for sentence in body_sentences(article, _SENTENCES_READ):
        sentence = tidy_spaces(sentence)
        if subject in sentence and QUANTITY.search(sentence) and sentence.endswith("。"):
            fits = not leans_on_previous(sentence) and len(text) + len(sentence) <= budget
            return text + sentence if fits else text
    return text


_DROPPED_TOLD = 0.5  # share of the dropped decks' words a sentence carries to tell them


def dropped_decks(text: str, shown: str, article: Article, budget: int) -> str:
    """``text`` telling the decks its shown headline dropped from the report's (习近平回信勉励…全体官兵
    shown, 弘扬光荣传统 苦练过硬本领… dropped): the report's sentence that carries them (希望你们牢记使命…)
    is added, or takes the place of the text's last sentence when both will not fit; else ``text``."""
    decks = article.title.split()
    if len(decks) < 3:  # only a long headline of decks loses its message's words (headlines._first_deck)
        return text
    dropped = "".join(deck for deck in decks if deck not in shown)
    # A deck reworded into the headline is not dropped; only its words count, not its marks.
    pairs = {p for p in char_pairs(dropped) if "\u4e00" <= p[0] <= "\u9fff"} - char_pairs(shown)
    if len(pairs) < 6 or sum(1 for pair in pairs if pair in text) >= _DROPPED_TOLD * len(pairs):
        return text
    for sentence in body_sentences(article, _SENTENCES_READ):
        sentence = tidy_spaces(sentence)
        if sum(1 for pair in pairs if pair in sentence) < _DROPPED_TOLD * len(pairs) or not sentence.endswith("。"):
            continue
        return added(text, sentence, budget)
    return text


# A headline's hard claim about a person (被卫队扣押, 辞职, 身亡): a reader takes it as fact, so the text
# must tell it, in the report's words. So must a speaker's claim (外交部：中方敦促美方不得安排).
HARD_CLAIM = hanzi.compile(r"扣押|逮捕|拘留|被捕|羁押|身亡|遇难|遇刺|辞职|下台|罢免|被免|落马|判处|逝世|去世")
_SPOKEN = hanzi.compile(r"[：:][^：:]*?(?P<claim>[^：:，,\s]{6,24})$")  # the last deck after the speaker
_CLAIM_TOLD = 0.6  # share of a speaker's claim's pairs a sentence carries to tell it
# 专家称, …表示: a first deck that reports speech, so the last deck is the speaker's claim.
_SAYS = hanzi.compile(r"称|表示|认为|指出|预计|呼吁")
_DECK_CLAIM_TOLD = 0.5  # a deck's claim is put in headline words (须力促), the report's less


def _untold_claim(text: str, title: str) -> Callable[[str], bool] | None:
    """How to recognise a sentence telling the headline's claim that ``text`` leaves out; None when
    the headline makes none or the text tells it."""
    hard = HARD_CLAIM.search(title)
    if hard is not None:
        word = hard.group()
        return None if word in text else lambda sentence: word in sentence
    spoken = _SPOKEN.search(title.strip())
    decks = title.split()
    share = _CLAIM_TOLD
    if spoken is not None:
        claim = spoken.group("claim")
    elif len(decks) >= 2 and _SAYS.search(decks[0]) and len(decks[-1]) >= 4:
        claim, share = decks[-1], _DECK_CLAIM_TOLD  # 专家称…趋稳趋弱 须力促供需平衡: the deck after it is said too
    else:
        return None
    pairs = char_pairs(normalized(claim))

    def carries(sentence: str) -> bool:
        plain = normalized(sentence)
        return sum(1 for pair in pairs if pair in plain) >= share * len(pairs)

    return None if carries(text) else carries


_STALE_QUOTE = hanzi.compile(r"“[^”]*(?:昨晚|昨天|昨日|前天|今早|今晚|明天)[^”]*”")


def claim_told(text: str, title: str, article: Article, budget: int) -> str:
    """``text`` telling the claim its headline makes: a hard claim about a person (尼日尔总统被卫队扣押:
    the report's first sentence with 扣押) is told first, as it is when the text tells it further down;
    what a speaker said (外交部：中方敦促美方不得安排: the sentence carrying most of those words) is told
    after the text. The text's last sentences give way when both will not fit; else ``text``."""
    hard = HARD_CLAIM.search(title)
    told = split_text(text)
    if hard is not None and len(told) >= 2 and hard.group() not in told[0]:
        # told further down (…，巴祖姆已被总统府卫队成员扣押。): the news comes first
        at = next((k for k, sentence in enumerate(told) if hard.group() in sentence), None)
        if at is not None:
            return told[at] + "".join(told[:at] + told[at + 1 :])
    tells = _untold_claim(text, title)
    if tells is None:
        return text
    first = hard is not None
    for sentence in body_sentences(article, _SENTENCES_READ):
        sentence = without_chant(tidy_spaces(sentence))
        if not tells(sentence) or not sentence.endswith("。") or leans_on_previous(sentence):
            continue
        if _STALE_QUOTE.search(sentence):
            continue  # “…昨晚的决定…”: a quote's own yesterday, which no date can replace inside it
        if not first and repeats_title(sentence, title):
            return text  # 各地加强对数据中心建设的统筹指导力度，坚决避免…: the headline's words, nothing more
        while told and len("".join(told)) + len(sentence) > budget:
            told.pop()
        if not told:
            return text
        return sentence + "".join(told) if first else "".join(told) + sentence
    return text


# 接棒人是他的长子: who the news's person is to another, a promise the headline makes of its own.
_KIN = hanzi.compile(r"长子|次子|长女|儿子|女儿|妻子|丈夫|胞弟|胞兄|弟弟|哥哥|女婿|侄子|外甥")
# 现年45岁的洪马内，是洪森的长子: the person, then whose kin they are.
_IS_KIN = hanzi.compile(r"(?P<who>[^，,。；;：:]{2,16})[，,]?是(?P<of>[\u4e00-\u9fff]{2,4})的(?P<kin>{kin})")


def kin_told(text: str, title: str, article: Article, budget: int) -> str:
    """``text`` telling whose kin the headline says its person is (接棒人是他的长子: 现年45岁的洪马内是
    洪森的长子。), from the report's clause saying it, after the text or in place of its last sentence;
    ``text`` when the headline names no kin, the text tells it already or the report does not."""
    kin = _KIN.search(title)
    if kin is None or kin.group() in text:
        return text
    pattern = hanzi.compile(_IS_KIN.pattern.replace("{kin}", kin.group()))
    for sentence in body_sentences(article, _SENTENCES_READ):
        found = pattern.search(tidy_spaces(sentence))
        if found is not None:
            return added(text, f"{found.group('who')}是{found.group('of')}的{kin.group()}。", budget)
    return text
