"""Telegram HTML / plain-text rendering: escaping, splitting at 4096 UTF-16 units, headers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from digests import render as render_module
from digests.digest import Digest, DigestItem, compose_digest, day_window, default_window
from digests.records import Article
from digests.render import (
    TELEGRAM_LIMIT,
    render_articles_html,
    render_breaking_html,
    render_digest_html,
    render_digest_text,
    time_label,
    utf16_len,
)
from tests.test_dedup import GFEX_FLASH, GFEX_LONG, NDAA, STEEL, art

SHANGHAI = ZoneInfo("Asia/Shanghai")
ALLOWED = {"b", "i", "a", "code", "pre", "u", "s"}
EVIL = "<script>alert(1)</script> & 股价"


class TagChecker(HTMLParser):
    """Fails on unknown tags, unbalanced tags, or raw text that would need escaping."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.errors.append(f"tag {tag}")
        if tag == "a" and [k for k, _ in attrs] != ["href"]:
            self.errors.append("a without single href")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")

    def handle_data(self, data):
        self.text.append(data)


def check_html(message: str) -> str:
    checker = TagChecker()
    checker.feed(message)
    checker.close()
    assert not checker.errors, checker.errors
    assert not checker.stack, f"unclosed {checker.stack}"
    return "".join(checker.text)


def item(title, *, text="要点。", url=None, outlet=None, published=None, outlets=1, articles=1, updates=0, aid="x"):
    published = published or datetime(2022, 2, 25, 2, 30, tzinfo=UTC)
    return DigestItem(title, url, text, outlet, published, outlets, articles, updates, (aid,), 1.0)


def digest(items, *, total=None, name="北方网新闻", day=date(2022, 2, 25), tz=SHANGHAI):
    since, until = default_window(day, time(8, 0), tz)
    return Digest(
        "beifangwang", name, day, since, until, tz, tuple(items), total if total is not None else len(items), len(items)
    )


def day_digest(items, *, day=date(2022, 2, 25), tz=SHANGHAI):
    since, until = day_window(day, tz)
    return Digest("beifangwang", "北方网新闻", day, since, until, tz, tuple(items), len(items), len(items))


def test_header_and_footer_name_category_date_and_counts():
    msgs = render_digest_html(day_digest([item("标题一"), item("标题二")]))
    assert len(msgs) == 1
    assert msgs[0].startswith("<b>📰 北方网新闻 · 2022年2月25日</b>")
    assert msgs[0].endswith("<i>共 2 篇，精选 2 条</i>")
    text = render_digest_text(digest([item("标题一")], total=12))[0]
    assert text.endswith("共 12 篇，精选 1 条")


def test_a_date_alone_means_a_calendar_day_and_a_rolling_window_shows_its_hours():
    # The scheduled 08:00 digest of 2月25日 covers 2月24日 08:00 to 2月25日 08:00: it says so.
    rolling = render_digest_text(digest([item("标题一")]))[0]
    assert rolling.startswith("📰 北方网新闻 · 2022年2月24日 08:00至2月25日 08:00")
    assert render_digest_text(day_digest([item("标题一")]))[0].startswith("📰 北方网新闻 · 2022年2月25日\n")


def test_title_is_escaped_never_raw_in_html():
    msg = render_digest_html(digest([item(EVIL, text=EVIL, outlet="<i>outlet</i>")]))[0]
    assert "<script>" not in msg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 股价" in msg
    assert "&lt;i&gt;outlet&lt;/i&gt;" in msg
    assert check_html(msg).count(EVIL) == 2


def test_href_is_quoted_and_only_web_links_are_linked():
    msg = render_digest_html(
        digest([item("有链接", url='https://x.cn/a?b=1&c="2"'), item("坏链接", url="javascript:alert(1)")])
    )[0]
    check_html(msg)
    assert '<a href="https://x.cn/a?b=1&amp;c=&quot;2&quot;">有链接</a>' in msg
    assert "javascript" not in msg and "<b>坏链接</b>" in msg


def test_item_shows_bold_linked_title_key_text_outlet_time_and_coverage():
    it = item("北向资金净流入超40亿元", url="http://hk.eastmoney.com/n", outlet="新华社", outlets=3, articles=3)
    msg = render_digest_html(digest([it]))[0]
    assert (
        '1. <b><a href="http://hk.eastmoney.com/n">北向资金净流入超40亿元</a></b>\n要点。\n<i>新华社 · 10:30 · 3家媒体报道</i>'
        in msg
    )
    text = render_digest_text(digest([it]))[0]
    assert "1. 北向资金净流入超40亿元\n   要点。\n   新华社 · 10:30 · 3家媒体报道\n   http://hk.eastmoney.com/n" in text


def test_local_time_rendering_across_timezones():
    moment = datetime(2022, 2, 24, 23, 30, tzinfo=UTC)
    assert time_label(moment, SHANGHAI, date(2022, 2, 25)) == "07:30"
    assert time_label(moment, ZoneInfo("America/New_York"), date(2022, 2, 25)) == "2月24日 18:30"
    assert time_label(moment, ZoneInfo("UTC"), date(2022, 2, 24)) == "23:30"
    assert time_label(moment, ZoneInfo("UTC"), date(2023, 1, 1)) == "2022年2月24日 23:30"
    assert time_label(moment, SHANGHAI) == "2月25日 07:30"


def test_item_from_another_day_shows_its_date():
    old = item("昨日新闻", published=datetime(2022, 2, 24, 2, 0, tzinfo=UTC))
    assert "<i>2月24日 10:00</i>" in render_digest_html(digest([old]))[0]


def test_split_respects_4096_utf16_units_with_emoji_and_cjk_and_never_breaks_tags():
    items = [
        item(
            f"😀第{n}条新闻标题😀 & <中文>",
            text="😀北向资金净流入超40亿元，" * 6 + "。",
            url=f"https://e.cn/{n}?a=1&b=2",
            aid=str(n),
        )
        for n in range(60)
    ]
    msgs = render_digest_html(digest(items))
    assert len(msgs) > 1
    for m in msgs:
        assert utf16_len(m) <= TELEGRAM_LIMIT
        check_html(m)
    joined = "\n\n".join(msgs)
    assert all(f"https://e.cn/{n}?a=1&amp;b=2" in joined for n in range(60))
    assert msgs[0].startswith("<b>📰") and msgs[-1].endswith("精选 60 条</i>")
    # splits fall at item boundaries: every message after the first starts with an item number
    assert all(m.split(". ", 1)[0].isdigit() for m in msgs[1:])
    texts = render_digest_text(digest(items))
    assert all(utf16_len(t) <= TELEGRAM_LIMIT for t in texts) and len(texts) > 1


def test_an_item_alone_over_the_limit_is_truncated_cleanly():
    huge = item("😀" * 3000 + "<b>", text="长句，" * 3000 + "。", url="https://e.cn/" + "x" * 5000)
    msgs = render_digest_html(digest([huge]))
    for m in msgs:
        assert utf16_len(m) <= TELEGRAM_LIMIT
        check_html(m)
    assert any("😀" in m for m in msgs) and "…" in "".join(msgs)
    text = render_digest_text(digest([huge]))
    assert all(utf16_len(t) <= TELEGRAM_LIMIT for t in text)


def test_small_limit_splits_and_truncates_too():
    items = [item(f"标题{n}" * 5, text="北向资金净流入超40亿元，数据显示截至目前。" * 3, aid=str(n)) for n in range(5)]
    for m in render_digest_html(digest(items), limit=120):
        assert utf16_len(m) <= 120
        check_html(m)


def test_empty_window_gives_nothing_by_default_or_one_line_on_request():
    empty = day_digest([])
    assert render_digest_html(empty) == [] and render_digest_text(empty) == []
    assert render_digest_html(empty, send_empty=True) == ["📭 北方网新闻 · 2月25日：暂无新消息。"]
    assert render_digest_text(empty, send_empty=True) == ["📭 北方网新闻 · 2月25日：暂无新消息。"]


def test_category_name_is_escaped_in_header_and_empty_line():
    assert render_digest_html(digest([], name="A&B<新闻>"), send_empty=True)[0].startswith("📭 A&amp;B&lt;新闻&gt;")
    assert "A&amp;B&lt;新闻&gt;" in render_digest_html(digest([item("t")], name="A&B<新闻>"))[0]


def test_composed_digest_of_real_posts_renders_collapsed_story_once():
    since, until = default_window(date(2021, 12, 9), time(8, 0), SHANGHAI)
    reprint = art("r1", NDAA.title, NDAA.body.replace("（央视新闻）", "（新华社）"), "12:30", outlet="新华社")
    d = compose_digest(
        [NDAA, reprint, STEEL, GFEX_FLASH, GFEX_LONG],
        category_slug="emnews",
        category_name="东财滚动新闻",
        since=since,
        until=until,
        tz=SHANGHAI,
    )
    msg = render_digest_html(d)[0]
    check_html(msg)
    assert msg.count("国防授权法案</b>") == 1 and "2家媒体报道" in msg
    assert msg.count("研发16个品种") == 2  # title + key text of the longer article, flash folded in
    assert "12月8日 11:50" in msg and msg.endswith("<i>共 5 篇，精选 3 条</i>")


def test_breaking_html_has_label_bold_linked_title_text_and_meta():
    a = Article(
        "b1",
        EVIL,
        datetime(2022, 2, 25, 2, 47, tzinfo=UTC),
        ("第一句要点。第二句。",),
        url="https://e.cn/b1",
        outlet="央视新闻",
    )
    msg = render_breaking_html(a, tz=SHANGHAI, now=datetime(2022, 2, 25, 3, 0, tzinfo=UTC))
    check_html(msg)
    assert msg.startswith('🔴 <b>突发</b>\n<b><a href="https://e.cn/b1">&lt;script&gt;')
    assert "第一句要点。第二句。" in msg and msg.endswith("<i>央视新闻 · 10:47</i>")
    assert "<i>央视新闻 · 2月25日 10:47</i>" in render_breaking_html(a, tz=SHANGHAI)  # no `now`: date shown


def test_breaking_plain_string_is_escaped_and_bounded():
    msg = render_breaking_html(EVIL)
    assert msg == "🔴 <b>突发</b>\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; 股价"
    long_msg = render_breaking_html("很长的快讯内容，" * 2000)
    assert utf16_len(long_msg) <= TELEGRAM_LIMIT and long_msg.endswith("…")
    check_html(long_msg)


def test_articles_list_numbered_with_header_and_split():
    arts = [
        Article(
            f"l{n}",
            f"😀最新新闻{n} & 更多",
            datetime(2022, 2, 25, 1, n, tzinfo=UTC),
            ("内容要点，" * 30 + "。",),
            url=f"https://e.cn/{n}",
        )
        for n in range(40)
    ]
    msgs = render_articles_html(arts, SHANGHAI, header="最新 <40> 条", start=11)
    assert msgs[0].startswith(
        '<b>最新 &lt;40&gt; 条</b>\n\n11. <b><a href="https://e.cn/0">😀最新新闻0 &amp; 更多</a></b>'
    )
    assert len(msgs) > 1
    for m in msgs:
        assert utf16_len(m) <= TELEGRAM_LIMIT
        check_html(m)
    assert "50. " in "".join(msgs)
    assert render_articles_html([], SHANGHAI) == []


@pytest.mark.parametrize(
    "title",
    [
        "中国人民银行今天宣布降低存款准备金率" * 560,  # 10,000 characters, no punctuation
        "（央行宣布降准，利好市场。" * 800,  # a bracket never closed
        "央行降准。" * 2000,  # thousands of short sentences
    ],
    ids=["unpunctuated", "unclosed-bracket", "short-sentences"],
)
def test_a_10000_character_title_is_cut_cleanly_to_the_limit(title, monkeypatch):
    calls = []
    real_split = render_module.split_text
    monkeypatch.setattr(render_module, "split_text", lambda text: calls.append(len(text)) or real_split(text))
    a = Article("t", title, datetime(2022, 2, 25, 2, 47, tzinfo=UTC), ("要点。",), url="https://e.cn/t")
    [msg] = render_articles_html([a], SHANGHAI, limit=300)
    assert utf16_len(msg) <= 300 and "…" in msg
    shown = check_html(msg).split("\n")[0].removeprefix("1. ").removesuffix("…")
    assert len(shown) > 50 and title.startswith(shown)
    breaking = render_breaking_html(a, tz=SHANGHAI)
    assert utf16_len(breaking) <= TELEGRAM_LIMIT
    check_html(breaking)
    # The title is split into sentences once per shortening step, not at every probe of the search.
    assert calls.count(len(title)) <= 4


def test_a_body_speaking_for_itself_is_named_beside_the_media_it_is_not_counted_among() -> None:
    import dataclasses

    from digests.render import coverage_label

    typhoon = dataclasses.replace(
        item("台风红色预警发布", outlets=4, articles=6),
        outlets=("中央气象台", "新京报", "中新社", "人民网", "澎湃新闻"),
    )
    assert coverage_label(typhoon) == "4家媒体及中央气象台报道"
    # a body the credits shown before the label name already is not named again
    assert coverage_label(typhoon, ("中央气象台", "新京报", "中新社")) == "4家媒体报道"
    plain = dataclasses.replace(item("油价上调", outlets=2, articles=2), outlets=("中新社", "北京日报"))
    assert coverage_label(plain) == "2家媒体报道"


def test_a_papers_app_is_the_same_house_as_the_paper() -> None:
    from digests.dedup import media_count

    assert media_count(["北京日报", "北京日报客户端", "中新社"]) == 2
