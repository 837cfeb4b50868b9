"""WSTF, the WATS Standard Text Format: tab-separated lines (report-format §6), read only.

A file has a header (``Key<TAB>Value`` lines; unknown keys become misc info), step data (13
columns: type, name, measure name, value, low limit, high limit, operator, unit, status, time,
report text, error code, error message) and a footer. ``SequenceCall``/``EndSequenceCall`` rows
nest. A row without a status is evaluated from its value and limits, as WATS does, and failures
propagate to the sequences and the report result.
"""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import read_float
from pywats.domains.report.models.errors import ReportParseError
from pywats.domains.report.models.sequence import SequenceCall
from pywats.domains.report.models.status import to_result, to_step_status
from pywats.domains.report.models.steps import NumericStep
from pywats.domains.report.models.uut_report import UUTReport

__all__ = ["DEFAULT_PROCESS_CODE", "parse_wstf"]

DEFAULT_PROCESS_CODE = 10
COLUMNS = 13
_MARKERS = {
    "--header-start--": "header",
    "--step-data-start--": "steps",
    "--step-data-end--": "footer",
    "--uut-end--": "end",
    "-- uut-end--": "end",
}
_PASS_WORDS = frozenset({"true", "1", "pass", "passed", "p", "ok"})


def _fail(line: int, message: str) -> ReportParseError:
    return ReportParseError(message, location=f"line {line}", operation="parse_wstf")


class _Reader:
    def __init__(self, default_process_code: int) -> None:
        self.header: dict[str, str] = {}
        self.misc: list[tuple[str, str]] = []
        self.sub_units: list[list[str]] = []
        self.rows: list[tuple[int, list[str]]] = []
        self.footer: dict[str, str] = {}
        self.default_process_code = default_process_code

    def feed(self, text: str) -> None:
        part = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            marker = _MARKERS.get(line.strip().lower())
            if marker is not None:
                if marker == "header" and part is not None:
                    raise _fail(number, "the file holds more than one report; parse_wstf reads one")
                part = marker
                continue
            if part == "end":
                raise _fail(number, "text after --UUT-End--")
            fields = line.split("\t")
            if part == "header":
                self._header(number, fields)
            elif part == "steps":
                if fields[0] != "StepType":
                    self.rows.append((number, (fields + [""] * COLUMNS)[:COLUMNS]))
            elif part == "footer":
                self.footer[fields[0].strip()] = fields[1].strip() if len(fields) > 1 else ""
            else:
                raise _fail(number, "expected --Header-Start--")
        if part is None:
            raise _fail(1, "no --Header-Start-- marker: this is not a WSTF file")

    def _header(self, number: int, fields: list[str]) -> None:
        key = fields[0].strip()
        if key == "Subunit":
            self.sub_units.append([f.strip() for f in (fields[1:] + [""] * 4)[:4]])
        elif key in _HEADER_KEYS:
            self.header[key] = fields[1].strip() if len(fields) > 1 else ""
        elif len(fields) > 1 and fields[1].strip():
            self.misc.append((key, fields[1].strip()))


_HEADER_KEYS = frozenset(
    {
        "SerialNumber",
        "PartNumber",
        "Revision",
        "OperationTypeCode",
        "OperationTypeName",
        "StationName",
        "OperatorName",
        "SoftwareName",
        "SoftwareVersion",
        "BatchSerialNumber",
        "Comment",
        "FixtureId",
        "UUTStatus",
        "ErrorCode",
        "ErrorMessage",
        "StartDateTime",
        "UTCStartDateTime",
        "ExecutionTime",
        "TestSocketIndex",
    }
)


def _number(text: str, line: int, column: str) -> float | None:
    if not text.strip():
        return None
    try:
        return read_float(text.strip(), column)
    except ValidationError as exc:
        raise _fail(line, f"{column} must be a number, got {text!r}") from exc


def _int(text: str, line: int, column: str) -> int | None:
    if not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError as exc:
        raise _fail(line, f"{column} must be an integer, got {text!r}") from exc


def _decode(content: bytes) -> str:
    """WSTF bytes are UTF-8 (a BOM is allowed); anything else is a parse error naming the line."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        raise ReportParseError(
            f"the file is not UTF-8 text (byte 0x{content[exc.start]:02x} at offset {exc.start})",
            location=f"line {line}",
            operation="parse_wstf",
            cause=exc,
        ) from exc


def parse_wstf(
    content: str | bytes,
    *,
    station_name: str | None = None,
    location: str | None = None,
    purpose: str | None = None,
    default_process_code: int = DEFAULT_PROCESS_CODE,
) -> UUTReport:
    """Read one UUT report from WSTF text.

    WSTF has no location or purpose lines; pass them (and a ``station_name`` for files without
    ``StationName``) or fill them later. ``default_process_code`` applies when the file has no
    ``OperationTypeCode``.
    """
    text = _decode(content) if isinstance(content, bytes) else content
    reader = _Reader(default_process_code)
    reader.feed(text)
    h = reader.header
    for key in ("PartNumber", "SerialNumber"):
        if not h.get(key):
            raise _fail(1, f"the header has no {key}")
    code = _int(h.get("OperationTypeCode", ""), 1, "OperationTypeCode")
    revision = h.get("Revision") or ""
    try:
        report = UUTReport(
            h["PartNumber"],
            h["SerialNumber"],
            revision or "-",
            default_process_code if code is None else code,
            operator=h.get("OperatorName"),
            station_name=h.get("StationName") or station_name,
            location=location,
            purpose=purpose,
            sequence_name=h.get("SoftwareName") or None,
            sequence_version=h.get("SoftwareVersion") or None,
        )
    except ValidationError as exc:
        raise _fail(1, exc.message) from exc
    if not revision:
        report.raw["rev"] = ""  # WATS turns a missing revision into an empty one; validation says so
    _apply_header(report, h, reader)
    _build_steps(report, reader.rows)
    _apply_footer(
        report,
        {
            **{k: h[k] for k in ("UUTStatus", "ErrorCode", "ErrorMessage", "ExecutionTime") if k in h},
            **reader.footer,
        },
    )
    return report


def _apply_header(report: UUTReport, h: dict[str, str], reader: _Reader) -> None:
    d = report.raw
    if h.get("OperationTypeName"):
        d["processName"] = h["OperationTypeName"]
    if h.get("StartDateTime"):
        d["start"] = h["StartDateTime"]
        d["startUTC"] = h.get("UTCStartDateTime") or d["startUTC"]
        if not h.get("UTCStartDateTime"):
            start = report.start
            if start is not None and start.tzinfo is not None:
                report.start = start
    info = d["uut"]
    for key, wire in (("BatchSerialNumber", "batchSN"), ("Comment", "comment"), ("FixtureId", "fixtureId")):
        if h.get(key):
            info[wire] = h[key]
    socket = _int(h.get("TestSocketIndex", ""), 1, "TestSocketIndex")
    if socket is not None:
        info["testSocketIndex"] = socket
    for description, value in reader.misc:
        report.add_misc_info(description, value)
    for part_type, pn, sn, rev in reader.sub_units:
        d.setdefault("subUnits", []).append({"partType": part_type, "pn": pn, "rev": rev, "sn": sn})


def _apply_footer(report: UUTReport, values: dict[str, str]) -> None:
    info = report.raw["uut"]
    if values.get("ErrorCode"):
        info["errorCode"] = _int(values["ErrorCode"], 0, "ErrorCode")
    if values.get("ErrorMessage"):
        info["errorMessage"] = values["ErrorMessage"]
    if values.get("ExecutionTime"):
        info["execTime"] = _number(values["ExecutionTime"], 0, "ExecutionTime")
    if values.get("UUTStatus"):
        try:
            report.result = to_result(values["UUTStatus"])
        except ValidationError as exc:
            raise _fail(0, f"UUTStatus: {exc.message}") from exc


def _build_steps(report: UUTReport, rows: list[tuple[int, list[str]]]) -> None:
    stack: list[SequenceCall] = [report.root]
    last_multi: NumericStep | None = None
    for line, row in rows:
        kind, name, measure, value, low, high, op, unit, status, time, text, code, message = row
        options: dict[str, Any] = {}
        if time.strip():
            options["tot_time"] = _number(time, line, "ExecutionTime")
        if text:
            options["report_text"] = text
        if code.strip():
            options["error_code"] = _int(code, line, "ErrorCode")
        if message:
            options["error_message"] = message
        given = _status(status, line)
        try:
            if kind == "SequenceCall":
                stack.append(stack[-1].add_sequence_call(name, **options))
            elif kind == "EndSequenceCall":
                if len(stack) == 1:
                    raise _fail(line, "EndSequenceCall without an open SequenceCall")
                closed = stack.pop()
                closed.raw.update({_WIRE[k]: v for k, v in options.items()})
                if given is not None:
                    closed.status = given
            elif kind == "NumericLimitTest" and not measure:
                stack[-1].add_numeric_step(
                    name,
                    _required_number(value, line),
                    low_limit=_number(low, line, "LowLimit"),
                    high_limit=_number(high, line, "HighLimit"),
                    comp_op=op or None,
                    unit=unit or None,
                    status=given,
                    **options,
                )
            elif kind in ("NumericLimitTest", "MultipleNumericLimitTest"):
                if name or last_multi is None:
                    last_multi = stack[-1].add_multi_numeric_step(name, **options)
                last_multi.add_measurement(
                    measure or name,
                    _required_number(value, line),
                    low_limit=_number(low, line, "LowLimit"),
                    high_limit=_number(high, line, "HighLimit"),
                    comp_op=op or None,
                    unit=unit or None,
                    status=given,
                )
                continue
            elif kind == "PassFailTest":
                passed = value.strip().lower() in _PASS_WORDS if value.strip() else given in (None, "P", "D")
                stack[-1].add_pass_fail_step(name, passed, status=given, **options)
            elif kind == "StringValueTest":
                stack[-1].add_string_step(
                    name, value, limit=low or None, comp_op=op or None, status=given, **options
                )
            elif kind in ("ActionStep", "Action"):
                stack[-1].add_action_step(name, status=given or "D", **options)
            else:
                raise _fail(line, f"unknown step row type {kind!r}")
        except ValidationError as exc:
            if isinstance(exc, ReportParseError):
                raise
            raise _fail(line, exc.message) from exc
        last_multi = None
    if len(stack) > 1:
        raise _fail(rows[-1][0] if rows else 0, f"SequenceCall {stack[-1].name!r} is never closed")


_WIRE = {
    "tot_time": "totTime",
    "report_text": "reportText",
    "error_code": "errorCode",
    "error_message": "errorMessage",
}


def _status(text: str, line: int) -> str | None:
    if not text.strip():
        return None
    try:
        return to_step_status(text.strip())
    except ValidationError as exc:
        raise _fail(line, exc.message) from exc


def _required_number(text: str, line: int) -> float:
    value = _number(text, line, "Value")
    if value is None:
        raise _fail(line, "a numeric row needs a Value")
    return value
