"""Reading one ATML ``TestResult`` (IEEE 1636.1): its datum, its limits and its outcome.

Limits come as ``LimitPair`` (two comparators joined: ``GE``+``LE`` → ``GELE``), ``SingleLimit``
or ``Expected`` (``CIEQ`` for case-insensitive strings), or as TestStand's threshold form
(``ThresholdType`` percentage/ppm/delta + ``RawLimits`` nominal/low/high) — equipment-formats §6.3.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from pywats_client.converters.errors import ConversionError
from pywats_client.converters.values import parse_number
from pywats_client.converters.xmltools import child, child_text, children, descendants, local_name

__all__ = [
    "OUTCOMES",
    "Datum",
    "Limits",
    "direct_text",
    "is_log",
    "outcome_letter",
    "read_datum",
    "read_limits",
    "report_text",
]

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
OUTCOMES = {
    "passed": "P",
    "failed": "F",
    "done": "D",
    "notstarted": "S",
    "skipped": "S",
    "error": "E",
    "terminated": "T",
    "aborted": "T",
    "running": "T",
}
_TWO_LIMIT_OPS = frozenset({"GELE", "GTLT", "GELT", "GTLE", "LTGT", "LEGE", "LEGT", "LTGE"})


def outcome_letter(element: ET.Element | None, *, default: str = "D") -> str:
    """The status letter of an ``Outcome``/``ActionOutcome`` element (the qualifier decides for
    ``Aborted``/``UserDefined``: ``Error`` → E, ``Terminated`` → T)."""
    if element is None:
        return default
    value = (element.get("value") or "").strip().lower()
    qualifier = (element.get("qualifier") or "").strip().lower()
    if value in ("aborted", "userdefined") and qualifier in OUTCOMES:
        return OUTCOMES[qualifier]
    return OUTCOMES.get(value, OUTCOMES.get(qualifier, default))


@dataclass(frozen=True)
class Datum:
    """A ``c:Datum``: a number (with unit), a text, or a boolean."""

    kind: str  # "number", "string", "boolean", "none"
    number: float | None = None
    text: str | None = None
    unit: str | None = None


def read_datum(datum: ET.Element | None, where: str) -> Datum:
    """The value a ``c:Datum`` holds."""
    if datum is None:
        return Datum("none")
    declared = (datum.get(XSI_TYPE) or "").rpartition(":")[2].lower()
    raw = datum.get("value")
    text = child_text(datum, "Value")
    unit = datum.get("nonStandardUnit") or datum.get("unit")
    if declared == "string" or (raw is None and text is not None and declared not in ("boolean",)):
        return Datum("string", text=text if text is not None else raw or "")
    if declared == "boolean":
        return Datum("boolean", text=(raw or text or "").strip().lower())
    if raw is None:
        return Datum("none")
    try:
        number = parse_number(raw)
    except ValueError as exc:
        raise ConversionError(f"datum value {raw!r} is not a number", element=where) from exc
    return Datum("number", number=number, unit=unit)


@dataclass(frozen=True)
class Limits:
    """The operator and limits of a measurement (``text`` for a string limit)."""

    comp_op: str
    low: float | None = None
    high: float | None = None
    text: str | None = None
    note: str | None = None


def _limit_value(element: ET.Element, where: str) -> tuple[float | None, str | None]:
    datum = read_datum(child(element, "Datum"), where)
    return datum.number, datum.text


def read_limits(result: ET.Element, where: str) -> Limits | None:
    """The limits of a ``TestResult``, or None when it has none (a log-only value)."""
    holder = child(child(result, "TestLimits"), "Limits")
    threshold = _threshold(result, where)
    if threshold is not None:
        return threshold
    if holder is None:
        return None
    pair = child(holder, "LimitPair")
    if pair is not None:
        limits = children(pair, "Limit")
        if len(limits) != 2:
            raise ConversionError("LimitPair needs two Limit elements", element=where)
        ops = [(lim.get("comparator") or "").upper() for lim in limits]
        values = [_limit_value(lim, where)[0] for lim in limits]
        op = ops[0] + ops[1]
        if op not in _TWO_LIMIT_OPS or None in values:
            return Limits("LOG", note=f"limits not understood: {' '.join(ops)} {values}")
        low, high = values
        return Limits(op, low, high)
    for name in ("SingleLimit", "Expected"):
        single = child(holder, name)
        if single is not None:
            comparator = (single.get("comparator") or "EQ").upper()
            number, text = _limit_value(single, where)
            if text is not None:
                return Limits("IGNORECASE" if comparator == "CIEQ" else "CASESENSIT", text=text)
            if number is None:
                return Limits("LOG")
            if comparator == "CIEQ":
                comparator = "EQ"
            return Limits(comparator, number)
    return None


def _threshold(result: ET.Element, where: str) -> Limits | None:
    props = next(descendants(result, "TSLimitProperties"), None)
    if props is None:
        return None
    kind = (child_text(props, "ThresholdType") or "").lower()
    raw = child(props, "RawLimits")
    if not kind or raw is None:
        return None

    def value(name: str) -> float | None:
        found = child(raw, name)
        text = None if found is None else (found.get("value") or found.text)
        try:
            return parse_number(text) if text is not None else None
        except ValueError as exc:
            raise ConversionError(f"RawLimits {name} {text!r} is not a number", element=where) from exc

    nominal, low, high = value("Nominal"), value("Low"), value("High")
    if nominal is None or low is None or high is None:
        return None
    scale = {"percentage": abs(nominal) / 100, "ppm": abs(nominal) / 1e6, "delta": 1.0}.get(kind)
    if scale is None:
        return None
    return Limits("GELE", nominal - abs(low) * scale, nominal + abs(high) * scale)


def is_log(result: ET.Element) -> bool:
    """True if TestStand marked the result as a logged value (no comparison)."""
    flag = next((e for e in descendants(result, "IsComparisonTypeLog")), None)
    if flag is None:
        return False
    return (flag.get("value") or flag.text or "").strip().lower() in ("true", "1")


def report_text(element: ET.Element) -> str | None:
    """The step's ``ReportText`` item (``tr:Data/c:Collection/c:Item[@name='ReportText']``)."""
    data = child(element, "Data")
    if data is None:
        return None
    for item in descendants(data, "Item"):
        if item.get("name") == "ReportText":
            datum = child(item, "Datum")
            text = child_text(datum, "Value") if datum is not None else None
            return text or (datum.get("value") if datum is not None else None)
    return None


def direct_text(element: ET.Element, local: str) -> str | None:
    """``local``'s value written as ``@value`` or as text (TestStand writes both forms)."""
    found = next((e for e in element.iter() if local_name(e) == local), None)
    if found is None:
        return None
    return (found.get("value") or found.text or "").strip() or None
