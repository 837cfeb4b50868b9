"""Keysight 3070 converter: golden reports, detection, fuzzing, and the record-tree rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.keysight_3070 import parse_records
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.keysight_3070 import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile

NAME = "keysight_3070"


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
    (report,) = convert_with(NAME, SourceFile.from_bytes("log", SPEC_SAMPLE.encode()), SETTINGS)
    assert (report.sn, report.result, report.info.exec_time) == ("DEMO-0004-D", "F", 42)  # type: ignore[union-attr]
    assert report.raw["start"] == "2025-03-14T12:30:01+01:00"
    assert report.info is not None and report.info.test_socket_index == 1
    assert [(m.description, m.text) for m in report.misc_infos] == [("PanelId", "PNL-0099")]
    diode = report.find_step("Diodes/d3")
    assert diode is not None
    meas = diode.raw["numericMeas"][0]
    assert (meas["lowLimit"], meas["highLimit"]) == (0.5, 0.8), "LIM2 is high, low"
    fuse = report.find_step("Fuses/f1")
    assert fuse is not None
    meas = fuse.raw["numericMeas"][0]
    assert (meas["compOp"], meas["lowLimit"], meas["highLimit"]) == ("GE", 0.0, None), "+9.999999E+99 is open"


@pytest.mark.parametrize("socket", ["¹", "٣x", "-1", ""])
def test_a_socket_index_that_is_not_ascii_digits_is_left_out(socket: str) -> None:
    # Found by the fuzzing campaign: "¹" passes str.isdigit() but not int().
    text = SPEC_SAMPLE.replace("250314123043||1|PNL-0099", f"250314123043||{socket}|PNL-0099")
    assert text != SPEC_SAMPLE
    (report,) = convert_with(NAME, SourceFile.from_bytes("log", text.encode()), SETTINGS)
    assert report.info is not None and report.info.test_socket_index is None


def test_brace_parser_keeps_nesting_and_lines() -> None:
    roots, balanced = parse_records("{@BATCH|a\n{@BTEST|sn|00\n{@A-RES|0|+1{@LIM2|2|0}}\n}\n}\n")
    assert balanced
    (batch,) = roots
    (board,) = batch.children
    (analog,) = board.children
    assert (board.line, analog.type, analog.children[0].type) == (2, "A-RES", "LIM2")
    assert parse_records("{@BATCH|a\n{@BTEST|x")[1] is False
    with pytest.raises(ConversionError, match="line 1"):
        parse_records("}")


def test_unclosed_file_is_incomplete_unless_accepted() -> None:
    cut = SPEC_SAMPLE[: SPEC_SAMPLE.index("{@BLOCK|u7")].encode()
    with pytest.raises(IncompleteFileError):
        convert_with(NAME, SourceFile.from_bytes("log", cut), SETTINGS)
    (report,) = convert_with(NAME, SourceFile.from_bytes("log", cut), {**SETTINGS, "accept_incomplete": True})
    assert report.result == "T"
