"""Benchmark keyword-watch matching (digests/watching.py) against the loops it replaces.

Usage::

    python benchmarks/bench_watches.py [--data ../shared/data] [--watches 100000] [--articles 1000]

Setting: one ingest run stored ``--articles`` new articles (real ones, from articles-dev.jsonl) and
``--watches`` keyword watches are registered. Watches are drawn like readers write them: 2–4
characters cut out of the corpus (found), two such words together (all must occur), Latin words
and numbers, and made-up CJK words that never occur. Methods, in the same run:

* **ours** — one pyahocorasick automaton over all watches (built once per run), one scan per article;
* **naive loop** — for each article, for each watch, test each of its patterns with ``in`` on the
  same canonical text (same answers; timed on a sample of watches and scaled up linearly, as its
  cost is per watch);
* **FTS query per watch** — ``Store.search`` (what /latest runs) once per watch over a store holding
  the new articles (sampled and scaled up the same way).

All three are checked to give the same matches on the sample. Peak memory of the automaton is the
RSS growth while building it.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digests.clock import utc_now  # noqa: E402
from digests.records import Article  # noqa: E402
from digests.store import Store  # noqa: E402
from digests.watching import Matcher, article_text, naive_matches, patterns  # noqa: E402

NO_TIME = datetime(2022, 1, 5, tzinfo=UTC)
MADE_UP = "璨瑶琦瑾璐翎翊骁骐瀚泓澜沐霖"


def load(path: Path, n: int) -> list[Article]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if len(out) >= n:
                break
            r = json.loads(line)
            paragraphs = tuple(p.strip() for p in (r.get("content") or "").split("\n") if p.strip())
            published = NO_TIME + timedelta(minutes=i)  # distinct times: the store keys by publication second
            out.append(Article(f"a{i:06d}", r.get("title") or "", published, paragraphs, outlet=r.get("source")))
    return out


def make_watches(articles: Sequence[Article], n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    texts = [a.title + "".join(a.paragraphs[:2]) for a in articles]

    def cut() -> str:
        text = rng.choice(texts)
        start = rng.randrange(max(1, len(text) - 4))
        return text[start : start + rng.randint(2, 4)]

    watches = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.55:
            words = cut()
        elif kind < 0.75:
            words = f"{cut()} {cut()}"
        elif kind < 0.85:
            words = rng.choice(["A股", "GDP", "ETF", "5G", "CPI", "2015", "IPO", "LPR", "AI", "PPI"])
        else:
            words = "".join(rng.choice(MADE_UP) for _ in range(rng.randint(2, 4)))
        watches.append(words if patterns(words) else "京津冀")
    return watches


def rss() -> int:
    return psutil.Process().memory_info().rss


def run(data: Path, n_watches: int, n_articles: int, sample: int, fts_sample: int, per_chat: int) -> None:
    articles = load(data / "articles-dev.jsonl", n_articles)
    watches = make_watches(articles, n_watches)
    texts = [article_text(a) for a in articles]
    print(f"{len(articles)} new articles (articles-dev.jsonl), {len(watches):,} watches\n")

    # --- ours, at several sizes ---
    rows = []
    for size in sorted({n_watches // 100, n_watches // 10, n_watches}):
        gc.collect()
        before = rss()
        t0 = time.perf_counter()
        matcher = Matcher(enumerate(watches[:size]))
        build = time.perf_counter() - t0
        grown = (rss() - before) / 2**20
        t0 = time.perf_counter()
        found = sum(len(matcher.matches(t)) for t in texts)
        match = time.perf_counter() - t0
        rows.append((size, build, match, found, grown))
        del matcher
    ours_total = rows[-1][1] + rows[-1][2]

    # --- the loops, on a sample of watches, scaled to all of them ---
    rng = random.Random(5)
    picked = rng.sample(range(n_watches), min(sample, n_watches))
    entries = [(i, patterns(watches[i])) for i in picked]
    t0 = time.perf_counter()
    naive_found = [naive_matches(entries, t) for t in texts]
    naive_total = (time.perf_counter() - t0) * n_watches / len(picked)
    sample_matcher = Matcher((i, watches[i]) for i in picked)
    assert [sorted(sample_matcher.matches(t)) for t in texts] == [sorted(f) for f in naive_found], "naive disagrees"

    store = Store(":memory:", clock=utc_now)
    with store.transaction():
        for article in articles:
            store.upsert(article, content_hash=article.id)
    fts_picked = picked[: min(fts_sample, len(picked))]
    t0 = time.perf_counter()
    fts_found = {i: {a.id for a in store.search(watches[i], 100_000, order="newest")} for i in fts_picked}
    fts_total = (time.perf_counter() - t0) * n_watches / len(fts_picked)
    by_watch: dict[int, set[str]] = {i: set() for i in fts_picked}
    fts_matcher = Matcher((i, watches[i]) for i in fts_picked)
    for article, text in zip(articles, texts):
        for i in fts_matcher.matches(text):
            by_watch[i].add(article.id)
    assert by_watch == fts_found, "FTS disagrees"

    print("**Matching one ingest run** (seconds for all watches; the loops timed on a sample and scaled)\n")
    print("| method | watches timed | seconds | × ours |")
    print("|---|---:|---:|---:|")
    print(f"| ours (automaton: build + match) | {n_watches:,} | {ours_total:.2f} | 1.0 |")
    print(
        f"| naive loop (`in` per watch per article) | {len(picked):,} | {naive_total:.1f} | {naive_total / ours_total:.0f} |"
    )
    print(
        f"| FTS query per watch (`Store.search`) | {len(fts_picked):,} | {fts_total:.1f} | {fts_total / ours_total:.0f} |"
    )
    print("\n**Ours by number of watches** (same articles)\n")
    print("| watches | build s | match s | matches (watch, article) | RSS growth MiB |")
    print("|---:|---:|---:|---:|---:|")
    for size, build, match, found, grown in rows:
        print(f"| {size:,} | {build:.2f} | {match:.2f} | {found:,} | {grown:.0f} |")
    print(f"\nSame matches as the naive loop on {len(picked):,} watches and as FTS on {len(fts_picked):,}.")
    if per_chat:
        end_to_end(articles, watches, per_chat)


def end_to_end(articles: Sequence[Article], watches: Sequence[str], per_chat: int) -> None:
    """The whole alert run as the bot does it: read, match, drop seen/muted, compose, render, queue."""
    import asyncio
    import tempfile

    from bot.delivery.alerter import Alerter
    from bot.stores.chats import ChatStore
    from bot.stores.outbox import Outbox
    from bot.stores.watchlist import Watchlist
    from digests.config import Config
    from digests.watching import normalize_words

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db", clock=utc_now)
        chats, watchlist, outbox = (
            ChatStore(store.db, clock=store.clock),
            Watchlist(store.db, clock=store.clock),
            Outbox(store.db, clock=store.clock),
        )
        n_chats = len(watches) // per_chat
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with store.transaction():
            for chat_id in range(1, n_chats + 1):
                chats.ensure(chat_id, "private")
            rows = {}
            for i, words in enumerate(watches):
                chat_id = i // per_chat + 1
                rows[(chat_id, normalize_words(words))] = (chat_id, normalize_words(words), words, now)
            store.db.conn.executemany(
                "INSERT INTO watches(chat_id, norm, words, created_at) VALUES (?, ?, ?, ?)", rows.values()
            )
            watchlist.set_cursor("2000-01-01T00:00:00+00:00")
            for article in articles:
                store.upsert(article, content_hash=article.id)
        alerter = Alerter(Config(), store, chats, watchlist, outbox, clock=lambda: datetime.now(UTC))
        t0 = time.perf_counter()
        report = asyncio.run(alerter.run())
        seconds = time.perf_counter() - t0
        messages = store.db.execute("SELECT count(*) FROM outbox WHERE kind = 'alert'").fetchone()[0]
        store.close()
    print(
        f"\n**Whole alert run** (`Alerter.run`: {len(rows):,} watches in {n_chats:,} chats, {len(articles):,} new articles)\n"
    )
    print("| seconds | chats alerted | articles listed (incl. folded) | messages queued |")
    print("|---:|---:|---:|---:|")
    print(f"| {seconds:.1f} | {report.chats:,} | {report.listed:,} | {messages:,} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--watches", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=2000, help="watches the naive loop is timed on")
    parser.add_argument("--fts-sample", type=int, default=500, help="watches the FTS baseline is timed on")
    parser.add_argument("--per-chat", type=int, default=5, help="watches per chat in the whole-run timing (0: skip it)")
    args = parser.parse_args()
    if not (args.data / "articles-dev.jsonl").exists():
        sys.exit(f"no articles-dev.jsonl under {args.data} (use --data)")
    run(args.data, args.watches, args.articles, args.sample, args.fts_sample, args.per_chat)


if __name__ == "__main__":
    main()
