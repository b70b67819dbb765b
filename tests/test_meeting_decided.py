"""A meeting's item tells what the meeting approved when another of the day's reports says so."""

from __future__ import annotations

from digests.meeting_decided import meeting_decided
from tests.test_dedup import art

TITLE = "国务院常务会议：加强逆周期调节和政策储备研究"
TEXT = "国务院总理李强31日主持召开国务院常务会议，强调要加强逆周期调节和政策储备研究。"
RELEASE = art(
    "cgn",
    "中国广核集团发布消息",
    "中国广核集团7月31日发布消息称，经国务院常务会议审议，决定对已经全面安全评估审查且纳入国家规划的"
    "中广核福建宁德核电项目5、6号机组予以核准。此外，山东石岛湾项目也同步获得核准。",
    "21:59",
    outlet="中新网",
)
OTHER = art("o", "某地召开防汛会议", "某地召开防汛会议，部署防汛工作。", "10:00")


def test_a_meetings_approval_told_by_another_report_is_told_with_its_source() -> None:
    told, source = meeting_decided(TEXT, TITLE, [OTHER, RELEASE], 200)
    both = "据中新网，会议核准了中广核福建宁德核电项目5、6号机组和山东石岛湾项目。"  # the other approval named
    assert told == TEXT + both and source is RELEASE
    etc = "据中新网，会议核准了中广核福建宁德核电项目5、6号机组等。"  # 等 where both will not fit
    assert meeting_decided(TEXT, TITLE, [RELEASE], len(TEXT + etc) + 2) == (TEXT + etc, RELEASE)


def test_an_approval_is_told_only_where_it_fits_and_only_under_its_meeting() -> None:
    assert meeting_decided(TEXT, TITLE, [RELEASE], len(TEXT) + 10) == (TEXT, None)
    assert meeting_decided(TEXT, "中共中央政治局召开会议", [RELEASE], 200) == (TEXT, None)  # another meeting
    told = TEXT + "会议核准了宁德核电项目。"
    assert meeting_decided(told, TITLE, [RELEASE], 400) == (told, None)  # told already
    assert meeting_decided(TEXT, TITLE, [OTHER], 200) == (TEXT, None)


def test_one_approval_alone_is_told_without_etc() -> None:
    alone = art("one", "消息", "经国务院常务会议审议，决定对宁德核电项目5、6号机组予以核准。", "21:00", outlet="中新网")
    assert meeting_decided(TEXT, TITLE, [alone], 200)[0].endswith("会议核准了宁德核电项目5、6号机组。")


def test_the_item_credits_and_counts_the_report_that_told_the_approvals() -> None:
    from tests.test_digest import compose

    meeting = art(
        "gch",
        "国务院常务会议：加强逆周期调节和政策储备研究",
        "国务院总理李强8日主持召开国务院常务会议，强调要加强逆周期调节和政策储备研究。",
        "20:03",
        outlet="央视网",
    )
    release = art(
        "cgn",
        "中国广核集团发布消息",
        "中国广核集团8日发布消息称，经国务院常务会议审议，决定对中广核福建宁德核电项目5、6号机组予以核准。",
        "21:59",
        outlet="中新网",
    )
    [item] = [it for it in compose([meeting, release], top_n=8).items if it.article_ids == ("gch",)]
    assert item.text.endswith("据中新网，会议核准了中广核福建宁德核电项目5、6号机组。")
    assert "中新网" in item.outlets and item.article_count == 2
