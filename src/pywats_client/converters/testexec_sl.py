"""Keysight TestExec SL XML — an UNVERIFIED layout (equipment-formats §14, ●○○).

No real TestExec SL result file or vendor description was available; this converter reads the
layout the format description calls a hypothesis: root ``TestResults`` (or ``TestExecResults``,
``Results``, ``TestExecSL``) **without** a namespace, with ``Header`` (``ProgramName``,
``ProgramVersion``, ``StationID``, ``Operator``, ``StartTime``, ``EndTime``), ``UUT``
(``SerialNumber``, ``PartNumber``, ``Revision``, ``Batch``), ``TestSequence`` (``Test @name
@status`` with an optional ``Measurement``, nested ``TestGroup @name``) and ``Summary``.
It is therefore **off by default**: check it against your own files, then
``pywats-client converters enable testexec_sl``. Numbers are never "cleaned": ``1,5`` or
``5 V`` is an error naming the element, not 15 or 5.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import add_numeric, add_pass_fail, at, fit_name, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.source import SourceFile
from pywats_client.converters.times import parse_iso_datetime
from pywats_client.converters.values import parse_number, status_from_token
from pywats_client.converters.xmltools import (
    child,
    child_text,
    local_name,
    namespace,
    parse_source,
    sniff_xml,
)

__all__ = ["TestExecSlConverter"]

_ROOTS = {"testresults", "testexecresults", "results", "testexecsl"}
_SECTIONS = ("Header", "UUT", "TestSequence")


def _text(element: ET.Element | None, *names: str) -> str | None:
    """The first of ``names`` found as a child's text (names compared ignoring case)."""
    if element is None:
        return None
    wanted = [n.lower() for n in names]
    for name in wanted:
        for item in element:
            if local_name(item).lower() == name and (item.text or "").strip():
                return (item.text or "").strip()
    return None


def _section(root: ET.Element, name: str) -> ET.Element | None:
    return next((e for e in root if local_name(e).lower() == name.lower()), None)


class TestExecSlConverter(Converter):
    """Keysight TestExec SL XML, read as the unverified layout described in the module docstring."""

    __test__ = False  # not a pytest test class, despite the name
    name = "testexec_sl"
    description = "Keysight TestExec SL XML — unverified layout, off by default"
    file_patterns = ("*.xml",)
    priority = 7
    stable_ids = True
    enabled_by_default = False
    parameters = COMMON_PARAMETERS

    def can_convert(self, file: SourceFile) -> float:
        head = sniff_xml(file.head(), final=file.size <= len(file.head()))
        if head is None or head.root_ns or head.root.lower() not in _ROOTS:
            return 0.0
        sections = sum(head.has(name, depth=1) for name in _SECTIONS)
        return {3: 0.8, 2: 0.6}.get(sections, 0.0)

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        root = parse_source(file)
        if namespace(root) or local_name(root).lower() not in _ROOTS:
            raise ConversionError(f"root element {root.tag!r} is not a TestExec SL result root")
        header, uut, sequence = (_section(root, name) for name in _SECTIONS)
        if uut is None or sequence is None:
            raise ConversionError("the file needs UUT and TestSequence elements", element=local_name(root))
        sn = _text(uut, "SerialNumber", "Serial", "SN", "UnitSerial")
        start_text = _text(header, "StartTime", "Start")
        if not start_text:
            raise ConversionError("no start time (Header/StartTime)", element="Header")
        start = _time(start_text, "Header/StartTime")
        report = context.new_report(
            sn=sn,
            pn=_text(uut, "PartNumber", "PN"),
            rev=_text(uut, "Revision", "Rev"),
            start=start,
            operator=_text(header, "Operator"),
            station_name=_text(header, "StationID", "Station"),
            sequence_name=_text(header, "ProgramName"),
            sequence_version=_text(header, "ProgramVersion"),
        )
        info = report.info
        assert info is not None
        info.batch_sn = _text(uut, "Batch", "BatchSN")
        end_text = _text(header, "EndTime", "End")
        summary = _section(root, "Summary")
        duration = _text(summary, "Duration")
        if duration:
            info.exec_time = _number(duration, "Summary/Duration")
        elif end_text:
            end = _time(end_text, "Header/EndTime")
            if end.tzinfo is None and start.tzinfo is not None:
                end = end.replace(tzinfo=start.tzinfo)
            info.exec_time = max((end - start).total_seconds(), 0.0)
        self._children(report.root, sequence, "TestSequence")
        word = _text(summary, "Status", "Result")
        letter = status_from_token(word) if word else None
        set_result(report, {"P": "P", "F": "F", "E": "E", "T": "T"}.get(letter or ""))
        return [report]

    def _children(self, seq: SequenceCall, parent: ET.Element, where: str) -> None:
        for index, element in enumerate(parent, 1):
            kind = local_name(element)
            path = f"{where}/{kind}[{index}]"
            with at(element=path):
                if kind == "TestGroup":
                    sub = seq.add_sequence_call(fit_name(element.get("name") or "Group"))
                    self._children(sub, element, path)
                elif kind == "Test":
                    self._test(seq, element, path)

    @staticmethod
    def _test(seq: SequenceCall, test: ET.Element, where: str) -> None:
        name = test.get("name") or "Test"
        word = test.get("status")
        status = status_from_token(word) if word else None
        if word and status is None:
            raise ConversionError(f"status {word!r} is not a known status word")
        meas = child(test, "Measurement")
        value_text = child_text(meas, "Value")
        if meas is None or value_text is None:
            add_pass_fail(seq, name, status or "P")
            return
        low = _text(meas, "LowLimit", "Min", "Low")
        high = _text(meas, "HighLimit", "Max", "High")
        add_numeric(
            seq,
            name,
            _number(value_text, f"{where}/Measurement/Value"),
            low=_number(low, f"{where}/Measurement/LowLimit") if low else None,
            high=_number(high, f"{where}/Measurement/HighLimit") if high else None,
            unit=_text(meas, "Units", "Unit"),
            status=status,
        )


def _number(text: str, where: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ConversionError(f"{text!r} is not a number", element=where) from exc


def _time(text: str, where: str) -> datetime:
    try:
        return parse_iso_datetime(text)
    except ValueError as exc:
        raise ConversionError(f"{text!r} is not an ISO 8601 time", element=where) from exc
