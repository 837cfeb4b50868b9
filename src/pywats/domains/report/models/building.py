"""Building step and measurement objects: argument checks, limit rules and Active-mode statuses.

These functions return wire dicts (plus whether the measurement failed) so that building a
10,000-step report costs little more than creating its dicts.
"""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import check_number
from pywats.domains.report.models.compare import evaluate_numeric, evaluate_string
from pywats.domains.report.models.enums import NUMERIC_OPS, STRING_OPS, CompOp
from pywats.domains.report.models.status import to_measurement_status, to_step_status

__all__ = [
    "boolean_measurement",
    "numeric_limits",
    "numeric_measurement",
    "require_name",
    "step_dict",
    "string_measurement",
]

_GELE = CompOp.GELE


def require_name(name: Any, field: str = "name") -> str:
    """``name`` if it is a non-empty string."""
    if isinstance(name, str) and name:
        return name
    raise ValidationError(f"{field} must be a non-empty string, got {name!r}", field=field, value=name)


def _number(value: Any, field: str) -> Any:
    cls = type(value)
    if cls is float or cls is int:
        return value
    return check_number(value, field)


def numeric_limits(comp_op: Any, low: Any, high: Any) -> tuple[CompOp, Any, Any]:
    """The operator and limits to store, following WATS's rules.

    Without an operator: two limits mean ``GELE``, a low limit alone ``GE``, a high limit alone
    ``LE``, none ``LOG``. Single-limit operators keep their limit in ``lowLimit``: a lone high
    limit given with ``LT``/``LE`` (or any single-limit operator) is moved there.
    """
    if comp_op is None:
        if low is not None and high is not None:
            return numeric_limits(_GELE, low, high)
        if low is not None:
            return CompOp.GE, low, None
        if high is not None:
            return CompOp.LE, high, None
        return CompOp.LOG, None, None
    op = comp_op if isinstance(comp_op, CompOp) else CompOp.parse(comp_op)
    if op is None or op not in NUMERIC_OPS:
        raise ValidationError(
            f"compOp {comp_op!r} is not a numeric comparison operator", field="compOp", value=comp_op
        )
    count = op.limit_count
    if count == 1:
        if low is None and high is not None:
            low, high = high, None
        if low is None:
            raise ValidationError(f"compOp {op.value} needs a limit (low_limit)", field="lowLimit")
        if high is not None:
            raise ValidationError(
                f"compOp {op.value} compares with one limit; pass it as low_limit only", field="highLimit"
            )
    elif count == 2:
        if low is None or high is None:
            missing = "lowLimit" if low is None else "highLimit"
            raise ValidationError(f"compOp {op.value} needs both low_limit and high_limit", field=missing)
        if high < low:
            raise ValidationError(
                f"high_limit {high!r} is below low_limit {low!r}", field="highLimit", value=high
            )
    return op, low, high


def _status_pair(status: Any, passed: bool) -> tuple[str, str]:
    """(measurement status, step status): evaluated, unless the caller gave the step status."""
    evaluated = "P" if passed else "F"
    if status is None:
        return evaluated, evaluated
    step_status = to_step_status(status)
    return ("S" if step_status == "S" else evaluated), step_status


def numeric_measurement(
    name: str | None, value: Any, low: Any, high: Any, comp_op: Any, unit: str | None, status: Any
) -> tuple[dict[str, Any], bool]:
    """A ``numericMeas`` entry and whether it failed."""
    if value is None:
        raise ValidationError(
            "value is required (use math.nan for a value that was not measured)", field="value"
        )
    value = _number(value, "value")
    if low is not None:
        low = _number(low, "lowLimit")
    if high is not None:
        high = _number(high, "highLimit")
    if comp_op is None and low is not None and high is not None and low <= high:
        op: CompOp = _GELE
        passed = low <= value <= high
    else:
        op, low, high = numeric_limits(comp_op, low, high)
        passed = evaluate_numeric(op, float(value), low, high)
    if unit is not None and type(unit) is not str:
        raise ValidationError("unit must be a string", field="unit", value=unit)
    meas_status = ("P" if passed else "F") if status is None else to_measurement_status(status)
    data = {
        "compOp": op.value,
        "name": name,
        "status": meas_status,
        "unit": unit,
        "value": value,
        "highLimit": high,
        "lowLimit": low,
    }
    return data, meas_status == "F"


def boolean_measurement(name: str | None, passed: Any) -> tuple[dict[str, Any], bool]:
    """A ``booleanMeas`` entry and whether it failed."""
    if not isinstance(passed, bool):
        raise ValidationError(f"passed must be True or False, got {passed!r}", field="status", value=passed)
    return {"name": name, "status": "P" if passed else "F"}, not passed


def string_measurement(
    name: str | None, value: Any, limit: Any, comp_op: Any, status: Any
) -> tuple[dict[str, Any], bool]:
    """A ``stringMeas`` entry and whether it failed.

    Without an operator a limit means ``CASESENSIT`` and no limit ``LOG``.
    """
    if value is not None and not isinstance(value, str):
        raise ValidationError("value of a string step must be a string", field="value", value=value)
    if limit is not None and not isinstance(limit, str):
        raise ValidationError("limit must be a string", field="limit", value=limit)
    if comp_op is None:
        op = CompOp.LOG if limit is None else CompOp.CASESENSIT
    else:
        parsed = comp_op if isinstance(comp_op, CompOp) else CompOp.parse(comp_op)
        if parsed is None or parsed not in STRING_OPS:
            raise ValidationError(
                f"compOp {comp_op!r} is not a string comparison operator", field="compOp", value=comp_op
            )
        op = parsed
    passed = evaluate_string(op, value, limit)
    meas_status = ("P" if passed else "F") if status is None else to_measurement_status(status)
    data = {"compOp": op.value, "name": name, "status": meas_status, "value": value, "limit": limit}
    return data, meas_status == "F"


def step_dict(step_type: str, name: str, group: Any, status: str, options: dict[str, Any]) -> dict[str, Any]:
    """The common members of a new step, in the order WATS exports them."""
    if type(group) is not str or group not in ("M", "S", "C"):
        group = _group(group)
    data: dict[str, Any] = {"group": group, "stepType": step_type, "name": name, "status": status}
    if options:
        _apply_options(data, options)
    return data


def _group(group: Any) -> str:
    text = str(group).strip().upper()[:1] if isinstance(group, str) else ""
    if text not in ("M", "S", "C"):
        raise ValidationError(f"group must be S, M or C (setup, main, cleanup), got {group!r}", field="group")
    return text


_OPTION_KEYS = {
    "id": "id",
    "start": "start",
    "tot_time": "totTime",
    "error_code": "errorCode",
    "error_message": "errorMessage",
    "report_text": "reportText",
    "ts_guid": "tsGuid",
}


def _apply_options(data: dict[str, Any], options: dict[str, Any]) -> None:
    from pywats.domains.report.models._wire import format_datetime

    for option, value in options.items():
        key = _OPTION_KEYS.get(option)
        if key is None:
            raise ValidationError(f"unknown step option {option!r}", field=option)
        if value is None:
            continue
        if key == "start" and not isinstance(value, str):
            value = format_datetime(value)
        elif key in ("id", "errorCode"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(f"{option} must be an integer", field=key, value=value)
        elif key == "totTime":
            check_number(value, key)
        elif not isinstance(value, str):
            raise ValidationError(f"{option} must be a string", field=key, value=value)
        data[key] = value
