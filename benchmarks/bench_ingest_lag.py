"""How long the bot's event loop stalls while the bot ingests posts (/ingest, the periodic rescan).

Usage::

    python benchmarks/bench_ingest_lag.py [--posts 9] [--kb 360]

Writes ``--posts`` hostile posts of ``--kb`` KB (one unpunctuated run each) and ingests them while
a task on the same event loop ticks every 10 ms; reports the worst delay of a tick. Compared in
the same run: ingest in a worker thread (shares the GIL with the loop) and in a child process
(``digests.ingest.ingest_in_background``, what the bot does).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digests.clock import utc_now  # noqa: E402
from digests.ingest import ingest, ingest_in_background  # noqa: E402
from digests.store import Store  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")


def write_posts(folder: Path, count: int, kb: int) -> None:
    body = "京津冀协同发展" * (kb * 1024 // 21)
    for i in range(count):
        text = f'---\ntitle: "长文{i}"\ndate: 2022-03-01 09:00:00 +0800\ncategories: t\ntags: 测试\n---\n\n{body}{i}\n'
        (folder / f"2022-03-01-long{i}.md").write_text(text, encoding="utf-8")


async def worst_lag(way: str, db: Path, folder: Path) -> float:
    store = Store(db, clock=utc_now)
    worst, done = 0.0, False

    async def tick() -> None:
        nonlocal worst
        while not done:
            start = time.perf_counter()
            await asyncio.sleep(0.01)
            worst = max(worst, time.perf_counter() - start - 0.01)

    ticker = asyncio.create_task(tick())
    if way == "thread":
        await asyncio.to_thread(ingest, store, [folder], tz=TZ, workers=1)
    else:
        await ingest_in_background(store, [folder], tz=TZ)
    done = True
    await ticker
    store.close()
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=9)
    parser.add_argument("--kb", type=int, default=360)
    args = parser.parse_args()
    print("| ingest of hostile posts | worst event-loop delay |\n|---|---:|")
    for way in ("thread", "child process"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "posts"
            folder.mkdir()
            write_posts(folder, args.posts, args.kb)
            lag = asyncio.run(worst_lag(way.split()[0], Path(tmp) / "bench.db", folder))
            print(f"| {args.posts} × {args.kb} KB, {way} | {lag * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
