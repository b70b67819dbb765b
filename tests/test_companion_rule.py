"""A rule's same-day companion document is told with what it bars, each item cut to the thing it names."""

from __future__ import annotations

from digests.companion import companion_told
from tests.test_dedup import art

TITLE = "四部门发布对部分无人机实施出口管制公告"
TEXT = "商务部等四部门发布公告，决定对特定无人驾驶航空飞行器实施临时出口管制。公告自2023年9月1日起正式实施。"
COMPANION = (
    "而同日出台的《关于对无人机相关物项实施出口管制的公告》指出，满足以下特性的物项，未经许可，不得出口，其中包括"
    "“最大持续功率超过16千瓦（kW）的专门用于特定无人驾驶航空飞行器的航空发动机”，"
    "“满足一定技术指标的专门用于特定无人驾驶航空飞行器的载荷，包括红外成像设备、合成孔径雷达和用于目标指示的激光器”"
    "以及“民用反无人机系统”。"
)
REPORT = art("r", TITLE, TEXT + "大疆回应称将严格遵守。" + COMPANION, "20:23")
TOLD = "同日出台的《关于对无人机相关物项实施出口管制的公告》规定，满足特定指标的航空发动机、载荷以及民用反无人机系统等物项未经许可不得出口。"


def test_a_rules_companion_is_told_with_the_things_it_bars() -> None:
    assert companion_told(TEXT, TITLE, [REPORT], 200) == TEXT + TOLD


def test_a_companion_is_told_past_the_items_room_but_not_without_limit() -> None:
    assert companion_told(TEXT, TITLE, [REPORT], len(TEXT)) == TEXT + TOLD
    assert companion_told(TEXT, TITLE, [REPORT], 10) == TEXT


def test_a_companion_is_told_once_and_only_under_a_rules_headline() -> None:
    told = TEXT + TOLD
    assert companion_told(told, TITLE, [REPORT], 400) == told
    assert companion_told(TEXT, "大疆回应无人机出口问题", [REPORT], 400) == TEXT


def test_a_same_day_document_that_bars_nothing_or_lists_descriptions_is_not_told() -> None:
    plain = art("p", TITLE, TEXT + "而同日出台的《关于进一步做好出口工作的通知》指出，要稳住外贸基本盘。", "20:23")
    assert companion_told(TEXT, TITLE, [plain], 400) == TEXT
    described = COMPANION.replace(
        "以及“民用反无人机系统”", "以及“为特定无人驾驶航空飞行器提供导航定位与数据链路支持服务设备”"
    )
    wordy = art("w", TITLE, TEXT + described, "20:23")
    assert companion_told(TEXT, TITLE, [wordy], 400) == TEXT
