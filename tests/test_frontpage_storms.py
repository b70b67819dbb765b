"""A named storm is its own event on a front page, not a flood's second item (digests/frontpage.pick)."""

from __future__ import annotations

from digests.frontpage import pick
from digests.records import Article
from tests.test_dedup import art


def _page(*reports: Article) -> list[str]:
    reps = list(reports)
    return [r.id for r in pick(reps, reps, 2)]


def test_a_storm_far_from_the_days_flood_is_an_item_of_its_own() -> None:
    flood = art(
        "flood", "海河发生流域性大洪水", "水利部3日通报，海河流域21条河流发生超警以上洪水，防汛形势严峻。", "21:00"
    )
    storm = art(
        "storm",
        "台风“卡努”逼近，浙江沿海涉水工程已全部停工",
        "浙江省防汛防台风指挥部要求，沿海涉水工程全部停工。",
        "20:00",
    )
    fuel = art("fuel", "成品油价三连涨", "国内汽、柴油价格每吨分别提高275元和260元。", "19:00")
    assert _page(flood, storm, fuel) == ["flood", "storm"]
    other = art("other", "海河洪水抵达天津", "大清河洪水将于4日早晨抵达天津境内，防汛抢险持续。", "19:00")
    assert _page(flood, other, fuel) == ["flood", "fuel"]  # the flood's second report is not


def test_a_storms_own_reports_are_one_item() -> None:
    warning = art("warn", "今年首个台风红色预警发布", "中央气象台26日将台风预警升级为红色，各地防汛防台风。", "10:00")
    ferries = art(
        "ferry", "福建沿海客渡船全部停航", "受台风“杜苏芮”影响，福建沿海183艘客渡船全部停航，防汛防台。", "16:00"
    )
    fuel = art("fuel", "成品油价三连涨", "国内汽、柴油价格每吨分别提高275元和260元。", "21:00")
    assert _page(warning, ferries, fuel) == ["warn", "fuel"]
