"""Teradyne in-circuit test datalogs of compiled ``.obc`` programs (GR228x family; §8).

A datalog names the loaded program (``C:\\…\\PROG.obc[14-MAR-25  08:00:12``), then holds one
block per board: ``@<date>  <time> SN <serial>``, optional ``TOP_OF_LOOP-<A…H>`` (panel
position) and ``WATS_<key>=<value>`` override lines, general failures ``(S …``, measurements
``<ref><r><value>(<low>,<high>)<type>[ =message]`` and an end event whose first character is the
verdict (``"`` pass, ``/`` fail, ``?`` ``!`` aborted, ``*`` ``&`` error, ``]`` back to diagnosis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import add_numeric, add_pass_fail, at, fit_text, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.ict_common import SCALE, family_of, unit_with_prefix
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.times import MONTHS

__all__ = ["TeradyneIctConverter", "parse_measurement"]

_DATE = r"(\d{1,2})-([A-Za-z]{3})-(\d{2})\s+(\d{1,2}):(\d{2}):(\d{2})"
_PROGRAM = re.compile(r"^(?P<path>[A-Za-z]:\\.*?(?P<file>[^\\]+)\.obc)\[" + _DATE, re.IGNORECASE)
_START = re.compile(r"^@" + _DATE + r"\s+SN\s+(?P<sn>.*?)\s*$")
_END = re.compile(r"^(?P<event>[\"/?!*&\]])" + _DATE + r"\s*$")
_LOOP = re.compile(r"^TOP_OF_LOOP-(?P<pos>[A-Z])\s*$")
_OVERRIDE = re.compile(r"^WATS_(?P<key>\w+)=(?P<value>.*)$")
_FAILURE = re.compile(r"^\((?P<kind>[SOBCF])\s+(?P<text>.*)$")
_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:E[-+]?\d+)?"
_PREFIX = r"MEG|[PNUMK]"
_MEASUREMENT = re.compile(
    rf"^(?P<ref>[^=<>#%\s(]+)(?P<r>[=#<>%])(?P<value>{_NUM})?(?P<vp>{_PREFIX})?"
    rf"\((?P<low>{_NUM})?(?P<lp>{_PREFIX})?,(?P<high>{_NUM})?(?P<hp>{_PREFIX})?\)(?P<type>[A-Z]+)"
    r"(?:\s*=(?P<message>.*))?\s*$"
)
_VERDICTS = {'"': "P", "/": "F", "?": "T", "!": "T", "*": "E", "&": "E", "]": None}
_FAILURE_KINDS = {
    "S": "Shorts",
    "O": "Opens",
    "B": "Bus test",
    "C": "Scratch probe contact",
    "F": "Fixture contact",
}
_UNITS = {
    "R": "Ω",
    "ZM": "Ω",
    "CP": "F",
    "CS": "F",
    "LP": "H",
    "LS": "H",
    "DC": "V",
    "AC": "V",
    "V": "V",
    "I": "A",
    "HZ": "Hz",
    "S": "s",
}
_DESCRIPTIONS = {
    "CP": "MEAS ACZ CP",
    "CS": "MEAS ACZ CS",
    "LP": "MEAS ACZ LP",
    "LS": "MEAS ACZ LS",
    "ZM": "MEAS ACZ ZM",
}
_SOURCES = frozenset({"IS", "VS"})


@dataclass(frozen=True)
class Measured:
    """One datalog measurement line, scaled to one prefix."""

    ref: str
    result: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    type: str
    message: str | None


def parse_measurement(line: str) -> Measured | None:
    """The measurement on ``line``; None when the line is not a measurement."""
    match = _MEASUREMENT.match(line.strip())
    if match is None:
        return None
    g = match.groupdict()
    factors = [SCALE[g[p] or ""] for p in ("vp", "lp", "hp")]
    display = factors[0] if g["value"] is not None else (factors[1] if g["low"] is not None else factors[2])
    numbers = []
    for text, factor in ((g["value"], factors[0]), (g["low"], factors[1]), (g["high"], factors[2])):
        numbers.append(None if text is None else float(text) * factor / display)
    unit = unit_with_prefix(display, _UNITS.get(g["type"])) if _UNITS.get(g["type"]) else None
    message = (g["message"] or "").strip() or None
    return Measured(g["ref"], g["r"], numbers[0], numbers[1], numbers[2], unit, g["type"], message)


def _time(match: re.Match[str], line: int, offset: int = 1) -> datetime:
    day, month, year, hour, minute, second = (match.group(offset + i) for i in range(6))
    number = MONTHS.get(month.lower())
    if number is None:
        raise ConversionError(f"month {month!r} is not an English month abbreviation", line=line)
    try:
        return datetime(2000 + int(year), number, int(day), int(hour), int(minute), int(second))
    except ValueError as exc:
        raise ConversionError(f"not a valid date and time: {exc}", line=line) from exc


@dataclass
class _Board:
    sn: str
    start: datetime
    line: int
    socket: int | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    items: list[tuple[int, str]] = field(default_factory=list)
    end: datetime | None = None
    event: str | None = None


class TeradyneIctConverter(Converter):
    """Teradyne in-circuit test datalogs (compiled .obc programs, GR228x family)."""

    name = "teradyne_ict"
    description = "Teradyne ICT datalogs of .obc test programs (GR228x family)"
    file_patterns = ("*",)
    priority = 4
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "part_number_pattern",
            ParameterKind.TEXT,
            r"^([^_]+)",
            "regex whose group 1 reads the part number from the program file name",
        ),
        Parameter(
            "accept_incomplete",
            ParameterKind.BOOLEAN,
            False,
            "convert a board that has no end event yet (it becomes Terminated)",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        text = file.head_text(fallback_encoding=self.settings["fallback_encoding"])
        lines = text.splitlines()[:400]
        program = any(_PROGRAM.match(line.strip()) for line in lines[:50])
        if not program:
            return 0.0
        starts = any(_START.match(line.strip()) for line in lines)
        body = any(_MEASUREMENT.match(line.strip()) or _END.match(line.strip()) for line in lines)
        return 0.9 if starts and body else 0.7

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        text = file.read_text(self.settings["fallback_encoding"])
        program: re.Match[str] | None = None
        boards: list[_Board] = []
        current: _Board | None = None
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line:
                continue
            if program is None and (found := _PROGRAM.match(line)):
                program = found
            elif found := _START.match(line):
                if current is not None and current.event is None:
                    raise ConversionError(
                        f"board {current.sn} has no end event before the next board", line=number
                    )
                current = _Board(found.group("sn"), _time(found, number), number)
                boards.append(current)
            elif current is None or current.event is not None:
                continue  # text between boards (program reloads, operator messages)
            elif found := _END.match(line):
                current.event, current.end = found.group("event"), _time(found, number, 2)
            elif found := _LOOP.match(line):
                current.socket = ord(found.group("pos")) - ord("A") + 1
            elif found := _OVERRIDE.match(line):
                current.overrides[found.group("key")] = found.group("value").strip()
            else:
                current.items.append((number, line))
        if program is None:
            raise ConversionError("no program line (<drive>:\\…\\<name>.obc[<date>) in the file")
        if not boards:
            raise ConversionError("no board (@<date> SN <serial>) in the file")
        reports: list[Report] = []
        for index, board in enumerate(boards, 1):
            if board.event is None and not self.settings["accept_incomplete"]:
                raise IncompleteFileError(f"board {board.sn} has no end event yet", line=board.line)
            if board.event in ("?", "!") and not board.items:
                continue  # aborted before any test: nothing worth a report
            reports.append(self._report(board, program, file, context, index))
        if not reports:
            raise ConversionError("every board was aborted before its first test")
        return reports

    def _report(
        self, board: _Board, program: re.Match[str], file: SourceFile, context: ConversionContext, index: int
    ) -> UUTReport:
        o = board.overrides
        pn = o.get("partNumber") or self._part_number(program.group("file")) or file.name.split(".")[0]
        with at(line=board.line):
            report = context.new_report(
                sn=board.sn,
                pn=pn,
                rev=o.get("partRevision"),
                start=board.start,
                run_key=f"board {index}",
                operator=o.get("operator"),
                station_name=o.get("stationName"),
                sequence_name=o.get("sequenceName") or program.group("path"),
                sequence_version=o.get("sequenceVersion"),
            )
        info = report.info
        assert info is not None
        info.test_socket_index = board.socket
        if board.end is not None:
            info.exec_time = max((board.end - board.start).total_seconds(), 0.0)
        self._steps(report.root, board)
        verdict = "T" if board.event is None else _VERDICTS[board.event]
        set_result(report, verdict)
        return report

    def _part_number(self, file_name: str) -> str | None:
        try:
            match = re.search(self.settings["part_number_pattern"], file_name)
        except re.error as exc:
            raise ConversionError(f"part_number_pattern is not a valid regular expression: {exc}") from exc
        return (match.group(1) if match.groups() else match.group(0)) if match else None

    def _steps(self, root: SequenceCall, board: _Board) -> None:
        current: tuple[str, SequenceCall] | None = None
        for number, line in board.items:
            with at(line=number):
                if found := _FAILURE.match(line):
                    name = _FAILURE_KINDS[found.group("kind")]
                    family = "General failures"
                    sub = self._sequence(root, current, family)
                    current = (family, sub)
                    add_pass_fail(sub, name, "F", report_text=fit_text(found.group("text"), 100000))
                    continue
                measured = parse_measurement(line)
                if measured is None:
                    raise ConversionError(f"line not understood: {line[:60]!r}")
                if measured.type in _SOURCES:
                    continue  # current/voltage source settings, not measurements
                family = family_of(measured.ref) or "Other"
                sub = self._sequence(root, current, family)
                current = (family, sub)
                self._measurement(sub, measured)

    @staticmethod
    def _sequence(root: SequenceCall, current: tuple[str, SequenceCall] | None, family: str) -> SequenceCall:
        if current is not None and current[0] == family:
            return current[1]
        return root.add_sequence_call(family)

    @staticmethod
    def _measurement(seq: SequenceCall, m: Measured) -> None:
        name = f"{m.ref}({m.type})"
        status = {"=": "P", "#": "D"}.get(m.result, "F")
        error = _DESCRIPTIONS.get(m.type, f"MEAS {m.type}") if status == "F" else None
        if m.value is None:
            add_pass_fail(seq, name, status, error_message=error, report_text=m.message)
            return
        add_numeric(
            seq,
            name,
            m.value,
            low=m.low,
            high=m.high,
            unit=m.unit,
            status=status,
            error_message=error,
            report_text=m.message,
        )
