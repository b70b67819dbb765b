"""Group commit: the store writes of sources that finish together share one transaction.

With ``synchronous = FULL`` every commit waits for the disk; a cycle of hundreds of sources
committing one by one spends its time there. Writes submitted while a commit is under way are
queued and committed together next. Each write runs in a savepoint of its own, so one source's
failed write is rolled back and raised to that source alone.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any

from digests.store import Store

Write = Callable[[Callable[[Store], Any]], Awaitable[Any]]


class GroupWriter:
    def __init__(self, write: Write) -> None:
        self.write = write
        self._pending: list[tuple[Callable[[Store], Any], asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def __call__(self, fn: Callable[[Store], Any]) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.append((fn, future))
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                outcomes = await self.write(functools.partial(_run_all, fns=[fn for fn, _ in batch]))
            except Exception as exc:  # the commit itself failed (a locked or full disk): each source fails
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, future), (ok, value) in zip(batch, outcomes):
                if future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)


def _run_all(store: Store, fns: list[Callable[[Store], Any]]) -> list[tuple[bool, Any]]:
    results: list[tuple[bool, Any]] = []
    conn = store.db.conn
    with store.transaction():
        for fn in fns:
            conn.execute("SAVEPOINT feed_write")
            try:
                results.append((True, fn(store)))
            except Exception as exc:
                conn.execute("ROLLBACK TO feed_write")
                results.append((False, exc))
            conn.execute("RELEASE feed_write")
    return results
