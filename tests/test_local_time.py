"""An hour abroad is told as local time when a report of the story says it is (digests/timewords.py)."""

from __future__ import annotations

from digests.timewords import local_time_told
from tests.test_dedup import art

STATEMENT = "尼日尔总统府办公室发表声明称，7月26日早晨，部分总统卫队的成员发起了一场“反对共和国运动”。"


def test_an_hour_another_report_gives_as_local_time_is_told_as_such() -> None:
    local = art("cctv", "西共体谴责", "尼日尔总统府发表声明称，当地时间26日早晨，部分总统卫队成员发起运动。", "21:34")
    assert local_time_told(STATEMENT, [local]) == STATEMENT.replace("7月26日早晨", "当地时间7月26日早晨")
    # told once: a text that says it already is left be
    told = "当地时间26日早晨，部分总统卫队的成员发起运动。"
    assert local_time_told(told, [local]) == told


def test_an_hour_no_report_calls_local_stays_as_written() -> None:
    home = art("home", "北京暴雨", "26日早晨，北京多地出现强降雨。", "09:00")
    assert local_time_told(STATEMENT, [home]) == STATEMENT
    other_hour = art("cctv", "西共体谴责", "当地时间26日晚间，西共体发表声明。", "21:34")
    assert local_time_told(STATEMENT, [other_hour]) == STATEMENT


def test_an_hour_of_a_day_a_report_gives_as_local_is_told_as_local_time() -> None:
    cut = "惠誉在1日晚些时候将美国主权信用评级下调一档，至AA+。"
    local = art("f", "针对美方不满 惠誉回应", "国际评级机构惠誉当地时间8月1日将美国评级从AAA下调至AA+。", "08:47")
    assert local_time_told(cut, [local]) == "惠誉在当地时间1日晚些时候将美国主权信用评级下调一档，至AA+。"
    other_day = art("f", "惠誉回应", "惠誉当地时间8月2日作出回应。", "08:47")
    assert local_time_told(cut, [other_day]) == cut  # another day's local time says nothing of the 1st
