"""The body of a post: clean paragraphs, the source URL, the outlet and the lead.

A body is HTML or Markdown (see :mod:`digests.posts` for a whole post); back-link footers, the
``<source url>`` line, the em_media credit and a trailing （outlet） credit are taken out of the
text and kept as fields; bylines and share footers go through :mod:`digests.boilerplate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree

from digests import hanzi
from digests.boilerplate import clean_paragraphs
from digests.cut_credits import reporters

# Patterns here must stay linear on hostile lines (long whitespace runs, thousands of "["):
# no two adjacent quantifiers may match the same characters, hence [｜|/·\s]* alone and \s*+.
_FOOTER_LINE = hanzi.compile(r"^\s*(?:\[返回[^\]]*\]\([^)]*\)[｜|/·\s]*)+$")
_URL_LINE = hanzi.compile(r"^\s*<(\s*+(?:https?://[^\s>]*+)?\s*+)>\s*$")
_LEAD_LINE = hanzi.compile(r"^\s*>\s?(.*)$")
# The name ends on a non-space, so the trailing \s* is tried once per run of spaces, not at each space.
_MEDIA_SOURCE = hanzi.compile(r"^[（(]?\s*(?:文章)?来源[：:]\s*(.+?(?<!\s))\s*[）)]?$")
# A trailing credit such as （央视新闻） or (东方财富Choice数据): short, has CJK, not a code.
_TRAILING_CREDIT = hanzi.compile(r"[（(]([^（）()]{2,16})[）)]\s*$")
_REPORTER = hanzi.compile(r"记者|通讯员|编辑|摄")
# Trailing notes that are not credits: （附名单）, （图）, （附表）, （组图）, （视频）, （完）, （更新中）.
_NOT_OUTLET = hanzi.compile(
    r"^(?:附.*|[多组]?图|图表|表|视频|名单|全文|详情|原文|链接|完|全文完|待续|续|更新中|滚动更新)$"
)
_CJK = hanzi.compile(r"[\u4e00-\u9fff]")
# How outlet names end (央视新闻, 中新网, 界面新闻, e公司, 发改委网站, 东方财富Choice数据, 新华社, 财联社).
_OUTLET_NAME = hanzi.compile(
    r"(?:社|网|报|台|新闻|财经|资讯|客户端|APP|App|数据|在线|网站|周刊|杂志|电视|广播|传媒|媒体|证券|快讯|快报"
    r"|之声|发布|公司|观察|研究院|头条|号)$"
)
_WIDE = hanzi.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
_MD_MARKERS = hanzi.compile(r"^\s{0,3}(?:#{1,6}\s+|[*+-]\s+(?=\S))|\*\*|__")


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[str, ...]
    url: str | None
    outlet: str | None
    lead: str | None
    byline: str | None = None  # the reporters signing a body that credits no outlet (记者杨洋等)


def parse_body(content: str) -> Body:
    """Clean paragraphs, source URL, outlet and lead of a post body (HTML or Markdown)."""
    url: str | None = None
    lead_lines: list[str] = []
    kept: list[str] = []
    for line in content.splitlines():
        if _FOOTER_LINE.match(line):
            continue
        url_match = _URL_LINE.match(line)
        if url_match:
            url = url_match.group(1).strip() or None
            continue
        lead_match = _LEAD_LINE.match(line)
        if lead_match and not kept and not line.lstrip().startswith(">>"):
            lead_lines.append(lead_match.group(1))
            continue
        kept.append(_sub_links(line, "[返回", keep_label=False))

    text, outlet = _html_text("\n".join(kept))
    paragraphs = [p for p in (clean_inline(block) for block in re.split(r"\n\s*\n", text)) if p]
    # Bylines, photo credits, header datelines, share footers: not news (digests.boilerplate).
    cleaned = clean_paragraphs(paragraphs)
    paragraphs = list(cleaned.paragraphs)
    outlet = outlet or cleaned.outlet
    # Markdown bodies keep one paragraph per line; join soft-wrapped lines inside a block.
    if paragraphs:
        last = paragraphs[-1]
        credit = _TRAILING_CREDIT.search(last)
        if credit and _is_outlet(credit.group(1)):
            outlet = outlet or _media_source(credit.group(1)) or credit.group(1).strip()
            stripped = last[: credit.start()].rstrip()
            if stripped:
                paragraphs[-1] = stripped
            else:
                paragraphs.pop()
    lead = clean_inline(_html_text(" ".join(lead_lines))[0]) if lead_lines else None
    return Body(tuple(paragraphs), url, outlet, lead or None, None if outlet else reporters(cleaned))


_DROPPED = {"img", "script", "style", "figure", "iframe", "video", "audio", "noscript"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "ul", "ol", "table", "section"}


def _html_text(markup: str) -> tuple[str, str | None]:
    """Text of an HTML (or plain) fragment with blank lines between blocks, and the em_media outlet.

    Comments, images, scripts and stock-quote widgets are dropped; entities are decoded.  The text
    is collected in one walk rather than by editing the tree: ``drop_tree`` appends each dropped
    node's tail to a neighbour's text, quadratic on a post of 100,000 ``<br>``.
    """
    if "<" not in markup and "&" not in markup:
        return markup, None  # plain Markdown text: nothing to parse
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup, None
    outlet: str | None = None
    for node in root.iter():
        if outlet is None and node is not root and _node_kind(node) == "credit":
            outlet = _media_source(node.text_content())
    parts = [root.text or ""]
    # Elements still to visit, and the strings that close the ones being visited, in reverse order.
    pending: list[Any] = list(reversed(root))
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        kind = _node_kind(item)
        tail = item.tail or ""
        if kind in ("dropped", "credit"):
            parts.append(tail)
        elif kind == "br":
            parts.append("\n" + tail)
        else:
            gap = "\n\n" if kind == "block" else ""
            parts.append(gap + (item.text or ""))
            pending.append(gap + tail)
            pending.extend(reversed(item))
    return "".join(parts), outlet


def _node_kind(node: Any) -> str:
    """dropped (comments, images, scripts, stock-quote widgets), credit (em_media), br, block or inline."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if not tag or tag in _DROPPED or (tag == "span" and (node.get("id") or "").startswith("quote_")):
        # Comments and processing instructions have non-string tags; widgets carry live prices.
        return "dropped"
    if "em_media" in (node.get("class") or "").split():
        return "credit"
    if tag == "br":
        return "br"
    return "block" if tag in _BLOCKS else "inline"


def _media_source(text: str) -> str | None:
    text = text.strip()
    match = _MEDIA_SOURCE.match(text)
    if match:
        return match.group(1).strip() or None
    inner = text.strip("（）() ")
    return inner or None


def _is_outlet(inner: str) -> bool:
    inner = inner.strip()
    if not _CJK.search(inner) or _REPORTER.search(inner) or _NOT_OUTLET.match(inner):
        return False
    # "（文章来源：…）" is always a credit; otherwise no sentence punctuation inside.
    if re.match(r"图片来源|图源|点击", inner):
        return False  # a photo's source or a prompt, not the article's
    if "来源" in inner:
        return True
    # A name, not a phrase: （警方通报）, （认购一台） end in a verb or a count, outlets in a media word.
    return not re.search(r"[，。；：、,;:]", inner) and bool(_OUTLET_NAME.search(inner))


def clean_inline(text: str) -> str:
    """One paragraph of text: Markdown links/markers removed, whitespace collapsed."""
    text = _sub_links(text, "[", keep_label=True)
    text = text.replace("\u00a0", " ").replace("\u3000", " ")
    joined = ""
    for line in text.splitlines():
        line = re.sub(r"[ \t]+", " ", _MD_MARKERS.sub("", line)).strip()
        if not line:
            continue
        # Soft-wrapped Chinese lines join without a space; Latin words need one.
        if joined and not (_WIDE.match(joined[-1]) or _WIDE.match(line[0])):
            joined += " "
        joined += line
    return joined


def _sub_links(text: str, opener: str, *, keep_label: bool) -> str:
    """Markdown links ``[label](target)`` whose text starts with ``opener`` replaced by their label
    (images ``![label](src)`` too) or removed; what ``!?\\[([^\\]]*)\\]\\([^)]*\\)`` would do.

    Written out because the regex retries every "[" before the same "]": quadratic on a line of
    thousands of unclosed brackets.
    """
    out: list[str] = []
    done = 0  # text[:done] is already in out
    at = text.find(opener)
    while at >= 0:
        close = text.find("]", at + len(opener))
        if close < 0:
            break  # no later "[" can be closed either
        if not text.startswith("(", close + 1):
            at = text.find(opener, close + 1)  # every "[" before this "]" fails the same way
            continue
        end = text.find(")", close + 2)
        if end < 0:
            break
        start = at - 1 if keep_label and at > done and text[at - 1] == "!" else at
        out.append(text[done:start])
        if keep_label:
            out.append(text[at + 1 : close])
        done = end + 1
        at = text.find(opener, done)
    out.append(text[done:])
    return "".join(out)
