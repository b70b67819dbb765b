"""What an item's report did not know yet, or left vague, told by the day's other reports of the event.

An accident's first report says 具体伤亡情况不明; by the afternoon another outlet reports the driver
pulled out and no one hurt in the other car. Read the next morning, the item tells what was learnt,
not that it was unknown. The other report is found by what only this event's reports say (哈牡高速,
a road's kilometre, a village): four-character runs of the report's opening that few of the day's
articles carry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.clock import NEWS_ZONE
from digests.draft_dated import document_dated, draft_dated
from digests.meeting_decided import meeting_decided
from digests.owed import rating_from_day
from digests.reading import tidy_spaces
from digests.records import Article
from digests.sentences import split_text
from digests.timewords import without_newest

__all__ = ["answered", "copies_in", "meeting_dated", "vague_told"]

# ，具体伤亡情况不明 / ，现场人员伤亡情况正在核实: what the report could not yet say about the people.
_UNKNOWN = hanzi.compile(
    r"[，,]?(?:现场)?(?:具体)?(?:人员)?伤亡(?:情况|人数)?(?:尚|仍|暂|目前)?"
    r"(?:不明|不详|未知|不清楚|待核实|正在核实|正在统计|有待进一步核实)"
)
# What became of them: rescued, unhurt, dead or injured.
_FATE = hanzi.compile(r"无人员伤亡|未造成人员伤亡|暂无人员伤亡|获救|救起|被救出|遇难|死亡|身亡|受伤")
_RUN = hanzi.compile(r"[\u4e00-\u9fff]{4}")
RARE = 5  # articles of the day a run may appear in and still tell this event from others
_OPENING = 2  # sentences of the report whose runs tie other reports to its event
_OPENING_CHARS = 200  # ... read of them: bounded, however long a run-on sentence
_READ = 3000  # characters of each of the day's articles read: bounded, however long a pasted text
_AFTER = 8  # sentences after another report first names the event searched for the people's fate
_LONGEST = 80  # a longer sentence is a paragraph run together, not one fact


def _runs(text: str) -> set[str]:
    return {text[k : k + 4] for k in range(len(text) - 3) if _RUN.fullmatch(text, k, k + 4)}


# 而坑内另一辆…: a contrast with what the answering report said before, which the item does not tell.
_UNLINKED = hanzi.compile(r"^(?:而|但是?|不过)(?![，,])")


def answered(text: str, report: Article, day: Sequence[Article]) -> tuple[str, Article | None]:
    """``text`` (from ``report``) with a clause saying the casualties are unknown replaced by what
    another of the ``day``'s reports of the event says became of the people, told after its sentence,
    and that report; ``text`` and None when it has no such clause or no report answers it."""
    unknown = _UNKNOWN.search(text)
    if unknown is None:
        return text, None
    opening = _UNKNOWN.sub("", report.title + "".join(split_text("".join(report.paragraphs)[:_READ])[:_OPENING]))
    bodies = [(a, "".join(a.paragraphs)[:_READ]) for a in day if a.id != report.id]
    runs = _runs(opening[:_OPENING_CHARS])
    # A run few articles carry names this event; one in every report of the day's floods does not.
    anchors = {run for run in runs if 1 <= sum(1 for _, body in bodies if run in body) <= RARE}
    ties = sorted(
        ((sum(1 for run in anchors if run in body), a, body) for a, body in bodies),
        key=lambda tie: (-tie[0], -tie[1].published.timestamp()),
    )
    for shared, other, body in ties:
        if not shared:
            break
        sentences = split_text(body)
        at = next((k for k, s in enumerate(sentences) if any(run in s for run in anchors)), None)
        if at is None:
            continue
        fate = [
            _UNLINKED.sub("", tidy_spaces(s))
            for s in sentences[at + 1 : at + 1 + _AFTER]
            if _FATE.search(s) and not _UNKNOWN.search(s) and len(s) <= _LONGEST and s.endswith("。")
        ]
        if fate:
            stop = text.find("。", unknown.end())
            stop = len(text) if stop < 0 else stop + 1
            told = text[: unknown.start()] + text[unknown.end() : stop] + without_newest("".join(fate))
            # the answering report, or when it names no outlet a copy of the answer that does
            copies = (a for _, a, b in ties if a.outlet and fate[0][:20] in tidy_spaces(b))
            return told + text[stop:], other if other.outlet else next(copies, other)
    return text, None


def copies_in(report: Article, day: Sequence[Article]) -> int:
    """How many of the ``day``'s articles are ``report`` (itself and its reposts under other headlines,
    北方地区降雨重心转移至东北地区 reposting 上游新闻's report): each is a report the item counts."""

    def opening(article: Article) -> str:  # a bounded read of each: the day may hold thousands
        return tidy_spaces("".join(article.paragraphs)[: 2 * _COPY_CHARS])[:_COPY_CHARS]

    body = opening(report)
    return sum(1 for a in day if opening(a) == body) or 1


_COPY_CHARS = 300  # characters of a body compared: a repost keeps them, another report does not


# 中共中央政治局近日召开的会议指出: a meeting the report dates only as "recently".
_VAGUE_MEETING = hanzi.compile(r"(?P<who>[\u4e00-\u9fff]{4,12}?)(?:近日|日前)(?P<held>召开|举行)")
_DATED_READ = 3  # paragraphs of each of the day's reports read for the meeting's date


def meeting_dated(text: str, day: Sequence[Article]) -> str:
    """``text`` with a meeting it dates only as 近日 (中共中央政治局近日召开的会议) dated as the day's
    other reports date it (中共中央政治局7月24日召开会议): the reader learns which meeting it was."""
    vague = _VAGUE_MEETING.search(text)
    if vague is None:
        return text
    dated = hanzi.compile(re.escape(vague.group("who")) + r"(?P<date>\d{1,2}月\d{1,2}日)(?:召开|举行)")
    for article in day:
        for paragraph in article.paragraphs[:_DATED_READ]:
            found = dated.search(paragraph)
            if found is not None:
                when = f"{vague.group('who')}{found.group('date')}{vague.group('held')}"
                return text[: vague.start()] + when + text[vague.end() :]
    return text


def vague_told(
    text: str, title: str, reports: Sequence[Article], day: Sequence[Article], budget: int, *, tz: ZoneInfo = NEWS_ZONE
) -> tuple[str, Article | None]:
    """``text`` with what it leaves vague told as the story's ``reports`` and the ``day``'s others tell it:
    a draft's or a document's release day (digests.draft_dated: the text's own report, ``reports[0]``,
    dates the document), the rating a cut left (digests.owed.rating_from_day), a meeting's date
    (``meeting_dated``) and what it approved (digests.meeting_decided, within ``budget``), with the
    other report the text now tells."""
    dated = document_dated(draft_dated(text, reports, tz=tz), reports[0]) if reports else text
    dated = rating_from_day(dated, title, day, budget, tz=tz)  # the rating a cut left, as the day's reports tell it
    return meeting_decided(meeting_dated(dated, day), title, day, budget)
