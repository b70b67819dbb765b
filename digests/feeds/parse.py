"""Feed bytes → entries: RSS and Atom through feedparser, JSON Feed by its spec.

feedparser resolves relative links against the feed's URL, reads the declared or sniffed
encoding (GBK and Big5 feeds included) and falls back to a tolerant parser for broken XML.
Entity declarations are refused before it sees the document: with them a few hundred bytes
expand to gigabytes (billion laughs) or read local files (external entities); no real feed
declares any. At most ``max_entries`` entries are read and the rest counted as left out.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from dateutil import parser as dateparser


class NotAFeed(ValueError):
    """The document is no feed (an HTML page, broken XML with no entries, a hostile document)."""


@dataclass(frozen=True)
class Entry:
    guid: str | None
    link: str | None
    title: str
    html: str  # content (or summary) as HTML; plain text is valid HTML here too
    author: str | None
    published: datetime | None  # aware; None when the entry carries no date


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]
    left_out: int = 0  # entries beyond max_entries


_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]{0,1000}\[", re.I)
_PROLOG = 64 * 1024  # an internal DTD subset comes before the root element


def parse_feed(body: bytes, *, url: str, content_type: str = "", max_entries: int = 10_000) -> Feed:
    if _is_json(body, content_type):
        return _json_feed(body, max_entries, url)
    head = body[:_PROLOG]
    subset = _DOCTYPE_SUBSET.search(head)
    if subset and b"<!ENTITY" in head[subset.end() :].upper():
        raise NotAFeed("the document declares XML entities (refused: entity expansion)")
    parsed = feedparser.parse(
        body,
        response_headers={"content-type": content_type or "application/xml"},
        sanitize_html=False,  # the body cleaner reads only the text; feedparser's passes cost time
        resolve_relative_uris=False,
    )
    entries = parsed.entries
    if not parsed.version and not entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "no RSS, Atom or JSON Feed"
        raise NotAFeed(f"not a feed: {reason}")
    # Relative links resolve against the site the feed names (RSSHub and many outlets write
    # "/detail/1401002"), else against the feed's own URL.
    base = urljoin(url, _text(parsed.feed.get("link")) or "")
    items = tuple(_xml_entry(e, base) for e in entries[:max_entries])
    return Feed(_text(parsed.feed.get("title")), items, max(0, len(entries) - max_entries))


def _xml_entry(e: Any, base: str) -> Entry:
    contents = e.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or e.get("summary", "")
    published = _xml_date(e)
    return Entry(
        guid=_text(e.get("id")),
        link=_absolute(base, _text(e.get("link"))),
        title=_text(e.get("title")) or "",
        html=html or "",
        author=_text(e.get("author")),
        published=published,
    )


def _xml_date(e: Any) -> datetime | None:
    raw = e.get("published") or e.get("updated")
    if not isinstance(raw, str) or not raw.strip():
        return None
    # feedparser reads a date without a zone as UTC; dateutil leaves it naive, so the caller's
    # zone applies (a zoneless date in a Chinese feed is Beijing time, not UTC).
    when = _date(raw)
    if when is not None:
        return when
    parsed = e.get("published_parsed") or e.get("updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC) if parsed else None


def _date(raw: str) -> datetime | None:
    try:
        return dateparser.parse(raw.strip()[:100])
    except (ValueError, OverflowError):
        return None


def _absolute(base: str, link: str | None) -> str | None:
    return urljoin(base, link) if link else None


def _is_json(body: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() or body.lstrip()[:1] == b"{"


def _json_feed(body: bytes, max_entries: int, url: str) -> Feed:
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise NotAFeed(f"not a feed: broken JSON ({exc})") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise NotAFeed("not a feed: JSON without a jsonfeed.org version")
    items = doc.get("items")
    if not isinstance(items, list):
        raise NotAFeed("not a feed: JSON Feed without items")
    feed_author = _json_author(doc)
    base = urljoin(url, _text(doc.get("home_page_url")) or "")
    entries = []
    for item in items[:max_entries]:
        if not isinstance(item, dict):
            continue
        html = item.get("content_html") or item.get("content_text") or item.get("summary") or ""
        when = item.get("date_published") or item.get("date_modified")
        entries.append(
            Entry(
                guid=_text(item.get("id")),
                link=_absolute(base, _text(item.get("url") or item.get("external_url"))),
                title=_text(item.get("title")) or "",
                html=html if isinstance(html, str) else "",
                author=_json_author(item) or feed_author,
                published=_date(when) if isinstance(when, str) else None,
            )
        )
    return Feed(_text(doc.get("title")), tuple(entries), max(0, len(items) - max_entries))


def _json_author(obj: dict[str, Any]) -> str | None:
    authors = obj.get("authors") or ([obj["author"]] if isinstance(obj.get("author"), dict) else [])
    for a in authors if isinstance(authors, list) else []:
        if isinstance(a, dict) and _text(a.get("name")):
            return _text(a.get("name"))
    return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None
