"""One bot per database, and no bot beside an open console: locks on the database file itself.

The locks are Linux open-file-description locks (F_OFD_SETLK) on two bytes of the database file,
far past SQLite's own lock bytes (at 1 GiB), so they are keyed by the file's identity (device,
inode): every path to it — another spelling, a symlink, a hard link — meets the same locks. The
kernel drops them when the process dies (even on SIGKILL), so a crash never leaves a stale lock,
and closing some other descriptor of the file (SQLite opens and closes its own) never drops them.

- ``newsbot run`` takes the bot byte exclusively; a second bot is refused (AlreadyRunning). It
  also refuses to start while a console holds the console byte (ConsoleOpen).
- ``newsbot chat`` takes the console byte shared (any number of consoles; a bot already running
  is no reason to refuse: the console never touches other chats' outbox rows).

"<db>.lock" keeps the owner's pid for the message (a lock on a byte cannot say who holds it).
Without OFD locks (not Linux) the bot byte falls back to flock() of the whole file.
"""

from __future__ import annotations

import errno
import fcntl
import os
import struct
from pathlib import Path

_BOT_BYTE = 1 << 40
_CONSOLE_BYTE = _BOT_BYTE + 1
_OFD = hasattr(fcntl, "F_OFD_SETLK")


class AlreadyRunning(RuntimeError):
    """Another newsbot process holds the database; the message says which."""


class ConsoleOpen(AlreadyRunning):
    """A `newsbot chat` console is open on the database; a real bot must not start beside it."""


def _flock(kind: int, offset: int) -> bytes:
    # struct flock {short l_type; short l_whence; off_t l_start; off_t l_len; pid_t l_pid;} (+ padding);
    # OFD locks require l_pid = 0.
    return struct.pack("hhqqixxxx", kind, os.SEEK_SET, offset, 1, 0)


def _try_lock(fd: int, kind: int, offset: int) -> bool:
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLK, _flock(kind, offset))
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _held_by_other(fd: int, offset: int) -> bool:
    answer = fcntl.fcntl(fd, fcntl.F_OFD_GETLK, _flock(fcntl.F_WRLCK, offset))
    return struct.unpack("hhqqixxxx", answer)[0] != fcntl.F_UNLCK


class InstanceLock:
    def __init__(self, db_path: str | Path, *, console: bool = False) -> None:
        self.database = Path(db_path).expanduser().resolve()
        self.path = Path(f"{self.database}.lock")  # the holder's pid, for the message
        self.console = console
        self._fd: int | None = None

    def acquire(self) -> None:
        self.database.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(self.database, os.O_RDWR | os.O_CREAT, 0o644)
        except PermissionError:
            return  # a read-only database: no bot can run on it, and the store's write probe says why
        try:
            self._lock(fd)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        if not self.console:
            self.path.write_text(f"{os.getpid()}\n", encoding="ascii")

    def _lock(self, fd: int) -> None:
        if self.console:
            if _OFD:
                _try_lock(fd, fcntl.F_RDLCK, _CONSOLE_BYTE)  # shared: never refused
            return
        if not _OFD:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise self._already_running() from None
            return
        if not _try_lock(fd, fcntl.F_WRLCK, _BOT_BYTE):
            raise self._already_running()
        if _held_by_other(fd, _CONSOLE_BYTE):
            raise ConsoleOpen(
                f"a newsbot console (newsbot chat) is open on {self.database}; quit it first "
                "(the console answers as the bot, and a real bot beside it would race it)"
            )

    def _already_running(self) -> AlreadyRunning:
        try:
            owner = self.path.read_text(encoding="ascii", errors="replace").strip() or "unknown"
        except OSError:
            owner = "unknown"  # e.g. started through a hard link: its note is beside the other name
        return AlreadyRunning(
            f"another newsbot (pid {owner}) is already running on {self.database}; "
            "stop it first (two bots on one database or token would send everything twice)"
        )

    def release(self) -> None:
        # Close after the store: closing a descriptor of the database drops this process's POSIX
        # locks on it, SQLite's included (the runner and console release last).
        if self._fd is not None:
            if not self.console:
                self.path.unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
