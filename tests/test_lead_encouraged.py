"""A plan's lead tells its rules and targets, not what it merely encourages (digests/lead_text.py)."""

from __future__ import annotations

from digests.lead_text import lead_text
from tests.test_dedup import art

OPENING = "国家发改委等四部门印发数据中心绿色高质量发展实施方案。"


def test_what_a_plan_encourages_without_a_figure_is_not_told_in_its_lead() -> None:
    plan = art(
        "plan",
        "四部门：坚决避免数据中心盲目无序发展",
        OPENING
        + "支持东部地区有关后台加工、存储备份等非实时算力需求向西部转移。"
        + "鼓励数据中心骨干企业率先完成布局落地。"
        + "对于在国家枢纽节点之外新建的数据中心，地方政府不得给予土地、财税等方面的优惠政策。"
        + "到2025年，西部数据中心利用率由30%提高到50%以上。",
        "10:53",
        outlet="发改委网站",
    )
    text = lead_text(OPENING, plan.title, plan, [plan], 400)
    assert "不得给予土地、财税等方面的优惠政策" in text and "由30%提高到50%以上" in text
    assert "鼓励" not in text and "支持东部地区" not in text
    # encouragement with a figure to hold it to is told
    counted = art("c", plan.title, OPENING + "鼓励2025年前建成10个算力枢纽。", "10:53")
    assert "鼓励2025年前建成10个算力枢纽。" in lead_text(OPENING, counted.title, counted, [counted], 400)
