"""A data release is told with its companion figure (manufacturing PMI with non-manufacturing)."""

from __future__ import annotations

from digests.companion import companion_told
from tests.test_dedup import art

TITLE = "7月份中国制造业PMI为49.3% 预期指数升至较高景气区间"
TEXT = (
    "国家统计局31日公布，7月份，中国制造业PMI为49.3%。当月，生产指数为50.2%，新订单指数为49.5%，比上月上升0.9个百分点。"
)
RELEASE = art(
    "r",
    TITLE,
    "国家统计局31日公布，7月份，中国制造业PMI为49.3%。当月，生产指数为50.2%。"
    "当天披露的数据还显示，7月份，中国非制造业商务活动指数为51.5%，比上月下降1.7个百分点。",
    "13:52",
)


def test_the_companion_index_takes_the_place_of_a_sub_index_when_both_will_not_fit() -> None:
    told = companion_told(TEXT, TITLE, [RELEASE], len(TEXT) + 10)
    assert (
        told
        == "国家统计局31日公布，7月份，中国制造业PMI为49.3%。7月份，中国非制造业商务活动指数为51.5%，比上月下降1.7个百分点。"
    )


def test_the_companion_is_not_told_twice_nor_under_another_headline() -> None:
    told = companion_told(TEXT, TITLE, [RELEASE], 200)
    assert companion_told(told, TITLE, [RELEASE], 200) == told
    assert companion_told(TEXT, "7月份非制造业商务活动指数为51.5%", [RELEASE], 200) == TEXT
