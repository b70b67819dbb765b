"""From ranked stories to a front page: no more than two items on one topic, and stories that
yesterday's digest already told marked as such.

Both judgements use the headline and opening of each story's representative article:

* **topic** – two items are on one topic when their TF-IDF cosine (character grams, the
  window's weights: digests/similarity.py) reaches ``TOPIC_COSINE``: a typhoon's landfall, its
  rain warnings and its evacuations are different events of one topic, and a front page shows
  at most two of them among the first eight;
* **seen** – a story whose headline is nearly that of an article of the previous window
  (character-trigram Dice, figures masked) was already told.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from digests.records import Article
from digests.similarity import EventIndex, normalized

TOPIC_COSINE = 0.1
MAX_PER_TOPIC = 2
SEEN_DICE = 0.6

T = TypeVar("T")


def pick(ranked: Sequence[T], reps: Sequence[Article], top_n: int) -> list[T]:
    """The first ``top_n`` of ``ranked`` (best first; ``reps[k]`` is item k's article), skipping an
    item when ``MAX_PER_TOPIC`` items already chosen are on its topic."""
    pool = list(range(min(len(ranked), top_n * 6)))  # a front page never reaches further down
    index = EventIndex([reps[k] for k in pool])
    chosen: list[int] = []
    skipped: list[int] = []
    for k in pool:
        if len(chosen) == top_n:
            break
        same_topic = sum(1 for c in chosen if index.pair(c, k).cosine >= TOPIC_COSINE)
        (skipped if same_topic >= MAX_PER_TOPIC else chosen).append(k)
    # A day of one topic still fills the page, in rank order.
    chosen += skipped[: top_n - len(chosen)]
    return [ranked[k] for k in sorted(chosen)]


def _title_grams(title: str) -> set[str]:
    t = re.sub(r"\d+(?:\.\d+)?", "0", normalized(title))
    return {t[i : i + 3] for i in range(len(t) - 2)}


class EarlierHeadlines:
    """The previous window's headlines, to tell a story already told."""

    def __init__(self, earlier: Sequence[Article]) -> None:
        self._grams = [_title_grams(a.title) for a in earlier]
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, grams in enumerate(self._grams):
            for g in grams:
                self._postings[g].append(i)

    def told(self, article: Article) -> bool:
        grams = _title_grams(article.title)
        if not grams:
            return False
        shared: dict[int, int] = defaultdict(int)
        for g in grams:
            for i in self._postings.get(g, ()):
                shared[i] += 1
        return any(2 * n / (len(grams) + len(self._grams[i])) >= SEEN_DICE for i, n in shared.items())
