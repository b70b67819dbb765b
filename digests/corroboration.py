"""An item's further facts, chosen by how many of the story's voices carry them.

An item opens with its report's lede. What follows should be what an editor reading every report
would add: the fact several outlets repeat (the police's finding that a state-backed group attacked
the seismic network, the 11 yuan more per tank, DJI's answer), not one report's colour (a relative's
quote, a video's hearsay). Each sentence of the story's ledes is counted by the voices (outlets;
copies of one text count once) whose opening holds most of its words. The text keeps its own
sentences that two voices carry or that tell its headline's words; the room its uncorroborated
sentences leave goes to the best-carried facts it does not yet say.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.decks import deck_actor
from digests.dedup import outlet_key
from digests.itemtext import (
    WHOLE_LEDE,
    at_home,
    bigram_set,
    body_sentences,
    clip_text,
    earlier_day,
    lede_sentences,
    opens_alone,
    states_fact,
)
from digests.lede_trim import trim_opening
from digests.reading import tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.speakers import stance_told, titled
from digests.timewords import absolutize

REPORTS_READ = 10  # the story's reports read for facts: bounded, however big the story
LEDE_READ = 4  # sentences of each report's lede
CARRIED = 0.6  # share of a sentence's bigrams a voice's opening holds to carry it
SUPPORT = 2  # voices that must carry a fact for it to be added, or for a sentence of the text to stay
NEW = 0.6  # share of a sentence's bigrams the text and headline do not hold yet
OWED = 0.3  # share of a sentence's bigrams in the headline at which it tells the headline's news
LONGEST = 110  # a longer sentence is a paragraph run together, not one fact
_WORDS_READ = 8  # sentences of each report whose words count as carrying a fact
# 警方通报据…: a page's label glued to the sentence; 我局接到…: a notice in its author's first person.
_LABEL = hanzi.compile(r"^[\u4e00-\u9fff]{0,4}(?:通报|快讯|速递)(?=据|\d)")
_FIRST_PERSON = hanzi.compile(r"我局|我院|我委|我厅|我部|我们|我市|我区|我县|我省|本台")
_CLAUSE = hanzi.compile(r"[，,；;：:]")
_MODEL = hanzi.compile(r"(?<=[\u4e00-\u9fff])-\d+[A-Za-z]*")  # 歼-20, 运油-20: a name, not a figure


def _opening_words(article: Article) -> set[str]:
    return bigram_set("".join(body_sentences(article, _WORDS_READ)))


def _voices(reports: Sequence[Article]) -> list[set[str]]:
    """Each voice's words once: an outlet's reports together, a copy of a text seen already skipped."""
    by_voice: dict[str, set[str]] = {}
    for article in reports:
        key = outlet_key(article) or "".join(article.paragraphs)[:40]
        by_voice.setdefault(key, set()).update(_opening_words(article))
    return list(by_voice.values())


def _support(sentence: str, voices: list[set[str]]) -> int:
    own = bigram_set(sentence)
    return sum(1 for held in voices if len(own & held) >= CARRIED * len(own)) if own else 0


def _facts(
    reports: Sequence[Article], title: str, tz: ZoneInfo | None, shown: dict[str, str]
) -> list[tuple[int, int, str]]:
    """Each report's lede sentences that can stand as a fact; ``shown`` gets how each is told."""
    found: list[tuple[int, int, str]] = []
    for article in reports:
        local = article.published.astimezone(tz or NEWS_ZONE)
        for position, sentence in enumerate(lede_sentences(article)[:LEDE_READ]):
            sentence = _LABEL.sub("", trim_opening(sentence).strip())
            if not states_fact(_MODEL.sub("", sentence)):
                continue  # 当前迎峰度夏已进入关键时期, 运油-20继续向前飞行: a state of things or a scene, not a fact
            sentence = at_home(absolutize(sentence, local))
            if (
                not sentence.endswith("。")
                or earlier_day(sentence, local.date())  # 7月30日17时，台风中心位于…: the day before's
                or not 16 <= len(sentence) <= LONGEST
                or not _CLAUSE.search(sentence)  # 国家发展改革委副秘书长欧鸿。: a caption, not a fact
                or _FIRST_PERSON.search(sentence)
                or not opens_alone(sentence, title)
            ):
                continue
            found.append((position, len(found), sentence))
            # 毛宁表示 → 外交部发言人毛宁表示, and what she said the side will do rather than what happened
            plain = titled(sentence, article)
            told = stance_told(plain, article)
            if sentence not in shown or told != plain:
                shown[sentence] = told
    return found


def corroborated(
    text: str, title: str, reports: Sequence[Article], max_chars: int, *, tz: ZoneInfo | None = None
) -> str:
    """``text`` with its uncorroborated later sentences giving way to the facts at least ``SUPPORT``
    voices of ``reports`` carry that it and the headline do not say, best carried first, within
    ``max_chars`` (a second sentence within the lede's slack). ``text`` unchanged when no fact is
    carried widely enough."""
    sentences = split_text(text)
    if len(reports) < SUPPORT or not sentences:
        return text
    voices = _voices(reports[-REPORTS_READ:])
    if len(voices) < SUPPORT:
        return text
    # Each fact with how many voices carry it, counted once for both uses below.
    shown: dict[str, str] = {}
    carried = [
        (_support(s, voices), position, order, s)
        for position, order, s in _facts(reports[-REPORTS_READ:], title, tz, shown)
    ]
    head = bigram_set(title)
    lede = _shorter_lede(sentences[0], [(support, s) for support, _, _, s in carried], voices, head)
    found = sorted((-support, position, order, s) for support, position, order, s in carried)  # best carried first
    actor = deck_actor(title)  # 高盛策略师们解释说，…: what the headline's second deck promises stays
    kept = [lede] + [
        s
        for s in sentences[1:]
        if _support(s, voices) >= SUPPORT
        or len(bigram_set(s) & head) >= OWED * len(bigram_set(s))
        or (actor and s.startswith(actor))
    ]
    have = bigram_set("".join(kept)) | head
    budget = int(max_chars * WHOLE_LEDE)  # facts two voices carry are worth the lede's slack
    added: list[str] = []
    for minus_support, _, _, sentence in found:
        own = bigram_set(sentence)
        if -minus_support < SUPPORT or len(own - have) < NEW * len(own):
            continue
        told = shown.get(sentence, sentence)
        said = bigram_set(told)  # as shown: a speaker's stance (毛宁表示，中方谴责…) the text may tell already
        if len("".join(kept + added)) + len(told) > budget or len(said - have) < NEW * len(said):
            continue
        added.append(told)
        have |= own | said
    if not added and lede == sentences[0]:
        return text
    # The event the headline's first deck names (7月26日，…长春航空展在吉林长春开幕。), when the lede
    # went on to how it went: what happened is told first.
    deck = bigram_set((title.split() or [""])[0])
    opening = [s for s in added if deck and len(deck & bigram_set(s)) >= DECK_TOLD * len(deck)][:1]
    after = [s for s in added if s not in opening]
    return "".join(tidy_spaces(s) for s in opening) + clip_text(kept, max_chars) + "".join(map(tidy_spaces, after))


DECK_TOLD = 0.8  # share of the headline's first deck's bigrams a sentence holds to tell its event


SHORTER = 0.7  # a telling of the lede this much shorter, carried as widely, frees room for facts
SAME = 0.6  # share of the lede's bigrams a shorter telling carries to say the same


def _shorter_lede(lede: str, facts: list[tuple[int, str]], voices: list[set[str]], head: set[str]) -> str:
    """The lede, or a shorter telling of it the story's voices carry as widely (武汉市应急管理局发布公开
    声明称，…遭受境外组织的网络攻击 for a version naming every body that monitored it); ``facts`` come
    with how many voices carry each. A telling keeps the headline's news the lede tells (``head``: the
    headline's bigrams): the occasion alone (国务院新闻办举行吹风会) is shorter but says nothing."""
    words, carried = bigram_set(lede), _support(lede, voices)
    told = len(words & head)
    shorter = [
        s
        for support, s in facts
        if len(s) <= SHORTER * len(lede)
        and len(bigram_set(s) & words) >= SAME * len(words) * len(s) / len(lede)
        and len(bigram_set(s) - words) <= (1 - SAME) * len(bigram_set(s))
        and support >= carried
        and len(bigram_set(s) & head) >= SAME * told
    ]
    return min(shorter, key=len, default=lede)
