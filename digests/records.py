"""Records that flow through newsbot: posts → store → summarizer/digest → bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Article:
    """One news article, as parsed from a post and kept in the store.

    ``published`` is always timezone-aware UTC.  ``paragraphs`` is clean text:
    no markup, no back-link footer, no source URL line, no outlet credit line.
    """

    id: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    url: str | None = None
    outlet: str | None = None
    lead: str | None = None
    source_file: str | None = None
    # The reporters a report with no outlet credit signs (记者杨洋等): how a reader can tell whose it is.
    byline: str | None = None
    # Key sentences, filled in by the store from the summarizer (never by the parser).
    summary: tuple[str, ...] = field(default=(), compare=False)

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Category:
    slug: str
    display_name: str
    count: int
