"""The lead, read whole, stays on what its headline names: another strand of the plan goes."""

from __future__ import annotations

from digests.lead_text import lead_text
from tests.test_dedup import art

TITLE = "四部门：加强对数据中心建设的统筹指导 坚决避免数据中心盲目无序发展"
OPENING = "国家发改委等四部门印发《推动数据中心和5G等新型基础设施绿色高质量发展实施方案》。"
STRAND = "在交通、能源、工业和市政等基础设施的规划和建设中同步考虑5G网络建设。"
LAYOUT = "优化数据中心建设布局，新建大型数据中心原则上布局在国家枢纽节点数据中心集群范围内。"
REP = art("plan", TITLE, OPENING + STRAND + LAYOUT, "10:53")


def test_a_plan_leads_sentence_on_another_strand_than_its_headline_goes() -> None:
    assert lead_text(OPENING + STRAND + LAYOUT, TITLE, REP, [REP], 480) == OPENING + LAYOUT


def test_a_running_subjects_lead_and_a_rule_it_forbids_keep_their_sentences() -> None:
    told = OPENING + STRAND + LAYOUT
    assert lead_text(told, TITLE, REP, [REP], 480, running=True) == told
    forbids = "地方政府不得给予土地、财税等方面的优惠政策。"
    assert lead_text(OPENING + forbids, TITLE, REP, [REP], 480).startswith(OPENING + forbids)  # the rule stays


def test_who_says_the_dropped_strand_is_carried_to_the_sentence_that_follows() -> None:
    carried = lead_text(OPENING + "其中提出，" + STRAND + LAYOUT, TITLE, REP, [REP], 480)
    assert carried == OPENING + "其中提出，" + LAYOUT
    own = lead_text(OPENING + "其中提出，" + STRAND + "方案明确，" + LAYOUT, TITLE, REP, [REP], 480)
    assert own == OPENING + "方案明确，" + LAYOUT  # the sentence's own lead-in kept, not doubled


def test_a_lead_whose_headline_names_only_the_occasion_keeps_every_sentence() -> None:
    title = "国务院总理李强7月31日主持召开国务院常务会议"
    text = "国务院总理李强31日主持召开国务院常务会议。会议强调，要加强逆周期调节。要调整优化房地产政策。"
    meeting = art("m", title, text, "20:03")
    assert lead_text(text, title, meeting, [meeting], 480) == text
