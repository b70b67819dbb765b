"""Running themes: the subjects a news desk tracks across many separate reports.

A flood is told in dozens of reports that share few words (a river's flood peak, a town's
evacuation, a bridge washed away, donations): grouping keeps them apart as events, but a reader
takes them as one subject of the day, and its size (how many reports, how many outlets) is what
puts it on top of the front page.  Disasters are such subjects.  Other themes only keep a page
varied: the day's corruption cases are separate stories, a war's daily reports and the day's
commentary on interest rates are a beat, not one subject whose size says how big today's news is.

Themes are read from headlines only (the body of a report mentions rain as weather, a headline
about rain is about rain), and a report may belong to several (a typhoon's rainstorm).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from digests import hanzi
from digests.dedup import media_count, outlet_key
from digests.records import Article

__all__ = ["SUBJECT_THEMES", "THEMES", "Theme", "ThemeSizes", "subjects_of", "themes_of"]


@dataclass(frozen=True)
class Theme:
    name: str
    pattern: re.Pattern[str]
    subject: bool  # its reports add up to one subject of the day (sized as one)


THEMES: tuple[Theme, ...] = (
    Theme(
        "floods",
        hanzi.compile(
            r"暴雨|强降雨|降雨|降水|冒雨|积水|内涝|洪水|洪灾|洪峰|防汛|汛情|抗洪|泄洪|行洪|蓄滞洪|分洪|山洪|涨水|"
            r"水位|水库|决堤|溃坝|救灾|受灾|灾区|灾后|洪涝|抢险|退水|被困"
        ),
        subject=True,
    ),
    Theme("storms", hanzi.compile(r"台风|热带风暴|强热带风暴|风暴潮"), subject=False),
    Theme(
        "rates",
        hanzi.compile(r"美联储|欧央行|欧洲央行|日本央行|日央行|英国央行|加息|降息|利率决议|议息|鹰派|鸽派"),
        subject=False,  # a rate decision is one event; the day's commentary on rates is not a subject
    ),
    Theme("graft", hanzi.compile(r"纪委|监委|被查|双开|落马|受贿|审查调查|决定逮捕|提起公诉"), subject=False),
    # One trading session: the index wrap and the northbound flow are one market story on a page.
    Theme(
        "a-shares",
        hanzi.compile(r"北向资金|北上资金|南向资金|沪指|深成指|创业板指|上证指数|上证综指|A股|两市|沪深|大盘"),
        subject=False,
    ),
    Theme("ukraine", hanzi.compile(r"乌克兰|俄罗斯|俄乌|泽连斯基|普京|克里米亚"), subject=False),
)


SUBJECT_THEMES = frozenset(t.name for t in THEMES if t.subject)


def themes_of(article: Article, *, opening: int = 60) -> frozenset[str]:
    """The themes of the headline and the first ``opening`` characters of the text (what a reader
    of the item sees first)."""
    head = article.title + " ".join(article.paragraphs)[:opening]
    return frozenset(t.name for t in THEMES if t.pattern.search(head))


def subjects_of(title: str) -> frozenset[str]:
    """The subject themes a headline names."""
    return frozenset(t.name for t in THEMES if t.subject and t.pattern.search(title))


class ThemeSizes:
    """How many reports and distinct known outlets each subject theme had in a window, by headline."""

    def __init__(self, articles: Sequence[Article]) -> None:
        counts: dict[str, int] = defaultdict(int)
        outlets: dict[str, set[str]] = defaultdict(set)
        for a in articles:
            key = outlet_key(a)
            for name in subjects_of(a.title):
                counts[name] += 1
                if key is not None:
                    outlets[name].add(key)
        self.articles = dict(counts)
        self.outlets = {name: len(keys) for name, keys in outlets.items()}
        self._outlet_names = dict(outlets)

    def size(self, names: frozenset[str]) -> tuple[int, int]:
        """(reports, outlets) of the biggest of these subject themes ((0, 0) if none)."""
        return max(((self.articles.get(n, 0), self.outlets.get(n, 0)) for n in names), default=(0, 0))

    def media(self, names: frozenset[str]) -> int:
        """How many media reported the biggest of these subject themes, as a reader is told (one house
        once, a body speaking for itself not at all: digests.dedup.media_count)."""
        biggest = max(names, key=lambda n: (self.articles.get(n, 0), n), default=None)
        return media_count(sorted(self._outlet_names.get(biggest, ()))) if biggest is not None else 0
