"""One bot per database: an exclusive fcntl lock on "<db>.lock", held for the process lifetime.

The kernel drops the lock when the process dies (even on SIGKILL), so a crash
never leaves a stale lock behind; the file holds the owner's pid for the message.
The database path is resolved first (relative to the working directory, symlinks
followed, ``..`` removed), so every spelling of one file takes the same lock.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class AlreadyRunning(RuntimeError):
    """Another newsbot process holds the database; the message says which."""


class InstanceLock:
    def __init__(self, db_path: str | Path) -> None:
        self.database = Path(db_path).expanduser().resolve()
        self.path = Path(f"{self.database}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise AlreadyRunning(
                f"another newsbot (pid {owner}) is already running on {self.database}; "
                "stop it first (two bots on one database or token would send everything twice)"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
