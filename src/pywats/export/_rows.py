"""Reports as flat rows: one per header, per step or per measurement, with typed columns.

Pure Python (no pandas, no pyarrow): the DataFrame helpers and the Parquet export both build
on these rows and column types, so a column has the same name and type everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pywats.domains.report.models import Report
    from pywats.domains.report.query import ReportHeader

__all__ = [
    "HEADER_COLUMNS",
    "MEASUREMENT_COLUMNS",
    "STEP_COLUMNS",
    "Columns",
    "header_row",
    "measurement_rows",
    "step_rows",
]

# Column name → type: "string", "int", "float", "bool" or "timestamp" (UTC).
Columns = dict[str, str]

HEADER_COLUMNS: Columns = {
    "report_id": "string",
    "report_type": "string",
    "serial_number": "string",
    "part_number": "string",
    "revision": "string",
    "batch_number": "string",
    "process_code": "int",
    "process_name": "string",
    "result": "string",
    "passed": "bool",
    "start_utc": "timestamp",
    "station_name": "string",
    "location": "string",
    "purpose": "string",
    "operator": "string",
    "comment": "string",
    "execution_time": "float",
    "sw_filename": "string",
    "sw_version": "string",
    "fixture_id": "string",
    "test_socket_index": "int",
    "run": "int",
    "caused_uut_failure": "string",
    "caused_uut_failure_path": "string",
    "error_code": "int",
    "error_message": "string",
    "referenced_uut": "string",
}

_REPORT_KEYS: Columns = {
    "report_id": "string",
    "serial_number": "string",
    "part_number": "string",
    "revision": "string",
    "process_code": "int",
    "station_name": "string",
    "start_utc": "timestamp",
    "report_result": "string",
}

STEP_COLUMNS: Columns = {
    **_REPORT_KEYS,
    "step_index": "int",
    "step_path": "string",
    "step_name": "string",
    "step_type": "string",
    "step_group": "string",
    "step_status": "string",
    "depth": "int",
    "total_time": "float",
    "error_code": "int",
    "error_message": "string",
    "report_text": "string",
    "measurement_count": "int",
}

MEASUREMENT_COLUMNS: Columns = {
    **_REPORT_KEYS,
    "step_index": "int",
    "step_path": "string",
    "step_name": "string",
    "step_type": "string",
    "step_status": "string",
    "measurement_index": "int",
    "measurement_name": "string",
    "kind": "string",  # numeric, string or boolean
    "value": "float",
    "string_value": "string",
    "status": "string",
    "comp_op": "string",
    "low_limit": "float",
    "high_limit": "float",
    "limit": "string",
    "unit": "string",
}

_RESULT_WORDS = {"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated", "D": "Done"}
_MEASUREMENT_KEYS = (("numericMeas", "numeric"), ("stringMeas", "string"), ("booleanMeas", "boolean"))


def header_row(header: ReportHeader) -> dict[str, Any]:
    """The row of one report header (:data:`HEADER_COLUMNS`)."""
    return {
        "report_id": header.uuid,
        "report_type": header.report_type,
        "serial_number": header.serial_number,
        "part_number": header.part_number,
        "revision": header.revision,
        "batch_number": header.batch_number,
        "process_code": header.process_code,
        "process_name": header.process_name,
        "result": header.result,
        "passed": header.passed if header.result is not None else None,
        "start_utc": _utc(header.start_utc),
        "station_name": header.station_name,
        "location": header.location,
        "purpose": header.purpose,
        "operator": header.operator,
        "comment": header.comment,
        "execution_time": header.execution_time,
        "sw_filename": header.sw_filename,
        "sw_version": header.sw_version,
        "fixture_id": header.fixture_id,
        "test_socket_index": header.test_socket_index,
        "run": header.run,
        "caused_uut_failure": header.caused_uut_failure,
        "caused_uut_failure_path": header.caused_uut_failure_path,
        "error_code": header.error_code,
        "error_message": header.error_message,
        "referenced_uut": header.referenced_uut,
    }


def step_rows(report: Report) -> list[dict[str, Any]]:
    """One row per step of a UUT report, depth first (:data:`STEP_COLUMNS`); none for a UUR."""
    keys = _report_keys(report)
    rows: list[dict[str, Any]] = []
    for index, (step, path, depth) in enumerate(_walk(report.raw.get("root"))):
        count = sum(len(step.get(key) or ()) for key, _ in _MEASUREMENT_KEYS)
        rows.append(
            {
                **keys,
                "step_index": index,
                "step_path": path,
                "step_name": step.get("name"),
                "step_type": step.get("stepType"),
                "step_group": step.get("group"),
                "step_status": step.get("status"),
                "depth": depth,
                "total_time": _float(step.get("totTime")),
                "error_code": _int(step.get("errorCode")),
                "error_message": _text(step.get("errorMessage")),
                "report_text": _text(step.get("reportText")),
                "measurement_count": count,
            }
        )
    return rows


def measurement_rows(report: Report) -> list[dict[str, Any]]:
    """One row per measurement of a UUT report (:data:`MEASUREMENT_COLUMNS`).

    Numeric values go to ``value`` (NaN and ±Inf kept), string values to ``string_value``,
    pass/fail results have only a ``status``.
    """
    keys = _report_keys(report)
    rows: list[dict[str, Any]] = []
    for index, (step, path, _) in enumerate(_walk(report.raw.get("root"))):
        for key, kind in _MEASUREMENT_KEYS:
            for number, meas in enumerate(step.get(key) or ()):
                if not isinstance(meas, dict):
                    continue
                numeric = kind == "numeric"
                rows.append(
                    {
                        **keys,
                        "step_index": index,
                        "step_path": path,
                        "step_name": step.get("name"),
                        "step_type": step.get("stepType"),
                        "step_status": step.get("status"),
                        "measurement_index": number,
                        "measurement_name": meas.get("name"),
                        "kind": kind,
                        "value": _float(meas.get("value")) if numeric else None,
                        "string_value": _text(meas.get("value")) if kind == "string" else None,
                        "status": meas.get("status"),
                        "comp_op": meas.get("compOp"),
                        "low_limit": _float(meas.get("lowLimit")) if numeric else None,
                        "high_limit": _float(meas.get("highLimit")) if numeric else None,
                        "limit": _text(meas.get("limit")) if kind == "string" else None,
                        "unit": meas.get("unit"),
                    }
                )
    return rows


def _report_keys(report: Report) -> dict[str, Any]:
    raw = report.raw
    return {
        "report_id": report.id,
        "serial_number": raw.get("sn"),
        "part_number": raw.get("pn"),
        "revision": raw.get("rev"),
        "process_code": _int(raw.get("processCode")),
        "station_name": raw.get("machineName"),
        "start_utc": _utc(report.start_utc or report.start),
        "report_result": _RESULT_WORDS.get(str(raw.get("result")), raw.get("result")),
    }


def _walk(root: Any) -> Iterator[tuple[dict[str, Any], str, int]]:
    """(step, path, depth) depth first, parents before children; paths join names with ``/``."""
    if not isinstance(root, dict):
        return
    stack: list[tuple[dict[str, Any], str, int]] = [(root, str(root.get("name")), 0)]
    while stack:
        step, path, depth = stack.pop()
        yield step, path, depth
        children = step.get("steps")
        if children:
            stack.extend(
                (child, f"{path}/{child.get('name')}", depth + 1)
                for child in reversed(children)
                if isinstance(child, dict)
            )


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        # The wire spells non-finite numbers as text.
        special = {"nan": math.nan, "infinity": math.inf, "-infinity": -math.inf, "inf": math.inf}
        if value.strip().lower() in special:
            return special[value.strip().lower()]
        try:
            return float(value)
        except ValueError:
            return None
    return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
