"""Teradyne ICT datalog converter: golden reports, detection, fuzzing, measurement lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.samples import samples
from pywats_client.converters.samples.teradyne_ict import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile
from pywats_client.converters.teradyne_ict import parse_measurement

NAME = "teradyne_ict"


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
    first, second = convert_with(NAME, SourceFile.from_bytes("log.txt", SPEC_SAMPLE.encode()), SETTINGS)
    assert (first.sn, first.pn, first.operator, first.result) == ("DEMO-0005-E", "PCB4711", "kari", "P")
    assert first.info is not None and (first.info.test_socket_index, first.info.exec_time) == (1, 36)
    assert first.find_step("Relays/K1_SET(VS)") is None, "source settings are not measurements"
    assert (second.operator, second.result) == (None, "F"), "an override applies to its own board only"
    c12 = second.find_step("Capacitors/C12(CP)")
    assert c12 is not None
    assert (c12.error_message, c12.report_text, c12.status) == ("MEAS ACZ CP", "LOW VALUE", "F")


@pytest.mark.parametrize(
    ("line", "value", "low", "high", "unit"),
    [
        ("R101=1.002K(950,1.05K)R", 1.002, 0.95, 1.05, "kΩ"),
        ("R7=10.1MEG(9.5MEG,10.5MEG)R", 10.1, 9.5, 10.5, "MΩ"),
        ("U5_ICC=12.4M(5M,20M)I", 12.4, 5, 20, "mA"),
        ("C3=4.8U(4200N,5.8U)CP", 4.8, 4.2, 5.8, "µF"),
        ("D1=0.6(,0.75)DC", 0.6, None, 0.75, "V"),
    ],
)
def test_one_scale_for_value_and_limits(line: str, value: float, low, high, unit: str) -> None:
    m = parse_measurement(line)
    assert m is not None
    assert m.value == pytest.approx(value) and m.unit == unit
    assert (m.low is None and low is None) or m.low == pytest.approx(low)
    assert (m.high is None and high is None) or m.high == pytest.approx(high)


def test_lines_that_are_not_measurements() -> None:
    assert parse_measurement("hello world") is None
    assert parse_measurement("R1=1(2,3") is None
