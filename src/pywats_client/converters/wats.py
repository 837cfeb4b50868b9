"""Converters for the three WATS formats: WSJF (JSON), WSXF (XML) and WSTF (text).

They read with the library's parsers (:mod:`pywats.domains.report.formats`), so XML is parsed
with DTDs and entities refused. WSJF and WSXF files carry the report's id, which is kept;
WSTF files have none, so the service derives a stable one from the file's content.
"""

from __future__ import annotations

from pathlib import Path

from pywats.domains.report.formats import parse_wsjf, parse_wstf, parse_wsxf
from pywats.domains.report.models.report import Report
from pywats_client.converters.base import Converter

__all__ = ["WSJFConverter", "WSTFConverter", "WSXFConverter"]

_BOM = b"\xef\xbb\xbf"


def _first_text(head: bytes) -> bytes:
    return head.removeprefix(_BOM).lstrip()


class WSJFConverter(Converter):
    """WATS Standard JSON Format: the report exactly as WATS stores it."""

    name = "wsjf"
    description = "WATS Standard JSON Format (WSJF) reports"
    patterns = ("*.json", "*.wsjf")
    ids_from_file = True

    def sniff(self, head: bytes) -> bool:
        return _first_text(head).startswith(b"{")

    def convert(self, path: Path) -> list[Report]:
        return [parse_wsjf(path.read_bytes())]


class WSXFConverter(Converter):
    """WATS Standard XML Format."""

    name = "wsxf"
    description = "WATS Standard XML Format (WSXF) reports"
    patterns = ("*.xml", "*.wsxf")
    ids_from_file = True

    def sniff(self, head: bytes) -> bool:
        text = _first_text(head)
        # The root element is <Reports> (or a single <Report>) in the WATS namespace.
        return text.startswith(b"<") and (b"<Report" in text or b":Report" in text)

    def convert(self, path: Path) -> list[Report]:
        return [parse_wsxf(path.read_bytes())]


class WSTFConverter(Converter):
    """WATS Standard Text Format: tab-separated header, steps and footer."""

    name = "wstf"
    description = "WATS Standard Text Format (WSTF) reports"
    patterns = ("*.txt", "*.wstf", "*.tsv")

    def sniff(self, head: bytes) -> bool:
        return b"--header-start--" in head.lower()

    def convert(self, path: Path) -> list[Report]:
        return [parse_wstf(path.read_bytes())]
