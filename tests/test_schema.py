"""One schema owner: numbered migrations upgrade old files in place and refuse newer ones."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.stores.chats import ChatStore
from bot.stores.lookups import Lookups
from bot.stores.outbox import Outbox
from digests import schema
from digests.clock import fixed
from digests.store import Store
from tests.helpers import LEGACY_DB
from tests.subprocesses import run_newsbot


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        tables = ["articles", "article_categories", "article_tags", "categories", "files", "chats", "subscriptions"]
        tables += ["outbox", "broadcasts", "digest_log", "lookups"]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    finally:
        conn.close()


def test_a_database_written_before_numbered_migrations_upgrades_in_place_without_losing_a_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    shutil.copy(LEGACY_DB, path)
    before = _rows(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 0
    assert sum(len(rows) for rows in before.values()) > 20 and before["outbox"] and before["chats"]

    store = Store(path)
    assert schema.version(store.db.conn) == schema.LATEST
    assert "meta" not in store.db.table_names()  # version 2 replaced it by user_version
    # The upgraded file works with today's code: the chat's stored schedule, its queue, the search index.
    chats = ChatStore(store.db)
    berlin = chats.schedule(1001)
    assert (berlin.hhmm, berlin.zone, berlin.default_time) == ("07:30", "Europe/Berlin", False)
    assert [c.chat_id for c in chats.all()] == [-2002, 1001]  # 1003 had blocked the bot
    assert Outbox(store.db).counts() == {"pending": 3, "sent": 1}
    # The fixture's lookup was made 2026-11-30 02:01 UTC; a day later it is still fresh, whatever today is.
    assert Lookups(store.db, clock=fixed(datetime(2026, 12, 1, tzinfo=UTC))).prune() == 0
    assert store.search("京津冀", 1)
    store.close()
    after = _rows(path)
    # Version 5 added broadcasts.title: NULL for a broadcast queued before (its report names it by number).
    assert {r[5:] for r in after["broadcasts"]} == {(None,)}
    after["broadcasts"] = [r[:5] for r in after["broadcasts"]]
    # Version 8 added chats.script: the chats of before read Simplified, as they did.
    assert {r[9:] for r in after["chats"]} == {("简",)}
    after["chats"] = [r[:9] for r in after["chats"]]
    assert after == before


def test_opening_an_up_to_date_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    schema_sql = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert schema.upgrade(conn) == schema.LATEST
    assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_sql


def _from_the_future(tmp_path: Path, ahead: int) -> Path:
    """A database file stamped as written by a newsbot ``ahead`` schema versions newer."""
    path = tmp_path / "future.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + ahead}")
    conn.close()
    return path


def test_a_database_from_a_newer_newsbot_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = _from_the_future(tmp_path, 1)
    with pytest.raises(schema.SchemaTooNew, match="newer newsbot"):
        Store(path)


def test_the_command_line_reports_a_too_new_database_in_one_line(tmp_path: Path) -> None:

    path = _from_the_future(tmp_path, 7)
    result = run_newsbot("stats", "--db", str(path), cwd=tmp_path)
    assert result.returncode != 0
    assert "newer newsbot" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
