"""Feeds as sources: RSS, Atom and JSON Feed from a local server become articles in the store."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from digests import clock
from digests.config import FeedSource, SourcesConfig
from digests.core_cli import cli
from digests.feeds.poll import fetch_all
from digests.feeds.state import SourceTable
from digests.store import Store
from tests.feed_server import FEEDS, FeedServer
from tests.helpers import CLOCK, SHANGHAI, MovingClock

NOW = datetime(2023, 8, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


def poll(store: Store, *feeds: FeedSource, at: datetime = NOW, **settings):
    config = SourcesConfig(allow_private=True, feeds=feeds, **settings)
    return asyncio.run(fetch_all(store, config, tz=SHANGHAI, clock=lambda: at))


def by_title(store: Store) -> dict:
    return {a.title: a for a in store.iter_articles()}


def test_rss_atom_json_and_gbk_feeds_become_articles_with_their_fields(server):
    store = Store(":memory:", clock=MovingClock(CLOCK))
    report = poll(
        store,
        FeedSource(server.add_file("/cls", "cls_telegraph.rss.xml"), "cls", "财联社电报"),
        FeedSource(server.add_file("/xh", "xinhua.atom.xml", content_type="application/atom+xml"), "xinhua"),
        FeedSource(server.add_file("/jm", "jiemian.json", content_type="application/feed+json"), "jiemian"),
        FeedSource(server.add_file("/tj", "enorth.gbk.rss.xml", content_type="text/xml"), "tianjin"),
    )
    assert report.summary_line() == "8 new, 0 updated, 0 unchanged, 0 failed"
    arts = by_title(store)
    pboc = arts["【央行：下半年将继续实施稳健的货币政策】"]
    # CDATA HTML cleaned like a post's body: the dateline and the image are gone.
    assert pboc.paragraphs[0].startswith("中国人民银行召开2023年下半年工作会议")
    assert pboc.outlet == "财联社" and pboc.categories == ("cls",) and pboc.tags == ("财联社电报",)
    assert pboc.published == datetime(2023, 8, 2, 2, 58, 41, tzinfo=UTC)
    assert pboc.summary  # summarized like a post
    # A relative link resolves against the site the feed names.
    assert arts["涿州市防汛救灾工作持续推进"].url == "https://www.cls.cn/detail/1401002"
    # No date: the time it was first seen.
    assert arts["沪深两市成交额突破八千亿元"].published == NOW
    # Atom: the entry's author; no author → the feed's title; a zoneless date is Beijing time.
    assert arts["国务院常务会议研究部署防汛救灾工作"].outlet == "新华社"
    jjj = arts["京津冀协同发展迈出新步伐"]
    assert jjj.outlet == "新华社 - 新华全媒头条" and jjj.published == datetime(2023, 8, 2, 0, 0, tzinfo=UTC)
    # JSON Feed: content_html or content_text, the feed's author, zoneless date in the digest zone.
    assert arts["暑期档电影票房突破三百亿元"].outlet == "界面新闻"
    assert arts["暑期档电影票房突破三百亿元"].published == datetime(2023, 8, 2, 7, 0, tzinfo=UTC)
    assert arts["惠誉确认中国主权信用评级为A+"].url == "https://www.jiemian.com/article/9876543.html"
    # A GBK feed is read as GBK.
    assert arts["天津市发布暴雨蓝色预警"].paragraphs[0].startswith("天津市气象台8月2日发布暴雨蓝色预警信号")
    assert store.search("暴雨蓝色预警")[0].categories == ("tianjin",)


def test_an_unchanged_feed_costs_a_304_and_counts_its_entries_unchanged(server):
    store = Store(":memory:", clock=MovingClock(CLOCK))
    feed = FeedSource(server.add_file("/cls", "cls_telegraph.rss.xml", etag='"v1"'), "cls")
    poll(store, feed)
    report = poll(store, feed, at=NOW + timedelta(hours=1))
    assert server.requests["/cls"][1]["If-None-Match"] == '"v1"'
    assert report.summary_line() == "0 new, 0 updated, 3 unchanged, 0 failed"
    row = SourceTable(store.db.conn).get(feed.url)
    assert row is not None and row.last_success == (NOW + timedelta(hours=1)).isoformat() and row.items == 3


def test_an_entry_without_a_date_keeps_the_time_it_was_first_seen(server):
    store = Store(":memory:", clock=MovingClock(CLOCK))
    feed = FeedSource(server.add_file("/cls", "cls_telegraph.rss.xml"), "cls")
    poll(store, feed)
    report = poll(store, feed, at=NOW + timedelta(days=1))
    assert report.summary_line() == "0 new, 0 updated, 3 unchanged, 0 failed"
    assert by_title(store)["沪深两市成交额突破八千亿元"].published == NOW


def test_an_updated_entry_and_the_same_link_in_two_feeds_are_one_article_updated_in_place(server):
    store = Store(":memory:", clock=MovingClock(CLOCK))
    text = (FEEDS / "cls_telegraph.rss.xml").read_text(encoding="utf-8")
    first = FeedSource(server.add("/a", text), "cls")
    poll(store, first)
    server.add("/a", text.replace("保持流动性合理充裕", "保持流动性合理充裕，引导信贷合理增长"))
    report = poll(store, first)
    assert report.summary_line() == "0 new, 1 updated, 2 unchanged, 0 failed"
    assert store.count() == 3
    assert "引导信贷合理增长" in store.get_by_url("https://www.cls.cn/detail/1401001").body
    # The same links in a second feed of another category: the same three articles, now in both.
    second = FeedSource(server.add("/b", text), "finance")
    poll(store, first, second)
    assert store.count() == 3
    assert set(store.get_by_url("https://www.cls.cn/detail/1401003").categories) == {"cls", "finance"}


def test_a_post_and_a_feed_item_with_the_same_link_are_one_article(server, tmp_path):
    from digests.ingest import ingest

    post = tmp_path / "2023-08-02-pboc.md"
    post.write_text(
        "---\ntitle: 央行召开下半年工作会议\ndate: 2023-08-02 10:58:41 +0800\ncategories: emnews\n---\n"
        "<p>中国人民银行召开2023年下半年工作会议，全文。</p>\n\n<https://www.cls.cn/detail/1401001>\n",
        encoding="utf-8",
    )
    store = Store(":memory:", clock=MovingClock(CLOCK))
    ingest(store, [post], tz=SHANGHAI, workers=1)
    poll(store, FeedSource(server.add_file("/cls", "cls_telegraph.rss.xml"), "cls"))
    article = store.get_by_url("https://www.cls.cn/detail/1401001")
    assert store.count() == 3
    assert article.title == "央行召开下半年工作会议" and article.categories == ("emnews", "cls")


def test_fetch_command_prints_counts_and_each_failed_source_and_exits_1(server, tmp_path, monkeypatch):
    ok = server.add_file("/cls", "cls_telegraph.rss.xml")

    config = tmp_path / "newsbot.toml"
    config.write_text(
        f'[sources]\nallow_private = true\n\n[[sources.feeds]]\nurl = "{ok}"\ncategory = "cls"\nname = "财联社电报"\n\n'
        f'[[sources.feeds]]\nurl = "{server.url("/gone")}"\ncategory = "cls"\nname = "旧地址"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(clock, "utc_now", lambda: NOW)
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(cli, ["fetch", "--config", str(config), "--db", db])
    assert result.exit_code == 1
    assert result.stdout.strip() == "3 new, 0 updated, 0 unchanged, 1 failed"
    assert "failed 旧地址" in result.stderr and "HTTP 404" in result.stderr
    config.write_text(
        f'[sources]\nallow_private = true\n[[sources.feeds]]\nurl = "{ok}"\ncategory = "cls"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["fetch", "--config", str(config), "--db", db])
    assert result.exit_code == 0 and result.stdout.strip() == "0 new, 0 updated, 3 unchanged, 0 failed"
    assert [r.url for r in SourceTable(Store(db, clock=MovingClock(CLOCK)).db.conn).all()] == [
        ok
    ]  # the dropped feed left the table


def test_feed_tables_in_the_config_are_read_and_a_bad_one_is_named():
    from digests.config_file import parse_config
    from digests.config_values import ConfigError

    raw = {
        "sources": {
            "feeds": [
                {
                    "url": "https://rsshub.app/cls/telegraph",
                    "category": "cls",
                    "name": "财联社电报",
                    "interval_minutes": 5,
                    "full_text": True,
                }
            ]
        }
    }
    [feed] = parse_config(raw).sources.feeds
    assert feed == FeedSource("https://rsshub.app/cls/telegraph", "cls", "财联社电报", 5, True)
    for bad, message in [
        ({"url": "ftp://x", "category": "c"}, "sources.feeds[1].url: must start with http:// or https://"),
        ({"url": "https://x"}, "sources.feeds[1]: url and category are required"),
        ({"url": "https://x", "category": "c", "colour": 1}, "sources.feeds[1].colour: unknown setting"),
        (
            {"url": "https://x", "category": "c", "interval_minutes": 0},
            "sources.feeds[1].interval_minutes: must be at least 1",
        ),
    ]:
        with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
            parse_config({"sources": {"feeds": [bad]}})


async def test_writes_that_arrive_together_commit_together_and_a_failing_one_fails_alone():
    from digests.feeds.group_commit import GroupWriter

    store = Store(":memory:", clock=MovingClock(CLOCK))
    store.db.conn.execute("CREATE TABLE t (x INTEGER)")
    commits = []

    async def write(fn):
        commits.append(fn)
        return fn(store)

    def insert(n: int):
        return lambda s: s.db.conn.execute("INSERT INTO t VALUES (?)", [n]).rowcount

    def broken(s):
        s.db.conn.execute("INSERT INTO t VALUES (99)")
        raise ValueError("a broken entry")

    group = GroupWriter(write)
    results = await asyncio.gather(group(insert(1)), group(broken), group(insert(2)), return_exceptions=True)
    assert results[0] == 1 and isinstance(results[1], ValueError) and results[2] == 1
    assert len(commits) == 1
    assert [x for (x,) in store.db.conn.execute("SELECT x FROM t ORDER BY x")] == [1, 2]


def test_full_text_sources_read_each_new_entrys_page_in_its_own_encoding_once(server):
    pages = FEEDS.parent / "pages"
    links = {
        "xinhua": server.add("/p/xinhua.html", (pages / "xinhua.utf8.html").read_bytes(), content_type="text/html"),
        # No charset in the header: the page's <meta charset=gb2312> (read as GB18030) and Big5 decide.
        "enorth": server.add("/p/enorth.html", (pages / "enorth.gbk.html").read_bytes(), content_type="text/html"),
        "hk": server.add("/p/hk.html", (pages / "hk.big5.html").read_bytes(), content_type="text/html"),
    }
    titles = {
        "xinhua": "国务院常务会议研究部署防汛救灾工作",
        "enorth": "天津市发布暴雨蓝色预警",
        "hk": "本港第二季經濟按年增長1.5%",
    }
    items = "".join(
        f"<item><title>{titles.get(name, name)}</title><link>{url}</link><description>摘要{name}。</description></item>"
        for name, url in [*links.items(), ("gone", server.url("/p/gone.html"))]
    )
    feed = FeedSource(
        server.add("/summary", f'<rss version="2.0"><channel><title>摘要</title>{items}</channel></rss>'),
        "x",
        full_text=True,
    )
    store = Store(":memory:", clock=MovingClock(CLOCK))
    assert poll(store, feed).summary_line() == "4 new, 0 updated, 0 unchanged, 0 failed"
    arts = {name: by_title(store)[titles.get(name, name)] for name in (*titles, "gone")}
    assert arts["xinhua"].paragraphs[0].startswith("国务院总理主持召开国务院常务会议")
    assert not any("相关新闻" in p or "Copyright" in p for p in arts["xinhua"].paragraphs)
    assert "天津市气象台8月2日6时发布暴雨蓝色预警信号" in arts["enorth"].body
    assert "本港第二季本地生產總值按年實質上升百分之一點五" in arts["hk"].body
    assert arts["gone"].paragraphs == ("摘要gone。",)  # the page failed: the entry keeps its summary
    poll(store, feed, at=NOW + timedelta(hours=1))
    assert server.hits["/p/xinhua.html"] == 1  # an entry's page is read once
