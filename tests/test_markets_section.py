"""A front page carries the stock market's close, as it carries the world."""

from __future__ import annotations

from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_world_section import HOME

CLOSE = art(
    "close",
    "A股8日主要股指悉数上涨 券商板块涨幅居前",
    "8日，沪指收涨0.6%，券商板块大涨3.7%。",
    "16:30",
    outlet="中新社",
)
OPENING = art(
    "open", "A股三大股指集体高开后走高", "8日早盘，三大股指集体高开，券商股领涨。", "09:52", outlet="上海证券报"
)


def test_a_page_without_the_market_gives_a_place_to_the_days_close() -> None:
    titles = [item.title for item in compose([*HOME, CLOSE], top_n=8).items]
    assert len(titles) == 8 and CLOSE.title in titles
    assert "7月份中国制造业PMI为49.3%" in titles  # the month's key figure keeps its place


def test_a_morning_report_of_the_session_is_not_the_days_market() -> None:
    titles = [item.title for item in compose([*HOME, OPENING], top_n=8).items]
    assert OPENING.title not in titles


def test_a_page_telling_the_market_already_gains_no_second_session() -> None:
    told = art(
        "told", "沪指收涨0.6% 两市成交破万亿", "8日，沪指收涨0.6%，两市成交额破万亿元。", "15:10", outlet="新华社"
    )
    copies = [
        art(f"told{k}", told.title, told.body, f"15:2{k}", outlet=o) for k, o in enumerate(["人民网", "央视新闻"])
    ]
    items = compose([*HOME, told, *copies, CLOSE], top_n=8).items
    sessions = [it for it in items if "沪指" in it.title or "A股" in it.title]
    assert len(sessions) == 1 and "told" in sessions[0].article_ids


def test_the_wires_china_leaves_the_markets_name_at_home() -> None:
    from digests.itemtext import at_home

    assert at_home("中国A股3日表现亮眼，主要股指悉数上涨") == "A股3日表现亮眼，主要股指悉数上涨"
