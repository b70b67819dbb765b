"""How an article is laid out as a row of ``articles``: its columns and its time-ordered key.

The integer primary key is the publication second × :data:`KEY_SPREAD` plus a tiebreak, so
"newest first" is a walk down the primary key and the FTS rowid, and a time window is a key
range. Lists (paragraphs, categories, tags, topics, summary) are JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from digests.fts import body_text, index_tokens
from digests.records import Article

KEY_SPREAD = 4096  # keys per second of publication time


COLUMNS = (
    "a.key, a.id, a.title, a.published, a.paragraphs, a.categories, a.tags, a.topics, a.url, a.outlet, "
    "a.lead, a.source_file, a.summary, a.byline"
)


def article_tokens(article: Article) -> tuple[str, str]:
    """The (title, body) full-text tokens of an article."""
    return index_tokens(article.title), index_tokens(body_text(article.lead, article.paragraphs))


def dumps(items: Iterable[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def key_bound(until: datetime | None) -> int:
    """Keys below this were published at or before ``until`` (keys are seconds × KEY_SPREAD)."""
    return 2**63 - 1 if until is None else (int(until.timestamp()) + 1) * KEY_SPREAD


def article_from_row(row: tuple) -> Article:
    return Article(
        id=row[1],
        title=row[2],
        published=datetime.fromisoformat(row[3]),
        paragraphs=tuple(json.loads(row[4])),
        categories=tuple(json.loads(row[5])),
        tags=tuple(json.loads(row[6])),
        topics=tuple(json.loads(row[7])),
        url=row[8],
        outlet=row[9],
        lead=row[10],
        source_file=row[11],
        summary=tuple(json.loads(row[12])),
        byline=row[13],
    )
