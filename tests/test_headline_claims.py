"""A headline claims only what its item tells, the news first (digests/headlines.py), and a figure
measured from a moving price does not outlive the day (digests/timewords.py)."""

from __future__ import annotations

from datetime import date, datetime

from digests.final_text import final_text
from digests.headlines import finished_headline, presentable
from digests.timewords import without_moving_base

APPLE = "华尔街最高！大摩上调苹果目标价至200美元 VR和自动驾驶将发力"
TEXT = "摩根士丹利分析师维持了对苹果的“增持”评级，并将该股目标价从164美元上调至200美元，和韦德布什给出的目标价并列华尔街最高。"


def test_a_superlative_shouted_ahead_of_the_news_follows_it() -> None:
    assert presentable(APPLE).startswith("大摩上调苹果目标价至200美元")
    assert presentable(APPLE).endswith("华尔街最高")
    # a shouted clause that is no superlative still parts the decks where it stood
    assert presentable("外资杀入A股！军工板块全线大涨") == "外资杀入A股 军工板块全线大涨"


def test_a_deck_the_text_says_nothing_of_leaves_the_headline() -> None:
    # and the superlative is qualified as the text qualifies it
    assert finished_headline(presentable(APPLE), TEXT) == "大摩上调苹果目标价至200美元 并列华尔街最高"
    alone = TEXT.replace("和韦德布什给出的目标价并列", "为")
    assert finished_headline(presentable(APPLE), alone) == "大摩上调苹果目标价至200美元 华尔街最高"
    # a deck the text tells in part stands (高盛 of 高盛安抚投资者)
    fitch = "惠誉下调美国评级引争议 高盛安抚投资者：这没什么大不了的"
    told = "惠誉将美国评级下调至AA+。高盛策略师们解释说，下调评级并不是基于这些预测。"
    assert finished_headline(fitch, told) == fitch


def test_a_distance_from_the_latest_price_goes_by_the_next_morning() -> None:
    figure = "目标价从164美元上调至200美元(较最新收盘价高近17%)，并列华尔街最高。"
    assert without_moving_base(figure) == "目标价从164美元上调至200美元，并列华尔街最高。"
    shown = final_text("大摩上调苹果目标价", figure, written=date(2021, 12, 8), read=datetime(2021, 12, 9, 8))
    assert "17%" not in shown
    # a change against a fixed day's close is not a moving base
    fixed = "收于3600点（较上周五收盘价上涨1.2%）。"
    assert without_moving_base(fixed) == fixed


def test_a_quote_carrying_its_own_yesterday_does_not_tell_the_headlines_claim() -> None:
    from digests.decks import claim_told
    from tests.test_dedup import art

    title = "美国财政部：惠誉下调评级的影响有限 美债仍是最安全资产"
    text = "一名美国财政部高级别官员表示，惠誉下调评级对美国国债的价格影响有限。"
    stale = "“昨晚的决定并没有改变事实：美债仍然是世界上最安全的资产，”Frost说。"
    report = art("t", title, text + stale, "00:25")
    assert claim_told(text, title, report, 300) == text
    # the same claim told without a day the page cannot place is told
    plain = "“美债仍然是世界上最安全的资产，”Frost说。"
    assert claim_told(text, title, art("t", title, text + plain, "00:25"), 300) == text + plain


def test_a_reassurance_is_headed_by_the_event_it_is_about_when_the_text_opens_on_that_event() -> None:
    from digests.headline_claims import event_first

    title = "美国财政部：惠誉下调评级的影响有限"
    event_told = "惠誉在1日晚些时候将美国主权信用评级下调一档，至AA+。财政部助理部长表示，影响有限。"
    assert event_first(title, event_told) == "惠誉下调美国评级 美国财政部称影响有限"  # whose rating, as told
    reaction_told = "财政部助理部长表示，对收益率或价格的影响有限。惠誉1日下调了评级。"
    assert event_first(title, reaction_told) == title  # the text opens on the reaction: so does the headline
    assert event_first("美国财政部：美债仍是最安全资产", event_told) == "美国财政部：美债仍是最安全资产"
