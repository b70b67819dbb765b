"""A data release told with its companion figure: the month's PMI is two indexes, manufacturing and
non-manufacturing, and a reader of one asks for the other; so are CPI and PPI.

The release's reports give the companion late (当天披露的数据还显示，7月份，中国非制造业商务活动指数为
51.5%，…), after the sub-indexes an item's lede runs into.
"""

from __future__ import annotations

from collections.abc import Sequence

from digests import hanzi
from digests.decks import added
from digests.itemtext import body_sentences
from digests.records import Article

__all__ = ["companion_told"]

# The headline's index and the companion its release gives beside it.
_COMPANIONS = (
    (hanzi.compile(r"(?<!非)制造业(?:PMI|采购经理指数)"), hanzi.compile(r"非制造业商务活动指数(?:为|是)?\d")),
    (hanzi.compile(r"CPI|居民消费价格"), hanzi.compile(r"(?:PPI|工业生产者出厂价格)(?:指数)?[^，。]{0,8}?\d")),
    (hanzi.compile(r"PPI|工业生产者出厂价格"), hanzi.compile(r"(?:CPI|居民消费价格)(?:指数)?[^，。]{0,8}?\d")),
)
# 当天披露的数据还显示，…: how the report moves on, not the figure.
_LEAN = hanzi.compile(r"^[^，。]{0,12}?(?:数据|统计)?(?:还|也|同时)?(?:显示|表明)[，,]\s*")
_LONGEST = 60  # the companion told in a sentence of its own, not a paragraph of sub-indexes
_READ = 6  # reports read: bounded, however big the story
_SENTENCES = 30  # sentences of each report read


def companion_told(text: str, title: str, reports: Sequence[Article], budget: int) -> str:
    """``text`` with the release's companion figure (7月份，中国非制造业商务活动指数为51.5%，比上月下降1.7个
    百分点。 under 制造业PMI为49.3%) when the text lacks it and a report of the story tells it in a short
    sentence, within ``budget`` (in place of the text's last sentence, a sub-index, when both will not
    fit); else ``text``."""
    for index, companion in _COMPANIONS:
        if not index.search(title) or companion.search(text):
            continue
        for report in reports[:_READ]:
            for sentence in body_sentences(report, _SENTENCES):
                sentence = _LEAN.sub("", sentence.strip())
                if companion.search(sentence) and sentence.endswith("。") and len(sentence) <= _LONGEST:
                    return added(text, sentence, budget)
        return text
    return text
