"""JUnit XML converter: golden reports, detection, fuzzing, and the format's special cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import (
    check_detection,
    check_golden,
    check_samples_convert,
    context_for,
    convert_with,
    converter,
    fuzz,
)

from pywats_client.converters.errors import ConversionError
from pywats_client.converters.junit import parse_time_attr
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.junit import SETTINGS, pytest_modern
from pywats_client.converters.source import SourceFile

NAME = "junit"


@pytest.mark.parametrize("sample", samples(NAME), ids=lambda s: s.name)
def test_golden(sample, tmp_path: Path) -> None:
    check_golden(sample, tmp_path)


def test_samples_convert_to_valid_reports(tmp_path: Path) -> None:
    check_samples_convert(NAME, tmp_path)


def test_detection(tmp_path: Path) -> None:
    check_detection(NAME, tmp_path)


def test_fuzz() -> None:
    fuzz(NAME)


def test_spec_sample_maps_as_described() -> None:
    (report,) = convert_with(NAME, SourceFile.from_bytes("r.xml", pytest_modern()), SETTINGS)
    assert (report.sn, report.pn, report.rev, report.station_name) == (
        "DEMO-0002-B",
        "PCB-4711",
        "C",
        "fct-rig-07",
    )
    assert report.result == "E"
    suite = report.root.steps[0]
    assert [s.name for s in suite.steps] == ["test_power", "test_comms", "test_fw"]
    rail = suite.steps[0].steps[0]
    meas = rail.raw["numericMeas"][0]
    assert (rail.step_type, meas["compOp"], meas["lowLimit"], meas["highLimit"]) == (
        "ET_NLT",
        "GELE",
        3.135,
        3.465,
    )
    assert [s.status for s in suite.steps[1].steps] == ["S", "E"]
    assert "booleanMeas" not in suite.steps[1].steps[0].raw  # a skipped step has no measurement


def test_error_result_setting_and_station_override() -> None:
    settings = {**SETTINGS, "error_result": "F", "station_name": "RIG-X", "flatten_single_suite": True}
    (report,) = convert_with(NAME, SourceFile.from_bytes("r.xml", pytest_modern()), settings)
    assert (report.result, report.station_name) == ("F", "RIG-X")
    assert report.root.seq_call is not None and report.root.seq_call.name == "pytest"
    assert [s.name for s in report.root.steps] == ["test_power", "test_comms", "test_fw"]


def test_report_per_suite_and_timestamp_as_utc() -> None:
    data = (
        b'<testsuites><testsuite name="a" timestamp="2025-03-14T10:00:00"><properties>'
        b'<property name="sn" value="DEMO-1"/><property name="pn" value="P"/></properties>'
        b'<testcase name="x"/></testsuite><testsuite name="b" timestamp="2025-03-14T11:00:00"><properties>'
        b'<property name="sn" value="DEMO-2"/><property name="pn" value="P"/></properties>'
        b'<testcase name="y"/></testsuite></testsuites>'
    )
    settings = {**SETTINGS, "report_per": "suite", "timestamp_zone": "utc"}
    reports = convert_with(NAME, SourceFile.from_bytes("r.xml", data), settings)
    assert [r.sn for r in reports] == ["DEMO-1", "DEMO-2"]
    assert reports[0].raw["startUTC"] == "2025-03-14T10:00:00Z"


def test_missing_timestamp_uses_file_time_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "r.xml"
    path.write_bytes(
        b'<testsuite name="a" time="5"><properties><property name="sn" value="DEMO-1"/>'
        b'<property name="pn" value="P"/></properties><testcase name="x"/></testsuite>'
    )
    (report,) = convert_with(NAME, SourceFile(path), SETTINGS)
    assert any(m.description == "ConverterNote" and "timestamp" in (m.text or "") for m in report.misc_infos)


def test_bad_inputs_raise_conversion_errors() -> None:
    for data in (b"", b"<testsuites><testsuite>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><testsuites/>", b"{}"):
        with pytest.raises(ConversionError):
            convert_with(NAME, SourceFile.from_bytes("r.xml", data), SETTINGS)
    bad_code = pytest_modern().replace(b'"fixture_id"', b'"process_code"')
    with pytest.raises(ConversionError, match="process_code"):
        convert_with(NAME, SourceFile.from_bytes("r.xml", bad_code), SETTINGS)


def test_time_attribute_forms() -> None:
    assert parse_time_attr("1,234.567") == 1234.567
    assert parse_time_attr("0.5") == 0.5
    assert parse_time_attr("abc") is None
    assert parse_time_attr(None) is None
    for no_duration in ("inf", "-inf", "nan", "-5"):
        assert parse_time_attr(no_duration) is None, no_duration


@pytest.mark.parametrize("duration", ["inf", "1e300", "99999999999999"])
def test_absurd_suite_time_without_timestamp_still_converts(tmp_path: Path, duration: str) -> None:
    # Found by the fuzzing campaign: the start (file time minus duration) overflowed.
    path = tmp_path / "r.xml"
    path.write_bytes(
        f'<testsuite name="a" time="{duration}"><properties><property name="sn" value="DEMO-1"/>'
        '<property name="pn" value="P"/></properties><testcase name="x"/></testsuite>'.encode()
    )
    (report,) = convert_with(NAME, SourceFile(path), SETTINGS)
    assert report.sn == "DEMO-1"
    assert report.start is not None
    report.to_wsjf()


def test_context_names_the_converter_settings() -> None:
    ctx = context_for(converter(NAME, SETTINGS))
    assert ctx["nest_by_classname"] == "last"
    with pytest.raises(ConversionError):
        ctx["no_such_setting"]
