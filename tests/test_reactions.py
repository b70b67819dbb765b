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
    # its short name, no stale 最新, and what the statement asks: the detention it answers is at stake
    assert item.text.endswith(
        "西共体委员会发表声明，谴责在尼日尔发生的未遂政变，呼吁政变策划者立即无条件释放尼日尔总统巴祖姆。"
    )
    assert "CCTV国际时讯" in item.outlets and item.outlet_count == 2
    assert not any("西共体" in line for line in item.also)  # told, so not named again under it


def test_a_body_spelled_out_before_its_units_short_name_is_called_by_the_short_name() -> None:
    from digests.lede_trim import tighten

    assert tighten("西非国家经济共同体（西共体）常设执行机构西共体委员会发表声明。") == "西共体委员会发表声明。"
    # a short name set up for later sentences is left to the rule that drops unused ones
    kept = "国际货币基金组织（IMF）发布报告，上调全球经济增长预期。"
    assert tighten(kept) == kept


def test_a_bare_speaker_opening_the_text_is_given_the_title_the_report_names_them_by() -> None:
    from datetime import UTC, datetime

    from digests.records import Article
    from digests.speakers import titled

    body = (
        "据美国有线电视新闻网报道，惠誉首席分析师查德·弗朗西斯回应机构下调美国信用评级时表示，美国债务堆积如山。",
        "弗朗西斯说，美国的债务占其经济产出的113%。",
    )
    report = Article(id="f", title="惠誉回应", published=datetime(2023, 8, 3, 8, tzinfo=UTC), paragraphs=body)
    assert titled("弗朗西斯说，美国的债务占其经济产出的113%。", report).startswith(
        "据美国有线电视新闻网报道，惠誉首席分析师弗朗西斯说，"
    )
    assert titled("市场人士说，美债仍是安全资产。", report) == "市场人士说，美债仍是安全资产。"  # no one's name


def test_a_statement_that_asks_nothing_is_told_by_its_condemnation_alone() -> None:
    from digests.roundup import reaction_told

    statement = art(
        "ecowas",
        "西共体委员会发表声明，谴责在尼日尔发生的未遂政变",
        "西共体委员会发表声明，谴责在尼日尔发生的未遂政变。声明说，西共体正密切关注尼日尔局势。",
        "21:34",
    )
    assert reaction_told(statement, statement.title, 100) == "西共体委员会发表声明，谴责在尼日尔发生的未遂政变。"
