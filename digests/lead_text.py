"""The lead item's fuller text: the page's first story gets room for what its other reports add.

The lead is what a reader reads whole. When a story's reports tell different parts of it (the plan's
layout at 10:53, its 2025 targets at 10:47), an editor writes the lead from all of them: its own
report's lede, then each other report's figures the text lacks, then the rest of its own report.
A running disaster's lead, told first as a roundup of its fronts (digests.digest), gets only what is
newer and concrete in the room its roundup leaves: a forecast or a reading of the hour is stale by
the time the page is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.captions import in_captions
from digests.clock import NEWS_ZONE
from digests.itemtext import (
    QUANTITY,
    at_home,
    bigram_set,
    body_sentences,
    lede_sentences,
    opens_alone,
    states_fact,
)
from digests.lede_trim import tighten, trim_opening
from digests.rainfall import rainfall_told
from digests.reading import tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.speakers import titled
from digests.timewords import absolutize

__all__ = ["LEAD_CHARS", "lead_text"]

LEAD_CHARS = 3  # the lead's text budget, in items' budgets
REPORTS_READ = 8  # the story's other reports read: bounded, however big the story
LEDE_READ = 3  # sentences of each other report's lede
OWN_READ = 10  # sentences of the lead's own report read for its continuation
NEW = 0.6  # share of a sentence's bigrams the text and headline do not hold yet
LONGEST = 120  # a longer sentence is a paragraph run together, not one fact
# 到2025年 in a report's headline: the time its lede's targets are for, when the lede names none.
_TARGET_YEAR = hanzi.compile(r"到(\d{4})年")
_YEAR = hanzi.compile(r"\d{4}年")
# 科学开展…调度，加快行洪过程: a directive without its subject, a work report's line, not news.
_DIRECTIVE = hanzi.compile(r"^(?:科学|加快|加强|推动|推进|全力|持续|积极|强化|做好|确保|统筹|扎实|切实|深入|坚决)")
# 鼓励数据中心骨干企业率先完成布局落地。: what a plan encourages, with no figure to hold anyone to
_ENCOURAGED = hanzi.compile(r"^(?:鼓励|支持|引导)[^。\d]*。$")
_DIGIT = hanzi.compile(r"\d")
_FORBIDS = hanzi.compile(r"不得|禁止|严禁|不再")
_HOUR = hanzi.compile(r"\d{1,2}(?:时|点钟|点)(?!\d)")


def _others_facts(rep: Article, reports: Sequence[Article], tz: ZoneInfo | None, *, running: bool) -> list[str]:
    """Each other report's lede sentences that state a figure, in the reports' order; a report's
    target year (到2025年 in its headline) heads a sentence that names no year. Of a ``running``
    subject (a storm told as a roundup) only reports newer than ``rep``: an earlier forecast is stale."""
    found: list[str] = []
    for article in reports[:REPORTS_READ]:
        if article is rep or "".join(article.paragraphs) == "".join(rep.paragraphs):
            continue
        if running and article.published <= rep.published:
            continue
        local = article.published.astimezone(tz or NEWS_ZONE)
        target = _TARGET_YEAR.search(article.title)
        for sentence in lede_sentences(article)[:LEDE_READ]:
            sentence = trim_opening(sentence).strip()
            if not (sentence.endswith("。") and len(sentence) <= LONGEST and QUANTITY.search(sentence)):
                continue
            if not states_fact(sentence) or not opens_alone(sentence, article.title):
                continue
            if (running or article.published < rep.published) and _HOUR.search(sentence):
                # 中心26日16点位于…，将于26日夜间移入…: a reading of the hour, stale by the time the page is
                # read (and an earlier report's is superseded by the lead's)
                continue
            if target and not _YEAR.search(sentence):  # the report's first figure sentence names its year
                sentence = f"到{target.group(1)}年，{sentence}"
            target = None
            found.append(titled(tidy_spaces(at_home(absolutize(sentence, local))), article))
    return found


# 记者3日从天津市水务局获悉，… then 据介绍，…: who 介绍 is the body the sentence before names.
_LEARNT_FROM = hanzi.compile(r"从(?P<who>[^，。从]{2,16}?)(?:了解到|获悉)")
_AS_TOLD = hanzi.compile(r"^据(?:介绍|了解|悉)[，,]")


def _sourced(body: list[str]) -> list[str]:
    """``body``'s sentences with a bare 据介绍， named by the source the sentence before learnt it
    from (据天津市水务局，…), so it stands when that sentence is not shown."""
    out = list(body)
    for k in range(1, len(out)):
        learnt = _LEARNT_FROM.search(body[k - 1])
        if learnt and _AS_TOLD.match(out[k]):
            out[k] = _AS_TOLD.sub(f"据{learnt.group('who')}，", out[k])
    return out


def _own_rest(rep: Article, text: str, tz: ZoneInfo | None, *, running: bool) -> list[str]:
    """The lead report's sentences after those its text tells; of a ``running`` subject only what is
    concrete."""
    local = rep.published.astimezone(tz or NEWS_ZONE)
    # A list's items read as sentences of their own (大清河洪水将于4日早晨抵达天津境内；).
    pieces = (
        s.strip().removesuffix("；") + "。" if s.strip().endswith("；") else s.strip()
        for s in body_sentences(rep, OWN_READ)
    )
    body = _sourced([tighten(tidy_spaces(at_home(absolutize(s, local)))) for s in pieces])
    told = bigram_set(text)
    # The continuation is what the text has not told, from the body's sentence it opens on (a rule the
    # clip passed over before a closing line the text tells: 不得给予土地、财税等方面的优惠政策); of a
    # roundup too, whose fronts stand between: its report's untold detail comes after them.
    start = split_text(text)[:1]
    opening = bigram_set(start[0]) if start else set()
    for k, sentence in enumerate(body):
        words = bigram_set(sentence)
        if opening and len(words & opening) >= NEW * len(words):
            rest = [s for s in body[k + 1 :] if len(bigram_set(s) & told) < NEW * len(bigram_set(s))]
            # Not a directive without its subject (科学开展…调度); of a running disaster only what is
            # concrete, a figure or a date (洪水将于7日前后抵达天津), not the gates worked; a plan's rules
            # (不得给予土地、财税等方面的优惠政策) are news without one.
            return [
                s
                for s in rest
                if s.endswith("。")
                and len(s) <= LONGEST
                and opens_alone(s, rep.title)
                and not _DIRECTIVE.match(s)
                and not _ENCOURAGED.match(s)
                and (not running or (_DIGIT.search(s) and not _HOUR.search(s)))  # not 26日8时位于…
            ]
    return []


# 其中提出，/ 方案明确，: the sentence's words are the document's, not the desk's
_LEAD_IN = hanzi.compile(r"^(?:其中|同时|此外|另外)?[^，。]{0,12}?(?:提出|明确|指出|要求|强调)[，,：:]")
ON_SUBJECT = 2  # bigrams a sentence shares with the headline when it is about what the headline names


def _on_subject(text: str, title: str) -> str:
    """``text`` without its later sentences about something else than its headline names: the plan's
    同步考虑5G网络建设 under 加强对数据中心建设的统筹指导, read whole on the lead, is another strand; its
    first sentence, and a rule it forbids, stay."""
    headline = bigram_set(title)
    first, *rest = split_text(text) or [""]
    if not any(len(bigram_set(s) & headline) >= ON_SUBJECT for s in rest):
        return text  # a headline naming only the occasion (…主持召开国务院常务会议): every sentence is its news
    kept: list[str] = []
    lead_in = ""  # 其中提出， of a sentence that goes: who says what follows, carried to the next kept one
    for sentence in rest:
        if _FORBIDS.search(sentence) or len(bigram_set(sentence) & headline) >= ON_SUBJECT:
            kept.append(lead_in + sentence if lead_in and not _LEAD_IN.match(sentence) else sentence)
            lead_in = ""
        elif said := _LEAD_IN.match(sentence):
            lead_in = said.group()
    return first + "".join(kept)


def lead_text(
    text: str,
    title: str,
    rep: Article,
    reports: Sequence[Article],
    budget: int,
    *,
    tz: ZoneInfo | None = None,
    running: bool = False,
    day: Sequence[Article] = (),
) -> str:
    """``text`` continued within ``budget``: what its own report says the plan forbids, then the facts
    with figures the story's other reports tell that it and the headline do not (a plan's 2025
    targets under its layout), then its own report's further sentences; its own sentences are told
    in their report's order, before the others'. ``text`` unchanged when nothing new fits. A
    ``running`` subject's lead takes figures only from reports newer than ``rep``; a rainstorm's lead
    closes on the ``day``'s newest total of rain where it fell (digests/rainfall.py)."""
    have = bigram_set(text) | bigram_set(title)  # a strand dropped from the text counts as told: not added back
    if not running:
        text = _on_subject(text, title)
    room = budget - len(text)
    own = _own_rest(rep, text, tz, running=running)
    rules = [s for s in own if _FORBIDS.search(s)]  # what a plan forbids is its force (不得给予…优惠政策)
    # a photo gallery's captions (军乐团表演。) are no facts to add (digests/captions.py)
    others = _others_facts(rep, [a for a in reports if not in_captions(a)], tz, running=running)
    chosen: set[str] = set()
    for sentence in [*rules, *others, *(s for s in own if s not in rules)]:
        words = bigram_set(sentence)
        if len(words - have) < NEW * len(words) or len(sentence) > room:
            continue
        chosen.add(sentence)
        room -= len(sentence)
        have |= words
    text += "".join(s for s in dict.fromkeys([*own, *others]) if s in chosen)
    return rainfall_told(text, title, day, budget)
