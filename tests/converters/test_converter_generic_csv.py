"""Generic CSV converter: golden reports, detection, fuzzing, and its configuration options."""

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

from pywats.core.exceptions import ValidationError
from pywats_client.converters.errors import ConversionError
from pywats_client.converters.samples import samples
from pywats_client.converters.samples.generic_csv import (
    APPENDED_SETTINGS,
    PREAMBLE_SETTINGS,
    spreadsheet_export,
)
from pywats_client.converters.source import SourceFile

NAME = "generic_csv"


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
    (report,) = convert_with(NAME, SourceFile.from_bytes("x.csv", spreadsheet_export()), PREAMBLE_SETTINGS)
    assert (report.sn, report.pn, report.rev, report.operator, report.result) == (
        "DEMO-0001-A",
        "PCB-4711",
        "C",
        "kari",
        "F",
    )
    assert [s.name for s in report.root.steps] == ["Power", "Comms", "RF", "Thermal"]
    idle = report.find_step("Power/Idle current")
    assert idle is not None and idle.raw["numericMeas"][0]["lowLimit"] == 0.2
    assert idle.raw["numericMeas"][0]["highLimit"] is None
    tx = report.find_step("RF/Tx power")
    assert tx is not None and tx.step_type == "ET_MNLT"
    assert [m["status"] for m in tx.raw["numericMeas"]] == ["P", "F"]
    temp = report.find_step("Thermal/Board temperature")
    assert temp is not None and temp.status == "D" and temp.raw["numericMeas"][0]["unit"] == "°C"


def _table(text: str, settings: dict) -> list:
    return convert_with(NAME, SourceFile.from_bytes("t.csv", text.encode()), settings)


BASE = {"columns": {"sn": "sn", "step": "step", "value": "value"}, "part_number": "P", "process_code": 1}


def test_quoted_fields_repeated_headers_and_thousands() -> None:
    text = 'sn,step,value\nA1,"Temp, board","1 234.5"\nsn,step,value\nA1,"two\nlines",3\n'
    reports = _table(text, {**BASE, "thousands": " "})
    assert len(reports) == 2, "a repeated header row starts a new run"
    assert reports[0].root.steps[0].name == "Temp, board"
    assert reports[0].root.steps[0].raw["numericMeas"][0]["value"] == 1234.5
    assert reports[1].root.steps[0].name == "two lines"


def test_decimal_comma_never_guesses() -> None:
    text = "sn;step;value\nA1;version;1.234\nA1;volts;1,234\n"
    (report,) = _table(text, {**BASE, "decimal": ","})
    version, volts = report.root.steps
    assert version.step_type == "ET_SVT", "1.234 under decimal comma is text, not 1234 or 1.234"
    assert volts.raw["numericMeas"][0]["value"] == 1.234


def test_value_unit_split_trust_status_and_status_tokens() -> None:
    text = "sn;step;value;low;high;status\nA1;Vout;5.31 V;4.75;5.25;GO\nA1;Vin;12mA;;;NOGO\n"
    settings = {
        **BASE,
        "columns": {**BASE["columns"], "low": "low", "high": "high", "status": "status"},
        "value_unit_split": True,
        "status_tokens": {"P": ["GO"], "F": ["NOGO"]},
    }
    (report,) = _table(text, settings)
    vout, vin = report.root.steps
    assert (vout.status, vout.raw["numericMeas"][0]["unit"]) == ("P", "V"), "the file's status is kept"
    assert (vin.status, vin.raw["numericMeas"][0]["unit"]) == ("F", "mA")
    (recomputed,) = _table(text, {**settings, "trust_file_status": False})
    assert recomputed.root.steps[0].status == "F"


def test_epoch_times_defaults_and_misc() -> None:
    text = "sn;t;step;value\nA1;1741939200;Vout;5\n"
    settings = {
        **BASE,
        "columns": {**BASE["columns"], "start": "t"},
        "time_formats": ["epoch_s"],
        "defaults": {"rev": "B", "operator": "kari"},
    }
    (report,) = _table(text, settings)
    assert (
        report.raw["startUTC"] == "2025-03-14T08:00:00Z" and report.rev == "B" and report.operator == "kari"
    )


def test_configuration_errors_name_the_setting() -> None:
    with pytest.raises(ValidationError) as info:
        converter(NAME, {"delimiter": "space"})
    assert info.value.field == "delimiter"
    with pytest.raises(ConversionError, match="no column mapping"):
        _table("a,b\n1,2\n", {"process_code": 1})
    with pytest.raises(ConversionError, match="not a role"):
        _table("sn,step,value\n", {**BASE, "columns": {**BASE["columns"], "colour": "sn"}})
    with pytest.raises(ConversionError, match="no header row"):
        _table("serial,test\nA,B\n", BASE)
    with pytest.raises(ConversionError, match="line 2"):
        _table("sn,step,value,low\nA1,x,3,abc\n", {**BASE, "columns": {**BASE["columns"], "low": "low"}})


def test_without_mapping_only_the_extension_counts() -> None:
    conv = converter(NAME, {})
    assert conv.score(SourceFile.from_bytes("x.csv", b"a,b\n1,2\n")) <= 0.1
    assert conv.score(SourceFile.from_bytes("x.dat", b"a,b\n1,2\n")) == 0.0


def test_appended_runs_keep_apart(tmp_path: Path) -> None:
    reports = convert_with(NAME, SourceFile.from_bytes("r.csv", samples(NAME)[2].data), APPENDED_SETTINGS)
    assert [r.result for r in reports] == ["F", "P"]
