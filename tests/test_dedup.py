"""Near-duplicate detection on real flash texts (the bundled sample posts) and reprints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from digests.dedup import normalize, outlet_key, pair_score, title_numbers
from digests.grouping import find_stories
from digests.records import Article

CST = timezone(timedelta(hours=8))


def art(aid, title, body, hhmm="10:00", *, url=None, outlet=None, day=8):
    h, m = map(int, hhmm.split(":"))
    published = datetime(2021, 12, day, h, m, tzinfo=CST).astimezone(UTC)
    paragraphs = tuple(p for p in body.split("\n") if p)
    return Article(id=aid, title=title, published=published, paragraphs=paragraphs, url=url, outlet=outlet)


NORTH_30 = art(
    "742097",
    "北向资金净流入达30亿元",
    "北向资金净流入达30亿元。",
    "10:40",
    url="http://hk.eastmoney.com/news/1533,202112082206742097.html",
)
NORTH_40_HK = art(
    "757673",
    "北向资金净流入超40亿元",
    "北向资金净流入超40亿元。",
    "10:47",
    url="http://hk.eastmoney.com/news/1533,202112082206757673.html",
)
NORTH_40_FIN = art(
    "761079",
    "北向资金净流入超40亿",
    "数据显示，截至目前，北向资金净流入超40亿元。",
    "10:48",
    url="http://finance.eastmoney.com/news/1353,202112082206761079.html",
)
NORTH_80 = art("020388", "北向资金净流入达80亿", "数据显示，截至目前，北向资金净流入达80亿元。", "13:50")
GFEX_FLASH = art(
    "859047",
    "广州期货交易所未来两年计划研发16个品种 涉及4大板块",
    "广州期货交易所未来两年计划研发16个品种，涉及4大板块。",
    "11:33",
)
GFEX_LONG = art(
    "865340",
    "广期所未来两年计划研发16个品种 碳排放权期货等绿色发展类产品是核心战略板块",
    "根据证监会批复的广州期货交易所两年品种上市计划，未来两年，广州期货交易所计划研发16个品种， 涉及4大板块："
    "第一类是服务绿色发展相关品种，如碳排放权期货、电力期货、工业硅等；第二类是大宗商品指数类，如商品综合指数期货；"
    "第三类是国际市场互挂类，通过实现与境外交易所的产品互挂，推动资本市场更高水平的对外开放；第四类是具有粤港澳大湾区、"
    "“一带一路”沿线国家特色的大宗商品板块，如咖啡期货。其中，碳排放权期货等绿色发展类产品是核心战略板块。",
    "11:36",
)
NDAA = art(
    "883641",
    "美国会众议院投票通过2022财年国防授权法案",
    "当地时间12月7日，美国国会众议院以363票赞成、70票反对的结果通过了总额约7682亿美元的2022财年国防授权法案(NDAA)。"
    "据介绍，2022财年国防授权法案最终版本授权的约7682亿美元，包括用于国防部开支的7400亿美元、用于能源部国家安全计划开支的"
    "278亿美元以及用于国防相关活动开支的3.78亿美元。该法案将于本周晚些时候在参议院进行投票表决。（央视新闻）",
    "11:50",
    outlet="央视新闻",
)
STEEL = art(
    "891114",
    "专家称明年钢材市场需求趋稳趋弱 须力促供需平衡",
    "在近日举办的“2021(第十届)中国钢铁技术经济高端论坛”上，中国钢铁工业协会副会长兼秘书长屈秀丽指出，今后随着政策逐渐回归常态，"
    "综合考虑国内外宏观经济以及钢铁行业下游的制造业各项指标，明年钢铁行业的需求相对趋稳趋弱，粗钢产量缺乏大幅增长的基础，"
    "钢材价格也很难再现明显增长。（中新网）",
    "12:21",
    outlet="中新网",
)


def titles_of(stories):
    return sorted(sorted(a.id for a in s.articles) for s in stories)


def test_normalize_folds_width_punctuation_and_spaces():
    assert normalize("ＡＢＣ　１２３，北向！ ") == "abc123北向"


def test_title_numbers_are_canonical():
    assert title_numbers("下跌1.00% 现报71.32美元/桶") == {"1", "71.32"}
    assert title_numbers("上证指数站上3,600点") == {"3600"}


def test_two_outlets_same_flash_are_duplicates():
    assert pair_score(NORTH_40_HK, NORTH_40_FIN).relation == "duplicate"


def test_short_flash_and_longer_article_with_near_identical_title_are_one_story():
    assert pair_score(GFEX_FLASH, GFEX_LONG).relation == "duplicate"


def test_running_figure_is_an_update_not_a_duplicate():
    assert pair_score(NORTH_30, NORTH_40_HK).relation == "update"
    assert pair_score(NORTH_30, NORTH_80).relation == "update"


def test_one_character_different_flash_stays_apart():
    south = art("x1", "南向资金净流入达30亿元", "南向资金净流入达30亿元。", "10:41")
    assert pair_score(NORTH_30, south).relation is None


def test_templated_reports_about_different_companies_stay_apart():
    a = art(
        "a",
        "片仔癀今日跌停 3家机构净卖出5.04亿元",
        "片仔癀今日跌停，成交额38.18亿元，换手率1.42%，盘后龙虎榜数据显示，3家机构专用席位净卖出5.04亿元。",
    )
    b = art(
        "b",
        "上海电力今日跌停，3家机构专用席位净卖出3.20亿元",
        "上海电力今日跌停，成交额11.43亿元，换手率3.23%，盘后龙虎榜数据显示，3家机构专用席位净卖出3.20亿元。",
    )
    assert pair_score(a, b).relation is None


def test_reprint_with_other_credit_light_edit_and_extra_paragraph_is_a_duplicate():
    reprint = art(
        "r1",
        "美众议院通过2022财年国防授权法案",
        NDAA.body.replace("（央视新闻）", "（新华社）").replace("据介绍，", "")
        + "\n分析人士指出，该法案在参议院获得通过的可能性较大。",
        "13:05",
        outlet="新华社",
    )
    assert pair_score(NDAA, reprint).relation == "duplicate"


def test_different_stories_are_not_related():
    assert pair_score(NDAA, STEEL).relation is None
    assert pair_score(GFEX_LONG, STEEL).relation is None


def test_find_stories_groups_reprints_and_keeps_other_stories_apart():
    reprint = art("r1", NDAA.title, NDAA.body.replace("（央视新闻）", "（新华社）"), "12:30", outlet="新华社")
    stories = find_stories([STEEL, NDAA, reprint, GFEX_FLASH, GFEX_LONG])
    assert titles_of(stories) == [["859047", "865340"], ["883641", "r1"], ["891114"]]
    ndaa = next(s for s in stories if s.articles[0].id == "883641")
    assert set(ndaa.outlets) == {"央视新闻", "新华社"}


def test_running_updates_form_versions_newest_last():
    stories = find_stories([NORTH_80, NORTH_40_FIN, NORTH_30, NORTH_40_HK])
    assert len(stories) == 1
    versions = [[a.id for a in v] for v in stories[0].versions]
    assert versions == [["742097"], ["757673", "761079"], ["020388"]]
    assert [a.id for a in stories[0].latest_version] == ["020388"]


def test_find_stories_is_order_independent():
    arts = [STEEL, NDAA, GFEX_FLASH, GFEX_LONG, NORTH_30, NORTH_40_HK, NORTH_40_FIN]
    assert titles_of(find_stories(arts)) == titles_of(find_stories(list(reversed(arts))))


def test_outlet_key_prefers_credit_then_registrable_domain():
    assert outlet_key(NDAA) == "央视新闻"
    assert outlet_key(NORTH_40_HK) == outlet_key(NORTH_40_FIN) == "eastmoney.com"
    assert outlet_key(art("z", "t", "b", url="https://news.sina.com.cn/x")) == "sina.com.cn"
    assert outlet_key(art("z", "t", "b")) is None  # no outlet known: not an outlet of its own


def test_same_template_days_apart_is_not_related():
    a = art(
        "d1",
        "30日国内金银商品收跌",
        "新华社上海3月30日专电 30日，国内黄金、白银的期货及现货商品收跌。数据显示，上海期货交易所黄金期货主力合约收跌。",
        day=1,
    )
    b = art(
        "d2",
        "30日国内金银商品收跌",
        "新华社上海6月30日专电 30日，国内黄金、白银的期货及现货商品收跌。数据显示，上海期货交易所黄金期货主力合约收跌。",
        day=8,
    )
    assert find_stories([a, b]).__len__() == 2
