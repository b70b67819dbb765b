"""Digests a reader waits for (/digest, the dashboard's preview), composed off the event loop.

Grouping a busy day takes seconds (digests.grouping); on the loop it stopped every chat. Here it
runs in a small pool of threads, each reading through a connection of its own (a WAL read never
waits for a writer's lock), and every composition shares the bot's one
:class:`~digests.storycache.StoryCache` with the scheduler, so a day is grouped once for all.
An in-memory store has no file to open again: it composes in the caller's thread, as before.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import sqlite_utils

from digests.db import connect
from digests.digest import Digest, build_category_digest
from digests.store import Store
from digests.storycache import StoryCache

_THREADS = "newsbot-compose"
READER_THREADS = 2  # two readers' /digest at once; more would only compete for the GIL


class Composer:
    def __init__(self, store: Store, cache: StoryCache, *, threads: int = READER_THREADS) -> None:
        self.store = store
        self.cache = cache
        self._path = store.database_file()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[sqlite_utils.Database] = []
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix=_THREADS) if self._path else None

    def digest(self, slug: str, **kwargs: Any) -> Digest:
        """``build_category_digest`` here and now, with the shared cache (tests, the dashboard)."""
        return build_category_digest(self._thread_store(), slug, cache=self.cache, **kwargs)

    async def digest_off_loop(self, slug: str, **kwargs: Any) -> Digest:
        """The same in a composing thread: the bot keeps answering meanwhile."""
        if self._pool is None:
            return self.digest(slug, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self._pool, lambda: self.digest(slug, **kwargs))

    def _thread_store(self) -> Store:
        """A composing thread's own connection, opened on its first digest (a failure fails that
        digest only, and the next one tries again); anywhere else, the caller's connection."""
        if self._path is None or not threading.current_thread().name.startswith(_THREADS):
            return self.store
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            db = connect(self._path)
            try:
                store = Store(db, display_names=self.store.display_names, clock=self.store.clock)
            except BaseException:
                db.conn.close()
                raise
            with self._lock:
                self._opened.append(db)
            self._local.store = store
        return store

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._lock:
            for db in self._opened:
                db.conn.close()
            self._opened.clear()
