"""A storm's position is a reading of the hour: its item is told by the newest bulletin its story's
reports give, throughout (digests/storm_now.py)."""

from __future__ import annotations

from digests.storm_now import newest_reading, read_out_report, unsuperseded
from digests.story_text import story_text
from tests.test_dedup import art
from tests.test_digest import compose

OLDER = "今年第6号台风“卡努”8日15时位于浙江省玉环市东偏南方向约335公里的东海海面上，中心附近最大风力14级。"
FORECAST = "预计，其8日夜间在浙江南部近海回旋少动，之后向东偏北方向移动。"
NEWS = art("news", "台风“卡努”9日后转向远离我国", "据气象台消息，" + OLDER + FORECAST, "20:00", outlet="新京报")
BULLETIN = art(
    "bulletin",
    "气象台8日18时继续发布台风蓝色预警",
    "气象台8日18时继续发布台风蓝色预警：今年第6号台风“卡努”（KHANUN）（强台风级）的中心今天（8日）下午5点钟"
    "位于浙江省玉环市东偏南方大约325公里的东海南部海面上，就是北纬26.7度、东经124.1度，中心附近最大风力有14级"
    "（45米/秒），中心最低气压为950百帕，七级风圈半径360公里，十级风圈半径170-190公里。"
    "预计，“卡努”今天夜间至明天早晨在东海南部海面（东经124.0度附近）回旋少动，明天上午转向偏东方向移动。",
    "19:27",
)
OTHER_STORM = art("other", "台风“杜苏芮”", "台风“杜苏芮”8日18时位于福建以东约200公里的海面上。", "18:30")
EARLIER = art(
    "earlier", "台风“卡努”逼近", "8日9时，台风“卡努”的中心位于玉环东偏南方大约370公里的东海南部海面上。", "15:07"
)


def test_a_storm_item_is_told_by_the_newest_reading_not_the_latest_filed_report() -> None:
    # the 20:00 report reads 15时; the bulletin filed at 19:27 reads 17时
    assert newest_reading(NEWS, [EARLIER, BULLETIN, NEWS, OTHER_STORM]) is BULLETIN
    # another storm's later reading, or an earlier one of this storm, does not take its place
    assert newest_reading(NEWS, [EARLIER, NEWS, OTHER_STORM]) is NEWS
    # a report that reads no position is told by itself
    plain = art("plain", "浙江沿海涉水工程全部停工", "浙江沿海260个涉水工程已全部停工。", "21:00")
    assert newest_reading(plain, [plain, BULLETIN]) is plain


def test_the_older_readings_forecast_is_not_added_to_the_newer_bulletins() -> None:
    assert unsuperseded(BULLETIN, [EARLIER, NEWS, BULLETIN, OTHER_STORM]) == [BULLETIN, OTHER_STORM]
    assert unsuperseded(NEWS, [EARLIER, NEWS, BULLETIN]) == [NEWS, BULLETIN]


def test_a_bulletins_position_is_read_out_as_news() -> None:
    told = story_text(BULLETIN, [BULLETIN], NEWS.title, 200)
    assert told == (
        "气象台8日18时继续发布台风蓝色预警：今年第6号台风“卡努”（强台风级）的中心8日17时位于浙江省玉环市东偏南方"
        "大约325公里的东海南部海面上，中心附近最大风力有14级（45米/秒）。"
        "预计，“卡努”8日夜间至9日早晨在东海南部海面回旋少动，9日上午转向偏东方向移动。"
    )
    assert read_out_report(NEWS) is NEWS  # nothing to read out


def test_a_storm_items_text_credit_and_time_come_from_one_bulletin_the_newest() -> None:
    # the 20:00 report is the story's fullest: it heads the item, but its 15时 reading is not the newest
    fuller = art(
        "news",
        NEWS.title,
        NEWS.paragraphs[0]
        + "受其影响，8日至10日，浙江沿海、台湾岛和东海海区将有较强风雨。东海南部海上船舶请提前采取防台风措施。"
        + "大风预报：8日至10日，台湾海峡、巴士海峡、东海及钓鱼岛附近海域将有6～8级、阵风9～10级的大风。"
        + "降雨预报：预计8日至10日，浙江中东部有分散性大雨或暴雨，累计降雨量30～70毫米，沿海局地超过100毫米。",
        "20:00",
        outlet="新京报",
    )
    [item] = compose([fuller, BULLETIN]).items
    assert item.title == NEWS.title
    assert "8日17时位于" in item.text and "9日上午转向偏东方向移动" in item.text
    assert "15时" not in item.text and "浙江南部近海" not in item.text  # nor the older forecast
    assert item.published == BULLETIN.published
