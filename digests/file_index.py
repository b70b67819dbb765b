"""The post files already read (table ``files``): path → size, mtime, content hash and the
article the file held, so a rescan skips unchanged files and notices an article a file dropped."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class FileState:
    path: str
    size: int
    mtime_ns: int
    content_hash: str
    article_id: str | None


class FileIndex:
    """One row per post file read; runs in the store's transactions (same connection)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def state(self, path: str) -> FileState | None:
        row = self.conn.execute(
            "SELECT path, size, mtime_ns, content_hash, article_id FROM files WHERE path = ?", [path]
        ).fetchone()
        return FileState(*row) if row else None

    def states(self, parsed_by: str | None = None) -> dict[str, tuple[int, int]]:
        """path → (size, mtime_ns) for every known file: one query instead of one per file.

        With ``parsed_by``, only files whose hash that parser version made (``"p2:…"``): the others
        must be read again."""
        sql = "SELECT path, size, mtime_ns FROM files"
        if parsed_by is None:
            return {p: (s, m) for p, s, m in self.conn.execute(sql)}
        rows = self.conn.execute(sql + " WHERE substr(content_hash, 1, ?) = ?", [len(parsed_by) + 1, parsed_by + ":"])
        return {p: (s, m) for p, s, m in rows}

    def record(
        self, path: str, size: int, mtime_ns: int, content_hash: str, article_id: str | None, *, known: bool = True
    ) -> str | None:
        """Remember a file; the id of the article it used to hold when no file holds that one now.

        ``known=False`` says the file is new to the index, which saves looking up its previous state.
        """
        previous = self.state(path) if known else None
        self.conn.execute(
            "INSERT OR REPLACE INTO files(path, size, mtime_ns, content_hash, article_id) VALUES (?, ?, ?, ?, ?)",
            [path, size, mtime_ns, content_hash, article_id],
        )
        if previous is None or not previous.article_id or previous.article_id == article_id:
            return None
        held = self.conn.execute("SELECT 1 FROM files WHERE article_id = ? LIMIT 1", [previous.article_id]).fetchone()
        return None if held else previous.article_id

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM files").fetchone()[0]
