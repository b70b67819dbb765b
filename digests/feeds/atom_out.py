"""A category's daily digests as an Atom feed (RFC 4287), for readers who live in a feed reader.

One entry per day: the day's digest as HTML (each item's headline linked to its article, its
outlets and key sentences). Entry ids are stable tag URIs (RFC 4151) per category and day, so a
reader shows today's entry once and updates it as the day fills instead of repeating it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from digests.digest import Digest

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 cannot carry (a JSON Feed's text may hold them): dropped, not an error.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
GENERATOR = "newsbot"


def digest_feed(
    digests: Sequence[Digest], *, slug: str, name: str, self_url: str, updated: datetime, authority: str
) -> bytes:
    """The feed document; ``digests`` newest first, ``authority`` the host part of the tag ids."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})  # type: ignore[dict-item]  # default namespace
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "zh-CN")
    _text(feed, "id", f"tag:{authority},2024:digest:{slug}")
    _text(feed, "title", f"{name} · 每日摘要")
    _text(feed, "updated", _stamp(max((d.until for d in digests), default=updated)))
    _text(_sub(feed, "author"), "name", GENERATOR)
    _text(feed, "generator", GENERATOR)
    link = _sub(feed, "link")
    link.set("rel", "self")
    link.set("href", self_url)
    for digest in digests:
        entry = _sub(feed, "entry")
        day = digest.digest_date.isoformat()
        _text(entry, "id", f"tag:{authority},2024:digest:{slug}:{day}")
        when = digest.digest_date
        _text(entry, "title", f"{name} · {when.year}年{when.month}月{when.day}日")
        _text(entry, "updated", _stamp(min(digest.until, updated)))
        _text(entry, "published", _stamp(digest.since))
        first = next((item.url for item in digest.items if item.url), None)
        if first:
            alternate = _sub(entry, "link")
            alternate.set("rel", "related")
            alternate.set("href", first)
        content = _text(entry, "content", _digest_html(digest))
        content.set("type", "html")
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")


def _digest_html(digest: Digest) -> str:
    head = f"<p>{digest.total_articles} 篇文章，{digest.story_count} 个事件；精选 {len(digest.items)} 条：</p>"
    items = []
    for item in digest.items:
        title = html.escape(item.title)
        headline = f'<a href="{html.escape(item.url)}">{title}</a>' if item.url else title
        outlets = "、".join(html.escape(o) for o in item.outlets[:3]) or html.escape(item.outlet or "")
        when = item.published.astimezone(digest.tz).strftime("%H:%M")
        meta = f"<small>{when}" + (f" · {outlets}" if outlets else "") + "</small>"
        items.append(f"<li><p><b>{headline}</b> {meta}</p><p>{html.escape(item.text)}</p></li>")
    return head + "<ol>" + "".join(items) + "</ol>"


def _sub(parent: etree._Element, tag: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{ATOM}}}{tag}")


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    node = _sub(parent, tag)
    node.text = _NOT_XML.sub("", text)
    return node


def _stamp(when: datetime) -> str:
    return when.isoformat(timespec="seconds")
