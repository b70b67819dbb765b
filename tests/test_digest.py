"""Digest composition: window, collapsing, ranking, key sentences, store helper."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from digests.digest import UnknownCategory, build_category_digest, compose_digest, default_window
from digests.itemtext import clip_text, key_text
from digests.records import Article, Category
from tests.test_dedup import GFEX_FLASH, GFEX_LONG, NDAA, NORTH_30, NORTH_40_FIN, NORTH_40_HK, NORTH_80, STEEL, art

SHANGHAI = ZoneInfo("Asia/Shanghai")
SINCE, UNTIL = default_window(date(2021, 12, 9), time(8, 0), SHANGHAI)


def compose(articles, **kw):
    args = {"category_slug": "emnews", "category_name": "东财滚动新闻", "since": SINCE, "until": UNTIL, "tz": SHANGHAI}
    args.update(kw)
    return compose_digest(articles, **args)


def test_default_window_is_the_24_hours_up_to_digest_time_in_utc():
    since, until = default_window(date(2022, 2, 25), time(8, 0), SHANGHAI)
    assert until == datetime(2022, 2, 25, 0, 0, tzinfo=UTC)
    assert since == datetime(2022, 2, 24, 0, 0, tzinfo=UTC)


def test_default_window_spans_24_elapsed_hours_across_dst():
    since, until = default_window(date(2024, 3, 31), time(8, 0), ZoneInfo("Europe/Berlin"))
    assert until - since == timedelta(hours=24)
    assert until == datetime(2024, 3, 31, 6, 0, tzinfo=UTC)


def test_window_is_since_inclusive_until_exclusive():
    before = art("old", "旧闻", "旧闻内容。", "07:59", day=8)
    after = art("new", "新闻", "之后的内容。", "08:01", day=9)
    opening = art("open", "开窗新闻标题", "正好在开始时间发布。", "08:00", day=8)
    closing = art("close", "截止新闻标题", "正好在截止时间发布：属于下一期。", "08:00", day=9)
    d = compose([before, after, opening, closing, STEEL])
    assert d.total_articles == 2
    assert sorted(i.article_ids[0] for i in d.items) == ["891114", "open"]


def test_an_article_stamped_midnight_opens_its_day():
    from digests.digest import day_window

    since, until = day_window(date(2021, 12, 8), SHANGHAI)
    midnight = art("mid", "零点发布的新闻", "零点整发布。", "00:00", day=8)
    late = art("late", "前一天深夜的新闻", "前一天深夜发布。", "23:59", day=7)
    d = compose([midnight, late], since=since, until=until)
    assert [i.article_ids[0] for i in d.items] == ["mid"] and d.total_articles == 1


def test_reprints_collapse_into_one_item_counting_outlets():
    reprint = art("r1", NDAA.title, NDAA.body.replace("（央视新闻）", "（新华社）"), "12:30", outlet="新华社")
    d = compose([NDAA, reprint, STEEL])
    assert d.total_articles == 3 and d.story_count == 2
    top = d.items[0]
    assert top.article_ids == ("883641", "r1")
    assert top.outlet_count == 2 and top.article_count == 2


def test_running_updates_show_the_newest_figure_once():
    d = compose([NORTH_30, NORTH_40_HK, NORTH_40_FIN, NORTH_80, STEEL])
    north = [i for i in d.items if "北向" in i.title]
    assert len(north) == 1
    assert north[0].title == "北向资金净流入达80亿"
    assert north[0].update_count == 2 and north[0].article_count == 4


def test_collapsed_flash_and_article_are_represented_by_the_longer_article():
    d = compose([GFEX_FLASH, GFEX_LONG])
    assert len(d.items) == 1 and d.items[0].article_ids == ("859047", "865340")
    assert d.items[0].title.startswith("广期所")


def test_coverage_outranks_a_single_story():
    reprint = art("r1", NDAA.title, NDAA.body.replace("（央视新闻）", "（新华社）"), "09:00", outlet="新华社")
    early = art("e", NDAA.title, NDAA.body, "08:30", outlet="央视新闻")
    d = compose([STEEL, early, reprint])
    assert d.items[0].article_ids == ("e", "r1")


def test_ranking_is_deterministic_and_input_order_independent():
    arts = [STEEL, NDAA, GFEX_FLASH, GFEX_LONG, NORTH_30, NORTH_40_HK, NORTH_40_FIN, NORTH_80]
    twins = [art(f"t{i}", f"同分测试标题第{i}号", "完全相同的正文内容用于测试排序。", "12:00") for i in range(3)]
    a = compose(arts + twins, top_n=20)
    b = compose(list(reversed(arts + twins)), top_n=20)
    assert [i.article_ids for i in a.items] == [i.article_ids for i in b.items]


REAL_TITLES = [
    "离岸人民币兑美元升至2018年以来最高水平",
    "华尔街最高！大摩上调苹果目标价至200美元 VR和自动驾驶将发力",
    "康斯特：MEMS传感器项目开发进度比预期的要顺利",
    "新希望前11个月生猪销量已超2020全年 预计全年出栏量1000万头以内",
    "发改委等部门：到2025年 数据中心和5G基本形成绿色集约的一体化运行格局",
    "锂电强势反弹 恩捷股份涨逾6% 智能电动车ETF涨超2%",
    "财政部两期国债中标结果出炉（12-08）",
    "百度获AR背景音频处理方法专利授权",
    "恒大汽车短线下挫",
    "中骏集团控股：11月实现合同销售金额约75.37亿元 同比下降26%",
    "金斯瑞生物科技(01548.HK)午后涨幅扩大至7.72%",
    "WTI原油期货日内下跌1.00% 现报71.32美元/桶",
]


def test_top_n_limits_items_and_footer_counts_window():
    arts = [art(f"a{i}", t, t + "。", f"{10 + i}:00") for i, t in enumerate(REAL_TITLES)]
    d = compose(arts, top_n=8)
    assert len(d.items) == 8 and d.total_articles == 12 and d.story_count == 12


def test_key_text_uses_stored_summary_and_drops_title_repeats():
    a = Article(id="s", title="标题", published=UNTIL, paragraphs=("正文第一句。",), summary=("摘要一。", "摘要二。"))
    assert key_text(a) == "摘要一。摘要二。"
    assert key_text(NORTH_40_HK) == ""  # body only repeats the headline


def test_key_text_falls_back_to_first_sentences_clipped_at_a_clause():
    text = key_text(STEEL, max_chars=60)
    assert len(text) <= 60 and text.endswith("…")
    assert text.startswith("在近日举办的")
    assert text[-2] not in "，、；："


def test_clip_text_keeps_whole_sentences_within_limit():
    assert clip_text(["第一句。", "第二句很长很长很长。"], 8) == "第一句。"
    assert clip_text(["一二三四五六七八九十，十一十二十三十四。"], 12) == "一二三四五六七八九十…"


def test_empty_window_gives_an_empty_digest():
    d = compose([])
    assert d.is_empty and d.total_articles == 0 and d.digest_date == date(2021, 12, 9)


def test_naive_datetimes_are_rejected_clearly():
    with pytest.raises(ValueError, match="timezone-aware"):
        compose([], since=datetime(2021, 12, 8), until=datetime(2021, 12, 9))


class FakeStore:
    def __init__(self, articles):
        self.articles = articles
        self.calls = []

    def category(self, slug):
        return Category(slug, "东财滚动新闻", len(self.articles)) if slug == "emnews" else None

    def in_window(self, category, since, until):
        self.calls.append((category, since, until))
        return [a for a in self.articles if since < a.published <= until]


def test_build_category_digest_uses_the_store_window_and_display_name():
    store = FakeStore([STEEL, NDAA, art("old", "旧闻标题", "旧闻。", day=1)])
    d = build_category_digest(store, "emnews", digest_date=date(2021, 12, 9), digest_time=time(8, 0), tz=SHANGHAI)
    # The window, then the window before it (stories already told the day before).
    assert store.calls == [("emnews", SINCE, UNTIL), ("emnews", SINCE - (UNTIL - SINCE), SINCE)]
    assert d.category_name == "东财滚动新闻" and d.total_articles == 2


def test_build_category_digest_honours_since_last_digest():
    store = FakeStore([STEEL, NDAA])
    since = datetime(2021, 12, 8, 12, 0, tzinfo=SHANGHAI)
    d = build_category_digest(
        store, "emnews", digest_date=date(2021, 12, 9), digest_time=time(8, 0), tz=SHANGHAI, since=since
    )
    assert [i.article_ids for i in d.items] == [("891114",)]


def test_build_category_digest_unknown_category_is_a_clear_error():
    with pytest.raises(UnknownCategory, match="nope"):
        build_category_digest(FakeStore([]), "nope", digest_date=date(2021, 12, 9), digest_time=time(8, 0), tz=SHANGHAI)


# --- ranking, calendar days, same-event stories (real flashes of 2021-12-08) -------------------

CNY_OFFSHORE = art(
    "672930",
    "离岸人民币兑美元升至2018年以来最高水平",
    "离岸人民币兑美元升至6.3512，为2018年以来最高水平。",
    "10:46",
    outlet="东方财富",
)
CNY_BOTH = art(
    "799679",
    "逼近6.35关口 在岸、离岸人民币对美元汇率双双刷新2018年5月以来高位",
    "12月8日，在岸、离岸人民币盘中双双走强，逼近6.35关口。截至上午10点55分，在岸、离岸人民币对美元汇率分别最高触及"
    "6.3515、6.3512，双双刷新2018年5月以来高位。",
    "11:11",
    outlet="证券时报",
)
SALES = art(
    "896686",
    "中骏集团控股：11月实现合同销售金额约75.37亿元 同比下降26%",
    "中骏集团控股12月8日午间在港交所公告，11月，集团连同其合营公司及联营公司实现合同销售金额约人民币75.37亿元，"
    "合同销售面积511,348平方米，同比分别下降26%和50%。今年前11个月，集团连同其合营公司及联营公司实现累计合同销售金额约"
    "人民币977.79亿元，累计合同销售面积6,768,389平方米，同比分别增长8%及5%。",
    "12:29",
    outlet="界面新闻",
)


def test_same_event_in_other_words_by_two_outlets_is_one_item_crediting_both():
    d = compose([CNY_OFFSHORE, CNY_BOTH, STEEL, SALES])
    assert d.story_count == 3
    top = d.items[0]
    assert set(top.article_ids) == {"672930", "799679"}
    assert top.outlet_count == 2 and set(top.outlets) == {"东方财富", "证券时报"}


def test_same_figures_hours_apart_are_not_merged():
    # Alike only through the shared figure (6.3512): within hours one story, half a day later a daily
    # template repeating the figure proves nothing.
    def follow_up(when: str) -> Article:
        return art(
            "late",
            "人民币午后走势回顾",
            "离岸人民币对美元汇率盘中最高触及6.3512，此后小幅回落，市场人士称短期仍将双向波动。",
            when,
            outlet="证券时报",
        )

    assert compose([CNY_OFFSHORE, follow_up("11:30")]).story_count == 1
    assert compose([CNY_OFFSHORE, follow_up("20:30")]).story_count == 2


def test_a_story_two_outlets_carry_outranks_every_single_outlet_story():
    # Wire-credited, market-moving, late single-outlet stories still rank below two outlets' agreement;
    # only the country's rules changing, announced by the ministry itself, leads on one report.
    ministry = "发改委等部门：到2025年 数据中心和5G基本形成绿色集约的一体化运行格局"
    singles = [
        art(f"s{i}", t, t + "。", f"{14 + i // 6}:{i:02d}", outlet="新华社")
        for i, t in enumerate(REAL_TITLES[1:])
        if t != ministry
    ]
    d = compose([CNY_OFFSHORE, CNY_BOTH, *singles])
    assert set(d.items[0].article_ids) == {"672930", "799679"}
    plan = art("plan", ministry, ministry + "。", "14:00", outlet="新华社")
    assert compose([CNY_OFFSHORE, CNY_BOTH, *singles, plan]).items[0].article_ids == ("plan",)


def test_length_earns_nothing_and_market_moving_flashes_rank_above_company_releases():
    flash = art("wti", "WTI原油期货收跌1.00% 报71.32美元/桶", "WTI原油期货收跌1.00%，报71.32美元/桶。", "12:00")
    d = compose([SALES, flash])
    assert d.items[0].article_ids == ("wti",)
    parts = dict(d.items[0].score_parts)
    assert set(parts) == {"outlets", "follow", "official", "reach", "magnitude", "template", "recency", "seen", "dated"}
    assert parts["magnitude"] == 0.75 and d.items[0].score == pytest.approx(sum(parts.values()))


def test_a_calendar_day_digest_covers_local_midnight_to_midnight():
    from digests.digest import day_window

    store = FakeStore([STEEL, NDAA, art("next", "次日新闻标题", "次日。", "00:30", day=9)])
    d = build_category_digest(store, "emnews", day=date(2021, 12, 8), tz=SHANGHAI)
    since, until = day_window(date(2021, 12, 8), SHANGHAI)
    assert store.calls == [("emnews", since, until), ("emnews", *day_window(date(2021, 12, 7), SHANGHAI))]
    assert d.is_calendar_day and d.digest_date == date(2021, 12, 8) and d.total_articles == 2


def test_one_speakers_statement_rewritten_by_two_outlets_is_one_story():
    # articles-dev: the same 提醒函 reported by 央视新闻 and 新华社 under two headlines.
    cctv = art(
        "cctv",
        "国务院教育督导办：各地要持续落实义务教育教师工资收入“不低于”政策",
        "近日，国务院教育督导委员会办公室向各省（市、区）发出提醒函，要求各地切实抓好义务教育教师平均工资收入水平不低于当地"
        "公务员平均工资收入水平（简称“不低于”）落实工作，在发放2021年年终奖励性补贴及安排2022年度财政预算时，确保“不低于”"
        "持续落实落地。",
        "10:00",
        outlet="央视新闻",
    )
    xinhua = art(
        "xinhua",
        "国务院教育督导办：将义务教育教师工资列为政府必保支出",
        "记者11日了解到，国务院教育督导委员会办公室发出提醒函，要求各地将义务教育教师工资列为政府必保支出，确保义务教育教师"
        "待遇保障长效机制和工资收入随当地公务员待遇调整的联动机制落到实处。在发放2021年年终奖励性补贴及安排2022年度财政预算"
        "时，确保“不低于”持续落实落地。",
        "11:30",
        outlet="新华社",
    )
    d = compose([cctv, xinhua, STEEL])
    assert d.story_count == 2 and d.items[0].outlet_count == 2
    # Another statement by the same speaker is another story.
    other = art(
        "other",
        "国务院教育督导办：开展2022年春季学期开学专项督导",
        "国务院教育督导委员会办公室决定开展春季学期开学专项督导。",
    )
    assert compose([cctv, other]).story_count == 2
