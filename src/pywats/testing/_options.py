"""Command-line and ini options of the ``--wats-report`` recorder, and the settings built from them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["SUBMIT_MODES", "RecorderSettings", "add_options"]

SUBMIT_MODES = ("auto", "direct", "queue", "none")
DEFAULT_REVISION = "A"
DEFAULT_PROCESS_CODE = 10  # Purpose.TEST
DEFAULT_LOCATION = "Unspecified"  # WATS requires a location

# option name (without --wats-) → (ini name, help)
_TEXT_OPTIONS: dict[str, tuple[str, str]] = {
    "part-number": ("wats_part_number", "part number of the unit under test (required with --wats-report)"),
    "serial-number": ("wats_serial_number", "serial number of the unit under test (required)"),
    "revision": ("wats_revision", f"revision of the unit (default {DEFAULT_REVISION})"),
    "process-code": ("wats_process_code", f"WATS test operation code (default {DEFAULT_PROCESS_CODE})"),
    "operator": ("wats_operator", "operator name for the report"),
    "station-name": ("wats_station_name", "station name (machineName; default: this computer)"),
    "location": ("wats_location", f"station location (default {DEFAULT_LOCATION})"),
    "purpose": ("wats_purpose", "station purpose text (e.g. Production, Development)"),
    "sequence-name": ("wats_sequence_name", "name of the root sequence (default: the rootdir's name)"),
    "url": ("wats_url", "WATS server address (default: $WATS_BASE_URL)"),
    "submit": ("wats_submit", "auto (queue if the station is configured, else direct), direct, queue, none"),
    "report-file": ("wats_report_file", "also write the report as WSJF to this file"),
}


def add_options(parser: pytest.Parser) -> None:
    """Register the ``--wats-*`` options and their ini twins."""
    group = parser.getgroup("pywats", "pyWATS: record the session as a WATS test report")
    group.addoption(
        "--wats-report",
        action="store_true",
        dest="wats_report",
        default=False,
        help="turn this session into one UUT report (each test a step) and submit it",
    )
    for option, (ini, text) in _TEXT_OPTIONS.items():
        group.addoption(f"--wats-{option}", dest=ini, default=None, metavar="VALUE", help=text)
        parser.addini(ini, text, default=None)


@dataclass(frozen=True)
class RecorderSettings:
    """What the recorder needs: the unit, the station, where to send the report."""

    part_number: str
    serial_number: str
    revision: str = DEFAULT_REVISION
    process_code: int = DEFAULT_PROCESS_CODE
    operator: str | None = None
    station_name: str | None = None
    location: str | None = None
    purpose: str | None = None
    sequence_name: str | None = None
    url: str | None = None
    token: str | None = None
    submit: str = "auto"
    report_file: Path | None = None

    @classmethod
    def from_config(cls, config: pytest.Config) -> RecorderSettings:
        """Settings from options, then ini values, then environment; a clear usage error if incomplete."""

        def value(ini: str) -> str | None:
            given = config.getoption(ini, default=None)
            if given is None:
                given = config.getini(ini)
            text = str(given).strip() if given is not None else ""
            return text or None

        part_number, serial_number = value("wats_part_number"), value("wats_serial_number")
        for option, given in (("--wats-part-number", part_number), ("--wats-serial-number", serial_number)):
            if not given:
                raise pytest.UsageError(f"--wats-report needs {option} (or its ini value)")
        code_text = value("wats_process_code")
        try:
            process_code = int(code_text) if code_text is not None else DEFAULT_PROCESS_CODE
        except ValueError:
            raise pytest.UsageError(f"--wats-process-code must be an integer, got {code_text!r}") from None
        submit = (value("wats_submit") or "auto").lower()
        if submit not in SUBMIT_MODES:
            raise pytest.UsageError(f"--wats-submit must be one of {', '.join(SUBMIT_MODES)}, got {submit!r}")
        report_file = value("wats_report_file")
        return cls(
            part_number=str(part_number),
            serial_number=str(serial_number),
            revision=value("wats_revision") or DEFAULT_REVISION,
            process_code=process_code,
            operator=value("wats_operator"),
            station_name=value("wats_station_name"),
            location=value("wats_location") or DEFAULT_LOCATION,
            purpose=value("wats_purpose"),
            sequence_name=value("wats_sequence_name") or config.rootpath.name,
            url=value("wats_url") or os.environ.get("WATS_BASE_URL") or None,
            # The token comes from the environment only: command lines are visible to other users.
            token=os.environ.get("WATS_AUTH_TOKEN") or None,
            submit=submit,
            report_file=Path(report_file) if report_file else None,
        )
