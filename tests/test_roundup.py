"""A lead's roundup: a fact of the story's own reports told by the sentence that tells it in full."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from digests.records import Article
from digests.roundup import roundup

SH = ZoneInfo("Asia/Shanghai")
LANDFALL = "“杜苏芮”将于28日在我国闽粤沿海登陆 西南地区等地有较强降雨"
FORECAST = (
    "预计，“杜苏芮”将以每小时10-15公里的速度向西北方向移动，强度维持后逐渐减弱，"
    "并于28日早晨到上午在福建中部到广东东部一带沿海登陆，登陆时中心附近最大风力为13-15级。"
)
OWN = "中央气象台26日将台风预警升级为红色，这也是今年首个台风红色预警。"


def member(title: str, *paragraphs: str) -> Article:
    return Article(id="m", title=title, published=datetime(2023, 7, 26, 8, tzinfo=UTC), paragraphs=paragraphs)


def test_the_storys_own_report_tells_its_headlines_fact_by_its_fullest_sentence() -> None:
    report = member(LANDFALL, "台风中心今天早晨位于巴士海峡海面上，中心附近最大风力有17级。" + FORECAST)
    text, told = roundup(OWN, [(report, LANDFALL)], 320, tz=SH, whole=frozenset({0}))
    assert told == (0,) and text == OWN + FORECAST
    # Another story's front is told by its opening or its headline, never from deep in its body.
    text, _ = roundup(OWN, [(report, LANDFALL)], 320, tz=SH)
    assert text == OWN + "“杜苏芮”将于28日在我国闽粤沿海登陆。"


def test_a_fullest_sentence_too_long_is_told_from_the_headlines_figure_on_with_its_subject() -> None:
    report = member(LANDFALL, FORECAST)
    budget = len(OWN) + 80
    text, told = roundup(OWN, [(report, LANDFALL)], budget, tz=SH, whole=frozenset({0}))
    assert told == (0,)
    assert (
        text
        == OWN + "预计“杜苏芮”将于28日早晨到上午在福建中部到广东东部一带沿海登陆，登陆时中心附近最大风力为13-15级。"
    )


def test_a_sentence_without_the_headlines_figure_does_not_tell_it() -> None:
    report = member(LANDFALL, "预计，“杜苏芮”将在福建中部到广东东部一带沿海登陆，登陆时中心附近最大风力为13-15级。")
    text, _ = roundup(OWN, [(report, LANDFALL)], 320, tz=SH, whole=frozenset({0}))
    assert text == OWN + "“杜苏芮”将于28日在我国闽粤沿海登陆。"


def test_a_front_headline_told_as_a_sentence_keeps_what_the_disaster_shut() -> None:
    title = "福建海事局启动防台II级响应 沿海客渡船全部停航"
    text, told = roundup(OWN, [(None, title)], 320, tz=SH)
    assert told == (0,) and text == OWN + "福建海事局启动防台II级响应，沿海客渡船全部停航。"


def test_a_typhoons_related_line_tells_an_act_not_its_approach_nor_a_units_publicity() -> None:
    from digests.lineup import names_a_front

    assert names_a_front("福建漳州台风预警升级 多个景区关闭")
    assert names_a_front("超强台风“杜苏芮”逼近 福建连江船舶回港避风")
    assert not names_a_front("今年第5号台风“杜苏芮”（超强台风级）正逐渐向我国东南沿海靠近")
    assert not names_a_front("超强台风来袭 漳州海警局全力以赴筑牢防台防汛“安全网”")
    assert names_a_front("涿州被洪水围困的小区住户陆续撤离")


def test_a_fact_is_told_by_the_newest_report_that_tells_it_in_full() -> None:
    from dataclasses import replace

    from digests.roundup import freshest

    early = member(LANDFALL, FORECAST)
    consulted = "据国家防总会商研判，“杜苏芮”将于28日早晨至上午在福建福清到广东惠来一带沿海登陆（强台风级）。"
    later = replace(early, id="later", published=datetime(2023, 7, 26, 13, tzinfo=UTC), paragraphs=(consulted,))
    aside = replace(early, id="aside", published=datetime(2023, 7, 26, 14, tzinfo=UTC), paragraphs=(OWN,))
    [(told_by, title)] = freshest([(early, LANDFALL)], [early, later, aside], 160)
    assert told_by is later and title == LANDFALL  # the aside, newer still, does not tell the landfall
    text, _ = roundup(OWN, [(told_by, title)], 320, tz=SH, whole=frozenset({0}))
    assert "福建福清到广东惠来" in text and "福建中部到广东东部" not in text
    # with no newer report telling it, its own report does
    assert freshest([(early, LANDFALL)], [early, aside], 160) == [(early, LANDFALL)]


def test_a_count_told_from_a_headline_keeps_the_hour_its_report_gives_it_as_of() -> None:
    title = "北京防汛办：全市共转移群众5.2万多人，所有景区民宿关闭"
    report = member(title, "南都记者从北京市防汛办了解到，截至7月31日20时，北京全市共转移受威胁群众52384人。")
    text, told = roundup(OWN, [(report, title)], 320, tz=SH)
    assert told == (0,) and text.endswith("据北京防汛办，截至7月31日20时，全市共转移群众5.2万多人，所有景区民宿关闭。")
    # a report that gives no hour leaves the count as headlined
    plain = member(title, "北京市防汛办发布消息，全市所有景区民宿关闭。")
    text, _ = roundup(OWN, [(plain, title)], 320, tz=SH)
    assert text.endswith("据北京防汛办，全市共转移群众5.2万多人，全市所有景区民宿关闭。")  # in its report's words
