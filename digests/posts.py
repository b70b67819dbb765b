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

from digests.records import Article

MAX_POST_BYTES = 2 * 1024 * 1024  # a news post is a few KB; anything this big is not one
POST_SUFFIXES = (".md", ".markdown", ".html", ".htm")
ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig also reads plain UTF-8


class PostError(ValueError):
    """A post that cannot be ingested; ``str(error)`` is the one-line reason."""


@dataclass(frozen=True)
class ParsedPost:
    article: Article
    content_hash: str  # of the decoded file text: an unchanged hash means an unchanged article


# --- text of the file --------------------------------------------------------------------------


def decode_post(data: bytes) -> str:
    """Bytes → text, trying UTF-8 (with or without BOM), then GB18030."""
    if len(data) > MAX_POST_BYTES:
        raise PostError(f"file too large ({len(data) // 1024} KiB > {MAX_POST_BYTES // 1024} KiB)")
    if b"\x00" in data[:8192]:
        raise PostError("binary file, not a text post")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PostError("not text in UTF-8 or GB18030")


def read_post(path: Path, tz: ZoneInfo) -> ParsedPost:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PostError(f"cannot read file: {exc.strerror or exc}") from None
    return parse_post(decode_post(data), tz=tz, filename=str(path))


# --- the post ----------------------------------------------------------------------------------

_FOOTER_LINK = re.compile(r"\[返回[^\]]*\]\([^)]*\)")
_FOOTER_LINE = re.compile(r"^\s*(?:\[返回[^\]]*\]\([^)]*\)\s*[｜|/·\s]*)+$")
_URL_LINE = re.compile(r"^\s*<(\s*(?:https?://[^\s>]*)?\s*)>\s*$")
_LEAD_LINE = re.compile(r"^\s*>\s?(.*)$")
_TOPIC = re.compile(r"^\s*【([^】]{1,30})】")
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_MEDIA_SOURCE = re.compile(r"^[（(]?\s*(?:文章)?来源[：:]\s*(.+?)\s*[）)]?$")
# A trailing credit such as （央视新闻） or (东方财富Choice数据): short, has CJK, not a code.
_TRAILING_CREDIT = re.compile(r"[（(]([^（）()]{2,16})[）)]\s*$")
_REPORTER = re.compile(r"记者|通讯员|编辑|摄")
# Trailing notes that are not credits: （附名单）, （图）, （附表）, （组图）, （视频）, （完）, （更新中）.
_NOT_OUTLET = re.compile(
    r"^(?:附.*|[多组]?图|图表|表|视频|名单|全文|详情|原文|链接|完|全文完|待续|续|更新中|滚动更新)$"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WIDE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[*+-]\s+(?=\S))|\*\*|__")


def parse_post(text: str, *, tz: ZoneInfo, filename: str | None = None) -> ParsedPost:
    """Parse the decoded text of one post; raise :class:`PostError` with the reason if unusable."""
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff")).lstrip()
    if not text.startswith("---"):
        raise PostError("no YAML front matter (the file must start with ---)")
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise PostError(f"broken YAML front matter: {_yaml_reason(exc)}") from None
    except (ValueError, TypeError) as exc:
        raise PostError(f"broken front matter: {exc}") from None
    meta: dict[str, Any] = post.metadata if isinstance(post.metadata, dict) else {}
    if not meta:
        raise PostError("no YAML front matter (empty or not a mapping)")

    title = _clean_inline(str(meta.get("title") or ""))
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
        categories=_as_names(meta.get("categories", meta.get("category"))),
        tags=_as_names(meta.get("tags", meta.get("tag"))),
        topics=(topic.group(1).strip(),) if topic else (),
        url=url,
        outlet=body.outlet,
        lead=body.lead,
        source_file=filename,
    )
    return ParsedPost(article=article, content_hash=hashlib.sha1(text.encode("utf-8")).hexdigest())


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
    elif isinstance(value, str) and value.strip():
        try:
            when = dateparser.parse(value.strip())
        except (ValueError, OverflowError):
            raise PostError(f"unreadable date {value.strip()!r}") from None
    elif value not in (None, ""):
        raise PostError(f"unreadable date {value!r}")
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


def _as_names(value: Any) -> tuple[str, ...]:
    """Jekyll semantics: a string is split on whitespace, a list is kept as it is."""
    if value is None:
        return ()
    if isinstance(value, str):
        items = value.split()
    elif isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value if v is not None and str(v).strip()]
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
        kept.append(_FOOTER_LINK.sub("", line))

    text, outlet = _html_text("\n".join(kept))
    paragraphs = [p for p in (_clean_inline(block) for block in re.split(r"\n\s*\n", text)) if p]
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

    Comments, images, scripts and stock-quote widgets are dropped; entities are decoded.
    """
    if "<" not in markup and "&" not in markup:
        return markup, None  # plain Markdown text: nothing to parse
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return markup, None
    outlet: str | None = None
    for node in list(root.iter()):
        if node is root:
            continue
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag in _DROPPED or (tag == "span" and (node.get("id") or "").startswith("quote_")):
            # Comments and processing instructions have non-string tags; widgets carry live prices.
            node.drop_tree()
        elif "em_media" in (node.get("class") or "").split():
            outlet = outlet or _media_source(node.text_content())
            node.drop_tree()
        elif tag == "br":
            node.tail = "\n" + (node.tail or "")
            node.drop_tree()
        elif tag in _BLOCKS:
            node.text = "\n\n" + (node.text or "")
            node.tail = "\n\n" + (node.tail or "")
    return root.text_content(), outlet


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
    return "来源" in inner or not re.search(r"[，。；：、,;:]", inner)


def _clean_inline(text: str) -> str:
    """One paragraph of text: Markdown links/markers removed, whitespace collapsed."""
    text = _MD_LINK.sub(lambda m: m.group(1), text)
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
