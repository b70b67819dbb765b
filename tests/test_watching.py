"""The watch matcher (digests.watching) finds exactly what /latest's full-text search finds."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digests.fts import runs
from digests.records import Article
from digests.store import Store
from digests.watching import (
    MAX_WORDS_CHARS,
    Broad,
    Matcher,
    article_text,
    check_words,
    naive_matches,
    normalize_words,
    patterns,
    too_broad,
)
from tests.helpers import CLOCK, MovingClock

FIXED_WORDS = [
    "京津冀",
    "冀",
    "央行",
    "央行 降准",
    "A股",
    "a股",
    "ＡＢ",
    "2021",
    "12月",
    "亿元",
    "股份 公司",
    "不存在的词语组合",
    "北京 上海 深圳",
    "新华社",
    "美元",
    "etf",
]


def _sample_words(articles: list, n: int, seed: int = 7) -> list[str]:
    """Substrings of titles and bodies, cut anywhere (inside runs, across punctuation)."""
    rng = random.Random(seed)
    words = []
    for _ in range(n):
        article = rng.choice(articles)
        text = rng.choice([article.title, *article.paragraphs[:3]]) or article.title
        start = rng.randrange(len(text))
        words.append(text[start : start + rng.randint(1, 6)])
    return words


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path, clock=MovingClock(CLOCK))


def test_matcher_finds_what_search_finds_for_every_word(store: Store) -> None:
    articles = list(store.iter_articles())
    words = FIXED_WORDS + _sample_words(articles, 300)
    matcher = Matcher((w, w) for w in words)
    by_word: dict[str, set[str]] = {w: set() for w in words}
    for article in articles:
        for w in matcher.matches_article(article):
            by_word[w].add(article.id)
    differences = []
    for word in words:
        found = {a.id for a in store.search(word, 10_000, order="newest")} if patterns(word) else set()
        if found != by_word[word]:
            differences.append((word, sorted(found ^ by_word[word])[:3]))
    assert not differences
    assert sum(1 for w in words if by_word[w]) > 200  # the sample words do occur


def test_naive_loop_agrees_with_the_automaton(store: Store) -> None:
    articles = list(store.iter_articles())
    words = FIXED_WORDS + _sample_words(articles, 100, seed=3)
    matcher = Matcher(enumerate(words))
    naive = [(i, patterns(w)) for i, w in enumerate(words)]
    for article in articles:
        text = article_text(article)
        assert sorted(matcher.matches(text)) == naive_matches(naive, text)


def test_all_words_of_a_watch_must_occur() -> None:
    matcher = Matcher([("both", "京津冀 雄安"), ("one", "京津冀")])
    assert matcher.matches(article_text_of("京津冀协同发展")) == ["one"]
    assert sorted(matcher.matches(article_text_of("京津冀协同发展，雄安新区"))) == ["both", "one"]


def test_latin_words_match_whole_words_like_the_index() -> None:
    matcher = Matcher([("etf", "ETF"), ("a股", "A股")])
    assert matcher.matches(article_text_of("ETFs 上涨")) == []
    assert sorted(matcher.matches(article_text_of("ＥＴＦ资金流入，A股走强"))) == ["a股", "etf"]


def test_a_phrase_never_spans_title_and_body() -> None:
    from datetime import UTC, datetime

    from digests.records import Article

    article = Article("x", "标题京津", datetime(2022, 1, 1, tzinfo=UTC), ("冀协同",))
    assert Matcher([("k", "京津冀")]).matches_article(article) == []
    assert Matcher([("k", "京津 冀协")]).matches_article(article) == ["k"]


def test_words_without_searchable_text_or_too_long_are_refused() -> None:
    assert check_words('"') is not None and check_words('"').reason == "empty"
    assert check_words("* ( )") is not None
    assert check_words("京" * 1000) is not None and check_words("京" * 1000).reason == "too_long"
    assert check_words("京" * MAX_WORDS_CHARS) is None
    assert check_words("NEAR(") is None  # plain text: the word "near"
    assert Matcher([("k", "NEAR(")]).matches(article_text_of("near 的意思")) == ["k"]


def test_watches_differing_only_in_spelling_are_one_watch() -> None:
    assert normalize_words(' "京津冀" ') == normalize_words("京津冀") == "京津冀"
    assert normalize_words("Ａ股  ETF") == "a 股 etf"


def test_an_empty_matcher_matches_nothing() -> None:
    assert Matcher([]).matches(article_text_of("京津冀")) == []
    assert len(Matcher([("k", '"')])) == 0


def article_text_of(title: str) -> str:
    from datetime import UTC, datetime

    from digests.records import Article

    return article_text(Article("x", title, datetime(2022, 1, 1, tzinfo=UTC), ()))


def test_runs_are_the_index_pieces() -> None:
    assert runs("A股大涨，京津冀") == [(False, "a"), (True, "股大涨"), (True, "京津冀")]


def test_words_in_half_the_recent_articles_or_one_common_character_are_too_broad() -> None:
    def article(i: int, body: str) -> Article:
        return Article(f"b{i:03d}", f"第{i}条", datetime(2022, 3, 1, tzinfo=UTC), (body,))

    recent = [article(i, "央行宣布降准。" if i < 15 else "股市收盘。") for i in range(20)]
    assert too_broad("降准", recent) == Broad(15, 20)
    assert too_broad("股市", recent) is None  # 5 of 20
    assert too_broad("降准", recent[:10]) is None  # fewer than 20 recent articles: the data says nothing
    for words in ("的", "a", "A", "7", "的 了"):
        assert too_broad(words, []) == Broad(), words
    for words in ("冀", "京津冀", "a股", "央行 降准"):
        assert too_broad(words, []) is None, words
