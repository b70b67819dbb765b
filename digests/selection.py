"""Choosing and joining a summary's sentences: light compression, budgets, reading rules.

The summarizer ranks sentences; this module turns a ranking into what a reader sees.
A sentence is taken together with the sentences it leans on (digests/reading.py) or
not at all; items of one list shown together stay joined with their ；.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests import hanzi
from digests.reading import ADDITIVE_OPENERS, continues, last_marker, list_intro, list_marker, tidy_spaces
from digests.sentences import content_len

__all__ = ["MIN_KEEP", "assemble", "clean_output", "compress", "drop_unused_glosses", "fallback", "select"]

# Light compression of a picked sentence; what goes carries no news out of context.
_LIST_MARK = hanzi.compile(r"^(?:[①-⑳]|\d{1,2}[）)、]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,2}[是、])\s*")
# Only additive connectives go (the reading rules' list): 但/因此/其中/对此 carry meaning, and the
# reading rules show such a sentence only after the one it leans on. Also dropped here: 事实上/实际上
# (no reference back), and 总之/总体来看, kept by the reading rules with what they sum up.
_OPENER = hanzi.compile(r"^(?:" + ADDITIVE_OPENERS + r"|总之|总体来看|总的来看|事实上|实际上)[，,：:\s]*")
_ASIDE = hanzi.compile(
    r"[（(](?:\s*(?:下同|即|泛指|含|不含|注)[^（）()]{0,24}"  # glosses
    r"|\s*\d{4,6}(?:\.(?:SH|SZ|HK|BJ|O|N))?"  # stock codes
    r"|\s*[A-Z]{1,6}(?:\.[A-Z]{1,2})?"  # tickers and abbreviations: (NDAA), (AAPL.O)
    r"|\s*[+-]?\d+(?:\.\d+)?%(?:[/、,，]\s*[+-]?\d+(?:\.\d+)?%)*"  # (+164%)
    r"|\s*同比[^（）()]{0,16})\s*[）)]"
)
# (简称“诺德新材”): kept while a shown sentence uses the short name, dropped otherwise.
_ABBREV_GLOSS = hanzi.compile(
    r"[（(]\s*(?:以下简称|简称|下称)[为：:]?\s*[“\"「『]?([^（）()“”\"「」『』]{1,12})[”\"」』]?\s*[）)]"
)


def compress(text: str, *, keep_marker: bool = False) -> str:
    """Drop list markers, dangling connectives and bracketed glosses (never below 6 chars)."""
    out = text.strip() if keep_marker else _LIST_MARK.sub("", text.strip())
    out = _OPENER.sub("", out)
    out = _ASIDE.sub("", out)
    return out if content_len(out) >= MIN_KEEP else text.strip()


MIN_KEEP = 6


def clean_output(text: str) -> str:
    # A clause cut at ；reads better as a sentence in a digest.
    text = tidy_spaces(text)
    if text and text[-1] in "；;，,、：:":
        text = text[:-1] + "。"
    return text


def drop_unused_glosses(texts: list[str]) -> list[str]:
    """Remove (简称“X”) unless a later shown sentence says X."""
    out = []
    for k, text in enumerate(texts):
        later = "".join(texts[k + 1 :])

        def keep_if_used(m: re.Match[str], later: str = later) -> str:
            return m.group() if m.group(1) in later else ""

        out.append(_ABBREV_GLOSS.sub(keep_if_used, text))
    return out


def _closure(idx: int, needs: Sequence[frozenset[int]]) -> set[int] | None:
    """``idx`` with every sentence it leans on, transitively; None when one is missing (-1)."""
    group = {idx}
    todo = [idx]
    while todo:
        for j in needs[todo.pop()]:
            if j < 0:
                return None
            if j not in group:
                group.add(j)
                todo.append(j)
    return group


def select(
    order: Sequence[int],
    needs: Sequence[frozenset[int]],
    raw: Sequence[str],
    texts: list[str],
    sim: Sequence[Sequence[float]],
    lead_sim: Sequence[float],
    units_left: int,
    budget: int | None,
    max_overlap: float,
) -> list[int]:
    """Walk the ranking, taking each sentence with what it leans on while the budgets allow.

    A list too long to show whole is cut before its first item when its lead-in
    stands alone ("…计划研发16个品种，涉及4大板块。"); ``texts`` is updated in place.
    """
    chosen: set[int] = set()
    blocked: set[int] = set()  # members of a list shown by its lead-in only
    used = 0
    lengths: dict[int, int] = {}  # shown length, computed on first need
    for idx in order:
        if units_left <= 0:
            break
        if idx in chosen or idx in blocked or lead_sim[idx] >= max_overlap:
            continue
        if any(sim[idx][j] >= max_overlap for j in chosen):
            continue
        group = _closure(idx, needs)
        if group is None or group & blocked:
            continue
        new = group - chosen
        together = chosen | new
        # A list shown whole (announced by a lead-in: its items need each other) counts as one unit;
        # the items of other lists count one each.
        units = sum(1 for j in new if not (j - 1 in together and continues(raw[j - 1], raw[j]) and j in needs[j - 1]))
        for j in new:
            if j not in lengths:
                lengths[j] = len(clean_output(texts[j]))
        cost = sum(lengths[j] for j in new)
        if units > units_left or (budget is not None and used + cost > budget):
            intro = list_intro(texts[idx]) if all(j > idx for j in needs[idx]) else None
            if intro is None or (budget is not None and used + len(intro) + 1 > budget):
                continue
            texts[idx] = intro + "。"
            blocked |= needs[idx]
            new, cost, units = {idx}, len(intro) + 1, 1
        chosen |= new
        used += cost
        units_left -= units
    return sorted(chosen)


def fallback(order: Sequence[int], needs: Sequence[frozenset[int]], texts: Sequence[str]) -> str:
    """The text to cut down when nothing fits: the best sentence that stands alone, or a list's lead-in."""
    for idx in order:
        if not needs[idx]:
            return clean_output(texts[idx])
        intro = list_intro(texts[idx]) if all(j > idx for j in needs[idx]) else None
        if intro:
            return intro + "。"
    return clean_output(texts[0])


def assemble(chosen: Sequence[int], raw: Sequence[str], texts: Sequence[str]) -> list[str]:
    """Output sentences in document order; shown items of one list stay joined with their ；."""
    out: list[str] = []
    prev = -2
    for i in chosen:
        if out and i == prev + 1 and continues(raw[prev], raw[i]):
            out[-1] = out[-1] + tidy_spaces(texts[i])
        else:
            if out:
                out[-1] = clean_output(out[-1])
            out.append(tidy_spaces(texts[i]))
        prev = i
    if out:
        out[-1] = clean_output(out[-1])
    # The first item of a list shown without the rest reads as a plain sentence: drop its "①".
    starts = [list_marker(t) for t in out]
    out = [
        _LIST_MARK.sub("", t) if n == 1 and 2 not in starts and last_marker(t) == 1 else t for t, n in zip(out, starts)
    ]
    return drop_unused_glosses(out)
