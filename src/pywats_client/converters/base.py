"""The converter contract: a file on disk in, WATS reports out.

NOTE (converters engineer, issue 9): this file was accidentally overwritten while both of us
were creating files in ``converters/`` at the same moment; it has been rebuilt from how
``registry.py`` and ``wats.py`` use it. Please check it against your version. The issue-9
interface (``can_convert``/``convert(file, context)``, typed parameters, ``ConversionError``
with line/element) lives in ``pywats_client.converters.framework`` until we merge the two.

A converter declares a ``name``, the file-name ``patterns`` it handles, a ``priority`` (1 is
tried first, 10 last), a cheap ``sniff(head)`` that looks at the first bytes, and
``convert(path)`` that returns the reports in the file. Example::

    class LineConverter(Converter):
        name = "acme_lines"
        description = "ACME line-per-measurement logs"
        patterns = ("*.acme",)

        def sniff(self, head: bytes) -> bool:
            return head.startswith(b"ACME")

        def convert(self, path: Path) -> list[Report]:
            ...
"""

from __future__ import annotations

import fnmatch
from abc import ABC, abstractmethod
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from pywats.domains.report.models.report import Report
from pywats_client.converters.errors import ConversionError

__all__ = ["DEFAULT_PRIORITY", "HIGHEST_PRIORITY", "LOWEST_PRIORITY", "ConversionError", "Converter"]

HIGHEST_PRIORITY = 1
DEFAULT_PRIORITY = 5
LOWEST_PRIORITY = 10


class Converter(ABC):
    """Base class of converters; ``options`` are the converter's settings from the configuration."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    patterns: ClassVar[tuple[str, ...]] = ("*",)
    priority: ClassVar[int] = DEFAULT_PRIORITY
    ids_from_file: ClassVar[bool] = False
    """True when the file carries the report id (WSJF, WSXF); otherwise the service derives one."""

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options: dict[str, Any] = dict(options or {})

    def matches_name(self, path: Path) -> bool:
        """True if the file name matches one of ``patterns`` (case-insensitive)."""
        name = path.name.lower()
        return any(fnmatch.fnmatchcase(name, pattern.lower()) for pattern in self.patterns)

    def sniff(self, head: bytes) -> bool:
        """True if the first bytes of the file look like this converter's format."""
        return True

    @abstractmethod
    def convert(self, path: Path) -> list[Report]:
        """The reports in the file; raise :class:`ConversionError` if it cannot be converted."""
