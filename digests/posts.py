"""Parse Jekyll-style news posts (YAML front matter + HTML/Markdown body) into Articles.

A post looks like::

    ---
    title: "【京津冀】…"
    date: 2022-02-25 16:37:01 +0800
    categories: beifangwang
    tags: 北方网新闻
    ---
    <p>…</p><p class="em_media">（文章来源：北方网）</p>

    <http://…source url…>

    [返回北方网新闻](//…)｜[返回首页](//…)

Every failure is a :class:`PostError` with a one-line, human-readable reason so
that a batch can report the file and move on.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import frontmatter
import lxml.html
import yaml
from dateutil import parser as dateparser
from lxml import etree

from digests.boilerplate import clean_paragraphs
from digests.postfiles import PostError, decode_post, front_matter_value_error, read_post_bytes
from digests.records import Article

MAX_NAMES = 100  # categories or tags of one post; a longer (nested, aliased) list is refused, not expanded
POST_SUFFIXES = (".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class ParsedPost:
    article: Article
    content_hash: str  # of the decoded file text: an unchanged hash means an unchanged article


# --- the file ----------------------------------------------------------------------------------


def read_post(path: Path, tz: ZoneInfo) -> ParsedPost:
    """Read (see :mod:`digests.postfiles`), decode and parse one post file."""
    return parse_post(decode_post(read_post_bytes(path)), tz=tz, filename=str(path))


# --- the post ----------------------------------------------------------------------------------

# Patterns here must stay linear on hostile lines (long whitespace runs, thousands of "["):
# no two adjacent quantifiers may match the same characters, hence [｜|/·\s]* alone and \s*+.
_FOOTER_LINE = re.compile(r"^\s*(?:\[返回[^\]]*\]\([^)]*\)[｜|/·\s]*)+$")
_URL_LINE = re.compile(r"^\s*<(\s*+(?:https?://[^\s>]*+)?\s*+)>\s*$")
_LEAD_LINE = re.compile(r"^\s*>\s?(.*)$")
_TOPIC = re.compile(r"^\s*【([^】]{1,30})】")
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
# The name ends on a non-space, so the trailing \s* is tried once per run of spaces, not at each space.
_MEDIA_SOURCE = re.compile(r"^[（(]?\s*(?:文章)?来源[：:]\s*(.+?(?<!\s))\s*[）)]?$")
# A trailing credit such as （央视新闻） or (东方财富Choice数据): short, has CJK, not a code.
_TRAILING_CREDIT = re.compile(r"[（(]([^（）()]{2,16})[）)]\s*$")
_REPORTER = re.compile(r"记者|通讯员|编辑|摄")
# Trailing notes that are not credits: （附名单）, （图）, （附表）, （组图）, （视频）, （完）, （更新中）.
_NOT_OUTLET = re.compile(
    r"^(?:附.*|[多组]?图|图表|表|视频|名单|全文|详情|原文|链接|完|全文完|待续|续|更新中|滚动更新)$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# How outlet names end (央视新闻, 中新网, 界面新闻, e公司, 发改委网站, 东方财富Choice数据, 新华社, 财联社).
_OUTLET_NAME = re.compile(
    r"(?:社|网|报|台|新闻|财经|资讯|客户端|APP|App|数据|在线|网站|周刊|杂志|电视|广播|传媒|媒体|证券|快讯|快报"
    r"|之声|发布|公司|观察|研究院|头条|号)$"
)
_WIDE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
_MD_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[*+-]\s+(?=\S))|\*\*|__")


# Control characters and non-characters: YAML refuses them and no text needs them, so they are dropped.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


# Bumped whenever parsing changes what an article holds (e.g. boilerplate removal): stored files whose
# hash was made by another version are read again, so their articles are parsed anew.
PARSER_VERSION = "p5"


def parse_post(text: str, *, tz: ZoneInfo, filename: str | None = None) -> ParsedPost:
    """Parse the decoded text of one post; raise :class:`PostError` with the reason if unusable."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text.lstrip("\ufeff"))).lstrip()
    if not text.startswith("---"):
        raise PostError("no YAML front matter (the file must start with ---)")
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise PostError(f"broken YAML front matter: {_yaml_reason(exc)}") from None
    except (ValueError, TypeError) as exc:
        raise PostError(front_matter_value_error(text, exc)) from None
    meta: dict[str, Any] = post.metadata if isinstance(post.metadata, dict) else {}
    if not meta:
        raise PostError("no YAML front matter (empty or not a mapping)")

    title = _clean_inline(_scalar_text(meta.get("title"), "title"))
    if not title:
        raise PostError("no title in front matter")
    published = parse_published(meta.get("date"), tz=tz, filename=filename)

    body = parse_body(post.content)
    if not body.paragraphs:
        raise PostError("empty body (no text paragraphs)")

    topic = _TOPIC.match(title)
    url = body.url
    article = Article(
        id=article_id(url, title, body.paragraphs),
        title=title,
        published=published,
        paragraphs=body.paragraphs,
        categories=_as_names(meta.get("categories", meta.get("category")), "categories"),
        tags=_as_names(meta.get("tags", meta.get("tag")), "tags"),
        topics=(topic.group(1).strip(),) if topic else (),
        url=url,
        outlet=body.outlet,
        lead=body.lead,
        source_file=filename,
    )
    return ParsedPost(
        article=article, content_hash=f"{PARSER_VERSION}:" + hashlib.sha1(text.encode("utf-8")).hexdigest()
    )


def article_id(url: str | None, title: str, paragraphs: tuple[str, ...]) -> str:
    """Stable id: from the source URL when there is one, otherwise from the content."""
    if url:
        basis = "url:" + url.strip().rstrip("/").lower().replace("https://", "http://")
    else:
        basis = "text:" + title + "\n" + "\n".join(paragraphs)
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def parse_published(value: Any, *, tz: ZoneInfo, filename: str | None = None) -> datetime:
    """Front-matter ``date`` → aware UTC datetime (naive means the configured zone)."""
    when: datetime | None = None
    if isinstance(value, datetime):
        when = value
    elif isinstance(value, date):
        when = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip() and not _ZONE_ONLY.fullmatch(value.strip()):
        try:
            when = dateparser.parse(value.strip())
        except (ValueError, OverflowError):
            raise PostError(f"unreadable date {_preview(value.strip())}") from None
    elif isinstance(value, (list, dict)):
        raise PostError(f"unreadable date (a {'list' if isinstance(value, list) else 'mapping'}, not a date)")
    elif value not in (None, "") and not isinstance(value, str):
        raise PostError(f"unreadable date {_preview(value)}")
    if when is None:
        match = _FILENAME_DATE.match(Path(filename).name) if filename else None
        if not match:
            raise PostError("no date in front matter and no YYYY-MM-DD- prefix in the file name")
        try:
            when = datetime(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise PostError(f"invalid date in file name {Path(filename or '').name!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    return when.astimezone(UTC)


# A date field with only a zone offset ("+0800", as some real posts have) says nothing about the day.
_ZONE_ONLY = re.compile(r"[+-]\d{2}:?\d{2}|Z|UTC|GMT")


def _preview(value: Any, width: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _scalar_text(value: Any, field: str) -> str:
    """A front-matter value that must be one piece of text (a title): lists and mappings are refused.

    ``str()`` of a list would expand YAML aliases: eight levels of them make 400 bytes into 25 MB.
    """
    if isinstance(value, (list, dict)):
        raise PostError(f"{field} is a {'list' if isinstance(value, list) else 'mapping'}, not text")
    return str(value) if value else ""


_END = object()  # an exhausted iterator in _as_names


def _as_names(value: Any, field: str = "names") -> tuple[str, ...]:
    """Jekyll semantics: a string is split on whitespace, a list is kept as it is.

    Nested lists are flattened; more than :data:`MAX_NAMES` entries (however nested or aliased)
    and mappings are refused with a one-line reason, never expanded.
    """
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split()
    elif isinstance(value, (list, tuple)):
        items = []
        pending: list[Any] = [iter(value)]
        visited = 0
        while pending:
            v = next(pending[-1], _END)
            if v is _END:
                pending.pop()
                continue
            visited += 1
            if visited > MAX_NAMES:
                raise PostError(f"{field}: more than {MAX_NAMES} entries (nested or aliased lists are not expanded)")
            if isinstance(v, (list, tuple)):
                pending.append(iter(v))
            elif isinstance(v, dict):
                raise PostError(f"{field}: a mapping is not a name")
            elif v is not None and str(v).strip():
                items.append(str(v).strip())
    elif isinstance(value, dict):
        raise PostError(f"{field}: a mapping is not a list of names")
    else:
        items = [str(value)]
    return tuple(dict.fromkeys(items))  # de-duplicate, keep order


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 1} of the front matter)" if mark is not None else ""
    return f"{problem}{where}"


# --- the body ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[str, ...]
    url: str | None
    outlet: str | None
    lead: str | None


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
    paragraphs = [p for p in (_clean_inline(block) for block in re.split(r"\n\s*\n", text)) if p]
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
    lead = _clean_inline(_html_text(" ".join(lead_lines))[0]) if lead_lines else None
    return Body(tuple(paragraphs), url, outlet, lead or None)


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


def _clean_inline(text: str) -> str:
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
