"""Klippel converter: golden reports, detection, fuzzing, start-time offsets and curves."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.klippel import parse_start
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.klippel import SETTINGS
from pywats_client.converters.source import SourceFile

NAME = "klippel"


@pytest.mark.parametrize("sample", samples(NAME), ids=lambda s: s.name)
def test_golden(sample, tmp_path: Path) -> None:
    check_golden(sample, tmp_path)


def test_samples_convert_to_valid_reports(tmp_path: Path) -> None:
    check_samples_convert(NAME, tmp_path)


def test_detection(tmp_path: Path) -> None:
    check_detection(NAME, tmp_path)


def test_fuzz() -> None:
    fuzz(NAME)


def test_start_time_keeps_its_offset_east_and_west() -> None:
    east = parse_start("2025-3-11-73-6-14-12-30-5-120-60-1.742E+09")
    west = parse_start("2025-3-11-73-6-14-8-5-0-300--300-1.7419575E+09")
    assert east.isoformat() == "2025-03-14T12:30:05.120000+01:00"
    assert west.isoformat() == "2025-03-14T08:05:00.300000-05:00"
    with pytest.raises(ConversionError):
        parse_start("2025-3-14 12:30")


def test_spec_device_maps_as_described(tmp_path: Path) -> None:
    sample = samples(NAME)[0]
    (report,) = convert_with(NAME, SourceFile(sample.write(tmp_path)), SETTINGS)
    assert (report.sn, report.operator, report.result) == ("SPK-0014", "kari", "F")
    fs = report.find_step("Impedance/fs")
    assert fs is not None and fs.status == "F"
    thd = report.find_step("Sound Pressure/thd")
    assert thd is not None and thd.step_type == "WATS_XYGMNLT" and thd.status == "P"
    assert thd.chart is not None and len(thd.chart.series[0].y_values) == 6, (
        "'-' points are missing, not zero"
    )


def test_data_folder_must_exist(tmp_path: Path) -> None:
    sample = samples(NAME)[2]
    with pytest.raises(IncompleteFileError):
        convert_with(NAME, SourceFile(sample.write(tmp_path)), SETTINGS)
    (report,) = convert_with(
        NAME, SourceFile(sample.write(tmp_path)), {**SETTINGS, "require_data_folder": False}
    )
    assert report.result == "F"
