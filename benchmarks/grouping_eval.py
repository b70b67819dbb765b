"""Story grouping judged against an editor's labeled pairs (benchmarks/data/story_pairs.jsonl).

A labeled pair is predicted "shown together" when both articles end up in one story of their
day (ours: digests/grouping.py over the whole day, so chaining counts against us), or, for the
baseline, when the plain TF-IDF cosine of character trigrams of headline and opening reaches a
threshold chosen for the best F1 on the tuning days and then applied unchanged to the held-out
day.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from benchmarks.stream_days import Day
from digests.grouping import find_stories
from digests.similarity import article_text


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def score(pairs: Sequence[dict], together: Callable[[str, str], bool]) -> Score:
    tp = fp = fn = 0
    for p in pairs:
        pred = together(p["a"], p["b"])
        tp += pred and p["same"]
        fp += pred and not p["same"]
        fn += (not pred) and p["same"]
    return Score(tp, fp, fn)


def ours(day: Day) -> Callable[[str, str], bool]:
    story_of = {a.id: n for n, s in enumerate(find_stories(day.articles)) for a in s.articles}
    return lambda a, b: story_of.get(a, -1) == story_of.get(b, -2)


def trigram_cosines(day: Day) -> Callable[[str, str], float]:
    """Plain TF-IDF cosine over character trigrams of headline + first 240 characters."""
    grams = {a.id: Counter(_trigrams(article_text(a, 240))) for a in day.articles}
    df = Counter(g for c in grams.values() for g in c)
    n = len(grams)
    vectors = {}
    for key, c in grams.items():
        v = {g: (1 + math.log(tf)) * math.log(n / df[g]) for g, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[key] = {g: x / norm for g, x in v.items()}

    def cosine(a: str, b: str) -> float:
        va, vb = vectors[a], vectors[b]
        return sum(x * vb.get(g, 0.0) for g, x in va.items())

    return cosine


def _trigrams(text: str) -> list[str]:
    return [text[i : i + 3] for i in range(len(text) - 2)]


def best_threshold(days: Sequence[tuple[Day, Sequence[dict]]]) -> float:
    sims = [(trigram_cosines(day), pairs) for day, pairs in days]
    best = (0.0, 0.5)
    for t in [x / 100 for x in range(5, 95)]:
        total = Score(0, 0, 0)
        for cos, pairs in sims:
            total += score(pairs, lambda a, b, cos=cos, t=t: cos(a, b) >= t)  # type: ignore[misc]
        best = max(best, (total.f1, t))
    return best[1]
