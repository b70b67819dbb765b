"""One schema owner: numbered migrations upgrade old files in place and refuse newer ones."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.stores.chats import ChatStore
from bot.stores.lookups import Lookups
from bot.stores.outbox import Outbox
from digests import schema
from digests.store import Store
from tests.helpers import CLOCK, LEGACY_DB, MovingClock
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

    store = Store(path, clock=MovingClock(CLOCK))
    assert schema.version(store.db.conn) == schema.LATEST
    assert "meta" not in store.db.table_names()  # version 2 replaced it by user_version
    # The fixture's rows were made 2026-11-30 02:01 UTC; a day later, whatever today is.
    clock = MovingClock(datetime(2026, 12, 1, tzinfo=UTC))
    # The upgraded file works with today's code: the chat's stored schedule, its queue, the search index.
    chats = ChatStore(store.db, clock=clock)
    berlin = chats.schedule(1001)
    assert (berlin.hhmm, berlin.zone, berlin.default_time) == ("07:30", "Europe/Berlin", False)
    assert [c.chat_id for c in chats.all()] == [-2002, 1001]  # 1003 had blocked the bot
    assert Outbox(store.db, clock=clock).counts() == {"pending": 3, "sent": 1}
    assert len(Outbox(store.db, clock=clock).due(10)) == 3  # queued "at once": due at once
    assert Lookups(store.db, clock=clock).prune() == 0  # a day old: still fresh
    assert store.search("京津冀", 1)
    store.close()
    after = _rows(path)
    # Version 5 added broadcasts.title: NULL for a broadcast queued before (its report names it by number).
    assert {r[5:] for r in after["broadcasts"]} == {(None,)}
    after["broadcasts"] = [r[:5] for r in after["broadcasts"]]
    # Version 8 added chats.script: the chats of before read Simplified, as they did.
    assert {r[9:] for r in after["chats"]} == {("简",)}
    after["chats"] = [r[:9] for r in after["chats"]]
    # Version 10 made outbox.not_before (epoch seconds, 0 = at once) due_at (ISO text, '' = at once), last.
    assert {r[-1] for r in after["outbox"]} == {""} and {r[10] for r in before["outbox"]} == {0.0}
    after["outbox"] = [r[:-1] for r in after["outbox"]]
    before["outbox"] = [r[:10] + r[11:] for r in before["outbox"]]
    # Version 11 added articles.byline, last: NULL for the articles of before (their reporters unread).
    assert {r[-1] for r in after["articles"]} == {None}
    after["articles"] = [r[:-1] for r in after["articles"]]
    assert after == before


def test_an_outbox_retry_time_in_epoch_seconds_becomes_the_same_instant_in_iso_text(tmp_path: Path) -> None:
    path = tmp_path / "v9.db"
    conn = sqlite3.connect(path)
    for version, migrate in enumerate(schema.MIGRATIONS[:9], start=1):
        migrate(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    retry_at = datetime(2021, 12, 8, 8, 0, 1, 500000, tzinfo=UTC)
    conn.execute(
        "INSERT INTO outbox(chat_id, kind, ref, priority, html, not_before, created_at, updated_at) "
        "VALUES (1, 'alert', 'a', 2, 'hi', ?, 'x', 'x')",
        [retry_at.timestamp()],
    )
    conn.commit()
    conn.close()
    store = Store(path, clock=MovingClock(CLOCK))
    [due_at] = store.db.conn.execute("SELECT due_at FROM outbox").fetchone()
    assert due_at == "2021-12-08T08:00:01.500000+00:00"
    outbox = Outbox(store.db, clock=MovingClock(retry_at))
    assert outbox.seconds_to_next_due() is not None and abs(outbox.seconds_to_next_due()) < 0.5
    outbox.clock = MovingClock(retry_at - timedelta(seconds=1))
    assert outbox.due(10) == [] and 0.5 < outbox.seconds_to_next_due() <= 1.0
    store.close()


def test_opening_an_up_to_date_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path, clock=MovingClock(CLOCK)).close()
    conn = sqlite3.connect(path)
    schema_sql = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert schema.upgrade(conn) == schema.LATEST
    assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_sql


def _from_the_future(tmp_path: Path, ahead: int) -> Path:
    """A database file stamped as written by a newsbot ``ahead`` schema versions newer."""
    path = tmp_path / "future.db"
    Store(path, clock=MovingClock(CLOCK)).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.LATEST + ahead}")
    conn.close()
    return path


def test_a_database_from_a_newer_newsbot_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = _from_the_future(tmp_path, 1)
    with pytest.raises(schema.SchemaTooNew, match="newer newsbot"):
        Store(path, clock=MovingClock(CLOCK))


def test_the_command_line_reports_a_too_new_database_in_one_line(tmp_path: Path) -> None:

    path = _from_the_future(tmp_path, 7)
    result = run_newsbot("stats", "--db", str(path), cwd=tmp_path)
    assert result.returncode != 0
    assert "newer newsbot" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
