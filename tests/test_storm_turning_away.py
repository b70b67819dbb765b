"""A storm turning away from the country is laid out after the ministries' own news, not above it."""

from __future__ import annotations

from tests.test_dedup import art
from tests.test_digest import compose

OUTLETS = ("新华社", "中新社", "人民网", "央视新闻")
LEAD = [
    art(
        f"lead{n}",
        "海河发生流域性大洪水",
        "水利部3日发布汛情通报，初步判定海河发生流域性大洪水。",
        f"1{n}:00",
        outlet=o,
    )
    for n, o in enumerate(OUTLETS)
]
HUKOU = art(
    "hukou",
    "公安部：全面放宽大城市落户条件",
    "公安部3日表示，推动各地全面取消城区常住人口300万以下的城市落户限制。",
    "15:50",
    outlet="北京日报客户端",
)


def _storm(title: str) -> list:
    body = "今年第6号台风“卡努”3日15时位于浙江省玉环市东偏南方向约335公里的东海海面上。"
    return [art(f"storm{n}", title, body, f"2{n}:00", outlet=o) for n, o in enumerate(OUTLETS[:3])]


def _order(storm: list) -> list[str]:
    return [item.article_ids[0] for item in compose([*LEAD, *storm, HUKOU], top_n=8).items]


def test_a_storm_turning_away_follows_the_ministrys_rule() -> None:
    order = _order(_storm("中央气象台：台风“卡努”8月4日后转向东偏北方向远离我国"))
    assert order.index("hukou") < order.index("storm0")


def test_a_storm_still_coming_keeps_the_place_its_rank_gives_it() -> None:
    order = _order(_storm("中央气象台：台风“卡努”逼近浙江沿海"))
    assert order.index("storm0") < order.index("hukou")
