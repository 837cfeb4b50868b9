"""The station's intake with equipment converters: ids, station fill, and a file changing mid-read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pywats.domains.report.models import Report
from pywats_client.config import ClientConfig
from pywats_client.converters import COMMON_PARAMETERS, ConversionContext, Converter, SourceFile
from pywats_client.converters.registry import ConverterInfo, ConverterSet
from pywats_client.converters.samples import samples
from pywats_client.intake import IntakeError, StationFill, convert_file

FILL = StationFill("INTAKE-1", "Lab", "Production")


class _GrowsWhileRead(Converter):
    """Reads the file, then the 'tester' appends to it before the conversion ends."""

    name = "grows"
    file_patterns = ("*.grow",)
    parameters = COMMON_PARAMETERS

    def can_convert(self, file: SourceFile) -> float:
        return 0.9

    def convert(self, file: SourceFile, context: ConversionContext) -> Report:
        file.read_bytes()
        with file.path.open("ab") as handle:
            handle.write(b"more\n")
        report = context.new_report(sn="G-1", pn="P", start=datetime(2025, 3, 14))
        report.add_pass_fail_step("ok", True)
        return report


def test_a_file_that_changes_during_conversion_is_offered_again(tmp_path: Path) -> None:
    path = tmp_path / "x.grow"
    path.write_bytes(b"start\n")
    converter = _GrowsWhileRead({"process_code": 10})
    converters = ConverterSet([ConverterInfo("grows", "", True, 5, True, converter=converter)])
    with pytest.raises(IntakeError) as info:
        convert_file(path, converters, FILL, max_bytes=1 << 20)
    assert info.value.incomplete and "changed while" in info.value.reason


def test_equipment_reports_keep_their_stable_ids_through_intake(tmp_path: Path) -> None:
    sample = next(s for s in samples("keysight_3070") if s.name == "i3070_panel")
    config = ClientConfig.model_validate(
        {"station_name": "INTAKE-1", "converters": {"keysight_3070": {"options": dict(sample.settings)}}}
    )
    converters = ConverterSet.from_config(config)
    path = sample.write(tmp_path)
    first = convert_file(path, converters, FILL, max_bytes=1 << 20)
    path.write_bytes(path.read_bytes() + b"\n")  # the same boards in a file with another digest
    second = convert_file(path, converters, FILL, max_bytes=1 << 20)
    assert first.converter == "keysight_3070" and len(first.reports) == 4
    assert [r.id for r in first.reports] == [r.id for r in second.reports]
    assert all(r.raw["location"] == "Lab" for r in first.reports)
