"""An item is timed by the newest report its text tells, not only by the report it opens with."""

from __future__ import annotations

from digests.clock import NEWS_ZONE
from tests.test_dedup import art
from tests.test_digest import compose

# the page's lead, read whole: the market wrap is the second item, told with its beat's later figure
PLAN = [
    art(f"p{n}", "四部门：加强对数据中心建设的统筹指导", "国家发改委等四部门8日印发实施方案。", f"10:4{n}", outlet=o)
    for n, o in enumerate(("发改委网站", "新华社", "人民网"))
]
WRAP = art(
    "w",
    "A股全线走强 上证指数站上3600点",
    "8日早盘，创业板指上涨近2%。两市超3300只个股上涨，煤炭板块跌幅居前。",
    "12:35",
    outlet="e公司",
)
FLOW = art("f", "北向资金净流入达80亿", "截至午后13:50，北向资金净流入达80亿元，创近一个月新高。", "13:50")
OTHER = art("o", "某公司召开年度工作会议", "某公司召开年度工作会议。", "09:50")


def test_a_session_wrap_ending_on_a_later_flow_reading_is_timed_by_that_reading() -> None:
    [_, item, _] = compose([*PLAN, WRAP, FLOW, OTHER], top_n=3).items
    assert item.article_ids == ("w",) and "80亿元" in item.text  # the session's later reading is told ...
    assert item.published.astimezone(NEWS_ZONE).strftime("%H:%M") == "13:50"  # ... and dates the item


def test_an_item_telling_only_its_own_report_keeps_that_reports_time() -> None:
    [_, item, _] = compose([*PLAN, WRAP, OTHER], top_n=3).items
    assert item.article_ids == ("w",) and item.published.astimezone(NEWS_ZONE).strftime("%H:%M") == "12:35"
