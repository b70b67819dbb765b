"""An item standing for a name the day's headlines share (惠誉) is told with that name's coverage."""

from __future__ import annotations

from digests.grouping import group
from tests.test_dedup import art

TREASURY = art(
    "t",
    "美国财政部：惠誉下调评级的影响有限",
    "美国财政部助理部长表示，惠誉下调评级对美债价格影响有限。",
    "09:25",
    outlet="金融界",
)
OTHERS = [
    art(
        "f",
        "惠誉回应下调美国信用评级：债务堆积如山",
        "惠誉首席分析师表示，美国债务堆积如山。",
        "16:18",
        outlet="财联社",
    ),
    art(
        "s",
        "标普分析师：惠誉降级印证美国债务问题",
        "标普前分析师表示，降级印证美国的债务问题。",
        "14:50",
        outlet="海外网",
    ),
    art("y", "耶伦批评惠誉下调美国主权信用评级", "美国财长耶伦批评这一决定令人费解。", "04:43", outlet="中新网"),
    art("o", "北向资金净流入超40亿元", "北向资金净流入超40亿元。", "10:48", outlet="财联社"),
]
# the rest of a day: a window big enough to read its shared names in
FILLER = [art(f"x{k}", f"第{k}号地块完成挂牌出让", f"第{k}号地块{k}日完成挂牌出让。", "11:00") for k in range(100)]


def _story(grouped, aid):  # type: ignore[no-untyped-def]
    return next(s for s in grouped.stories if any(a.id == aid for a in s.articles))


def test_a_story_is_covered_by_the_reports_and_media_that_named_its_subject_that_day() -> None:
    grouped = group([TREASURY, *OTHERS, *FILLER])
    assert grouped.name_coverage(_story(grouped, "t")) == (
        4,
        3,
    )  # 4 reports; 财联社, 海外网, 中新网 (金融界 is no medium's name)
    assert grouped.name_coverage(_story(grouped, "o")) == (0, 0)  # it names nothing they share


def test_a_name_one_outlet_alone_carried_lends_no_coverage() -> None:
    alone = [art(a.id, a.title, a.paragraphs[0], "10:00", outlet="财联社") for a in OTHERS]
    grouped = group([TREASURY, *alone, *FILLER])
    assert grouped.name_coverage(_story(grouped, "t")) == (0, 0)  # one outlet's headlines: no subject
