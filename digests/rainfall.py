"""How much rain fell, told under a rainstorm's lead.

A lead headed by a rainstorm's toll (北京门头沟暴雨致2人死亡) tells what it did; a reader also asks how
big the storm was. The city's weather service publishes a running total through the day (至31日13时
176.9毫米, 至31日18时 207.6毫米); the newest reading of the place the headline names is told in one
sentence: the window, the average and where the most fell (29日20时至31日18时，北京地区全市平均降雨量
207.6毫米，最大降雨出现在门头沟高山玫瑰园580.9毫米。).
"""

from __future__ import annotations

from collections.abc import Sequence

from digests import hanzi
from digests.itemtext import body_sentences
from digests.records import Article
from digests.sentences import split_text

__all__ = ["rainfall_told"]

_STORM = hanzi.compile(r"暴雨|强降雨|大暴雨|降雨")
# 北京地区全市平均降雨量207.6毫米: a place's average, its total for the storm
_AVERAGE = hanzi.compile(
    r"(?P<where>[\u4e00-\u9fff]{2,4}?)(?:地区)?全(?:市|省|区)平均降(?:雨|水)量为?\d+(?:\.\d+)?毫米"
)
# 29日20时至31日18时: the window the total covers, and its end
_WINDOW = hanzi.compile(r"\d{1,2}日\d{1,2}时至(?P<day>\d{1,2})日(?P<hour>\d{1,2})时")
_MOST = hanzi.compile(r"^最大降(?:雨|水)(?:量)?(?:出现在|为)")
_DIGIT = hanzi.compile(r"\d")
_TOTAL = "平均降"  # every sentence _AVERAGE reads has it
_READ = 12  # sentences of each report read
_LONGEST = 90  # the sentence told: a line, not the bulletin


def rainfall_told(text: str, title: str, day: Sequence[Article], budget: int) -> str:
    """``text`` under a rainstorm's ``title`` with the day's newest total for the place the title
    names after its first sentence (what the storm did, then how big it was), when it fits ``budget``
    and the text gives none; else ``text``."""
    if not _STORM.search(title) or _AVERAGE.search(text):
        return text
    best: tuple[tuple[int, int, float], str] | None = None
    for article in day:
        if not any(_TOTAL in paragraph for paragraph in article.paragraphs):
            continue  # a report giving no total is not split into sentences: a busy day holds thousands
        read = body_sentences(article, _READ)
        for k, sentence in enumerate(read):
            if sentence.endswith(("；", ";")) and k + 1 < len(read):
                sentence += read[k + 1]  # …城区平均188.9毫米；最大降雨出现在…: one bulletin, cut at its ；
            average, window = _AVERAGE.search(sentence), _WINDOW.search(sentence)
            if average is None or window is None or average.group("where") not in title:
                continue
            key = (int(window.group("day")), int(window.group("hour")), article.published.timestamp())
            if best is None or key > best[0]:
                best = (key, sentence)
    if best is None:
        return text
    told = _told(best[1])
    if not told or len(told) > _LONGEST or len(text) + len(told) > budget:
        return text
    first, *rest = split_text(text)
    return first + told + "".join(rest)


def _told(sentence: str) -> str:
    """The window, the average and where the most fell, of a bulletin's sentence."""
    clauses = [c for part in sentence.rstrip("。").split("；") for c in part.split("，")]
    window = next((c for c in clauses if _WINDOW.search(c)), "")
    average = next((c for c in clauses if _AVERAGE.search(c)), "")
    at = next((k for k, c in enumerate(clauses) if _MOST.match(c)), None)
    most = clauses[at] if at is not None else ""
    if at is not None and not _DIGIT.search(most) and at + 1 < len(clauses) and _DIGIT.match(clauses[at + 1]):
        most += clauses[at + 1]  # 最大降雨出现在门头沟高山玫瑰园，580.9毫米: the place, then its figure
    kept = [c for c in dict.fromkeys([window, average, most]) if c]
    return "，".join(kept) + "。" if average else ""
