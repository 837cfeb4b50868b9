"""IEEE 1636.1 ATML test results, as NI TestStand's ATML report generator writes them
(schema generations 2.02, 5.00 and 6.01; equipment-formats §6).

Each ``TestResults`` (one per unit; several in a ``TestResultsCollection`` for batch and
parallel process models) becomes one UUT report. ``TestGroup`` → sequence call, ``Test`` →
numeric / pass-fail / string step by its TestStand step type (or by its payload for custom
types), ``SessionAction`` → a generic step keeping the TestStand step type. Elements are
looked up by namespace-independent local names below a recognised root, and never by
sibling order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.atml_results import (
    Datum,
    direct_text,
    is_log,
    outcome_letter,
    read_datum,
    read_limits,
    report_text,
)
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import (
    Meas,
    StepExtras,
    add_multi_numeric,
    add_numeric,
    add_pass_fail,
    add_string,
    at,
    fit_name,
    fit_text,
    measurement_status,
    set_result,
)
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.source import SourceFile
from pywats_client.converters.times import parse_iso_datetime
from pywats_client.converters.values import parse_int
from pywats_client.converters.xmltools import (
    child,
    child_text,
    children,
    local_name,
    namespace,
    parse_source,
    sniff_xml,
)

__all__ = ["ATML_VERSIONS", "AtmlConverter", "atml_version"]

ATML_VERSIONS = {
    "http://www.ieee.org/ATML/2007/TestResults": "2.02",
    "urn:IEEE-1636.1:2011:01:TestResultsCollection": "5.00",
    "urn:IEEE-1636.1:2011:01:TestResults": "5.00",
    "urn:IEEE-1636.1:2013:TestResultsCollection": "6.01",
    "urn:IEEE-1636.1:2013:TestResults": "6.01",
}
"""Namespaces of the root element (collection or single results) → TestStand's version label."""
_ROOTS = ("TestResultsCollection", "TestResults")
_GROUPS = {"setup": "S", "main": "M", "cleanup": "C"}
_NUMERIC_TYPES = frozenset({"NumericLimitTest", "NI_MultipleNumericLimitTest", "MultiNumericLimitTest"})


def atml_version(root_namespace: str) -> str | None:
    """``"2.02"``, ``"5.00"``, ``"6.01"``, ``"other"`` for another IEEE 1636.1 URN, else None."""
    known = ATML_VERSIONS.get(root_namespace)
    if known is not None:
        return known
    return "other" if root_namespace.startswith("urn:IEEE-1636.1:") else None


class AtmlConverter(Converter):
    """ATML (IEEE 1636.1) test results from NI TestStand: 2.02, 5.00 and 6.01."""

    name = "atml"
    description = "IEEE 1636.1 ATML test results (NI TestStand 2.02, 5.00, 6.01)"
    file_patterns = ("*.xml", "*.atml")
    priority = 4
    stable_ids = True
    parameters = COMMON_PARAMETERS

    def can_convert(self, file: SourceFile) -> float:
        head = sniff_xml(file.head(), final=file.size <= len(file.head()))
        if head is None or head.root not in _ROOTS:
            return 0.0
        version = atml_version(head.root_ns)
        if version is None:
            return 0.0  # a TestResults root without the IEEE namespace is not ATML (§14)
        if version == "other":
            return 0.6
        found = head.has("ResultSet") and head.has("SerialNumber")
        return 0.95 if found else 0.6

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        root = parse_source(file)
        if local_name(root) not in _ROOTS or atml_version(namespace(root)) is None:
            raise ConversionError(f"root element {root.tag!r} is not an IEEE 1636.1 test results root")
        runs = [root] if local_name(root) == "TestResults" else children(root, "TestResults")
        if not runs:
            raise ConversionError("the collection holds no TestResults", element=local_name(root))
        return [self._report(run, index, context) for index, run in enumerate(runs, 1)]

    # -- header --------------------------------------------------------------------------------------

    def _report(self, run: ET.Element, index: int, context: ConversionContext) -> UUTReport:
        where = f"TestResults[{index}]"
        uut = child(run, "UUT")
        sn = child_text(uut, "SerialNumber")
        if not sn:
            raise ConversionError("the unit has no serial number (UUT/SerialNumber)", element=where)
        ident = child(child(child(child(uut, "Definition"), "Identification"), "IdentificationNumbers"),
                      "IdentificationNumber")  # fmt: skip
        result_set = child(run, "ResultSet")
        if result_set is None:
            raise ConversionError("the unit has no ResultSet", element=where)
        start_text = result_set.get("startDateTime")
        if not start_text:
            raise ConversionError("ResultSet has no startDateTime", element=f"{where}/ResultSet")
        with at(element=f"{where}/ResultSet"):
            start = _time(start_text)
            end = _time(result_set.get("endDateTime")) if result_set.get("endDateTime") else None
        operator = child(child(run, "Personnel"), "SystemOperator")
        file_name, _, sequence = (result_set.get("name") or "").partition("#")
        report = context.new_report(
            sn=sn,
            pn=ident.get("number") if ident is not None else None,
            start=start,
            run_key=run.get("uuid") or f"run {index}",
            operator=(operator.get("ID") or operator.get("name")) if operator is not None else None,
            station_name=child_text(child(run, "TestStation"), "SerialNumber"),
            sequence_name=sequence or file_name or None,
        )
        seq_call = report.root.raw.get("seqCall")
        if isinstance(seq_call, dict) and sequence:
            seq_call["path"] = fit_text(file_name, 500)
        info = report.info
        assert info is not None
        if end is not None:
            info.exec_time = round(max(_seconds_between(start, end), 0.0), 6)
        extension = next((e for e in run if local_name(e) == "Extension"), None)
        if extension is not None:
            batch = direct_text(extension, "BatchSerialNumber")
            socket = direct_text(extension, "TestSocketIndex")
            info.batch_sn = fit_text(batch, 100) if batch else None
            socket_index = parse_int(socket, signed=True)
            if socket_index is not None:
                info.test_socket_index = socket_index
        for name, value in _additional_data(uut):
            report.add_misc_info(fit_text(name, 100), fit_text(value, 100))
        self._children(result_set, report.root, where + "/ResultSet")
        set_result(report, _result(child(result_set, "Outcome")))
        return report

    # -- steps ---------------------------------------------------------------------------------------

    def _children(self, parent: ET.Element, seq: SequenceCall, where: str) -> None:
        for position, element in enumerate(parent, 1):
            kind = local_name(element)
            if kind not in ("TestGroup", "Test", "SessionAction"):
                continue
            path = f"{where}/{kind}[@ID={element.get('ID') or position!r}]"
            with at(element=path):
                if kind == "TestGroup":
                    self._group(element, seq, path)
                elif kind == "SessionAction":
                    self._action(element, seq)
                else:
                    self._test(element, seq, path)

    def _group(self, element: ET.Element, seq: SequenceCall, where: str) -> None:
        file_name, _, sequence = (element.get("name") or "").partition("#")
        name = element.get("callerName") or sequence or file_name or "Sequence"
        props = _props(element)
        sub = seq.add_sequence_call(
            fit_name(name),
            sequence_name=fit_text(sequence or name, 200),
            path=fit_text(file_name, 500) if sequence else None,
            group=props.group,
            fail_parent=False,
        )
        if props.time is not None:
            sub.raw["totTime"] = props.time
        self._children(element, sub, where)
        letter = outcome_letter(child(element, "Outcome"), default="P")
        sub.status = letter  # the file's verdict for the group, raising the parents on F/E/T

    def _action(self, element: ET.Element, seq: SequenceCall) -> None:
        props = _props(element)
        letter = outcome_letter(child(element, "ActionOutcome"), default="D")
        step_type = props.type or "Action"
        text = report_text(element)
        step = seq.add_generic_step(
            step_type, fit_name(element.get("name") or step_type), status=letter, group=props.group
        )
        if text:
            step.raw["reportText"] = fit_text(text, 100000)
        if props.time is not None:
            step.raw["totTime"] = props.time

    def _test(self, element: ET.Element, seq: SequenceCall, where: str) -> None:
        props = _props(element)
        letter = outcome_letter(child(element, "Outcome"), default="P")
        name = element.get("name") or "Test"
        step_type = props.type or ""
        results = children(element, "TestResult")
        texts = [t for t in (report_text(element),) if t]
        measured: list[tuple[ET.Element, Datum]] = []
        for result in results:
            if (result.get("name") or "") == "ReportText":
                value = read_datum(child(child(result, "TestData"), "Datum"), where)
                texts.append(value.text or "")
            elif child(result, "TestLimits") is not None or is_log(result) or _threshold_only(result):
                measured.append((result, read_datum(child(child(result, "TestData"), "Datum"), where)))
        extras = _options(props, "\n".join(t for t in texts if t) or None)
        if letter == "S" and not measured:
            kind = (
                "ET_NLT"
                if step_type in _NUMERIC_TYPES
                else "ET_SVT"
                if step_type == "StringValueTest"
                else "ET_PFT"
            )
            add_pass_fail(seq, name, "S", step_type=kind, **extras)
            return
        if step_type == "PassFailTest" or (step_type not in _NUMERIC_TYPES and not measured
                                           and step_type != "StringValueTest"):  # fmt: skip
            add_pass_fail(seq, name, letter, **extras)
        elif step_type == "StringValueTest" or (measured and measured[0][1].kind == "string"):
            self._string(seq, name, letter, measured, where, extras)
        else:
            self._numeric(seq, name, letter, measured, where, extras)

    def _numeric(
        self, seq: SequenceCall, name: str, letter: str, measured: list[tuple[ET.Element, Datum]], where: str,
        extras: StepExtras,
    ) -> None:  # fmt: skip
        meas: list[Meas] = []
        for result, datum in measured:
            limits = read_limits(result, where)
            own = child(result, "Outcome")
            status = (
                measurement_status(outcome_letter(own)) if own is not None else measurement_status(letter)
            )
            if limits is not None and limits.note:
                extras["report_text"] = "\n".join(t for t in (extras.get("report_text"), limits.note) if t)
            op = limits.comp_op if limits is not None else "LOG"
            meas.append(Meas(result.get("name") or result.get("ID") or "Numeric", datum.number,
                             limits.low if limits else None, limits.high if limits else None, op,
                             datum.unit, status if letter != "S" else None))  # fmt: skip
        if len(meas) == 1:
            m = meas[0]
            add_numeric(seq, name, m.value, low=m.low, high=m.high, comp_op=m.comp_op, unit=m.unit,
                        status=letter, **extras)  # fmt: skip
        elif meas:
            add_multi_numeric(seq, name, meas, status=letter, **extras)
        else:
            add_pass_fail(seq, name, letter, **extras)

    def _string(
        self, seq: SequenceCall, name: str, letter: str, measured: list[tuple[ET.Element, Datum]], where: str,
        extras: StepExtras,
    ) -> None:  # fmt: skip
        if not measured:
            add_pass_fail(seq, name, letter, **extras)
            return
        result, datum = measured[0]
        limits = read_limits(result, where)
        limit = limits.text if limits is not None else None
        op = limits.comp_op if limits is not None and limit is not None else None
        add_string(seq, name, datum.text or "", limit=limit, comp_op=op, status=letter, **extras)


def _threshold_only(result: ET.Element) -> bool:
    return any(local_name(e) == "RawLimits" for e in result.iter())


@dataclass(frozen=True)
class _StepProps:
    """TestStand step properties: step type, group letter and total time."""

    type: str | None = None
    group: str = "M"
    time: float | None = None


def _props(element: ET.Element) -> _StepProps:
    props = child(child(element, "Extension"), "TSStepProperties")
    if props is None:
        return _StepProps()
    total = child(props, "TotalTime")
    seconds: float | None = None
    if total is not None:
        try:
            seconds = float(total.get("value") or total.text or "")
        except ValueError:
            seconds = None
    group = _GROUPS.get((child_text(props, "StepGroup") or "main").lower(), "M")
    return _StepProps(child_text(props, "StepType"), group, seconds)


def _options(props: _StepProps, text: str | None) -> StepExtras:
    extras = StepExtras(group=props.group)
    if props.time is not None:
        extras["tot_time"] = props.time
    if text:
        extras["report_text"] = text
    return extras


def _time(text: str | None) -> datetime:
    try:
        return parse_iso_datetime(text or "")
    except ValueError as exc:
        raise ConversionError(f"time {text!r} is not an ISO 8601 time") from exc


def _seconds_between(start: datetime, end: datetime) -> float:
    """``end - start`` in seconds; a time without an offset is taken to share the other's offset."""
    if (start.tzinfo is None) != (end.tzinfo is None):
        if start.tzinfo is None:
            start = start.replace(tzinfo=end.tzinfo)
        else:
            end = end.replace(tzinfo=start.tzinfo)
    return (end - start).total_seconds()


def _result(outcome: ET.Element | None) -> str | None:
    if outcome is None:
        return None
    letter = outcome_letter(outcome, default="")
    return {"P": "P", "D": "P", "F": "F", "E": "E", "T": "T"}.get(letter)


def _additional_data(uut: ET.Element | None) -> list[tuple[str, str]]:
    """UUT "AdditionalData" items as ``(Name.Sub, value)`` pairs (TestStand's TSCollection)."""
    found: list[tuple[str, str]] = []
    extension = child(child(uut, "Definition"), "Extension")
    if extension is None:
        return found

    def walk(element: ET.Element, prefix: str) -> None:
        for item in element:
            if local_name(item) != "Item":
                if local_name(item) in ("Collection", "TSCollection"):
                    walk(item, prefix)
                continue
            name = f"{prefix}.{item.get('name')}" if prefix else str(item.get("name") or "")
            datum = child(item, "Datum")
            if datum is not None:
                value = datum.get("value") or child_text(datum, "Value") or ""
                found.append((name, value))
            for nested in item:
                if local_name(nested) in ("Collection", "TSCollection"):
                    walk(nested, name)

    for collection in extension.iter():
        if local_name(collection) == "Item" and collection.get("name") == "AdditionalData":
            for nested in collection:
                walk(nested, "")
    return found[:50]
