"""A converter registered by import string in the station tests: ``*.rec`` files, one unit each.

A file is ``SN=<serial>`` and ``V=<volts>`` lines closed by ``END``; without ``END`` it is
incomplete (still being written).
"""

from __future__ import annotations

from datetime import UTC, datetime

from pywats.domains.report.models import Report
from pywats_client.converters import Converter, IncompleteFileError
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.source import SourceFile


class RecConverter(Converter):
    name = "rec"
    description = "test records (SN=, V=, END)"
    file_patterns = ("*.rec",)
    priority = 2

    def can_convert(self, file: SourceFile) -> float:
        return 0.9 if file.head().startswith(b"SN=") else 0.0

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        lines = file.read_text().split()
        if "END" not in lines:
            raise IncompleteFileError("no END line yet")
        values = dict(line.split("=", 1) for line in lines if "=" in line)
        report = context.new_report(
            sn=values["SN"], pn="ST-PN", rev="A", start=datetime.now(UTC), process_code=10
        )
        report.root.add_numeric_step("V", float(values["V"]), low_limit=3.0, high_limit=3.6, unit="V")
        return report
