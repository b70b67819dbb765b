"""A front page carries the stock market's close, as it carries the world."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from digests.records import Article
from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_world_section import HOME

SH = ZoneInfo("Asia/Shanghai")

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


def carried(report: Article, *outlets: str) -> list[Article]:
    """``report`` and its copies by ``outlets``, a few minutes later."""
    at = report.published.astimezone(SH)
    return [report] + [
        art(f"{report.id}{k}", report.title, report.body, f"{at.hour:02d}:{at.minute + 5 + k:02d}", outlet=o)
        for k, o in enumerate(outlets)
    ]


def test_a_page_without_the_market_gives_a_place_to_the_days_close() -> None:
    titles = [item.title for item in compose([*HOME, *carried(CLOSE, "新华社")], top_n=8).items]
    assert len(titles) == 8 and CLOSE.title in titles
    assert "7月份中国制造业PMI为49.3%" in titles  # the month's key figure keeps its place


def test_a_quiet_close_does_not_take_the_place_of_a_story_twice_its_weight() -> None:
    items = compose([*HOME, CLOSE], top_n=8).items
    assert CLOSE.title not in [item.title for item in items]  # one outlet's wrap of a quiet session
    assert min(item.score for item in items) > 2 * compose([CLOSE], top_n=1).items[0].score


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


WRAP = art(
    "wrap",
    "A股8日表现亮眼，主要股指悉数上涨，券商板块涨幅居前",
    "中国A股8日表现亮眼，主要股指悉数上涨，券商板块涨幅居前。"
    "当天证券板块大涨3.73%，本周已累计涨逾6%。\n"
    "中共中央政治局近日召开会议。会议指出，要活跃资本市场，提振投资者信心。"
    "分析人士认为，随着一系列稳增长政策陆续出台，市场风险偏好有望逐步回升，证券板块可能迎来估值和业绩双升的行情。\n"
    "就当天市场的整体表现而言，截至收盘，上证指数报3280点，涨幅0.58%；深证成指报11163点，涨幅0.53%。(完)",
    "18:07",
    outlet="中新社",
)


def test_the_markets_item_tells_the_index_closes_first_and_leaves_the_background_out() -> None:
    item = next(it for it in compose([*HOME, *carried(WRAP, "新华社")], top_n=8).items if "wrap" in it.article_ids)
    assert item.text.startswith("截至8日收盘，上证指数报3280点，涨幅0.58%；深证成指报11163点，涨幅0.53%。")
    assert "证券板块大涨3.73%" in item.text
    assert "而言" not in item.text and "召开会议" not in item.text


def test_closes_are_told_only_under_a_session_headline_and_only_once() -> None:
    from digests.market_close import closes_first

    text = "当天证券板块大涨3.73%。"
    assert closes_first(text, "券商上半年业绩普遍向好", [WRAP], 160) == text  # not the session
    told = "截至收盘，沪指报3280点，涨0.58%。"
    assert closes_first(told, WRAP.title, [WRAP], 160) == told  # it opens on the closes already
    quiet = art("quiet", WRAP.title, "中国A股8日表现亮眼。当天证券板块大涨3.73%。", "18:07")
    assert closes_first(text, WRAP.title, [quiet], 160) == text  # no report gives the closes


def test_a_whole_market_wrap_in_one_sentence_is_not_taken_for_the_closes() -> None:
    from digests.market_close import closes_first

    long_wrap = art(
        "long",
        WRAP.title,
        "截至收盘，上证指数报3280点，涨幅0.58%，" + "，".join(f"第{k}个板块涨幅居前" for k in range(20)) + "。",
        "18:07",
    )
    text = "当天证券板块大涨3.73%。"
    assert closes_first(text, WRAP.title, [long_wrap], 160) == text


def test_a_session_headline_drops_its_verdict_before_the_indexes_move() -> None:
    from digests.market_close import session_headline

    assert (
        session_headline("A股3日表现亮眼，主要股指悉数上涨，券商板块涨幅居前")
        == "A股主要股指悉数上涨，券商板块涨幅居前"
    )
    assert session_headline("中国A股26日遭遇调整，主要股指悉数下跌") == "A股主要股指悉数下跌"
    kept = "A股全线走强，上证指数站上3600点"  # no indexes' move follows: the verdict is the news
    assert session_headline(kept) == kept
    item = next(it for it in compose([*HOME, *carried(WRAP, "新华社")], top_n=8).items if "wrap" in it.article_ids)
    assert item.title == "A股主要股指悉数上涨，券商板块涨幅居前"


def test_the_room_the_closes_free_goes_to_the_ledes_further_moves_and_the_policy_behind_the_sectors_move() -> None:
    from digests.market_close import closes_first

    wrap = art(
        "wrap2",
        "A股8日主要股指悉数下跌，房地产板块逆势上涨",
        "中国A股8日遭遇调整，主要股指悉数下跌。当天房地产开发板块上涨2.69%，涨幅居前。"
        "中共中央政治局近日召开会议。会议指出，要适时调整优化房地产政策。"
        "个股方面，金科股份等个股股价收获涨停板。\n"
        "截至收盘，上证指数报3223点，跌幅0.26%。",
        "18:33",
        outlet="中新社",
    )
    text = "当天房地产开发板块上涨2.69%，涨幅居前。中共中央政治局近日召开会议。会议指出，要适时调整优化房地产政策。"
    told = closes_first(text, wrap.title, [wrap], 160)
    # 调整优化房地产政策 is no move of its own: it is why the sector moved, told by who said it and when, after the move
    assert told == (
        "截至8日收盘，上证指数报3223点，跌幅0.26%。当天房地产开发板块上涨2.69%，涨幅居前。"
        "中共中央政治局近日召开的会议指出，要适时调整优化房地产政策。金科股份等个股股价收获涨停板。"
    )


def test_a_long_cause_is_told_by_its_clauses_naming_the_sector() -> None:
    from digests.market_close import cause_of_move

    wrap = art(
        "wrap3",
        "A股主要股指悉数下跌，房地产相关板块却逆势上涨",
        "当天房地产服务板块上涨4.72%。中共中央政治局近日召开会议。会议指出，要切实防范化解重点领域风险，"
        "适应中国房地产市场供求关系发生重大变化的新形势，适时调整优化房地产政策，因城施策用好政策工具箱，"
        "更好满足居民刚性和改善性住房需求，促进房地产市场平稳健康发展。",
        "18:33",
    )
    assert cause_of_move(wrap, wrap.title, set()) == (
        "中共中央政治局近日召开的会议指出，适应中国房地产市场供求关系发生重大变化的新形势，适时调整优化房地产政策。"
    )
    assert cause_of_move(wrap, "A股主要股指悉数下跌", set()) == ""  # no sector moved in the headline
