"""Propose candidate article pairs for the story-grouping dev set (benchmarks/data/story_pairs.jsonl).

Usage::

    python benchmarks/make_pair_candidates.py [--data ../shared/data] [--out candidates.jsonl]

Dependency-free (standard library only).  Each document is reduced to its first
~400 characters (posts: title + HTML-stripped body), split into character
trigrams and weighted with TF-IDF (IDF over the documents of that set); pairs are
scored with cosine similarity.  Per stream day the script draws, with a fixed
seed, pairs spread over similarity levels:

* ``high``      ~40 pairs with cosine >= 0.5 (half >= 0.8, half 0.5-0.8 when there are enough)
* ``mid``       ~40 pairs with 0.25 <= cosine < 0.5
* ``low``       ~30 pairs with 0.12 <= cosine < 0.25
* ``random``    ~10 random pairs
* ``template``  ~15 look-alike pairs that probably name different entities or figures:
  cosine >= 0.3, a template keyword (净值, 涨停, 资金流, 天气, 预警, ...) in both, and
  few shared numbers in the opening text
* ``shared``    extra pairs sharing a distinctive number or rare name (cross-outlet rewrites)

For the posts day (28 posts of one finance site + the seed post) it proposes every pair
with cosine >= 0.1 plus ~20 random pairs.  Output: one JSON per line
``{"set", "a", "b", "cos", "bucket"}``; the cosine is only for drawing the sample, the
labels in story_pairs.jsonl are made by reading both texts.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

SEED = 20230803
PREFIX = 400
TEMPLATE_WORDS = (
    "净值",
    "涨停",
    "跌停",
    "资金流",
    "主力资金",
    "龙虎榜",
    "融资",
    "融券",
    "天气",
    "预警",
    "气温",
    "交通",
    "限行",
    "收盘",
    "开盘",
    "报价",
    "中间价",
    "股价",
    "成交额",
    "公告",
    "快讯",
    "大宗交易",
)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RARE = re.compile(r"[\u4e00-\u9fff]{4,}")


def clean(text: str) -> str:
    return _SPACE.sub("", _TAG.sub("", text))


def trigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


def tfidf_vectors(texts: list[str]) -> list[dict[str, float]]:
    counts = [trigrams(t) for t in texts]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(texts)
    vectors = []
    for c in counts:
        vec = {g: (1 + math.log(tf)) * math.log((1 + n) / (1 + df[g])) + 1e-9 for g, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors.append({g: w / norm for g, w in vec.items()})
    return vectors


def all_cosines(vectors: list[dict[str, float]]) -> dict[tuple[int, int], float]:
    """Cosine of every pair with at least one shared trigram (inverted index)."""
    index: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for g, w in vec.items():
            index[g].append((i, w))
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for postings in index.values():
        for x in range(len(postings)):
            i, wi = postings[x]
            for y in range(x + 1, len(postings)):
                j, wj = postings[y]
                scores[(i, j)] += wi * wj
    return scores


def draw(pairs: list[tuple[int, int]], k: int, rng: random.Random, taken: set[tuple[int, int]]) -> list:
    pool = [p for p in sorted(pairs) if p not in taken]
    chosen = rng.sample(pool, min(k, len(pool)))
    taken.update(chosen)
    return chosen


def numbers(text: str) -> set[str]:
    return {m for m in _NUMBER.findall(text) if len(m) >= 2}


def stream_candidates(docs: list[dict], set_name: str, rng: random.Random) -> Iterable[dict]:
    texts = [clean(d["text"])[:PREFIX] for d in docs]
    vectors = tfidf_vectors(texts)
    cos = all_cosines(vectors)
    taken: set[tuple[int, int]] = set()
    out: list[tuple[tuple[int, int], str]] = []
    very_high = [p for p, s in cos.items() if s >= 0.8]
    high = [p for p, s in cos.items() if 0.5 <= s < 0.8]
    n_very = min(20, len(very_high))
    out += [(p, "high") for p in draw(very_high, n_very, rng, taken)]
    out += [(p, "high") for p in draw(high, 40 - n_very, rng, taken)]
    out += [(p, "mid") for p in draw([p for p, s in cos.items() if 0.25 <= s < 0.5], 40, rng, taken)]
    out += [(p, "low") for p in draw([p for p, s in cos.items() if 0.12 <= s < 0.25], 30, rng, taken)]
    # look-alike template reports: similar wording, different figures
    nums = [numbers(t[:200]) for t in texts]
    has_word = [{w for w in TEMPLATE_WORDS if w in t} for t in texts]
    template = []
    for (i, j), s in cos.items():
        if s < 0.3 or not (has_word[i] & has_word[j]):
            continue
        union = nums[i] | nums[j]
        if union and len(nums[i] & nums[j]) / len(union) < 0.3:
            template.append((i, j))
    out += [(p, "template") for p in draw(template, 15, rng, taken)]
    n = len(docs)
    randoms: list[tuple[int, int]] = []
    while len(randoms) < 10:
        i, j = sorted(rng.sample(range(n), 2))
        if (i, j) not in taken:
            taken.add((i, j))
            randoms.append((i, j))
    out += [(p, "random") for p in randoms]
    # cross-outlet rewrites: a distinctive number (>= 4 chars, not a year or date) or a rare
    # 4+-character run shared by exactly two documents of the day, with a modest cosine
    owners: dict[str, set[int]] = defaultdict(set)
    for i, t in enumerate(texts):
        for m in numbers(t):
            if len(m) >= 4 and not re.fullmatch(r"20[12]\d", m):
                owners["#" + m].add(i)
        for run in _RARE.findall(t):
            for k in range(len(run) - 5):
                owners[run[k : k + 6]].add(i)
    shared: list[tuple[int, int]] = []
    for o in owners.values():
        if len(o) == 2:
            i, j = sorted(o)
            if 0.12 <= cos.get((i, j), 0.0) < 0.5:
                shared.append((i, j))
    out += [(p, "shared") for p in draw(sorted(set(shared)), 15, rng, taken)]
    for (i, j), bucket in out:
        yield {
            "set": set_name,
            "a": docs[i]["id"],
            "b": docs[j]["id"],
            "cos": round(cos.get((i, j), 0.0), 3),
            "bucket": bucket,
        }


def read_post(path: Path) -> tuple[str, str]:
    raw = path.read_text(encoding="utf-8")
    title, body = "", raw
    if raw.startswith("---"):
        _, head, body = raw.split("---", 2)
        m = re.search(r'^title:\s*"?(.*?)"?\s*$', head, re.M)
        title = m.group(1) if m else ""
    return title, body


def posts_candidates(data: Path, rng: random.Random) -> Iterable[dict]:
    paths = sorted((data / "posts").glob("*.md")) + sorted((data / "seed").glob("*.md"))
    ids, texts = [], []
    for p in paths:
        title, body = read_post(p)
        ids.append(p.name if p.parent.name == "posts" else f"seed/{p.name}")
        texts.append((clean(title) + "。" + clean(body))[:PREFIX])
    cos = all_cosines(tfidf_vectors(texts))
    taken = {p for p, s in cos.items() if s >= 0.1}
    rest = [(i, j) for i in range(len(ids)) for j in range(i + 1, len(ids)) if (i, j) not in taken]
    chosen = [(p, "posts_sim") for p in sorted(taken)] + [(p, "random") for p in rng.sample(rest, min(20, len(rest)))]
    for (i, j), bucket in chosen:
        yield {
            "set": "posts-2021-12-08",
            "a": ids[i],
            "b": ids[j],
            "cos": round(cos.get((i, j), 0.0), 3),
            "bucket": bucket,
        }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--out", type=Path, help="write here instead of stdout")
    args = ap.parse_args()
    by_day: dict[str, list[dict]] = defaultdict(list)
    with open(args.data / "stream-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            by_day[doc["date"]].append(doc)
    rows: list[dict] = []
    for day in sorted(by_day):
        rng = random.Random(f"{SEED}-{day}")
        rows += stream_candidates(by_day[day], f"stream-{day}", rng)
    rows += posts_candidates(args.data, random.Random(f"{SEED}-posts"))
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    counts = Counter((r["set"], r["bucket"]) for r in rows)
    for key in sorted(counts):
        print(*key, counts[key], file=sys.stderr)


if __name__ == "__main__":
    main()
