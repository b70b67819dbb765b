"""Draw a further blind sample of article pairs for the story-grouping dev set (the fresh3 draw).

Usage::

    python benchmarks/draw_fresh_pairs.py [--data ../shared/data] [--seed 20261205] [--name fresh3] [--out DIR]

Standard library only, deterministic.  Per stream day, skipping every pair already in
``benchmarks/data/story_pairs*.jsonl``: character-trigram TF-IDF cosine over the first 400
characters after a leading 原标题： (benchmarks/make_pair_candidates.py), then 12 pairs at cosine
≥ 0.8, 12 at 0.5–0.8, 18 at 0.25–0.5, 18 at 0.12–0.25 (automated quote, net-value and capital-flow
flashes left out of these), 6 look-alike pairs of two such flashes, 6 random pairs and 8 pairs
that share a rare six-character run at cosine 0.08–0.5.  A day whose similar pairs are used up
gives fewer.  Writes ``to_label.jsonl`` (both texts' openings, shuffled, for the labeler, who sees
no scores) and ``pairs_key.jsonl`` (cosine and bucket, for later analysis) into ``--out``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from make_pair_candidates import _RARE, all_cosines, clean, draw, tfidf_vectors

HERE = Path(__file__).resolve().parent
_FLASH = re.compile(r"股票行情快报|最新净值|资金流向")


def day_sample(docs: list[dict], existing: set[frozenset[str]], rng: random.Random) -> list[tuple[int, int, str]]:
    texts = [clean(re.sub(r"^原标题[：:]", "", d["text"]))[:400] for d in docs]
    cos = all_cosines(tfidf_vectors(texts))
    taken = {p for p in cos if frozenset((docs[p[0]]["id"], docs[p[1]]["id"])) in existing}
    flash = [bool(_FLASH.search(t[:120])) for t in texts]

    def band(lo: float, hi: float) -> list[tuple[int, int]]:
        return [p for p, s in cos.items() if lo <= s < hi and not (flash[p[0]] and flash[p[1]])]

    out = [(*p, "very high") for p in draw(band(0.8, 2.0), 12, rng, taken)]
    out += [(*p, "high") for p in draw(band(0.5, 0.8), 12, rng, taken)]
    out += [(*p, "mid") for p in draw(band(0.25, 0.5), 18, rng, taken)]
    out += [(*p, "low") for p in draw(band(0.12, 0.25), 18, rng, taken)]
    looks = [p for p, s in cos.items() if s >= 0.3 and flash[p[0]] and flash[p[1]]]
    out += [(*p, "template") for p in draw(looks, 6, rng, taken)]
    randoms = 0
    while randoms < 6:
        i, j = sorted(rng.sample(range(len(docs)), 2))
        if (i, j) not in taken:
            taken.add((i, j))
            out.append((i, j, "random"))
            randoms += 1
    owners: dict[str, set[int]] = defaultdict(set)
    for i, t in enumerate(texts):
        for run in _RARE.findall(t):
            for k in range(len(run) - 5):
                owners[run[k : k + 6]].add(i)
    pairs = {tuple(sorted(o)) for o in owners.values() if len(o) == 2}
    shared = sorted((i, j) for i, j in pairs if 0.08 <= cos.get((i, j), 0.0) < 0.5)
    out += [(*p, "shared") for p in draw(shared, 8, rng, taken)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data")
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--out", type=Path, default=Path("."))
    ap.add_argument("--name", default="fresh3", help="the draw's set suffix; its own labels are not skipped")
    args = ap.parse_args()
    existing = set()
    for path in sorted((HERE / "data").glob("story_pairs*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if not row["set"].endswith("-" + args.name):  # rerunning a draw gives the same pairs
                    existing.add(frozenset((row["a"], row["b"])))
    by_day: dict[str, list[dict]] = defaultdict(list)
    for line in (args.data / "stream-dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_day[row["date"]].append(row)
    rng = random.Random(args.seed)
    rows = []
    for day, docs in sorted(by_day.items()):
        for i, j, bucket in day_sample(docs, existing, rng):
            rows.append((f"stream-{day}-{args.name}", docs[i], docs[j], bucket))
    rng.shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    with (
        (args.out / "to_label.jsonl").open("w", encoding="utf-8") as label,
        (args.out / "pairs_key.jsonl").open("w", encoding="utf-8") as key,
    ):
        for n, (name, a, b, bucket) in enumerate(rows):
            label.write(
                json.dumps(
                    {
                        "n": n,
                        "set": name,
                        "a": a["id"],
                        "b": b["id"],
                        "time_a": a["time"],
                        "time_b": b["time"],
                        "text_a": a["text"][:700],
                        "text_b": b["text"][:700],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            key.write(
                json.dumps({"set": name, "a": a["id"], "b": b["id"], "bucket": bucket}, ensure_ascii=False) + "\n"
            )


if __name__ == "__main__":
    main()
