"""An editor's reading rules, each on real sentences from tests/fixtures (posts of 2021-12-08, the seed post)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests.itemtext import clip_text
from digests.post_body import parse_body
from digests.posts import parse_post, read_post
from digests.reading import clean_cut, is_dangling, leans_on_previous, list_marker, needs_of, tidy_spaces
from digests.sentences import split_sentences
from digests.summarizer import summarize
from digests.violations import violations
from tests.helpers import POSTS, SEED, make_post

SHANGHAI = ZoneInfo("Asia/Shanghai")


def post(name: str):
    return read_post(POSTS / f"2021-12-08-{name}.md", SHANGHAI).article


APPLE = "202112082207127271"  # 主要原因有三个：1）…；2）…；3）…
GFEX = "202112082206865340"  # 涉及4大板块：第一类…；第二类…；第三类…；第四类…  (and "16个品种， 涉及")
NDAA = "202112082206883641"  # …该法案将于本周晚些时候在参议院进行投票表决。
STEEL = "202112082206891114"  # …她指出，市场行情剧烈波动不利于企业发展。
HEDUAN = "202112082207020620"  # (简称“诺德新材”) … 合锻智能与诺德新材此次的合作…
ZHONGLI = "202112082207056940"  # …此外，各新建光伏生产基地…
SALES = "202112082206896686"  # 合同销售面积511,348平方米


def sentences_of(article) -> list[str]:
    return [s.text for s in split_sentences(list(article.paragraphs)) if s.is_content]


def all_summaries(article):
    for k in (1, 2, 3, 4, 5):
        for budget in (None, 60, 120):
            yield summarize(list(article.paragraphs), article.title, sentences=k, max_chars=budget)


@pytest.mark.parametrize("name", [APPLE, GFEX, NDAA, STEEL, HEDUAN, ZHONGLI, SALES])
def test_no_summary_of_a_fixture_post_breaks_a_reading_rule(name):
    article = post(name)
    source = sentences_of(article)
    for summary in all_summaries(article):
        assert sum(violations(summary, source).values()) == 0, summary


def test_a_sentence_opening_with_a_reference_is_shown_only_after_the_one_it_leans_on():
    ndaa = post(NDAA)
    texts = sentences_of(ndaa)
    law = next(i for i, t in enumerate(texts) if t.startswith("该法案"))
    assert is_dangling(texts[law]) and needs_of(texts)[law] == {law - 1}
    for summary in all_summaries(ndaa):
        joined = "".join(summary)
        if "该法案将于本周晚些时候" in joined:
            assert "最终版本授权的约7682亿美元" in joined  # the sentence before it is shown too


def test_a_pronoun_opener_never_stands_alone():
    steel = post(STEEL)
    assert is_dangling("她指出，市场行情剧烈波动不利于企业发展。")
    assert summarize(list(steel.paragraphs), steel.title, sentences=1)[0].startswith("她") is False


def test_an_additive_opener_is_deleted_as_an_editor_would_and_a_reference_still_leans_back():
    zhongli = post(ZHONGLI)
    texts = sentences_of(zhongli)
    extra = next(i for i, t in enumerate(texts) if t.startswith("此外，"))
    assert is_dangling(texts[extra]) and not leans_on_previous(texts[extra])
    for summary in all_summaries(zhongli):
        assert not any(s.startswith("此外") for s in summary[:1])  # never opens a summary
    # 此外，该法案… still needs the sentence that names the bill.
    assert leans_on_previous("此外，该法案将于本周晚些时候在参议院进行投票表决。")
    assert leans_on_previous("她指出，市场行情剧烈波动不利于企业发展。")


def test_a_short_document_name_needs_its_full_form():
    seed = parse_post(SEED.read_text(encoding="utf-8"), tz=SHANGHAI).article
    texts = sentences_of(seed)
    short = next(i for i, t in enumerate(texts) if t.startswith("《方案》"))
    assert needs_of(texts)[short] == {short - 1}  # 天津市商务局研究制定实施方案，…
    assert needs_of(["《方案》聚焦京津冀协同发展，扩大内外联动的市场门户。"]) == [{-1}]  # never introduced
    for k in (1, 2, 3, 4, 5):
        joined = "".join(summarize(list(seed.paragraphs), seed.title, sentences=k))
        if "《方案》" in joined:
            assert "研究制定实施方案" in joined


def test_an_abbreviation_is_shown_with_its_definition_and_the_gloss_only_when_used():
    heduan = post(HEDUAN)
    texts = sentences_of(heduan)
    uses = next(i for i, t in enumerate(texts) if t.startswith("合锻智能与诺德新材"))
    assert 0 in needs_of(texts)[uses]
    full = "".join(summarize(list(heduan.paragraphs), heduan.title, sentences=3))
    assert "(简称“诺德新材”)" in full and "合锻智能与诺德新材此次的合作" in full
    alone = summarize(list(heduan.paragraphs), heduan.title, sentences=1)
    assert "简称" not in alone[0]


def test_a_marked_list_is_shown_whole_with_its_semicolons():
    apple = post(APPLE)
    summary = summarize(list(apple.paragraphs), apple.title, sentences=3)
    assert summary[1] == (
        "市场分析认为，苹果此次大涨主要原因有三个：1）苹果出货量目标提高30%；2）公司将于2022年推出AR/VR头显取代iPhone；"
        "3）苹果相关的交易期权爆炸式增长。"
    )
    assert list_marker("3）苹果相关的交易期权爆炸式增长。") == 3 and list_marker("第二类是大宗商品指数类") == 2


def test_a_list_too_long_for_the_budget_is_cut_before_its_first_item():
    gfex = post(GFEX)
    assert summarize(list(gfex.paragraphs), gfex.title, sentences=1, max_chars=120) == [
        "根据证监会批复的广州期货交易所两年品种上市计划，未来两年，广州期货交易所计划研发16个品种，涉及4大板块。"
    ]


def test_stray_spaces_go_but_latin_words_keep_theirs():
    gfex = post(GFEX)
    assert "16个品种，涉及" in "".join(summarize(list(gfex.paragraphs), gfex.title, sentences=1))
    assert tidy_spaces("Faraday Future ，在") == "Faraday Future，在"
    assert tidy_spaces("摩根士丹利分析师Katy Huberty维持") == "摩根士丹利分析师Katy Huberty维持"


def test_cuts_never_fall_inside_a_number():
    sales = sentences_of(post(SALES))[0]  # …合同销售面积511,348平方米，同比分别下降26%和50%。
    cut = sales.index("511,") + 4
    assert not clean_cut(sales, cut + 1).endswith("511…")
    wti = "WTI原油期货日内下跌1.00%，现报71.32美元/桶。"
    for n in range(8, len(wti)):
        out = clean_cut(wti, n)
        assert len(out) <= n and not out[:-1].endswith(("71", "71.", "71.3", "1.0", "1.00"))
    assert clip_text(["WTI原油期货日内下跌1.00%，现报71.32美元/桶。"], 20) == "WTI原油期货日内下跌1.00%…"


def test_list_intro_is_what_a_digest_shows_when_a_list_does_not_fit():
    gfex = sentences_of(post(GFEX))[0]
    assert (
        clip_text([gfex], 64)
        == "根据证监会批复的广州期货交易所两年品种上市计划，未来两年，广州期货交易所计划研发16个品种，涉及4大板块。"
    )


def test_the_posts_own_lead_comes_first_and_is_not_repeated():
    body = (
        "> 霍尼韦尔为蔚来ET7供应电子驻车系统。\n\n"
        + Path(POSTS / f"2021-12-08-{HEDUAN}.md").read_text(encoding="utf-8").split("---", 2)[2]
    )
    parsed = parse_body(body)
    assert parsed.lead == "霍尼韦尔为蔚来ET7供应电子驻车系统。"
    summary = summarize(list(parsed.paragraphs), sentences=2, lead=parsed.lead)
    assert summary[0] == "霍尼韦尔为蔚来ET7供应电子驻车系统。" and len(summary) == 2


def test_notes_in_brackets_are_not_outlet_credits():
    for note in ("附名单", "图", "附表", "组图", "视频"):
        text = make_post(body=f"国家知识产权局通报4批次81.5万件非正常专利申请。（{note}）")
        assert parse_post(text, tz=SHANGHAI).article.outlet is None, note
    credited = make_post(body="美国会众议院投票通过2022财年国防授权法案。（央视新闻）")
    assert parse_post(credited, tz=SHANGHAI).article.outlet == "央视新闻"


def test_violations_are_counted_for_a_lead_that_breaks_a_list():
    apple = post(APPLE)
    source = sentences_of(apple)
    broken = ["市场分析认为，苹果此次大涨主要原因有三个：1）苹果出货量目标提高30%。", "苹果相关的交易期权爆炸式增长。"]
    assert violations(broken, source)["enumeration"] >= 1
    assert violations(["研发16个品种， 涉及4大板块。"], source)["stray_space"] == 1
    assert violations(["该法案将于本周晚些时候在参议院进行投票表决。"], sentences_of(post(NDAA)))["dangling"] == 1


def test_a_number_keeps_its_unit_without_a_space():
    data_centres = post("202112082206756112")  # …国家枢纽节点进一步降到1.25 以下…
    joined = "".join(summarize(list(data_centres.paragraphs), data_centres.title, sentences=2))
    assert "1.25以下" in joined and "1.25 以下" not in joined
    assert tidy_spaces("逼近6.35关口 在岸、离岸人民币") == "逼近6.35关口 在岸、离岸人民币"
    # In a headline a space after a figure separates two phrases: it stays.
    headline = "WTI原油期货日内下跌1.00% 现报71.32美元/桶"
    assert tidy_spaces(headline, headline=True) == headline


def test_a_cut_never_splits_a_quoted_term_and_closes_a_quotation():
    # articles-dev (央视新闻): cutting at the 、 inside “碳达峰、碳中和” would split the term.
    text = (
        "从海南省核电获悉，2022年1月4日凌晨，海南核电一期工程双机组商运累计发电量超500亿千瓦时，等效减排二氧化碳4000万吨，"
        "减少标准煤消耗1500余万吨，对优化中国能源结构、推动绿色低碳发展，助力海南实现“碳达峰、碳中和”目标具有重要意义。"
    )
    assert clean_cut(text, 120).endswith("推动绿色低碳发展…")
    quote = "蔚来CEO李斌表示：“汽车行业不是一个赢者通吃的行业，其实汽车行业的竞争相较于互联网公司，没有那么撞到一起。”"
    assert clean_cut(quote, 40) == "蔚来CEO李斌表示：“汽车行业不是一个赢者通吃的行业…”"


def test_a_headlines_two_decks_keep_their_separator_and_stray_spaces_go() -> None:
    from digests.reading import tidy_spaces

    assert (
        tidy_spaces("今年首个台风红色预警发布 “杜苏芮”影响几何？", headline=True)
        == "今年首个台风红色预警发布 “杜苏芮”影响几何？"
    )
    assert tidy_spaces("惠誉回应： 下调评级 “理由充足” ", headline=True) == "惠誉回应：下调评级 “理由充足”"
    assert tidy_spaces("据“ 平安江汉 ”消息", headline=True) == "据“平安江汉”消息"


def test_a_latin_comma_between_chinese_words_is_the_chinese_one() -> None:
    assert tidy_spaces("大疆作为一家全球化企业,在出口管制领域") == "大疆作为一家全球化企业，在出口管制领域"
    assert tidy_spaces("合同销售面积511,348平方米") == "合同销售面积511,348平方米"
    assert tidy_spaces("Apple, Inc.发布") == "Apple, Inc.发布"
