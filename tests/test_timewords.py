"""Relative time words never survive into a digest read on another day."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from digests.timewords import absolutize, stamp_running

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2021, 12, 8, 13, 50, tzinfo=SH)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今日沪指收涨0.5%。", "8日沪指收涨0.5%。"),
        ("今天上午，国务院新闻办举行发布会。", "8日上午，国务院新闻办举行发布会。"),
        ("昨日，央行开展逆回购操作。", "7日，央行开展逆回购操作。"),
        ("昨天晚上发布了预警。", "7日晚上发布了预警。"),
        ("明日起执行新规。", "9日起执行新规。"),
        ("今日早盘，两市低开。", "8日早盘，两市低开。"),
        ("今晨发布暴雨预警。", "8日晨发布暴雨预警。"),
        ("国家海洋预报台今天（8日）下午发布警报。", "国家海洋预报台8日下午发布警报。"),
        ("今天（12月8日），央行行长在座谈会上表示。", "12月8日，央行行长在座谈会上表示。"),
        ("截至目前，已转移群众1200人。", "截至13:50，已转移群众1200人。"),
        ("到目前为止，共抓获嫌疑人14名。", "截至13:50，共抓获嫌疑人14名。"),
        ("截至发稿，事故原因仍在调查。", "截至13:50，事故原因仍在调查。"),
        # A sentence or clause opening on 目前/当前 loses the word (a quoted statement's hour is not known).
        ("但没有成功。目前总统和他的家人状况良好。", "但没有成功。总统和他的家人状况良好。"),
        ("当前天津处于主汛期。", "天津处于主汛期。"),
        # The weekday a report names is the last such day (8 December 2021 was a Wednesday).
        ("惠誉周二将美国评级下调至AA+。", "惠誉7日将美国评级下调至AA+。"),
        ("美股周三收涨。", "美股8日收涨。"),
        ("星期五，欧央行宣布维持利率不变。", "3日，欧央行宣布维持利率不变。"),
        ("中国A股8日(周三)遭遇调整。", "中国A股8日遭遇调整。"),  # the date already gives the weekday
        ("助理部长Josh Frost周三对记者表示。", "助理部长Josh Frost 8日对记者表示。"),  # a Latin name kept apart
        ("“卡努”3日下午15时位于东海海面上。", "“卡努”3日15时位于东海海面上。"),  # and the clock the part of the day
    ],
)
def test_relative_words_become_absolute(text: str, expected: str) -> None:
    assert absolutize(text, AT) == expected


@pytest.mark.parametrize(
    "text",
    [
        "今年上半年，全国检察机关办结案件3.2万件。",
        "今后将持续推进改革。",
        "目前的形势仍然严峻。",
        "他说目前还在搜救。",
        "目前来看，风险可控。",
        "日前，美国众议院通过所谓法案。",
        "据今日头条消息，平台上线新功能。",
        "至今已有45人获救。",
        "博物馆每周二闭馆。",
        "窗口周一至周五办理业务。",
        "数据将于周五公布。",
        "上周二美联储官员讲话。",
    ],
)
def test_words_not_relative_to_the_day_stay(text: str) -> None:
    assert absolutize(text, AT) == text


def test_no_relative_day_word_survives_a_month_boundary() -> None:
    first = datetime(2023, 8, 1, 9, 0, tzinfo=SH)
    assert absolutize("昨日，北京降雨。明日转晴。", first) == "7月31日，北京降雨。2日转晴。"


def test_a_running_intraday_figure_gets_its_time() -> None:
    assert stamp_running("北向资金净流入达80亿元。", AT) == "截至午后13:50，北向资金净流入达80亿元。"
    # a bare clock time says when, not that it was mid-session: a next-morning reader must not read a close
    assert (
        stamp_running("数据显示，截至13:50，北向资金净流入达80亿元。", AT)
        == "数据显示，截至午后13:50，北向资金净流入达80亿元。"
    )
    morning = datetime(2021, 12, 8, 10, 55, tzinfo=SH)
    assert stamp_running("北向资金净流入超40亿元。", morning) == "截至上午10:55，北向资金净流入超40亿元。"
    # anchored already, or outside trading hours: unchanged
    assert stamp_running("截至收盘，北向资金净流入80亿元。", AT) == "截至收盘，北向资金净流入80亿元。"
    evening = datetime(2021, 12, 8, 19, 0, tzinfo=SH)
    assert stamp_running("北向资金净流入80亿元。", evening) == "北向资金净流入80亿元。"
    assert stamp_running("公司发布年度报告。", AT) == "公司发布年度报告。"


def test_a_channel_named_today_keeps_its_name() -> None:
    text = "综合福克斯新闻网、“今日俄罗斯”（RT）和《今日美国》报道，今日白宫回应。"
    assert (
        absolutize(text, datetime(2023, 7, 26, 12))
        == "综合福克斯新闻网、“今日俄罗斯”（RT）和《今日美国》报道，26日白宫回应。"
    )


def test_a_headlines_bare_part_of_the_day_gets_its_day_or_goes_when_it_opens_a_later_clause() -> None:
    from digests.timewords import headline_when

    at = datetime(2023, 7, 31, 20, 38)
    assert headline_when("台风卡努加强为强台风级，下午再度加强", at) == "台风卡努加强为强台风级，再度加强"
    assert headline_when("央行下午宣布降准", at) == "央行31日下午宣布降准"
    assert headline_when("今日下午两市成交额突破万亿", at) == "31日下午两市成交额突破万亿"
    assert headline_when("30日晚间发布暴雨预警", at) == "30日晚间发布暴雨预警"  # its day is given


def test_a_date_of_the_reports_month_is_told_by_its_day_as_the_texts_other_dates_are() -> None:
    from digests.timewords import in_month

    text = "26日，中央气象台发布红色预警。7月26日，国家防总将响应提升至三级，预计8月1日起降雨减弱。"
    assert in_month(text, 7) == "26日，中央气象台发布红色预警。26日，国家防总将响应提升至三级，预计8月1日起降雨减弱。"
    # a date with its year keeps its month: 自2023年7月26日24时起
    assert in_month("自2023年7月26日24时起调价。", 7) == "自2023年7月26日24时起调价。"
