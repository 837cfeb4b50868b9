"""Converters for the three WATS formats: WSJF (JSON), WSXF (XML) and WSTF (text).

They read with the library's parsers (:mod:`pywats.domains.report.formats`), so XML is parsed
with DTDs and entities refused. WSJF and WSXF files carry the report's id, which is kept;
WSTF files have none, so the service derives a stable one from the file's content.
Recognition follows equipment-formats §3.1: a WSJF converter scores 0 for JSON that is not a
report, and the WSXF converter only claims the exact WATS namespace (a TestStand XML report
with a namespace-less ``Reports`` root is not WSXF).
"""

from __future__ import annotations

import json
import re

from pywats.domains.report.formats import parse_wsjf, parse_wstf, parse_wsxf
from pywats.domains.report.models.report import Report
from pywats_client.converters.base import Converter
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.source import SourceFile
from pywats_client.converters.xmltools import sniff_xml

__all__ = ["WSXF_NAMESPACE", "WSJFConverter", "WSTFConverter", "WSXFConverter"]

WSXF_NAMESPACE = "http://wats.virinco.com/schemas/WATS/Report/wsxf"
_BOM = b"\xef\xbb\xbf"
_TYPE = re.compile(rb'"type"\s*:\s*"([TR])"')


def _first_text(head: bytes) -> bytes:
    return head.removeprefix(_BOM).lstrip()


class WSJFConverter(Converter):
    """WATS Standard JSON Format: the report exactly as WATS stores it."""

    name = "wsjf"
    description = "WATS Standard JSON Format (WSJF) reports"
    file_patterns = ("*.json", "*.wsjf")
    stable_ids = True

    def can_convert(self, file: SourceFile) -> float:
        head = _first_text(file.head())
        if not head.startswith(b"{"):
            return 0.0
        if file.size <= len(file.head()):
            try:
                data = json.loads(head)
            except (ValueError, UnicodeDecodeError):
                return 0.0
            if not isinstance(data, dict):
                return 0.0
            kind, has = data.get("type"), ("pn" in data and "sn" in data)
            if kind in ("T", "R") and has:
                return 0.98 if ("root" in data if kind == "T" else "uur" in data) else 0.6
            return 0.0
        # A big file: look at the start only.
        match = _TYPE.search(head[:4096])
        return 0.9 if match and b'"pn"' in head and b'"sn"' in head else 0.0

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        return [parse_wsjf(file.read_bytes())]


class WSXFConverter(Converter):
    """WATS Standard XML Format."""

    name = "wsxf"
    description = "WATS Standard XML Format (WSXF) reports"
    file_patterns = ("*.xml", "*.wsxf")
    stable_ids = True

    def can_convert(self, file: SourceFile) -> float:
        head = sniff_xml(file.head(), final=file.size <= len(file.head()))
        if head is None or head.root_ns != WSXF_NAMESPACE or head.root not in ("Reports", "Report"):
            return 0.0
        return 0.98 if head.root == "Report" or head.has("Report", depth=1) else 0.6

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        return [parse_wsxf(file.read_bytes())]


class WSTFConverter(Converter):
    """WATS Standard Text Format: tab-separated header, steps and footer."""

    name = "wstf"
    description = "WATS Standard Text Format (WSTF) reports"
    file_patterns = ("*.txt", "*.wstf", "*.tsv")

    def can_convert(self, file: SourceFile) -> float:
        head = file.head().lower()
        if b"--header-start--" not in head:
            return 0.0
        return 0.98 if b"--step-data-start--" in head else 0.6

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        return [parse_wstf(file.read_bytes())]
