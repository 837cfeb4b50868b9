"""WSXF, the WATS Standard XML Format: read and write (report-format §5).

Reading refuses any DOCTYPE or entity declaration (:class:`~pywats.domains.report.models.UnsafeXMLError`),
so external entities and entity-expansion bombs never reach the parser's expansion logic.
A WSXF report read here is the WSJF document WATS exports for it: statuses as letters, GUIDs in
lower case, units and other empty texts as null. XML-only bookkeeping (``StepIndex``,
``MeasIndex``, ``MeasOrderNumber``, ``Filename``) is regenerated on writing, not kept.
"""

from __future__ import annotations

from typing import Any

from pywats.domains.report.formats._wsxf_read import read_wsxf
from pywats.domains.report.formats._wsxf_write import write_wsxf
from pywats.domains.report.models.reading import report_from_dict
from pywats.domains.report.models.report import Report
from pywats.domains.report.models.uur_report import UURReport
from pywats.domains.report.models.uut_report import UUTReport

__all__ = ["parse_wsxf", "to_wsxf", "wsxf_to_dict"]


def parse_wsxf(content: bytes | str) -> UUTReport | UURReport:
    """Read a WSXF document holding one report."""
    return report_from_dict(read_wsxf(content))


def wsxf_to_dict(content: bytes | str) -> dict[str, Any]:
    """The WSJF object (plain dicts) of the report in a WSXF document."""
    return read_wsxf(content)


def to_wsxf(report: Report | dict[str, Any], *, include_indexes: bool = False) -> bytes:
    """The report as a WSXF document (UTF-8 bytes). ``include_indexes`` adds ``StepIndex``,
    ``MeasIndex``, ``MeasOrderNumber`` and misc-info ``idx``/``order_no`` as WATS exports do."""
    data = report.raw if isinstance(report, Report) else report
    return write_wsxf(data, include_indexes=include_indexes)
