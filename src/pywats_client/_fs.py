"""Durable file operations: write-then-rename with fsync, directory sync, collision-free moves.

Everything the station must not lose goes through :func:`write_durably`: the bytes are written to
a temporary file, flushed to disk, renamed over the destination and the directory entry synced,
so after a crash (even ``kill -9`` or a power cut) the destination holds either the old or the
new content, never half of it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

__all__ = ["fsync_dir", "move_unique", "read_head", "unique_path", "write_durably"]

HEAD_BYTES = 4096


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in ``directory`` durable (a no-op where directories cannot be opened)."""
    if os.name == "nt":  # Windows cannot open a directory for fsync; NTFS journals renames itself
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_durably(
    path: Path, data: bytes, *, mode: int = 0o600, tmp_dir: Path | None = None, sync_dir: bool = True
) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file, fsync, rename, then sync the directory.

    ``tmp_dir`` must be on the same file system as ``path`` (it defaults to ``path``'s directory).
    The file is created with ``mode`` (0600 by default: configuration and queued reports are private).
    """
    tmp = (tmp_dir or path.parent) / f".{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if sync_dir:
        fsync_dir(path.parent)


def unique_path(directory: Path, name: str) -> Path:
    """A path in ``directory`` for a file called ``name`` that does not exist yet.

    A taken name gets a time stamp, then a counter: ``result.xml`` → ``result_20250101-120000.xml``.
    """
    candidate = directory / name
    if not candidate.exists():
        return candidate
    stem, suffix = os.path.splitext(name)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for counter in range(10_000):
        extra = f"_{stamp}" if counter == 0 else f"_{stamp}_{counter}"
        candidate = directory / f"{stem}{extra}{suffix}"
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free name for {name!r} in {directory}")


def move_unique(source: Path, directory: Path) -> Path:
    """Move ``source`` into ``directory`` (created if needed) under a free name; return the new path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = unique_path(directory, source.name)
    os.replace(source, target)
    return target


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a file (for cheap content sniffing)."""
    with path.open("rb") as stream:
        return stream.read(size)
