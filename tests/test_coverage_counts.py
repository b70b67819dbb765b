"""What an item's coverage line counts: the media that reported what it stands for, and the topic's
other reports only when there are enough of them to mean coverage (digests/render.coverage_label)."""

from __future__ import annotations

import dataclasses

from digests.dedup import media_count
from digests.render import coverage_label
from tests.test_dedup import art
from tests.test_digest import compose
from tests.test_frontpage import FILLER, FLOOD


def test_an_item_standing_for_a_running_subject_counts_the_media_that_reported_the_subject() -> None:
    flood = [art(f"fl{n}", t, b, f"1{n}:10", outlet=o) for n, (t, b, o) in enumerate(FLOOD)]
    [lead, *_] = compose(flood + FILLER, top_n=3).items
    assert lead.article_ids == ("fl0",)  # one report tells the subject ...
    media = media_count([o for _, _, o in FLOOD])
    assert media >= 5 and lead.topic_media == media  # ... which six outlets' reports make up
    assert (coverage_label(lead) or "").startswith(f"{media}家媒体报道")


def test_the_topics_other_reports_are_told_only_when_there_are_three_or_more() -> None:
    [item, *_] = compose([art("one", "两国领导人举行会谈", "两国领导人31日举行会谈。", "09:00"), *FILLER]).items
    few = dataclasses.replace(item, article_count=1, topic_count=3)
    many = dataclasses.replace(item, article_count=1, topic_count=4)
    assert "相关报道" not in (coverage_label(few) or "")  # two more: as likely another event of the topic
    assert "相关报道4篇" in (coverage_label(many) or "")


def test_a_told_report_with_no_outlet_of_its_own_is_credited_to_its_site() -> None:
    from digests.sources import roundup_credits

    flash = dataclasses.replace(
        art("nb", "北向资金净流入达80亿元", "截至午后13:50，北向资金净流入达80亿元。", "13:50"),
        url="https://finance.eastmoney.com/a/202112082207.html",
    )
    assert roundup_credits(("e公司",), [flash]) == ("e公司", "东方财富网")
    assert roundup_credits(("e公司",), [dataclasses.replace(flash, url=None)]) == ("e公司",)  # nothing to name


def test_the_credit_line_names_media_before_a_body_and_the_body_beside_the_count() -> None:
    from digests.render import credit_line

    item = compose(
        [art("w", "今年首个台风红色预警发布", "中央气象台26日将台风预警升级为红色。", "10:00"), *FILLER]
    ).items[0]
    item = dataclasses.replace(item, outlets=("中央气象台", "新京报", "中新网", "人民网"), outlet_count=3)
    names, coverage = credit_line(item)
    assert names == "新京报、中新网、人民网等"
    assert coverage == "3家媒体及中央气象台报道"


def test_a_representative_crediting_no_outlet_adds_its_site_to_the_storys_credits() -> None:
    from digests.sources import credits

    plan = "国家发改委等四部门印发实施方案。"
    wire = art("gov", "发改委等部门：到2025年数据中心基本形成绿色集约格局", plan, "10:47", outlet="发改委网站")
    flash = dataclasses.replace(
        art("em", "四部门：坚决避免数据中心盲目无序发展", plan, "10:53"),
        url="https://finance.eastmoney.com/a/202112082206768417.html",
    )
    assert credits((wire, flash), flash, feed="东财滚动新闻") == ("发改委网站", "东方财富网")
    assert credits((wire, flash), wire, feed="东财滚动新闻") == ("发改委网站",)  # its report credits its outlet


def test_beside_the_topics_reports_the_media_that_reported_the_topic_are_counted() -> None:
    [item, *_] = compose([art("one", "两国领导人举行会谈", "两国领导人31日举行会谈。", "09:00"), *FILLER]).items
    told = dataclasses.replace(item, outlet_count=1, article_count=1, topic_count=6, topic_media=5)
    assert coverage_label(told) == "5家媒体报道 · 相关报道6篇"
    few = dataclasses.replace(told, topic_count=3)  # the topic's reports not told: nor its media
    assert coverage_label(few) is None
