"""Database work the bot does on its own, off the event loop.

The handlers' connection waits only a moment for another process's write lock (bot.application): a
wait there would stop every chat. Work nobody is waiting for — composing the scheduled digests,
queueing them and the keyword alerts, warming the story cache, pruning old rows — must still
get done while a lock comes and goes, so it runs here: in one thread of its own, on a connection
of its own that waits up to ``digests.db.BUSY_SECONDS`` per statement.

One thread: its connection is never used by two threads at once. Synchronous callers (tests,
benchmarks, the CLI on the loop's thread) take the same lock. An in-memory store has no file
to open a second connection to; its work runs in the caller's thread on the shared connection,
as before.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import sqlite_utils

from digests.db import connect
from digests.store import Store

T = TypeVar("T")


class WorkerClosed(RuntimeError):
    """Work asked of the worker after the bot stopped."""


class DbWorker:
    def __init__(self, store: Store) -> None:
        self.lock = threading.RLock()
        path = store.database_file()
        self._own: sqlite_utils.Database | None = None
        self._pool: ThreadPoolExecutor | None = None
        self.closed = False  # jobs that fire after the bot stopped do nothing
        if path is None:
            self.store = store
        else:
            self._own = connect(path)
            self.store = Store(self._own, display_names=store.display_names, clock=store.clock)
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbot-db")

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` here and now, holding the worker's connection."""
        with self.lock:
            return fn()

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in the worker thread; the event loop goes on meanwhile."""
        if self.closed:
            raise WorkerClosed("the bot's database thread has stopped")
        if self._pool is None:
            return self.call(fn)
        return await asyncio.get_running_loop().run_in_executor(self._pool, self.call, fn)

    def close(self) -> None:
        self.closed = True
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        if self._own is not None:
            self._own.conn.close()
            self._own = None
