"""Read post files safely: only regular files, the size checked before reading, then decoded.

Every failure is a :class:`PostError` with a one-line, human-readable reason so that a batch can
report the file and move on.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

MAX_POST_BYTES = 2 * 1024 * 1024  # a news post is a few KB; anything this big is not one
ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig also reads plain UTF-8


class PostError(ValueError):
    """A post that cannot be ingested; ``str(error)`` is the one-line reason."""


def decode_post(data: bytes) -> str:
    """Bytes → text, trying UTF-8 (with or without BOM), then GB18030."""
    _check_size(len(data), MAX_POST_BYTES)
    if b"\x00" in data[:8192]:
        raise PostError("binary file, not a text post")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            # Not "no front matter": there is nothing at all, which is what the reader must fix.
            raise PostError("empty file" if not data else "empty file (only whitespace)")
        return text
    raise PostError("not text in UTF-8 or GB18030")


_FM_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # python-frontmatter's own


def front_matter_value_error(text: str, exc: Exception) -> str:
    """The reason front matter that parses as YAML could not be built, naming the field and its value:
    ``date: invalid value '2021-13-01' (month must be in 1..12)`` instead of the bare reason."""
    parts = _FM_BOUNDARY.split(text, 2)
    loader = yaml.SafeLoader(parts[1] if len(parts) == 3 else "")
    try:
        node = loader.get_single_node()
        for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
            try:
                loader.construct_object(value, deep=True)
            except (ValueError, TypeError, OverflowError) as reason:
                shown = repr(value.value) if isinstance(value, yaml.ScalarNode) else "(a list or mapping)"
                shown = shown if len(shown) <= 60 else shown[:59] + "…"
                return f"{getattr(key, 'value', key)}: invalid value {shown} ({reason})"
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return f"broken front matter: {exc}"


_FILE_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_post_bytes(path: str | Path, limit: int = MAX_POST_BYTES) -> bytes:
    """The bytes of a post file, read only if it is a regular file of at most ``limit`` bytes.

    Type and size are checked on the open descriptor before reading, and the file is opened
    non-blocking, so a FIFO or a link to /dev/zero named *.md is refused instead of hanging or
    filling memory; at most ``limit`` + 1 bytes are read even if the file grows meanwhile.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise PostError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
            raise PostError(f"not a regular file ({kind})")
        _check_size(info.st_size, limit)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        raise PostError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    _check_size(len(data), limit)
    return data


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise PostError(f"file too large ({size // 1024} KiB > {limit // 1024} KiB)")
