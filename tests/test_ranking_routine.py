"""Routine market readings are not front-page news: an instrument's tick inside the session, a
scheduled auction's result (digests/ranking.py)."""

from __future__ import annotations

from tests.test_ranking_rules import parts_of


def test_an_instruments_move_read_inside_the_session_is_a_tick_not_a_market_moving_subject() -> None:
    tick = parts_of("WTI原油期货日内下跌1.00% 现报71.32美元/桶")
    close = parts_of("国际油价大幅下跌 WTI原油期货收跌4%")
    assert tick["magnitude"] == 0.0 < close["magnitude"]
    # a record read inside the session is still a record
    assert parts_of("在岸人民币盘中刷新2018年5月以来高位")["magnitude"] > 1.0


def test_a_scheduled_auctions_result_counts_no_official_acting() -> None:
    result = parts_of("财政部两期国债中标结果出炉（12-08）", "财政部2年期续发国债中标利率为2.4576%。")
    plan = parts_of("财政部发布国债发行计划")
    assert result["official"] == 0.0 < plan["official"]
    assert result["reach"] <= 0.0


def test_a_report_dating_its_news_by_a_weekday_two_days_back_is_yesterdays_news() -> None:
    from datetime import date

    from digests.grouping import find_stories
    from digests.ranking import dated_before
    from digests.timewords import day_told
    from tests.test_dedup import art

    # 惠誉周二将… written on Thursday 3 August: the cut was Tuesday the 1st.
    assert day_told("惠誉周二将美国评级下调", date(2023, 8, 3), written=date(2023, 8, 3)) == date(2023, 8, 1)
    assert day_told("惠誉周二将美国评级下调", date(2023, 8, 3)) is None  # no day it was written, no weekday read
    body = "惠誉周二将美国长期外币发行人违约评级下调至AA+。"
    thursday = art("fitch", "惠誉下调美国评级引争议", body, "09:49", day=9)  # Thursday 9 December 2021
    assert dated_before(find_stories([thursday])[0], date(2021, 12, 9))  # Tuesday the 7th's cut, told again
    wednesday = art("fitch", "惠誉下调美国评级引争议", body, "09:49", day=8)
    assert not dated_before(find_stories([wednesday])[0], date(2021, 12, 8))  # abroad, a day later is news


def test_a_report_that_dates_nothing_does_not_make_yesterdays_news_todays() -> None:
    from datetime import date

    from digests.grouping import Story
    from digests.ranking import dated_before
    from tests.test_dedup import art

    dated = art("fitch", "惠誉下调美国评级引争议", "惠誉周二将美国长期外币发行人违约评级下调至AA+。", "09:49", day=9)
    undated = art(
        "summers",
        "萨默斯锐评惠誉",
        "全球三大评级机构之一惠誉下调美国信用评级后，在全球范围内引起轩然大波。",
        "01:54",
        day=9,
    )
    assert dated_before(Story((undated, dated), ((undated, dated),)), date(2021, 12, 9))
    # a story no report dates is not known to be old
    assert not dated_before(Story((undated,), ((undated,),)), date(2021, 12, 9))
    # one report dating it today makes it today's
    today = art("today", "惠誉回应", "惠誉9日回应称，美国债务堆积如山。", "16:18", day=9)
    assert not dated_before(Story((undated, dated, today), ((undated, dated, today),)), date(2021, 12, 9))
