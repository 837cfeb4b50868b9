"""SPEA converter: golden reports, detection, fuzzing, open-limit sentinels and zero limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.samples import samples
from pywats_client.converters.samples.spea import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile

NAME = "spea"


@pytest.mark.parametrize("sample", samples(NAME), ids=lambda s: s.name)
def test_golden(sample, tmp_path: Path) -> None:
    check_golden(sample, tmp_path)


def test_samples_convert_to_valid_reports(tmp_path: Path) -> None:
    check_samples_convert(NAME, tmp_path)


def test_detection(tmp_path: Path) -> None:
    check_detection(NAME, tmp_path)


def test_fuzz() -> None:
    fuzz(NAME)


def _limits(report, path: str) -> tuple:
    step = report.find_step(path)
    assert step is not None, path
    meas = step.raw["numericMeas"][0]
    return meas["compOp"], meas["lowLimit"], meas["highLimit"]


def test_spec_sample_maps_as_described() -> None:
    first, second = convert_with(NAME, SourceFile.from_bytes("testdata", SPEC_SAMPLE.encode()), SETTINGS)
    assert (first.sn, first.result, second.sn, second.result) == ("DEMO-0008-H", "F", "DEMO-0009-I", "P")
    assert [s.name for s in first.root.steps] == ["Resistors", "Capacitors", "LNK2TP $GND", "Diodes", "ICs"]
    assert _limits(first, "LNK2TP $GND/LNK2TP $GND 30-31") == ("GELE", 0.0, 10.0), "zero is a real limit"
    assert _limits(first, "Diodes/D3 forward voltage") == ("GE", 0.5, None), "1e+10 is an open limit"
    assert first.info is not None and (first.info.exec_time, first.info.batch_sn) == (72, "LOT-0425")


def test_date_order_follows_the_format_line() -> None:
    data = SPEC_SAMPLE.replace("FORMAT;mmdd", "FORMAT;ddmm").replace("03/14/2025", "14/03/2025")
    reports = convert_with(NAME, SourceFile.from_bytes("testdata", data.encode()), SETTINGS)
    assert reports[0].raw["start"].startswith("2025-03-14T10:05:00")
