"""A storm's item is told from the newest bulletin its reports carry (digests/bulletins.py)."""

from __future__ import annotations

from digests.bulletins import newest_bulletin
from tests.test_dedup import art

TITLE = "中央气象台：台风“卡努”8月4日后转向东偏北方向远离我国"
TEXT = (
    "据中央气象台网站消息，今年第6号台风“卡努”8日15时位于距离浙江省玉环市东偏南方向约335公里的东海海面上，"
    "中心附近最大风力14级（45米/秒，强台风级）。预计，其8日夜间至9日上午在浙江南部近海回旋少动，之后向东偏北方向移动。"
    "受其影响，8日至10日，浙江沿海将有较强风雨。"
)
NEWER = art(
    "cma",
    "中央气象台8日18时继续发布台风蓝色预警",
    "中央气象台8日18时继续发布台风蓝色预警：今年第6号台风“卡努”（强台风级）的中心今天（8日）下午5点钟位于"
    "浙江省玉环市东偏南方大约325公里的东海南部海面上，就是北纬26.7度、东经124.1度，中心附近最大风力有14级（45米/秒），"
    "中心最低气压为950百帕。\n预计，“卡努”今天夜间至明天（9日）早晨在东海南部海面（东经124.0度附近）回旋少动，"
    "明天上午转向偏东方向移动，11日上午移出东海，强度缓慢减弱。",
    "19:27",
)


def test_a_later_fix_and_its_track_take_the_place_of_the_earlier_ones_said_to_be_the_forecasters() -> None:
    assert newest_bulletin(TEXT, TITLE, [NEWER]) == (
        "据中央气象台，“卡努”8日17时位于浙江省玉环市东偏南方大约325公里的东海南部海面上，中心附近最大风力有14级（45米/秒）。"
        "预计，“卡努”8日夜间至9日早晨在东海南部海面回旋少动，9日上午转向偏东方向移动，11日上午移出东海，强度缓慢减弱。"
        "受其影响，8日至10日，浙江沿海将有较强风雨。"
    )


def test_an_earlier_or_no_fix_and_a_text_of_no_storm_are_left_as_written() -> None:
    older = art(
        "old", "台风“卡努”加强", "今年第6号台风“卡努”8日11时位于东海南部海面上，中心附近最大风力有14级。", "12:00"
    )
    assert newest_bulletin(TEXT, TITLE, [older]) == TEXT
    assert newest_bulletin(TEXT, "浙江发布防汛通知", [NEWER]) == TEXT
    assert newest_bulletin("浙江沿海将有较强风雨。", TITLE, [NEWER]) == "浙江沿海将有较强风雨。"
