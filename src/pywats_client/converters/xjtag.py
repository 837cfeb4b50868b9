"""XJTAG formatted boundary-scan logs, ``.xjlog`` (equipment-formats §11).

An ``.xjlog`` is a ZIP container: ``Info.xml`` (``LogFileInfo``: ``TestRunCount``,
``ProjectPath``…) and one ``Run N.xml`` per test run (one board). Each run has its test groups
and test functions and a ``testruninfo`` block with the serial number, user, XJLink and result.
XJTAG appends runs to the same file, so report ids are built from serial number, run time and
run number: converting the grown file again replaces the earlier reports instead of adding
copies.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import PureWindowsPath

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import add_pass_fail, at, fit_name, fit_text, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.times import parse_iso_datetime
from pywats_client.converters.xmltools import child, child_text, children, local_name, parse_bytes

__all__ = ["MAX_MEMBER_BYTES", "XjtagConverter", "open_log"]

MAX_MEMBER_BYTES = 256 * 1024 * 1024
"""Larger ZIP members are refused (a ZIP bomb must not exhaust the station's memory)."""
# A damaged or encrypted member, or a compression method Python does not have.
_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
_RUN = re.compile(r"^Run (\d+)\.xml$", re.IGNORECASE)
_RESULTS = {"passed": "P", "failed": "F", "skipped": "S"}


def open_log(file: SourceFile) -> zipfile.ZipFile:
    """The ``.xjlog`` as a ZIP; :class:`IncompleteFileError` if its directory is not readable yet."""
    try:
        if file.path.is_file():
            return zipfile.ZipFile(file.path)
        return zipfile.ZipFile(io.BytesIO(file.read_bytes()))
    except (zipfile.BadZipFile, EOFError) as exc:
        raise IncompleteFileError(
            f"not a readable ZIP container ({exc}); is it still being written?"
        ) from exc
    except (OSError, ValueError, struct.error, zipfile.LargeZipFile, NotImplementedError) as exc:
        # NotImplementedError: a directory entry needs a newer ZIP version than Python reads.
        raise ConversionError(f"not a readable ZIP container: {exc}") from exc


def _member(log: zipfile.ZipFile, name: str) -> bytes:
    info = log.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise ConversionError(
            f"member is {info.file_size} bytes; at most {MAX_MEMBER_BYTES} are read", element=name
        )
    try:
        with log.open(info) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except _MEMBER_ERRORS as exc:
        raise ConversionError(f"cannot read the member: {exc}", element=name) from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise ConversionError("member larger than its directory entry says", element=name)
    return data


class XjtagConverter(Converter):
    """XJTAG formatted logs (.xjlog): one report per test run."""

    name = "xjtag"
    description = "XJTAG boundary-scan logs (.xjlog ZIP with Info.xml and Run N.xml)"
    file_patterns = ("*.xjlog", "*.zip")
    priority = 4
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "part_number_from_project",
            ParameterKind.BOOLEAN,
            True,
            "without a part_number setting, use the project file name (ProjectPath) as part number",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        if not file.head(4).startswith(b"PK\x03\x04"):
            return 0.0
        try:
            log = open_log(file)
        except ConversionError:
            return 0.0
        with log:
            names = set(log.namelist())
            if "Info.xml" not in names:
                return 0.0
            try:
                info = parse_bytes(_member(log, "Info.xml"), element="Info.xml")
            except ConversionError:
                return 0.0
            if local_name(info) != "LogFileInfo":
                return 0.0
            runs = {n for n in names if _RUN.match(n)}
            count = child_text(info, "TestRunCount")
            if "Run 1.xml" not in runs:
                return 0.5
            return 0.95 if count is None or count == str(len(runs)) else 0.8

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        with open_log(file) as log:
            names = log.namelist()
            if "Info.xml" not in names:
                raise ConversionError("the container has no Info.xml: not an XJTAG log")
            info = parse_bytes(_member(log, "Info.xml"), element="Info.xml")
            if local_name(info) != "LogFileInfo":
                raise ConversionError(f"Info.xml root is {info.tag!r}, not LogFileInfo", element="Info.xml")
            project = PureWindowsPath(child_text(info, "ProjectPath") or "").stem or None
            runs = sorted((int(m.group(1)), n) for n in names if (m := _RUN.match(n)))
            if not runs:
                raise ConversionError("the log holds no test run (Run N.xml)")
            reports: list[Report] = []
            for number, name in runs:
                root = parse_bytes(_member(log, name), element=name)
                with at(element=name):
                    reports.append(self._run(root, number, project, context))
        return reports

    def _run(
        self, run: ET.Element, number: int, project: str | None, context: ConversionContext
    ) -> UUTReport:
        facts = child(run, "testruninfo")
        if facts is None:
            raise ConversionError(
                "the run has no testruninfo (a log exported from the output window has no per-test results)"
            )
        sn = child_text(facts, "serial")
        if not sn:
            raise ConversionError("the run has no serial number (testruninfo/serial)")
        stamp = run.get("datetime") or ""
        try:
            start = parse_iso_datetime(stamp)
        except ValueError as exc:
            raise ConversionError(f"datetime {stamp!r} is not an ISO 8601 time") from exc
        pn = project if self.settings["part_number_from_project"] else None
        report = context.new_report(
            sn=sn,
            pn=context.get("part_number") or pn,
            start=start,
            run_key=f"run {number}",
            operator=child_text(facts, "user"),
            station_name=child_text(facts, "xjlink-name"),
            sequence_name=project,
        )
        info = report.info
        assert info is not None
        info.exec_time = _seconds(child_text(facts, "time-taken"))
        description = child_text(facts, "project-description")
        info.comment = fit_text(description, 5000) if description else None
        for key, label in (("xjlink-serial", "XJLink serial"), ("xjtag-version", "XJTAG version")):
            value = child_text(facts, key)
            if value:
                report.add_misc_info(label, fit_text(value, 100))
        for group in children(run, "testgroup"):
            seq = report.root.add_sequence_call(fit_name(group.get("name") or "Tests"))
            for function in children(group, "testfunction"):
                self._function(seq, function)
        word = (child_text(facts, "result") or "").lower()
        set_result(report, _RESULTS.get(word, "E") if word != "skipped" else "E")
        return report

    @staticmethod
    def _function(seq: SequenceCall, function: ET.Element) -> None:
        result = child(function, "result")
        word = ((result.get("value") if result is not None else None) or "").lower()
        status = _RESULTS.get(word, "E")
        text = child_text(function, "plain-text")
        if text is None:
            outputs = [(o.text or "").strip() for o in children(function, "text-output")]
            text = "\n".join(o for o in outputs if o) or None
        devices = [
            d.get("device") for d in function.iter() if local_name(d) == "device-ref" and d.get("device")
        ]
        if devices:
            text = "\n".join(
                filter(None, [text, "devices: " + ", ".join(dict.fromkeys(str(d) for d in devices))])
            )
        add_pass_fail(
            seq,
            function.get("name") or "test",
            status,
            report_text=text,
            tot_time=_seconds(child_text(function, "time-taken")),
        )


def _seconds(milliseconds: str | None) -> float | None:
    if not milliseconds:
        return None
    try:
        return float(milliseconds) / 1000
    except ValueError as exc:
        raise ConversionError(f"time-taken {milliseconds!r} is not a number of milliseconds") from exc
