"""WSJF, the WATS Standard JSON Format: the report's native form (report-format §2–§4).

Reading keeps the document as it is — unknown members, unknown step types, explicit nulls and
key order all survive — so ``to_wsjf(parse_wsjf(data))`` is the same JSON document. NaN and
infinities are written as the strings ``"NaN"``, ``"Infinity"`` and ``"-Infinity"``.
"""

from __future__ import annotations

from typing import Any

from pywats.domains.report.models.reading import parse_wsjf, report_from_dict
from pywats.domains.report.models.report import Report

__all__ = ["parse_wsjf", "report_from_dict", "to_wsjf"]


def to_wsjf(report: Report | dict[str, Any]) -> bytes:
    """The report as compact WSJF bytes."""
    if isinstance(report, Report):
        return report.to_wsjf()
    return report_from_dict(report).to_wsjf()
