"""A plug-in converter that misbehaves on purpose, to show that the converter worker's limits hold.

The file's first word says what to do: ``hang`` (sleep forever), ``hog`` (allocate memory until
it runs out), ``exit`` (end the worker process), ``segv`` (crash the interpreter), ``raise`` (a
bug: an exception that is not a ConversionError); anything else gives one valid report whose
serial number is the file's second word.
"""

from __future__ import annotations

import ctypes
import os
import time
from datetime import UTC, datetime

from pywats.domains.report.models import Report
from pywats_client.converters.base import Converter
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.source import SourceFile

__all__ = ["HostileConverter"]

HOG_STEP_BYTES = 32 * 1024 * 1024


class HostileConverter(Converter):
    """Misbehaves as its file says (see the module docstring)."""

    name = "hostile"
    description = "misbehaves on purpose (reliability campaign)"
    file_patterns = ("*.hostile",)

    def can_convert(self, file: SourceFile) -> float:
        return 0.99 if file.name.endswith(".hostile") else 0.0

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        words = file.read_bytes().decode("ascii", "replace").split()
        action = words[0] if words else "ok"
        if action == "hang":
            while True:
                time.sleep(1)
        if action == "hog":
            hoard = []
            while True:
                hoard.append(bytearray(HOG_STEP_BYTES))
        if action == "exit":
            os._exit(3)
        if action == "segv":
            ctypes.string_at(0)
        if action == "raise":
            raise KeyError("a bug in the converter")
        serial = words[1] if len(words) > 1 else "HOSTILE-OK"
        report = context.new_report(
            sn=serial, pn="REL-PCBA-1", rev="A", start=datetime.now(UTC), process_code=10
        )
        report.root.add_pass_fail_step("Survived", True)
        return report
