"""Sentence vectors for the summarizer: jieba tokens minus stop words, weighted by TF-IDF.

The IDF is jieba's bundled background table, so a 3-sentence flash still knows that 人民币
matters more than 表示; both it and the dictionary load once per process (:func:`warm_up`).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from digests.hanzi import fold

_TOKEN_OK = re.compile(r"[\w\u3400-\u9fff]")


@lru_cache(maxsize=1)
def tokenizer() -> Any:
    """jieba tokenizer, initialised once on first use (dictionary load ~1 s)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@lru_cache(maxsize=1)
def idf() -> tuple[dict[str, float], float]:
    """Background IDF from jieba's bundled table; unknown words get the median."""
    import jieba

    # Read the file directly: importing jieba.analyse would also load jieba.posseg's tag
    # table (~1 s and ~50 MB per process) that we never use.
    path = Path(jieba.__file__).with_name("analyse") / "idf.txt"
    table: dict[str, float] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, value = line.rstrip("\n").partition(" ")
            if value:
                table[word] = float(value)
    values = sorted(table.values())
    median = values[len(values) // 2] if values else 10.0
    return table, median


def warm_up() -> None:
    """Load the dictionary, IDF table and stop words now rather than on the first article."""
    tokenizer()
    idf()
    stopwords()


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("digests").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def tokens(text: str) -> list[str]:
    stop = stopwords()
    ok = _TOKEN_OK.search
    # HMM off: ~2x faster and ranks as well.  Single characters (将, 年, 涨) are
    # mostly grammar or too ambiguous to link sentences, so they are dropped.  Folded text: jieba's
    # dictionary, its IDF table and the stop words are Simplified, and should weigh 該/這 as 该/这.
    return [
        w
        for w in tokenizer().lcut(fold(text.lower()), HMM=False)
        if len(w) > 1 and w not in stop and ok(w) and not w.isspace()
    ]


def vector(tokens: Sequence[str]) -> dict[str, float]:
    table, median = idf()
    counts = Counter(tokens)
    # Sub-linear tf: a word repeated in one sentence should not dominate it.
    return {w: (1.0 + math.log(c)) * table.get(w, median) for w, c in counts.items()}


def norm(vec: Mapping[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values()))


def cosine(a: Mapping[str, float], na: float, b: Mapping[str, float], nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b) / (na * nb)
