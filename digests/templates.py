"""Automated template reports: a generator's fund net values, capital flows, sector moves.

Such a report shares most of its headline (figures masked) with many others of the window and
differs only in a name.  The ranking pushes them down, and topics never grow through them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from digests.records import Article
from digests.similarity import normalized

_TEMPLATE_SHARE = 0.45  # share of a headline's trigrams that other headlines of the window share
_TEMPLATE_DF = 5  # ... each in at least this many headlines


class TemplateShapes:
    """Headline skeletons of one window: an automated report shares most of its headline (figures
    masked) with many others of its generator, and differs only in a name."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._grams = {a.id: _title_trigrams(a.title) for a in articles}
        self._df: Counter[str] = Counter(g for grams in self._grams.values() for g in grams)

    def share(self, article: Article) -> float:
        grams = self._grams.get(article.id) or _title_trigrams(article.title)
        if not grams:
            return 0.0
        return sum(1 for g in grams if self._df[g] >= _TEMPLATE_DF) / len(grams)

    def is_template(self, article: Article) -> bool:
        return self.share(article) >= _TEMPLATE_SHARE


def _title_trigrams(title: str) -> set[str]:
    t = re.sub(r"\d+(?:\.\d+)?", "0", normalized(title))
    return {t[i : i + 3] for i in range(len(t) - 2)}
