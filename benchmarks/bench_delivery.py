"""Benchmark the push pipeline: one daily digest to N subscribed chats through FakeTelegram.

Usage::

    python benchmarks/bench_delivery.py [--chats 10000] [--scale 10] [--concurrency 16]
    python benchmarks/bench_delivery.py --paid --chats 20000 --concurrency 32   # 1,000/s paid push

FakeTelegram enforces Telegram's limits (30 msg/s overall, 1/s per private
chat, 20/min per group, sliding windows) and answers 429 when one is exceeded.
``--scale`` compresses time for both sides alike (×10: windows of 0.1 s, so
300 msg/s overall, 10/s per chat) so the run stays short; the report says so.

The real path is measured: the digest check (compose + render once, enqueue
N outbox rows in one transaction), then the sender draining the outbox over
HTTP with python-telegram-bot. ``--paid`` instead pushes one breaking message to every chat
as a paid broadcast (``allow_paid_broadcast``; the stand-in allows 1,000/s overall for those,
1/s per chat), with the sender's paid rate at 1,000/s. Reported: achieved messages/s as a fraction of
the overall cap, 429 answers, duplicates, lost messages, peak RSS (the
stand-in server runs in the same process, in its own thread, so it is included).
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.chats import ChatStore  # noqa: E402
from bot.delivery.outbox import Outbox  # noqa: E402
from bot.delivery.scheduling import Scheduler  # noqa: E402
from digests.config import load_config  # noqa: E402
from digests.ingest import ingest  # noqa: E402
from digests.store import Store  # noqa: E402
from tests.fake_telegram import FakeTelegram, RateLimits  # noqa: E402

POSTS = REPO / "digests" / "sample_posts"  # emnews posts of 2021-12-08 (UTC) and the seed post
DIGEST_AT = datetime(2021, 12, 8, 8, 1, tzinfo=UTC)  # 16:01 Shanghai


def bench(chats: int, scale: float, concurrency: int, paid: bool = False) -> dict[str, object]:
    limits = RateLimits(scale=scale)
    overall_cap = (limits.paid_overall if paid else limits.overall)[0] * scale  # type: ignore[index]
    private_cap = limits.private_chat[0] * scale  # type: ignore[index]
    group_cap = limits.group_chat[0] * scale  # type: ignore[index]
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeTelegram(strict_chats=False, rate_limits=limits).running_in_thread() as tg,
    ):
        tmp_path = Path(tmp)
        db_path = tmp_path / "bench.db"
        config_path = tmp_path / "bench.toml"
        config_path.write_text(
            f"""
[telegram]
token = "{tg.token}"
base_url = "{tg.base_url}"
poll_timeout = 5
[store]
path = "{db_path}"
[posts]
dirs = ["{POSTS}"]
rescan_minutes = 0
[digest]
time = "16:00"
grace_hours = 0   # the bot's own start-up check must not queue today's digest on top
[delivery]
global_per_second = {overall_cap}
private_per_second = {private_cap}
group_per_minute = {group_cap}
concurrency = {concurrency}
window_seconds = {1 / scale}
paid_broadcast = {"true" if paid else "false"}
paid_per_second = {overall_cap if paid else 1000}
""",
            encoding="utf-8",
        )
        config = load_config(config_path)
        store = Store(db_path, display_names=config.categories)
        ingest(store, [POSTS], tz=config.digest.tz)
        checker = replace(config, digest=replace(config.digest, grace_hours=6.0))
        chat_store = ChatStore(store.db, default_time=checker.digest.time, default_zone=checker.digest.timezone)
        outbox = Outbox(store.db)
        scheduler = Scheduler(checker, store, chat_store, outbox, clock=lambda: DIGEST_AT, wake=lambda: None)
        with store.transaction():
            for chat_id in range(1, chats + 1):
                chat_store.ensure(chat_id, "private")
                chat_store.subscribe(chat_id, "emnews")
        # The real digest check (compose + render once, one transaction for N chats), here with
        # the clock at the digest time; the bot process then drains the outbox.
        t0 = time.perf_counter()
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        if paid:
            outbox.enqueue_breaking("bench:paid", "<b>突发</b> 基准测试消息", range(1, chats + 1), admin_chat_id=None)
            enqueued = 1
        else:
            enqueued = scheduler.check_due().enqueued
        t_enqueue = time.perf_counter() - t0
        expected = outbox.open_count()
        store.close()

        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("NEWSBOT_TELEGRAM_TOKEN", None)
        log_file = open(tmp_path / "bot.log", "wb")  # noqa: SIM115 - the bot process writes it until the end
        profile = ["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]] if os.environ.get("BENCH_PROFILE") else []
        bot = subprocess.Popen(
            [sys.executable, *profile, "-m", "bot.cli", "run", "--config", str(config_path)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
        try:
            # The bot's CPU from its first send to its last: the sender's own cost per message,
            # without start-up (imports, the ingest check), which the rusage total includes.
            tg.wait_until_sync(lambda: tg.stats().sent >= 1 or bot.poll() is not None, timeout=120, what="first send")
            proc = psutil.Process(bot.pid)
            cpu_first, sent_first = sum(proc.cpu_times()[:2]), tg.stats().sent
            tg.wait_until_sync(
                lambda: tg.stats().sent >= expected or bot.poll() is not None,
                timeout=expected / overall_cap * 3 + 60,
                what="every message delivered",
            )
            cpu_last, sent_last = sum(proc.cpu_times()[:2]), tg.stats().sent
            time.sleep(0.5)  # would-be duplicates / stragglers get a chance to show up
        finally:
            bot.terminate()
            bot.wait(timeout=30)
            log_file.close()
        if tg.stats().sent < expected:
            sys.exit("bot exited early:\n" + (tmp_path / "bot.log").read_text(encoding="utf-8")[-3000:])
        sends = [m for m in tg.messages() if m.kind == "send"]
        stats = tg.stats()
        own = resource.getrusage(resource.RUSAGE_SELF)
        stand_in_cpu = own.ru_utime + own.ru_stime - own_before.ru_utime - own_before.ru_stime

    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    first, last = min(m.at for m in sends), max(m.at for m in sends)
    span = last - first
    rate = (len(sends) - 1) / span if span > 0 else float("nan")
    copies = Counter((m.chat_id, m.text) for m in sends)
    return {
        "chats": chats,
        "digests_enqueued": enqueued,
        "paid": paid,
        "paid_sends": stats.paid,
        "messages_expected": expected,
        "messages_delivered": len(sends),
        "enqueue_s": t_enqueue,
        "total_s": span,
        "rate": rate,
        "cap": overall_cap,
        "private_cap": private_cap,
        "rate_limited": stats.rate_limited,
        "duplicates": sum(n - 1 for n in copies.values()),
        "lost": expected - len(copies),
        "maxrss_mb": child.ru_maxrss / 1024,
        "stand_in_ms_per_msg": stand_in_cpu / max(1, len(sends)) * 1000,
        "cpu_ms_per_msg": (child.ru_utime + child.ru_stime) / max(1, len(sends)) * 1000,
        "steady_cpu_ms_per_msg": (cpu_last - cpu_first) / max(1, sent_last - sent_first) * 1000,
        "scale": scale,
        "concurrency": concurrency,
    }


def table(r: dict[str, object]) -> str:
    rate, cap = float(r["rate"]), float(r["cap"])  # type: ignore[arg-type]
    rows = [
        ("chats (private, subscribed)", f"{r['chats']:,}"),
        (
            "limits (stand-in = sender)",
            f"×{r['scale']:g}: {cap:g} msg/s overall, {float(r['private_cap']):g}/s per chat",
        ),  # type: ignore[arg-type]
        (
            "paid breaking push: enqueue" if r["paid"] else "digest check: compose + enqueue",
            f"{float(r['enqueue_s']):.2f} s ({r['digests_enqueued']} {'push' if r['paid'] else 'digests'})",  # type: ignore[arg-type]
        ),
        ("messages delivered / expected", f"{r['messages_delivered']:,} / {r['messages_expected']:,}"),
        ("achieved rate (first→last send)", f"{rate:.1f} msg/s = **{rate / cap:.1%} of cap** (goal ≥ 90%)"),
        ("first → last send", f"{float(r['total_s']):.1f} s"),  # type: ignore[arg-type]
        ("429 answers", f"{r['rate_limited']} (goal 0)"),
        ("sends with allow_paid_broadcast", f"{r['paid_sends']:,}"),
        ("duplicates", f"{r['duplicates']} (goal 0)"),
        ("lost", f"{r['lost']} (goal 0)"),
        ("peak RSS of the bot process", f"{float(r['maxrss_mb']):.0f} MB"),  # type: ignore[arg-type]
        ("bot CPU per message (incl. start-up)", f"{float(r['cpu_ms_per_msg']):.2f} ms"),  # type: ignore[arg-type]
        ("bot CPU per message, first → last send", f"{float(r['steady_cpu_ms_per_msg']):.2f} ms"),  # type: ignore[arg-type]
        ("stand-in CPU per message", f"{float(r['stand_in_ms_per_msg']):.2f} ms"),  # type: ignore[arg-type]
        ("sender concurrency", str(r["concurrency"])),
    ]
    lines = ["| measure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--scale", type=float, default=5.0, help="time compression for both sides (default ×5)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--paid", action="store_true", help="one paid breaking push at 1,000/s instead of digests")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    result = bench(args.chats, 1.0 if args.paid else args.scale, args.concurrency, args.paid)
    print(table(result))


if __name__ == "__main__":
    main()
