"""An item does not say the casualties are unknown when the day's other reports of the event tell them."""

from __future__ import annotations

from digests.answered import answered
from tests.test_dedup import art
from tests.test_digest import compose

EARLY = art(
    "early",
    "黑龙江一高速公路桥梁发生部分塌陷 两车坠入",
    "8月3日8时50分左右，哈牡高速蚂蚁河桥头路段桥梁部分路基被洪水冲毁，发生塌陷。"
    "事发后，该路段有两辆小型车辆坠入，具体伤亡情况不明。交警已到达现场并实施临时管控。",
    "16:21",
)
LATER = art(
    "later",
    "强降雨致桥梁坍塌2车落水 这一高速全线封闭",
    "8月2日，北方地区降雨重心转移至东北地区。8月3日，记者了解到，哈牡高速蚂蚁河桥头发生桥梁塌陷。"
    "现场视频显示，两辆汽车从塌陷处掉入水中。据新京报最新报道，白色汽车驾驶员被现场司乘人员合力救起。"
    "另一辆黑色汽车相关信息高速交警已核实，暂无人员伤亡。",
    "14:28",
    outlet="上游新闻",
)
# Other news of the day: a flood's toll, which shares no name with the bridge.
ELSEWHERE = [
    art(f"f{k}", "北京门头沟暴雨致2人死亡", f"门头沟区第{k}次通报，2人死亡，伤亡情况正在核实。", f"1{k}:00")
    for k in range(6)
]


def test_an_unknown_toll_is_told_by_another_report_of_the_event() -> None:
    text = "".join(EARLY.paragraphs)
    told, by = answered(text, EARLY, [EARLY, LATER, *ELSEWHERE])
    assert by is LATER
    assert told == (
        "8月3日8时50分左右，哈牡高速蚂蚁河桥头路段桥梁部分路基被洪水冲毁，发生塌陷。"
        "事发后，该路段有两辆小型车辆坠入。据新京报报道，白色汽车驾驶员被现场司乘人员合力救起。"
        "另一辆黑色汽车相关信息高速交警已核实，暂无人员伤亡。交警已到达现场并实施临时管控。"
    )


def test_a_report_of_another_event_answers_nothing() -> None:
    text = "".join(EARLY.paragraphs)
    assert answered(text, EARLY, [EARLY, *ELSEWHERE]) == (text, None)
    # nor does a report of the event that says nothing of the people
    closed = art(
        "closed", "哈牡高速全线封闭", "哈牡高速蚂蚁河桥头路段桥梁塌陷后，哈牡高速全线封闭。", "15:00", outlet="央视新闻"
    )
    assert answered(text, EARLY, [EARLY, closed, *ELSEWHERE]) == (text, None)


def test_the_item_is_credited_to_the_report_that_answered_it_not_the_feed_and_timed_by_it() -> None:
    (item,) = [it for it in compose([EARLY, LATER, *ELSEWHERE], top_n=8).items if "early" in it.article_ids]
    assert "伤亡情况不明" not in item.text and "暂无人员伤亡" in item.text
    assert item.outlets == ("上游新闻",)
    assert item.published == LATER.published  # 上游新闻 · 14:28, not the uncredited 16:21 report's time
    # the uncredited report its headline and lede come from is counted beside the credited answer
    from digests.render import coverage_label

    assert item.article_count == 2 and coverage_label(item) == "2篇报道"


def test_a_report_its_reporters_sign_keeps_its_credit_and_time_beside_the_answering_outlet() -> None:
    from dataclasses import replace

    from digests.render import credit_line

    signed = replace(EARLY, byline="记者杨洋等")  # 文/记者 杨洋 任秋宇 彭海龙: no outlet, but whose it is
    (item,) = [it for it in compose([signed, LATER, *ELSEWHERE], top_n=8).items if "early" in it.article_ids]
    assert "暂无人员伤亡" in item.text
    assert item.outlets == ("记者杨洋等", "上游新闻")  # the text's own report first, then the answer's outlet
    assert item.published == EARLY.published  # timed by the report its headline and lede come from
    assert credit_line(item) == ("记者杨洋等、上游新闻", "2篇报道")


def test_a_copy_without_an_outlet_gives_the_credit_to_the_copy_that_names_one() -> None:
    copy = art("copy", "北方地区降雨重心转移至东北地区", "".join(LATER.paragraphs), "15:01")
    told, by = answered("".join(EARLY.paragraphs), EARLY, [EARLY, LATER, copy, *ELSEWHERE])
    assert by is LATER and "据新京报报道，白色汽车驾驶员" in told
    # the answer's repost under another headline is one more report the item counts
    (item,) = [it for it in compose([EARLY, LATER, copy, *ELSEWHERE], top_n=8).items if "early" in it.article_ids]
    assert item.article_count == 3


def test_a_meeting_dated_only_as_recent_is_dated_as_the_days_other_reports_date_it() -> None:
    from digests.answered import meeting_dated

    text = "当天房地产开发板块上涨2.69%。中共中央政治局近日召开的会议指出，要适时调整优化房地产政策。"
    other = art("pb", "政治局会议解读", "中共中央政治局7月24日召开会议，分析研究当前经济形势。", "09:00")
    assert meeting_dated(text, [other]) == (
        "当天房地产开发板块上涨2.69%。中共中央政治局7月24日召开的会议指出，要适时调整优化房地产政策。"
    )
    assert meeting_dated(text, []) == text  # no report dates it: left as the report says
