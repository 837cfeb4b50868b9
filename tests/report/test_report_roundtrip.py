"""Reading and writing reports loses nothing: the real exports, unknown content, special numbers, WSXF."""

from __future__ import annotations

import json
import math

import pytest

from pywats.domains.report.formats import parse_report, parse_wsxf, to_wsjf, to_wsxf
from pywats.domains.report.models import (
    GenericStep,
    NumericStep,
    SequenceCall,
    UURReport,
    UUTReport,
    parse_wsjf,
)
from report_samples import UUR_FIXTURE, UUT_FIXTURE, full_uut, key_orders, numbers_equal, repair_for


@pytest.mark.parametrize("path", [UUT_FIXTURE, UUR_FIXTURE], ids=["uut", "uur"])
def test_real_exports_round_trip_to_the_same_document(path) -> None:  # type: ignore[no-untyped-def]
    original = path.read_bytes()
    written = parse_wsjf(original).to_wsjf()
    assert numbers_equal(json.loads(written), json.loads(original))
    assert key_orders(json.loads(written)) == key_orders(json.loads(original))


def test_real_uut_export_reads_as_a_typed_tree() -> None:
    report = parse_wsjf(UUT_FIXTURE.read_bytes())
    assert isinstance(report, UUTReport)
    assert report.root.step_type == "WATS_SeqCall" and isinstance(report.root, SequenceCall)
    steps = list(report.root.walk())
    assert len(steps) == 281
    assert [s.id for s in steps] == list(range(1, 282))
    first = report.root.steps[0]
    assert isinstance(first, NumericStep)
    assert first.measurement is not None and first.measurement.comp_op == "GELE"
    assert first.measurement.evaluate() is True
    assert report.sub_units[0].rev == "01     "  # trailing blanks kept
    assert report.start is not None and report.start.utcoffset() is not None
    assert report.check() == []


def test_real_uur_export_reads_as_a_repair() -> None:
    report = parse_wsjf(UUR_FIXTURE.read_bytes())
    assert isinstance(report, UURReport)
    assert report.info is not None and report.info.test_operation_code == 90
    assert report.main_unit.failures[0].code == "Burned Component"
    assert report.uut_id == "873d67f8-7669-4f4b-a627-e598e444d323"


def test_unknown_step_types_members_and_children_survive() -> None:
    doc = json.loads(UUT_FIXTURE.read_bytes())
    doc["vendorExtension"] = {"a": [1, 2, {"b": None}]}
    doc["root"]["steps"].insert(
        0,
        {
            "group": "M",
            "stepType": "ACME_Custom",
            "name": "Custom",
            "status": "D",
            "acmePayload": {"x": 1},
            "steps": [
                {"group": "M", "stepType": "Other", "name": "Inner", "status": "P", "weird": [None, True]}
            ],
        },
    )
    doc["root"]["steps"][1]["numericMeas"][0]["extraMember"] = "kept"
    report = parse_wsjf(json.dumps(doc))
    custom = report.root.steps[0]  # type: ignore[union-attr]
    assert isinstance(custom, GenericStep)
    assert custom.extra == {"acmePayload": {"x": 1}}
    assert custom.steps[0].name == "Inner"
    assert numbers_equal(json.loads(report.to_wsjf()), doc)


def test_explicit_nulls_and_key_order_are_kept() -> None:
    doc = {"type": "T", "zeta": None, "id": "5f0c3e1a-7b2d-4c59-9e8f-0a1b2c3d4e5f", "pn": "P", "alpha": 1}
    assert parse_wsjf(json.dumps(doc)).to_wsjf() == json.dumps(doc, separators=(",", ":")).encode()


def test_seven_digit_fractions_survive() -> None:
    doc = json.loads(UUT_FIXTURE.read_bytes())
    doc["start"] = "2026-01-30T22:01:41.4707353+01:00"
    report = parse_wsjf(json.dumps(doc))
    assert json.loads(report.to_wsjf())["start"] == "2026-01-30T22:01:41.4707353+01:00"
    assert report.start is not None and report.start.microsecond == 470735


def test_nan_and_infinity_have_the_wire_form() -> None:
    uut = full_uut()
    step = uut.root.add_numeric_step("Open circuit", math.inf, comp_op="LOG")
    step.add_measurement("Floor", -math.inf, comp_op="LOG")
    text = uut.to_wsjf()
    assert b'"value":"Infinity"' in text and b'"value":"-Infinity"' in text and b'"value":"NaN"' in text
    back = parse_wsjf(text)
    values = [m.value for s in back.root.walk() if isinstance(s, NumericStep) for m in s.measurements]
    assert math.inf in values and -math.inf in values and any(v is not None and math.isnan(v) for v in values)
    for spelling in ("INF", "+inf", "-INF", "infinity", "NaN", "1.5"):
        doc = json.loads(text)
        doc["root"]["steps"][0]["numericMeas"] = [
            {"compOp": "LOG", "name": None, "status": "P", "value": spelling}
        ]
        parsed = parse_wsjf(json.dumps(doc))
        assert parsed.root.steps[0].measurements[0].value is not None  # type: ignore[attr-defined]


def _normalised(value):  # type: ignore[no-untyped-def]
    """Content only: '' and null alike, no null members, numbers as floats."""
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items() if v not in (None, "", [])}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "nan" if math.isnan(value) else float(value)
    if isinstance(value, str) and value in ("NaN", "Infinity", "-Infinity"):
        return "nan" if value == "NaN" else float(value.replace("Infinity", "inf"))
    return value


@pytest.mark.parametrize("make", [full_uut, lambda: repair_for(full_uut())], ids=["uut", "uur"])
def test_wsjf_to_wsxf_and_back_keeps_the_content(make) -> None:  # type: ignore[no-untyped-def]
    report = make()
    back = parse_wsxf(to_wsxf(report, include_indexes=True))
    expected = _normalised(json.loads(report.to_wsjf()))
    expected.pop("assetStats", None)
    got = _normalised(json.loads(back.to_wsjf()))
    got.pop("assetStats", None)
    assert got == expected


@pytest.mark.parametrize("path", [UUT_FIXTURE, UUR_FIXTURE], ids=["uut", "uur"])
def test_real_exports_survive_wsxf(path) -> None:  # type: ignore[no-untyped-def]
    report = parse_wsjf(path.read_bytes())
    xml = to_wsxf(report)
    assert xml.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert b'xmlns="http://wats.virinco.com/schemas/WATS/Report/wsxf"' in xml
    back = parse_report(xml)
    assert _normalised(json.loads(back.to_wsjf())) == _normalised(json.loads(report.to_wsjf()))


def test_wsxf_spells_values_the_wsxf_way() -> None:
    xml = to_wsxf(full_uut(), include_indexes=True).decode()
    assert 'Result="Failed"' in xml and 'Group="Setup"' in xml and 'Status="Done"' in xml
    assert 'NumericValue="NaN"' in xml and 'MeasOrderNumber="-1"' in xml and "StepIndex=" in xml
    assert 'ExitCode="0"' in xml and 'Units="dB"' in xml and 'Version=""' in xml
    assert "<Callexe" in xml and "<MessagePopup" in xml and "<Attachment" in xml and "<Binary" in xml


def test_wsxf_read_gives_what_the_server_exports_as_wsjf() -> None:
    xml = to_wsxf(full_uut()).replace(b'ID="', b'ID="').decode()
    report = parse_wsxf(xml)
    assert report.id == report.id.lower()
    doc = json.loads(report.to_wsjf())
    assert doc["assetStats"] == [] and doc["miscInfos"][0] == {
        "description": "Firmware",
        "text": "2.4.1",
        "numeric": None,
    }
    meas = doc["root"]["steps"][1]["steps"][2]["numericMeas"][0]
    assert list(meas)[:7] == ["compOp", "name", "status", "unit", "value", "highLimit", "lowLimit"]


def test_to_wsjf_accepts_a_plain_dict() -> None:
    doc = json.loads(UUR_FIXTURE.read_bytes())
    assert numbers_equal(json.loads(to_wsjf(doc)), doc)
