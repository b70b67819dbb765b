"""A feed entry → an Article in the same store as posts.

The id is the post's: from the link (so the same link in two feeds, or a post and a feed item of
one story, is one article), else from the entry's guid, else from its text. HTML goes through the
posts' body cleaner. A date without a zone is read in the digest zone; an entry without a date
keeps the time it was first seen (the stored article's, else the poll's).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from digests.feeds.parse import Entry
from digests.posts import article_id, parse_body, title_topics
from digests.records import Article

ENTRY_VERSION = "f1"  # bumped when the mapping below changes what an article holds


@dataclass(frozen=True)
class SourceInfo:
    """What an article takes from its source: its category and name."""

    category: str
    name: str = ""


def entry_article(
    entry: Entry,
    source: SourceInfo,
    *,
    feed_title: str | None,
    tz: ZoneInfo,
    seen_at: datetime,
    known: Article | None = None,
) -> tuple[Article, str]:
    """(article, content hash) of one entry; ``known`` is the stored article with the same id."""
    title = " ".join(entry.title.split())
    body = parse_body(entry.html)
    paragraphs = body.paragraphs or ((title,) if title else ())
    link = _link(entry)
    ident = known.id if known is not None else entry_id(entry)
    categories = (*known.categories, source.category) if known is not None else (source.category,)
    article = Article(
        id=ident,
        title=title or (paragraphs[0][:60] if paragraphs else ""),
        published=published_at(entry.published, tz, known.published if known else seen_at),
        paragraphs=paragraphs,
        categories=tuple(dict.fromkeys(categories)),
        tags=(source.name,) if source.name else (),
        topics=title_topics(title),
        url=link,
        outlet=body.outlet or entry.author or feed_title,
        lead=body.lead,
    )
    digest = hashlib.sha1(
        "\x1f".join(
            [
                article.title,
                article.url or "",
                entry.html,
                article.outlet or "",
                article.published.isoformat(),
                *article.categories,
            ]
        ).encode("utf-8", "surrogatepass")
    ).hexdigest()
    return article, f"{ENTRY_VERSION}:{digest}"


def entry_id(entry: Entry) -> str:
    """The id :func:`entry_article` gives an entry (to look up what the store already holds)."""
    title = " ".join(entry.title.split())
    link = _link(entry)
    if link or entry.guid:
        return article_id(link or f"guid:{entry.guid}", title, ())
    body = parse_body(entry.html)
    return article_id(None, title, body.paragraphs or ((title,) if title else ()))


def _link(entry: Entry) -> str | None:
    guid = entry.guid
    return entry.link or (guid if guid and guid.startswith(("http://", "https://")) else None)


def published_at(when: datetime | None, tz: ZoneInfo, fallback: datetime) -> datetime:
    if when is None:
        return fallback.astimezone(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    return when.astimezone(UTC)


def with_category(article: Article, category: str) -> Article | None:
    """A stored article (a post) that a feed also carries: joined to the feed's category, or None
    if it already is in it. Its text stays the post's."""
    if category in article.categories:
        return None
    return replace(article, categories=(*article.categories, category))
