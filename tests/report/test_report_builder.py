"""Building reports with TestUUT and the step methods: limits, statuses, propagation, parts."""

from __future__ import annotations

import json
import math

import pytest

from pywats import Purpose, ValidationError
from pywats.domains.report.models import (
    CallExeStep,
    LoopInfo,
    MessagePopupStep,
    NumericStep,
    PassFailStep,
    SequenceCall,
    StringValueStep,
    UURReport,
    parse_wsjf,
)
from pywats.tools.test_uut import TestUUT
from report_samples import full_uut, minimal_uut


@pytest.mark.parametrize("field", ["part_number", "serial_number", "revision"])
def test_empty_identity_is_rejected(field: str) -> None:
    args = {"part_number": "WIDGET-001", "serial_number": "SN-12345", "revision": "A"}
    args[field] = ""
    with pytest.raises(ValidationError) as caught:
        TestUUT(**args)
    assert caught.value.field == field


def test_guide_example_builds_a_report() -> None:
    uut = TestUUT(
        part_number="WIDGET-001",
        serial_number="SN-12345",
        revision="A",
        operator="John Doe",
        purpose=Purpose.TEST,
    )
    assert (uut.pn, uut.sn, uut.rev, uut.process_code, uut.operator) == (
        "WIDGET-001",
        "SN-12345",
        "A",
        10,
        "John Doe",
    )
    assert uut.result == "P" and uut.type == "T"
    assert TestUUT("P", "S", "A", purpose=50).process_code == 50
    with pytest.raises(ValidationError):
        TestUUT("P", "S", "A", purpose="ten")  # type: ignore[arg-type]


def test_report_id_is_a_fixed_guid() -> None:
    uut = minimal_uut()
    assert len(uut.id) == 36 and uut.id == uut.id.lower()
    assert json.loads(uut.to_wsjf())["id"] == uut.id == json.loads(uut.to_wsjf())["id"]
    with pytest.raises(ValidationError):
        uut.id = "not-a-guid"


@pytest.mark.parametrize(
    ("low", "high", "comp_op", "stored"),
    [
        (3.0, 3.6, None, ("GELE", 3.0, 3.6)),
        (3.0, None, None, ("GE", 3.0, None)),
        (None, 3.6, None, ("LE", 3.6, None)),
        (None, None, None, ("LOG", None, None)),
        (None, 5.0, "LT", ("LT", 5.0, None)),  # single-limit operators keep their limit in lowLimit
        (5.0, None, "le", ("LE", 5.0, None)),
        (1.0, 2.0, "LTGT", ("LTGT", 1.0, 2.0)),
    ],
)
def test_numeric_limits_follow_the_wats_rules(low, high, comp_op, stored) -> None:  # type: ignore[no-untyped-def]
    step = minimal_uut().root.add_numeric_step("X", 3.3, low_limit=low, high_limit=high, comp_op=comp_op)
    meas = step.raw["numericMeas"][0]
    assert (meas["compOp"], meas["lowLimit"], meas["highLimit"]) == stored


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"comp_op": "GELE", "low_limit": 1.0}, "highLimit"),
        ({"comp_op": "GT"}, "lowLimit"),
        ({"comp_op": "GT", "low_limit": 1.0, "high_limit": 2.0}, "highLimit"),
        ({"comp_op": "BETWEEN", "low_limit": 1.0}, "compOp"),
        ({"comp_op": "IGNORECASE"}, "compOp"),
        ({"low_limit": "3"}, "lowLimit"),
        ({"low_limit": 2.0, "high_limit": 1.0}, "highLimit"),
        ({"comp_op": "LTGT", "low_limit": 2.0, "high_limit": 1.0}, "highLimit"),
    ],
)
def test_bad_limits_are_rejected_naming_the_field(kwargs, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        minimal_uut().root.add_numeric_step("X", 3.3, **kwargs)
    assert caught.value.field == field


def test_bad_values_are_rejected() -> None:
    root = minimal_uut().root
    for bad in ("3.3", None, True):
        with pytest.raises(ValidationError):
            root.add_numeric_step("X", bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        root.add_numeric_step("", 1.0)
    with pytest.raises(ValidationError):
        root.add_numeric_step("X", 1.0, group="Z")
    with pytest.raises(ValidationError):
        root.add_numeric_step("X", 1.0, status="maybe")
    with pytest.raises(ValidationError):
        root.add_numeric_step("X", 1.0, colour="red")


def test_a_failure_propagates_by_severity_to_the_result() -> None:
    uut = minimal_uut()
    power = uut.add_sequence_call("Power")
    inner = power.add_sequence_call("Rails")
    assert (power.status, uut.result) == ("P", "P")
    inner.add_numeric_step("Vout", 4.0, low_limit=3.0, high_limit=3.6)
    assert (inner.status, power.status, uut.root.status, uut.result) == ("F", "F", "F", "F")
    inner.add_generic_step("NI_Flow_End", "Abort", status="T")
    assert (power.status, uut.result) == ("T", "T")
    inner.add_numeric_step("Vout again", 4.0, low_limit=3.0, high_limit=3.6)  # F never lowers T
    assert uut.result == "T"


def test_done_and_skipped_do_not_propagate_and_fail_parent_false_stops() -> None:
    uut = minimal_uut()
    seq = uut.add_sequence_call("S")
    seq.add_action_step("Act")
    seq.add_numeric_step("Skip", 1.0, low_limit=2.0, status="S")
    seq.add_numeric_step("Ignored", 9.0, high_limit=1.0, fail_parent=False)
    assert (seq.status, uut.result) == ("P", "P")
    assert seq.steps[1].raw["numericMeas"][0]["status"] == "S"


def test_result_can_be_set_explicitly_and_only_to_report_results() -> None:
    uut = minimal_uut()
    uut.result = "Failed"
    assert uut.result == "F"
    with pytest.raises(ValidationError):
        uut.result = "D"


def test_setting_a_status_or_measurement_later_propagates() -> None:
    uut = minimal_uut()
    step = uut.root.steps[0].steps[1]
    step.status = "E"
    assert uut.result == "E"
    uut2 = minimal_uut()
    meas = uut2.root.steps[0].steps[0].measurements[0]  # type: ignore[attr-defined]
    meas.status = "F"
    assert (uut2.root.steps[0].steps[0].status, uut2.result) == ("F", "F")


def test_multiple_measurement_steps() -> None:
    uut = minimal_uut()
    step = uut.root.add_multi_numeric_step("Rails")
    step.add_measurement("5V", 5.0, low_limit=4.8, high_limit=5.2, unit="V")
    step.add_measurement("12V", 13.0, low_limit=11.5, high_limit=12.5, unit="V")
    assert step.is_multiple and step.status == "F" and uut.result == "F"
    assert [m.name for m in step.measurements] == ["5V", "12V"]
    assert [m.passed for m in step.measurements] == [True, False]
    single = uut.root.add_numeric_step("One", 1.0)
    single.add_measurement("Two", 2.0)
    assert single.step_type == "ET_MNLT"


def test_every_step_kind() -> None:
    uut = full_uut()
    kinds = {type(step).__name__ for step in uut.root.walk()}
    assert {
        "SequenceCall",
        "NumericStep",
        "PassFailStep",
        "StringValueStep",
        "GenericStep",
        "CallExeStep",
        "MessagePopupStep",
    } <= kinds
    chart = uut.find_step("Power/Load step response")
    assert isinstance(chart, NumericStep) and chart.step_type == "WATS_XYGMNLT"
    assert chart.chart is not None and chart.chart.series[0].x_values == [0.0, 0.5, 1.0]
    popup = uut.find_step("MainSequence Callback/Confirm fan noise")
    assert isinstance(popup, MessagePopupStep) and (popup.button, popup.response) == (1, "Noise acceptable")
    exe = uut.find_step("Write config")
    assert isinstance(exe, CallExeStep) and exe.exit_code == 0.0
    ident = uut.find_step("Communication/Identity")
    assert isinstance(ident, StringValueStep) and ident.measurements[0].passed
    assert isinstance(uut.find_step("Communication/CAN bus ping"), PassFailStep)
    assert uut.find_step("Communication/Nope") is None
    shot = uut.find_step("Save scope screenshot")
    assert shot is not None and shot.attachment is not None and shot.attachment.content.startswith(b"\x89PNG")
    assert uut.binary_data[0].content == b"efficiency low at 50% load\n"
    assert (uut.misc_infos[0].description, uut.misc_infos[0].text) == ("Firmware", "2.4.1")
    assert uut.sub_units[0].pn == "PCB-CTRL-7" and uut.assets[0].asset_sn == "DMM-0192"


def test_string_steps_evaluate() -> None:
    uut = minimal_uut()
    assert uut.root.add_string_step("FW", "1.0", limit="1.0").status == "P"
    assert uut.root.add_string_step("FW", "1.0").raw["stringMeas"][0]["compOp"] == "LOG"
    assert uut.root.add_string_step("Case", "ABC", limit="abc", comp_op="IgnoreCase").status == "P"
    assert uut.root.add_string_step("Case", "ABC", limit="abc").status == "F"
    with pytest.raises(ValidationError):
        uut.root.add_string_step("X", "a", comp_op="GELE")


def test_step_paths_loops_and_ids() -> None:
    uut = full_uut()
    step = uut.find_step("Power/Efficiency at 50% load")
    assert step is not None and step.path == "MainSequence Callback/Power/Efficiency at 50% load"
    assert isinstance(step.parent, SequenceCall) and step.parent.name == "Power"
    step.loop = LoopInfo(num=3, passed=2, failed=1, ending_index=3)
    assert step.loop is not None and step.loop.is_summary
    uut.assign_step_ids()
    ids = [s.id for s in uut.root.walk()]
    assert ids == list(range(1, len(ids) + 1))


def test_nan_values_build_and_serialize() -> None:
    uut = minimal_uut()
    step = uut.root.add_numeric_step("Floor", math.nan, low_limit=0.0, high_limit=1.0)
    assert step.status == "F"
    assert b'"value":"NaN"' in uut.to_wsjf()


def test_a_repair_report() -> None:
    uur = UURReport(
        "PN-1",
        "SN-1",
        "A",
        10,
        operator="tech",
        ref_uut="9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96",
        station_name="REPAIR-01",
        location="Lab",
        purpose="Repair",
    )
    uur.add_failure("Component", "Burned", com_ref="U1", comment="smoke")
    fan = uur.add_sub_unit("FAN-80", "F-1", "1", "Fan")
    new_fan = uur.add_sub_unit("FAN-80", "F-2", "1", "Fan", replaced_idx=fan.idx)
    uur.add_failure("Mechanical", "Noise", sub_unit_idx=fan.idx or 0)
    assert (uur.process_code, uur.info.test_operation_code) == (500, 10)  # type: ignore[union-attr]
    assert [u.idx for u in uur.sub_units] == [0, 1, 2] and new_fan.replaced_idx == 1
    assert [f.code for f in uur.failures] == ["Burned", "Noise"]
    assert uur.check() == []
    assert parse_wsjf(uur.to_wsjf()) == uur
    with pytest.raises(ValidationError):
        uur.add_failure("", "x")
    with pytest.raises(ValidationError):
        uur.add_failure("a", "b", sub_unit_idx=9)
    with pytest.raises(ValidationError):
        UURReport("PN", "SN", "A", 10, ref_uut="nope")


def test_copy_is_independent() -> None:
    uut = minimal_uut()
    twin = uut.copy()
    twin.root.add_numeric_step("Only in the copy", 1.0)
    assert twin.id == uut.id and len(list(twin.root.walk())) == len(list(uut.root.walk())) + 1


def test_loops_and_legacy_spellings() -> None:
    uut = minimal_uut()
    summary = uut.root.add_numeric_step("Fan speed", 4510, low_limit=4000, high_limit=5000)
    summary.loop = LoopInfo(num=2, ending_index=2, passed=2, failed=0)
    for index, value in enumerate([4480, 4510]):
        uut.root.add_numeric_step("Fan speed", value, low_limit=4000, high_limit=5000).loop = LoopInfo(
            idx=index
        )
    loops = [step.loop for step in uut.root.steps if step.loop is not None]
    assert [(loop.is_summary, loop.idx, loop.num) for loop in loops] == [
        (True, None, 2),
        (False, 0, None),
        (False, 1, None),
    ]
    legacy = LoopInfo.wrap({"i": 3, "n": 7})
    assert (legacy.idx, legacy.num, legacy.extra) == (3, 7, {})
    asset = parse_wsjf(json.dumps({"type": "T", "assets": [{"sn": "DMM-1", "usageCount": 2}]})).assets[0]
    assert (asset.asset_sn, asset.usage_count, asset.extra) == ("DMM-1", 2, {})
