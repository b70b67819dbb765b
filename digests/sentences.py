"""Chinese news sentence splitting and non-content detection.

``split_sentences(paragraphs)`` turns clean paragraphs into :class:`Sentence`
records.  Boundaries are 。！？；…, their half-width forms and runs of them
(！！, ……, ...), with trailing closing quotes/brackets kept on the sentence.
Decimals (6.3512), times (10:55), URLs and Latin abbreviations (U.S., No.1)
are never split.  Fragments too short to stand alone are merged into a
neighbour; paragraph breaks are always boundaries.

Each sentence carries ``is_content``: reporter/source credits, photo captions,
"点击查看"/"责任编辑"/"原标题：" lines and similar boilerplate are flagged so the
summarizer never picks them.  A trailing source credit such as （央视新闻） is
stripped from the sentence text, and so is a leading dateline such as
新华社柏林1月22日电（记者商婧） (kept in ``raw``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from digests import hanzi

__all__ = ["Sentence", "content_len", "paragraphs_of", "split_sentences", "split_text"]

# Terminators: a run of these ends a sentence.  Half-width '.' is handled
# separately because it also appears in decimals, URLs and abbreviations.
_TERMINATORS = "。！？；!?;…"
_CLOSERS = "”’」』）)】〕》\"'"
_PUNCT = set("，、。！？；：…—～·,.!?;:\"'“”‘’「」『』（）()【】〔〕《》<>〈〉[]{}｛｝-_/\\|｜ \t\u3000*#@&%^~`=+")

# Stretches that must never be split: URLs, e-mail, decimals, times, dotted
# abbreviations.  They are masked before scanning for boundaries.  The lookbehinds
# start a match only where a run begins and the possessive quantifiers never give
# characters back: without them a long run of word characters or digits (one
# unpunctuated Chinese paragraph) is rescanned from every position, quadratically.
_PROTECT = hanzi.compile(
    r"(?:https?://|ftp://|www\.)[^\s\u4e00-\u9fff，。！？；）】」』”]+"  # URLs
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+"  # e-mail
    # bare domains, starting only where a dotted run of labels starts:
    r"|(?<![A-Za-z0-9-])(?<![A-Za-z0-9-]\.)[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)*\.(?:com|cn|net|org|gov|edu|io|hk)\b"
    r"|(?<!\d)\d++(?:\.\d++)+"  # decimals, version numbers, dates like 2021.12.08
    r"|\d{1,2}:\d{2}(?::\d{2})?"  # times
    r"|\b(?:[A-Za-z]\.){2,}"  # U.S., U.K., e.g.
    r"|\b(?:No|Mr|Mrs|Ms|Dr|Prof|Inc|Co|Ltd|Corp|Jr|Sr|St|vs|etc|Fig|Vol|approx)\.",
    re.IGNORECASE,
)

_CJK = hanzi.compile(r"[\u3400-\u9fff]")
_CANDIDATE = hanzi.compile("[" + re.escape(_TERMINATORS) + ".]")

# Sentences shorter than this (in non-punctuation characters) are merged into
# a neighbour: "他说。" or "对！" carry no meaning on their own.
MIN_CHARS = 6

# --- non-content patterns -------------------------------------------------
_CREDIT_WORDS = r"记者|通讯员|实习生|编辑|责编|编译|撰稿|供稿|供图|摄影|摄|来源|综合|整理|报道|出处|作者|校对|审核|翻译"
_OUTLET_SUFFIX = (
    r"(?:新闻|新闻网|网|报|日报|晚报|晨报|时报|周刊|杂志|社|台|电视台|客户端|财经|数据|资讯|快讯|APP|app|网站|"
    r"频道|观察|在线|头条|证券|期货|发布|公众号|微信|微博|号|公司|研究|研究所|消息)"
)
# A short parenthetical naming a person/outlet credit.
_CREDIT_PAREN = hanzi.compile(
    r"[（(]\s*(?:[^（）()]{0,24}?(?:" + _CREDIT_WORDS + r")[^（）()]{0,24}"
    r"|[\w\u4e00-\u9fff·]{1,14}" + _OUTLET_SUFFIX + r"(?:[\w\u4e00-\u9fff]{0,4})"
    r"|完|全文完|end|END)\s*[）)]"
)
# Leading dateline: 新华社柏林1月22日电（记者商婧）, 天津北方网讯：, 本报讯（记者 X）.
_DATELINE = hanzi.compile(
    r"^\s*(?:[\u4e00-\u9fffA-Za-z·]{0,16}?\d{1,2}月\d{1,2}日(?:[\u4e00-\u9fff]{0,4})?电"
    r"|[\u4e00-\u9fffA-Za-z]{1,12}?(?:讯|电))"
    r"\s*(?:[（(][^（）()]{0,30}[）)])?\s*[：:]?\s*"
)
_DATELINE_NEEDS = hanzi.compile(r"(?:月\d{1,2}日(?:[\u4e00-\u9fff]{0,4})?电|讯\s*[：:（(]|电\s*[（(：:])")
_BOILERPLATE = hanzi.compile(
    r"^\s*[（(【\[]?\s*(?:点击(?:查看|进入|阅读|下载|播放|观看|收看|链接|这里|此处)|责任编辑|责编|编辑[：:]|原标题[：:]|"
    r"文章来源|本文来源|来源[：:]|转载|免责声明|声明[：:]|风险提示[：:]|相关阅读|相关新闻|延伸阅读|推荐阅读|更多(?:精彩|内容|资讯)|"
    r"扫码|扫描二维码|长按|关注(?:我们|公众号)|欢迎(?:关注|订阅)|本文(?:首发|转载|仅供)|以上内容|视频[：:]|视频来源|"
    r"图片来源|图源|图[：:]|图为|图片[：:]|资料图|配图|摄影[：:]|摄[：:]|作者[：:]|记者[：:]|校对[：:]|审核[：:]|监制|制作[：:]|"
    r"海量资讯、精准解读|特别声明|专栏|热点栏目|正文)"
)
_CAPTION = hanzi.compile(
    r"(?:资料图|图片来源|图源[：:]|\(图\)|（图）|新华社记者[^，。]{1,8}摄|[（(][^（）()]{0,20}摄[）)]$)"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article.

    ``text`` is the cleaned sentence (trailing credit and leading dateline
    removed); ``raw`` is the sentence exactly as split.  ``paragraph`` is the
    0-based paragraph index, ``position`` the 0-based index among all
    sentences of the document, ``index_in_paragraph`` its index within the
    paragraph.  ``kind`` says why a sentence is not content ("credit",
    "caption", "boilerplate", "heading") or is "content" or "headline" (the
    article's own headline, set above its byline: content too).
    """

    text: str
    paragraph: int
    position: int
    is_content: bool
    raw: str = ""
    index_in_paragraph: int = 0
    kind: str = "content"


_DROP_PUNCT = hanzi.compile("[" + re.escape("".join(sorted(_PUNCT))) + r"\s]+")


def content_len(text: str) -> int:
    """Number of characters that are neither punctuation nor whitespace."""
    return len(_DROP_PUNCT.sub("", text))


def paragraphs_of(text: str) -> list[str]:
    """Split plain text into paragraphs on line breaks, dropping blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _mask(text: str) -> str:
    """Replace protected stretches with same-length placeholders (no boundaries inside)."""
    return _PROTECT.sub(lambda m: "\0" * len(m.group()), text)


def _raw_pieces(paragraph: str) -> list[str]:
    """Split one paragraph at sentence boundaries, keeping closers attached."""
    masked = _mask(paragraph)
    n = len(paragraph)
    pieces: list[str] = []
    start = 0
    i = 0
    while i < n:
        # Jump straight to the next character that could end a sentence.
        candidate = _CANDIDATE.search(masked, i)
        if candidate is None:
            break
        i = candidate.start()
        ch = masked[i]
        end = -1
        if ch in _TERMINATORS:
            end = i + 1
            while end < n and (masked[end] in _TERMINATORS or masked[end] == "."):
                end += 1
        elif ch == ".":
            run = i
            while run < n and masked[run] == ".":
                run += 1
            if run - i >= 3:  # "..." ellipsis
                end = run
            elif (
                (run >= n or masked[run].isspace() or _CJK.match(masked[run]))
                and i > 0
                and (_CJK.match(masked[i - 1]) or masked[i - 1] in _CLOSERS)
            ):
                # A full stop written half-width after CJK text.
                end = run
            else:
                i = run
                continue
        if end < 0:
            i += 1
            continue
        # Keep closing quotes/brackets (and more terminators) with the sentence.
        while end < n and (masked[end] in _CLOSERS or masked[end] in _TERMINATORS):
            end += 1
        # An opening quote/bracket closed right after would be an empty pair;
        # otherwise a closer belongs to this sentence only if its opener is here.
        pieces.append(paragraph[start:end])
        start = end
        i = end
    if start < n:
        pieces.append(paragraph[start:])
    return [p.strip() for p in pieces if p.strip()]


def _fix_closers(pieces: list[str]) -> list[str]:
    """Move a closer that was glued to the next piece back (rare: ”。” patterns)."""
    out: list[str] = []
    for piece in pieces:
        if out and piece and piece[0] in _CLOSERS and content_len(piece[:1]) == 0:
            j = 0
            while j < len(piece) and piece[j] in _CLOSERS:
                j += 1
            out[-1] += piece[:j]
            piece = piece[j:].strip()
            if not piece:
                continue
        out.append(piece)
    return out


def _open_depth(text: str, depth: int = 0) -> int:
    """How many quotes/brackets are still open after ``text``, starting from ``depth`` open ones."""
    for ch in text:
        if ch in "“「『（(【〔《":
            depth += 1
        elif ch in "”」』）)】〕》" and depth > 0:
            depth -= 1
    return depth


def classify(text: str) -> str:
    """Return "content" or the kind of non-content for one sentence text."""
    stripped = text.strip()
    if not stripped or content_len(stripped) == 0:
        return "boilerplate"
    if _BOILERPLATE.match(stripped):
        return "boilerplate"
    # A sentence that is only a parenthetical: （津云新闻记者赵颖妍）, （完）, (东方财富Choice数据).
    if stripped[0] in "（(" and stripped.rstrip("。.！!；;")[-1:] in "）)":
        inner = stripped.rstrip("。.！!；;")[1:-1]
        plain = "（" not in inner and "(" not in inner
        if plain and (_CREDIT_PAREN.fullmatch(stripped.rstrip("。.！!；;")) or content_len(inner) <= 24):
            return "credit"
    if _CAPTION.search(stripped) and content_len(stripped) < 60:
        return "caption"
    return "content"


def _strip_trailing_credits(text: str) -> str:
    """``text`` without its trailing run of credit parentheticals such as （记者 X）（完）.

    Walks back one parenthetical at a time: searching for the run from every opening bracket
    is quadratic in the number of brackets.
    """
    while text[-1:] in ("）", ")"):
        start = max(text.rfind("（"), text.rfind("("))
        # A credit has no bracket inside, so it can only start at the last opener.
        if start < 0 or _has_closer(text, start + 1, len(text) - 1) or not _CREDIT_PAREN.fullmatch(text, start):
            break
        text = text[:start].rstrip()
    return text


def _has_closer(text: str, start: int, end: int) -> bool:
    return text.find("）", start, end) >= 0 or text.find(")", start, end) >= 0


def strip_credit(text: str) -> str:
    """Drop a trailing source credit such as （央视新闻） and a leading dateline."""
    cleaned = _strip_trailing_credits(text.rstrip())
    m = _DATELINE.match(cleaned)
    if m and _DATELINE_NEEDS.search(m.group()) and len(cleaned) - m.end() >= MIN_CHARS:
        cleaned = cleaned[m.end() :]
    return cleaned.strip() or text.strip()


def _merge_short(pieces: list[str]) -> list[tuple[str, str]]:
    """Merge fragments too short to stand alone, and unbalanced quotes, into neighbours.

    Returns (text, kind) pairs; only content merges with content.
    """
    # Merged texts are kept as lists of parts with their open-bracket depth, so that a paragraph
    # merging into one sentence (an unclosed bracket) costs linear, not quadratic, time.
    merged: list[tuple[list[str], str, int]] = []
    for piece in pieces:
        kind = classify(piece)
        if (
            merged
            and kind == "content"
            and merged[-1][1] == "content"
            and (content_len(piece) < MIN_CHARS or merged[-1][2] > 0)
        ):
            parts, _, depth = merged[-1]
            parts.append(piece)
            merged[-1] = (parts, "content", _open_depth(piece, depth))
        else:
            merged.append(([piece], kind, _open_depth(piece)))
    out = [("".join(parts), kind) for parts, kind, _ in merged]
    # A short first fragment ("对！") joins the next one instead.
    if len(out) >= 2 and out[0][1] == out[1][1] == "content" and content_len(out[0][0]) < MIN_CHARS:
        out[1] = (out[0][0] + out[1][0], "content")
        del out[0]
    return out


def _is_heading(paragraph: str, pieces: list[tuple[str, str]]) -> bool:
    """Short unpunctuated paragraph such as 【点评】 or a kicker line."""
    p = paragraph.strip()
    if len(pieces) != 1 or not p:
        return False
    if p[-1] in _TERMINATORS or p[-1] in "。.”」』":
        return False
    if p.startswith("【") and p.endswith("】"):
        return True
    return content_len(p) <= 14


# A byline alone on its line: 卜晓明, 记者 张三 李四, 文/王五.
_BYLINE = hanzi.compile(
    r"(?:(?:本报|新华社|特约|驻\w{1,6})?记者|文|撰文|编译)?\s*[/／：:]?\s*"
    r"[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){0,2}"
)


def _is_headline(paragraphs: Sequence[str], index: int, pieces: list[tuple[str, str]]) -> bool:
    """The article's own headline: its first line, one sentence not closed by 。, set above a byline."""
    return (
        index == 0
        and len(paragraphs) > 1
        and len(pieces) == 1
        and not paragraphs[0].endswith(("。", "."))
        and bool(_BYLINE.fullmatch(paragraphs[1]))
    )


def split_sentences(paragraphs: Sequence[str] | str) -> list[Sentence]:
    """Split paragraphs (or plain text, split on line breaks) into sentences."""
    if isinstance(paragraphs, str):
        paragraphs = paragraphs_of(paragraphs)
    lines = list(_iter_paragraphs(paragraphs))
    sentences: list[Sentence] = []
    para_index = 0
    for line_index, paragraph in enumerate(lines):
        pieces = _merge_short(_fix_closers(_raw_pieces(paragraph)))
        if not pieces:
            continue
        headline = _is_headline(lines, line_index, pieces)
        # A headline says what the article says, in few words: it competes like any sentence.
        heading = _is_heading(paragraph, pieces) and len(paragraphs) > 1 and not headline
        for k, (piece, kind) in enumerate(pieces):
            kind = "heading" if heading else "headline" if headline and kind == "content" else kind
            text = strip_credit(piece) if kind in ("content", "headline") else piece
            sentences.append(
                Sentence(
                    text=text,
                    paragraph=para_index,
                    position=len(sentences),
                    is_content=kind in ("content", "headline"),
                    raw=piece,
                    index_in_paragraph=k,
                    kind=kind,
                )
            )
        para_index += 1
    return sentences


def _iter_paragraphs(paragraphs: Iterable[str]) -> Iterable[str]:
    # A paragraph that still contains line breaks is several paragraphs.
    for paragraph in paragraphs:
        for line in str(paragraph).splitlines():
            if line.strip():
                yield line.strip()


def split_text(text: str) -> list[str]:
    """Convenience: sentence texts of plain text (content and non-content)."""
    return [s.text for s in split_sentences(text)]
