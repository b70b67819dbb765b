"""Sentence splitting and non-content detection on real news text."""

from __future__ import annotations

import dataclasses
import re

import pytest

from digests.sentences import Sentence, split_sentences, strip_credit
from tests.helpers import POSTS, SEED


def post_body(name: str) -> list[str]:
    """Body paragraphs of a fixture post: front matter and link lines dropped."""
    text = (POSTS / name).read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    return [
        line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith(("<", "[", "---"))
    ]


def seed_paragraphs() -> list[str]:
    html = SEED.read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)]


def texts(paragraphs) -> list[str]:
    return [s.text for s in split_sentences(paragraphs)]


def content(paragraphs) -> list[str]:
    return [s.text for s in split_sentences(paragraphs) if s.is_content]


def test_decimals_and_times_are_not_split():
    paras = post_body("2021-12-08-202112082206799679.md")
    assert texts(paras) == [
        "12月8日，在岸、离岸人民币盘中双双走强，逼近6.35关口。",
        "截至上午10点55分，在岸、离岸人民币对美元汇率分别最高触及6.3515、6.3512，双双刷新2018年5月以来高位。",
    ]
    assert texts(["离岸人民币兑美元升至6.3512，为2018年以来最高水平。"]) == [
        "离岸人民币兑美元升至6.3512，为2018年以来最高水平。"
    ]
    assert texts(["截至10:55，沪指报3600.12点。两市成交额超过1.2万亿元。"]) == [
        "截至10:55，沪指报3600.12点。",
        "两市成交额超过1.2万亿元。",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = "“甜橙是柚子和橘子的女儿。”曼努埃尔·塔隆说，这个杂交过程发生在很久以前。"
    assert texts([text]) == ["“甜橙是柚子和橘子的女儿。”", "曼努埃尔·塔隆说，这个杂交过程发生在很久以前。"]
    text = "他们对停火协议未能被完全遵守表示“严重关切”。四国外长呼吁有关各方遵守停火协议。"
    assert texts([text]) == ["他们对停火协议未能被完全遵守表示“严重关切”。", "四国外长呼吁有关各方遵守停火协议。"]


def test_quote_spanning_several_sentences_is_not_cut_open():
    text = (
        "乌斯曼一边说一边演示，“现在方便多了，更有效率。中国技术提高了铁路的通行效率。”随着合作加深，更多企业来到这里。"
    )
    result = texts([text])
    assert result[0] == "乌斯曼一边说一边演示，“现在方便多了，更有效率。中国技术提高了铁路的通行效率。”"
    assert result[1] == "随着合作加深，更多企业来到这里。"


def test_ellipsis_and_repeated_marks_end_sentences():
    paras = seed_paragraphs()
    first = split_sentences(paras)[1]
    assert first.text.endswith("推动天津自贸试验区创新升级……")
    assert texts(["这一消息震惊了所有人！！市场随即大幅波动。"]) == ["这一消息震惊了所有人！！", "市场随即大幅波动。"]
    assert texts(["他的回答是不知道……随后离开了会场。"]) == ["他的回答是不知道……", "随后离开了会场。"]
    assert texts(["市场情绪仍然低迷...投资者持续观望中。"]) == ["市场情绪仍然低迷...", "投资者持续观望中。"]
    assert texts(["真的要涨了吗?!分析人士认为仍需观望。"]) == ["真的要涨了吗?!", "分析人士认为仍需观望。"]


def test_semicolons_split_and_half_width_marks_work():
    text = "第一类是服务绿色发展相关品种；第二类是大宗商品指数类;第三类是国际市场互挂类。"
    assert texts([text]) == ["第一类是服务绿色发展相关品种；", "第二类是大宗商品指数类;", "第三类是国际市场互挂类。"]


def test_urls_and_abbreviations_are_not_split():
    text = "详情请见http://finance.eastmoney.com/news/1354,202112082206736549.html。美国U.S. Steel公司股价上涨。"
    assert texts([text]) == [
        "详情请见http://finance.eastmoney.com/news/1354,202112082206736549.html。",
        "美国U.S. Steel公司股价上涨。",
    ]
    assert texts(["该选手排名No.1，表现稳定。"]) == ["该选手排名No.1，表现稳定。"]


def test_short_fragments_are_merged():
    result = texts(["他点头说好。对！这项合作将在明年正式启动。"])
    assert result == ["他点头说好。对！", "这项合作将在明年正式启动。"]
    assert all(len(s) >= 6 for s in result)


def test_paragraph_breaks_are_boundaries():
    sents = split_sentences(["第一段没有句号结尾的内容", "第二段的内容在这里。"])
    assert [s.text for s in sents] == ["第一段没有句号结尾的内容", "第二段的内容在这里。"]
    assert [s.paragraph for s in sents] == [0, 1]
    assert [s.position for s in sents] == [0, 1]


def test_plain_text_is_split_on_line_breaks():
    sents = split_sentences("第一段的内容在这里。\n\n第二段的内容在这里。")
    assert [s.paragraph for s in sents] == [0, 1]


def test_seed_credits_are_not_content():
    sents = split_sentences(seed_paragraphs())
    non_content = [s.text for s in sents if not s.is_content]
    assert "(津云新闻记者赵颖妍)" in non_content
    assert "（文章来源：北方网）" in non_content
    # the kicker line without punctuation is a heading
    assert "京津冀协同发展八周年" in non_content
    assert all("记者" not in s.text and "文章来源" not in s.text for s in sents if s.is_content)
    # the leading "天津北方网讯：" dateline is removed from the text
    assert not any(s.text.startswith("天津北方网讯") for s in sents if s.is_content)


def test_trailing_outlet_credit_is_split_off_or_stripped():
    paras = post_body("2021-12-08-202112082206883641.md")
    sents = split_sentences(paras)
    assert sents[-1].text == "（央视新闻）" and not sents[-1].is_content
    assert content(paras)[-1] == "该法案将于本周晚些时候在参议院进行投票表决。"
    paras = post_body("2021-12-08-202112082206870651.md")
    assert all("Choice" not in t for t in content(paras))
    [s] = split_sentences(["全国数据中心整体利用率明显提升，东西部算力供需更为均衡（发改委网站）"])
    assert s.is_content and s.text == "全国数据中心整体利用率明显提升，东西部算力供需更为均衡"


def test_dateline_is_stripped_from_text():
    [s] = split_sentences(
        ["新华社柏林1月22日电（记者商婧）德国、法国、俄罗斯和乌克兰四国外交部长21日晚在柏林举行会晤。"]
    )
    assert s.is_content
    assert s.text == "德国、法国、俄罗斯和乌克兰四国外交部长21日晚在柏林举行会晤。"
    assert s.raw.startswith("新华社柏林1月22日电")


def test_captions_and_boilerplate_are_not_content():
    lines = [
        "图为国家会展中心项目一期展馆。",
        "（图片来源：视觉中国）",
        "资料图",
        "点击查看更多精彩内容",
        "点击进入专题：京津冀协同发展",
        "责任编辑：王晓",
        "原标题：天津全力推进京津冀协同发展",
        "天津市商务局研究制定实施方案，建设区域商贸中心城市。",
    ]
    sents = split_sentences(lines)
    assert [s.is_content for s in sents] == [False] * 7 + [True]


def test_sentence_records_are_frozen_dataclasses():
    [s] = split_sentences(["北向资金净流入达30亿元。"])
    assert isinstance(s, Sentence)
    assert (s.text, s.paragraph, s.position, s.is_content) == ("北向资金净流入达30亿元。", 0, 0, True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.text = "改写"  # type: ignore[misc]


def test_every_fixture_post_has_content():
    for path in sorted(POSTS.glob("2021-*.md")):
        assert any(s.is_content for s in split_sentences(post_body(path.name))), path.name


def test_blank_input_gives_no_sentences():
    assert split_sentences([]) == []
    assert split_sentences(["", "   "]) == []
    assert split_sentences("") == []


# --- hostile paragraphs: every one of these took minutes when splitting was quadratic ---------------

LONG = 360 * 1024 // 3  # characters in a 360 KB UTF-8 paragraph of Chinese text


def test_a_360_kb_paragraph_without_punctuation_is_one_sentence():
    run = ("中国人民银行今天宣布降低存款准备金率" * LONG)[:LONG]
    [s] = split_sentences([run])
    assert s.text == run and s.is_content


def test_an_unclosed_bracket_merges_the_rest_of_the_paragraph_into_one_sentence():
    paragraph = "（" + "今天天气很好，我们出去玩。" * (LONG // 13)
    [s] = split_sentences([paragraph])
    assert s.raw == paragraph
    # closed again, the following sentences stand alone
    sents = split_sentences(["（今天天气很好。我们出去玩）。明天继续下雨，大家记得带伞。"])
    assert [x.text for x in sents] == ["（今天天气很好。我们出去玩）。", "明天继续下雨，大家记得带伞。"]


def test_thousands_of_short_fragments_merge_into_one_sentence():
    paragraph = "好。" * (LONG // 2)
    [s] = split_sentences([paragraph])
    assert s.raw == paragraph


@pytest.mark.parametrize(
    "run",
    ["1" * 100_000, "ab." * 30_000, "1a" * 50_000, "x@" * 50_000, "www.a" * 20_000],
    ids=["digits", "dotted-words", "letters-and-digits", "at-signs", "url-prefixes"],
)
def test_long_latin_and_digit_runs_are_protected_in_linear_time(run):
    sents = split_sentences(["开头一句话很完整。" + run + "。结尾还有一句话。"])
    assert sents[0].text == "开头一句话很完整。" and sents[-1].text.endswith("结尾还有一句话。")


def test_an_email_address_with_chinese_before_the_at_sign_is_not_split():
    assert texts(["请发邮件至新闻.中心@xinhua.org。谢谢大家的支持和关注。"]) == [
        "请发邮件至新闻.中心@xinhua.org。",
        "谢谢大家的支持和关注。",
    ]


def test_a_run_of_trailing_credits_is_stripped_and_a_long_non_credit_run_is_kept():
    assert strip_credit("沪指收涨1%，两市成交额超万亿元（记者 张三）（通讯员李四） （完）") == (
        "沪指收涨1%，两市成交额超万亿元"
    )
    not_credits = "正文" + "（记者张三）" * 30_000 + "（这不是一个署名而是一句很长的正文内容）"
    assert strip_credit(not_credits) == not_credits


def test_headline_above_a_byline_is_content_and_the_byline_is_not():
    sents = split_sentences(
        ["美一老板提最低年薪至7万美元", "卜晓明", "美国西雅图一家企业的老板本周宣布，大幅降低自己的年薪。"]
    )
    assert [(s.text, s.kind, s.is_content) for s in sents[:2]] == [
        ("美一老板提最低年薪至7万美元", "headline", True),
        ("卜晓明", "heading", False),
    ]
    # without a byline under it, a short unpunctuated first line is a kicker
    [kicker, _] = split_sentences(
        ["美一老板提最低年薪至7万美元", "美国西雅图一家企业的老板本周宣布，大幅降低自己的年薪。"]
    )
    assert kicker.kind == "heading" and not kicker.is_content


def test_a_body_paragraph_above_a_name_line_is_not_a_headline():
    sents = split_sentences(
        ["美国西雅图一家企业的老板本周宣布，大幅降低自己的年薪。", "卜晓明", "每名员工年薪将上浮。"]
    )
    assert sents[0].kind == "content"
