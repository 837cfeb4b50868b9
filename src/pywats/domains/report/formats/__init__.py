"""Report exchange formats: WSJF (JSON, read/write), WSXF (XML, read/write), WSTF (text, read).

Pure functions, no I/O, shared with ``pywats_server``. :func:`parse_report` picks the format
from the content.
"""

from __future__ import annotations

from pywats.domains.report.formats.wsjf import parse_wsjf, report_from_dict, to_wsjf
from pywats.domains.report.formats.wstf import parse_wstf
from pywats.domains.report.formats.wsxf import parse_wsxf, to_wsxf, wsxf_to_dict
from pywats.domains.report.models.errors import ReportParseError
from pywats.domains.report.models.uur_report import UURReport
from pywats.domains.report.models.uut_report import UUTReport

__all__ = [
    "parse_report",
    "parse_wsjf",
    "parse_wstf",
    "parse_wsxf",
    "report_from_dict",
    "to_wsjf",
    "to_wsxf",
    "wsxf_to_dict",
]


def parse_report(content: bytes | str) -> UUTReport | UURReport:
    """Read a report in whichever format ``content`` is: WSJF (``{``), WSXF (``<``) or WSTF."""
    text = (
        content.lstrip()[:64]
        if isinstance(content, str)
        else content.lstrip()[:64].decode("utf-8", "replace")
    )
    text = text.lstrip("\ufeff")
    if text.startswith("{"):
        return parse_wsjf(content)
    if text.startswith("<"):
        return parse_wsxf(content)
    if (
        "--Header-Start--"
        in (content if isinstance(content, str) else content.decode("utf-8", "replace"))[:4096]
    ):
        return parse_wstf(content)
    raise ReportParseError("not a WSJF, WSXF or WSTF report", location="(document)", operation="parse_report")
