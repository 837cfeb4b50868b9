"""ATML converter: golden reports for 2.02, 5.00 and 6.01, detection, fuzzing, special cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import (
    check_detection,
    check_golden,
    check_samples_convert,
    convert_with,
    converter,
    fuzz,
)

from pywats_client.converters.atml import atml_version
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.atml import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile

NAME = "atml"


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
    (report,) = convert_with(NAME, SourceFile.from_bytes("a.xml", SPEC_SAMPLE.encode()), SETTINGS)
    assert (report.sn, report.pn, report.station_name, report.operator) == (
        "DEMO-0003-C",
        "PCB-4711",
        "FCT-07",
        "kari",
    )
    assert report.info is not None and report.info.exec_time == 9.5
    seq = report.root.seq_call
    assert seq is not None and (seq.path, seq.name) == ("PCB4711.seq", "MainSequence")
    vcc, selftest = report.root.steps
    assert (vcc.step_type, vcc.raw["numericMeas"][0]["compOp"], vcc.status) == ("ET_NLT", "GELE", "P")
    assert (selftest.step_type, selftest.status, report.result) == ("ET_PFT", "F", "F")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2025-03-14T11:20:00.25", "2025-03-14T11:20:09.75+00:00"),
        ("2025-03-14T11:20:00.25Z", "2025-03-14T11:20:09.75"),
    ],
)
def test_start_and_end_with_and_without_offset(start: str, end: str) -> None:
    # Found by the fuzzing campaign: one time with an offset and one without could not be subtracted.
    text = SPEC_SAMPLE.replace('startDateTime="2025-03-14T11:20:00.25"', f'startDateTime="{start}"')
    text = text.replace('endDateTime="2025-03-14T11:20:09.75"', f'endDateTime="{end}"')
    assert start in text and end in text
    (report,) = convert_with(NAME, SourceFile.from_bytes("a.xml", text.encode()), SETTINGS)
    assert report.info is not None and report.info.exec_time == 9.5


def test_the_three_namespace_generations() -> None:
    assert atml_version("http://www.ieee.org/ATML/2007/TestResults") == "2.02"
    assert atml_version("urn:IEEE-1636.1:2011:01:TestResultsCollection") == "5.00"
    assert atml_version("urn:IEEE-1636.1:2013:TestResultsCollection") == "6.01"
    assert atml_version("urn:IEEE-1636.1:2020:TestResultsCollection") == "other"
    assert atml_version("") is None


def test_testresults_without_namespace_is_not_atml() -> None:
    data = b"<TestResults><Header/><UUT><SerialNumber>X</SerialNumber></UUT></TestResults>"
    assert converter(NAME, SETTINGS).score(SourceFile.from_bytes("t.xml", data)) == 0.0
    with pytest.raises(ConversionError):
        convert_with(NAME, SourceFile.from_bytes("t.xml", data), SETTINGS)


def test_single_limit_keeps_its_limit_in_low_limit() -> None:
    sample = next(s for s in samples(NAME) if s.name == "atml_202")
    (report,) = convert_with(NAME, SourceFile.from_bytes("a.xml", sample.data), SETTINGS)
    ripple = report.find_step("Power rails/Ripple")
    assert ripple is not None
    meas = ripple.raw["numericMeas"][0]
    assert (meas["compOp"], meas["lowLimit"], meas["highLimit"]) == ("LE", 0.05, None)
    rails = report.find_step("Power rails/Rails")
    assert rails is not None and [m["name"] for m in rails.raw["numericMeas"]] == ["1V8", "3V3", "5V0"]
    skipped = report.find_step("Optional RF")
    assert skipped is not None and skipped.step_type == "ET_NLT" and skipped.status == "S"
