"""Keysight (Agilent/HP) 3070 / i3070 in-circuit test log records (equipment-formats §7).

A log is a tree of records ``{@TYPE|field|field…`` closed by ``}``; children follow a record's
last field. ``BATCH`` holds ``BTEST`` (one per board: one report each), a ``BTEST`` holds
``BLOCK`` s (one per component) and board-level tests, an analog record holds its limits
(``LIM2`` is *high, low*; ``LIM3`` nominal, high, low). Parsed with a brace stack, never line by
line. Times are ``yyMMddHHmmss`` in the station's zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import (
    Meas,
    add_multi_numeric,
    add_numeric,
    add_pass_fail,
    at,
    fit_text,
    set_result,
)
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.values import is_open_limit, parse_int, parse_number

__all__ = ["Keysight3070Converter", "Record", "parse_records"]

OPEN_LIMIT = 9.999999e99
ANALOG_UNITS = {
    "A-RES": "Ω",
    "A-JUM": "Ω",
    "A-FUS": "Ω",
    "A-POT": "Ω",
    "A-SWI": "Ω",
    "A-CAP": "F",
    "A-IND": "H",
    "A-DIO": "V",
    "A-ZEN": "V",
}
FAMILIES = {
    "A-RES": "Resistors",
    "A-CAP": "Capacitors",
    "A-IND": "Inductors",
    "A-DIO": "Diodes",
    "A-ZEN": "Zener diodes",
    "A-JUM": "Jumpers",
    "A-FUS": "Fuses",
    "A-POT": "Potentiometers",
    "A-SWI": "Switches",
    "A-NPN": "Transistors",
    "A-PNP": "Transistors",
    "A-NFE": "FETs",
    "A-PFE": "FETs",
    "A-MEA": "Measurements",
    "D-T": "Digital",
    "TJET": "TestJet",
    "PF": "Pins",
    "TS": "Shorts",
    "BS-CON": "Boundary scan",
    "CCHK": "Connect check",
    "ARRAY": "Arrays",
}
# Where each pass/fail record keeps its status and its designator (field index).
_PASS_FAIL = {
    "D-T": (0, 4),
    "TJET": (0, 2),
    "PF": (1, 0),
    "TS": (0, 4),
    "BS-CON": (1, 0),
    "CCHK": (0, 2),
    "ARRAY": (1, 0),
}
_DETAILS = frozenset({"DPIN", "BS-O", "BS-S", "RPT"})


@dataclass
class Record:
    """One ``{@TYPE|…}`` record with its children and the line it starts on."""

    type: str
    fields: list[str]
    line: int
    children: list[Record] = field(default_factory=list)
    closed: bool = False

    def get(self, index: int) -> str:
        """Field ``index`` (stripped), or ``""`` when the record is shorter."""
        return self.fields[index].strip() if index < len(self.fields) else ""


def parse_records(text: str) -> tuple[list[Record], bool]:
    """The top-level records of ``text`` and whether every brace was closed."""
    roots: list[Record] = []
    stack: list[Record] = []
    i, line, length = 0, 1, len(text)
    while i < length:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
        elif ch == "{" and text.startswith("{@", i):
            record, i, line = _record_head(text, i + 2, line)
            (stack[-1].children if stack else roots).append(record)
            stack.append(record)
        elif ch == "}":
            if not stack:
                raise ConversionError("a closing brace without an open record", line=line)
            stack.pop().closed = True
            i += 1
        elif ch.isspace():
            i += 1
        else:
            raise ConversionError(f"unexpected text {text[i : i + 20]!r} outside a record", line=line)
    return roots, not stack


def _record_head(text: str, i: int, line: int) -> tuple[Record, int, int]:
    """Read ``TYPE|field|…`` up to the first child, closing brace or line end."""
    start_line = line
    end = i
    length = len(text)
    while end < length and text[end] not in "{}\n":
        end += 1
    parts = text[i:end].rstrip("\r").split("|")
    return Record(parts[0].strip().upper(), parts[1:], start_line), end, line


def _time(text: str, line: int) -> datetime:
    try:
        return datetime.strptime(text.strip(), "%y%m%d%H%M%S")
    except ValueError as exc:
        raise ConversionError(f"time {text!r} is not yyMMddHHmmss", line=line) from exc


def _number(text: str, line: int) -> float | None:
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ConversionError(f"{text!r} is not a number", line=line) from exc


class Keysight3070Converter(Converter):
    """Keysight/Agilent 3070 (i3070) in-circuit test log records."""

    name = "keysight_3070"
    description = "Keysight (Agilent) 3070 / i3070 in-circuit test logs ({@BATCH|…} records)"
    file_patterns = ("*",)
    priority = 4
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "part_number_from",
            ParameterKind.CHOICE,
            "uut_type",
            "BATCH field read as the part number",
            choices=("uut_type", "version_label", "setting"),
        ),
        Parameter(
            "revision_from",
            ParameterKind.CHOICE,
            "uut_type_rev",
            "BATCH field read as the revision",
            choices=("uut_type_rev", "testplan_rev", "setting"),
        ),
        Parameter(
            "process_map", ParameterKind.MAPPING, {}, "BATCH process step (e.g. ict) → WATS process code"
        ),
        Parameter(
            "units",
            ParameterKind.MAPPING,
            {},
            'unit per record type for A-NPN, A-PNP, A-MEA… ({"A-MEA": "V"})',
        ),
        Parameter(
            "accept_incomplete",
            ParameterKind.BOOLEAN,
            False,
            "convert a file with unclosed records (boards still open become Terminated)",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        head = file.head(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"{@BATCH|"):
            return 0.95
        if b"{@BTEST|" in head and head.startswith(b"{@"):
            return 0.9
        return 0.0

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        text = file.read_text(self.settings["fallback_encoding"])
        roots, balanced = parse_records(text)
        if not balanced and not self.settings["accept_incomplete"]:
            raise IncompleteFileError("records are not closed: the file is still being written or was cut")
        batch = next((r for r in roots if r.type == "BATCH"), None)
        boards = [r for r in (batch.children if batch else roots) if r.type == "BTEST"]
        if not boards:
            raise ConversionError("no {@BTEST|…} board record in the file")
        return [self._board(board, batch, index, context) for index, board in enumerate(boards, 1)]

    def _board(
        self, board: Record, batch: Record | None, index: int, context: ConversionContext
    ) -> UUTReport:
        b = batch or Record("BATCH", [], board.line)
        s = self.settings
        sn = board.get(0)
        if not sn:
            raise ConversionError("board without a board id (the barcode was not read)", line=board.line)
        pn = {"uut_type": b.get(0), "version_label": b.get(13), "setting": ""}[s["part_number_from"]]
        rev = {"uut_type_rev": b.get(1), "testplan_rev": b.get(10), "setting": ""}[s["revision_from"]]
        code = (s["process_map"] or {}).get(b.get(5))
        with at(line=board.line):
            report = context.new_report(
                sn=sn,
                pn=pn,
                rev=rev,
                start=_time(board.get(2), board.line),
                run_key=f"board {board.get(11) or index}",
                operator=b.get(7) or None,
                station_name=b.get(8) or None,
                process_code=int(code) if code is not None else None,
                sequence_name=b.get(9) or None,
                sequence_version=b.get(10) or None,
            )
        info = report.info
        assert info is not None
        info.exec_time = _number(board.get(3), board.line) if board.get(3) else None
        info.fixture_id = b.get(2) or None
        info.batch_sn = b.get(6) or None
        socket = parse_int(board.get(11))
        if socket is not None:
            info.test_socket_index = socket
        if board.get(12):
            report.add_misc_info("PanelId", fit_text(board.get(12), 100))
        if board.get(10) and board.get(1) not in ("0", "00"):
            info.error_message = fit_text(board.get(10), 500)
        comments = [c.get(0) for c in board.children if c.type == "RPT"]
        if comments:
            info.comment = fit_text("\n".join(comments), 5000)
        self._tests(report.root, board)
        status = board.get(1)
        verdict = "T" if not board.closed else ("P" if status in ("0", "00") else "F")
        set_result(report, verdict)
        return report

    def _tests(self, root: SequenceCall, board: Record) -> None:
        current: tuple[str, SequenceCall] | None = None
        for record in board.children:
            if record.type in ("RPT", "AID", "ALM"):
                continue
            family = self._family(record)
            if family is None:
                continue
            if current is None or current[0] != family:
                current = (family, root.add_sequence_call(family))
            with at(line=record.line):
                if record.type == "BLOCK":
                    self._block(current[1], record)
                else:
                    self._pass_fail(current[1], record)

    def _family(self, record: Record) -> str | None:
        if record.type == "BLOCK":
            first = next((c for c in record.children if c.type not in _DETAILS), None)
            return FAMILIES.get(first.type, "Tests") if first is not None else "Tests"
        if record.type in _PASS_FAIL or record.type.startswith("A-"):
            return FAMILIES.get(record.type, "Tests")
        return None

    def _block(self, seq: SequenceCall, block: Record) -> None:
        name = block.get(0).replace("%", "/") or "block"
        analog = [c for c in block.children if c.type.startswith("A-")]
        text = _details(block)
        if len(analog) == 1:
            m = self._measurement(analog[0])
            add_numeric(
                seq,
                name,
                m.value,
                low=m.low,
                high=m.high,
                comp_op=m.comp_op,
                unit=m.unit,
                status=m.status,
                report_text=text,
            )
        elif analog:
            meas = [self._measurement(r) for r in analog]
            add_multi_numeric(seq, name, meas, status=_status(block.get(1)), report_text=text)
        else:
            tests = [c for c in block.children if c.type in _PASS_FAIL]
            status = _status(tests[0].get(_PASS_FAIL[tests[0].type][0])) if tests else _status(block.get(1))
            add_pass_fail(seq, name, status, report_text=text or _details_of(tests))

    def _measurement(self, record: Record) -> Meas:
        value = _number(record.get(1), record.line)
        limits = next((c for c in record.children if c.type in ("LIM2", "LIM3")), None)
        low = high = None
        if limits is not None:
            offset = 0 if limits.type == "LIM2" else 1  # LIM2: high, low — LIM3: nominal, high, low
            high = _number(limits.get(offset), limits.line)
            low = _number(limits.get(offset + 1), limits.line)
        if is_open_limit(high, OPEN_LIMIT):
            high = None
        if is_open_limit(low, OPEN_LIMIT):
            low = None
        if low is not None and high is not None and high < low:
            raise ConversionError(f"high limit {high:g} is below low limit {low:g}", line=record.line)
        unit = ANALOG_UNITS.get(record.type) or (self.settings["units"] or {}).get(record.type)
        name = (record.get(2) or record.type).replace("%", "/")
        return Meas(name, value, low, high, None if limits else "LOG", unit, _status(record.get(0)))

    def _pass_fail(self, seq: SequenceCall, record: Record) -> None:
        status_at, name_at = _PASS_FAIL.get(record.type, (0, 1))
        name = (record.get(name_at) or record.type).replace("%", "/")
        if record.type.startswith("A-"):
            m = self._measurement(record)
            add_numeric(
                seq, name, m.value, low=m.low, high=m.high, comp_op=m.comp_op, unit=m.unit, status=m.status
            )
            return
        add_pass_fail(seq, name, _status(record.get(status_at)), report_text=_details(record))


def _status(field_text: str) -> str:
    """ICT status: ``0``/``00`` passed, anything else failed."""
    return "P" if field_text.strip() in ("0", "00", "") else "F"


def _details(record: Record) -> str | None:
    lines = ["|".join([c.type, *c.fields]) for c in record.children if c.type in _DETAILS]
    return "\n".join(lines) or None


def _details_of(records: list[Record]) -> str | None:
    texts = [t for t in (_details(r) for r in records) if t]
    return "\n".join(texts) or None
