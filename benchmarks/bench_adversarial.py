"""Time per KB of hostile posts at growing sizes: it must stay flat (linear time), like normal news.

Usage::

    python benchmarks/bench_adversarial.py [--data ../shared/data] [--sizes 10,40,160,360] [--repeat 3]
    python benchmarks/bench_adversarial.py --series short-names

Each case is a post built at every size (KB of UTF-8) and pushed through the four stages a post
meets: **parse** (``parse_post``: front matter, HTML/Markdown body; and its full-text index
tokens, as an ingest worker does), **split**
(``split_sentences`` of its paragraphs), **summarize** (``summarize`` with its title) and
**render** (``/latest`` list entry, breaking push of the article, and of the whole body as a
plain-text push, each cut to 1,024 UTF-16 units so that every size needs cutting).

Cases: one paragraph with no punctuation at all (``long run``); a bracket opened and never closed
(``unclosed bracket``); thousands of one-line paragraphs (``short paragraphs``); thousands of
two-character sentences in one paragraph (``short fragments``); digits, dotted words and e-mail-like
runs (``latin/digit runs``); unclosed Markdown links and long space runs (``brackets+spaces``);
one HTML paragraph of single characters between ``<br>`` (``html line breaks``); a
title of the full size over a short body (``long title``); one short document name after another
(``short names``: ``《方案》指出。`` repeated, each leaning on a full form that never comes — issue 17
measured 1.6/5.1/23.9/75.1 s to ingest 64/128/256/512 KB of it before the reading rules read each
sentence once).  ``--series short-names`` runs that case (and normal text) at 64, 128, 256 and 512 KB.  The baseline in the same run,
``normal``, is real news text (``articles-dev.jsonl`` under ``--data``, else the test fixtures)
repeated to the same size.

The table gives µs per KB at each size, **growth** (µs/KB at the largest size ÷ at the smallest:
≈1 is linear, a quadratic path doubles it with every doubling of size), **worst step** (the largest
such ratio between neighbouring sizes) and **vs normal** (µs/KB of the case ÷ of normal text, at the
largest size).  Timings are CPU time of this process (other load on the machine distorts wall
clock), the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digests.posts import parse_post  # noqa: E402
from digests.records import Article  # noqa: E402
from digests.render import render_articles_html, render_breaking_html  # noqa: E402
from digests.sentences import split_sentences  # noqa: E402
from digests.store import article_tokens  # noqa: E402
from digests.summarizer import summarize  # noqa: E402
from digests.word_vectors import warm_up  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 2, 25, 8, 0, tzinfo=UTC)
STAGES = ("parse", "split", "summarize", "render")
RENDER_LIMIT = 1024  # below Telegram's 4,096 so that even the smallest size must be cut
SHORT_BODY = "<p>央行今天宣布降低存款准备金率0.5个百分点。</p><p>此次降准共计释放长期资金约1万亿元。</p>"


def repeat_to(unit: str, size_bytes: int) -> str:
    """``unit`` repeated to ``size_bytes`` of UTF-8 (cut on a character)."""
    per = len(unit.encode("utf-8"))
    text = unit * (size_bytes // per + 1)
    return text.encode("utf-8")[:size_bytes].decode("utf-8", "ignore")


def normal_text(data: Path | None) -> str:
    """Real Chinese news paragraphs, one per line."""
    path = data / "articles-dev.jsonl" if data else None
    if path and path.exists():
        with path.open(encoding="utf-8") as fh:
            return "\n".join(json.loads(line)["content"] for _, line in zip(range(200), fh))
    fixtures = sorted((REPO / "digests" / "sample_posts").glob("2021-*.md"))
    return "\n".join(p.read_text(encoding="utf-8").split("---", 2)[2] for p in fixtures)


def cases(normal: str) -> dict[str, Callable[[int], tuple[str, str]]]:
    """Case name → size in bytes → (title, Markdown/HTML body)."""
    paragraphs = "\n\n".join(line.strip() for line in normal.splitlines() if line.strip())
    return {
        "normal": lambda n: ("央行宣布降准", repeat_to(paragraphs + "\n\n", n)),
        "long run": lambda n: ("央行宣布降准", repeat_to("中国人民银行今天宣布降低存款准备金率", n)),
        "unclosed bracket": lambda n: ("央行宣布降准", "（" + repeat_to("今天天气很好，我们出去玩。", n)),
        "short paragraphs": lambda n: ("央行宣布降准", repeat_to("对！\n\n", n)),
        "short fragments": lambda n: ("央行宣布降准", repeat_to("好。", n)),
        "latin/digit runs": lambda n: (
            "央行宣布降准",
            "\n\n".join(repeat_to(u, n // 4) for u in ("1", "ab.", "x@", "1a")),
        ),
        "brackets+spaces": lambda n: (
            "央行宣布降准",
            repeat_to("[", n // 4) + "\n\n" + repeat_to("[返回", n // 4) + "\n\n<" + " " * (n // 4) + "x\n\n正文"
            f'<p class="em_media">来源：北方{" " * (n // 4)}网</p>',
        ),
        "html line breaks": lambda n: ("央行宣布降准", "<p>" + repeat_to("正<br>", n) + "</p>"),
        "long title": lambda n: (repeat_to("中国人民银行今天宣布降低存款准备金率", n), SHORT_BODY),
        "short names": lambda n: ("央行宣布降准", repeat_to("《方案》指出。", n)),
    }


# Named runs: (sizes in KB, cases) of a hostile input reported in an issue.
SERIES = {"short-names": ("64,128,256,512", "short names")}


def post_text(title: str, body: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: 2022-02-25 16:00:00 +0800\n---\n{body}\n"


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def measure(title: str, body: str, repeat: int) -> dict[str, float]:
    text = post_text(title, body)

    def parse() -> Article:
        article = parse_post(text, tz=TZ, filename="2022-02-25-bench.md").article
        article_tokens(article)  # the full-text index tokens, computed next to parsing at ingest
        return article

    t_parse, parsed = best_of(repeat, parse)
    article: Article = parsed  # type: ignore[assignment]
    t_split, _ = best_of(repeat, lambda: split_sentences(article.paragraphs))
    t_summ, summary = best_of(repeat, lambda: summarize(article.paragraphs, title=article.title))
    shown = Article(article.id, article.title, article.published, article.paragraphs, summary=tuple(summary))  # type: ignore[arg-type]

    def render() -> None:
        render_articles_html([shown], TZ, now=NOW, limit=RENDER_LIMIT)
        render_breaking_html(shown, tz=TZ, now=NOW, limit=RENDER_LIMIT)
        render_breaking_html(article.body, tz=TZ, limit=RENDER_LIMIT)  # a pushed text of the same size

    t_render, _ = best_of(repeat, render)
    return {"parse": t_parse, "split": t_split, "summarize": t_summ, "render": t_render}


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="folder with articles-dev.jsonl")
    ap.add_argument("--sizes", default="10,40,160,360", help="post sizes in KB, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs per timing")
    ap.add_argument("--cases", help="only these cases (comma-separated names)")
    ap.add_argument("--series", choices=sorted(SERIES), help="sizes and cases of a reported hostile input")
    args = ap.parse_args(argv)
    if args.series:
        args.sizes, args.cases = SERIES[args.series]
    sizes = [int(s) for s in args.sizes.split(",")]
    warm_up()
    all_cases = cases(normal_text(args.data if args.data.exists() else None))
    measure(*all_cases["normal"](4096), 1)  # first calls compile regexes and load lxml: not what we measure
    chosen = args.cases.split(",") if args.cases else list(all_cases)
    if "normal" not in chosen:
        chosen.insert(0, "normal")
    per_kb: dict[tuple[str, str], list[float]] = {}
    for name in chosen:
        for size in sizes:
            title, body = all_cases[name](size * 1024)
            times = measure(title, body, args.repeat)
            for stage in STAGES:
                per_kb.setdefault((name, stage), []).append(times[stage] * 1e6 / size)
            print(f"  {name} {size} KB: " + ", ".join(f"{s} {times[s]:.3f}s" for s in STAGES), file=sys.stderr)

    head = " | ".join(f"µs/KB at {s} KB" for s in sizes)
    print(f"| case | stage | {head} | growth | worst step | vs normal |")
    print("|---|---|" + "---:|" * (len(sizes) + 3))
    for name in chosen:
        for stage in STAGES:
            row = per_kb[(name, stage)]
            growth = _ratio(row[-1], row[0])
            # A quadratic path multiplies µs/KB by the size ratio at every step (4× from 10 to 40 KB).
            worst = max(_ratio(b, a) for a, b in pairwise(row)) if len(row) > 1 else 1.0
            versus = _ratio(row[-1], per_kb[("normal", stage)][-1])
            cells = " | ".join(f"{v:,.0f}" for v in row)
            print(f"| {name} | {stage} | {cells} | {growth:.2f}× | {worst:.2f}× | {versus:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
