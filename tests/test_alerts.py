"""Keyword alert composition and rendering (digests.alert_compose, digests.alert_render)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from digests.alert_compose import compose_alert
from digests.alert_render import render_alert_html
from digests.records import Article
from digests.render import TELEGRAM_LIMIT, utf16_len
from tests.fake_telegram import parse_html

T0 = datetime(2022, 3, 1, 1, 0, tzinfo=UTC)


def _article(i: int, title: str, body: str = "正文第一句。正文第二句。") -> Article:
    return Article(
        f"f{i:03d}",
        title,
        T0 + timedelta(minutes=i),
        (body,),
        url=f"https://example.com/{i}",
        outlet="新华社",
        summary=("关键句一。", "关键句二。"),
    )


def test_each_article_is_listed_once_with_every_watch_that_matched_it() -> None:
    both = _article(1, "京津冀与雄安")
    only = _article(2, "雄安新区")
    sections = compose_alert({"京津冀": [both], "雄安": [both, only]}, ["京津冀", "雄安"])
    assert [(s.words, [i.article.id for i in s.items]) for s in sections] == [
        ("京津冀", ["f001"]),
        ("雄安", ["f002"]),
    ]
    assert sections[0].items[0].words == ("京津冀", "雄安")


def test_a_watch_with_too_many_matches_lists_the_newest_and_folds_the_rest() -> None:
    articles = [_article(i, f"雄安第{i}条") for i in range(15)]
    [section] = compose_alert({"雄安": articles}, ["雄安"], fold_after=10)
    assert [i.article.id for i in section.items] == [f"f{i:03d}" for i in range(14, 4, -1)]
    assert section.folded == 5
    [html] = render_alert_html([section], now=T0)
    text, _ = parse_html(html)
    assert "15 篇新文章" in text and "另有 5 篇 — /latest 雄安" in text
    assert text.count("关键句一。") == 10 and "关键句二" not in text  # one key sentence each
    assert "匹配：雄安 · 新华社" in text and 'href="https://example.com/14"' in html


def _accounted(text: str) -> int:
    """Articles an alert accounts for: listed ones plus every "另有 N 篇" line."""
    return text.count("匹配：") + sum(int(n) for n in re.findall(r"另有 (\d+) 篇", text))


def test_a_huge_alert_is_one_valid_message_that_accounts_for_every_article() -> None:
    # Before: 200 long articles of 20 watches were split into many messages ("one alert" of 9).
    watches = [f"词{i}" for i in range(20)]
    matches = {
        w: [_article(i * 10 + j, f"{w}标题" + "长" * 200, "很长的正文。" * 50) for j in range(10)]
        for i, w in enumerate(watches)
    }
    [html] = render_alert_html(compose_alert(matches, watches), now=T0)
    assert utf16_len(html) <= TELEGRAM_LIMIT
    text, _ = parse_html(html)
    assert "200 篇新文章" in text and _accounted(text) == 200
    # Every watch's newest article comes before any watch lists a second one.
    assert text.count("匹配：") >= 5 and all(f"词{i}标题" in text for i in range(5))


def test_overlapping_watches_count_each_article_once_in_one_message() -> None:
    # Issue 17: 20 watches matching every one of 300 new articles said "4084 篇新文章" in 9 messages.
    watches = [f"关键词{i}" for i in range(20)]
    articles = [_article(i, f"第{i}条新闻") for i in range(300)]
    sections = compose_alert(dict.fromkeys(watches, articles), watches, fold_after=10)
    assert sum(len(s.items) + s.folded for s in sections) == 300
    assert len({i.article.id for s in sections for i in s.items}) == sum(len(s.items) for s in sections)
    [html] = render_alert_html(sections, now=T0)
    assert utf16_len(html) <= TELEGRAM_LIMIT
    text, _ = parse_html(html)
    assert "300 篇新文章" in text and _accounted(text) == 300
    listed = re.findall(r"第(\d+)条新闻", text)
    assert len(listed) == len(set(listed)) >= 5 and "299" in listed  # each once, the newest among them
    assert "匹配：关键词0、关键词1、关键词2等20个关键词" in text  # the words it matched, not a wall of them


def test_more_watches_than_one_message_holds_share_one_line() -> None:
    watches = [f"{i:02d}" + "很长的关键词" * 6 for i in range(80)]  # 38 characters each
    matches = {w: [_article(i, f"第{i}条")] for i, w in enumerate(watches)}
    [html] = render_alert_html(compose_alert(matches, watches), now=T0)
    assert utf16_len(html) <= TELEGRAM_LIMIT
    text, _ = parse_html(html)
    assert "80 篇新文章" in text and _accounted(text) == 80
    assert re.search(r"另有 \d+ 篇匹配其他 \d+ 个关键词 — /watch 查看", text)


def test_nothing_new_renders_nothing() -> None:
    assert compose_alert({"京津冀": []}, ["京津冀"]) == []
    assert render_alert_html([]) == []


async def test_an_article_committed_late_with_an_older_stamp_still_gets_its_alert(db_path) -> None:
    from bot.delivery.alerter import Alerter
    from bot.stores.chats import ChatStore
    from bot.stores.outbox import Outbox
    from bot.stores.watchlist import Watchlist
    from digests.store import Store
    from tests.helpers import CLOCK, MovingClock, make_config

    store = Store(db_path, clock=MovingClock(CLOCK))
    chats, watchlist, outbox = (
        ChatStore(store.db, clock=store.clock),
        Watchlist(store.db, clock=store.clock),
        Outbox(store.db, clock=store.clock),
    )
    chats.ensure(7, "private")
    watchlist.add("watches", 7, "雄安", limit=20)
    ago = (store.clock() - timedelta(minutes=10)).isoformat(timespec="seconds")
    store.db.execute("UPDATE alert_cursor SET ingested_at = ?", [ago])  # the watch is ten minutes old
    store.db.execute("UPDATE watches SET created_at = ?", [ago])
    alerter = Alerter(make_config(db_path), store, chats, watchlist, outbox, clock=store.clock)
    store.upsert(_article(1, "雄安新区一号"), content_hash="1")
    assert (await alerter.run()).chats == 1
    # Another ingest stamped this one a minute ago but committed it only now.
    store.upsert(_article(2, "雄安新区二号"), content_hash="2")
    minute_ago = (store.clock() - timedelta(minutes=1)).isoformat(timespec="seconds")
    store.db.execute("UPDATE articles SET ingested_at = ? WHERE id = 'f002'", [minute_ago])
    report = await alerter.run()
    assert (report.chats, report.listed) == (1, 1)
    assert (await alerter.run()).chats == 0
    html = [r[0] for r in store.db.execute("SELECT html FROM outbox WHERE kind = 'alert' ORDER BY id")]
    assert len(html) == 2 and "雄安新区一号" in html[0] and "雄安新区二号" in html[1] and "一号" not in html[1]
    store.close()


async def test_one_ingest_run_to_one_chat_with_overlapping_watches_is_one_message(db_path) -> None:
    from bot.delivery.alerter import Alerter
    from bot.stores.chats import ChatStore
    from bot.stores.outbox import Outbox
    from bot.stores.watchlist import Watchlist
    from digests.store import Store
    from tests.helpers import CLOCK, MovingClock, make_config

    store = Store(db_path, clock=MovingClock(CLOCK))
    chats, watchlist, outbox = (
        ChatStore(store.db, clock=store.clock),
        Watchlist(store.db, clock=store.clock),
        Outbox(store.db, clock=store.clock),
    )
    chats.ensure(7, "private")
    watches = ["新闻", "第", "条", "新华社"] + [f"正文第{k}" for k in "一二"] + [f"关键句{k}" for k in "一二"]
    watches += [f"{n}条" for n in "0123456789"] + ["条新闻"] * 2  # the last is the same watch again
    for words in watches:
        watchlist.add("watches", 7, words, limit=30)
    for i in range(300):
        store.upsert(_article(i, f"第{i}条新闻", "正文第一句。正文第二句。"), content_hash=str(i))
    alerter = Alerter(make_config(db_path), store, chats, watchlist, outbox, clock=store.clock)
    report = await alerter.run()
    assert (report.chats, report.listed) == (1, 300)
    [html] = [r[0] for r in store.db.execute("SELECT html FROM outbox WHERE kind = 'alert' AND chat_id = 7")]
    text, _ = parse_html(html)
    assert "300 篇新文章" in text and _accounted(text) == 300
    assert utf16_len(html) <= TELEGRAM_LIMIT
    store.close()
