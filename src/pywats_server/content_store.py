"""Files on disk, named by the SHA-256 of their content (attachments, media).

The database keeps only the hash, name and size of a file; the bytes live under
``<data_dir>/content/<2 hex>/<2 hex>/<sha256>``. Identical uploads share one file. A file is
written to a temporary name while it is hashed and renamed into place only when complete, so a
reader never sees half a file and a crash leaves no corrupt entry.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["READ_CHUNK_BYTES", "ContentStore", "ContentTooLarge", "StoredContent"]

READ_CHUNK_BYTES = 256 * 1024
DIRECTORY_MODE = 0o700
_HEX = frozenset("0123456789abcdef")


class ContentTooLarge(Exception):
    """The content exceeded the size limit given to the store."""

    def __init__(self, limit_bytes: int) -> None:
        super().__init__(f"content larger than {limit_bytes} bytes")
        self.limit_bytes = limit_bytes


@dataclass(frozen=True)
class StoredContent:
    """What was stored: the content's SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


class ContentStore:
    """A content-addressed file store rooted at ``root`` (created on first write)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the content with this hash lives (whether or not it exists)."""
        if len(sha256) != 64 or not set(sha256) <= _HEX:
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put_bytes(self, data: bytes) -> StoredContent:
        """Store ``data``; return its hash and size."""
        with self._writer() as writer:
            writer.write(data)
        return writer.result

    async def put_stream(self, chunks: AsyncIterator[bytes], *, max_bytes: int) -> StoredContent:
        """Store what ``chunks`` yields, never holding more than one chunk in memory.

        Raises :class:`ContentTooLarge` (and keeps nothing) once more than ``max_bytes`` arrive.
        """
        with self._writer() as writer:
            async for chunk in chunks:
                if writer.size + len(chunk) > max_bytes:
                    raise ContentTooLarge(max_bytes)
                writer.write(chunk)
        return writer.result

    def put_chunks(self, chunks: Iterable[bytes], *, max_bytes: int) -> StoredContent:
        """The synchronous :meth:`put_stream`, for work done off the event loop (e.g. unpacking a zip)."""
        with self._writer() as writer:
            for chunk in chunks:
                if writer.size + len(chunk) > max_bytes:
                    raise ContentTooLarge(max_bytes)
                writer.write(chunk)
        return writer.result

    def read_bytes(self, sha256: str) -> bytes:
        """The whole content (for small files)."""
        return self.path(sha256).read_bytes()

    def iter_chunks(self, sha256: str) -> Iterator[bytes]:
        """The content in chunks of :data:`READ_CHUNK_BYTES` (for streaming answers)."""
        with self.path(sha256).open("rb") as handle:
            while chunk := handle.read(READ_CHUNK_BYTES):
                yield chunk

    def exists(self, sha256: str) -> bool:
        """Whether the content is stored."""
        return self.path(sha256).is_file()

    def clear(self) -> int:
        """Delete every stored file (the control plane's reset); return how many were removed.

        Files being written at that moment (``.incoming-*``) are left to their writers.
        """
        removed = 0
        if not self.root.is_dir():
            return removed
        for prefix in self.root.iterdir():
            if not (prefix.is_dir() and len(prefix.name) == 2 and set(prefix.name) <= _HEX):
                continue
            for path in sorted(prefix.rglob("*"), reverse=True):  # files before their directories
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink(missing_ok=True)
                    removed += 1
            prefix.rmdir()
        return removed

    def _writer(self) -> _Writer:
        self.root.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
        return _Writer(self)


class _Writer:
    """Writes a temporary file while hashing it; on success moves it to its content address."""

    def __init__(self, store: ContentStore) -> None:
        self._store = store
        self._digest = hashlib.sha256()
        self.size = 0
        fd, name = tempfile.mkstemp(prefix=".incoming-", dir=store.root)
        self._temp = Path(name)
        self._handle = os.fdopen(fd, "wb")
        self.result = StoredContent("", 0)

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self._handle.write(data)
        self.size += len(data)

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._handle.close()
        if exc_type is not None:
            self._temp.unlink(missing_ok=True)
            return
        sha = self._digest.hexdigest()
        target = self._store.path(sha)
        if target.exists():  # same content stored before
            self._temp.unlink(missing_ok=True)
        else:
            target.parent.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
            os.replace(self._temp, target)
        self.result = StoredContent(sha, self.size)
