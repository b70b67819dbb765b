"""Credits and counts: every item names a source, and "N家媒体" counts distinct outlets only."""

from __future__ import annotations

from digests.render import coverage_label
from tests.test_dedup import art
from tests.test_digest import compose

EM = "https://finance.eastmoney.com/a/2021120822067.html"


def test_one_sites_two_copies_are_one_source_named_by_the_site_and_not_counted_as_coverage():
    a = art("a", "北交所发布融资融券交易细则", "北交所今日发布融资融券交易细则，自发布之日起施行。", url=EM)
    b = art(
        "b", "北交所发布融资融券交易细则", "北交所今日发布融资融券交易细则，自发布之日起施行。", "10:05", url=EM + "?x"
    )
    [item] = compose([a, b]).items
    assert item.outlets == ("东方财富网",) and item.outlet_count == 1
    assert coverage_label(item) is None  # one source's copies are not shown as coverage


def test_a_sites_post_beside_another_outlets_report_it_carries_is_one_outlet_not_two_media():
    credited = art("a", "发改委等部门：数据中心方案印发", "数据中心方案印发。", url=EM, outlet="发改委网站")
    own = art("b", "发改委等部门：数据中心方案印发", "数据中心方案印发。", "10:05", url=EM + "?x")
    [item] = compose([credited, own]).items
    assert item.outlet_count == 1 and coverage_label(item) is None


def test_an_item_with_no_credit_and_no_link_names_its_feed():
    [item] = compose(
        [art("a", "国家统计局：11月CPI同比上涨2.3%", "11月份全国居民消费价格同比上涨2.3%。", "09:00")]
    ).items
    assert item.outlets == ("东财滚动新闻",)


def test_running_updates_and_copies_are_counted_as_what_they_are():
    flows = [
        art("n30", "北向资金净流入达30亿", "数据显示，截至10:40，北向资金净流入达30亿元。", "10:40"),
        art("n40", "北向资金净流入超40亿", "数据显示，截至10:47，北向资金净流入超40亿元。", "10:47"),
        art("n40b", "北向资金净流入超40亿", "数据显示，截至10:47，北向资金净流入超40亿元。", "10:48"),
        art("n80", "北向资金净流入达80亿", "数据显示，截至13:50，北向资金净流入达80亿元。", "13:50"),
    ]
    [item] = compose(flows).items
    assert item.article_count == 4 and item.update_count == 2
    label = coverage_label(item) or ""
    assert label == "滚动更新2次"  # four reports of one running figure read twice again: not "2家媒体", not "4篇"


def test_two_outlets_are_two_media():
    a = art("a", "美国会众议院通过国防授权法案", "美国国会众议院以363票赞成通过国防授权法案。", outlet="新华社")
    b = art(
        "b", "美国会众议院通过国防授权法案", "美国国会众议院以363票赞成通过国防授权法案。", "10:05", outlet="央视新闻"
    )
    [item] = compose([a, b]).items
    assert coverage_label(item) == "2家媒体报道"


def test_several_outlets_updating_one_figure_are_counted_by_outlet_and_update_not_twice():
    flows = [
        art("m1", "论坛共邀请160名代表参加", "论坛共邀请160名代表参加。", "10:40", outlet="新京报"),
        art("m2", "论坛共邀请170名代表参加", "论坛共邀请170名代表参加。", "12:40", outlet="澎湃新闻"),
        art("m3", "论坛共邀请180名代表参加", "论坛共邀请180名代表参加。", "14:40", outlet="深圳新闻网"),
    ]
    [item] = compose(flows).items
    assert item.outlet_count == 3 and item.update_count == 2
    assert coverage_label(item) == "3家媒体报道 · 滚动更新2次"  # never also "3篇滚动报道"


def test_after_the_representatives_outlet_the_media_of_record_are_named_first():
    body = "最高人民法院31日发布11件依法平等保护民营企业典型案例，涉及产权保护等领域。"
    reports = [
        art("a", "最高法发布11件依法平等保护民营企业典型案例", body + "案例涵盖多个领域。", "09:00", outlet="封面新闻"),
        art("b", "最高法发布11件依法平等保护民营企业典型案例", body, "09:10", outlet="红星新闻"),
        art("c", "最高法发布11件依法平等保护民营企业典型案例", body, "09:20", outlet="新华社"),
    ]
    [item] = compose(reports).items
    assert item.outlets == ("封面新闻", "新华社", "红星新闻")


def test_one_houses_wire_and_site_are_named_and_counted_once() -> None:
    body = "国家统计局公布，7月份制造业采购经理指数为49.3%。"
    wire = art("a", "7月份中国制造业PMI为49.3%", body, outlet="中新社")
    site = art("b", "7月份中国制造业PMI为49.3%", body, "10:05", outlet="中新网")
    [item] = compose([wire, site]).items
    assert item.outlets == ("中新社",) and item.outlet_count == 1
    other = art("c", "7月份中国制造业PMI为49.3%", body, "10:10", outlet="新华社")
    [item] = compose([wire, site, other]).items
    assert item.outlet_count == 2 and set(item.outlets) == {"中新社", "新华社"}


def test_a_body_speaking_for_itself_is_credited_but_not_counted_as_a_medium() -> None:
    from digests.dedup import media_count

    assert media_count(["每经", "央视新闻", "平安江汉", "中新社", "中新网"]) == 3
    assert media_count(["中央气象台", "新京报", "北京发布"]) == 1
    assert media_count(["新京报", "福建海事", "福建海事局"]) == 1  # a maritime authority's own account


def test_an_item_is_credited_and_timed_by_the_report_its_text_comes_from() -> None:
    body = "外交部发言人就赖清德拟“过境”窜美答记者问：中方坚决反对任何形式的美台官方往来，敦促美方不得安排。"
    more = "中方将采取坚决有力措施捍卫国家主权和领土完整。"  # the longer copy represents the story
    short = art("short", "赖清德拟“过境”窜美", body + more, "22:46", outlet="央视新闻")
    full = art("full", "赖清德拟“过境”窜美，外交部：中方敦促美方不得安排", body, "21:46", outlet="环球网")
    [item] = compose([full, short]).items
    assert item.title == full.title  # its headline and text are 环球网's report's
    assert item.outlets[0] == "环球网" and item.published == full.published


def test_a_report_compiled_from_others_is_credited_to_its_compiler_not_an_outlet_it_cites() -> None:
    from datetime import UTC, datetime

    from digests.dedup import house
    from digests.textdoc import article_from_text

    text = (
        "原标题：柬埔寨首相洪森宣布将卸任据央视新闻，柬埔寨首相洪森7月26日表示，他将不再担任柬首相。"
        "据中新网报道，现年45岁的洪马内是洪森的长子。"
        "编辑|孙志成 杜波校对|卢祥勇每日经济新闻综合央视新闻、中新网、新华社每日经济新闻返回搜狐，查看更多责任编辑："
    )
    report = article_from_text("hs", text, datetime(2023, 7, 26, 11, tzinfo=UTC), category="news")
    assert report.outlet == "每日经济新闻"
    assert house("每日经济新闻") == house("每经")  # one house with the 每经编辑 credit of its other reports


def test_the_credit_line_names_three_sources_and_counts_beside_them() -> None:
    from digests.render import credit_line

    reports = [
        art(f"o{k}", "两国领导人举行会谈", "两国领导人举行会谈。", f"1{k}:00", outlet=o) for k, o in enumerate(OUTLETS)
    ]
    (item,) = compose(reports, top_n=1).items
    names, coverage = credit_line(item)
    assert names == "、".join(item.outlets[:3]) + "等"
    assert coverage == f"{len(OUTLETS)}家媒体报道"


OUTLETS = ("新华社", "人民网", "中新社", "央视新闻")


def test_reports_naming_no_outlet_beside_one_named_medium_are_counted_as_reports_not_media():
    named = art("a", "7月份中国制造业PMI为49.3%", "国家统计局31日公布，7月份制造业PMI为49.3%。", outlet="中新社")
    wire = art(
        "b", "7月份制造业PMI为49.3%", "国家统计局31日公布，7月份制造业PMI为49.3%，比上月上升0.3个百分点。", "10:05"
    )
    [item] = compose([named, wire]).items
    assert item.outlet_count == 1 and coverage_label(item) == "2篇报道"
