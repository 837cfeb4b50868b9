"""Seica XML converter: golden reports, detection, fuzzing, panel verdicts and missing limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import check_detection, check_golden, check_samples_convert, convert_with, fuzz

from pywats_client.converters.samples import samples
from pywats_client.converters.samples.seica import SETTINGS, SPEC_SAMPLE
from pywats_client.converters.source import SourceFile

NAME = "seica"


@pytest.mark.parametrize("sample", samples(NAME), ids=lambda s: s.name)
def test_golden(sample, tmp_path: Path) -> None:
    check_golden(sample, tmp_path)


def test_samples_convert_to_valid_reports(tmp_path: Path) -> None:
    check_samples_convert(NAME, tmp_path)


def test_detection(tmp_path: Path) -> None:
    check_detection(NAME, tmp_path)


def test_fuzz() -> None:
    fuzz(NAME)


def test_panel_verdict_does_not_fail_a_good_board() -> None:
    first, second = convert_with(NAME, SourceFile.from_bytes("p.xml", SPEC_SAMPLE.encode()), SETTINGS)
    assert (first.sn, first.result, second.sn, second.result) == ("DEMO-0012-M", "F", "DEMO-0013-N", "P")
    assert (first.pn, first.rev) == ("PCB4711", "C")
    assert ("PanelId", "PNL-0100") in [(m.description, m.text) for m in second.misc_infos]


def test_a_single_board_takes_the_panel_verdict() -> None:
    one = SPEC_SAMPLE[: SPEC_SAMPLE.index('  <BI BC="PNL-0100" BCP="DEMO-0013-N"')] + '  <ET NF="1"/>\n</R>\n'
    one = one.replace('TR="1"', 'TR="0"')
    (report,) = convert_with(NAME, SourceFile.from_bytes("p.xml", one.encode()), SETTINGS)
    assert report.result == "F"


def test_missing_limits_are_not_zero() -> None:
    panel = next(s for s in samples(NAME) if s.name == "seica_panel")
    report = convert_with(NAME, SourceFile.from_bytes("p.xml", panel.data), SETTINGS)[0]
    vf = report.find_step("Diodes/D2 Vf")
    leak = report.find_step("Diodes/D2 leakage")
    assert vf is not None and leak is not None
    assert vf.raw["numericMeas"][0]["compOp"] == "LOG"
    assert (leak.raw["numericMeas"][0]["compOp"], leak.raw["numericMeas"][0]["lowLimit"]) == ("LE", 1.0)
