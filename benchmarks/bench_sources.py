"""One poll cycle of many feed sources against local servers: ours vs a plain sequential loop.

Usage::

    python benchmarks/bench_sources.py [--sources 500] [--hosts 10] [--entries 20] [--changed 0.5]

Serves ``--sources`` RSS feeds from ``--hosts`` local servers (in a child process, each answer
``--latency-ms`` late, as a server across the network is) (127.0.0.1, 127.0.0.2, …: hosts
with many feeds each, like RSSHub), primes every source once, then changes ``--changed`` of the
feeds (five new entries each, a new ETag) and measures the second cycle, a mix of 200s and 304s:

* ours: ``digests.feeds`` (aiohttp, ``per_host``/``concurrency`` limits, conditional GET, parse in
  a thread, store + summarize the new entries into SQLite);
* baseline: ``feedparser.parse(url, etag=…)`` one source after another (fetch and parse only:
  it stores nothing).

Reports wall time, CPU time per source and per entry read, and the peak of Python allocations
(tracemalloc, a separate run of each).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import multiprocessing
import random
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import feedparser  # noqa: E402

from digests.clock import utc_now  # noqa: E402
from digests.config import SourcesConfig  # noqa: E402
from digests.config_values import FeedSource  # noqa: E402
from digests.feeds.parse import Feed  # noqa: E402
from digests.feeds.poll import Outcome, Poller, Stored, ThreadWriter, new_fetcher  # noqa: E402
from digests.feeds.state import SourceRow, SourceTable  # noqa: E402
from digests.store import Store  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2023, 8, 2, 12, 0, tzinfo=UTC)
WORDS = ["京津冀", "协同发展", "央行", "货币政策", "防汛", "救灾", "成交额", "突破", "评级", "确认", "票房", "暑期档"]


def rss(feed: int, first: int, count: int) -> str:
    rng = random.Random(feed * 100_000 + first)
    items = []
    for n in range(first, first + count):
        text = "，".join("".join(rng.choices(WORDS, k=4)) for _ in range(6)) + "。"
        items.append(
            f"<item><title>第{feed}号源快讯{n}：{''.join(rng.choices(WORDS, k=3))}</title>"
            f"<link>https://example.cn/{feed}/{n}</link><guid>https://example.cn/{feed}/{n}</guid>"
            f"<description><![CDATA[<p>{text}</p><p>{text[::-1]}</p>]]></description>"
            f"<pubDate>Wed, 02 Aug 2023 {n % 24:02d}:00:00 +0800</pubDate></item>"
        )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>源{feed}</title>{"".join(items)}</channel></rss>'


def write_feeds(folder: Path, sources: int, entries: int, changed: set[int], version: int) -> None:
    for feed in range(sources):
        first = 5 if version and feed in changed else 0
        if version and feed not in changed:
            continue  # unchanged: same file, same ETag → 304
        (folder / f"{feed}.xml").write_text(rss(feed, first, entries), encoding="utf-8")


def serve_folder(folder: str, hosts: int, latency: float, ready: Any) -> None:
    """The feed servers, in a child process so their threads never share the measured one's GIL.
    The ETag is the file's size and mtime: a rewritten feed answers 200, an unchanged one 304."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(latency)  # the network's round trip and the server's own time
            path = Path(folder) / (self.path.rsplit("/", 1)[-1] + ".xml")
            stat = path.stat()
            etag = f'"{stat.st_size}-{stat.st_mtime_ns}"'
            status, body = (304, b"") if self.headers.get("If-None-Match") == etag else (200, path.read_bytes())
            self.send_response(status)
            self.send_header("ETag", etag)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for i in range(hosts):
        httpd = ThreadingHTTPServer((f"127.0.0.{i + 1}", 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(f"http://127.0.0.{i + 1}:{httpd.server_address[1]}")
    ready.put(servers)
    threading.Event().wait()


class FetchAndParseOnly(Poller):
    """Ours without the store: what the HTTP and parsing side costs against the sequential loop."""

    def store_feed(self, store: Store, source: SourceRow, feed: Feed) -> Stored:
        return Stored(0, 0, 0)

    def record(self, store: Store, source: SourceRow, outcome: Outcome) -> None:
        pass


async def ours_cycle(store: Store, settings: SourcesConfig, *, store_entries: bool = True) -> int:
    writer = ThreadWriter(store)
    kind = Poller if store_entries else FetchAndParseOnly
    try:
        async with new_fetcher(settings) as fetcher:
            poller = kind(settings, writer, tz=TZ, clock=lambda: NOW)
            report = await poller.poll(SourceTable(store.db.conn).all(), fetcher)
    finally:
        writer.close()
    assert not report.failed, report.failed[:3]
    return sum(o.items for o in report.outcomes)


def baseline_cycle(urls: list[str], etags: dict[str, str]) -> int:
    read = 0
    for url in urls:
        parsed = feedparser.parse(url, etag=etags.get(url))
        if getattr(parsed, "etag", None):
            etags[url] = parsed.etag
        read += len(parsed.entries)
    return read


def measure(fn: Callable[[], int]) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    read = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, read


def peak(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=int, default=500)
    ap.add_argument("--hosts", type=int, default=10)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--changed", type=float, default=0.5)
    ap.add_argument("--latency-ms", type=float, default=50.0, help="Added to each response (a real server's RTT).")
    args = ap.parse_args()
    changed = set(random.Random(7).sample(range(args.sources), int(args.sources * args.changed)))
    rows = []
    mems: list[float] = []
    with tempfile.TemporaryDirectory() as feeds_dir:
        folder = Path(feeds_dir)
        write_feeds(folder, args.sources, args.entries, changed, 0)
        ready: Any = multiprocessing.Queue()
        child = multiprocessing.Process(
            target=serve_folder, args=(feeds_dir, args.hosts, args.latency_ms / 1000, ready), daemon=True
        )
        child.start()
        bases = ready.get(timeout=30)
        urls = [f"{bases[feed % len(bases)]}/feed/{feed}" for feed in range(args.sources)]
        try:
            for run in ("time", "memory"):
                write_feeds(folder, args.sources, args.entries, changed, 0)
                time.sleep(0.01)  # a rewrite below gets another mtime
                settings = SourcesConfig(
                    allow_private=True, feeds=tuple(FeedSource(u, "bench") for u in urls), timeout_seconds=60
                )
                with tempfile.TemporaryDirectory() as tmp:
                    store = Store(Path(tmp) / "bench.db", clock=utc_now)
                    SourceTable(store.db.conn).sync_config(settings.feeds, NOW)
                    asyncio.run(ours_cycle(store, settings))  # prime: every entry new, ETags stored
                    etags: dict[str, str] = {}
                    baseline_cycle(urls, etags)
                    write_feeds(folder, args.sources, args.entries, changed, 1)
                    ours = functools.partial(lambda st, se: asyncio.run(ours_cycle(st, se)), store, settings)
                    fetch_only = functools.partial(
                        lambda st, se: asyncio.run(ours_cycle(st, se, store_entries=False)), store, settings
                    )
                    base = functools.partial(baseline_cycle, urls, etags)
                    if run == "time":
                        rows.append(("ours: fetch and parse only (no store)", *measure(fetch_only)))
                        rows.append(("sequential feedparser.parse (no store)", *measure(base)))
                        rows.append(("ours: fetch, parse, store, summarize", *measure(ours)))
                    else:
                        mems = [peak(fetch_only), peak(base), peak(ours)]
                    store.close()
        finally:
            child.terminate()
    n = args.sources
    print(
        f"{n} sources on {args.hosts} hosts, {args.entries} entries each, {args.latency_ms:g} ms per response; "
        "second cycle: "
        f"{len(changed)} changed (200, 5 new entries each), {n - len(changed)} unchanged (304)\n"
    )
    print("| way | wall s | CPU s | CPU ms / source | CPU µs / entry read | peak Python MB |")
    print("|---|---|---|---|---|---|")
    for (name, wall, cpu, read), mem in zip(rows, mems):
        print(
            f"| {name} | {wall:.2f} | {cpu:.2f} | {cpu / n * 1000:.2f} | {cpu / max(read, 1) * 1e6:.0f} | {mem:.1f} |"
        )
    print(f"\nfetch and parse: ours {rows[1][1] / rows[0][1]:.1f}× the sequential loop's speed (wall time)")


if __name__ == "__main__":
    main()
