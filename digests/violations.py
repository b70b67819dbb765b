"""Count breaks of the reading rules (digests/reading.py) in what a reader is shown.

Used by the benchmarks to compare us with Lead-K on the same documents.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests import hanzi
from digests.reading import (
    _ASCII_WORD,
    _BOOK,
    _STRAY,
    ELLIPSIS,
    continues,
    is_dangling,
    last_marker,
    list_intro,
    list_marker,
    short_names,
)
from digests.sentences import strip_credit

__all__ = ["violations"]


def violations(summary: Sequence[str], source: Sequence[str]) -> dict[str, int]:
    """Reading-rule breaks in ``summary`` (sentences shown) against ``source`` (the document's sentences).

    Kinds: "dangling" (an opener shown without the sentence before it), "short_name"
    (《方案》 with no full form shown), "enumeration" (a list item shown without its
    neighbours), "mid_number" (a cut right after a digit or Latin letter), "stray_space".
    """
    out = {"dangling": 0, "short_name": 0, "enumeration": 0, "mid_number": 0, "stray_space": 0}
    spans: list[tuple[int, int] | None] = []
    after = 0
    for sentence in summary:
        span = _locate(sentence, source, after)
        spans.append(span)
        after = span[1] + 1 if span else after
    locate = [span[0] if span else None for span in spans]
    shown = "".join(summary)
    for k, sentence in enumerate(summary):
        idx = locate[k]
        leans = idx is not None and idx > 0 and is_dangling(source[idx]) and is_dangling(sentence)
        before = spans[k - 1] if k > 0 else None
        # Dangling when nothing is shown before it, or what is shown is not the sentence it leans on.
        if leans and (k == 0 or (before is not None and before[1] != (idx or 0) - 1)):
            out["dangling"] += 1
        for name in short_names(sentence):
            if not any(name in full and full != name for full in _BOOK.findall(shown)) and _definer_shown(
                summary, k, name
            ):
                out["short_name"] += 1
        marker = list_marker(sentence)
        if marker is not None and marker > 1 and all(last_marker(prev) != marker - 1 for prev in summary[:k]):
            out["enumeration"] += 1
        span = spans[k]
        last = span[1] if span is not None else None
        if last is not None and last + 1 < len(source) and continues(source[last], source[last + 1]):
            # Part of a list whose lead-in announces it ("有三个：1）…"), the rest not shown next.
            head = _list_head(source, last)
            shown_next = k + 1 < len(summary) and locate[k + 1] == last + 1
            if list_intro(source[head]) is not None and not shown_next and not _is_intro_only(sentence, source[head]):
                out["enumeration"] += 1
        if sentence.endswith(ELLIPSIS) and _cut_inside_number(sentence, source[last] if last is not None else ""):
            out["mid_number"] += 1
        if _STRAY.search(sentence):
            out["stray_space"] += 1
    return out


def _list_head(source: Sequence[str], i: int) -> int:
    while i > 0 and continues(source[i - 1], source[i]):
        i -= 1
    return i


def _is_intro_only(sentence: str, head: str) -> bool:
    intro = list_intro(head)
    return intro is not None and re.sub(r"\W", "", sentence) == re.sub(r"\W", "", intro)


_UNIT_AFTER = hanzi.compile(r"[0-9A-Za-z.%％亿万千百元倍年月日号股只家辆吨个]")


def _cut_inside_number(sentence: str, src: str) -> bool:
    """A cut ("…") right inside a number or Latin word: 3… of 3亿辆, 81.… of 81.5万."""
    before = sentence[:-1].rstrip()
    if not before or not _ASCII_WORD.match(before[-1]):
        return False
    pos = src.find(before[-8:]) if len(before) >= 8 else -1
    nxt = src[pos + len(before[-8:]) : pos + len(before[-8:]) + 1] if pos >= 0 else ""
    return bool(nxt and _UNIT_AFTER.match(nxt)) or (not nxt and before[-1].isalnum())


def _definer_shown(summary: Sequence[str], k: int, name: str) -> bool:
    """True when no earlier shown sentence introduces the short name (so it dangles)."""
    core = name[-2:]
    return not any(core in _BOOK.sub("", s) for s in summary[:k])


def _plain(text: str) -> str:
    # CJK only: glosses like (FIFA), (000876) and punctuation differ between a summary and its source.
    return re.sub(r"[^\u3400-\u9fff]", "", text)


def _locate(sentence: str, source: Sequence[str], start: int = 0) -> tuple[int, int] | None:
    """First and last source sentence (from ``start`` on) that ``sentence`` was taken from, if found."""
    core = _plain(strip_credit(sentence))  # a dateline (新华社柏林1月22日电) is not in the content sentences
    if len(core) < 4:
        return None
    plain = [_plain(src) for src in source]
    head = core[:8]
    for i in range(start, len(source)):
        if head in plain[i]:
            # Joined items (…；…) span several source sentences: walk on while the text lasts.
            j, covered = i, len(plain[i])
            while j + 1 < len(source) and covered < len(core) - 2:
                j += 1
                covered += len(plain[j])
            return i, j
    return None
