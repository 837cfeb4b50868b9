"""Checking that a JSON document has the shape of a report before any view is put on it.

Only containers are checked here (objects where objects belong, arrays where arrays belong), so
that walking the tree can never trip over a wrong type. Field values are judged by validation.
"""

from __future__ import annotations

from typing import Any

from pywats.domains.report.models.errors import ReportParseError

__all__ = ["check_shape"]

_HEADER_OBJECTS = ("uut", "uur", "root")
_HEADER_LISTS = ("miscInfos", "subUnits", "assets", "assetStats", "binaryData", "additionalData")
_STEP_OBJECTS = ("seqCall", "loop", "chart", "attachment", "callExe", "messagePopup")
_STEP_LISTS = ("numericMeas", "booleanMeas", "stringMeas", "additionalResults")


def _fail(location: str, message: str, field: str | None = None) -> ReportParseError:
    return ReportParseError(message, location=location, field=field, operation="parse_report")


def check_shape(data: Any) -> str:
    """Check the containers of a report document; return its type (``T`` or ``R``).

    Raises :class:`ReportParseError` naming the location of the first misplaced value.
    """
    if not isinstance(data, dict):
        raise _fail("(document)", f"a report must be a JSON object, got {type(data).__name__}")
    kind = data.get("type")
    if kind is None:
        kind = "R" if "uur" in data else "T"
    elif kind not in ("T", "R"):
        raise _fail("type", f"type must be 'T' (UUT) or 'R' (UUR), got {kind!r}", "type")
    for key in _HEADER_OBJECTS:
        value = data.get(key)
        if value is not None and not isinstance(value, dict):
            raise _fail(key, f"{key} must be an object, got {type(value).__name__}", key)
    for key in _HEADER_LISTS:
        _check_list_of_objects(data.get(key), key)
    for index, unit in enumerate(data.get("subUnits") or ()):
        for f_index, failure in enumerate(
            _check_list_of_objects(unit.get("failures"), f"subUnits[{index}].failures")
        ):
            _check_list_of_objects(
                failure.get("attachments"), f"subUnits[{index}].failures[{f_index}].attachments"
            )
    root = data.get("root")
    if root is not None:
        _check_steps(root)
    return kind


def _check_list_of_objects(value: Any, location: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(location, f"must be an array, got {type(value).__name__}", location.rsplit(".", 1)[-1])
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _fail(f"{location}[{index}]", f"must be an object, got {type(item).__name__}")
    return value


def _check_steps(root: dict[str, Any]) -> None:
    # Iterative: a deep tree must not hit Python's recursion limit.
    stack: list[tuple[dict[str, Any], str]] = [(root, "root")]
    while stack:
        step, location = stack.pop()
        for key in _STEP_OBJECTS:
            value = step.get(key)
            if value is not None and type(value) is not dict:
                raise _fail(f"{location}.{key}", f"must be an object, got {type(value).__name__}", key)
        for key in _STEP_LISTS:
            value = step.get(key)
            if value is not None:
                _check_list_of_objects(value, f"{location}.{key}")
        chart = step.get("chart")
        if chart is not None:
            _check_list_of_objects(chart.get("series"), f"{location}.chart.series")
        children = step.get("steps")
        if children is None:
            continue
        if type(children) is not list:
            raise _fail(f"{location}.steps", f"must be an array, got {type(children).__name__}", "steps")
        for index, child in enumerate(children):
            if type(child) is not dict:
                raise _fail(
                    f"{location}.steps[{index}]", f"a step must be an object, got {type(child).__name__}"
                )
            stack.append((child, f"{location}.steps[{index}]"))
