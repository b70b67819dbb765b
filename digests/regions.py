"""A running disaster's second region: the day's floods in the north-east beside the lead's basin.

A running subject is told once on a front page (digests.frontpage.pick), by its lead; but the same
weather striking another part of the country (黑龙江连续发布8次暴雨红色预警, a bridge collapsing on the
哈牡高速) is another event to a reader there. When several of the subject's stories the page leaves
out name one region the lead does not, and one of them tells a danger, the newest that tells one is
an item: a running event is told by its latest development (the bridge collapsing at 08:50, reported
at 16:21, not the morning's warnings, which its 相关 line names).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from digests import hanzi
from digests.grouping import Grouping
from digests.headlines import headline, headline_quality
from digests.lineup import Ranked

__all__ = ["regions_of", "second_region"]

# The country's regions by the provinces (and the cities of this stream's days) their reports name.
_REGIONS = {
    "华北": "北京|天津|河北|山西|内蒙古|京津冀|海河|涿州|石家庄|保定|门头沟|房山",
    "东北": "辽宁|吉林|黑龙江|哈尔滨|牡丹江|齐齐哈尔|长春|沈阳|大连",
    "华东": "上海|江苏|浙江|安徽|福建|江西|山东|台湾|杭州|南京|宁波|温州|厦门|福州|漳州",
    "华中": "河南|湖北|湖南|武汉|郑州|长沙",
    "华南": "广东|广西|海南|深圳|广州",
    "西南": "重庆|四川|贵州|云南|西藏|成都",
    "西北": "陕西|甘肃|青海|宁夏|新疆|西安",
}
_NAMED = {region: hanzi.compile(names) for region, names in _REGIONS.items()}
REACH = 200  # how far down the ranking the region's stories are looked for
STORIES = 4  # the region's stories off the page that make it an event of its own
_OPENING = 100  # characters of a report read for the places it names


def regions_of(r: Ranked) -> set[str]:
    """The regions a story's report names in its headline and opening."""
    text = r.rep.title + "".join(r.rep.paragraphs)[:_OPENING]
    return {region for region, named in _NAMED.items() if named.search(text)}


def second_region(page: Sequence[Ranked], ranked: Sequence[Ranked], grouped: Grouping) -> Ranked | None:
    """The newest story telling a danger of another region struck by the lead's running subject (a flood), when at least
    ``STORIES`` of the subject's stories off the page name that region alone (not the lead's) and one
    of them tells a danger (magnitude: a red warning, a collapse); None otherwise."""
    if not page or not page[0].subjects:
        return None
    lead = page[0]
    home = set().union(*(regions_of(r) for r in page if grouped.running_subjects(r.story) & lead.subjects))
    taken = {id(r.story) for r in page}
    struck: dict[str, list[Ranked]] = defaultdict(list)
    for r in ranked[:REACH]:
        if id(r.story) in taken or not grouped.running_subjects(r.story) & lead.subjects or dict(r.parts)["template"]:
            continue
        places = regions_of(r)
        if len(places) == 1 and not places & home:
            struck[places.pop()].append(r)
    for stories in sorted(struck.values(), key=len, reverse=True):
        if len(stories) >= STORIES and any(dict(r.parts)["magnitude"] > 0 for r in stories):
            readable = [r for r in stories if headline_quality(headline(r.story, r.rep)) >= 0]
            return max(readable or stories, key=lambda r: (dict(r.parts)["magnitude"] > 0, r.rep.published))
    return None
