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
import yaml
from dateutil import parser as dateparser

from digests import hanzi
from digests.post_body import clean_inline, parse_body
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

_TOPIC = hanzi.compile(r"^\s*【([^】]{1,30})】")
_FILENAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")

# Control characters and non-characters: YAML refuses them and no text needs them, so they are dropped.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


# Bumped whenever parsing changes what an article holds (e.g. boilerplate removal): stored files whose
# hash was made by another version are read again, so their articles are parsed anew.
PARSER_VERSION = "p13"


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

    title = clean_inline(_scalar_text(meta.get("title"), "title"))
    if not title:
        raise PostError("no title in front matter")
    published = parse_published(meta.get("date"), tz=tz, filename=filename)

    body = parse_body(post.content)
    if not body.paragraphs:
        raise PostError("empty body (no text paragraphs)")

    url = body.url
    article = Article(
        id=article_id(url, title, body.paragraphs),
        title=title,
        published=published,
        paragraphs=body.paragraphs,
        categories=_as_names(meta.get("categories", meta.get("category")), "categories"),
        tags=_as_names(meta.get("tags", meta.get("tag")), "tags"),
        topics=title_topics(title),
        url=url,
        outlet=body.outlet,
        lead=body.lead,
        source_file=filename,
        byline=body.byline,
    )
    return ParsedPost(
        article=article, content_hash=f"{PARSER_VERSION}:" + hashlib.sha1(text.encode("utf-8")).hexdigest()
    )


def title_topics(title: str) -> tuple[str, ...]:
    """The 【topic】 a headline opens with (【京津冀】…), if any."""
    topic = _TOPIC.match(title)
    return (topic.group(1).strip(),) if topic else ()


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
