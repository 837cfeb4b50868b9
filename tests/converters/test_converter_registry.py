"""Choosing the converter for a file: the whole detection matrix through the station's registry,
the WATS formats included, priorities and tie-breaks, converters that are off by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from converter_support import BUILTIN, converter

from pywats.domains.report.formats import to_wsxf
from pywats.tools.test_uut import TestUUT
from pywats_client.config import ClientConfig
from pywats_client.converters import AUTO_SELECT_THRESHOLD, BUILTIN_CONVERTERS, Converter
from pywats_client.converters.registry import ConverterLoadError, ConverterSet, load_converter_class
from pywats_client.converters.samples import Sample, samples
from pywats_client.converters.source import SourceFile

TESTSTAND_XML = b"""<?xml version="1.0" encoding="iso-8859-1"?>
<?xml-stylesheet type="text/xsl" href="horizontal.xsl"?>
<Reports><Report Type="UUT" Title="UUT Report" UUTResult="Passed" StepCount="2">
<Prop Name="UUT" Type="Obj"><Prop Name="SerialNumber" Type="String"><Value>DEMO-1</Value></Prop></Prop>
</Report></Reports>
"""


def _wats_files() -> dict[str, bytes]:
    uut = TestUUT(
        "PCB-4711", "DEMO-0099-W", "C", "kari", station_name="FCT-07", location="L", station_purpose="P"
    )
    uut.add_numeric_step("VCC", 3.3, low_limit=3.1, high_limit=3.5, unit="V")
    wstf = (
        "--Header-Start--\nSerialNumber\tDEMO-0098-W\nPartNumber\tPCB-4711\nRevision\tC\n--Step-Data-Start--\n"
        "NumericLimitTest\tVCC\t\t3.3\t3.1\t3.5\tGELE\tV\tPassed\t\t\t\t\n--Step-Data-End--\n--UUT-End--\n"
    )
    return {"report.json": uut.to_wsjf(), "report.xml": to_wsxf(uut), "report.txt": wstf.encode()}


def _config(sample: Sample | None) -> ClientConfig:
    """Every converter on, each equipment converter with a process code; CSV with the sample's mapping."""
    options = {name: {"options": {"process_code": 10}} for name in BUILTIN}
    if sample is not None:
        options[sample.converter] = {"options": dict(sample.settings)}
    options["testexec_sl"] = {"enabled": True, "options": options["testexec_sl"]["options"]}
    return ClientConfig.model_validate({"station_name": "S", "converters": options})


def test_builtin_list_matches_the_test_table() -> None:
    assert set(BUILTIN) | {"wsjf", "wsxf", "wstf"} == set(BUILTIN_CONVERTERS)
    for name, path in BUILTIN.items():
        assert BUILTIN_CONVERTERS[name] == path


@pytest.mark.parametrize("sample", [s for s in samples() if not s.expect_error], ids=lambda s: s.name)
def test_the_station_chooses_the_samples_own_converter(sample: Sample, tmp_path: Path) -> None:
    converters = ConverterSet.from_config(_config(sample))
    selection = converters.select(SourceFile(sample.write(tmp_path)))
    assert selection.info is not None, selection.explain()
    assert selection.info.name == sample.converter, (selection.info.name, selection.score, selection.reasons)


@pytest.mark.parametrize(("name", "data"), [*_wats_files().items(), ("teststand.xml", TESTSTAND_XML)])
def test_wats_files_and_teststand_xml_are_left_to_their_own(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    source = SourceFile(path)
    configurations = [s.settings for s in samples("generic_csv")] + [{}]
    for conv_name in BUILTIN:
        for settings in configurations if conv_name == "generic_csv" else [{}]:
            score = converter(conv_name, settings).score(source)
            assert score < AUTO_SELECT_THRESHOLD, f"{conv_name} claims {name} at {score}"
    chosen = ConverterSet.from_config(_config(None)).select(source)
    expected = {"report.json": "wsjf", "report.xml": "wsxf", "report.txt": "wstf"}.get(name)
    assert (chosen.info.name if chosen.info else None) == expected, chosen.reasons


def test_wats_converters_leave_equipment_files_alone(tmp_path: Path) -> None:
    for sample in samples():
        source = SourceFile(sample.write(tmp_path / sample.name))
        for name in ("wsjf", "wsxf", "wstf"):
            info = ConverterSet.from_config(_config(None)).get(name)
            assert info is not None and info.converter is not None
            assert info.converter.score(source) < AUTO_SELECT_THRESHOLD, (name, sample.name)


class _Always(Converter):
    name = "always"
    file_patterns = ("*.dat",)

    def can_convert(self, file: SourceFile) -> float:
        return 0.7

    def convert(self, file, context):  # type: ignore[no-untyped-def]
        raise NotImplementedError


class _AlsoAlways(_Always):
    name = "also"


def test_equal_scores_go_to_the_higher_priority_then_the_name(tmp_path: Path) -> None:
    from pywats_client.converters.registry import ConverterInfo

    path = tmp_path / "x.dat"
    path.write_text("x")
    infos = [
        ConverterInfo(c.name, "", True, p, False, converter=c)
        for c, p in ((_Always(), 5), (_AlsoAlways(), 5))
    ]
    assert ConverterSet(infos).select(SourceFile(path)).info.name == "also"  # type: ignore[union-attr]
    infos[0].priority = 2
    assert ConverterSet(infos).select(SourceFile(path)).info.name == "always"  # type: ignore[union-attr]
    infos[0].enabled = False
    assert ConverterSet(infos).select(SourceFile(path), allowed=["always"]).info is None
    other = tmp_path / "x.bin"
    other.write_text("x")
    assert "no enabled converter handles" in ConverterSet(infos).select(SourceFile(other)).explain()


def test_unverified_converters_are_off_until_enabled() -> None:
    default = ConverterSet.from_config(ClientConfig.model_validate({"station_name": "S"}))
    info = default.get("testexec_sl")
    assert info is not None and info.enabled is False and info.usable is False
    enabled = ConverterSet.from_config(
        ClientConfig.model_validate({"station_name": "S", "converters": {"testexec_sl": {"enabled": True}}})
    )
    assert enabled.get("testexec_sl").enabled is True  # type: ignore[union-attr]


def test_bad_import_strings_and_bad_settings_are_reported_per_converter() -> None:
    with pytest.raises(ConverterLoadError, match="import string"):
        load_converter_class("no_colon")
    with pytest.raises(ConverterLoadError, match="cannot import"):
        load_converter_class("no_such_module_xyz:Thing")
    with pytest.raises(ConverterLoadError, match="not a subclass"):
        load_converter_class("pathlib:Path")
    config = ClientConfig.model_validate(
        {
            "station_name": "S",
            "converters": {
                "junit": {"options": {"process_code": "ten"}},
                "mine": {"class": "no_such_module_xyz:Thing"},
            },
        }
    )
    converters = ConverterSet.from_config(config)
    junit, mine = converters.get("junit"), converters.get("mine")
    assert junit is not None and junit.error is not None and "process_code" in junit.error
    assert mine is not None and mine.error is not None and "cannot import" in mine.error
