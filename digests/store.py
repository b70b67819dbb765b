"""The article store: SQLite through sqlite-utils, with a Chinese full-text index.

Tables
------
``articles``            one row per article; ``key`` (the integer primary key) is
                        time-ordered (published second × 4096 + a tiebreak), so
                        "newest first" is a walk down the primary key / FTS rowid.
``article_categories``  (category, key) — "latest in category X" is an index range scan.
``article_tags``        (tag, key).
``articles_fts``        FTS5 over bigram tokens (see :mod:`digests.fts`), rowid = key.
``files``               owned by :class:`digests.file_index.FileIndex` (``store.files``).

The schema (these tables and the bot's, in the same file) is created and migrated by
:mod:`digests.schema`; opening a Store brings the file up to date.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import sqlite_utils

from digests import schema
from digests.article_rows import COLUMNS, KEY_SPREAD, article_from_row, article_tokens, dumps, key_bound
from digests.clock import Clock, stamp
from digests.db import connect, transaction
from digests.file_index import FileIndex
from digests.fts import body_text, excluding, match_expression, query_terms, relevance
from digests.hanzi import fold
from digests.records import Article, Category

RANK_WINDOW = 300  # ranked search scores the newest this many matches

UpsertResult = Literal["new", "updated", "unchanged"]


class Store:
    """Articles in, articles out. Every method is a short SQLite transaction."""

    def __init__(
        self,
        db: sqlite_utils.Database | str | Path,
        *,
        display_names: dict[str, str] | None = None,
        clock: Clock,
    ):
        self.clock = clock  # ingest stamps: watches and the alert cursor compare against them
        self.db = db if isinstance(db, sqlite_utils.Database) else connect(db)
        self.display_names = dict(display_names or {})
        self._ensure_schema()
        self.files = FileIndex(self.db.conn)

    # --- schema ---------------------------------------------------------------------------------

    def _ensure_schema(self) -> None:
        path = self.db.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
        schema.upgrade(self.db.conn, name=path)

    # --- writing --------------------------------------------------------------------------------

    def transaction(self) -> AbstractContextManager[None]:
        """``with store.transaction():`` groups many writes into one atomic commit (nests)."""
        return transaction(self.db.conn)

    def upsert(
        self,
        article: Article,
        *,
        content_hash: str,
        summary_version: str | None = None,
        tokens: tuple[str, str] | None = None,
    ) -> UpsertResult:
        """Insert or update one article. Unchanged content (same hash) is a no-op.

        ``tokens`` are the article's (title, body) index tokens when a worker process
        already computed them with :func:`article_tokens`.
        """
        conn = self.db.conn
        row = conn.execute(
            "SELECT key, content_hash, published, summary_version FROM articles a WHERE id = ?", [article.id]
        ).fetchone()
        if row is not None and row[1] == content_hash and row[3] == summary_version:
            return "unchanged"
        published = article.published.astimezone(UTC)
        if row is not None and row[2] == published.isoformat():
            key = row[0]
        else:
            key = self._free_key(published, article.id)
        result: UpsertResult = "new"
        if row is not None:
            result = "updated"
            self._delete_key(row[0])
        conn.execute(
            """INSERT INTO articles (key, id, title, published, paragraphs, categories, tags, topics, url,
                   outlet, lead, source_file, content_hash, summary, summary_version, ingested_at, byline)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                key,
                article.id,
                article.title,
                published.isoformat(),
                dumps(article.paragraphs),
                dumps(article.categories),
                dumps(article.tags),
                dumps(article.topics),
                article.url,
                article.outlet,
                article.lead,
                article.source_file,
                content_hash,
                dumps(article.summary),
                summary_version,
                # Microseconds: a keyword watch made within the same second must know which side it is on.
                stamp(self.clock, "microseconds"),
                article.byline,
            ],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO article_categories(category, key) VALUES (?, ?)",
            [(c, key) for c in article.categories],
        )
        conn.executemany("INSERT OR IGNORE INTO article_tags(tag, key) VALUES (?, ?)", [(t, key) for t in article.tags])
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
            [key, *(tokens or article_tokens(article))],
        )
        for slug in article.categories:
            # The first tag names the category when config does not (beifangwang → 北方网新闻).
            conn.execute(
                """INSERT INTO categories(slug, display_name, count) VALUES (?, ?, 1)
                   ON CONFLICT(slug) DO UPDATE SET count = count + 1,
                       display_name = COALESCE(categories.display_name, excluded.display_name)""",
                [slug, article.tags[0] if article.tags else None],
            )
        return result

    def delete(self, article_id: str) -> bool:
        row = self.db.conn.execute("SELECT key FROM articles a WHERE id = ?", [article_id]).fetchone()
        if row is None:
            return False
        self._delete_key(row[0])
        return True

    def _delete_key(self, key: int) -> None:
        conn = self.db.conn
        for (slug,) in conn.execute("SELECT category FROM article_categories WHERE key = ?", [key]).fetchall():
            conn.execute("UPDATE categories SET count = MAX(count - 1, 0) WHERE slug = ?", [slug])
        conn.execute("DELETE FROM article_categories WHERE key = ?", [key])
        conn.execute("DELETE FROM article_tags WHERE key = ?", [key])
        conn.execute("DELETE FROM articles_fts WHERE rowid = ?", [key])
        conn.execute("DELETE FROM articles WHERE key = ?", [key])

    def _free_key(self, published: datetime, article_id: str) -> int:
        key = int(published.timestamp()) * KEY_SPREAD + int(article_id[:3], 16) % KEY_SPREAD
        while self.db.conn.execute("SELECT 1 FROM articles a WHERE key = ?", [key]).fetchone():
            key += 1
        return key

    def set_summary(self, article_id: str, summary: Iterable[str], version: str) -> None:
        self.db.execute(
            "UPDATE articles SET summary = ?, summary_version = ? WHERE id = ?",
            [dumps(tuple(summary)), version, article_id],
        )

    def stale_summaries(self, version: str, limit: int = 1000) -> list[Article]:
        """Articles whose stored summary was made by another summarizer version."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM articles a WHERE summary_version IS NOT ? LIMIT ?", [version, limit]
        ).fetchall()
        return [article_from_row(r) for r in rows]

    # --- files (incremental rescans) -------------------------------------------------------------

    def record_file(
        self, path: str, size: int, mtime_ns: int, content_hash: str, article_id: str | None, *, known: bool = True
    ) -> None:
        """Remember a file (:meth:`FileIndex.record`); an article no file holds any more is dropped."""
        orphan = self.files.record(path, size, mtime_ns, content_hash, article_id, known=known)
        if orphan is not None:
            self.delete(orphan)

    # --- reading --------------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute(f"SELECT {COLUMNS} FROM articles a WHERE id = ?", [article_id]).fetchone()
        return article_from_row(row) if row else None

    def get_by_url(self, url: str) -> Article | None:
        row = self.db.execute(f"SELECT {COLUMNS} FROM articles a WHERE url = ? LIMIT 1", [url.strip()]).fetchone()
        return article_from_row(row) if row else None

    def latest(
        self, category: str | None = None, n: int = 5, offset: int = 0, *, until: datetime | None = None
    ) -> list[Article]:
        """The newest articles, of one category or of all; with ``until``, none published after it
        (a post dated in the future is not "the newest" before its date)."""
        bound = key_bound(until)
        if category is None:
            sql = f"SELECT {COLUMNS} FROM articles a WHERE key < ? ORDER BY key DESC LIMIT ? OFFSET ?"
            params: list[object] = [bound, n, offset]
        else:
            sql = (
                f"SELECT {COLUMNS} FROM article_categories c JOIN articles a ON a.key = c.key "
                "WHERE c.category = ? AND c.key < ? ORDER BY c.key DESC LIMIT ? OFFSET ?"
            )
            params = [category, bound, n, offset]
        return [article_from_row(r) for r in self.db.execute(sql, params).fetchall()]

    def search(
        self,
        query: str,
        n: int = 10,
        *,
        category: str | None = None,
        since: datetime | None = None,
        offset: int = 0,
        order: Literal["rank", "newest"] = "rank",
        exclude: Sequence[str] = (),
        until: datetime | None = None,
    ) -> list[Article]:
        """Articles whose title or body contains the query; best match first, or newest first.

        The query is plain text: quotes and FTS operators in it are searched for as text.
        ``exclude`` drops articles containing any of those (a chat's mute words); ``until`` drops
        those published after it (a post dated in the future, for /latest).
        """
        expression = match_expression(query)
        if expression is None:
            return []
        if exclude:
            expression = excluding(expression, exclude)
        where = ["articles_fts MATCH ?"]
        params: list[object] = [expression]
        if since is not None:
            where.append("rowid >= ?")
            params.append(int(since.timestamp()) * KEY_SPREAD)
        if until is not None:
            where.append("rowid < ?")
            params.append(key_bound(until))
        if category is not None:
            where.append("rowid IN (SELECT key FROM article_categories WHERE category = ?)")
            params.append(category)
        sql = f"SELECT rowid FROM articles_fts WHERE {' AND '.join(where)} ORDER BY rowid DESC LIMIT ? OFFSET ?"
        if order == "newest":
            return self._by_keys([r[0] for r in self.db.execute(sql, [*params, n, offset]).fetchall()])
        # Ranked: only the newest RANK_WINDOW matches are scored, so a one-character query over
        # millions of articles stays fast; for news, relevance among recent stories is what a reader
        # wants anyway. Ties go to the newer article.
        keys = [r[0] for r in self.db.execute(sql, [*params, RANK_WINDOW, 0]).fetchall()]
        if not keys:
            return []
        terms = query_terms(query)
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT key, title, lead, paragraphs FROM articles WHERE key IN ({marks})", keys
        ).fetchall()
        scores = {
            # lower() and fold() only: NFKC of every candidate would cost more than the rest of the query,
            # and full-width Latin in the text (which the index does match) only affects the order here.
            key: relevance(terms, fold(title.lower()), fold(body_text(lead, json.loads(paragraphs)).lower()))
            for key, title, lead, paragraphs in rows
        }
        ranked = sorted(scores, key=lambda k: (-scores[k], -k))
        return self._by_keys(ranked[offset : offset + n])

    def in_window(self, category: str | None, since: datetime, until: datetime) -> list[Article]:
        """Articles published in [since, until), oldest first."""
        lo = math.floor(since.timestamp()) * KEY_SPREAD
        hi = (math.floor(until.timestamp()) + 1) * KEY_SPREAD
        if category is None:
            sql = f"SELECT {COLUMNS} FROM articles a WHERE key >= ? AND key < ? ORDER BY key"
            params: list[object] = [lo, hi]
        else:
            sql = (
                f"SELECT {COLUMNS} FROM article_categories c JOIN articles a ON a.key = c.key "
                "WHERE c.category = ? AND c.key >= ? AND c.key < ? ORDER BY c.key"
            )
            params = [category, lo, hi]
        articles = [article_from_row(r) for r in self.db.execute(sql, params).fetchall()]
        return [a for a in articles if since <= a.published < until]

    def iter_articles(self, category: str | None = None, batch: int = 500) -> Iterator[Article]:
        """Every article (of a category), oldest first, without loading them all at once."""
        # Keys are publication seconds × KEY_SPREAD: negative before 1970, and never as low as int64's minimum.
        last = -(2**63)
        while True:
            if category is None:
                rows = self.db.execute(
                    f"SELECT {COLUMNS} FROM articles a WHERE key > ? ORDER BY key LIMIT ?", [last, batch]
                ).fetchall()
            else:
                rows = self.db.execute(
                    f"SELECT {COLUMNS} FROM article_categories c JOIN articles a ON a.key = c.key "
                    "WHERE c.category = ? AND c.key > ? ORDER BY c.key LIMIT ?",
                    [category, last, batch],
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield article_from_row(row)
            last = rows[-1][0]

    def ingested_since(self, since: str | None, batch: int = 500) -> Iterator[tuple[str, Article]]:
        """(ingested_at, article) for articles stored at or after ``since`` (ISO UTC), in ingestion order.

        None reads nothing: a cursor that was never set (no keyword watch yet) must not read the back catalogue.
        """
        if since is None:
            return
        last: tuple[str, int] = (since, -(2**63))
        while True:
            rows = self.db.execute(
                f"SELECT {COLUMNS}, a.ingested_at FROM articles a WHERE (a.ingested_at, a.key) > (?, ?) "
                "ORDER BY a.ingested_at, a.key LIMIT ?",
                [*last, batch],
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield row[-1], article_from_row(row)
            last = (rows[-1][-1], rows[-1][0])

    def categories(self) -> list[Category]:
        """Categories with articles, biggest first, with display names."""
        rows = self.db.execute(
            "SELECT slug, display_name, count FROM categories WHERE count > 0 ORDER BY count DESC, slug"
        ).fetchall()
        return [Category(slug, self.display_names.get(slug) or name or slug, count) for slug, name, count in rows]

    def category(self, slug: str) -> Category | None:
        row = self.db.execute("SELECT slug, display_name, count FROM categories WHERE slug = ?", [slug]).fetchone()
        if row is None:
            return None
        return Category(row[0], self.display_names.get(row[0]) or row[1] or row[0], row[2])

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def count_since(self, since: datetime, until: datetime | None = None) -> int:
        """Articles published at or after ``since`` (and before ``until``, when given)."""
        lo = int(since.timestamp()) * KEY_SPREAD
        hi = int(until.timestamp()) * KEY_SPREAD if until is not None else 2**63 - 1
        return self.db.execute("SELECT count(*) FROM articles WHERE key >= ? AND key < ?", [lo, hi]).fetchone()[0]

    def stats(self) -> dict[str, object]:
        first, last = self.db.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "articles": self.count(),
            "categories": len(self.categories()),
            "files": self.files.count(),
            "oldest": first,
            "newest": last,
        }

    def _by_keys(self, keys: list[int]) -> list[Article]:
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT {COLUMNS} FROM articles a WHERE key IN ({marks})", keys).fetchall()
        by_key = {row[0]: article_from_row(row) for row in rows}
        return [by_key[k] for k in keys if k in by_key]

    def database_file(self) -> Path | None:
        """The SQLite file behind this store, or None for an in-memory database."""
        row = self.db.execute("PRAGMA database_list").fetchone()
        return Path(row[2]) if row and row[2] else None

    def close(self) -> None:
        self.db.conn.close()
