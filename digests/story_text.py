"""The text a story's item shows: its report's key text, unless another report tells it better.

The headline claims a figure (入夏以来发电量三创历史新高) its report's text leaves out, or the report
is an infographic's lines run together: then the story's report closest to the headline that gives a
figure, or tells it in sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from digests import hanzi
from digests.itemtext import QUANTITY, bigram_set, key_text
from digests.records import Article
from digests.speakers import titled

# A headline that claims a figure or a record (三创历史新高, 增长12%, 首次): its text should carry the figure.
_CLAIMS_FIGURE = hanzi.compile(r"\d+(?:\.\d+)?(?![\d.]|月|日|年|时|号)|新高|新低|纪录|记录|最高|最低|最大|首次|翻番|倍")
# Sixty characters without a mark: lines of a graphic or a list glued together, not a sentence.
_RUN_ON = hanzi.compile(r"[^，。；：、,;:！？!?\s“”（）()]{60}")
_MEMBERS_READ = 8  # other reports of the story tried for the figure: bounded, however big the story


def story_text(
    rep: Article, others: Sequence[Article], title: str, max_chars: int = 120, *, tz: ZoneInfo | None = None
) -> str:
    """The representative's key text, unless the headline claims a figure its text leaves out (入夏以来
    发电量三创历史新高 over 迎峰度夏作为保供的重点…): then the other report of the story whose text
    gives a figure and is closest to the headline."""
    text = titled(key_text(rep, max_chars, tz=tz, headline=title), rep)  # 弗朗西斯说 → 惠誉首席分析师弗朗西斯说
    if _RUN_ON.search(text):  # an infographic's lines run together: another report tells it in sentences
        wanted = bigram_set(title)
        told = [key_text(other, max_chars, tz=tz) for other in others[-_MEMBERS_READ:] if other is not rep]
        # The telling closest to the headline, the latest on a tie.
        fit = [(len(wanted & bigram_set(t)), k, t) for k, t in enumerate(told) if t and not _RUN_ON.search(t)]
        text = max(fit)[2] if fit else text
    if not _CLAIMS_FIGURE.search(title) or QUANTITY.search(text):
        return text
    wanted = bigram_set(title)
    # The telling closest to the headline, the earliest on a tie: the first with any figure may give
    # one beside the point (制冷负荷5000万千瓦 under 发电量三创历史新高).
    fit = [
        (len(wanted & bigram_set(candidate)), -k, candidate)
        for k, other in enumerate(others[:_MEMBERS_READ])
        if other is not rep and QUANTITY.search(candidate := key_text(other, max_chars, tz=tz))
    ]
    best = max(fit, default=None)
    return best[2] if best is not None and best[0] >= 3 else text
