"""A running disaster striking a second region of the country is an item of its own."""

from __future__ import annotations

from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_frontpage import FILLER

OUTLETS = ["新华社", "人民网", "央视新闻", "中新社", "新京报", "澎湃新闻"]


def basin() -> list:
    """The lead: a basin's flood in six outlets, and its other fronts."""
    lead = [
        art(
            f"hai{k}",
            "海河发生流域性大洪水 天津河北多地转移群众",
            "水利部8日通报，海河流域发生流域性大洪水，河北、天津多地转移群众。",
            f"1{k}:00",
            outlet=o,
        )
        for k, o in enumerate(OUTLETS)
    ]
    fronts = [
        art(
            f"zz{k}",
            f"河北涿州第{k}批受灾群众转移安置 洪水仍未退去",
            f"河北涿州8日继续转移受灾群众{k}00人。",
            f"1{k}:30",
            outlet=o,
        )
        for k, o in enumerate(OUTLETS[:3])
    ]
    return [*lead, *fronts]


NORTHEAST = [
    (
        "黑龙江连续发布8次暴雨红色预警信号 哈尔滨部分地区停课",
        "黑龙江省气象台8日连续发布暴雨红色预警，哈尔滨部分地区停课。",
    ),
    (
        "受降雨影响 黑龙江一高速公路桥梁发生部分塌陷 两车坠入",
        "8日，黑龙江境内一高速公路桥梁受降雨影响部分塌陷，两车坠入。",
    ),
    ("哈尔滨防汛应急响应提升至三级", "哈尔滨市防汛抗旱指挥部8日将防汛应急响应提升至三级。"),
    ("牡丹江市城区采取防汛应急措施 暴雨致多处积水", "牡丹江市8日发布通告，在市城区采取防汛应急措施。"),
]


def northeast() -> list:
    # Local notices, no outlet naming 黑龙江 twice: only their region ties them.
    return [art(f"ne{k}", t, b, f"15:{10 + k}") for k, (t, b) in enumerate(NORTHEAST)]


def test_a_second_regions_floods_take_the_place_of_a_lesser_item_with_its_other_fronts_named() -> None:
    items = compose([*basin(), *northeast(), *FILLER], top_n=4).items
    assert any("海河" in it.title for it in items)
    [region] = [it for it in items if any(place in it.title for place in ("黑龙江", "哈尔滨", "牡丹江"))]
    others = {t for t, _ in NORTHEAST} - {region.title}
    assert region.also and set(region.also) <= others


def test_a_region_named_by_too_few_stories_is_no_item_of_its_own() -> None:
    titles = [it.title for it in compose([*basin(), *northeast()[:2], *FILLER], top_n=4).items]
    assert not any("黑龙江" in t or "哈尔滨" in t or "牡丹江" in t for t in titles)


def test_the_region_is_told_by_its_newest_danger_and_follows_the_ministries_own_news() -> None:
    from digests.grouping import find_stories
    from digests.layout import in_page_order
    from digests.lineup import Ranked

    items = compose([*basin(), *northeast(), *FILLER], top_n=4).items
    # the bridge collapsing at 15:11 is newer than the 15:10 warnings it followed
    assert any(it.title == NORTHEAST[1][0] for it in items)

    def ranked(title: str, score: float, official: float = 0.0) -> Ranked:
        a = art(title, title, title + "。", "12:00")
        return Ranked(score, find_stories([a])[0], a, (("official", official),), 1)

    lead = ranked("海河发生流域性大洪水", 20.0, 2.0)
    hukou = ranked("公安部：全面放宽大城市落户条件", 7.4, 5.0)
    markets = ranked("A股主要股指悉数上涨", 6.0)
    bridge = ranked(NORTHEAST[1][0], 1.2)
    assert in_page_order([lead, hukou, markets, bridge], bridge) == [lead, hukou, bridge, markets]
    assert in_page_order([lead, hukou, markets, bridge]) == [lead, hukou, markets, bridge]
