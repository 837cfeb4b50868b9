"""Rows of a long-layout table → steps of a report (generic CSV converter, equipment-formats §4.3).

A row becomes a record (kind, value, limits, status…); records that share group and step name
and carry a measurement name become one multiple-measurement step; the others are single steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pywats.domains.report.models import SequenceCall
from pywats.domains.report.models.enums import STEP_STATUS_RANK
from pywats_client.converters.building import (
    Meas,
    StepExtras,
    add_multi_numeric,
    add_numeric,
    add_pass_fail,
    add_string,
    at,
    fit_name,
    fit_text,
    measurement_status,
    unique_names,
)
from pywats_client.converters.csv_values import CellReader
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.values import status_from_token

__all__ = ["Record", "add_records", "make_record"]

_KIND_WORDS = {
    "numeric": "numeric",
    "number": "numeric",
    "passfail": "passfail",
    "pass/fail": "passfail",
    "boolean": "passfail",
    "string": "string",
    "text": "string",
    "action": "action",
}
_KIND_OF_TYPE = {
    **dict.fromkeys(("ET_NLT", "ET_MNLT", "NumericLimitTest", "WATS_XYGMNLT"), "numeric"),
    **dict.fromkeys(("ET_PFT", "ET_MPFT", "PassFailTest"), "passfail"),
    **dict.fromkeys(("ET_SVT", "ET_MSVT", "StringValueTest"), "string"),
}
_PASS_FAIL_WORDS = frozenset({"P", "F"})


@dataclass
class Record:
    """One measurement row, decoded."""

    line: int
    path: tuple[str, ...]
    step: str
    measurement: str | None
    kind: str
    step_type: str | None = None
    number: float | None = None
    text: str | None = None
    low: float | None = None
    high: float | None = None
    comp_op: str | None = None
    unit: str | None = None
    status: str | None = None
    limit: str | None = None
    """String steps: the expected text."""
    extras: StepExtras = field(default_factory=lambda: StepExtras())


def make_record(cells: dict[str, str], line: int, reader: CellReader, settings: dict[str, object]) -> Record:
    """The record of one row; ``cells`` maps step roles to cell text."""
    group = cells.get("group", "")
    separator = str(settings["path_separator"] or "/")
    path = tuple(fit_name(p.strip()) for p in group.split(separator) if p.strip()) if group else ()
    step = cells.get("step", "").strip()
    if not step:
        raise ConversionError("the step name cell is empty", line=line)
    value_cell = cells.get("value")
    number, split_unit = reader.number_or_text(value_cell)
    status = reader.status(cells.get("status"))
    if cells.get("status") and status is None:
        raise ConversionError(f"status {cells['status']!r} is not a known status word", line=line)
    if not settings["trust_file_status"]:
        status = None
    kind, step_type = _kind(cells.get("step_type"), number, value_cell, reader, status, line)
    record = Record(line, path, step, (cells.get("measurement") or "").strip() or None, kind, step_type)
    record.number, record.status = number, status
    record.text = None if reader.missing(value_cell) else value_cell
    record.unit = cells.get("unit") or split_unit
    record.comp_op = (cells.get("comp_op") or "").strip() or None
    record.low = reader.limit(cells.get("low"), line, "low limit") if kind == "numeric" else None
    record.high = reader.limit(cells.get("high"), line, "high limit") if kind == "numeric" else None
    if kind == "numeric":
        _apply_nominal(record, cells, reader, line)
    elif kind == "string":
        record.text, record.unit = value_cell or "", None
        limit = cells.get("nominal") or cells.get("low")
        record.limit = None if reader.missing(limit) else limit
        if record.limit is None:
            record.comp_op = None
    record.extras = _extras(cells, reader, line)
    return record


def _kind(
    declared: str | None,
    number: float | None,
    value: str | None,
    reader: CellReader,
    status: str | None,
    line: int,
) -> tuple[str, str | None]:
    if declared and declared.strip():
        word = declared.strip()
        kind = _KIND_WORDS.get(word.lower()) or _KIND_OF_TYPE.get(word)
        if kind is None:
            return "generic", word
        if kind == "numeric" and number is None and not reader.missing(value):
            raise ConversionError(f"value {value!r} of a numeric step is not a number", line=line)
        return kind, word if word in _KIND_OF_TYPE else None
    if number is not None:
        return "numeric", None
    if reader.missing(value):
        return ("passfail" if status is not None else "action"), None
    if reader.status(value) in _PASS_FAIL_WORDS:
        return "passfail", None
    return "string", None


def _apply_nominal(record: Record, cells: dict[str, str], reader: CellReader, line: int) -> None:
    nominal = reader.limit(cells.get("nominal"), line, "nominal")
    if nominal is None or record.low is not None or record.high is not None:
        return
    tol_low = reader.limit(cells.get("tol_low"), line, "tol_low")
    tol_high = reader.limit(cells.get("tol_high"), line, "tol_high")
    if tol_low is None and tol_high is None:
        record.low, record.comp_op = nominal, record.comp_op or "EQ"
        return
    tol_low = tol_low if tol_low is not None else tol_high
    tol_high = tol_high if tol_high is not None else tol_low
    assert tol_low is not None and tol_high is not None
    if (cells.get("tol_mode") or "abs").strip().lower() in ("pct", "%", "percent"):
        tol_low, tol_high = abs(nominal) * tol_low / 100, abs(nominal) * tol_high / 100
    record.low, record.high, record.comp_op = nominal - abs(tol_low), nominal + abs(tol_high), "GELE"


def _extras(cells: dict[str, str], reader: CellReader, line: int) -> StepExtras:
    extras = StepExtras()
    if cells.get("report_text"):
        extras["report_text"] = cells["report_text"]
    if cells.get("error_message"):
        extras["error_message"] = cells["error_message"]
    seconds = reader.limit(cells.get("time"), line, "step time")
    if seconds is not None:
        extras["tot_time"] = seconds
    return extras


def _sequence(
    root: SequenceCall, path: tuple[str, ...], made: dict[tuple[str, ...], SequenceCall]
) -> SequenceCall:
    node = root
    for depth in range(1, len(path) + 1):
        key = path[:depth]
        found = made.get(key)
        if found is None:
            found = made[key] = node.add_sequence_call(key[-1])
        node = found
    return node


def add_records(root: SequenceCall, records: list[Record]) -> None:
    """Add the records' steps below ``root`` in order of first appearance."""
    grouped: dict[tuple[tuple[str, ...], str, str], list[Record]] = {}
    order: list[tuple[tuple[str, ...], str, str] | Record] = []
    for record in records:
        if record.measurement is None:
            order.append(record)
            continue
        key = (record.path, record.step, record.kind)
        if key not in grouped:
            grouped[key] = []
            order.append(key)
        grouped[key].append(record)
    made: dict[tuple[str, ...], SequenceCall] = {}
    for item in order:
        if isinstance(item, Record):
            with at(line=item.line):
                _single(_sequence(root, item.path, made), item)
        else:
            rows = grouped[item]
            with at(line=rows[0].line):
                _multiple(_sequence(root, item[0], made), item[1], rows)


def _single(seq: SequenceCall, r: Record) -> None:
    name = r.step if r.measurement is None else f"{r.step} {r.measurement}"
    if r.kind == "numeric":
        add_numeric(
            seq,
            name,
            r.number,
            low=r.low,
            high=r.high,
            comp_op=r.comp_op,
            unit=r.unit,
            status=r.status,
            step_type=r.step_type or "ET_NLT",
            **r.extras,
        )
    elif r.kind == "passfail":
        status = r.status or ("P" if (r.text and r.text.strip()) and _pass(r.text) else "F")
        add_pass_fail(seq, name, status, step_type=r.step_type or "ET_PFT", **r.extras)
    elif r.kind == "string":
        add_string(
            seq,
            name,
            r.text,
            limit=r.limit,
            comp_op=r.comp_op,
            status=r.status,
            step_type=r.step_type or "ET_SVT",
            **r.extras,
        )
    else:
        step_type = r.step_type or "Action"
        seq.add_generic_step(step_type, fit_name(name), status=r.status or "D", **_generic_options(r))


def _pass(text: str) -> bool:
    return status_from_token(text) == "P"


def _generic_options(r: Record) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if r.extras.get("report_text"):
        options["report_text"] = r.extras["report_text"]
    if r.extras.get("tot_time") is not None:
        options["tot_time"] = r.extras["tot_time"]
    return options


def _multiple(seq: SequenceCall, step: str, rows: list[Record]) -> None:
    statuses = [r.status for r in rows if r.status is not None]
    worst = max(statuses, key=lambda s: STEP_STATUS_RANK[s]) if len(statuses) == len(rows) else None
    first = rows[0]
    if first.kind == "numeric":
        meas = [Meas(r.measurement or "", r.number, r.low, r.high, r.comp_op, r.unit, r.status) for r in rows]
        add_multi_numeric(seq, step, meas, status=worst, **first.extras)
        return
    names = unique_names([fit_name(r.measurement or "") for r in rows])
    if first.kind == "passfail":
        parent = seq.add_multi_pass_fail_step(fit_name(step), fail_parent=False)
        for meas_name, r in zip(names, rows, strict=True):
            passed = (r.status or ("P" if r.text and _pass(r.text) else "F")) in ("P", "D")
            parent.add_measurement(meas_name, passed)
    elif first.kind == "string":
        parent_s = seq.add_multi_string_step(fit_name(step), fail_parent=False)
        for meas_name, r in zip(names, rows, strict=True):
            parent_s.add_measurement(
                meas_name,
                fit_text(r.text or "", 100),
                limit=fit_text(r.limit, 100) if r.limit else None,
                comp_op=r.comp_op,
                status=None if r.status is None else measurement_status(r.status),
            )
    else:
        for r in rows:
            _single(seq, r)
        return
    target = seq.steps[-1]
    if worst is not None:
        target.status = worst
    elif target.raw.get("status") in ("F", "E", "T"):
        target.status = target.raw["status"]
