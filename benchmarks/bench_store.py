"""Ingest throughput, ingest memory and lookup latency of the article store.

Builds a corpus of realistic posts by recombining titles and paragraphs of real
Chinese news (``articles-dev.jsonl``), then prints a markdown table:

* ingest throughput (articles/s, both cores) against bare jieba segmentation of
  the same text on one core — the floor (goal: ingest time within 1.5× of it);
* rescan of the unchanged corpus (incremental: nothing re-parsed);
* peak memory of the ingest (goal: under 500 MB);
* lookup latency p50/p99 for 1-, 2- and 4-character queries at each size, for
  ``/latest`` (newest first) and ranked search, against a LIKE-scan baseline
  run on the same database in the same run (goal: p99 under 20 ms at 1M).

Usage::

    python benchmarks/bench_store.py --data ../shared/data --articles 100000 --lookup-sizes 100000,1000000
    python benchmarks/bench_store.py --articles 5000 --lookup-sizes 5000   # a quick look
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digests.clock import utc_now  # noqa: E402
from digests.records import Article  # noqa: E402
from digests.store import Store  # noqa: E402

EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass
class Source:
    titles: list[str]
    paragraphs: list[str]
    categories: list[str]


def load_source(data: Path) -> Source:
    titles, paragraphs, categories = [], [], []
    with open(data / "articles-dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            titles.append(row["title"].strip())
            paragraphs.extend(p.strip() for p in row["content"].split("\n") if len(p.strip()) > 10)
            categories.append((row.get("category") or "综合").split()[-1])
    return Source(titles, paragraphs, sorted(set(categories)))


def make_articles(source: Source, n: int, seed: int, max_paragraphs: int = 4):
    """Yield (title, paragraphs, category, published, url) for n recombined articles."""
    rng = random.Random(seed)
    span = 2 * 365 * 24 * 3600
    for i in range(n):
        title = rng.choice(source.titles)
        paras = [rng.choice(source.paragraphs) for _ in range(rng.randint(1, max_paragraphs))]
        published = EPOCH + timedelta(seconds=rng.randrange(span))
        yield title, paras, rng.choice(source.categories), published, f"http://news.example.com/{seed}/{i}.html"


def write_posts(source: Source, n: int, folder: Path) -> list[str]:
    texts = []
    for i, (title, paras, cat, published, url) in enumerate(make_articles(source, n, seed=1)):
        body = "".join(f"<p>{p}</p>\n" for p in paras)
        local = published.astimezone(timezone(timedelta(hours=8)))
        post = (
            f"---\nlayout: post\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"date: {local:%Y-%m-%d %H:%M:%S} +0800\ncategories: {cat}\ntags: {cat}新闻\n---\n\n"
            f"{body}\n<{url}>\n\n[返回{cat}新闻](../{cat}/)｜[返回首页](../)\n"
        )
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{local:%Y-%m-%d}-{i}.md").write_text(post, encoding="utf-8")
        texts.append(title + "\n" + "\n".join(paras))
    return texts


def jieba_floor(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


INGEST_SCRIPT = """
import json, resource, sys, time
from zoneinfo import ZoneInfo
sys.path.insert(0, sys.argv[3])
from digests.ingest import ingest
from digests.store import Store
store = Store(sys.argv[1], clock=utc_now)
start = time.perf_counter()
report = ingest(store, [sys.argv[2]], tz=ZoneInfo("Asia/Shanghai"), workers=int(sys.argv[4]))
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "new": report.new, "unchanged": report.unchanged,
                  "rejected": len(report.rejected),
                  "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_ingest(db: Path, folder: Path, workers: int) -> dict:
    """Run an ingest in a fresh process; also sample the peak memory of its whole process tree."""
    import psutil

    proc = subprocess.Popen(
        [sys.executable, "-c", INGEST_SCRIPT, str(db), str(folder), str(ROOT), str(workers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    root = psutil.Process(proc.pid)
    peak = 0.0
    while proc.poll() is None:
        # Proportional set size summed over the tree: pages the forked workers share with the
        # parent (jieba's dictionary) are counted once, as the machine actually pays for them.
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                total += p.memory_full_info().pss
        except psutil.Error:
            pass
        peak = max(peak, total / 2**20)
        time.sleep(0.25)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"ingest failed with exit status {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    result["pss_total_mb"] = peak
    return result


def fill_store(store: Store, source: Source, n: int, seed: int) -> None:
    """Bulk articles for the lookup benchmark (parsed fields, no summaries: lookups do not need them)."""
    batch = 5000
    articles = make_articles(source, n, seed=seed)
    done = 0
    while done < n:
        with store.transaction():
            for title, paras, cat, published, url in (next(articles) for _ in range(min(batch, n - done))):
                article = Article(
                    id=f"{seed:02d}{done:014d}",
                    title=title,
                    published=published,
                    paragraphs=tuple(paras),
                    categories=(cat,),
                    tags=(cat + "新闻",),
                    url=url,
                )
                store.upsert(article, content_hash=article.id)
                done += 1
        print(f"\r  filled {done}/{n}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def pick_queries(source: Source, length: int, count: int, rng: random.Random) -> list[str]:
    """Substrings that occur in real text: Chinese characters only, of the given length."""
    queries: list[str] = []
    while len(queries) < count:
        para = rng.choice(source.paragraphs)
        start = rng.randrange(max(1, len(para) - length))
        q = para[start : start + length]
        if len(q) == length and all("\u4e00" <= ch <= "\u9fff" for ch in q):
            queries.append(q)
    fixed = {1: ["冀", "中", "的"], 2: ["天津", "北京", "经济"], 4: ["雄安新区", "京津冀协", "人民币汇"]}
    return fixed.get(length, []) + queries


def timed(fn, queries: list[str]) -> tuple[float, float]:
    fn(queries[0])  # warm the page cache for this access path
    times = []
    for q in queries:
        start = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def like_latest(store: Store, q: str, n: int = 5) -> list:
    pattern = f"%{q}%"
    return store.db.execute(
        "SELECT id FROM articles WHERE title LIKE ? OR paragraphs LIKE ? ORDER BY key DESC LIMIT ?",
        [pattern, pattern, n],
    ).fetchall()


def compare_schemes(source: Source, n: int, queries: dict[int, list[str]]) -> None:
    """Recall of our bigram index against a jieba search-mode word index, LIKE as ground truth."""
    import sqlite3

    import jieba

    from digests.fts import index_tokens, match_expression

    jieba.setLogLevel(60)
    docs = [(i, t + "\n" + "\n".join(p)) for i, (t, p, _c, _d, _u) in enumerate(make_articles(source, n, seed=99))]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE docs(id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("CREATE VIRTUAL TABLE bigram USING fts5(body, prefix='1')")
    db.execute("CREATE VIRTUAL TABLE words USING fts5(body)")
    timings = {}
    db.executemany("INSERT INTO docs VALUES (?, ?)", docs)
    start = time.perf_counter()
    db.executemany("INSERT INTO bigram(rowid, body) VALUES (?, ?)", ((i, index_tokens(t)) for i, t in docs))
    timings["bigram"] = time.perf_counter() - start
    start = time.perf_counter()
    db.executemany(
        "INSERT INTO words(rowid, body) VALUES (?, ?)",
        ((i, " ".join(w for w in jieba.cut_for_search(t.lower()) if w.strip())) for i, t in docs),
    )
    timings["words"] = time.perf_counter() - start

    def word_query(q: str) -> str:
        return " ".join('"' + w.replace('"', '""') + '"' for w in jieba.cut_for_search(q.lower()) if w.strip())

    print(f"\n## Index scheme: recall against a LIKE scan ({n:,} articles)\n")
    print(
        "| query length | queries | bigram FTS (ours) recall | jieba search-mode FTS recall | queries jieba misses completely |"
    )
    print("|---|---|---|---|---|")
    for k, qs in queries.items():
        found = {"bigram": 0, "words": 0}
        total = 0
        missed = 0
        for q in qs[:100]:
            truth = {r[0] for r in db.execute("SELECT id FROM docs WHERE text LIKE ?", [f"%{q}%"])}
            if not truth:
                continue
            total += len(truth)
            ours = {r[0] for r in db.execute("SELECT rowid FROM bigram WHERE bigram MATCH ?", [match_expression(q)])}
            theirs = {r[0] for r in db.execute("SELECT rowid FROM words WHERE words MATCH ?", [word_query(q)])}
            found["bigram"] += len(truth & ours)
            found["words"] += len(truth & theirs)
            missed += not (truth & theirs)
        print(f"| {k} | {len(qs[:100])} | {found['bigram'] / total:.1%} | {found['words'] / total:.1%} | {missed} |")
    print(
        f"\nindexing time: bigram {timings['bigram']:.1f} s (tokens in Python), "
        f"jieba search mode {timings['words']:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=100_000, help="ingest corpus size")
    parser.add_argument("--lookup-sizes", default="100000,1000000", help="store sizes for the lookup table")
    parser.add_argument("--queries", type=int, default=200, help="queries per length")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=None, help="keep corpus and databases here")
    parser.add_argument(
        "--scheme-articles",
        type=int,
        default=20_000,
        help="articles for the bigram vs jieba recall comparison (0 skips it)",
    )
    args = parser.parse_args()

    source = load_source(args.data)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="newsbot-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"workdir {work}", file=sys.stderr)

    rows: list[tuple[str, str, str]] = []
    if args.articles:
        folder = work / "posts"
        print(f"writing {args.articles} posts…", file=sys.stderr)
        texts = write_posts(source, args.articles, folder)
        chars = sum(len(t) for t in texts)
        floor_before = jieba_floor(texts)
        db = work / "ingest.db"
        db.unlink(missing_ok=True)
        print("ingesting…", file=sys.stderr)
        first = run_ingest(db, folder, args.workers)
        again = run_ingest(db, folder, args.workers)
        # The machine is noisy: keep the better of two ingests into fresh databases.
        db2 = work / "ingest-2.db"
        db2.unlink(missing_ok=True)
        second = run_ingest(db2, folder, args.workers)
        if second["seconds"] < first["seconds"]:
            first = {**second, "pss_total_mb": max(first["pss_total_mb"], second["pss_total_mb"])}
        # Likewise the floor: the better of a run before and one after the ingests.
        floor = min(floor_before, jieba_floor(texts))
        del texts
        n = args.articles
        rows += [
            ("corpus", f"{n} posts, {chars / n:.0f} chars each on average", ""),
            ("bare jieba segmentation, 1 core (floor)", f"{n / floor:,.0f} articles/s", "1.00×"),
            (
                f"newsbot ingest, {args.workers} workers (parse+summarize+index)",
                f"{n / first['seconds']:,.0f} articles/s",
                f"{first['seconds'] / floor:.2f}× the floor's time (goal ≤ 1.5×)",
            ),
            (
                "rescan of the unchanged corpus",
                f"{first['seconds'] / again['seconds']:,.0f}× faster than first ingest",
                f"{again['unchanged']} unchanged, {again['seconds']:.1f} s",
            ),
            ("peak memory of ingest, all processes (PSS)", f"{first['pss_total_mb']:.0f} MB", "goal < 500 MB"),
            ("peak RSS of the parent process", f"{first['rss_self_mb']:.0f} MB", ""),
            ("rejected", str(first["rejected"]), ""),
        ]
        print("\n## Ingest\n")
        print("| measure | result | note |\n|---|---|---|")
        for r in rows:
            print(f"| {r[0]} | {r[1]} | {r[2]} |")

    rng = random.Random(7)
    query_sets = {k: pick_queries(source, k, args.queries, rng) for k in (1, 2, 4)}
    if args.scheme_articles:
        compare_schemes(source, args.scheme_articles, query_sets)
    print("\n## Lookup latency (ms, p50 / p99)\n")
    print(
        "| articles | query length | /latest (FTS, newest first) | ranked search (best match among newest 300) | LIKE scan baseline, newest first | speed-up at p99 |"
    )
    print("|---|---|---|---|---|---|")
    for size in [int(s) for s in args.lookup_sizes.split(",") if s]:
        db = work / f"lookup-{size}.db"
        store = Store(db, clock=utc_now)
        have = store.count()
        if have < size:
            print(f"building {size}-article store…", file=sys.stderr)
            fill_store(store, source, size - have, seed=10 + have // 1_000_000)
        for k, queries in query_sets.items():
            latest = timed(lambda q, s=store: s.search(q, 5, order="newest"), queries)
            ranked = timed(lambda q, s=store: s.search(q, 5), queries)
            like = timed(lambda q, s=store: like_latest(s, q), queries[: max(20, len(queries) // 10)])
            print(
                f"| {size:,} | {k} | {latest[0]:.2f} / {latest[1]:.2f} | {ranked[0]:.2f} / {ranked[1]:.2f} "
                f"| {like[0]:.1f} / {like[1]:.1f} | {like[1] / latest[1]:,.0f}× |",
                flush=True,
            )
        store.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n(benchmark process peak RSS {rss:.0f} MB; machine: {sys.platform}, Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
