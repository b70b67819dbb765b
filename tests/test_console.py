"""The local chat console (`newsbot chat`): same handlers, in-process Bot API, piped stdin."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.helpers import CLOCK, ConsoleRig, MovingClock, config_dict, make_config
from tests.subprocesses import run_newsbot, write_config


def test_newsbot_chat_with_piped_stdin_prints_results_and_exits_0(tmp_path: Path) -> None:
    config = write_config(tmp_path / "newsbot.toml", config_dict(tmp_path / "unused.db"))
    result = run_newsbot(
        "chat",
        "--config",
        str(config),
        "--db",
        str(tmp_path / "chat.db"),
        cwd=tmp_path,
        input="/latest 京津冀\n/quit\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "新增 29" in out  # ingested on start, one-line summary
    assert "/latest 京津冀" in out  # the hint and the echoed input
    assert "主动服务和承接北京非首都功能疏解" in out and "北方网" in out
    assert "<b>" not in out and "&lt;" not in out  # HTML turned into readable text
    assert "Traceback" not in result.stderr
    assert (tmp_path / "chat.db").exists()


async def test_console_in_process_keyboards_numbers_press_buttons_and_admin_commands_work(
    console: ConsoleRig,
) -> None:
    lines, store = console.lines, console.store
    await console.handle_line("/subscribe")
    keyboard = next(line for line in lines if line.startswith("[1] "))
    assert "➕ 东财滚动新闻" in keyboard and "[2]" in keyboard
    await console.handle_line("1")
    assert any("已订阅" in line for line in lines)
    assert "✅ 东财滚动新闻" in lines[-1]  # the redrawn keyboard
    chats = console.app.bot_data.services.chats
    assert chats.subscriptions(1) == ["emnews"]

    await console.handle_line("/latest 市场 2")
    assert any("[1] 更多" in line for line in lines)
    await console.handle_line("1")
    assert any("更多结果" in line for line in lines)

    await console.handle_line("/push emnews 央行 <降准>")
    assert any("确认发送" in line for line in lines)
    await console.handle_line("1")
    rows = store.db.execute("SELECT chat_id FROM outbox WHERE kind = 'breaking'").fetchall()
    assert rows == [(1,)]

    await console.handle_line("/stats")
    assert any("东财滚动新闻：1" in line for line in lines)
    await console.handle_line("99")
    assert "没有这个按钮" in lines[-1]


@pytest.mark.parametrize("token", [None, "123:real-token-stays-unused"])
async def test_run_console_reads_until_eof_and_returns_0(tmp_path: Path, token: str | None) -> None:
    from bot.console import run_console_async

    config = make_config(
        tmp_path / "eof.db", **({"token": token, "base_url": "http://127.0.0.1:9/bot"} if token else {})
    )
    out = io.StringIO()
    status = await run_console_async(config, stdin=io.StringIO("/categories\n/help\n"), stdout=out)
    assert status == 0
    text = out.getvalue()
    assert "东财滚动新闻" in text and "28 篇" in text and "/push" in text  # the console user is an admin


async def test_console_supports_watches_mutes_and_channels(console: ConsoleRig) -> None:
    lines = console.lines
    await console.handle_line("/watch 京津冀")
    assert "已关注「京津冀」" in lines[-1]
    await console.handle_line("/mute 广告")
    assert "已屏蔽「广告」" in lines[-1]
    await console.handle_line("/channel add @console_news emnews 09:30")
    assert "已绑定频道「console_news」" in lines[-1] and "09:30" in lines[-1]
    await console.handle_line("/channel list")
    assert "@console_news" in lines[-1]
    await console.handle_line("/help")
    help_text = lines[-1]
    assert all(f"/{name}" in help_text for name in ("watch", "unwatch", "mute", "unmute", "channel"))
    assert not any("出错了" in line for line in lines)


async def test_a_line_cut_inside_a_utf8_character_does_not_crash_the_console(db_path: Path) -> None:
    from bot.console import run_console_async

    cut = "/latest 京".encode()[:-1]  # the first two of the three bytes of 京
    # stdin as Python opens it under the C.UTF-8 locale: undecodable bytes become lone surrogates.
    stdin = io.TextIOWrapper(io.BytesIO(cut + b"\n/help\n/quit\n"), encoding="utf-8", errors="surrogateescape")
    stdout = io.StringIO()
    assert await run_console_async(make_config(db_path), stdin=stdin, stdout=stdout) == 0
    out = stdout.getvalue()
    assert "出错了" not in out
    assert "没有找到包含「\ufffd」的文章" in out  # the broken character reads as U+FFFD
    assert "/latest" in out.split("你> /help", 1)[1]  # and the next line is answered as usual


async def test_the_console_on_a_live_bots_database_sends_claims_and_changes_only_its_own_rows(
    db_path: Path,
) -> None:
    import asyncio

    from bot.console import CHAT_ID, start_console_app, stop_console_app
    from bot.stores.chats import ChatStore
    from bot.stores.outbox import Outbox
    from digests.store import Store

    store = Store(db_path, clock=MovingClock(CLOCK))
    outbox, chats = Outbox(store.db, clock=store.clock), ChatStore(store.db, clock=store.clock)
    for chat_id in (5555, 6666, CHAT_ID):
        chats.ensure(chat_id, "private")
    # The live bot's work: a push to a reader (and to the console chat), and an alert it has in flight.
    outbox.enqueue_breaking("live-push", "<b>突发</b>", [5555, CHAT_ID], admin_chat_id=42)
    outbox.enqueue_messages(6666, "alert", "watch:1", ["提醒"])
    store.db.conn.execute("UPDATE outbox SET state = 'sending', attempts = 1 WHERE chat_id = 6666")
    before = {r[0]: r[1:] for r in store.db.conn.execute("SELECT id, state, attempts, updated_at FROM outbox")}
    lines: list[str] = []
    app, request = await start_console_app(make_config(db_path), store, lines.append)
    try:
        sender = app.bot_data.delivery.sender
        for _ in range(200):
            if sender.idle:
                break
            await asyncio.sleep(0.05)
        assert sender.idle
    finally:
        await stop_console_app(app)
    after = {
        r[0]: (r[1], r[2:])
        for r in store.db.conn.execute("SELECT id, chat_id, state, attempts, updated_at FROM outbox")
    }
    reported = store.db.conn.execute("SELECT reported_at FROM broadcasts").fetchall()
    store.close()
    assert [s["chat_id"] for s in request.sent] == [CHAT_ID]  # printed: only the console's own row
    for row_id, (chat_id, state) in after.items():
        if chat_id == CHAT_ID:
            assert state[0] == "sent"
        else:
            assert state == before[row_id]  # untouched: not sent, claimed, recovered or marked
    assert reported == [(None,)]  # the reader's row is still open: no report to the admin


def test_newsbot_run_beside_an_open_console_is_refused_with_status_3(tmp_path: Path) -> None:
    import subprocess

    from bot.runner import EXIT_ALREADY_RUNNING
    from tests.fake_telegram import FakeTelegram
    from tests.subprocesses import newsbot_command, subprocess_env

    db = tmp_path / "bot.db"
    config = write_config(tmp_path / "newsbot.toml", config_dict(db))
    console = subprocess.Popen(
        newsbot_command("chat", "--config", str(config)),
        cwd=tmp_path,
        env=subprocess_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert console.stdout is not None
        for line in console.stdout:  # wait until the console is up (it has ingested and greets)
            if "/quit" in line or "/help" in line:
                break
        with FakeTelegram().running_in_thread() as tg:
            bot_config = write_config(tmp_path / "bot.toml", config_dict(db, token=tg.token, base_url=tg.base_url))
            result = run_newsbot("run", "--config", str(bot_config), cwd=tmp_path, timeout=60)
        assert result.returncode == EXIT_ALREADY_RUNNING, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert "console" in line and "Traceback" not in result.stderr
        assert tg.calls("getUpdates") == []
    finally:
        assert console.stdin is not None
        console.stdin.write("/quit\n")
        console.stdin.close()
        console.wait(timeout=30)
    assert console.returncode == 0
