"""Measurements recorded by pytest tests: checked when recorded, kept in the test's ``user_properties``.

``user_properties`` travel with pytest's test reports (also from pytest-xdist workers to the
controller), so the recorder reads measurements from the reports alone. The entries are plain
dicts of JSON types for that reason. The report model is imported only when a measurement is
recorded: this module is loaded at every pytest start-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = ["MEASUREMENT_KEY", "check_measurement", "describe", "failed_measurements", "measurements_of"]

MEASUREMENT_KEY = "pywats.measurement"


def check_measurement(
    name: str,
    value: Any,
    *,
    low: Any = None,
    high: Any = None,
    unit: str | None = None,
    comp_op: str | None = None,
    expected: str | None = None,
) -> dict[str, Any]:
    """The entry for one measurement, evaluated against its limits.

    Raises :class:`~pywats.ValidationError` naming the argument that is wrong (an empty name,
    a value that is neither a number, a string nor a bool, limits of the wrong kind).
    """
    from pywats.core.exceptions import ValidationError
    from pywats.domains.report.models.building import (
        boolean_measurement,
        numeric_measurement,
        require_name,
        string_measurement,
    )

    require_name(name)
    operation = "record_measurement"
    if isinstance(value, bool):
        if any(arg is not None for arg in (low, high, comp_op, expected)):
            raise ValidationError(
                "a pass/fail (bool) measurement takes no limits", field="low", operation=operation
            )
        data, failed = boolean_measurement(name, value)
        return {"kind": "bool", "name": name, "value": value, "passed": not failed}
    if isinstance(value, str):
        if low is not None or high is not None:
            raise ValidationError(
                "a string measurement is compared with expected=..., not low/high",
                field="expected",
                operation=operation,
            )
        data, failed = string_measurement(name, value, expected, comp_op, None)
        return {
            "kind": "string",
            "name": name,
            "value": value,
            "expected": expected,
            "comp_op": data["compOp"],
            "passed": not failed,
        }
    if expected is not None:
        raise ValidationError(
            "expected=... is for string measurements; use low/high or comp_op", field="expected"
        )
    try:
        data, failed = numeric_measurement(name, value, low, high, comp_op, unit, None)
    except ValidationError as exc:
        exc.operation = exc.operation or operation
        raise
    number = float(data["value"])
    return {
        "kind": "numeric",
        "name": name,
        # NaN and ±Inf are not JSON: kept as text and read back by the report builder.
        "value": data["value"] if math.isfinite(number) else repr(number),
        "low": data["lowLimit"],
        "high": data["highLimit"],
        "unit": unit,
        "comp_op": data["compOp"],
        "passed": not failed,
    }


def measurements_of(user_properties: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
    """The measurement entries among a test's ``user_properties``, in recording order."""
    return [value for key, value in user_properties if key == MEASUREMENT_KEY and isinstance(value, dict)]


def failed_measurements(user_properties: Iterable[tuple[str, Any]]) -> list[str]:
    """A description of each recorded measurement that is outside its limits."""
    return [describe(entry) for entry in measurements_of(user_properties) if not entry.get("passed", True)]


def describe(entry: dict[str, Any]) -> str:
    """``'Vout' = 3.5 V (GELE 3.2 .. 3.4)`` — one measurement, for messages."""
    name, value, kind = entry.get("name"), entry.get("value"), entry.get("kind")
    if kind == "bool":
        return f"{name!r} failed"
    if kind == "string":
        return f"{name!r} = {value!r} ({entry.get('comp_op')} {entry.get('expected')!r})"
    unit = f" {entry['unit']}" if entry.get("unit") else ""
    limits = [f"{limit:g}" for limit in (entry.get("low"), entry.get("high")) if limit is not None]
    return f"{name!r} = {value}{unit} ({entry.get('comp_op')} {' .. '.join(limits)})"
