"""XJTAG converter: golden reports, detection, fuzzing, grown logs and container safety."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.xjtag import SETTINGS, SPEC_RUN, _run, container
from pywats_client.converters.source import SourceFile

NAME = "xjtag"


@pytest.mark.parametrize("sample", samples(NAME), ids=lambda s: s.name)
def test_golden(sample, tmp_path: Path) -> None:
    check_golden(sample, tmp_path)


def test_samples_convert_to_valid_reports(tmp_path: Path) -> None:
    check_samples_convert(NAME, tmp_path)


def test_detection(tmp_path: Path) -> None:
    check_detection(NAME, tmp_path)


def test_fuzz() -> None:
    fuzz(NAME, examples=30)


def test_spec_sample_maps_as_described() -> None:
    (report,) = convert_with(NAME, SourceFile.from_bytes("x.xjlog", container([SPEC_RUN])), SETTINGS)
    assert (report.sn, report.pn, report.station_name, report.result) == (
        "DEMO-0011-L",
        "PCB4711",
        "XJLINK-A",
        "F",
    )
    assert report.raw["startUTC"] == "2025-03-14T09:15:30.125000Z"
    assert report.info is not None and report.info.exec_time == pytest.approx(1.207)
    verify = report.find_step("Memory/U4.Verify")
    assert verify is not None and "Verify failed at 0x0040" in (verify.report_text or "")


def test_a_grown_log_keeps_the_ids_of_its_earlier_runs() -> None:
    rng = random.Random(1)
    runs = [_run(rng, "DEMO-1", 5 + i, failing=False, user="kari") for i in range(3)]
    before = convert_with(NAME, SourceFile.from_bytes("x.xjlog", container(runs[:2])), SETTINGS)
    after = convert_with(NAME, SourceFile.from_bytes("x.xjlog", container(runs)), SETTINGS)
    assert [r.id for r in after[:2]] == [r.id for r in before]
    assert len({r.id for r in after}) == 3


def test_containers_that_are_not_logs() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as other:
        other.writestr("readme.txt", "hello")
    with pytest.raises(ConversionError, match=r"Info\.xml"):
        convert_with(NAME, SourceFile.from_bytes("x.zip", buffer.getvalue()), SETTINGS)
    with pytest.raises(IncompleteFileError):
        convert_with(NAME, SourceFile.from_bytes("x.xjlog", b"PK\x03\x04not really"), SETTINGS)
