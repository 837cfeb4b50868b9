"""Teradyne Spectrum in-circuit test logs (equipment-formats §10).

A log is a sequence of ``(KEY: …)`` records: ``PROGRAM_NAME``, ``SECTION_NAME`` (starts a
section → a sequence), ``STEP`` (with ``SNAME``, ``TIME``, one or more ``PAGE`` s and its own
``STAT``) and ``USER`` lines the test program prints (``Serialnumber:…``, ``Operator:…``,
``STATUS: BOARD FAILED``…). One file is one unit.
"""

from __future__ import annotations

import re
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import add_numeric, add_pass_fail, at, fit_name, fit_text, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.ict_common import unit_with_prefix
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.spectrum_records import Node, parse_nodes
from pywats_client.converters.values import parse_number

__all__ = ["TeradyneSpectrumConverter"]

_STAT = {"PASS": "P", "PASSED": "P", "FAIL": "F", "FAILED": "F", "SKIP": "S", "SKIPPED": "S", "ERROR": "E"}
_UNITS = {"O": "Ω", "V": "V", "F": "F", "A": "A", "H": "H", "HZ": "Hz", "S": "s"}
_MEASURED = ("MEASVAL", "MEAS_VAL")
# Spectrum's SCALE is a case-sensitive SI prefix: m is milli, M is mega.
_SCALE = {
    "p": 1e-12,
    "n": 1e-9,
    "u": 1e-6,
    "µ": 1e-6,
    "m": 1e-3,
    "": 1.0,
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "G": 1e9,
}


def _user_values(roots: list[Node]) -> dict[str, str]:
    """``USER`` lines as a key → value mapping (first value of a key wins)."""
    found: dict[str, str] = {}
    for node in roots:
        if node.key == "USER" and ":" in node.text:
            key, _, value = node.text.partition(":")
            found.setdefault(key.strip(), value.strip())
    return found


def _quantity(node: Node | None) -> tuple[float | None, float, str | None]:
    """``(VAL, scale factor, unit)`` of a ``(…: (VAL: n) (SCALE: s) (UNIT: u))`` record."""
    if node is None:
        return None, 1.0, None
    try:
        value = parse_number(node.value("VAL"))
    except ValueError as exc:
        raise ConversionError(f"VAL {node.value('VAL')!r} is not a number", line=node.line) from exc
    scale = node.value("SCALE") or ""
    factor = _SCALE.get(scale)
    if factor is None:
        raise ConversionError(f"unknown SCALE {scale!r}", line=node.line)
    unit = node.value("UNIT")
    return value, factor, _UNITS.get(unit.upper(), unit) if unit else None


class TeradyneSpectrumConverter(Converter):
    """Teradyne Spectrum in-circuit test logs."""

    name = "teradyne_spectrum"
    description = "Teradyne Spectrum ICT logs ((PROGRAM_NAME: …) (STEP: …) records)"
    file_patterns = ("*.txt", "*.log", "*")
    priority = 4
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "part_number_pattern",
            ParameterKind.TEXT,
            r"^(\w+)",
            "regex whose group 1 reads the part number from PROGRAM_NAME",
        ),
        Parameter(
            "serial_pattern",
            ParameterKind.TEXT,
            r"^\S+$",
            "a serial number must match this (guards against read errors and placeholders)",
        ),
        Parameter("station_key", ParameterKind.TEXT, "Machine", "USER key holding the station name"),
        Parameter("version_key", ParameterKind.TEXT, "SequenceRev", "USER key holding the program version"),
        Parameter(
            "misc_keys",
            ParameterKind.LIST,
            ["OrderNumber", "CustomerSerialnumber", "TestSpecRef", "version"],
            "USER keys kept as misc info",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        text = file.head_text(fallback_encoding=self.settings["fallback_encoding"]).lstrip()
        if not re.match(r"\(\s*PROGRAM_NAME\s*:", text):
            return 0.0
        if re.search(r"\(\s*USER:\s*Serialnumber\s*:", text, re.IGNORECASE):
            return 0.95
        return 0.9 if "(STEP:" in text and "(PAGE_NAME:" in text else 0.8

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        roots = parse_nodes(file.read_text(self.settings["fallback_encoding"]))
        program = next((n.text for n in roots if n.key == "PROGRAM_NAME"), "")
        if not program:
            raise ConversionError("no (PROGRAM_NAME: …) record", line=1)
        user = _user_values(roots)
        sn = user.get("Serialnumber", "")
        pattern = self.settings["serial_pattern"]
        if not sn or (pattern and not re.search(pattern, sn)):
            raise ConversionError(f"no plausible serial number (USER Serialnumber {sn!r})")
        start, end = self._times(roots, user)
        report = context.new_report(
            sn=sn,
            pn=self._part_number(program),
            start=start,
            operator=user.get("Operator"),
            station_name=user.get(self.settings["station_key"]),
            sequence_name=program,
            sequence_version=user.get(self.settings["version_key"]),
        )
        info = report.info
        assert info is not None
        if end is not None:
            info.exec_time = round(max((end - start).total_seconds(), 0.0), 3)
        for key in self.settings["misc_keys"]:
            if user.get(str(key)):
                report.add_misc_info(fit_text(str(key), 100), fit_text(user[str(key)], 100))
        self._steps(report, roots)
        status = user.get("STATUS", "").upper()
        set_result(report, "F" if "FAIL" in status else "P" if "PASS" in status else None)
        return [report]

    def _part_number(self, program: str) -> str | None:
        try:
            match = re.search(self.settings["part_number_pattern"], program)
        except re.error as exc:
            raise ConversionError(f"part_number_pattern is not a valid regular expression: {exc}") from exc
        return (match.group(1) if match.groups() else match.group(0)) if match else None

    @staticmethod
    def _times(roots: list[Node], user: dict[str, str]) -> tuple[datetime, datetime | None]:
        date = user.get("Date", "")
        start_text = user.get("StartTime", "")
        start: datetime | None = None
        if date and start_text:
            start = _clock(date, start_text)
        if start is None:
            first = next((n.value("TIME") for n in roots if n.key == "STEP" and n.value("TIME")), None)
            if first is None:
                raise ConversionError("no start time (USER Date/StartTime or a STEP TIME)")
            try:
                start = datetime.strptime(first, "%m/%d/%Y %H:%M:%S")
            except ValueError as exc:
                raise ConversionError(f"STEP TIME {first!r} is not MM/DD/YYYY HH:MM:SS") from exc
        end = _clock(date, user["EndTime"]) if date and user.get("EndTime") else None
        return start, end

    def _steps(self, report: UUTReport, roots: list[Node]) -> None:
        sequence: SequenceCall = report.root
        for node in roots:
            if node.key == "SECTION_NAME":
                sequence = report.root.add_sequence_call(fit_name(node.text or "Section"))
            elif node.key == "STEP":
                with at(line=node.line):
                    self._step(sequence, node)

    def _step(self, sequence: SequenceCall, step: Node) -> None:
        pages = step.all("PAGE")
        texts = [t for t in (step.value("DESC"),) if t]
        if len(pages) == 1:
            self._page(sequence, pages[0], texts)
            return
        sub = sequence.add_sequence_call(fit_name(step.value("SNAME") or "Step"))
        for page in pages:
            self._page(sub, page, texts)
        if not pages:
            sub.status = _status(step.value("STAT"))

    def _page(self, seq: SequenceCall, page: Node, texts: list[str]) -> None:
        name = page.value("PAGE_NAME") or "Page"
        status = _status(page.value("STAT"))
        texts = [*texts, *(t for t in (page.value("COMMENT"),) if t)]
        kind = (page.value("TYPE") or "").upper()
        if kind == "EXT_PROG":
            program = next((n.text for n in page.walk() if n.key == "PROG_NAME"), "")
            step = seq.add_generic_step("Action", fit_name(name), status=status)
            text = "\n".join(filter(None, [f"program: {program}" if program else "", *texts]))
            if text:
                step.raw["reportText"] = fit_text(text, 100000)
            return
        measured = next((n for n in page.walk() if n.key in _MEASURED), None)
        low_node = next((n for n in page.walk() if n.key == "LOLIM"), None)
        high_node = next((n for n in page.walk() if n.key == "HILIM"), None)
        if measured is None:
            limits = [
                f"{n.key.lower()} {_written(n)}" for n in page.walk() if n.key.endswith(("LIM", "_LIMIT"))
            ]
            add_pass_fail(seq, name, status, report_text="\n".join(texts + limits) or None)
            return
        value, factor, unit = _quantity(measured)
        low, low_factor, low_unit = _quantity(low_node)
        high, high_factor, high_unit = _quantity(high_node)
        # One scale for value and limits: the measured value's (equipment-formats §10.3).
        low = None if low is None else low * low_factor / factor
        high = None if high is None else high * high_factor / factor
        display = unit_with_prefix(factor, unit or low_unit or high_unit)
        add_numeric(
            seq,
            name,
            value,
            low=low,
            high=high,
            unit=display,
            status=status,
            report_text="\n".join(texts) or None,
        )


def _status(word: str | None) -> str:
    return _STAT.get((word or "").strip().upper(), "D")


def _written(node: Node) -> str:
    unit = (node.value("SCALE") or "") + (node.value("UNIT") or "")
    return f"{node.value('VAL') or '?'} {unit}".strip()


def _clock(date: str, clock: str) -> datetime | None:
    """``MM/DD/YYYY`` and ``HH:MM:SS:mmm`` (milliseconds after a colon) → a datetime, or None."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2}):(\d{2})(?::(\d{1,3}))?", clock.strip())
    try:
        day = datetime.strptime(date.strip(), "%m/%d/%Y")
    except ValueError:
        return None
    if match is None:
        return None
    hour, minute, second, milli = match.groups()
    try:
        return day.replace(
            hour=int(hour),
            minute=int(minute),
            second=int(second),
            microsecond=int((milli or "0").ljust(3, "0")) * 1000,
        )
    except ValueError:  # 25:61:99: not a time of day, like an unreadable date
        return None
