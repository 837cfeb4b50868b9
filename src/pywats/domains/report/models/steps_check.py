"""Validation rules for the step tree: common members, payloads, measurements and their limits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pywats.domains.report.models.enums import NUMERIC_OPS, STRING_OPS, ChartType, CompOp

if TYPE_CHECKING:
    from pywats.domains.report.models.validation import Checker

__all__ = ["check_steps"]

_SINGLE_TYPES = frozenset(
    {"ET_NLT", "NumericLimitTest", "ET_PFT", "PassFailTest", "ET_SVT", "StringValueTest"}
)
_MULTI_TYPES = frozenset(
    {"ET_MNLT", "ET_MPFT", "ET_MSVT", "MultiNumericLimitTest", "MultiBooleanTest", "MultiStringTest"}
)
_STEP_STATUSES = frozenset("PFSDET")
_MEAS_STATUSES = frozenset("PFS")
_CHART_TYPES = frozenset(t.value for t in ChartType)
_MEAS_KEYS = ("numericMeas", "booleanMeas", "stringMeas")


def _one_of(value: Any, allowed: frozenset[str]) -> bool:
    """``value in allowed`` for any JSON value (a list or an object is not hashable: never allowed)."""
    return isinstance(value, str) and value in allowed


def check_steps(c: Checker, root: dict[str, Any]) -> None:
    """Check every step below and including ``root``; locations are step paths."""
    ids: set[int] = set()
    stack: list[tuple[dict[str, Any], str]] = [(root, str(root.get("name")))]
    while stack:
        step, path = stack.pop()
        _check_step(c, step, path, ids)
        children = step.get("steps")
        if children:
            stack.extend((child, f"{path}/{child.get('name')}") for child in reversed(children))


def _check_step(c: Checker, s: dict[str, Any], path: str, ids: set[int]) -> None:
    step_id = c.integer(path, s, "id")
    if step_id is not None:
        if step_id in ids:
            c.add(path, "id", f"step id {step_id} is used twice")
        ids.add(step_id)
    group = s.get("group")
    if group not in ("S", "M", "C"):
        c.add(path, "group", f"group must be S, M or C, got {group!r}")
    step_type = c.text(path, s, "stepType", required=True)
    c.text(path, s, "name", 100, required=True)
    status = s.get("status")
    if not _one_of(status, _STEP_STATUSES):
        c.add(path, "status", f"status must be one of P, F, S, D, E, T, got {status!r}")
    c.timestamp(path, s, "start")
    c.number(path, s, "totTime")
    c.integer(path, s, "errorCode")
    c.text(path, s, "errorMessage", 200)
    c.text(path, s, "reportText", 100000)
    c.text(path, s, "tsGuid", 30)
    c.flag(path, s, "causedUUTFailure")
    c.flag(path, s, "causedSeqFailure")
    families = [key for key in _MEAS_KEYS if s.get(key)]
    if len(families) > 1:
        c.add(
            path,
            families[1],
            f"a step carries one kind of measurement; this one has {' and '.join(families)}",
        )
    for key in families:
        _check_measurements(c, s, key, path, step_type)
    for key in ("seqCall", "loop", "chart", "attachment", "callExe", "messagePopup"):
        payload = s.get(key)
        if payload is not None:
            _PAYLOADS[key](c, payload, path)


def _check_measurements(c: Checker, s: dict[str, Any], key: str, path: str, step_type: str | None) -> None:
    items: list[dict[str, Any]] = s[key]
    if step_type in _SINGLE_TYPES and len(items) > 1:
        c.add(path, key, f"a single-measurement step ({step_type}) has {len(items)} measurements")
    named = len(items) > 1 or step_type in _MULTI_TYPES
    seen: set[str] = set()
    for index, meas in enumerate(items):
        name = meas.get("name")
        where = (
            f"{path}/{name}"
            if isinstance(name, str) and name
            else (path if len(items) == 1 else f"{path}[{index}]")
        )
        if named:
            if name is None or name == "":
                c.add(where, "name", "every measurement of a multiple-measurement step needs a name")
            elif isinstance(name, str) and name in seen:  # a name that is not text is reported below
                c.add(where, "name", f"measurement name {name!r} is used twice in the step")
            elif isinstance(name, str):
                seen.add(name)
        c.text(where, meas, "name", 100)
        status = meas.get("status")
        if not _one_of(status, _MEAS_STATUSES):
            c.add(where, "status", f"measurement status must be P, F or S, got {status!r}")
        if key == "numericMeas":
            _check_numeric(c, meas, where)
        elif key == "stringMeas":
            _check_string(c, meas, where)


def _operator(c: Checker, meas: dict[str, Any], where: str, allowed: frozenset[CompOp]) -> CompOp | None:
    raw = meas.get("compOp")
    op = CompOp.parse(raw) if raw is None or isinstance(raw, str) else None
    if op is None or op not in allowed:
        kind = "numeric" if allowed is NUMERIC_OPS else "string"
        c.add(where, "compOp", f"compOp {raw!r} is not a {kind} comparison operator")
        return None
    return op


def _check_numeric(c: Checker, meas: dict[str, Any], where: str) -> None:
    op = _operator(c, meas, where, NUMERIC_OPS)
    c.number(where, meas, "value")
    low = c.number(where, meas, "lowLimit")
    high = c.number(where, meas, "highLimit")
    c.text(where, meas, "unit", 20)
    if op is None:
        return
    count = op.limit_count
    if count == 1:
        if meas.get("lowLimit") is None:
            hint = " (single-limit operators keep their limit in lowLimit)" if high is not None else ""
            c.add(where, "lowLimit", f"compOp {op.value} needs lowLimit{hint}")
        elif meas.get("highLimit") is not None:
            c.add(where, "highLimit", f"compOp {op.value} uses one limit; highLimit must be null")
    elif count == 2:
        if meas.get("lowLimit") is None or meas.get("highLimit") is None:
            c.add(
                where,
                "highLimit" if low is not None else "lowLimit",
                f"compOp {op.value} needs lowLimit and highLimit",
            )
        elif low is not None and high is not None and high < low:
            c.add(where, "highLimit", f"highLimit < lowLimit ({high:g} < {low:g})")


def _check_string(c: Checker, meas: dict[str, Any], where: str) -> None:
    _operator(c, meas, where, STRING_OPS)
    c.text(where, meas, "value", 100)
    c.text(where, meas, "limit", 100)


def _seq_call(c: Checker, p: dict[str, Any], path: str) -> None:
    c.text(path, p, "path", 500)
    c.text(path, p, "name", 200)
    c.text(path, p, "version", 30)


def _loop(c: Checker, p: dict[str, Any], path: str) -> None:
    for key in ("idx", "num", "endingIndex", "passed", "failed", "i", "n"):
        c.integer(path, p, key, int16=True)


def _chart(c: Checker, p: dict[str, Any], path: str) -> None:
    chart_type = p.get("chartType")
    if chart_type is not None and not _one_of(chart_type, _CHART_TYPES):
        c.add(
            path, "chartType", f"chartType must be Line, LineLogXY, LineLogX or LineLogY, got {chart_type!r}"
        )
    c.text(path, p, "label", 100)
    c.text(path, p, "xLabel", 50)
    c.text(path, p, "yLabel", 50)
    c.text(path, p, "xUnit", 20)
    c.text(path, p, "yUnit", 20)
    for index, series in enumerate(p.get("series") or ()):
        where = f"{path} chart series[{index}]"
        data_type = series.get("dataType")
        if data_type not in (None, "XYG"):
            c.add(where, "dataType", f"dataType must be XYG, got {data_type!r}")
        c.text(where, series, "name", 100)
        y = _points(c, series, "ydata", where, required=True)
        x = _points(c, series, "xdata", where, required=False)
        if x is not None and y is not None and x and len(x) != len(y):
            c.add(where, "xdata", f"xdata has {len(x)} values but ydata {len(y)}")


def _points(c: Checker, series: dict[str, Any], key: str, where: str, *, required: bool) -> list[str] | None:
    text = series.get(key)
    if text is None or text == "":
        if required:
            c.add(where, key, f"{key} is required")
        return [] if not required else None
    if not isinstance(text, str):
        c.add(where, key, f"{key} must be text of ';'-separated numbers")
        return None
    tokens = text.split(";")
    try:
        for token in tokens:
            float(token)
    except ValueError:
        c.add(where, key, f"{key} holds something that is not a number")
        return None
    return tokens


def _attachment(c: Checker, p: dict[str, Any], path: str) -> None:
    c.text(path, p, "name", 100, required=True)
    c.text(path, p, "contentType", 100)
    c.base64(path, p)


def _call_exe(c: Checker, p: dict[str, Any], path: str) -> None:
    c.number(path, p, "exitCode")


def _popup(c: Checker, p: dict[str, Any], path: str) -> None:
    c.text(path, p, "response", 200)
    c.integer(path, p, "button", int16=True)


_PAYLOADS = {
    "seqCall": _seq_call,
    "loop": _loop,
    "chart": _chart,
    "attachment": _attachment,
    "callExe": _call_exe,
    "messagePopup": _popup,
}
