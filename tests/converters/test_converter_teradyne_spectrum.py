"""Teradyne Spectrum converter: golden reports, detection, fuzzing, the record parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.teradyne_spectrum import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile
from pywats_client.converters.spectrum_records import parse_nodes

NAME = "teradyne_spectrum"


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
    (report,) = convert_with(NAME, SourceFile.from_bytes("PB.txt", SPEC_SAMPLE.encode()), SETTINGS)
    assert (report.sn, report.pn, report.operator, report.result) == ("DEMO-0010-K", "PCB4711", "kari", "F")
    assert report.info is not None and report.info.exec_time == pytest.approx(4.292)
    l3 = report.find_step("JUMPERS/L3")
    assert l3 is not None
    meas = l3.raw["numericMeas"][0]
    assert (meas["compOp"], meas["value"], meas["lowLimit"], meas["unit"]) == ("LE", 412.5, 5000.0, "mΩ")
    discharge = report.find_step("JUMPERS/C12_DSG")
    assert (
        discharge is not None and discharge.step_type == "ET_PFT" and "50 mV" in (discharge.report_text or "")
    )


def test_the_parser_reads_records_not_lines() -> None:
    wrapped = '(STEP:\n(SNAME:\n"X")\n(PAGE: (PAGE_NAME: "A") (STAT:\nPASS)))'
    (step,) = parse_nodes(wrapped)
    assert step.value("SNAME") == "X"
    page = step.get("PAGE")
    assert page is not None and page.value("STAT") == "PASS"
    with pytest.raises(IncompleteFileError):
        parse_nodes('(STEP: (SNAME: "X")')
    with pytest.raises(ConversionError):
        parse_nodes("text outside")
