"""Seica flying-probe XML, as exported at one contract manufacturer (equipment-formats §12, ●○○).

Root ``R`` with ``ST`` (program ``NM``, operator ``OP``, board name ``NMP``), one ``BI`` per
board (panel barcode ``BC``, board serial ``BCP``, start ``SD`` day-first) holding ``TEST``
elements (group ``F``, name ``NM``, value ``MR``, limits ``ML``/``MH``, unit ``MU``, result
``TR`` 0/1, time ``TT`` ms), and ``ET`` (end ``ED``, panel verdict ``NF``). Only one site's
export has been described: treat the attribute meanings as that site's until your files confirm
them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import add_numeric, add_pass_fail, at, fit_name, fit_text, set_result
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.values import parse_number
from pywats_client.converters.xmltools import child, children, local_name, namespace, parse_source, sniff_xml

__all__ = ["SeicaConverter"]


class SeicaConverter(Converter):
    """Seica flying-probe XML (one contract manufacturer's export)."""

    name = "seica"
    description = "Seica flying-probe XML export (root R with ST, BI, ET)"
    file_patterns = ("*.xml",)
    priority = 6
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "name_from_program",
            ParameterKind.BOOLEAN,
            True,
            "read part number and revision from the program name (ST/@NM: <part>_<rev>…)",
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        head = sniff_xml(file.head(), final=file.size <= len(file.head()))
        if head is None or head.root_ns or head.root != "R":
            return 0.0
        if not (head.has("ST", depth=1) and head.has("BI", depth=1)):
            return 0.3 if head.has("ST", depth=1) else 0.0
        return 0.85 if head.has("TEST") and (head.has("ET", depth=1) or not head.complete) else 0.8

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        root = parse_source(file)
        if namespace(root) or local_name(root) != "R":
            raise ConversionError(f"root element is {root.tag!r}, not R", element=root.tag)
        station = child(root, "ST")
        boards = children(root, "BI")
        if station is None or not boards:
            raise ConversionError("the export needs an ST element and at least one BI board", element="R")
        end = child(root, "ET")
        reports: list[Report] = []
        for index, board in enumerate(boards, 1):
            with at(element=f"R/BI[{index}]"):
                reports.append(self._board(board, station, end, len(boards), index, context))
        return reports

    def _board(
        self,
        board: ET.Element,
        station: ET.Element,
        end: ET.Element | None,
        count: int,
        index: int,
        context: ConversionContext,
    ) -> UUTReport:
        program = station.get("NM") or ""
        pn = rev = None
        if self.settings["name_from_program"] and program:
            tokens = [t for t in re.split(r"[_\s]+", program) if t]
            pn, rev = [*tokens, None, None][:2]
        report = context.new_report(
            sn=board.get("BCP"),
            pn=pn,
            rev=rev,
            start=_time(board.get("SD"), "SD"),
            run_key=f"board {index}",
            operator=station.get("OP"),
            sequence_name=program or None,
        )
        if station.get("NMP"):
            report.add_misc_info("Board Name", fit_text(station.get("NMP") or "", 100))
        if board.get("BC"):
            report.add_misc_info("PanelId", fit_text(board.get("BC") or "", 100))
        tests = children(board, "TEST")
        info = report.info
        assert info is not None
        times = [_number(t.get("TT"), "TT") for t in tests]
        info.exec_time = (
            sum(t for t in times if t is not None) / 1000 if any(t is not None for t in times) else None
        )
        current: tuple[str, SequenceCall] | None = None
        for number, test in enumerate(tests, 1):
            group = test.get("F") or "Tests"
            if current is None or current[0] != group:
                current = (group, report.root.add_sequence_call(fit_name(group)))
            with at(element=f"TEST[{number}]"):
                self._test(current[1], test)
        verdict = None
        if count == 1 and end is not None and end.get("NF") is not None:
            verdict = (
                "P" if (end.get("NF") or "").strip() == "0" else "F"
            )  # a panel verdict, single board only
        set_result(report, verdict)
        return report

    @staticmethod
    def _test(seq: SequenceCall, test: ET.Element) -> None:
        name = test.get("NM") or "test"
        status = "P" if (test.get("TR") or "0").strip() == "0" else "F"
        tt = _number(test.get("TT"), "TT")
        seconds = tt / 1000 if tt is not None else None
        value = _number(test.get("MR"), "MR")
        if value is None:
            add_pass_fail(seq, name, status, tot_time=seconds)
            return
        add_numeric(
            seq,
            name,
            value,
            low=_number(test.get("ML"), "ML"),
            high=_number(test.get("MH"), "MH"),
            unit=test.get("MU") or None,
            status=status,
            tot_time=seconds,
        )


def _number(text: str | None, attribute: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ConversionError(f"{attribute}={text!r} is not a number") from exc


def _time(text: str | None, attribute: str) -> datetime:
    try:
        return datetime.strptime((text or "").strip(), "%d-%m-%Y %H:%M:%S")
    except ValueError as exc:
        raise ConversionError(f"{attribute}={text!r} is not dd-MM-yyyy HH:mm:ss") from exc
