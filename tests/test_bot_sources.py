"""/source add|list|remove end to end, and sources polled by the running bot on their intervals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.delivery.source_polling import SOURCES_JOB
from digests.feeds.state import SourceTable
from tests.feed_server import FeedServer
from tests.helpers import ADMIN, CLOCK, FAST_DELIVERY, USER, BotHarness, MovingClock, make_config, running_bot


@pytest.fixture
def feeds() -> FeedServer:
    with FeedServer() as srv:
        yield srv


@pytest.fixture
async def feed_bot(tg, db_path: Path) -> AsyncIterator[BotHarness]:
    """The bot with sources.allow_private on, so it may read the feeds of the local test server."""
    config = make_config(
        db_path, token=tg.token, base_url=tg.base_url, delivery=FAST_DELIVERY, sources={"allow_private": True}
    )
    async with running_bot(tg, config) as harness:
        yield harness


async def test_source_add_reads_the_feed_once_stores_it_and_lists_its_state(feed_bot, feeds) -> None:
    url = feeds.add_file("/cls", "cls_telegraph.rss.xml")
    [reply] = await feed_bot.ask(ADMIN, f"/source add {url} cls 财联社电报")
    assert "已添加源 财联社电报" in reply.plain_text and "3 条，新文章 3 篇" in reply.plain_text
    assert feed_bot.store.get_by_url("https://www.cls.cn/detail/1401001").categories == ("cls",)
    [listing] = await feed_bot.ask(ADMIN, "/source list")
    assert "财联社电报 → cls" in listing.plain_text and "上次成功" in listing.plain_text and url in listing.plain_text
    [again] = await feed_bot.ask(ADMIN, f"/source add {url} cls")
    assert "已经存在" in again.plain_text
    [gone] = await feed_bot.ask(ADMIN, "/source remove 财联社电报")
    assert "已删除源" in gone.plain_text and SourceTable(feed_bot.store.db.conn).all() == []


@pytest.mark.parametrize(
    "path, route, expected",
    [
        ("/missing", None, "页面不存在（HTTP 404 Not Found）"),
        ("/page", {"body": "<html><body><p>一个网页</p></body></html>", "content_type": "text/html"}, "不是 RSS"),
        ("/oops", {"body": "oops", "status": 500}, "服务器返回错误（HTTP 500"),
    ],
)
async def test_source_add_says_what_is_wrong_and_adds_nothing(feed_bot, feeds, path, route, expected) -> None:
    if route is not None:
        feeds.add(path, **route)
    [reply] = await feed_bot.ask(ADMIN, f"/source add {feeds.url(path)} news")
    assert "没有添加" in reply.plain_text and expected in reply.plain_text
    assert SourceTable(feed_bot.store.db.conn).all() == []


async def test_a_private_address_is_refused_unless_allowed(bot, feeds) -> None:
    [reply] = await bot.ask(ADMIN, f"/source add {feeds.add_file('/cls', 'cls_telegraph.rss.xml')} cls")
    assert "地址被拒绝" in reply.plain_text and "sources.allow_private" in reply.plain_text
    assert feeds.hits["/cls"] == 0


async def test_only_admins_manage_sources_and_bad_arguments_get_the_usage(bot) -> None:
    bot.tg.add_chat(USER, chat_type="private")
    [refused] = await bot.ask(USER, "/source add https://example.com/feed cls")
    assert "只有机器人管理员" in refused.plain_text
    for command, expected in [
        ("/source", "用法"),
        ("/source add ftp://example.com/x cls", "http://"),
        ("/source add https://example.com/feed 分类/带斜杠", "分类名"),
        ("/source remove nothing", "没有找到源"),
        ("/source list", "还没有任何源"),
    ]:
        [reply] = await bot.ask(ADMIN, command)
        assert expected in reply.plain_text, command


async def test_the_running_bot_polls_sources_when_they_are_due(feed_bot, feeds) -> None:
    url = feeds.add_file("/cls", "cls_telegraph.rss.xml", etag='"v1"')
    await feed_bot.ask(ADMIN, f"/source add {url} cls")
    sources = feed_bot.app.bot_data.delivery.sources
    assert [job.name for job in feed_bot.app.job_queue.jobs() if job.name == SOURCES_JOB] == [SOURCES_JOB]
    assert (await sources.poll_due()).outcomes == []  # polled on add: next due in about 30 minutes
    row = SourceTable(feed_bot.store.db.conn).get(url)
    assert CLOCK + timedelta(minutes=27) <= _at(row.next_due) <= CLOCK + timedelta(minutes=33)
    feed_bot.clock.now = CLOCK + timedelta(minutes=40)
    report = await sources.poll_due()
    assert [o.result for o in report.outcomes] == ["not_modified"] and feeds.hits["/cls"] == 2
    assert sources.outcomes["ok"] == 1 and sources.outcomes["not_modified"] == 1


def _at(stamp: str):
    from datetime import datetime

    return datetime.fromisoformat(stamp)


async def test_a_new_user_adds_the_bundled_sample_feed_from_the_console(db_path: Path) -> None:
    """The README's walk-through: the sample feed served on 127.0.0.1, allow_private on, /source add."""
    from bot.console import Console, start_console_app, stop_console_app
    from digests.store import Store

    sample = Path(__import__("digests").__file__).parent / "sample_feeds" / "cls_telegraph.xml"
    store = Store(db_path, clock=MovingClock(CLOCK))
    lines: list[str] = []
    config = make_config(db_path, sources={"allow_private": True})
    with FeedServer() as srv:
        url = srv.add("/cls_telegraph.xml", sample.read_bytes(), content_type="application/xml")
        app, request = await start_console_app(config, store, lines.append)
        try:
            await Console(app, request).handle_line(f"/source add {url} cls 财联社电报")
            await Console(app, request).handle_line("/latest 成交额")
        finally:
            await stop_console_app(app)
    out = "\n".join(lines)
    assert "已添加源 财联社电报" in out and "沪深两市成交额突破八千亿元" in out


async def test_source_add_with_full_text_reads_each_entrys_page(feed_bot, feeds) -> None:
    page = (Path(__file__).parent / "fixtures" / "pages" / "enorth.gbk.html").read_bytes()
    link = feeds.add("/p/1.html", page, content_type="text/html")
    rss = (
        '<rss version="2.0"><channel><title>北方网</title><item><title>天津市发布暴雨蓝色预警</title>'
        f"<link>{link}</link><description>摘要。</description></item></channel></rss>"
    )
    url = feeds.add("/summary.xml", rss)
    [reply] = await feed_bot.ask(ADMIN, f"/source add {url} tianjin 北方网 全文")
    assert "已添加源 北方网" in reply.plain_text
    assert SourceTable(feed_bot.store.db.conn).get(url).full_text
    assert "天津市气象台8月2日6时发布暴雨蓝色预警信号" in feed_bot.store.get_by_url(link).body
