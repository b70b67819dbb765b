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
