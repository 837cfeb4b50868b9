"""JUnit XML: the result file of pytest ``--junitxml``, Maven Surefire, GoogleTest, Jest, CTest…

One file is one UUT report (or one per ``testsuite`` with ``report_per: suite``). The unit's
identity comes from suite properties (``serial_number``, ``part_number``…, written with
pytest's ``record_testsuite_property``) or from the file name. Each ``testcase`` becomes a
pass/fail step; a test that records ``wats.value``/``wats.low``/``wats.high``/``wats.unit``
(or ``wats.meas.<name>.value`` …) with ``record_property`` becomes a numeric step
(equipment-formats §5).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from pywats.domains.report.models import Report, SequenceCall, UUTReport
from pywats_client.converters.base import COMMON_PARAMETERS, Converter
from pywats_client.converters.building import (
    StepExtras,
    add_multi_numeric,
    add_numeric,
    add_pass_fail,
    add_string,
    at,
    fit_name,
    fit_text,
    set_result,
)
from pywats_client.converters.context import ConversionContext
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.junit_cases import (
    Case,
    cases,
    limit_number,
    multi_measurements,
    parse_time_attr,
)
from pywats_client.converters.parameters import Parameter, ParameterKind
from pywats_client.converters.source import SourceFile
from pywats_client.converters.times import parse_iso_datetime
from pywats_client.converters.values import parse_number
from pywats_client.converters.xmltools import children, local_name, namespace, parse_source, sniff_xml

__all__ = ["JUnitConverter", "parse_time_attr"]

_IDENTITY = {
    "sn": ("serial_number", "sn", "dut_serial", "serialnumber"),
    "pn": ("part_number", "pn", "partnumber"),
    "rev": ("part_revision", "rev", "revision"),
    "operator": ("operator", "user"),
    "process_code": ("process_code",),
    "fixture": ("fixture_id", "fixture"),
    "batch": ("batch", "batch_sn"),
}


class JUnitConverter(Converter):
    """JUnit/xUnit XML result files (pytest, Surefire, GoogleTest, Jest, CTest…)."""

    name = "junit"
    description = "JUnit XML test results (pytest --junitxml, Maven Surefire, GoogleTest, CI tools)"
    file_patterns = ("*.xml",)
    priority = 5
    stable_ids = True
    parameters = (
        *COMMON_PARAMETERS,
        Parameter(
            "sn_from_filename",
            ParameterKind.TEXT,
            None,
            "regular expression with a group named sn that reads the serial number from the file name",
        ),
        Parameter(
            "report_per",
            ParameterKind.CHOICE,
            "file",
            "one report per file or per testsuite",
            choices=("file", "suite"),
        ),
        Parameter(
            "nest_by_classname",
            ParameterKind.CHOICE,
            "last",
            "sequences from the testcase classname: none, last dotted part, or every part",
            choices=("none", "last", "full"),
        ),
        Parameter(
            "flatten_single_suite",
            ParameterKind.BOOLEAN,
            False,
            "a file with one testsuite uses the suite's name as the root sequence instead of a sub-sequence",
        ),
        Parameter(
            "xfail_status",
            ParameterKind.CHOICE,
            "S",
            "step status of an expected failure (pytest xfail)",
            choices=("S", "P", "F"),
        ),
        Parameter(
            "error_result",
            ParameterKind.CHOICE,
            "E",
            "report result when a test errored: E (error) or F",
            choices=("E", "F"),
        ),
        Parameter(
            "timestamp_zone",
            ParameterKind.CHOICE,
            "local",
            "how a timestamp without offset is read: in the station zone (local) or as UTC",
            choices=("local", "utc"),
        ),
        Parameter(
            "max_report_text",
            ParameterKind.INTEGER,
            4000,
            "longest failure text kept per step",
            minimum=100,
            maximum=100000,
        ),
    )

    def can_convert(self, file: SourceFile) -> float:
        head = sniff_xml(file.head(), final=file.size <= len(file.head()))
        if head is None or head.root_ns or head.root not in ("testsuites", "testsuite"):
            return 0.0
        if not head.has("testcase"):
            return 0.5 if head.complete or head.has("testsuite") else 0.4
        suite = head.root_attrs if head.root == "testsuite" else (head.first("testsuite") or {})
        score = 0.9 if "tests" in suite or "failures" in suite else 0.85
        names = {attrs.get("name", "").lower() for _, _, tag, attrs in head.elements if tag == "property"}
        if names & set(_IDENTITY["sn"]):
            score = 0.95
        return score

    def convert(self, file: SourceFile, context: ConversionContext) -> list[Report]:
        root = parse_source(file)
        if namespace(root) or local_name(root) not in ("testsuites", "testsuite"):
            raise ConversionError(
                f"root element is {root.tag!r}, not testsuites or testsuite", element=root.tag
            )
        suites = [root] if local_name(root) == "testsuite" else children(root, "testsuite")
        if not any(True for s in suites for _ in s.iter("testcase")):
            raise ConversionError("empty run: the file holds no testcase", element=local_name(root))
        # Properties of a testsuites root (GoogleTest's RecordProperty) apply to every suite.
        shared = _suite_properties([root]) if root not in suites else {}
        if context["report_per"] == "suite":
            return [
                self._report([suite], file, context, f"suite {i}", shared)
                for i, suite in enumerate(suites, 1)
            ]
        return [self._report(suites, file, context, "", shared)]

    # -- one report ----------------------------------------------------------------------------------

    def _report(
        self,
        suites: list[ET.Element],
        file: SourceFile,
        context: ConversionContext,
        run_key: str,
        shared: dict[str, str],
    ) -> UUTReport:
        props = {**shared, **_suite_properties(suites)}
        identity = {role: _first_of(props, keys) for role, keys in _IDENTITY.items()}
        sn = identity["sn"] or _sn_from_name(file.name, context.get("sn_from_filename"))
        if not sn:
            raise ConversionError(
                "no serial number: record a serial_number suite property or set sn_from_filename",
                element="testsuite/properties",
            )
        start, note = _start(suites, file, context)
        code = _process_code(identity["process_code"])
        flatten = context["flatten_single_suite"] and len(suites) == 1
        hostname = next((s.get("hostname") for s in suites if s.get("hostname")), None)
        report = context.new_report(
            sn=sn,
            pn=identity["pn"],
            rev=identity["rev"],
            start=start,
            run_key=run_key,
            operator=identity["operator"],
            station_name=context.get("station_name") or hostname,
            process_code=code,
            sequence_name=suites[0].get("name") if flatten else None,
        )
        info = report.info
        assert info is not None
        info.exec_time = _duration(suites)
        info.fixture_id = identity["fixture"]
        info.batch_sn = identity["batch"]
        if note:
            report.add_misc_info("ConverterNote", note)
        used = {key for keys in _IDENTITY.values() for key in keys}
        for name, value in props.items():
            if name.lower() not in used:
                report.add_misc_info(fit_text(name, 100), fit_text(value, 100))
        errored = failed = False
        sequences: dict[tuple[int, str], SequenceCall] = {}
        for index, suite in enumerate(suites, 1):
            parent = (
                report.root
                if flatten
                else report.root.add_sequence_call(suite.get("name") or f"suite {index}")
            )
            for case in cases(suite, context):
                errored |= case.status == "E"
                failed |= case.status == "F"
                seq = _sequence_for(parent, case.classname, context["nest_by_classname"], sequences)
                self._add_case(seq, case)
        verdict = ("E" if context["error_result"] == "E" else "F") if errored else ("F" if failed else "P")
        set_result(report, verdict)
        return report

    def _add_case(self, seq: SequenceCall, case: Case) -> None:
        text = "\n\n".join(case.texts) or None
        single = {k[5:]: v for k, v in case.props.items() if k.startswith("wats.") and k.count(".") == 1}
        multi = multi_measurements(case.props)
        common: StepExtras = {"report_text": text, "error_message": case.error_message, "tot_time": case.time}
        with at(element=f"testcase[@name={case.name!r}]"):
            if case.status == "S" or (not multi and "value" not in single):
                add_pass_fail(seq, case.name, case.status, **common)
            elif multi:
                add_multi_numeric(seq, case.name, multi, status=case.status, **common)
            else:
                value_text = single["value"]
                try:
                    value = parse_number(value_text)
                except ValueError:
                    add_string(
                        seq, case.name, value_text, limit=single.get("low"), status=case.status, **common
                    )
                    return
                add_numeric(
                    seq,
                    case.name,
                    value,
                    low=limit_number(single.get("low")),
                    high=limit_number(single.get("high")),
                    comp_op=single.get("comp"),
                    unit=single.get("unit"),
                    status=case.status,
                    **common,
                )


def _process_code(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text.strip())
    except ValueError as exc:
        raise ConversionError(
            f"process_code property {text!r} is not an integer", element="testsuite/properties"
        ) from exc


def _suite_properties(suites: list[ET.Element]) -> dict[str, str]:
    props: dict[str, str] = {}
    for suite in suites:
        for block in children(suite, "properties"):
            for prop in children(block, "property"):
                name = (prop.get("name") or "").strip()
                if name and name not in props:
                    props[name] = (prop.get("value") or prop.text or "").strip()
    return props


def _first_of(props: dict[str, str], keys: tuple[str, ...]) -> str | None:
    lowered = {name.lower(): value for name, value in props.items()}
    return next((lowered[key] for key in keys if lowered.get(key)), None)


def _sn_from_name(file_name: str, pattern: str | None) -> str | None:
    if not pattern:
        return None
    try:
        match = re.search(pattern, file_name)
    except re.error as exc:
        raise ConversionError(f"sn_from_filename is not a valid regular expression: {exc}") from exc
    if match is None:
        return None
    groups = match.groupdict()
    return groups.get("sn") or (match.group(1) if match.groups() else match.group(0))


def _start(
    suites: list[ET.Element], file: SourceFile, context: ConversionContext
) -> tuple[datetime, str | None]:
    stamp = next((s.get("timestamp") for s in suites if s.get("timestamp")), None)
    if stamp:
        try:
            moment = parse_iso_datetime(stamp)
        except ValueError as exc:
            raise ConversionError(
                f"timestamp {stamp!r} is not an ISO 8601 time", element="testsuite"
            ) from exc
        if moment.tzinfo is None and context["timestamp_zone"] == "utc":
            moment = moment.replace(tzinfo=UTC)
        return moment, None
    try:
        modified = datetime.fromtimestamp(file.path.stat().st_mtime, UTC)
    except OSError:
        modified = datetime.now(UTC)
    try:
        start = modified - timedelta(seconds=_duration(suites))
    except OverflowError:  # a duration of centuries: the file time is all we can trust
        return modified, "no timestamp in the file and no usable duration: start is the file time"
    return start, "no timestamp in the file: start taken from the file time"


def _duration(suites: list[ET.Element]) -> float:
    """Seconds the suites took: their ``time`` attributes, else the sum of their testcases'."""
    total = 0.0
    for suite in suites:
        own = parse_time_attr(suite.get("time"))
        if own is None:
            own = sum(parse_time_attr(case.get("time")) or 0.0 for case in suite.iter("testcase"))
        total += own
    return total


def _sequence_for(
    parent: SequenceCall, classname: str, mode: str, made: dict[tuple[int, str], SequenceCall]
) -> SequenceCall:
    """The sequence a testcase goes in, created on first use (``made`` remembers them)."""
    if mode == "none" or not classname:
        return parent
    parts = [p for p in classname.split(".") if p]
    if mode == "last":
        parts = parts[-1:]
    node = parent
    for part in parts:
        key = (id(node.raw), part)
        found = made.get(key)
        if found is None:
            found = made[key] = node.add_sequence_call(fit_name(part))
        node = found
    return node
