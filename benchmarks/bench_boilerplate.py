"""How much boilerplate removal cuts, on real data, and a random sample of the cuts to eyeball.

    .venv/bin/python benchmarks/bench_boilerplate.py [--sample 40] [--seed 0]

Reads ../shared/data/stream-dev.jsonl (headline-less stream: split into paragraphs as
digests.textdoc does) and ../shared/data/articles-dev.jsonl (paragraphs on line breaks).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from digests.boilerplate import clean_paragraphs
from digests.textdoc import original_title, split_paragraphs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    cuts: list[tuple[str, str]] = []
    for name, field in (("stream-dev.jsonl", "text"), ("articles-dev.jsonl", "content")):
        docs = [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]
        chars = removed = paras = dropped = touched = 0
        for doc in docs:
            text = doc[field]
            if field == "text":
                found = original_title(text)
                body = found[1] if found else text
                paragraphs = split_paragraphs(body)
            else:
                body = text
                paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
            cleaned = clean_paragraphs(paragraphs)
            chars += sum(len(p) for p in paragraphs)
            removed += sum(len(p) for p in paragraphs) - sum(len(p) for p in cleaned.paragraphs)
            paras += len(paragraphs)
            dropped += len(paragraphs) - len(cleaned.paragraphs)
            touched += bool(cleaned.removed)
            cuts.extend((doc["id"], r) for r in cleaned.removed)
        print(
            f"{name}: {len(docs)} docs, {touched} with cuts; chars {removed:,}/{chars:,} "
            f"({removed / max(chars, 1):.1%}); paragraphs dropped {dropped}/{paras}"
        )
    random.Random(args.seed).shuffle(cuts)
    print(f"\n{len(cuts)} cuts; a random {args.sample}:")
    for doc_id, cut in cuts[: args.sample]:
        print(f"  {doc_id}: {cut[:120]!r}")


if __name__ == "__main__":
    main()
