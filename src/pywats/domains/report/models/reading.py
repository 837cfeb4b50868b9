"""Reading a WSJF document into the right report class."""

from __future__ import annotations

import re
from typing import Any

import pydantic_core

from pywats.domains.report.models.errors import ReportParseError
from pywats.domains.report.models.shape import check_shape
from pywats.domains.report.models.uur_report import UURReport
from pywats.domains.report.models.uut_report import UUTReport

__all__ = ["parse_wsjf", "report_from_dict"]


def report_from_dict(data: Any) -> UUTReport | UURReport:
    """A report view over a WSJF document already parsed into dicts (not copied).

    Raises :class:`ReportParseError` if the containers are not where a report has them.
    """
    kind = check_shape(data)
    return UURReport.wrap(data) if kind == "R" else UUTReport.wrap(data)


def parse_wsjf(content: bytes | str) -> UUTReport | UURReport:
    """Read a WSJF document (bytes or text).

    Malformed JSON raises :class:`ReportParseError` with the line and column.
    """
    try:
        data = pydantic_core.from_json(content, allow_inf_nan=True)
    except ValueError as exc:
        raise ReportParseError(
            f"not valid JSON: {exc}", location=_json_location(str(exc)), operation="parse_wsjf", cause=exc
        ) from exc
    return report_from_dict(data)


_LINE_RE = re.compile(r"line (\d+) column (\d+)")


def _json_location(message: str) -> str:
    match = _LINE_RE.search(message)
    return f"line {match.group(1)}, column {match.group(2)}" if match else "(document)"
