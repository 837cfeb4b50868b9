"""The converter interface: what every converter — built-in or a user's — declares and does.

A converter is a class with a ``name``, the ``file_patterns`` it is offered (shell patterns
such as ``*.xml``), a ``priority`` (1 highest … 10 lowest: a backlog of low-priority files does
not hold up live results), its ``parameters`` (typed settings with defaults and descriptions
that the GUI and CLI render as forms) and two methods:

* ``can_convert(file) -> float``: a confidence in [0, 1] from a cheap look at the file
  (``file.head()``). 0.95+ for a unique signature with a readable header, 0.8–0.9 for the
  signature and the identity fields, 0.5–0.7 for a signature with a key part missing, at most
  0.2 for a matching extension alone, 0 when another format's signature is present.
* ``convert(file, context) -> report or list of reports``: one report per unit in the file;
  anything wrong with the file raises :class:`~pywats_client.converters.errors.ConversionError`
  naming the reason and, where it can, the line or element.

A converter is built with its settings (``JUnitConverter({"process_code": 10})``); it reads them
as ``self.settings`` and, during a conversion, as ``context["name"]``. The context also holds
the station identity, a logger and the server's process list; ``context.new_report(...)``
starts a report with the header filled in and a stable id. See ``docs/converters.md``.
"""

from __future__ import annotations

import fnmatch
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from pywats.core.station import StationConfig
from pywats.domains.report.models import Report
from pywats_client.converters.context import ConversionContext, ProcessLike
from pywats_client.converters.errors import ConversionError, ConverterCrashed
from pywats_client.converters.parameters import REQUIRED, Parameter, ParameterKind, resolve_parameters
from pywats_client.converters.source import SourceFile

__all__ = [
    "AUTO_SELECT_THRESHOLD",
    "COMMON_PARAMETERS",
    "DEFAULT_PRIORITY",
    "EXTENSION_ONLY_SCORE",
    "HIGHEST_PRIORITY",
    "LOWEST_PRIORITY",
    "ConversionError",
    "Converter",
    "as_report_list",
    "matches_patterns",
]

HIGHEST_PRIORITY = 1
DEFAULT_PRIORITY = 5
LOWEST_PRIORITY = 10

AUTO_SELECT_THRESHOLD = 0.5
"""A converter must score at least this to be picked for a file automatically."""
EXTENSION_ONLY_SCORE = 0.1
"""What a converter that only recognises the extension may answer (never enough to be picked)."""

COMMON_PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "process_code",
        ParameterKind.INTEGER,
        REQUIRED,
        "WATS process (operation) code of the reports, as configured on the server (e.g. 10)",
        minimum=-32768,
        maximum=32767,
    ),
    Parameter(
        "timezone",
        ParameterKind.TIMEZONE,
        "local",
        "IANA time zone of the tester, used for times the file writes without an offset",
    ),
    Parameter(
        "part_number",
        ParameterKind.TEXT,
        None,
        "part number of the units when the file does not carry one",
    ),
    Parameter(
        "revision",
        ParameterKind.TEXT,
        "1",
        "part revision of the units when the file does not carry one",
    ),
    Parameter(
        "station_name",
        ParameterKind.TEXT,
        None,
        "station name for the reports when the file names none (default: the client's station name)",
    ),
    Parameter(
        "operator",
        ParameterKind.TEXT,
        None,
        "operator when the file names none",
    ),
    Parameter(
        "fallback_encoding",
        ParameterKind.TEXT,
        "cp1252",
        "encoding of text files that have no byte-order mark and are not valid UTF-8",
    ),
)
"""Settings nearly every equipment converter has; a converter lists them in its ``parameters``."""


class Converter(ABC):
    """Base class of converters. Subclass it, set the class attributes, implement the two methods."""

    name: ClassVar[str] = ""
    """Unique, stable name (``"junit"``): used in configuration, logs and report ids."""
    description: ClassVar[str] = ""
    """One line for ``converters list`` and the GUI."""
    file_patterns: ClassVar[tuple[str, ...]] = ("*",)
    """Shell patterns of file names the converter is offered (case-insensitive)."""
    priority: ClassVar[int] = DEFAULT_PRIORITY
    """1 (highest) … 10 (lowest); also breaks ties between equal scores."""
    parameters: ClassVar[tuple[Parameter, ...]] = ()
    """The converter's settings."""
    version: ClassVar[str] = "1.0"
    """The converter's own version."""
    enabled_by_default: ClassVar[bool] = True
    """False for converters that must be switched on deliberately (an unverified format)."""
    stable_ids: ClassVar[bool] = False
    """True when the converter gives every report a stable id itself (WSJF/WSXF carry theirs;
    ``context.new_report`` derives one from converter, serial number, start and run). Otherwise
    the service derives the id from the file's content and the report's position in it, so a
    re-delivered file never makes a second report either."""

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        """A converter configured with ``settings`` (checked and typed now, so a bad value is
        reported when the station starts, not at the first file). A required setting that is
        missing (``process_code``) stops conversions, not construction, so ``converters list``
        can show an unconfigured converter."""
        self.settings: dict[str, Any] = resolve_parameters(
            self.parameters, settings, owner=f"converter {self.name!r}", check_required=False
        )

    def missing_settings(self) -> list[str]:
        """Names of required settings that have no value."""
        return [p.name for p in self.parameters if p.required and self.settings.get(p.name) is None]

    def context(
        self,
        station: StationConfig,
        *,
        logger: logging.Logger | None = None,
        processes: Sequence[ProcessLike] = (),
        dry_run: bool = False,
    ) -> ConversionContext:
        """The context this converter's ``convert`` gets, with its settings."""
        return ConversionContext(
            station,
            self.settings,
            logger or logging.getLogger(f"pywats_client.converters.{self.name}"),
            processes,
            converter_name=self.name,
            dry_run=dry_run,
        )

    @abstractmethod
    def can_convert(self, file: SourceFile) -> float:
        """How sure the converter is that ``file`` is its format, from 0 to 1."""

    @abstractmethod
    def convert(self, file: SourceFile, context: ConversionContext) -> Report | list[Report]:
        """The report(s) in ``file``; raise :class:`ConversionError` for a file that cannot be converted."""

    # -- helpers the service and the tools use ------------------------------------------------------

    def accepts_name(self, file_name: str) -> bool:
        """True if ``file_name`` matches one of the converter's ``file_patterns``."""
        return matches_patterns(file_name, self.file_patterns)

    def score(self, file: SourceFile) -> float:
        """``can_convert`` clamped to [0, 1]; a converter that raises scores 0."""
        try:
            value = float(self.can_convert(file))
        except Exception:
            return 0.0
        return min(max(value, 0.0), 1.0) if value == value else 0.0

    def __repr__(self) -> str:
        return f"<converter {self.name!r} priority {self.priority}>"


def matches_patterns(file_name: str, patterns: Iterable[str]) -> bool:
    """True if ``file_name`` matches a shell pattern in ``patterns`` (ignoring case)."""
    lowered = file_name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern.lower()) for pattern in patterns)


def as_report_list(result: Any, converter: str) -> list[Report]:
    """What ``convert`` returned as a non-empty list of reports, or :class:`ConverterCrashed`."""
    reports = [result] if isinstance(result, Report) else result
    if not isinstance(reports, list | tuple) or not all(isinstance(r, Report) for r in reports):
        raise ConverterCrashed(
            f"convert() returned {type(result).__name__}, not a report or a list of reports",
            converter=converter,
        )
    if not reports:
        raise ConversionError("the file holds no unit to report", converter=converter)
    return list(reports)
