"""What a converter gets besides the file: station identity, settings, a logger, the processes.

:meth:`ConversionContext.new_report` starts a UUT report with everything a converter should not
have to think about: station name, location and purpose, the configured process code (checked
against the server's process list), a start time in the station's zone with its UTC twin, and a
deterministic report id, so converting the same file twice replaces rather than duplicates.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any, Protocol

from pywats.core.station import StationConfig
from pywats.tools.test_uut import TestUUT
from pywats_client.converters.building import fit_text
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.times import localize, zone_named

__all__ = ["REPORT_ID_NAMESPACE", "ConversionContext", "ProcessLike", "report_id"]

DRY_RUN_PROCESS_CODE = 10
"""Process code a dry run uses when the converter has none configured (real runs refuse)."""
REPORT_ID_NAMESPACE = uuid.UUID("6f1c2a3e-5d7b-4c9e-8a10-3b2f9e7d4c51")
"""Namespace of the name-based (v5) report ids converters give their reports."""


class ProcessLike(Protocol):
    """A WATS process (operation) as ``api.process`` returns it: a ``code`` and a ``name``."""

    @property
    def code(self) -> int | None: ...

    @property
    def name(self) -> str | None: ...


def report_id(converter: str, sn: str, start_utc: str, run_key: str = "") -> str:
    """The deterministic id of a converted report (equipment-formats §2.9)."""
    return str(uuid.uuid5(REPORT_ID_NAMESPACE, "\x1f".join((converter, sn, start_utc, run_key))))


@dataclass
class ConversionContext:
    """Everything a converter needs besides the file.

    ``parameters`` holds the converter's settings, typed and with defaults applied
    (:func:`~pywats_client.converters.parameters.resolve_parameters`); read them with
    ``context["name"]`` or :meth:`get`. ``processes`` is the server's process list (empty when
    offline or in a dry run: then any code is accepted). ``logger`` is the converter's logger.
    ``dry_run`` is true for ``pywats-client convert --dry-run``: nothing will be uploaded.
    """

    station: StationConfig
    parameters: Mapping[str, Any] = field(default_factory=dict)
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("pywats_client.converters"))
    processes: Sequence[ProcessLike] = ()
    converter_name: str = "converter"
    dry_run: bool = False

    def __getitem__(self, name: str) -> Any:
        try:
            return self.parameters[name]
        except KeyError:
            raise ConversionError(
                f"the converter reads a setting {name!r} it does not declare", converter=self.converter_name
            ) from None

    def get(self, name: str, default: Any = None) -> Any:
        """The setting ``name``, or ``default`` when it is unset or not declared."""
        value = self.parameters.get(name)
        return default if value is None else value

    @property
    def timezone(self) -> tzinfo:
        """The station's time zone (the ``timezone`` setting; the machine's zone by default)."""
        return zone_named(self.get("timezone"))

    def local_time(self, moment: datetime) -> tuple[datetime, str | None]:
        """A wall-clock time from the file in the station zone, and a note if it fell on a DST switch."""
        return localize(moment, self.timezone)

    def process_code(self, code: int | None = None) -> int:
        """``code`` (from the file or a lookup table) or the configured ``process_code``, checked
        against the server's process list when it is known."""
        value = code if code is not None else self.get("process_code")
        if value is None and self.dry_run:
            self.logger.warning("process_code is not set; the dry run uses %d", DRY_RUN_PROCESS_CODE)
            value = DRY_RUN_PROCESS_CODE
        if value is None:
            raise ConversionError(
                "no process code: set the converter's process_code setting", converter=self.converter_name
            )
        if self.processes and not any(getattr(p, "code", None) == value for p in self.processes):
            known = ", ".join(str(p.code) for p in self.processes if p.code is not None)
            raise ConversionError(
                f"process code {value} is not defined on the server (known codes: {known})",
                converter=self.converter_name,
            )
        return int(value)

    def new_report(
        self,
        *,
        sn: str | None,
        start: datetime,
        pn: str | None = None,
        rev: str | None = None,
        run_key: str = "",
        operator: str | None = None,
        station_name: str | None = None,
        process_code: int | None = None,
        sequence_name: str | None = None,
        sequence_version: str | None = None,
    ) -> TestUUT:
        """A new UUT report (a :class:`~pywats.tools.test_uut.TestUUT`, so ``add_numeric_step`` and
        the other shortcuts add to the root sequence) with the header filled in.

        ``pn``/``rev``/``operator`` fall back to the ``part_number``/``revision``/``operator``
        settings; ``station_name`` to the ``station_name`` setting, then the station's name.
        ``start`` without an offset is read in the station zone (a DST note becomes a misc info).
        ``run_key`` tells apart several runs of one unit in one file (board number, run number).
        """
        serial = (sn or "").strip()
        if not serial:
            raise ConversionError(
                "the file has no serial number for this unit", converter=self.converter_name
            )
        part = (pn or "").strip() or (self.get("part_number") or "").strip()
        if not part:
            raise ConversionError(
                "the file has no part number: set the converter's part_number setting",
                converter=self.converter_name,
            )
        revision = (rev or "").strip() or (self.get("revision") or "").strip() or "1"
        moment, note = self.local_time(start)
        report = TestUUT(
            fit_text(part, 100),
            fit_text(serial, 100),
            fit_text(revision, 100),
            _optional(operator) or _optional(self.get("operator")),
            self.process_code(process_code),
            station_name=fit_text(
                _optional(station_name) or _optional(self.get("station_name")) or self.station.station_name,
                100,
            ),
            location=self.station.location or None,
            station_purpose=self.station.purpose or None,
            start=moment,
            sequence_name=fit_text(sequence_name, 200) if sequence_name else None,
            sequence_version=fit_text(sequence_version, 30) if sequence_version else None,
        )
        report.id = report_id(self.converter_name, serial, report.raw["startUTC"], run_key)
        if note:
            report.add_misc_info("ConverterNote", fit_text(note, 100))
        return report


def _optional(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
