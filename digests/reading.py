"""An editor's reading rules for extracted sentences.

A sentence lifted out of an article must still read on its own.  These rules say which sentences
of a document depend on others (and so may only be shown with them), how to cut text to a budget
cleanly, and how to spot a summary that breaks the rules (the benchmark counts those):

* **dangling openers** – a sentence opening with a reference or connective
  (这、该、此、其、对此、同时、此外、另外、但、而、因此、据悉…) depends on the sentence before it;
* **short names** – 《方案》 or an abbreviation set up with 简称“X” needs the
  sentence that gives the full form;
* **enumerations** – items of a list (1）2）3）, ①②③, 一是…二是…, or clauses joined
  by ；) are kept together: a marked list whole, an unmarked one as a prefix;
* **clean cuts** – a budget cuts between sentences, else at a clause boundary,
  never inside a number, a Latin word or a bracketed name; no stray spaces.

digests/violations.py counts breaks of these rules in a shown summary (benchmarks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests import hanzi

__all__ = [
    "clean_cut",
    "continues",
    "defined_abbreviations",
    "is_dangling",
    "leans_on_previous",
    "list_intro",
    "list_marker",
    "list_members",
    "needs_of",
    "short_names",
    "tidy_spaces",
]

ELLIPSIS = "…"

# Connectives and references that point back to the previous sentence.  Longer forms
# come first; 其 alone also covers 其中/其他/其余 (all refer back).
_OPENER_WORDS = (
    "与此同时|除此之外|除此以外|另一方面|值得注意的是|值得一提的是|对此|对于此|为此|由此|因此|因而|所以|"
    "此外|另外|同时|此前|此后|此次|此举|随后|之后|其后|然而|不过|但是|但|而且|而|并且|并|且|"
    "据悉|据了解|据介绍|记者了解到|记者获悉|总之|总体来看|总的来看|上述|前述|这|该|此|其|她|他|它"
)
_OPENER = hanzi.compile(r"^(?:" + _OPENER_WORDS + r")")
# Openers that only look like references: 其实 ("in fact"), 这里 in a quote, 他国/她们 are still refs.
_NOT_OPENER = hanzi.compile(r"^(?:其实|而言|但凡|此起彼伏|该当|并购|并表|并非|且慢)")

_MARKER = hanzi.compile(
    r"^\s*(?:(?P<num>\d{1,2})\s*[）)、.．](?!\d)|[（(](?P<pnum>\d{1,2})[）)]|(?P<circ>[①-⑳])|"
    r"(?P<cn>[一二三四五六七八九十]{1,2})(?:是|、|要|方面)|第(?P<ord>[一二三四五六七八九十]{1,2})(?:类|条|点|项|是|，|、))"
)
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}

# 《方案》-style short names of documents: generic words that are never a title of their own.
_DOC_WORDS = (
    "方案|意见|通知|办法|规划|纲要|条例|规定|决定|报告|计划|指南|细则|措施|标准|"
    "通告|公告|指引|决议|议案|法案|草案|协议|声明|白皮书|清单"
)
_GENERIC_DOC = hanzi.compile(r"^[\u4e00-\u9fff]{0,3}(?:" + _DOC_WORDS + r")$")
_DOC_TAILS = frozenset(word[-2:] for word in _DOC_WORDS.split("|"))  # how every short name ends
_SHORT_NAME_CHARS = 3 + max(len(word) for word in _DOC_WORDS.split("|"))
_BOOK = hanzi.compile(r"《([^《》]{1,40})》")
_ABBREV = hanzi.compile(r"(?:以下)?(?:简称|下称)[为：:]?\s*[“\"「『]([^”\"」』]{1,12})[”\"」』]")


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


# Additive openers an editor simply deletes: what follows them still stands alone, unless it
# refers back itself (此外，该公司… still leans on the sentence before).
ADDITIVE_OPENERS = (
    "此外|另外|同时|与此同时|而且|并且|据悉|据了解|据介绍|据报道|记者获悉|记者了解到|值得注意的是|值得一提的是"
)
_ADDITIVE = hanzi.compile(r"^(?:" + ADDITIVE_OPENERS + r")[，,：:\s]*")


def leans_on_previous(text: str) -> bool:
    """True when the sentence cannot be shown without the one before it, even with an additive opener dropped."""
    if not is_dangling(text):
        return False
    body = _MARKER.sub("", text, count=1).lstrip(' “"「')
    rest = _ADDITIVE.sub("", body, count=1)
    return rest == body or len(rest) < 6 or is_dangling(rest)


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
    definers = _Definers(texts)
    for i, text in enumerate(texts):
        if i > 0 and leans_on_previous(text):
            needs[i].add(i - 1)
        names = short_names(text)
        if names:
            own = _contained_names(_BOOK.findall(text))
            for name in dict.fromkeys(names):
                if name not in own:  # else the full form is in the same sentence
                    needs[i].add(definers.find(i, name))
        needs[i].update(_abbreviations_in(text, abbrevs))
        for abbrev in defined_abbreviations(text):
            abbrevs.setdefault(abbrev, i)
    _enumerations(texts, needs, paragraph_of)
    return [frozenset(s) for s in needs]


def _contained_names(fulls: Sequence[str]) -> set[str]:
    """The short names (as :func:`short_names` finds them) that occur inside one of ``fulls`` and
    are not that whole title: 方案 and 实施方案 in 《京津冀协同发展实施方案》."""
    found: set[str] = set()
    for full in fulls:
        for end in range(2, len(full) + 1):
            if full[end - 2 : end] not in _DOC_TAILS:
                continue
            for start in range(max(0, end - _SHORT_NAME_CHARS), end - 1):
                name = full[start:end]
                if name != full and _GENERIC_DOC.match(name):
                    found.add(name)
    return found


class _Definers:
    """Which earlier sentence gives a short name's full form (《…方案》, else plain 方案).

    Every sentence is read once, in order, and only as far as a short name asks: rescanning all
    earlier sentences for each 《方案》 made a body of thousands of them quadratic (a 512 KB one
    took 75 s to ingest)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.read = 0  # sentences before this one are in ``last``
        self.last: dict[str, int] = {}  # short name → the latest sentence read whose title contains it
        self.plain: dict[int, str] = {}  # sentence → its text without 《…》 (the fallback looks at two)

    def find(self, i: int, name: str) -> int:
        """The nearest sentence before ``i`` naming the document in full; -1 if there is none."""
        for j in range(self.read, i):
            for contained in _contained_names(_BOOK.findall(self.texts[j])):
                self.last[contained] = j
        self.read = max(self.read, i)
        j = self.last.get(name, -1)
        if j >= 0:
            return j
        core = name[-2:]
        for j in range(i - 1, max(-1, i - 3), -1):
            if j not in self.plain:
                self.plain[j] = _BOOK.sub("", self.texts[j])
            if core in self.plain[j]:
                return j
        return -1


_ABBREV_LOOP = 8  # up to this many abbreviations, test each one; past it, look up the text's substrings


def _abbreviations_in(text: str, abbrevs: dict[str, int]) -> set[int]:
    """Sentences that set up an abbreviation used in ``text``. Linear in the text for any number of
    abbreviations: a document defining thousands would otherwise test each against every sentence."""
    if len(abbrevs) <= _ABBREV_LOOP:
        return {j for abbrev, j in abbrevs.items() if abbrev in text}
    found = set()
    for size in {len(a) for a in abbrevs}:
        for start in range(len(text) - size + 1):
            j = abbrevs.get(text[start : start + size])
            if j is not None:
                found.add(j)
    return found


def _enumerations(texts: Sequence[str], needs: list[set[int]], paragraph_of: Sequence[int] | None) -> None:
    """Items of one list are shown as a prefix of the list (cut at an item boundary).

    Items are linked when joined by ；within a paragraph or numbered in sequence
    (1）→2）, ①→②, 第一→第二, also across sentences and paragraphs).  A list whose
    lead-in announces it ("主要原因有三个：1）…") is all-or-nothing: part of it
    would misstate the list (the lead-in alone may still be shown, see list_intro).
    """
    n = len(texts)
    parent = list(range(n))
    prev_item = [-1] * n
    for i in range(1, n):
        same_para = paragraph_of is None or paragraph_of[i - 1] == paragraph_of[i]
        if same_para and texts[i - 1].rstrip()[-1:] in "；;":
            prev_item[i] = i - 1
            continue
        number = list_marker(texts[i])
        if number is None or number < 2:
            continue
        for j in range(i - 1, max(-1, i - 8), -1):
            if last_marker(texts[j]) == number - 1:
                prev_item[i] = j
                break
    for i in range(n):
        if prev_item[i] >= 0:
            needs[i].add(prev_item[i])
            parent[i] = parent[prev_item[i]]
    lists: dict[int, list[int]] = {}
    for i in range(n):
        lists.setdefault(parent[i], []).append(i)
    for head, members in lists.items():
        if len(members) > 1 and list_intro(texts[head]) is not None:
            for k in members:
                needs[k].update(m for m in members if m != k)


def list_members(texts: Sequence[str], needs: Sequence[frozenset[int]]) -> set[int]:
    """Sentences that are items of a list of two or more (their markers stay when shown together)."""
    out: set[int] = set()
    for i in range(1, len(texts)):
        for j in needs[i]:
            if 0 <= j < i and continues(texts[j], texts[i]):
                out.update((i, j))
    return out


_MARKER_INSIDE = hanzi.compile(r"[：:]\s*(?:\d{1,2}[）)]|[①-⑳]|[（(]\d{1,2}[）)]|一是|第一)")


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
    a, b = last_marker(prev), list_marker(nxt)
    return a is not None and b == a + 1


def last_marker(text: str) -> int | None:
    """The number of the last list marker in ``text`` (1 for "…：1）…", 2 after "；2）…"), if any."""
    found = None
    for m in re.finditer(
        r"(?:^|[：:；;。！？\s])\s*((?:\d{1,2}[）)、.．](?!\d)|[①-⑳]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,2}是|"
        r"第[一二三四五六七八九十]{1,2}[类条点项是，、]))",
        text,
    ):
        found = list_marker(m.group(1))
    return found


# --- clean cuts -----------------------------------------------------------------------------

_SPACE = hanzi.compile(r"\s+")
_ASCII_WORD = hanzi.compile(r"[A-Za-z0-9%$&+\-./]")
_CLAUSE = "，、；：,;:"
_PAIRS = {"《": "》", "“": "”", "（": "）", "(": ")", "「": "」", "【": "】", "‘": "’"}

_CJK_PUNCT = "，。；：、！？（）《》“”「」『』【】"
_STRAY_PUNCT = r"\s+(?=[" + _CJK_PUNCT + r"])|(?<=[" + _CJK_PUNCT + r"])\s+"
_INVISIBLE = r"|[\u200b-\u200d\u2060\ufeff]"  # zero-width marks a page leaves before a headline
_STRAY = hanzi.compile(_STRAY_PUNCT + r"|(?<=[0-9])\s+(?=[\u4e00-\u9fff])" + _INVISIBLE)  # "1.25 以下", "1989 年"
# In a headline a space separates decks ("1.00% 现报"): only one next to a pausing mark is stray.
_IN_HEADLINE = r"\s+(?=[，。；：、！？）》”」』】])|(?<=[，。；：、！？（《“「『【])\s+"
_STRAY_IN_HEADLINE = hanzi.compile(_IN_HEADLINE + _INVISIBLE)
_HAN_COMMA = hanzi.compile(r"(?<=[\u4e00-\u9fff]),(?=[\u4e00-\u9fff])")  # 全球化企业,在: a mistyped ，


def tidy_spaces(text: str, *, headline: bool = False) -> str:
    """Drop whitespace next to Chinese punctuation ("16个品种， 涉及", "Future ，在") and, in body
    text, between a number and the Chinese word after it ("1.25 以下"); keep the rest ("Katy
    Huberty", and the separators of a headline such as "6.35关口 在岸" or "1.00% 现报"); a Latin
    comma between Chinese words becomes the Chinese one."""
    return _HAN_COMMA.sub("，", (_STRAY_IN_HEADLINE if headline else _STRAY).sub("", text).strip())


_QUOTES = "”」』’"


def _open_pairs(text: str, pos: int) -> list[str]:
    """Closers still owed at ``text[pos]``: 《》/“”/（） opened before it and not yet closed."""
    stack: list[str] = []
    for ch in text[:pos]:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    return stack


def _in_number(text: str, pos: int) -> bool:
    """511,348 / 10:55: the comma or colon at ``pos`` is part of a number."""
    return text[pos] in ",:" and pos + 1 < len(text) and text[pos - 1 : pos].isdigit() and text[pos + 1].isdigit()


def _clause_cuts(text: str, max_chars: int, start: int) -> list[int]:
    """Clause boundaries from ``start`` where a cut (plus "…" and the quotes it closes) fits in
    ``max_chars``: never inside a number, 《》 or (); inside a quotation only at ，；：, not between
    、-items. One pass, keeping the pairs opened so far (linear, whatever the nesting)."""
    owed: list[str] = []
    quotes = 0  # how many of the owed closers are quotation marks
    cuts = []
    for pos, ch in enumerate(text[:max_chars]):
        if ch in _CLAUSE:
            if (
                pos >= start
                and quotes == len(owed)  # inside 《》 or () no cut; inside a quotation it is closed after "…"
                and not (ch == "、" and owed)
                and not _in_number(text, pos)
                and pos + len(ELLIPSIS) + quotes <= max_chars
            ):
                cuts.append(pos)
        elif ch in _PAIRS:
            owed.append(_PAIRS[ch])
            quotes += _PAIRS[ch] in _QUOTES
        elif owed and ch == owed[-1]:
            quotes -= owed.pop() in _QUOTES
    return cuts


def _close(text: str, head_end: int) -> str:
    """The head ``text[:head_end]`` with "…" and the quotation marks it leaves open."""
    owed = [c for c in _open_pairs(text, head_end) if c in _QUOTES]
    return text[:head_end] + ELLIPSIS + "".join(reversed(owed))


_UNIT = "亿万千百十元角分个%％倍年月日时号点股只家辆吨"


def clean_cut(text: str, max_chars: int, *, min_keep: int = 4) -> str:
    """``text`` within ``max_chars``: whole if it fits, else its longest clause prefix plus "…".

    A list that does not fit gives way to its lead-in; between ；-joined items is
    preferred to inside one.  Failing a clause boundary, a hard cut that backs off
    out of a number, its unit or a Latin word.
    """
    text = tidy_spaces(text)
    if max_chars <= 0:
        return ""
    if len(text) <= max_chars:
        return text
    intro = list_intro(text)
    if intro and len(intro) + 1 <= max_chars:
        return intro + "。"  # a list that does not fit: its lead-in, cut before the first item
    limit = max_chars - len(ELLIPSIS)
    usable = _clause_cuts(text, max_chars, max(min_keep, limit // 3))
    semis = [p for p in usable if text[p] in "；;"]
    if semis:
        return _close(text, semis[-1])  # between items of a ；-joined list, not inside one
    if usable:
        return _close(text, usable[-1])
    cut = max(0, limit)
    while cut > 1 and _ASCII_WORD.match(text[cut - 1]) and (_ASCII_WORD.match(text[cut]) or text[cut] in _UNIT):
        cut -= 1  # never split 81.5, 3亿 or Faraday
    head = text[:cut].rstrip(_CLAUSE + " ") if cut > 1 else text[: max(0, limit)]
    return head + ELLIPSIS
