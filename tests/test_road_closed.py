"""A road that gave way: whether it is closed, told as a fact the next morning, and the answer to its
unknown toll without the contrast it answered (digests/owed.py, digests/answered.py)."""

from __future__ import annotations

from digests.answered import answered
from digests.owed import owed_told
from tests.test_answered import EARLY, ELSEWHERE, LATER
from tests.test_dedup import art

TITLE = "黑龙江一高速公路桥梁发生部分塌陷 两车坠入"
TEXT = "3日8时50分左右，哈牡高速桥梁部分路基被洪水冲毁，发生塌陷，导致道路交通中断。事发后，两辆小型车辆坠入。"
CLOSED = art(
    "closed",
    TITLE,
    TEXT + "交警已到达现场。目前，交警部门已经对哈尔滨至牡丹江之间高速公路实行了全线双向封闭。",
    "16:21",
)


def test_a_collapsed_roads_item_tells_that_the_road_is_closed_without_the_stale_now() -> None:
    told = owed_told(TEXT, TITLE, [CLOSED], 200)
    assert told == TEXT + "交警部门已经对哈尔滨至牡丹江之间高速公路实行了全线双向封闭。"
    # an item on anything else owes no closure
    assert owed_told("国内油价上调。", "国内油价上调", [CLOSED], 200) == "国内油价上调。"


def test_an_answer_lifted_from_another_report_drops_the_contrast_it_made_there() -> None:
    contrast = art(
        "later",
        LATER.title,
        "".join(LATER.paragraphs).replace("另一辆黑色汽车", "而另一辆黑色汽车"),
        "14:28",
        outlet="上游新闻",
    )
    text = "".join(EARLY.paragraphs)
    told, by = answered(text, EARLY, [EARLY, contrast, *ELSEWHERE])
    assert by is contrast
    assert "另一辆黑色汽车相关信息高速交警已核实，暂无人员伤亡。" in told and "而另一辆" not in told
