"""What Simplified/Traditional handling costs (digests/hanzi.py): ingest, index size, digest time.

Prints a markdown table comparing, in the same run, newsbot as shipped with newsbot that does not
know Traditional (the fold table emptied before anything is imported: no folding in matching, and
the reading rules' patterns without Traditional forms), on

* ingest of realistic posts (bench_store.py's recombined real news), once in the Simplified they
  were published in and once converted to Hong Kong Traditional (s2hk), each in a fresh process
  with both cores; CPU seconds of the process and its workers, the wall clock beside them (goal:
  Simplified ingest within 10% of before);
* the full-text index's size (FTS5 data blocks) after that ingest;
* composing a real stream day's digest (grouping folds every headline and opening; here only the
  fold is switched, in-process) and rendering it, then the cost of showing it in each reader's
  script (OpenCC at render time).

Usage::

    python benchmarks/bench_script.py --data ../shared/data --articles 2000
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import load_source, write_posts  # noqa: E402

from digests import hanzi  # noqa: E402

INGEST = """
import json, re, resource, sys, time
from zoneinfo import ZoneInfo
sys.path.insert(0, sys.argv[3])
import digests.hanzi as hanzi
if sys.argv[4] == "off":
    nothing = ({}, re.compile("(?!)"))
    hanzi._fold_table = lambda: nothing
from digests.ingest import ingest
from digests.store import Store
from digests.clock import utc_now  # noqa: E402
store = Store(sys.argv[1], clock=utc_now)
start = time.perf_counter()
report = ingest(store, [sys.argv[2]], tz=ZoneInfo("Asia/Shanghai"), workers=2)
elapsed = time.perf_counter() - start
cpu = sum(r.ru_utime + r.ru_stime for r in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
fts = store.db.execute("SELECT sum(length(block)) FROM articles_fts_data").fetchone()[0]
print(json.dumps({"seconds": elapsed, "cpu": cpu, "new": report.new, "fts_bytes": fts}))
"""


def ingest_once(folder: Path, fold: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [sys.executable, "-c", INGEST, str(Path(tmp) / "b.db"), str(folder), str(ROOT), fold],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def traditional_copy(folder: Path, target: Path) -> None:
    """The same posts in Hong Kong Traditional (front matter keys and markup are ASCII: untouched)."""
    for path in folder.rglob("*.md"):
        out = target / path.relative_to(folder)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(hanzi.to_script(path.read_text(encoding="utf-8"), "港"), encoding="utf-8")


def ingest_rows(data: Path, n: int, repeats: int) -> list[str]:
    source = load_source(data)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        simplified, traditional = Path(tmp) / "s", Path(tmp) / "t"
        write_posts(source, n, simplified)
        traditional_copy(simplified, traditional)
        for name, folder in (("Simplified posts", simplified), ("HK Traditional posts", traditional)):
            ingest_once(folder, "on")  # warm the page cache and the interpreter's files
            runs: dict[str, list[dict]] = {"on": [], "off": []}
            for _ in range(repeats):  # interleaved, so a busy machine slows both sides alike
                for fold in ("off", "on"):
                    runs[fold].append(ingest_once(folder, fold))
            # CPU seconds (the process and its parse workers): on a shared machine, what others run
            # slows the wall clock of both sides unevenly; the CPU an ingest needs stays put.
            best = {fold: min(r["cpu"] for r in rs) for fold, rs in runs.items()}
            wall = {fold: min(r["seconds"] for r in rs) for fold, rs in runs.items()}
            size = {fold: rs[0]["fts_bytes"] for fold, rs in runs.items()}
            rows.append(
                f"| ingest {n} {name}: CPU s (wall s) | {best['on']:.1f} ({wall['on']:.1f}) "
                f"| {best['off']:.1f} ({wall['off']:.1f}) | {best['on'] / best['off']:.3f} |"
            )
            rows.append(
                f"| index size, {name} | {size['on'] / 2**20:.2f} MiB | {size['off'] / 2**20:.2f} MiB "
                f"| {size['on'] / size['off']:.3f} |"
            )
    return rows


def _ms(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median CPU milliseconds of ``fn`` (this process only: the digest is composed in it)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def digest_rows(data: Path, repeats: int) -> list[str]:
    import re

    from bench_digest import digest_of
    from stream_days import stream_days

    from digests.render import render_digest_html

    day = max(stream_days(data, summarize=True), key=lambda d: len(d.articles))
    messages = render_digest_html(digest_of(day))
    folding, nothing = hanzi._fold_table, ({}, re.compile("(?!)"))
    times: dict[str, list[float]] = {"on": [], "off": []}
    for _ in range(repeats):  # interleaved, as the ingest runs
        for side in ("off", "on"):
            hanzi._fold_table = folding if side == "on" else (lambda: nothing)  # type: ignore[assignment]
            times[side].append(_ms(lambda: render_digest_html(digest_of(day)), 1))
    hanzi._fold_table = folding
    on, off = min(times["on"]), min(times["off"])
    rows = [
        f"| compose + render a {len(day.articles)}-article day's digest | {on:.0f} ms | {off:.0f} ms | {on / off:.3f} |"
    ]
    for code in ("繁", "港", "台", "简"):
        shown = _ms(lambda code=code: [hanzi.to_script(m, code) for m in messages], 20)
        rows.append(f"| show that digest in {code} (OpenCC at render time) | {shown:.2f} ms | – | +{shown / on:.2%} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    rows = ["| measure | with folding | without | with / without |", "|---|---|---|---|"]
    rows += ingest_rows(args.data, args.articles, args.repeats)
    rows += digest_rows(args.data, args.repeats)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
