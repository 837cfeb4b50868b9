"""The file a converter is offered: its path plus cached reads, so scoring is cheap.

Several converters score the same file when the service looks for the right one; they share
one :class:`SourceFile`, so the first 64 KiB are read from disk once. ``can_convert`` should
look only at :meth:`SourceFile.head` (equipment-formats §2.1: "read little").
"""

from __future__ import annotations

import os
from pathlib import Path

from pywats_client.converters.encoding import DEFAULT_FALLBACK_ENCODING, decode_text
from pywats_client.converters.errors import ConversionError

__all__ = ["HEAD_BYTES", "SourceFile"]

HEAD_BYTES = 64 * 1024
"""How much of a file ``head()`` returns by default: enough to recognise any format here."""


class SourceFile:
    """A result file offered to converters.

    Build it from a path (``SourceFile(path)``) or, in tests and tools, from bytes
    (``SourceFile.from_bytes("name.xml", data)``). Reading errors become
    :class:`ConversionError`.
    """

    __slots__ = ("_data", "_head", "_head_asked", "_text", "path")

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._head: bytes | None = None
        self._head_asked = 0
        self._data: bytes | None = None
        self._text: dict[str, tuple[str, str]] = {}

    @classmethod
    def from_bytes(cls, name: str | os.PathLike[str], data: bytes) -> SourceFile:
        """A source whose content is ``data`` (nothing is read from disk)."""
        source = cls(name)
        source._data = bytes(data)
        return source

    @classmethod
    def of(cls, file: SourceFile | str | os.PathLike[str]) -> SourceFile:
        """``file`` itself if it already is a :class:`SourceFile`, else a new one for the path."""
        return file if isinstance(file, SourceFile) else cls(file)

    @property
    def name(self) -> str:
        """The file name without folders."""
        return self.path.name

    @property
    def suffix(self) -> str:
        """The extension in lower case, with its dot (``".xml"``), or ``""``."""
        return self.path.suffix.lower()

    def _fail(self, exc: OSError) -> ConversionError:
        return ConversionError(f"cannot read the file: {exc.strerror or exc}", file=str(self.path))

    @property
    def size(self) -> int:
        """Size in bytes."""
        if self._data is not None:
            return len(self._data)
        try:
            return self.path.stat().st_size
        except OSError as exc:
            raise self._fail(exc) from exc

    def head(self, limit: int = HEAD_BYTES) -> bytes:
        """The first ``limit`` bytes (all of a smaller file)."""
        if self._data is not None:
            return self._data[:limit]
        head = self._head
        if head is None or (len(head) < limit and len(head) == self._head_asked):
            self._head_asked = max(limit, HEAD_BYTES)
            try:
                with self.path.open("rb") as handle:
                    head = self._head = handle.read(self._head_asked)
            except OSError as exc:
                raise self._fail(exc) from exc
        return head[:limit]

    def read_bytes(self) -> bytes:
        """The whole content (read once, then cached)."""
        if self._data is None:
            try:
                self._data = self.path.read_bytes()
            except OSError as exc:
                raise self._fail(exc) from exc
            self._head = None
        return self._data

    def read_text(self, fallback_encoding: str = DEFAULT_FALLBACK_ENCODING) -> str:
        """The whole content as text (BOM, XML declaration, strict UTF-8, then ``fallback_encoding``)."""
        return self.decoded(fallback_encoding)[0]

    def decoded(self, fallback_encoding: str = DEFAULT_FALLBACK_ENCODING) -> tuple[str, str]:
        """``(text, encoding used)`` of the whole content."""
        cached = self._text.get(fallback_encoding)
        if cached is None:
            cached = self._text[fallback_encoding] = decode_text(self.read_bytes(), fallback_encoding)
        return cached

    def head_text(self, limit: int = HEAD_BYTES, fallback_encoding: str = DEFAULT_FALLBACK_ENCODING) -> str:
        """The first ``limit`` bytes as text (for recognising a format)."""
        return decode_text(self.head(limit), fallback_encoding)[0]

    def __repr__(self) -> str:
        return f"SourceFile({str(self.path)!r})"
