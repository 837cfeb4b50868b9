"""Converters that misbehave on purpose, for the isolation tests (loaded in worker processes).

Each answers any ``*.bad`` file; what it does with it is in its name.
"""

from __future__ import annotations

import logging
import os
import time
from datetime import UTC, datetime

from pywats.domains.report.models import Report
from pywats_client.converters import (
    COMMON_PARAMETERS,
    ConversionContext,
    ConversionError,
    Converter,
    IncompleteFileError,
    SourceFile,
)


class _Base(Converter):
    file_patterns = ("*.bad",)
    parameters = COMMON_PARAMETERS

    def can_convert(self, file: SourceFile) -> float:
        return 0.9


class Sleeper(_Base):
    name = "sleeper"

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        if file.read_text().strip() == "quick":
            return Good().convert(file, context)
        time.sleep(60)
        raise AssertionError("not reached")


class Hog(_Base):
    name = "hog"

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB, far beyond the limit
        raise AssertionError(f"allocated {len(hoard)} blocks")


class Crasher(_Base):
    name = "crasher"

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        os._exit(3)


class Buggy(_Base):
    name = "buggy"

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        return {}["missing"]  # type: ignore[no-any-return]


class Picky(_Base):
    name = "picky"

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        context.logger.warning("looking at %s", file.name)
        if "cut" in file.read_text():
            raise IncompleteFileError("no end line", line=3)
        raise ConversionError("bad value", line=7, element="row[7]")


class Good(_Base):
    name = "good"

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        logging.getLogger(f"pywats_client.converters.{self.name}").info("converting %s", file.name)
        report = context.new_report(sn="ISO-1", pn="ISO-PN", start=datetime(2025, 3, 14, 8, tzinfo=UTC))
        report.add_pass_fail_step("ok", True)
        return report
