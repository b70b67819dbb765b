"""/latest and posts dated in the future (issue 17: a post dated 2031 took over /latest): such a post
is left out until its date (services.now()), and /latest says how many it left out."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.helpers import ADMIN, CLOCK, USER, BotHarness, make_post


def _post(folder: Path, name: str, title: str, date: str) -> None:
    body = f"{title}。火星基地建设取得新进展，各方表示将继续推进。"
    text = make_post(title, body, date=date, categories="emnews", tags="东财滚动新闻", url=f"http://e.cn/{name}")
    (folder / f"{name}.md").write_text(text, encoding="utf-8")


async def _ingest(bot: BotHarness) -> None:
    [_, done] = await bot.ask(ADMIN, "/ingest", count=2)
    assert "扫描完成" in done.plain_text


async def test_a_post_dated_in_the_future_does_not_take_over_latest(bot: BotHarness, new_posts: Path) -> None:
    # The tests' clock is 2021-12-08 16:00 (Shanghai).
    _post(new_posts, "typo", "火星基地二〇三一年的报道", "2031-12-08 09:00:00 +0800")
    _post(new_posts, "today", "火星基地今日动工", "2021-12-08 15:00:00 +0800")
    _post(new_posts, "yesterday", "火星基地昨日选址", "2021-12-07 15:00:00 +0800")
    await _ingest(bot)
    [reply] = await bot.ask(USER, "/latest 火星基地")
    text = reply.plain_text
    assert "二〇三一年" not in text
    assert text.index("今日动工") < text.index("昨日选址")  # the current ones, newest first
    assert "另有 1 篇日期在未来的文章，到期后显示" in text
    # From its date on it is simply the newest.
    bot.clock.now = CLOCK.replace(year=2031) + timedelta(days=1)
    [later] = await bot.ask(USER, "/latest 火星基地")
    assert later.plain_text.index("二〇三一年") < later.plain_text.index("今日动工")
    assert "日期在未来" not in later.plain_text


async def test_latest_of_only_future_posts_says_when_not_that_none_exists(bot: BotHarness, new_posts: Path) -> None:
    _post(new_posts, "far", "木星探测器发射成功", "2031-06-01 09:00:00 +0800")
    await _ingest(bot)
    [reply] = await bot.ask(USER, "/latest 木星探测器")
    assert "没有找到" not in reply.plain_text
    assert "包含「木星探测器」的 1 篇文章日期都在未来（最早 2031年6月1日）" in reply.plain_text
