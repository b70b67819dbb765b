"""Names in headlines: the places, people and bodies a day's news is about (涿州, 惠誉, 尼日尔).

A name carried by the headlines of several outlets is a subject of the day even when its reports
are different events that share little else (a flood's evacuations, donations and rescues): the
number of news organisations naming it (not police or county accounts) is how big that subject
is, and two items naming it are one subject on a front page.  Names come from jieba's
part-of-speech tags; words common in general Chinese (jieba's dictionary frequency ≥ ``COMMON``:
中国, 北京, 美国) are not distinctive enough to tie two stories together.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import jieba
import jieba.posseg

from digests import hanzi
from digests.dedup import outlet_key
from digests.records import Article

# A news organisation by its name's ending, not a police or county account that reposts local news.
MEDIA = hanzi.compile(
    r"(?:网|报|社|台|新闻|客户端|财经|在线|资讯|日报|晚报|时报|周刊|杂志|电视|广播|APP|\.com|\.cn)$", re.I
)
NAME_FLAGS = frozenset({"ns", "nr", "nz", "nt", "nrt", "nrfg"})
COMMON = 3000  # jieba dictionary frequency at or above which a name is everyday vocabulary

jieba.setLogLevel(60)


# jieba's dictionary tags some everyday words as names (青少年 and 弘扬 as people, 台风 as a place):
# on a day's headlines they would tie a youth camp to a court open day, or two typhoons together.
NOT_NAMES = frozenset(
    {
        "青少年",
        "青春",
        "弘扬",
        "中华",
        "台风",
        "强台风",
        "强降雨",
        "治安",
        "回国",
        "科普",
        "健康成长",
        "高新区",
        "新区",
        "开放日",
        "夏令营",
        "党日",
        "曝光",
        "上门",
        "本报讯",
    }
)
COMMON_PERSON = 400  # a "person" this frequent in general Chinese is a word jieba mis-tags
BROAD = 1000  # a name this frequent (加拿大, 成都, 新疆) is a country or region many stories name, not one subject


def broad_name(name: str) -> bool:
    return jieba.dt.FREQ.get(name, 0) >= BROAD


def title_names(title: str) -> frozenset[str]:
    words = jieba.posseg.lcut(title)
    return frozenset(
        w.word
        for w in words
        if w.flag in NAME_FLAGS
        and len(w.word) >= 2
        and jieba.dt.FREQ.get(w.word, 0) < (COMMON_PERSON if w.flag == "nr" else COMMON)
        and w.word not in NOT_NAMES
        and not MEDIA.search(w.word)  # an outlet's name (京报 of 新京报讯) credits, it is not a subject
    )


class NameIndex:
    """Each article's headline names, and how many distinct outlets named each in a headline."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.of: dict[str, frozenset[str]] = {a.id: title_names(a.title) for a in articles}
        outlets: dict[str, set[str]] = defaultdict(set)
        for a in articles:
            key = outlet_key(a)
            if key is not None and MEDIA.search(key):
                for name in self.of[a.id]:
                    outlets[name].add(key)
        self.outlets = {name: len(keys) for name, keys in outlets.items() if len(keys) >= 2}
        # the reports naming each such name in their headline, whoever wrote them: its coverage that day
        self.reports = Counter(name for a in articles for name in self.of[a.id] if name in self.outlets)

    def names(self, articles: Iterable[Article]) -> frozenset[str]:
        out: set[str] = set()
        for a in articles:
            out |= self.of.get(a.id, frozenset())
        return frozenset(out)
