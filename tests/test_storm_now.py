"""A storm's position is a reading of the hour: an item tells the newest its story's reports give
(digests/storm_now.py)."""

from __future__ import annotations

from digests.storm_now import newest_position
from digests.story_text import story_text
from tests.test_dedup import art

OLDER = "今年第6号台风“卡努”8日15时位于浙江省玉环市东偏南方向约335公里的东海海面上，中心附近最大风力14级。"
FORECAST = "预计，其8日夜间在浙江南部近海回旋少动，之后向东偏北方向移动。"
NEWS = art("news", "台风“卡努”9日后转向远离我国", "据气象台消息，" + OLDER + FORECAST, "20:00", outlet="新京报")
BULLETIN = art(
    "bulletin",
    "气象台8日18时继续发布台风蓝色预警",
    "气象台8日18时继续发布台风蓝色预警：今年第6号台风“卡努”（KHANUN）（强台风级）的中心今天（8日）下午5点钟"
    "位于浙江省玉环市东偏南方大约325公里的东海南部海面上，就是北纬26.7度、东经124.1度，中心附近最大风力有14级"
    "（45米/秒），中心最低气压为950百帕，七级风圈半径360公里，十级风圈半径170-190公里。"
    "预计，“卡努”今天夜间至明天早晨回旋少动，明天上午转向偏东方向移动。大风预报：东海将有6-8级大风。",
    "19:27",
)


def test_an_older_position_gives_way_to_the_newest_bulletins_read_out_as_news() -> None:
    told = newest_position("据气象台消息，" + OLDER + FORECAST, NEWS, [NEWS, BULLETIN])
    assert told == (
        "气象台8日18时继续发布台风蓝色预警：今年第6号台风“卡努”（强台风级）的中心8日17时位于浙江省玉环市东偏南方"
        "大约325公里的东海南部海面上，中心附近最大风力有14级（45米/秒）。"
        "预计，“卡努”8日夜间至9日早晨回旋少动，9日上午转向偏东方向移动。"
    )
    # the item a story of both reports shows, though the older reading's report was filed later
    assert "8日17时位于" in story_text(NEWS, [NEWS, BULLETIN], NEWS.title, 200)
    assert "15时位于" not in story_text(NEWS, [NEWS, BULLETIN], NEWS.title, 200)


def test_a_position_stays_when_no_report_gives_a_newer_one_of_that_storm() -> None:
    text = "据气象台消息，" + OLDER + FORECAST
    older = art(
        "older", "台风“卡努”逼近", "8日9时，台风“卡努”的中心位于玉环东偏南方大约370公里的东海南部海面上。", "15:07"
    )
    other = art("other", "台风“杜苏芮”", "台风“杜苏芮”8日18时位于福建以东约200公里的海面上。", "18:30")
    assert newest_position(text, NEWS, [NEWS, older, other]) == text
    # a text that tells no position is left alone
    plain = "浙江沿海260个涉水工程已全部停工。"
    assert newest_position(plain, NEWS, [NEWS, BULLETIN]) == plain
