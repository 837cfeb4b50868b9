"""Errors of converters: one typed error for "this file could not be turned into a report".

::

    pywats.ValidationError
    └── ConversionError          the file is not what the converter expects (reason + where)
        ├── IncompleteFileError  the file looks cut short (still being written?): try again later
        └── ConverterCrashed     the converter itself failed (timeout, memory, crash, bug)

A :class:`ConversionError` names the reason and, where it can, the line or XML element that
caused it, so a test engineer can open the file at the right place.
"""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError

__all__ = ["ConversionError", "ConverterCrashed", "IncompleteFileError"]


class ConversionError(ValidationError):
    """A file could not be converted.

    ``reason`` is the plain explanation; ``line`` (1-based) and/or ``element`` (an XML element
    path, a record name, a ZIP member) say where; ``file`` and ``converter`` are filled in by the
    code that ran the converter when the converter did not set them.
    """

    def __init__(
        self,
        reason: str,
        *,
        line: int | None = None,
        element: str | None = None,
        file: str | None = None,
        converter: str | None = None,
        cause: BaseException | None = None,
    ) -> None:
        self.reason = reason
        self.line = line
        self.element = element
        self.file = file
        self.converter = converter
        super().__init__(
            self._text(), field=element, operation="convert", details=self._details(), cause=cause
        )

    def _where(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.element:
            parts.append(self.element)
        return ", ".join(parts)

    def _text(self) -> str:
        where = self._where()
        prefix = f"[{self.converter}] " if self.converter else ""
        return f"{prefix}{where}: {self.reason}" if where else f"{prefix}{self.reason}"

    def _details(self) -> dict[str, Any]:
        details: dict[str, Any] = {"reason": self.reason}
        for key in ("line", "element", "file", "converter"):
            value = getattr(self, key)
            if value is not None:
                details[key] = value
        return details

    def located(
        self,
        *,
        file: str | None = None,
        converter: str | None = None,
        line: int | None = None,
        element: str | None = None,
    ) -> ConversionError:
        """Fill in ``file``, ``converter`` and the place (``line``/``element``, only if neither is
        set yet) where they are unset. Returns ``self``."""
        changed = False
        if file is not None and self.file is None:
            self.file, changed = file, True
        if converter is not None and self.converter is None:
            self.converter, changed = converter, True
        if (line is not None or element is not None) and self.line is None and self.element is None:
            self.line, self.element, changed = line, element, True
            self.field = element
        if changed:
            self.message = self._text()
            self.args = (self.message,)
            self.details = self._details()
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # Keep the keyword arguments when the error crosses a process boundary (worker → service).
        return (
            _rebuild,
            (type(self), self.reason, self.line, self.element, self.file, self.converter),
        )


def _rebuild(
    cls: type[ConversionError],
    reason: str,
    line: int | None,
    element: str | None,
    file: str | None,
    converter: str | None,
) -> ConversionError:
    return cls(reason, line=line, element=element, file=file, converter=converter)


class IncompleteFileError(ConversionError):
    """The file ends too early (no end record, unbalanced braces, a ZIP without its directory).

    Testers write results while the watcher already sees the file; the pipeline should retry
    after a quiet period and only then move the file to the error folder.
    """


class ConverterCrashed(ConversionError):
    """The converter did not finish: it exceeded its time or memory limit, its worker process
    died, or it raised something other than :class:`ConversionError` (a bug in the converter)."""
