"""An editor's reading rules for extracted sentences.

A sentence lifted out of an article must still read on its own.  These rules say
which sentences of a document depend on others (and so may only be shown with
them), how to cut text to a budget cleanly, and how to spot a summary that breaks
the rules (the benchmark counts those):

* **dangling openers** – a sentence opening with a reference or connective
  (这、该、此、其、对此、同时、此外、另外、但、而、因此、据悉…) depends on the
  sentence before it;
* **short names** – 《方案》 or an abbreviation set up with 简称“X” needs the
  sentence that gives the full form;
* **enumerations** – items of a list (1）2）3）, ①②③, 一是…二是…, or clauses joined
  by ；) are kept together: a marked list whole, an unmarked one as a prefix;
* **clean cuts** – a budget cuts between sentences, else at a clause boundary,
  never inside a number, a Latin word or a bracketed name; no stray spaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = [
    "clean_cut",
    "continues",
    "defined_abbreviations",
    "is_dangling",
    "list_intro",
    "list_marker",
    "needs_of",
    "short_names",
    "tidy_spaces",
    "violations",
]

ELLIPSIS = "…"

# Connectives and references that point back to the previous sentence.  Longer forms
# come first; 其 alone also covers 其中/其他/其余 (all refer back).
_OPENER_WORDS = (
    "与此同时|除此之外|除此以外|另一方面|值得注意的是|值得一提的是|对此|对于此|为此|由此|因此|因而|所以|"
    "此外|另外|同时|此前|此后|此次|此举|随后|之后|其后|然而|不过|但是|但|而且|而|并且|并|且|"
    "据悉|据了解|据介绍|记者了解到|记者获悉|总之|总体来看|总的来看|上述|前述|这|该|此|其|她|他|它"
)
_OPENER = re.compile(r"^(?:" + _OPENER_WORDS + r")")
# Openers that only look like references: 其实 ("in fact"), 这里 in a quote, 他国/她们 are still refs.
_NOT_OPENER = re.compile(r"^(?:其实|而言|但凡|此起彼伏|该当|并购|并表|并非|且慢)")

_MARKER = re.compile(
    r"^\s*(?:(?P<num>\d{1,2})\s*[）)、.．](?!\d)|[（(](?P<pnum>\d{1,2})[）)]|(?P<circ>[①-⑳])|"
    r"(?P<cn>[一二三四五六七八九十]{1,2})(?:是|、|要|方面)|第(?P<ord>[一二三四五六七八九十]{1,2})(?:类|条|点|项|个|，|、))"
)
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}

# 《方案》-style short names of documents: generic words that are never a title of their own.
_GENERIC_DOC = re.compile(
    r"^[\u4e00-\u9fff]{0,3}(?:方案|意见|通知|办法|规划|纲要|条例|规定|决定|报告|计划|指南|细则|措施|标准|"
    r"通告|公告|指引|决议|议案|法案|草案|协议|声明|白皮书|清单)$"
)
_BOOK = re.compile(r"《([^《》]{1,40})》")
_ABBREV = re.compile(r"(?:以下)?(?:简称|下称)[为：:]?\s*[“\"「『]([^”\"」』]{1,12})[”\"」』]")


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    if text.endswith("十"):
        return 10 * _CN_DIGITS.get(text[:1], 0)
    if len(text) == 2:
        return 10 * _CN_DIGITS.get(text[0], 0) + _CN_DIGITS.get(text[1], 0)
    return _CN_DIGITS.get(text, 0)


def list_marker(text: str) -> int | None:
    """The item number of a leading list marker (1）, ①, 一是, 第二类…), else None."""
    m = _MARKER.match(text)
    if not m:
        return None
    if m.group("num") or m.group("pnum"):
        return int(m.group("num") or m.group("pnum"))
    if m.group("circ"):
        return ord(m.group("circ")) - ord("①") + 1
    return _cn_number(m.group("cn") or m.group("ord"))


def is_dangling(text: str) -> bool:
    """True when the sentence opens with a connective or reference to what came before."""
    body = _MARKER.sub("", text, count=1).lstrip(' “"「')
    return bool(_OPENER.match(body)) and not _NOT_OPENER.match(body)


def short_names(text: str) -> list[str]:
    """Document names in 《》 that are short generic forms (《方案》, 《实施意见》)."""
    return [name for name in _BOOK.findall(text) if _GENERIC_DOC.match(name)]


def defined_abbreviations(text: str) -> list[str]:
    """Abbreviations set up in ``text`` by 简称“X” / 下称“X”."""
    return _ABBREV.findall(text)


def needs_of(texts: Sequence[str], paragraph_of: Sequence[int] | None = None) -> list[frozenset[int]]:
    """For each sentence, the earlier sentences it cannot be shown without.

    ``texts`` are consecutive sentences of one document.  A sentence index maps
    to an empty set when it stands on its own, and to ``{-1}`` when it cannot be
    shown at all (a short name whose full form is nowhere before it).
    """
    n = len(texts)
    needs: list[set[int]] = [set() for _ in range(n)]
    abbrevs: dict[str, int] = {}
    for i, text in enumerate(texts):
        if i > 0 and is_dangling(text):
            needs[i].add(i - 1)
        for name in short_names(text):
            if any(name in full and full != name for full in _BOOK.findall(text)):
                continue  # the full form is in the same sentence
            definer = _definer(texts, i, name)
            needs[i].add(definer)
        for abbrev, j in abbrevs.items():
            if abbrev in text:
                needs[i].add(j)
        for abbrev in defined_abbreviations(text):
            abbrevs.setdefault(abbrev, i)
    _enumerations(texts, needs, paragraph_of)
    return [frozenset(s) for s in needs]


def _definer(texts: Sequence[str], i: int, name: str) -> int:
    """The nearest earlier sentence naming the document in full (《…方案》, else plain 方案)."""
    for j in range(i - 1, -1, -1):
        if any(name in full and full != name for full in _BOOK.findall(texts[j])):
            return j
    core = name[-2:]
    for j in range(i - 1, max(-1, i - 3), -1):
        if core in _BOOK.sub("", texts[j]):
            return j
    return -1


def _enumerations(texts: Sequence[str], needs: list[set[int]], paragraph_of: Sequence[int] | None) -> None:
    """Items of one list: a marked list is all-or-nothing, a ；-joined one needs its earlier items."""
    n = len(texts)
    i = 0
    while i < n:
        j = i
        while (
            j + 1 < n
            and continues(texts[j], texts[j + 1])
            and (paragraph_of is None or paragraph_of[j] == paragraph_of[j + 1])
        ):
            j += 1
        if j > i:
            members = range(i, j + 1)
            marked = sum(1 for k in members if list_marker(texts[k]) is not None or _MARKER_INSIDE.search(texts[k]))
            for k in members:
                needs[k].update(m for m in members if m != k and (marked >= 2 or m < k))
        i = j + 1


_MARKER_INSIDE = re.compile(r"[：:]\s*(?:\d{1,2}[）)]|[①-⑳]|[（(]\d{1,2}[）)]|一是|第一)")


def list_intro(text: str) -> str | None:
    """The lead-in of a list that starts inside ``text`` ("…涉及4大板块" of "…涉及4大板块：第一类是…"), if any."""
    m = _MARKER_INSIDE.search(text)
    if m is None:
        return None
    head = text[: m.start()].rstrip("，、：: ")
    return head if len(re.sub(r"\W", "", head)) >= 6 else None


def continues(prev: str, nxt: str) -> bool:
    """``nxt`` is the next item of the list ``prev`` belongs to."""
    if prev.rstrip()[-1:] in "；;":
        return True
    a, b = _last_marker(prev), list_marker(nxt)
    return a is not None and b == a + 1


def _last_marker(text: str) -> int | None:
    found = None
    for m in re.finditer(
        r"(?:^|[：:；;。\s])\s*((?:\d{1,2}[）)]|[①-⑳]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,2}是))", text
    ):
        found = list_marker(m.group(1))
    return found


# --- clean cuts -----------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9%$&+\-./]")
_CLAUSE = "，、；：,;:"
_PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "「": "」", "【": "】", "‘": "’"}


_CJK_PUNCT = "，。；：、！？（）《》“”「」『』【】"
_STRAY = re.compile(r"\s+(?=[" + _CJK_PUNCT + r"])|(?<=[" + _CJK_PUNCT + r"])\s+")


def tidy_spaces(text: str) -> str:
    """Drop whitespace next to Chinese punctuation ("16个品种， 涉及", "Future ，在"); keep the rest."""
    return _STRAY.sub("", text).strip()


def _inside_pair(text: str, pos: int) -> bool:
    """True when ``text[pos]`` lies inside an unclosed 《》/“”/（） opened before it."""
    stack: list[str] = []
    for ch in text[:pos]:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    return bool(stack)


def _clause_ok(text: str, pos: int) -> bool:
    ch = text[pos]
    if ch in ",:" and pos + 1 < len(text) and text[pos - 1 : pos].isdigit() and text[pos + 1].isdigit():
        return False  # 511,348 / 10:55: part of a number
    return not _inside_pair(text, pos)


def clean_cut(text: str, max_chars: int, *, min_keep: int = 4) -> str:
    """``text`` within ``max_chars``: whole if it fits, else its longest clause prefix plus "…".

    Failing a clause boundary, a hard cut that backs off out of a number or Latin
    word.  Trailing clause punctuation is replaced by the ellipsis.
    """
    text = tidy_spaces(text)
    if max_chars <= 0:
        return ""
    if len(text) <= max_chars:
        return text
    limit = max_chars - len(ELLIPSIS)
    intro = list_intro(text)
    if intro and len(intro) + 1 <= max_chars:
        return intro + "。"  # a list that does not fit: its lead-in, cut before the first item
    best = semi = -1
    for pos, ch in enumerate(text[: limit + 1]):
        if ch in _CLAUSE and pos >= min_keep and _clause_ok(text, pos):
            best = pos
            if ch in "；;":
                semi = pos
    if semi > 0 and semi >= limit // 3:
        return text[:semi] + ELLIPSIS  # between items of a ；-joined list, not inside one
    if best > 0 and best >= limit // 3:
        return text[:best] + ELLIPSIS
    cut = max(0, limit)
    while cut > 1 and _ASCII_WORD.match(text[cut - 1]) and _ASCII_WORD.match(text[cut]):
        cut -= 1  # never split 81.5 or Faraday
    head = text[:cut].rstrip(_CLAUSE + " ") if cut > 1 else text[: max(0, limit)]
    return head + ELLIPSIS


# --- violations (what the benchmark counts) -----------------------------------------------


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
        after = span[1] if span else after
    locate = [span[0] if span else None for span in spans]
    shown = "".join(summary)
    for k, sentence in enumerate(summary):
        idx = locate[k]
        leans = idx is not None and idx > 0 and is_dangling(source[idx]) and is_dangling(sentence)
        before = spans[k - 1] if k > 0 else None
        if leans and (before is None or before[1] != (idx or 0) - 1):
            out["dangling"] += 1
        for name in short_names(sentence):
            if not any(name in full and full != name for full in _BOOK.findall(shown)) and _definer_shown(
                summary, k, name
            ):
                out["short_name"] += 1
        marker = list_marker(sentence)
        if marker is not None and marker > 1 and (k == 0 or _last_marker(summary[k - 1]) != marker - 1):
            out["enumeration"] += 1
        if idx is not None and idx + 1 < len(source) and continues(sentence, source[idx + 1]):
            nxt = list_marker(source[idx + 1])
            if nxt is not None and (k + 1 >= len(summary) or list_marker(summary[k + 1]) != nxt):
                out["enumeration"] += 1
        if sentence.endswith(ELLIPSIS) and sentence[-2:-1] and _ASCII_WORD.match(sentence[-2]):
            out["mid_number"] += 1
        if _STRAY.search(sentence):
            out["stray_space"] += 1
    return out


def _definer_shown(summary: Sequence[str], k: int, name: str) -> bool:
    """True when no earlier shown sentence introduces the short name (so it dangles)."""
    core = name[-2:]
    return not any(core in _BOOK.sub("", s) for s in summary[:k])


def _locate(sentence: str, source: Sequence[str], start: int = 0) -> tuple[int, int] | None:
    """First and last source sentence (from ``start`` on) that ``sentence`` was taken from, if found."""
    core = re.sub(r"\W", "", sentence)
    if len(core) < 4:
        return None
    plain = [re.sub(r"\W", "", src) for src in source]
    head, tail = core[:12], core[-12:]
    for i in range(start, len(source)):
        if head in plain[i] or plain[i][:12] in core[:40]:
            for j in range(i, len(source)):
                if tail in plain[j]:
                    return i, j
            return i, i
    return None
