"""Main-text extraction for ``full_text`` sources: trafilatura vs readability-lxml on Chinese pages.

Usage::

    python benchmarks/bench_fulltext.py [--pages DIR] [--repeat 20]

The pages (``tests/fixtures/pages``: a news agency page, an old GBK portal page in a table
layout, a Big5 Hong Kong page, a flash-news page with heavy chrome) come with the paragraphs a
reader should get (``expected.json``). Both extractors read the same text, decoded by
``digests.feeds.pages``. Recall: the share of the expected characters found; noise: the share of
extracted characters that belong to no expected paragraph (menus, related links, footers).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from readability import Document  # noqa: E402

from digests.feeds.pages import decode_page  # noqa: E402


def with_trafilatura(html: str) -> str:
    return trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""


def with_readability(html: str) -> str:
    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def score(text: str, expected: list[str]) -> tuple[float, float]:
    compact = "".join(text.split())
    want = ["".join(p.split()) for p in expected]
    found = sum(len(p) for p in want if p in compact)
    recall = found / sum(len(p) for p in want)
    rest = compact
    for p in want:
        rest = rest.replace(p, "")
    noise = len(rest) / len(compact) if compact else 0.0
    return recall, noise


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=REPO / "tests" / "fixtures" / "pages")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    expected = json.loads((args.pages / "expected.json").read_text(encoding="utf-8"))
    print("| page | extractor | recall | noise | ms / page |")
    print("|---|---|---|---|---|")
    totals: dict[str, list[float]] = {}
    for name, paragraphs in expected.items():
        html = decode_page((args.pages / name).read_bytes())
        for label, extract in (("trafilatura", with_trafilatura), ("readability-lxml", with_readability)):
            started = time.perf_counter()
            for _ in range(args.repeat):
                text = extract(html)
            ms = (time.perf_counter() - started) / args.repeat * 1000
            recall, noise = score(text, paragraphs)
            totals.setdefault(label, []).extend([recall, noise, ms])
            print(f"| {name} | {label} | {recall:.0%} | {noise:.0%} | {ms:.1f} |")
    for label, values in totals.items():
        n = len(values) // 3
        recall, noise, ms = (sum(values[i::3]) / n for i in range(3))
        print(f"| **all** | {label} | {recall:.0%} | {noise:.0%} | {ms:.1f} |")


if __name__ == "__main__":
    main()
