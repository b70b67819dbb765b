"""Parsing real posts: every field, every body and footer variant, and every kind of bad input."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests import postfiles
from digests.ingest import ingest
from digests.posts import PostError, decode_post, parse_post, read_post, read_post_bytes
from digests.store import Store
from tests.helpers import CLOCK, POSTS, SEED, MovingClock, make_post

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
    assert a.paragraphs[1].startswith("大力发展会展经济")  # the dateline 天津北方网讯： is furniture
    assert a.paragraphs[-1].endswith("配合北京做好世行营商环境跨境贸易评估工作。")  # the reporter credit is furniture
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
    assert (
        a.paragraphs
        == (
            "财政部2年期续发国债中标利率为2.4576%，边际利率为2.4823%，全场倍数为3.7，边际倍数为2.2。",  # 2021年12月8日讯， dropped
        )
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


# --- hostile input: nothing may hang, exhaust memory or reject a post for a harmless oddity ----------


def test_fifo_named_like_a_post_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "2022-01-01-pipe.md"
    os.mkfifo(fifo)  # nobody ever writes to it: a blocking read would wait forever
    with pytest.raises(PostError, match=r"^not a regular file \(a FIFO\)$"):
        read_post(fifo, TZ)


def test_link_to_dev_zero_is_refused_without_reading(tmp_path):
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(PostError, match=r"^not a regular file \(a character device\)$"):
        read_post(link, TZ)


def test_oversized_file_is_refused_before_any_byte_is_read(tmp_path, monkeypatch):
    huge = tmp_path / "huge.md"
    with huge.open("wb") as fh:
        fh.truncate(1 << 40)  # a sparse terabyte
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(postfiles.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    with pytest.raises(PostError, match="file too large"):
        read_post_bytes(huge)
    assert reads == []


def test_file_growing_past_the_limit_while_read_is_cut_at_limit_plus_one(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes(b"x" * 100)
    with pytest.raises(PostError, match="file too large"):
        read_post_bytes(path, limit=50)
    assert read_post_bytes(path, limit=100) == b"x" * 100


def test_folder_with_a_fifo_ingests_the_rest_and_reports_the_fifo(tmp_path):
    (tmp_path / "2022-03-01-good.md").write_text(make_post(), encoding="utf-8")
    os.mkfifo(tmp_path / "2022-03-01-pipe.md")
    store = Store(tmp_path / "news.db", clock=MovingClock(CLOCK))
    report = ingest(store, [tmp_path], tz=TZ, workers=1)
    assert report.new == 1
    assert report.rejected == [(str(tmp_path / "2022-03-01-pipe.md"), "not a regular file (a FIFO)")]


def test_rejections_name_the_file_as_given_the_bad_field_and_value_and_an_empty_file_as_empty(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "zero.md").symlink_to("/dev/zero")
    (posts / "empty.md").write_bytes(b"")
    (posts / "blank.md").write_text("  \n\n", encoding="utf-8")
    (posts / "2022-03-01-month.md").write_text(make_post(date="2021-13-01"), encoding="utf-8")
    store = Store(tmp_path / "news.db", clock=MovingClock(CLOCK))
    report = ingest(store, [posts], tz=TZ, workers=1)
    assert sorted(report.rejected) == [
        (str(posts / "2022-03-01-month.md"), "date: invalid value '2021-13-01' (month must be in 1..12)"),
        (str(posts / "blank.md"), "empty file (only whitespace)"),
        (str(posts / "empty.md"), "empty file"),
        (str(posts / "zero.md"), "not a regular file (a character device)"),
    ]
    store.close()


def alias_bomb(field: str, levels: int = 8) -> str:
    """Front matter whose ``field`` is ``levels`` nested levels of 9 aliases: 9**8 = 43 million names."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for k in range(1, levels + 1):
        lines.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 9) + "]")
    lines.append(f"{field}: *a{levels}")
    lines += [line for line in ('title: "t"', "date: 2022-01-01") if not line.startswith(field)]
    return "---\n" + "\n".join(lines) + "\n---\n正文。"


@pytest.mark.parametrize(
    "field, reason",
    [
        ("categories", "categories: more than 100 entries (nested or aliased lists are not expanded)"),
        ("tags", "tags: more than 100 entries (nested or aliased lists are not expanded)"),
        ("title", "title is a list, not text"),
        ("date", "unreadable date (a list, not a date)"),
    ],
)
def test_alias_bomb_in_front_matter_is_refused_not_expanded(field, reason):
    text = alias_bomb(field)
    assert len(text) < 600
    with pytest.raises(PostError) as info:
        parse_post(text, tz=TZ)
    assert str(info.value) == reason


def test_nested_category_lists_are_flattened_and_mappings_refused():
    text = '---\ntitle: "t"\ndate: 2022-01-01\ncategories: [[财经, 股市], 要闻, [[财经]]]\n---\n正文。'
    assert parse_post(text, tz=TZ).article.categories == ("财经", "股市", "要闻")
    text = '---\ntitle: "t"\ndate: 2022-01-01\ntags: {a: 1}\n---\n正文。'
    with pytest.raises(PostError, match="^tags: a mapping is not a list of names$"):
        parse_post(text, tz=TZ)


def test_control_characters_are_dropped_not_fatal():
    text = '---\ntitle: "股市\x01收盘\ufffe"\ndate: 2022-01-01\n---\n沪指\x07上涨\x1f。\ufeff\n'
    a = parse_post(text, tz=TZ).article
    assert a.title == "股市收盘"
    assert a.paragraphs == ("沪指上涨。\ufeff",)


@pytest.mark.parametrize("value", ["+0800", "'+08:00'", "' +0800 '"])
def test_date_of_only_a_zone_offset_falls_back_to_file_name_date(value):
    text = f'---\ntitle: "t"\ndate: {value}\n---\n正文。'
    a = parse_post(text, tz=TZ, filename="/x/2021-12-08-abc.md").article
    assert a.published == datetime(2021, 12, 7, 16, 0, tzinfo=UTC)
    with pytest.raises(PostError, match="no date in front matter"):
        parse_post(text, tz=TZ, filename="/x/abc.md")


@pytest.mark.parametrize(
    "body, expected",
    [
        ("正文" + "[" * 200_000, "正文" + "[" * 200_000),
        ("正文" + "[返回" * 100_000, "正文" + "[返回" * 100_000),
        ("[a](" * 100_000 + "尾", "[a](" * 100_000 + "尾"),
        ("正文\n\n[返回首页](../)" + " " * 200_000 + "尾", "正文"),
    ],
    ids=["unclosed-brackets", "unclosed-footer-links", "unclosed-targets", "spaces-after-footer"],
)
def test_hostile_bracket_and_space_runs_parse(body, expected):
    paragraphs = parse_post(make_post(body=body), tz=TZ).article.paragraphs
    assert paragraphs[0] == expected


def test_hostile_url_and_credit_lines_parse():
    body = "正文。\n\n<" + " " * 200_000 + "x"
    assert parse_post(make_post(body=body, url=None), tz=TZ).article.url is None
    body = '<p>正文。</p><p class="em_media">来源：北方' + " " * 200_000 + "网</p>"
    assert parse_post(make_post(body=body), tz=TZ).article.outlet == "北方" + " " * 200_000 + "网"


def test_a_hundred_thousand_line_breaks_and_dropped_images_keep_their_text():
    assert parse_post(make_post(body="正<br>" * 100_000), tz=TZ).article.paragraphs == ("正" * 100_000,)
    body = "<p>" + "<img src=a.png>文<!-- c -->字" * 50_000 + "</p>"
    assert parse_post(make_post(body=body), tz=TZ).article.paragraphs == ("文字" * 50_000,)
