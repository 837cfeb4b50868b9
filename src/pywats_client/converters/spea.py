"""SPEA in-circuit / flying-probe text logs (3030 family; equipment-formats §9).

Semicolon-separated records: ``FORMAT;mmdd`` (date order), then per board ``START`` (program,
test plan, plan version, product, operator, date, time), ``LOT``, one ``ANL``/``FUNC`` record per
test, ``SN`` (written *after* the tests), ``BOARDRESULT`` and ``END`` (verdict, date, time).
``±1.000000e+10`` is an open limit; a zero limit is a real limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import add_numeric, add_pass_fail, at, fit_text, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.ict_common import family_of
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.values import is_open_limit, parse_int, parse_number

__all__ = ["SpeaConverter"]

OPEN_LIMIT = 1e10
_VERDICTS = {"PASS": "P", "FAIL": "F", "NONE": "E", "INTERRUPTED": "T", "ABORTED": "T"}
_TESTS = frozenset({"ANL", "FUNC"})


@dataclass
class _Board:
    start: list[str]
    line: int
    lot: str | None = None
    sn: str | None = None
    board_result: str | None = None
    end: list[str] | None = None
    tests: list[tuple[int, list[str]]] = field(default_factory=list)


class SpeaConverter(Converter):
    """SPEA ICT and flying-probe text logs."""

    name = "spea"
    description = "SPEA ICT / flying-probe text logs (START; ANL; SN; END; records)"
    file_patterns = ("*",)
    priority = 4
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "date_order",
            ParameterKind.CHOICE,
            "mmdd",
            "date order when the file has no FORMAT line: mmdd (03/14/2025) or ddmm",
            choices=("mmdd", "ddmm"),
        ),
        Parameter(
            "part_number_from",
            ParameterKind.CHOICE,
            "start_field",
            "read the part number from the START record (its product field) or only from the setting",
            choices=("start_field", "setting"),
        ),
        Parameter(
            "accept_incomplete",
            ParameterKind.BOOLEAN,
            False,
            "convert a board that has no END record yet (it becomes Terminated)",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        text = file.head_text(fallback_encoding=self.settings["fallback_encoding"])
        lines = [line.strip() for line in text.splitlines()[:200] if line.strip()]
        if not lines:
            return 0.0
        starts = [line for line in lines if line.startswith("START;")]
        tests = any(line.split(";", 1)[0] in _TESTS for line in lines)
        if lines[0].upper().startswith("FORMAT;") and starts:
            score = 0.9
        elif starts and len(starts[0].split(";")) >= 8 and tests:
            score = 0.8
        else:
            return 0.0
        return round(score + (0.05 if any(line.startswith("END;") for line in lines) else 0.0), 2)

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        text = file.read_text(self.settings["fallback_encoding"])
        order = self.settings["date_order"]
        boards: list[_Board] = []
        current: _Board | None = None
        for number, raw in enumerate(text.splitlines(), 1):
            fields = [f.strip() for f in raw.rstrip("\r\n").split(";")]
            kind = fields[0].upper()
            if kind == "FORMAT" and len(fields) > 1:
                order = "ddmm" if fields[1].lower().startswith("dd") else "mmdd"
            elif kind == "START":
                if current is not None and current.end is None:
                    raise ConversionError("a START record before the previous board's END", line=number)
                current = _Board(fields, number)
                boards.append(current)
            elif current is None or current.end is not None:
                continue
            elif kind == "LOT":
                current.lot = fields[1] if len(fields) > 1 and fields[1] else None
            elif kind in _TESTS:
                current.tests.append((number, fields))
            elif kind == "SN":
                current.sn = fields[1] if len(fields) > 1 else None
            elif kind == "BOARDRESULT":
                current.board_result = fields[1].upper() if len(fields) > 1 else None
            elif kind == "END":
                current.end = fields
        if not boards:
            raise ConversionError("no START record in the file")
        reports: list[Report] = []
        for index, board in enumerate(boards, 1):
            if board.end is None and not self.settings["accept_incomplete"]:
                raise IncompleteFileError("the board has no END record yet", line=board.line)
            reports.append(self._report(board, order, context, index))
        return reports

    def _report(self, board: _Board, order: str, context: ConversionContext, index: int) -> UUTReport:
        start_fields = board.start + [""] * (8 - len(board.start))
        program, plan, version, product, operator, date, time = start_fields[1:8]
        with at(line=board.line):
            start = _time(date, time, order, board.line)
            pn = product if self.settings["part_number_from"] == "start_field" else None
            report = context.new_report(
                sn=board.sn,
                pn=pn,
                start=start,
                run_key=f"board {index}",
                operator=operator or None,
                sequence_name=plan or program or None,
                sequence_version=version or None,
            )
        info = report.info
        assert info is not None
        info.batch_sn = fit_text(board.lot, 100) if board.lot else None
        if program:
            report.add_misc_info("Program", fit_text(program, 100))
        first_fields = board.tests[0][1] if board.tests else []
        socket = parse_int(first_fields[1]) if len(first_fields) > 1 else None
        if socket is not None:
            info.test_socket_index = socket
        if board.end is not None and len(board.end) >= 4:
            with at(line=board.line):
                end = _time(board.end[2], board.end[3], order, board.line)
            info.exec_time = max((end - start).total_seconds(), 0.0)
        self._steps(report.root, board)
        word = (board.end[1].upper() if board.end is not None and len(board.end) > 1 else "") or (
            board.board_result or ""
        )
        verdict = "T" if board.end is None else _VERDICTS.get(word)
        if verdict is None and word.startswith("PASS"):
            verdict = "P"
        set_result(report, verdict)
        return report

    def _steps(self, root: SequenceCall, board: _Board) -> None:
        current: tuple[str, SequenceCall] | None = None
        seen: set[str] = set()
        for number, fields in board.tests:
            f = fields + [""] * (14 - len(fields))
            task, description, result = f[2], f[5], f[7].upper()
            if description.upper().startswith("NUL "):
                continue
            family = family_of(task) or task or "Tests"
            if current is None or current[0] != family:
                current = (family, root.add_sequence_call(fit_text(family, 100)))
            name = description or task or "test"
            if name in seen:
                name = f"{task} {name}"  # descriptions repeat ("Board not tested"): prefix the task
            seen.add(name)
            status = "P" if result.startswith("PASS") else "F"
            text = "; ".join(
                p for p in (f"points {f[12]}" if f[12] else "", f"uid {f[13]}" if f[13] else "") if p
            )
            with at(line=number):
                self._test(current[1], name, f[8], f[9], f[10], f[11], status, text or None, number)

    @staticmethod
    def _test(
        seq: SequenceCall, name: str, measure: str, low_text: str, high_text: str, unit: str, status: str,
        text: str | None, line: int,
    ) -> None:  # fmt: skip
        if measure.lower() in ("automatic", ""):
            add_pass_fail(seq, name, status, report_text=text)
            return
        try:
            value, low, high = parse_number(measure), parse_number(low_text), parse_number(high_text)
        except ValueError as exc:
            raise ConversionError(f"{exc}", line=line) from exc
        if value == 0 and low == 0 and high == 0:
            add_pass_fail(seq, name, status, report_text=text)  # a connect/action line without a value
            return
        low = None if low is not None and low <= -OPEN_LIMIT else low
        high = None if is_open_limit(high, OPEN_LIMIT) and high is not None and high > 0 else high
        add_numeric(seq, name, value, low=low, high=high, unit=unit or None, status=status, report_text=text)


def _time(date: str, time: str, order: str, line: int) -> datetime:
    pattern = "%m/%d/%Y %H:%M:%S" if order == "mmdd" else "%d/%m/%Y %H:%M:%S"
    try:
        return datetime.strptime(f"{date.strip()} {time.strip()}", pattern)
    except ValueError as exc:
        raise ConversionError(f"date {date!r} {time!r} does not match {pattern}", line=line) from exc
