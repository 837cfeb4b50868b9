"""Validation finds every problem at once and says where each one is."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from pywats import ValidationError
from pywats.domains.report.models import ReportValidationError, parse_wsjf, validate_report
from report_samples import START, UUR_FIXTURE, full_uut, minimal_uut


def _doc(report) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(report.to_wsjf())  # type: ignore[no-any-return]


def _problems(doc: dict) -> list[str]:  # type: ignore[type-arg]
    return [str(p) for p in parse_wsjf(json.dumps(doc)).check(now=START) if p.severity == "error"]


def test_a_valid_report_has_no_problems() -> None:
    assert full_uut().check(now=START) == []
    assert minimal_uut().validate() == []


def test_all_problems_are_reported_at_once_with_step_paths() -> None:
    doc = _doc(full_uut())
    power = doc["root"]["steps"][1]
    rails = power["steps"][0]["numericMeas"]
    rails[0]["highLimit"], rails[0]["lowLimit"] = 1.0, 2.0
    power["steps"][2]["numericMeas"][0]["compOp"] = "BETWEEN"
    doc["pn"] = "x" * 101
    doc["miscInfos"][0]["text"] = "y" * 101
    doc["root"]["steps"][2]["steps"][3]["stringMeas"][0]["value"] = "z" * 101
    with pytest.raises(ReportValidationError) as caught:
        validate_report(parse_wsjf(json.dumps(doc)), now=START)
    problems = [str(p) for p in caught.value.problems]
    assert isinstance(caught.value, ValidationError)
    assert problems == [
        "header: pn is 101 characters; at most 100 allowed",
        "miscInfos[0]: text is 101 characters; at most 100 allowed",
        "MainSequence Callback/Power/Output rails/48V: highLimit < lowLimit (1 < 2)",
        "MainSequence Callback/Power/Efficiency at 50% load: "
        "compOp 'BETWEEN' is not a numeric comparison operator",
        "MainSequence Callback/Communication/Identity/Vendor: value is 101 characters; at most 100 allowed",
    ]
    assert caught.value.field == "pn"
    assert "5 problems" in caught.value.message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("sn"), "header: sn is required"),
        (lambda d: d.update(processCode="10"), "header: processCode must be an integer, got '10'"),
        (lambda d: d.update(processCode=40000), "header: processCode 40000 is outside the 16-bit range"),
        (lambda d: d.update(result="D"), "header: result must be P, F, E or T, got 'D'"),
        (lambda d: d.update(start="2025-06-12T14:03:07"), "header: start needs a UTC offset"),
        (lambda d: d.update(start="1969-12-31T23:00:00+00:00"), "header: start is before 1970-01-01"),
        (lambda d: d.update(id="abc"), "header: id must be a GUID"),
        (lambda d: d.update(location="  "), "header: location must not be empty"),
        (lambda d: d.update(machineName="ST\x01"), "header: machineName contains a control character"),
        (lambda d: d.pop("uut"), "header: uut (operator and run information) is required"),
        (
            lambda d: d["root"]["steps"][0].update(group="X"),
            "MainSequence Callback/Connect fixture: group must be",
        ),
        (lambda d: d["root"]["steps"][0].update(status="Q"), "Connect fixture: status must be one of"),
        (
            lambda d: d["root"]["steps"][0].update(name=7),
            "MainSequence Callback/7: name must be text, got int",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][2]["numericMeas"][0].update(value="high"),
            "Efficiency at 50% load: value must be a number, got 'high'",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][2]["numericMeas"][0].update(highLimit=99.0),
            "Efficiency at 50% load: compOp GE uses one limit; highLimit must be null",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][2]["numericMeas"][0].update(
                lowLimit=None, highLimit=94.0
            ),
            "compOp GE needs lowLimit (single-limit operators keep their limit in lowLimit)",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][2]["numericMeas"][0].update(status="D"),
            "measurement status must be P, F or S, got 'D'",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][0]["numericMeas"][1].update(name="48V"),
            "Output rails/48V: measurement name '48V' is used twice",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][0]["numericMeas"][1].update(name=None),
            "every measurement of a multiple-measurement step needs a name",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][2]["numericMeas"].append({"status": "P", "value": 1}),
            "a single-measurement step (ET_NLT) has 2 measurements",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][1]["chart"].update(chartType="Polar"),
            "chartType must be Line",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][1]["chart"]["series"][0].update(xdata="1;2"),
            "xdata has 2 values but ydata 3",
        ),
        (
            lambda d: d["root"]["steps"][1]["steps"][1]["chart"]["series"][0].update(ydata="1;x;3"),
            "ydata holds something that is not a number",
        ),
        (lambda d: d["root"]["steps"][-1 - 1]["attachment"].update(data="%%%"), "data is not valid Base64"),
        (lambda d: d["root"]["steps"][4].update(messagePopup={"button": 70000}), "button 70000 is outside"),
        (lambda d: d["root"]["steps"][0].update(errorMessage="e" * 201), "errorMessage is 201 characters"),
        (
            lambda d: d["root"]["steps"][0].update(id=1) or d["root"]["steps"][1].update(id=1),
            "step id 1 is used twice",
        ),
    ],
)
def test_each_rule_names_location_and_field(change, expected) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(full_uut())
    change(doc)
    problems = _problems(doc)
    assert any(expected in problem for problem in problems), problems


def test_future_and_inconsistent_times_are_warnings() -> None:
    now = datetime.now(UTC)
    report = minimal_uut(start=now + timedelta(days=2))
    warnings = report.validate()
    assert [w.field for w in warnings] == ["start"] and "quarantines" in warnings[0].message
    report.raw["startUTC"] = "2020-01-01T00:00:00Z"
    assert {w.field for w in report.validate()} == {"start", "startUTC"}


def test_result_inconsistent_with_the_tree_is_a_warning() -> None:
    report = full_uut()
    report.result = "P"
    assert [p.field for p in report.check(now=START)] == ["result"]


def test_repair_rules() -> None:
    doc = json.loads(UUR_FIXTURE.read_bytes())
    doc["uur"]["refUUT"] = "not-a-guid"
    doc["subUnits"][0]["sn"] = "OTHER"
    doc["subUnits"][0]["failures"][0]["comRef"] = "c" * 51
    doc["subUnits"].append({"partType": "Fan", "pn": "F", "sn": "F1", "idx": 1, "replacedIdx": 7})
    del doc["uur"]["processCode"]
    problems = _problems(doc)
    assert problems == [
        "uur: processCode is required",
        "uur: refUUT must be a GUID, got 'not-a-guid'",
        "subUnits[idx=0]: the unit with idx 0 must have the report's pn and sn",
        "subUnits[0].failures[0]: comRef is 51 characters; at most 50 allowed",
        "subUnits[1]: replacedIdx 7 refers to no unit",
    ]
