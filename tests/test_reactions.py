"""The world's reaction to an upheaval told in the upheaval's item (digests/lineup.reaction_to,
digests/roundup.reaction_told): one event, one item, its answer credited."""

from __future__ import annotations

from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_frontpage import FILLER


def _day() -> list:
    detained = art(
        "niger",
        "府邸被封锁，尼日尔总统巴祖姆据报被卫队扣押",
        "据法新社报道，尼日尔总统府卫队成员25日晚起封锁总统府，总统巴祖姆已被扣押。尼日尔总统府称巴祖姆和家人状况良好。",
        "20:45",
        outlet="每经",
    )
    condemned = art(
        "ecowas",
        "西共体委员会最新发表声明，谴责在尼日尔发生的未遂政变",
        "西非国家经济共同体（西共体）常设执行机构西共体委员会最新发表声明，谴责在尼日尔发生的未遂政变。"
        "声明称，西共体呼吁政变策划者立即无条件释放尼日尔总统巴祖姆。",
        "21:34",
        outlet="CCTV国际时讯",
    )
    return [detained, condemned, *FILLER]


def test_the_reaction_to_an_upheaval_is_told_in_its_item_and_credited_not_shown_apart() -> None:
    items = compose(_day()).items
    niger = [it for it in items if "尼日尔" in it.title]
    assert len(niger) == 1
    [item] = niger
    assert item.text.endswith("西共体委员会发表声明，谴责在尼日尔发生的未遂政变。")  # its short name, no stale 最新
    assert "CCTV国际时讯" in item.outlets and item.outlet_count == 2
    assert not any("西共体" in line for line in item.also)  # told, so not named again under it


def test_a_body_spelled_out_before_its_units_short_name_is_called_by_the_short_name() -> None:
    from digests.lede_trim import tighten

    assert tighten("西非国家经济共同体（西共体）常设执行机构西共体委员会发表声明。") == "西共体委员会发表声明。"
    # a short name set up for later sentences is left to the rule that drops unused ones
    kept = "国际货币基金组织（IMF）发布报告，上调全球经济增长预期。"
    assert tighten(kept) == kept
