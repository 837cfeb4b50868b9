"""TestExec SL converter (unverified layout): golden reports, detection, fuzzing, no number clean-up."""

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

from pywats_client.converters.errors import ConversionError
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.testexec_sl import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile

NAME = "testexec_sl"


@pytest.mark.parametrize("sample", samples(NAME), ids=lambda s: s.name)
def test_golden(sample, tmp_path: Path) -> None:
    check_golden(sample, tmp_path)


def test_samples_convert_to_valid_reports(tmp_path: Path) -> None:
    check_samples_convert(NAME, tmp_path)


def test_detection(tmp_path: Path) -> None:
    check_detection(NAME, tmp_path)


def test_fuzz() -> None:
    fuzz(NAME)


def test_hypothetical_sample_maps_as_described() -> None:
    (report,) = convert_with(NAME, SourceFile.from_bytes("t.xml", SPEC_SAMPLE.encode()), SETTINGS)
    assert (report.sn, report.pn, report.rev, report.result) == ("DEMO-0015-P", "PCB-4711", "C", "F")
    standby = report.find_step("Power/Standby current")
    assert standby is not None
    meas = standby.raw["numericMeas"][0]
    assert (meas["compOp"], meas["lowLimit"], meas["highLimit"]) == ("LE", 0.01, None)


def test_numbers_are_never_cleaned() -> None:
    for bad in ("3,298", "5 V", "3.2.1"):
        data = SPEC_SAMPLE.replace("<Value>3.298</Value>", f"<Value>{bad}</Value>").encode()
        with pytest.raises(ConversionError, match="is not a number"):
            convert_with(NAME, SourceFile.from_bytes("t.xml", data), SETTINGS)


def test_it_is_off_by_default() -> None:
    assert converter(NAME).enabled_by_default is False
