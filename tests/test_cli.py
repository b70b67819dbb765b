"""The core command line: ingest with summary and exit status, search, categories, stats, export."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.helpers import FIXTURES, SEED, make_post


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(path), "-q", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "29 new, 0 updated, 0 unchanged, 0 rejected" in result.output
    return str(path)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_ingest_reports_rejected_files_and_exits_nonzero(tmp_path, db):
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter", encoding="utf-8")
    result = run("ingest", "--db", db, "-q", str(FIXTURES), str(bad))
    assert result.exit_code == 1
    assert "0 new, 0 updated, 29 unchanged, 1 rejected" in result.output
    assert f"rejected {bad}: no YAML front matter" in result.output


def test_search_prints_matches_and_json(db):
    result = run("search", "京津冀", "--db", db)
    assert result.exit_code == 0 and "【京津冀】" in result.output
    result = run("search", "北向资金", "--db", db, "--json", "--limit", "2", "--newest")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 2 and rows[0]["published"] > rows[1]["published"]
    assert run("search", "NEAR(", "--db", db).exit_code == 0


def test_categories_and_stats(db):
    out = run("categories", "--db", db).output
    assert "emnews" in out and "28" in out and "北方网新闻" in out
    out = run("stats", "--db", db).output
    assert "articles: 29" in out and "categories: 2" in out


def test_export_writes_one_json_object_per_article(db):
    result = run("export", "--db", db, "--category", "beifangwang")
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert row["published"] == "2022-02-25T16:37:01+08:00"
    assert row["topics"] == ["京津冀"] and row["outlet"] == "北方网" and row["url"].startswith("http://")
    assert row["byline"] is None  # an outlet names it: no reporters needed
    assert row["source_file"].endswith(SEED.name) and len(row["paragraphs"]) == 10
    assert set(row) >= {
        "id",
        "title",
        "topics",
        "published",
        "categories",
        "tags",
        "url",
        "outlet",
        "lead",
        "paragraphs",
        "source_file",
    }
    assert len(run("export", "--db", db).output.splitlines()) == 29


def test_export_of_an_unknown_category_is_a_one_line_error(db):
    result = run("export", "--db", db, "-c", "nosuch")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown category 'nosuch' (known: ") and result.output.count("\n") == 1


def test_export_keeps_articles_dated_before_1970(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    for name, date in (("1969-07-20-moon.md", "1969-07-20 20:17:00 +0000"), ("1950-01-01-old.md", "1950-01-01")):
        body = f"{name}的正文。"
        (posts / name).write_text(make_post(title=name, body=body, date=date, url=None), encoding="utf-8")
    path = str(tmp_path / "old.db")
    assert run("ingest", "--db", path, "-q", str(posts)).exit_code == 0
    for args in ((), ("-c", "testcat")):
        rows = [json.loads(line) for line in run("export", "--db", path, *args).output.splitlines()]
        assert [r["title"] for r in rows] == ["1950-01-01-old.md", "1969-07-20-moon.md"], args


def test_a_post_dated_in_the_future_is_reported_and_not_the_newest_day_until_its_date(tmp_path, monkeypatch):
    from digests import clock

    posts = tmp_path / "posts"
    posts.mkdir()
    for name, date in (
        ("2022-03-01-now.md", "2022-03-01 09:00:00 +0800"),
        ("2031-01-01-later.md", "2031-01-01 08:00:00 +0800"),
    ):
        (posts / name).write_text(make_post(title=name, body=f"{name}的正文。", date=date, url=None), encoding="utf-8")
    path = str(tmp_path / "future.db")
    monkeypatch.setattr(clock, "utc_now", lambda: datetime(2022, 3, 2, tzinfo=UTC))
    result = run("ingest", "--db", path, "-q", str(posts))
    assert result.exit_code == 0 and "2 new, 0 updated, 0 unchanged, 0 rejected, 1 dated in the future" in result.output
    assert f"future {posts / '2031-01-01-later.md'}: dated 2031-01-01 08:00" in result.output
    digest = run("digest", "--db", path, "-c", "testcat").output
    assert "2022-03-01-now.md" in digest and "2031-01-01-later.md" not in digest
    monkeypatch.setattr(clock, "utc_now", lambda: datetime(2031, 1, 2, tzinfo=UTC))
    assert "2031-01-01-later.md" in run("digest", "--db", path, "-c", "testcat").output


def test_bad_config_is_a_one_line_error(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text('[digest]\ntime = "noon"\n', encoding="utf-8")
    result = run("stats", "--config", str(bad))
    assert result.exit_code == 1 and "digest.time" in result.output and "Traceback" not in result.output


def test_summarize_a_post_file_and_plain_text_from_stdin():
    result = run("summarize", str(SEED), "--sentences", "2")
    lines = result.output.splitlines()
    assert result.exit_code == 0 and 1 <= len(lines) <= 2
    result = CliRunner().invoke(
        cli,
        ["summarize", "-", "-k", "1", "--max-chars", "40"],
        input="离岸人民币兑美元升至6.3512，为2018年以来最高水平。北向资金净流入达30亿元。",
    )
    assert result.exit_code == 0 and 0 < len(result.output.strip()) <= 40


def test_summarize_jsonl_keeps_order_and_ids(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "article": "第一篇文章。内容很长的第二句。"}\n{"id": "b", "title": "标题", "article": "第二篇。"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = run("summarize", "--jsonl", str(src), "--out", str(out))
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"] and all(r["summary"] for r in rows)


def test_digest_of_a_category_as_text_and_html(db):
    # --date is the calendar day the posts carry (2021-12-08), not the morning after.
    text = run("digest", "--db", db, "-c", "emnews", "--date", "2021-12-08")
    assert text.exit_code == 0 and "东财滚动新闻 · 2021年12月8日\n" in text.output and "<b>" not in text.output
    assert "人民币" in text.output and "暂无" not in text.output
    html_out = run("digest", "--db", db, "-c", "beifangwang", "--date", "2022-02-25", "--format", "html")
    assert "<b>" in html_out.output and "京津冀" in html_out.output
    empty = run("digest", "--db", db, "-c", "emnews", "--date", "2030-01-01")
    assert empty.exit_code == 0 and len(empty.output.strip().splitlines()) == 1
    explained = run("digest", "--db", db, "-c", "emnews", "--explain")
    assert "2021年12月8日" in explained.output and "outlets" in explained.output and "magnitude" in explained.output
    unknown = run("digest", "--db", db, "-c", "nope")
    assert unknown.exit_code == 1 and "unknown category 'nope'" in unknown.output


@pytest.mark.parametrize(
    "args, message",
    [
        (
            [
                "",
            ],
            "Error: empty query: give the text to search for",
        ),
        (["   "], "Error: empty query: give the text to search for"),
        (["?!*"], "Error: nothing to search for in '?!*': give Chinese characters, letters or digits"),
        (["京津冀", "-c", "nosuch"], "Error: unknown category 'nosuch' (known: "),
    ],
    ids=["empty", "blank", "punctuation-only", "unknown-category"],
)
def test_search_with_unusable_query_or_unknown_category_is_a_one_line_error(db, args, message):
    result = run("search", *args, "--db", db)
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert "no article contains" not in result.output


def test_search_in_a_known_category_without_matches_says_so_with_status_0(db):
    result = run("search", "京津冀", "-c", "emnews", "--db", db)
    assert result.exit_code == 0 and "no article contains '京津冀'" in result.output


def test_summarize_refuses_a_fifo_and_endless_stdin_with_one_line(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = run("summarize", str(fifo))
    assert result.exit_code == 1 and result.output == f"Error: {fifo}: not a regular file (a FIFO)\n"
    with open("/dev/zero", "rb") as zeros:
        result = CliRunner().invoke(cli, ["summarize", "-"], input=zeros)
    assert result.exit_code == 1 and result.output.startswith("Error: -: file too large")


def test_stories_lists_each_story_with_its_articles_and_why_they_were_joined(db):
    result = run("stories", "--db", db, "-c", "emnews", "--date", "2021-12-08", "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert sum(len(r["articles"]) for r in records) == 28  # every article of the day, in exactly one story
    rmb = next(r for r in records if any("离岸人民币" in a["title"] for a in r["articles"]))
    assert len(rmb["articles"]) == 2 and rmb["links"][0]["relation"] == "event"
    assert all(a["source_file"] and a["published"].startswith("2021-12-08") for a in rmb["articles"])
    text = run("stories", "--db", db, "-c", "emnews", "--date", "2021-12-08")
    assert "joined:" in text.output and "同一事件" in text.output
    unknown = run("stories", "--db", db, "-c", "nosuch")
    assert unknown.exit_code == 1 and "unknown category 'nosuch'" in unknown.output
