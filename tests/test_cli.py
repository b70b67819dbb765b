"""The core command line: ingest with summary and exit status, search, categories, stats, export."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.helpers import FIXTURES, SEED


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
    assert row["source_file"].endswith(SEED.name) and len(row["paragraphs"]) == 10
    assert set(row) >= {"id", "title", "topics", "published", "categories", "tags", "url", "outlet", "lead",
                        "paragraphs", "source_file"}
    assert len(run("export", "--db", db).output.splitlines()) == 29


def test_bad_config_is_a_one_line_error(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text('[digest]\ntime = "noon"\n', encoding="utf-8")
    result = run("stats", "--config", str(bad))
    assert result.exit_code == 1 and "digest.time" in result.output and "Traceback" not in result.output
