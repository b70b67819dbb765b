"""A rainstorm's lead tells how much rain fell (digests/rainfall.py)."""

from __future__ import annotations

from digests.rainfall import rainfall_told
from tests.test_dedup import art

TITLE = "北京门头沟暴雨致2人死亡，海河流域发生流域性较大洪水"
TEXT = "门头沟区在河道中发现2人，均已失去生命体征。全市共转移群众5.2万多人。"
NOON = art(
    "noon",
    "北京地区全市平均降雨量176.9毫米",
    "7月29日20时至31日13时，北京地区全市平均降雨量176.9毫米，城区平均188.9毫米；"
    "最大降雨出现在门头沟高山玫瑰园，580.9毫米；最大小时雨强出现在丰台千灵山。",
    "14:09",
)
EVENING = art(
    "evening",
    "29日夜间开始北京地区出现大暴雨",
    "29日20时至31日18时，北京地区全市平均降雨量207.6毫米，城区平均降雨量209.6毫米，"
    "最大降雨出现在门头沟高山玫瑰园580.9毫米；最大雨强出现在丰台千灵山，31日10-11时降雨量为111.8毫米/小时。",
    "20:14",
)


def test_a_rainstorms_lead_tells_the_days_newest_total_after_what_the_storm_did() -> None:
    told = rainfall_told(TEXT, TITLE, [EVENING, NOON], 400)
    assert told == (
        "门头沟区在河道中发现2人，均已失去生命体征。"
        "29日20时至31日18时，北京地区全市平均降雨量207.6毫米，最大降雨出现在门头沟高山玫瑰园580.9毫米。"
        "全市共转移群众5.2万多人。"
    )
    # the noon reading, alone, is told with the place where the most fell and its figure
    assert "最大降雨出现在门头沟高山玫瑰园580.9毫米" in rainfall_told(TEXT, TITLE, [NOON], 400)


def test_another_place_another_story_or_no_room_tells_no_total() -> None:
    assert rainfall_told(TEXT, "河北涿州暴雨致多处积水", [EVENING], 400) == TEXT  # the total is Beijing's
    assert rainfall_told(TEXT, "北京发布消费新政", [EVENING], 400) == TEXT  # not a storm
    assert rainfall_told(TEXT, TITLE, [EVENING], len(TEXT) + 10) == TEXT  # no room
