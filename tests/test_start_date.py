"""An item on a rule tells the day it takes effect."""

from __future__ import annotations

from digests.start_date import start_told
from tests.test_dedup import art

TITLE = "四部门发布对部分无人机实施出口管制公告"
TEXT = "商务部等四部门发布公告，决定对特定无人驾驶航空飞行器实施临时出口管制。大疆回应称，始终保持严谨负责的态度。"
REPORT = art(
    "r",
    TITLE,
    "商务部等四部门发布公告。新公告将特定无人机列入出口管制范围。并指出本公告自2023年9月1日起正式实施。临时管制的实施期限不超过二年。",
    "20:23",
)


def test_a_rules_start_date_is_told_in_place_of_the_texts_last_detail_when_both_will_not_fit() -> None:
    assert start_told(TEXT, TITLE, [REPORT], 200) == TEXT + "公告自2023年9月1日起正式实施。"
    told = start_told(TEXT, TITLE, [REPORT], len(TEXT) + 5)
    assert (
        told == "商务部等四部门发布公告，决定对特定无人驾驶航空飞行器实施临时出口管制。公告自2023年9月1日起正式实施。"
    )


def test_a_start_date_is_told_once_and_only_under_a_rules_headline() -> None:
    dated = "新规自2023年9月1日起施行。"
    assert start_told(dated, TITLE, [REPORT], 200) == dated
    assert start_told(TEXT, "大疆回应无人机出口问题", [REPORT], 200) == TEXT


def test_a_bill_passed_by_one_chamber_is_told_with_its_next_vote() -> None:
    title = "美国会众议院投票通过2022财年国防授权法案"
    text = "美国国会众议院以363票赞成、70票反对的结果通过了2022财年国防授权法案。"
    report = art(
        "ndaa", title, text + "据介绍，法案授权约7682亿美元。该法案将于本周晚些时候在参议院进行投票表决。", "11:50"
    )
    assert start_told(text, title, [report], 200) == text + "该法案将于本周晚些时候在参议院进行投票表决。"
