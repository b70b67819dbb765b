"""What two texts share, counted on the character pairs of their letters, digits and CJK: how much
of a headline a sentence tells, how much of a clause the text before it already said."""

from __future__ import annotations

from digests import hanzi

__all__ = ["bigram_set", "bigrams", "letters", "widened"]

_PUNCT = hanzi.compile(r"[\s\W_]+")


def letters(text: str) -> str:
    """Letters, digits and CJK only, lower-cased: what overlap is measured on."""
    return _PUNCT.sub("", text).lower()


def bigrams(text: str) -> set[str]:
    """The text's character pairs (a one-character text is its own)."""
    return {text[i : i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def bigram_set(text: str) -> set[str]:
    """The character bigrams of a text's letters, digits and CJK."""
    return bigrams(letters(text))


def widened(short: str, long: str, most: int) -> bool:
    """``long`` is ``short`` with at most ``most`` characters added among its own, in order (数据已不言自明
    of 数据不言自明; 全市所有景区、乡村民宿全部关闭 of 所有景区民宿关闭)."""
    if not 0 <= len(long) - len(short) <= most:
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)
