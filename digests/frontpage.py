"""From ranked stories to a front page: no more than two items on one topic, and stories that
yesterday's digest already told marked as such.

Both judgements use the headline and opening of each story's representative article:

* **topic** – two items are on one topic when their TF-IDF cosine (character grams, the
  window's weights: digests/similarity.py) reaches ``TOPIC_COSINE``, or when their headlines
  belong to one of the running themes a desk tracks (floods and storms, central banks and
  rates, corruption cases, …): a typhoon's landfall, its rain warnings and its evacuations are
  different events of one subject, and a front page shows one item per theme and at most two per
  topic among the first eight;
* **seen** – a story whose headline is nearly that of an article of the previous window
  (character-trigram Dice, figures masked) was already told.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from digests import hanzi
from digests.records import Article
from digests.similarity import EventIndex, normalized
from digests.themes import themes_of

TOPIC_COSINE = 0.1
# Running themes: different events that a reader takes as one subject of the day.
MAX_PER_TOPIC = 2
SEEN_DICE = 0.6

T = TypeVar("T")


def pick(
    ranked: Sequence[T],
    reps: Sequence[Article],
    top_n: int,
    *,
    topics: Sequence[int] = (),
    names: Sequence[frozenset[str]] = (),
    subjects: Sequence[frozenset[str]] = (),
) -> list[T]:
    """The first ``top_n`` of ``ranked`` (best first; ``reps[k]`` is item k's article), skipping an
    item when ``MAX_PER_TOPIC`` items already chosen are on its topic, and always when one already
    chosen is on its narrow topic (``topics[k]``, digests/grouping.group): the best story of a
    topic stands for it."""
    pool = list(range(min(len(ranked), top_n * 6)))  # a front page never reaches further down
    index = EventIndex([reps[k] for k in pool])
    themes = [themes_of(reps[k]) | (subjects[k] if k < len(subjects) else frozenset()) for k in pool]
    # A name several outlets carried in headlines (尼日尔, 涿州) makes two items one subject, like a topic.
    named = [names[k] if k < len(names) else frozenset() for k in pool]
    storms = [_storms(reps[k]) for k in pool]
    chosen: list[int] = []
    skipped: list[int] = []
    for k in pool:
        if len(chosen) == top_n:
            break
        if any(named[c] & named[k] for c in chosen) or (topics and any(topics[c] == topics[k] for c in chosen)):
            continue
        # One item per running theme (the floods are one subject of the day, told once), two per
        # topic by wording.
        # ...but a storm the item names is another event than a flood or another named storm (卡努 far out
        # at sea beside the 海河 flood), whatever rain words the two share.
        same_theme = any(
            themes[c] & themes[k] - (_WEATHER if _other_storm(k, c, storms, themes) else set()) for c in chosen
        )
        same_topic = sum(1 for c in chosen if index.pair(c, k).cosine >= TOPIC_COSINE)
        (skipped if same_theme or same_topic >= MAX_PER_TOPIC else chosen).append(k)
    # A day of one topic still fills the page, in rank order.
    chosen += skipped[: top_n - len(chosen)]
    return [ranked[k] for k in sorted(chosen)]


_STORM = hanzi.compile(r"(?:台风|热带风暴|强热带风暴)“([^”]{1,6})”")
_WEATHER = frozenset({"floods", "storms"})


def _other_storm(k: int, c: int, storms: Sequence[frozenset[str]], themes: Sequence[frozenset[str]]) -> bool:
    """Item ``k`` names a storm that chosen item ``c`` is not about: ``c`` names others, or is no storm's
    story at all (a storm's story naming none is taken for the same storm)."""
    return bool(storms[k]) and (bool(storms[c] - storms[k]) if storms[c] else "storms" not in themes[c])


def _storms(article: Article) -> frozenset[str]:
    """The storms a report names where a reader meets it: its headline and opening."""
    return frozenset(_STORM.findall(article.title + " ".join(article.paragraphs)[:60]))


def title_grams(title: str) -> set[str]:
    t = re.sub(r"\d+(?:\.\d+)?", "0", normalized(title))
    return {t[i : i + 3] for i in range(len(t) - 2)}


def dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


class EarlierHeadlines:
    """The previous window's headlines, to tell a story already told."""

    def __init__(self, earlier: Sequence[Article]) -> None:
        self._grams = [title_grams(a.title) for a in earlier]
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, grams in enumerate(self._grams):
            for g in grams:
                self._postings[g].append(i)

    def told(self, article: Article) -> bool:
        grams = title_grams(article.title)
        if not grams:
            return False
        shared: dict[int, int] = defaultdict(int)
        for g in grams:
            for i in self._postings.get(g, ()):
                shared[i] += 1
        return any(2 * n / (len(grams) + len(self._grams[i])) >= SEEN_DICE for i, n in shared.items())
