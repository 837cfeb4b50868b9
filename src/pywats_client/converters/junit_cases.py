"""Reading JUnit ``testcase`` elements: outcome, texts, duplicates merged, ``wats.*`` properties.

Used by :mod:`pywats_client.converters.junit`.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from pywats_client.converters.building import Meas, fit_text
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.values import parse_number
from pywats_client.converters.xmltools import children, local_name

__all__ = ["Case", "cases", "limit_number", "multi_measurements", "parse_time_attr"]

_RANK = {"P": 0, "S": 1, "F": 2, "E": 3}

_NOT_RUN = frozenset({"notrun", "suppressed", "skipped", "disabled"})


def parse_time_attr(text: str | None) -> float | None:
    """A JUnit ``time`` attribute in seconds; Surefire may group thousands (``1,234.567``)."""
    if not text:
        return None
    value = text.strip()
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", value):
        value = value.replace(",", "")
    try:
        seconds = parse_number(value)
    except ValueError:
        return None
    # "inf", "nan" or a negative time is no duration: treated as absent.
    return seconds if seconds is not None and math.isfinite(seconds) and seconds >= 0 else None


@dataclass
class Case:
    classname: str
    name: str
    time: float = 0.0
    status: str = "P"
    texts: list[str] = field(default_factory=list)
    error_message: str | None = None
    props: dict[str, str] = field(default_factory=dict)

    def worsen(self, status: str) -> None:
        if _RANK[status] > _RANK[self.status]:
            self.status = status


def limit_number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ConversionError(f"limit {text!r} is not a number") from exc


def multi_measurements(props: dict[str, str]) -> list[Meas]:
    found: dict[str, dict[str, str]] = {}
    for key, value in props.items():
        match = re.fullmatch(r"wats\.meas\.(.+)\.(value|low|high|unit|comp)", key)
        if match:
            found.setdefault(match.group(1), {})[match.group(2)] = value
    result = []
    for name, parts in found.items():
        try:
            number = parse_number(parts.get("value"))
        except ValueError as exc:
            raise ConversionError(
                f"measurement {name!r}: value {parts.get('value')!r} is not a number"
            ) from exc
        result.append(
            Meas(
                name,
                number,
                limit_number(parts.get("low")),
                limit_number(parts.get("high")),
                parts.get("comp"),
                parts.get("unit"),
            )
        )
    return result


def cases(suite: ET.Element, context: ConversionContext) -> list[Case]:
    """The suite's testcases (nested suites' too), duplicates merged (worst status wins)."""
    merged: dict[tuple[str, str], Case] = {}
    limit = int(context["max_report_text"])
    for element in suite.iter("testcase"):
        key = (element.get("classname") or "", element.get("name") or "(unnamed)")
        case = merged.get(key)
        if case is None:
            case = merged[key] = Case(*key)
        case.time += parse_time_attr(element.get("time")) or 0.0
        _read_outcome(element, case, context, limit)
        for block in children(element, "properties"):
            for prop in children(block, "property"):
                if prop.get("name"):
                    case.props[prop.get("name", "")] = (prop.get("value") or prop.text or "").strip()
    return list(merged.values())


def _read_outcome(element: ET.Element, case: Case, context: ConversionContext, limit: int) -> None:
    reruns: list[str] = []
    outcome = False
    for child_el in element:
        kind = local_name(child_el)
        message = (child_el.get("message") or "").strip()
        details = (child_el.text or "").strip()
        if kind == "failure":
            outcome = True
            case.worsen("F")
            case.texts.append(fit_text("\n\n".join(t for t in (message, details) if t), limit))
        elif kind == "error":
            outcome = True
            case.worsen("E")
            case.error_message = case.error_message or (message or None)
            case.texts.append(fit_text(details or message, limit))
        elif kind == "skipped":
            outcome = True
            if child_el.get("type") == "pytest.xfail":
                case.worsen(context["xfail_status"])
                case.texts.append(f"expected failure: {message}".strip())
            else:
                case.worsen("S")
                case.texts.append(message or details)
        elif kind in ("rerunFailure", "flakyFailure", "rerunError", "flakyError"):
            reruns.append(fit_text(message or details, 500))
    if not outcome and (
        (element.get("status") or "").lower() in _NOT_RUN or (element.get("result") or "").lower() in _NOT_RUN
    ):
        case.worsen("S")
    if reruns:
        case.texts.append("earlier attempts failed: " + "; ".join(r for r in reruns if r))
    case.texts = [t for t in case.texts if t]
