"""The article store: idempotent ingest, edits, Chinese lookup of any length, operator-safe queries."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digests.ingest import ingest
from digests.store import Store
from tests.helpers import CLOCK, FIXTURES, MovingClock, make_post

TZ = ZoneInfo("Asia/Shanghai")
SEED_ID = "f9e4a1f828a7a5fa"


@pytest.fixture()
def store(tmp_path) -> Store:
    s = Store(tmp_path / "news.db", display_names={"emnews": "东财滚动"}, clock=MovingClock(CLOCK))
    report = ingest(s, [FIXTURES], tz=TZ, workers=1)
    assert report.new == 29 and not report.rejected
    return s


def titles(articles) -> list[str]:
    return [a.title for a in articles]


@pytest.mark.parametrize(
    "query, expected_title_part",
    [
        ("冀", "京津冀"),  # one character, in the middle of a word
        ("天津", "京津冀"),
        ("京津冀", "京津冀"),
        ("雄安新区", "京津冀"),  # only in the body
        ("A股", "外资杀入A股"),
        ("a股", "外资杀入A股"),  # case-insensitive
        ("Ａ股", "外资杀入A股"),  # full-width
        ("2018", "离岸人民币"),
        ("2.4576", "财政部两期国债"),  # its only 2021 was the dateline 2021年12月8日讯, now dropped
        ("6.3512", "离岸人民币"),
        ("Katy Huberty", "大摩上调苹果"),
    ],
)
def test_queries_of_every_length_find_the_article(store, query, expected_title_part):
    found = store.search(query, 50)
    assert any(expected_title_part in t for t in titles(found)), titles(found)


def test_search_finds_every_article_that_contains_the_query(store):
    for query in ["冀", "北向", "资金净流入", "数据中心", "苹果", "元"]:
        expected = {a.id for a in store.iter_articles() if query.lower() in (a.title + "".join(a.paragraphs)).lower()}
        found = {a.id for a in store.search(query, 100)}
        assert found == expected, query


def test_latest_is_newest_first_and_filters_by_category(store):
    latest = store.latest("emnews", 5)
    assert len(latest) == 5
    assert [a.published for a in latest] == sorted((a.published for a in latest), reverse=True)
    assert latest[0].title.startswith("WTI原油期货")
    assert store.latest("beifangwang", 5)[0].id == SEED_ID
    assert store.latest("nope", 5) == []
    assert store.latest(None, 1)[0].id == SEED_ID


def test_search_newest_order_category_and_since(store):
    found = store.search("北向资金", 10, order="newest")
    assert [a.published for a in found] == sorted((a.published for a in found), reverse=True)
    assert store.search("京津冀", 10, category="emnews") == []
    since = datetime(2021, 12, 8, 5, 0, tzinfo=UTC)
    assert all(a.published >= since for a in store.search("北向资金", 10, since=since))
    assert len(store.search("北向资金", 10, since=since)) == 1
    page1 = store.search("北向资金", 2, order="newest")
    page2 = store.search("北向资金", 2, order="newest", offset=2)
    assert not {a.id for a in page1} & {a.id for a in page2}


def test_ranked_search_prefers_title_matches(store):
    found = store.search("人民币", 5)
    assert "人民币" in found[0].title


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "AND", "-", "OR NOT", '"京津冀', "京津冀*", "(天津)", "^", "col:x"]
)
def test_fts_operator_input_is_plain_text_never_an_error(store, query):
    store.search(query, 5)  # must not raise
    store.search(query, 5, order="newest", category="emnews")


def test_quoted_query_still_finds_the_words_inside(store):
    assert store.search('"京津冀"', 5)[0].id == SEED_ID


def test_categories_with_counts_and_display_names(store):
    cats = {c.slug: c for c in store.categories()}
    assert cats["emnews"].count == 28 and cats["emnews"].display_name == "东财滚动"  # from config
    assert cats["beifangwang"].display_name == "北方网新闻"  # from its tag
    assert store.category("beifangwang").count == 1


def test_get_returns_the_whole_article_with_summary(store):
    a = store.get(SEED_ID)
    assert a.title.startswith("【京津冀】") and a.outlet == "北方网" and len(a.paragraphs) == 10
    body = "".join(a.paragraphs)
    # Key sentences are the article's own (the summarizer may end a clause cut at ；with 。).
    assert 1 <= len(a.summary) <= 3 and all(s[:-1] in body for s in a.summary)
    assert store.get("0000000000000000") is None


def test_reingest_is_idempotent_and_skips_unchanged_files(store, monkeypatch):
    before = store.db.execute("select count(*), sum(length(paragraphs)) from articles").fetchone()
    import digests.ingest as ingest_module

    def fail(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(ingest_module, "_parse_job", fail)
    report = ingest(store, [FIXTURES], tz=TZ, workers=1)
    assert (report.new, report.updated, report.unchanged) == (0, 0, 29)
    assert store.db.execute("select count(*), sum(length(paragraphs)) from articles").fetchone() == before


def test_touched_but_identical_file_is_unchanged(tmp_path):
    s = Store(tmp_path / "db.sqlite", clock=MovingClock(CLOCK))
    post = tmp_path / "posts" / "2022-03-01-a.md"
    post.parent.mkdir()
    post.write_text(make_post(), encoding="utf-8")
    assert ingest(s, [post.parent], tz=TZ).new == 1
    os.utime(post, ns=(1, 1))
    report = ingest(s, [post.parent], tz=TZ)
    assert (report.new, report.updated, report.unchanged) == (0, 0, 1)


def test_edited_post_updates_its_row(tmp_path):
    s = Store(tmp_path / "db.sqlite", clock=MovingClock(CLOCK))
    post = tmp_path / "2022-03-01-a.md"
    post.write_text(make_post(title="旧标题", body="旧的正文内容。"), encoding="utf-8")
    ingest(s, [post], tz=TZ)
    post.write_text(make_post(title="新标题", body="新的正文内容，雄安。", categories="other"), encoding="utf-8")
    os.utime(post, ns=(10**18, 10**18))
    report = ingest(s, [post], tz=TZ)
    assert report.updated == 1 and s.count() == 1
    [article] = s.latest(None, 5)
    assert article.title == "新标题" and article.categories == ("other",)
    assert s.search("旧的", 5) == [] and s.search("雄安", 5)[0].title == "新标题"
    assert s.latest("testcat", 5) == [] and [c.slug for c in s.categories()] == ["other"]


def test_edited_post_without_url_replaces_the_old_article(tmp_path):
    s = Store(tmp_path / "db.sqlite", clock=MovingClock(CLOCK))
    post = tmp_path / "2022-03-01-a.md"
    post.write_text(make_post(body="第一版。", url=None), encoding="utf-8")
    ingest(s, [post], tz=TZ)
    post.write_text(make_post(body="第二版。", url=None), encoding="utf-8")
    os.utime(post, ns=(10**18, 10**18))
    ingest(s, [post], tz=TZ)
    assert s.count() == 1 and s.latest(None, 1)[0].paragraphs == ("第二版。",)


def test_broken_posts_are_reported_and_skipped_while_the_rest_ingest(tmp_path):
    s = Store(tmp_path / "db.sqlite", clock=MovingClock(CLOCK))
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "good.md").write_text(make_post(title="好的"), encoding="utf-8")
    (folder / "gbk.md").write_bytes(make_post(title="国标", url="http://e.cn/2").encode("gb18030"))
    (folder / "yaml.md").write_text('---\ntitle: "他说"好"的"\n---\n正文。', encoding="utf-8")
    (folder / "nofm.md").write_text("没有前言的文件。", encoding="utf-8")
    (folder / "empty.md").write_text('---\ntitle: "空"\ndate: 2022-01-01\n---\n', encoding="utf-8")
    (folder / "bin.md").write_bytes(bytes(range(256)) * 4)
    report = ingest(s, [folder, tmp_path / "missing"], tz=TZ)
    assert report.new == 2 and s.count() == 2
    reasons = {Path(p).name: r for p, r in report.rejected}
    assert set(reasons) == {"yaml.md", "nofm.md", "empty.md", "bin.md", "missing"}
    assert "broken YAML" in reasons["yaml.md"] and "binary" in reasons["bin.md"]
    # A broken version of a stored post never loses the stored article.
    (folder / "good.md").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    os.utime(folder / "good.md", ns=(10**18, 10**18))
    ingest(s, [folder], tz=TZ)
    assert s.search("好的", 5)


def test_parallel_ingest_matches_serial(tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    for i in range(80):
        (folder / f"2022-03-01-{i}.md").write_text(
            make_post(title=f"标题{i}", body=f"第{i}条新闻的正文。", url=f"http://e.cn/{i}"), encoding="utf-8"
        )
    serial, parallel = (
        Store(tmp_path / "a.db", clock=MovingClock(CLOCK)),
        Store(tmp_path / "b.db", clock=MovingClock(CLOCK)),
    )
    ingest(serial, [folder], tz=TZ, workers=1)
    ingest(parallel, [folder], tz=TZ, workers=2)
    assert [a.id for a in serial.iter_articles()] == [a.id for a in parallel.iter_articles()]
    assert [a.summary for a in serial.iter_articles()] == [a.summary for a in parallel.iter_articles()]


def test_in_window_returns_articles_in_half_open_interval(store):
    since = datetime(2021, 12, 8, 2, 46, 18, tzinfo=UTC)
    until = datetime(2021, 12, 8, 2, 53, 3, tzinfo=UTC)
    window = store.in_window("emnews", since, until)
    assert all(since <= a.published < until for a in window)
    # The article stamped exactly ``until`` belongs to the next window; the one at ``since`` to this one.
    assert window[0].published == since and len(window) == 4
    assert store.in_window("emnews", until, until + (until - since))[0].published == until


def test_summaries_are_stored_once_and_recomputed_when_the_summarizer_version_changes(store, monkeypatch):
    import digests.ingest as ingest_module

    calls = []
    real = ingest_module.summarize

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "summarize", counting)
    ingest(store, [FIXTURES], tz=TZ, workers=1)
    assert calls == []  # stored summaries are reused, never recomputed for lookups or rescans
    monkeypatch.setattr(ingest_module, "SUMMARIZER_VERSION", "test-next")
    ingest(store, [FIXTURES], tz=TZ, workers=1)
    assert len(calls) == 29
    versions = {v for (v,) in store.db.execute("select summary_version from articles")}
    assert versions == {"test-next"} and all(a.summary for a in store.iter_articles())


def test_ingest_from_a_thread_parses_in_process_and_stores_everything(tmp_path):
    import threading

    folder = tmp_path / "posts"
    folder.mkdir()
    for i in range(70):
        (folder / f"2022-03-01-{i}.md").write_text(
            make_post(title=f"标题{i}", body=f"第{i}条新闻。", url=f"http://e.cn/{i}"), encoding="utf-8"
        )
    store = Store(tmp_path / "t.db", clock=MovingClock(CLOCK))
    reports = []
    # Like the bot's /ingest: a worker thread, where forking worker processes would be unsafe.
    thread = threading.Thread(target=lambda: reports.append(ingest(store, [folder], tz=TZ, workers=2)))
    thread.start()
    thread.join(timeout=60)
    assert reports and reports[0].new == 70 and store.count() == 70


def test_count_since_with_an_upper_bound_counts_one_local_day(store):
    day = datetime(2021, 12, 7, 16, 0, tzinfo=UTC)  # 2021-12-08 00:00 in Shanghai
    next_day = datetime(2021, 12, 8, 16, 0, tzinfo=UTC)
    assert store.count_since(day, until=next_day) == 28
    assert store.count_since(day) == 29  # the 北方网 seed is from 2022


async def test_ingest_in_background_stores_posts_from_a_child_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from digests import ingest as ingest_module
    from digests.ingest import ingest_in_background

    def no_thread(*args: object, **kwargs: object) -> None:
        raise AssertionError("ingested in a thread of this process")

    monkeypatch.setattr(ingest_module.asyncio, "to_thread", no_thread)

    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2022-03-01-a.md").write_text(make_post("子进程里的文章", "正文。"), encoding="utf-8")
    store = Store(tmp_path / "bg.db", clock=MovingClock(CLOCK))
    report = await ingest_in_background(store, [folder], tz=TZ)
    assert (report.new, report.rejected) == (1, [])
    assert [a.title for a in store.latest("testcat")] == ["子进程里的文章"]  # written by the child, seen here


async def test_ingest_in_background_falls_back_to_a_thread_when_the_child_dies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from digests import ingest as ingest_module

    class DeadPool:
        def __init__(self, *args: object, **kwargs: object) -> None: ...

        def submit(self, *args: object, **kwargs: object) -> object:
            raise BrokenProcessPool("killed")

        def shutdown(self, wait: bool = True) -> None: ...

    monkeypatch.setattr(ingest_module, "ProcessPoolExecutor", DeadPool)
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "2022-03-01-a.md").write_text(make_post("线程里的文章", "正文。"), encoding="utf-8")
    store = Store(tmp_path / "bg.db", clock=MovingClock(CLOCK))
    report = await ingest_module.ingest_in_background(store, [folder], tz=TZ)
    assert report.new == 1 and [a.title for a in store.latest("testcat")] == ["线程里的文章"]


def test_posts_parsed_by_an_older_parser_are_read_again_and_updated(tmp_path):
    from digests.posts import PARSER_VERSION

    store = Store(tmp_path / "old.db", clock=MovingClock(CLOCK))
    first = ingest(store, [FIXTURES], tz=TZ, workers=1)
    assert first.new == 29
    # As an older newsbot left them: hashes without this parser's version, paragraphs as then parsed.
    store.db.conn.execute("UPDATE files SET content_hash = substr(content_hash, ?)", [len(PARSER_VERSION) + 2])
    store.db.conn.execute("UPDATE articles SET content_hash = substr(content_hash, ?)", [len(PARSER_VERSION) + 2])
    again = ingest(store, [FIXTURES], tz=TZ, workers=1)
    assert (again.updated, again.unchanged) == (29, 0)
    assert ingest(store, [FIXTURES], tz=TZ, workers=1).unchanged == 29


def test_a_post_its_reporters_sign_is_stored_and_read_back_with_its_byline(tmp_path):
    post = tmp_path / "posts" / "2022-03-01-bridge.md"
    post.parent.mkdir()
    body = "<p>哈牡高速一处桥梁发生部分塌陷，两辆小型车辆坠入。</p>\n<p>文/记者 杨洋 任秋宇 彭海龙编辑/王朝</p>"
    post.write_text(make_post("黑龙江一高速公路桥梁发生部分塌陷", body, url=None), encoding="utf-8")
    s = Store(tmp_path / "news.db", clock=MovingClock(CLOCK))
    ingest(s, [post.parent], tz=TZ, workers=1)
    [article] = s.latest(n=5)
    assert article.outlet is None and article.byline == "记者杨洋等"
    assert "杨洋" not in "".join(article.paragraphs)  # the credit is not news
    s.close()
