"""Parsing real posts: every field, every body and footer variant, and every kind of bad input."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests.posts import PostError, decode_post, parse_post, read_post
from tests.helpers import POSTS, SEED, make_post

TZ = ZoneInfo("Asia/Shanghai")
ALL_POSTS = [*sorted(POSTS.glob("*.md")), SEED]


def parse_file(path: Path):
    return read_post(path, TZ).article


def test_seed_post_fields_are_parsed_exactly():
    a = parse_file(SEED)
    assert a.title == "【京津冀】主动服务和承接北京非首都功能疏解 天津全力推进京津冀协同发展"
    assert a.topics == ("京津冀",)
    assert a.published == datetime(2022, 2, 25, 8, 37, 1, tzinfo=UTC)
    assert a.categories == ("beifangwang",)
    assert a.tags == ("北方网新闻",)
    assert a.url == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202202252289610354"
    assert a.outlet == "北方网"
    assert a.lead is None
    assert len(a.paragraphs) == 10
    assert a.paragraphs[0] == "京津冀协同发展八周年"
    assert a.paragraphs[1].startswith("天津北方网讯：大力发展会展经济")
    assert a.paragraphs[-1].endswith("配合北京做好世行营商环境跨境贸易评估工作。(津云新闻记者赵颖妍)")
    assert "国家会展(天津)中心" in a.paragraphs[2]


def test_flash_post_without_offset_uses_configured_timezone():
    a = parse_file(POSTS / "2021-12-08-202112082206672930.md")
    assert a.title == "离岸人民币兑美元升至2018年以来最高水平"
    assert a.published == datetime(2021, 12, 8, 2, 46, 18, tzinfo=UTC)
    assert a.paragraphs == ("离岸人民币兑美元升至6.3512，为2018年以来最高水平。",)
    assert a.url == "http://finance.eastmoney.com/news/11060,202112082206672930.html"
    assert a.categories == ("emnews",) and a.tags == ("东财滚动新闻",)
    assert a.outlet is None


def test_post_with_offset_is_stored_in_utc():
    a = parse_file(POSTS / "2021-12-08-202112082206704122.md")
    assert a.published == datetime(2021, 12, 8, 2, 19, 17, tzinfo=UTC)


def test_empty_angle_url_means_no_url_and_trailing_credit_is_the_outlet():
    a = parse_file(POSTS / "2021-12-08-202112082206870651.md")
    assert a.url is None
    assert a.outlet == "东方财富Choice数据"
    assert a.paragraphs == (
        "2021年12月8日讯，财政部2年期续发国债中标利率为2.4576%，边际利率为2.4823%，全场倍数为3.7，边际倍数为2.2。",
    )


def test_trailing_outlet_credit_is_recorded_and_removed_from_text():
    a = parse_file(POSTS / "2021-12-08-202112082206883641.md")
    assert a.outlet == "央视新闻"
    assert a.paragraphs[-1].endswith("该法案将于本周晚些时候在参议院进行投票表决。")


def test_leading_blank_line_before_front_matter_is_tolerated():
    path = POSTS / "2021-12-08-202112082206799679.md"
    assert path.read_text(encoding="utf-8").startswith("\n")
    a = parse_file(path)
    assert a.title.startswith("逼近6.35关口")
    assert a.url == "http://forex.eastmoney.com/news/11142,202112082206799679.html"


@pytest.mark.parametrize("path", ALL_POSTS, ids=lambda p: p.name)
def test_no_markup_footer_or_url_left_in_any_real_post(path):
    a = parse_file(path)
    assert a.title and a.paragraphs and a.categories and a.tags
    text = "\n".join(a.paragraphs)
    assert "返回" not in text and "](" not in text
    assert not re.search(r"<[a-zA-Z/!]", text), text
    assert "http" not in text and "&nbsp;" not in text and "&amp;" not in text
    assert "文章来源" not in text
    assert all(p == p.strip() and p for p in a.paragraphs)


@pytest.mark.parametrize(
    "footer",
    [
        "[返回东财滚动新闻](../emnews/)\n[返回首页](../)",
        "[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)",
        "[返回北方网新闻](//finews.withounder.com/category/beifangwang.html)｜[返回首页](//finews.withounder.com/)",
        "[返回东财滚动新闻](./emnews/) | [返回首页](./)",
    ],
)
def test_back_link_footer_variants_are_dropped(footer):
    text = '---\ntitle: "标题"\ndate: 2022-01-01 08:00:00\n---\n\n正文。\n\n<http://x.cn/1>\n\n' + footer
    a = parse_post(text, tz=TZ).article
    assert a.paragraphs == ("正文。",)


def test_html_body_entities_comments_images_and_quote_spans_are_cleaned():
    body = (
        "<!-- editor note --><p>新希望<span id=\"stock_0.000876\"><a href='x'>(000876)</a></span>"
        '<span id="quote_000876">12.3 +1%</span>披露&ldquo;简报&rdquo; &amp; 数据&nbsp;。</p>'
        '<p><img src="a.png" alt="图"></p><p class="em_media">（文章来源：北方网）</p>'
    )
    a = parse_post(make_post(body=body), tz=TZ).article
    assert a.paragraphs == ("新希望(000876)披露“简报” & 数据 。",)
    assert a.outlet == "北方网"


def test_blockquote_lead_is_extracted():
    body = "> 编者按：这是导语。\n\n第一段正文。\n\n第二段正文。"
    a = parse_post(make_post(body=body), tz=TZ).article
    assert a.lead == "编者按：这是导语。"
    assert a.paragraphs == ("第一段正文。", "第二段正文。")


def test_categories_and_tags_as_lists_are_kept_and_strings_split():
    text = '---\ntitle: "t"\ndate: 2022-01-01\ncategories: [财经 要闻, 股市]\ntags: 甲 乙  丙\n---\n正文。'
    a = parse_post(text, tz=TZ).article
    assert a.categories == ("财经 要闻", "股市")
    assert a.tags == ("甲", "乙", "丙")


def test_missing_date_falls_back_to_file_name_prefix():
    text = '---\ntitle: "t"\ndate:\n---\n正文。'
    a = parse_post(text, tz=TZ, filename="/x/2021-12-08-abc.md").article
    assert a.published == datetime(2021, 12, 7, 16, 0, tzinfo=UTC)


def test_article_id_is_stable_and_comes_from_url_else_content():
    a1 = parse_post(make_post(body="甲。"), tz=TZ).article
    a2 = parse_post(make_post(body="乙。"), tz=TZ).article
    assert a1.id == a2.id  # same URL, same article
    b1 = parse_post(make_post(body="甲。", url=None), tz=TZ).article
    b2 = parse_post(make_post(body="乙。", url=None), tz=TZ).article
    assert b1.id != b2.id and len(b1.id) == 16


def test_gb18030_and_bom_files_decode():
    text = make_post(title="国标编码", body="中文内容。")
    assert parse_post(decode_post(text.encode("gb18030")), tz=TZ).article.title == "国标编码"
    assert parse_post(decode_post(b"\xef\xbb\xbf" + text.encode("utf-8")), tz=TZ).article.title == "国标编码"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x00\x01\x02binary\xff" * 10, "binary"),
        (b"just some text without front matter", "no YAML front matter"),
        ('---\ntitle: "他说"好"的"\ndate: 2022-01-01\n---\n正文。'.encode(), "broken YAML"),
        ("---\ndate: 2022-01-01\n---\n正文。".encode(), "no title"),
        ('---\ntitle: "t"\ndate: 2022-01-01\n---\n\n<http://a.b/c>\n[返回首页](../)\n'.encode(), "empty body"),
        (b"---\ntitle: x\n---\n" + b"a" * (3 * 1024 * 1024), "too large"),
        ('---\ntitle: "t"\ndate: not a date at all\n---\n正文。'.encode(), "unreadable date"),
    ],
    ids=["binary", "no-front-matter", "broken-yaml", "no-title", "empty-body", "huge", "bad-date"],
)
def test_bad_input_raises_one_line_reason(data, reason):
    with pytest.raises(PostError) as info:
        parse_post(decode_post(data), tz=TZ, filename="/tmp/post.md")
    message = str(info.value)
    assert reason in message and "\n" not in message


@pytest.mark.parametrize(
    "body, expected",
    [
        ("市盈率<10倍 & 风险&amp;回报", ("市盈率<10倍 & 风险&回报",)),
        ("<script>var x = 1;</script>正文<br>第二行", ("正文第二行",)),
        ("<!-- c -->注释后<p>段落</p>尾巴", ("注释后", "段落", "尾巴")),
        ("<div><p>一</p><ul><li>二</li><li>三</li></ul></div>", ("一", "二", "三")),
    ],
)
def test_html_fragments_become_clean_paragraphs(body, expected):
    assert parse_post(make_post(body=body), tz=TZ).article.paragraphs == expected
