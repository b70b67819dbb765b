"""Simplified and Traditional Chinese: one folded form for matching, each reader's script for showing.

Matching (:func:`fold`) maps every Traditional or regional variant character to its Simplified
form — 臺積電 → 台积电, 滙豐/匯豐 → 汇丰, 裏/裡 → 里, 綫/線 → 线, 衞/衛 → 卫 — so the full-text
index, ``/latest``, keyword watches, mute words and story grouping treat the scripts as one text.
It is one character to one character, never phrase by phrase: any substring of a text folds to
the same substring of its folded form, which is what lets the bigram index find every substring
(:mod:`digests.fts`) and a watch match what ``/latest`` finds. The table is not written by hand:
it is OpenCC's own conversion (``hk2s``, ``tw2s`` then ``t2s``) of every CJK character one at a
time, built once per process (about 25 ms) and applied with ``str.translate``.

Showing (:func:`to_script`) converts text with OpenCC's phrase-aware configurations (s2t, s2hk,
s2twp, t2s) at render time; the stored article keeps the script it was published in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import opencc

# The characters the index treats as CJK (digests.fts): a fold never leaves this set, so folding
# never splits or joins the runs the index is made of.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# Converting into a character outside the basic block (郭明錤 → 郭明𫓹) would show a glyph many
# fonts lack and turn a name into one no outlet writes: such a character is kept as it was.
_RARE = re.compile(r"[\u3400-\u4dbf\U00020000-\U0003ffff]")

ScriptCode = Literal["简", "繁", "港", "台"]
SCRIPTS: tuple[ScriptCode, ...] = ("简", "繁", "港", "台")
DEFAULT_SCRIPT: ScriptCode = "简"


@dataclass(frozen=True)
class Script:
    code: ScriptCode
    name: str  # as the reader is told (written Simplified, like every text: shown in the chat's script)
    config: str  # OpenCC configuration that writes it


_BY_CODE: dict[str, Script] = {
    "简": Script("简", "简体中文", "t2s"),
    "繁": Script("繁", "繁体中文", "s2t"),
    "港": Script("港", "繁体中文（香港用字）", "s2hk"),
    "台": Script("台", "繁体中文（台湾用字和用语）", "s2twp"),
}
# What readers type after /script or /channel add: the code, either script's spelling, common names.
_ALIASES: dict[str, ScriptCode] = {
    **{code: code for code in SCRIPTS},
    "簡": "简",
    "简体": "简",
    "簡體": "简",
    "简体中文": "简",
    "簡體中文": "简",
    "zh-hans": "简",
    "zh-cn": "简",
    "s": "简",
    "繁体": "繁",
    "繁體": "繁",
    "繁体中文": "繁",
    "繁體中文": "繁",
    "zh-hant": "繁",
    "t": "繁",
    "香港": "港",
    "hk": "港",
    "zh-hk": "港",
    "臺": "台",
    "台湾": "台",
    "台灣": "台",
    "臺灣": "台",
    "tw": "台",
    "zh-tw": "台",
}


def script(code: str) -> Script:
    """The script of a stored code (an unknown one reads as Simplified, the bot's own language)."""
    return _BY_CODE.get(code, _BY_CODE[DEFAULT_SCRIPT])


def parse_script(raw: str) -> ScriptCode | None:
    """The script a reader named (``繁``, ``繁體``, ``香港``, ``zh-tw``…), or None."""
    return _ALIASES.get(raw.strip().lower())


def script_for_language(language_code: str | None) -> ScriptCode:
    """A new chat's script, guessed once from its Telegram user's language code (IETF tag)."""
    tag = (language_code or "").strip().lower().replace("_", "-")
    if tag in ("zh-hk", "zh-mo") or tag.startswith(("zh-hant-hk", "zh-hant-mo")):
        return "港"
    if tag == "zh-tw" or tag.startswith("zh-hant-tw"):
        return "台"
    if tag.startswith("zh-hant"):
        return "繁"
    return "简"


@cache
def _fold_table() -> tuple[dict[int, str], re.Pattern[str]]:
    chars = "".join(chr(c) for low, high in _CJK_RANGES for c in range(low, high + 1))
    # One character per line: no phrase of the converters' dictionaries can span two of them.
    # Standard Traditional first (t2s), then the Hong Kong and Taiwan variants it leaves (衞, 著).
    lines = "\n".join(chars)
    converted = [_converter(config).convert(lines).split("\n") for config in ("t2s", "hk2s", "tw2s")]
    table: dict[int, str] = {}
    for index, before in enumerate(chars):
        after = next((c[index] for c in converted if c[index] != before), before)
        if after != before and len(after) == 1 and any(low <= ord(after) <= high for low, high in _CJK_RANGES):
            table[ord(before)] = after
    # A character the converters write as Simplified is Simplified: 么 (from 麼) stays 么, though
    # t2s alone would take it for a variant of 幺; so Simplified text folds to itself but for variants.
    for simplified in {c[index] for c in converted for index in range(len(chars)) if c[index] != chars[index]}:
        table.pop(ord(simplified), None)
    # Finding whether a text has anything to fold is 20× faster than translating it, and most
    # Simplified text has nothing: translate only what needs it.
    return table, re.compile("[" + "".join(map(chr, sorted(table))) + "]")


def fold(text: str) -> str:
    """``text`` with each Traditional or variant character replaced by its Simplified form."""
    table, foldable = _fold_table()
    return text.translate(table) if foldable.search(text) else text


def warm() -> None:
    """Build the fold table now (before worker processes fork, so they share it)."""
    _fold_table()


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_script(text: str, code: str) -> str:
    """``text`` written in a reader's script, phrase-aware (软件 → 軟體 for 台); HTML tags untouched."""
    if not text:
        return text
    config = script(code).config
    converter = _converter(config)
    pieces = _TAG.split(text)
    # Odd pieces are tags (a link's href may hold Chinese characters: it must not change).
    return "".join(piece if i % 2 else _convert(converter, piece) for i, piece in enumerate(pieces))


_TAG = re.compile(r"(<[^<>]*>)")


def _convert(converter: opencc.OpenCC, text: str) -> str:
    if not text:
        return text
    out = converter.convert(text)
    if out == text or len(out) != len(text) or not _RARE.search(out):
        return out
    # Keep the original wherever the converter reached for a rare character (see _RARE).
    return "".join(old if _RARE.match(new) and not _RARE.match(old) else new for old, new in zip(text, out))


@cache
def _variants() -> dict[str, str]:
    """Simplified character → its Traditional and variant forms (发 → 發髮), the fold table inverted."""
    inverse: dict[str, str] = {}
    for code, simplified in _fold_table()[0].items():
        inverse[simplified] = inverse.get(simplified, "") + chr(code)
    return inverse


def either_script(pattern: str) -> str:
    """A regular expression written in Simplified that matches Traditional text as well: each
    character with other forms becomes a class of them (该 → [该該], 简称 → [简簡][称稱]), inside a
    class they join it. One character still matches one, so groups, spans and lookbehinds keep
    their meaning, and what a group captures is the text as written."""
    variants = _variants()
    out: list[str] = []
    extra = ""  # variants of the characters of the class being read
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]" and out[-1] not in ("[", "[^"):
                out.append(extra + "]")
                in_class, extra = False, ""
            else:
                out.append(ch)
                extra += variants.get(ch, "")
        elif ch == "[":
            in_class = True
            out.append("[^" if pattern.startswith("[^", i) else "[")
            i += 2 if pattern.startswith("[^", i) else 1
            continue
        else:
            out.append(f"[{ch}{variants[ch]}]" if ch in variants else ch)
        i += 1
    return "".join(out)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of :func:`either_script` (the reading rules, boilerplate and time words)."""
    return re.compile(either_script(pattern), flags)
