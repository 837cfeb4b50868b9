"""Files for streamed transfers: what an upload reads from and where a download lands.

An upload accepts bytes, a path or an open binary file and is read in chunks from there; a
download to a path is written to a temporary file next to it and renamed into place only when
complete, so the destination never holds half a file.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from pywats.core.exceptions import ValidationError

__all__ = ["AtomicFile", "UploadSource", "open_upload"]

UploadSource = bytes | bytearray | memoryview | str | os.PathLike[str] | BinaryIO
"""What an upload accepts: the content itself, the path of a file, or a file opened in binary mode."""


@contextmanager
def open_upload(
    content: UploadSource, *, field: str, operation: str, max_size: int | None
) -> Iterator[tuple[BinaryIO, int | None]]:
    """An open binary stream over ``content`` and the number of bytes it will give (None if unknown).

    A path is opened here and closed afterwards; a caller's file object is read from its current
    position and left open. Content larger than ``max_size`` is refused before anything is sent.
    """
    if isinstance(content, bytes | bytearray | memoryview):
        data = bytes(content)
        _check_size(len(data), max_size, field, operation)
        yield io.BytesIO(data), len(data)
        return
    if isinstance(content, str | os.PathLike):
        path = Path(content)
        try:
            stream = path.open("rb")
        except OSError as exc:
            raise ValidationError(
                f"{field}: cannot open the file {str(path)!r}: {exc.strerror or exc} "
                "(pass bytes to upload content, or the path of an existing file)",
                field=field,
                value=str(path),
                operation=operation,
                cause=exc,
            ) from exc
        with stream:
            size = os.fstat(stream.fileno()).st_size
            _check_size(size, max_size, field, operation)
            yield stream, size
        return
    if hasattr(content, "read"):
        if isinstance(content, io.TextIOBase):
            raise ValidationError(
                f"{field} must be opened in binary mode ('rb'), not text mode",
                field=field,
                value=content,
                operation=operation,
            )
        remaining = _remaining(content)
        _check_size(remaining, max_size, field, operation)
        yield content, remaining
        return
    raise ValidationError(
        f"{field} must be bytes, a file path or a binary file object, got {type(content).__name__}",
        field=field,
        value=content,
        operation=operation,
    )


class AtomicFile:
    """A temporary file beside ``destination`` that replaces it only when kept.

    Use as ``with AtomicFile(path, field=..., operation=...) as target:``, write to
    ``target.stream`` and call ``target.keep()``. On leaving the block the file is renamed onto
    ``destination`` if it was kept and nothing failed, and deleted otherwise, so the
    destination never holds half a file.
    """

    def __init__(self, destination: str | os.PathLike[str], *, field: str, operation: str) -> None:
        if not isinstance(destination, str | os.PathLike):
            raise ValidationError(
                f"{field} must be a file path, got {type(destination).__name__}",
                field=field,
                value=destination,
                operation=operation,
            )
        self.path = Path(destination)
        if self.path.is_dir():
            raise ValidationError(
                f"{field} is a directory; name the file to write: {str(self.path)!r}",
                field=field,
                value=str(self.path),
                operation=operation,
            )
        try:
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent
            )
        except OSError as exc:
            raise ValidationError(
                f"{field}: cannot write in {str(self.path.parent)!r}: {exc.strerror or exc}",
                field=field,
                value=str(self.path),
                operation=operation,
                cause=exc,
            ) from exc
        self._temp = Path(temp_name)
        self.stream: BinaryIO = os.fdopen(handle, "w+b")
        self._kept = False

    def keep(self) -> None:
        """Mark the content complete: it replaces the destination when the block ends."""
        self._kept = True

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        self.stream.close()
        if self._kept and exc_type is None:
            os.replace(self._temp, self.path)
        else:
            self._temp.unlink(missing_ok=True)


def _remaining(stream: BinaryIO) -> int | None:
    """Bytes between the stream's position and its end, if it can tell."""
    try:
        if not stream.seekable():
            return None
        position = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(position)
    except (OSError, ValueError):
        return None
    return max(0, end - position)


def _check_size(size: int | None, max_size: int | None, field: str, operation: str) -> None:
    if size is not None and max_size is not None and size > max_size:
        raise ValidationError(
            f"{field} is {size} bytes, more than max_size ({max_size} bytes)",
            field=field,
            value=size,
            operation=operation,
            details={"size_bytes": size, "max_bytes": max_size},
        )
