"""Submitting reports and reading them back over the wire, through both clients."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pywats import NotFoundError, ServerError, Station, StationConfig, ValidationError
from pywats.core.exceptions import ErrorMode
from pywats.domains.report.formats import to_wsxf
from pywats.domains.report.models import ReportValidationError, UnsafeXMLError, UURReport, UUTReport
from pywats.testing import ServerControl
from pywats.tools.test_uut import TestUUT
from report_samples import UUT_FIXTURE, full_uut, minimal_uut, numbers_equal


def _posts(control: ServerControl) -> list[dict[str, Any]]:
    return [r for r in control.requests() if r["method"] == "POST" and "/api/Report/" in r["path"]]


def _contains(stored: Any, sent: Any) -> bool:
    """Every member that was sent is stored unchanged (the server may add members, e.g. step ids)."""
    if isinstance(sent, dict):
        return isinstance(stored, dict) and all(
            k in stored and _contains(stored[k], v) for k, v in sent.items()
        )
    if isinstance(sent, list):
        return isinstance(stored, list) and len(stored) == len(sent) and all(map(_contains, stored, sent))
    return numbers_equal(stored, sent)


def test_submit_and_read_back_losslessly(twin: Any) -> None:
    uut = full_uut()
    report_id = twin.report.submit_report(uut)
    assert report_id == uut.id
    back = twin.report.get_report(report_id)
    assert isinstance(back, UUTReport)
    assert _contains(back.raw, json.loads(uut.to_wsjf()))
    assert [s.id for s in back.root.walk()] == list(range(1, len(list(uut.root.walk())) + 1))
    assert back.result == "F" and back.find_step("Power/Efficiency at 50% load").status == "F"  # type: ignore[union-attr]


def test_a_real_export_round_trips_through_the_server(twin: Any) -> None:
    original = json.loads(UUT_FIXTURE.read_bytes())
    report_id = twin.report.submit_report(UUT_FIXTURE.read_bytes())
    assert numbers_equal(twin.report.get_report(report_id).raw, original)


def test_resubmitting_the_same_report_stores_it_once(twin: Any, wats_control: ServerControl) -> None:
    uut = minimal_uut("SN-TWICE")
    first = twin.report.submit_report(uut)
    second = twin.report.submit_report(uut)
    assert first == second == uut.id
    headers = twin.report.get_headers_by_serial("SN-TWICE")
    assert [(h.uuid, h.receive_count) for h in headers] == [(uut.id, 2)]
    assert len(_posts(wats_control)) == 2


def test_post_is_never_retried(twin: Any, wats_control: ServerControl) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=503, count=1)
    uut = minimal_uut("SN-RETRY")
    with pytest.raises(ServerError):
        twin.report.submit_report(uut)
    assert len(_posts(wats_control)) == 1
    assert twin.report.get_headers_by_serial("SN-RETRY") == []
    assert twin.report.submit_report(uut) == uut.id  # resubmitting by hand is safe: same id
    assert len(twin.report.get_headers_by_serial("SN-RETRY")) == 1


def test_a_refusal_by_the_server_raises_with_its_text(twin: Any, wats_control: ServerControl) -> None:
    wats_control.add_fault(
        path="/api/Report/WSJF",
        method="POST",
        status=400,
        count=1,
        body='{"Message": "Operation type invalid"}',
    )
    with pytest.raises(ValidationError, match="Operation type invalid") as caught:
        twin.report.submit_report(minimal_uut())
    assert caught.value.details["status_code"] == 400


def test_invalid_reports_are_refused_before_sending(twin: Any, wats_control: ServerControl) -> None:
    uut = full_uut()
    uut.raw["pn"] = "x" * 101
    uut.find_step("Power/Output rails").raw["numericMeas"][0]["highLimit"] = 1.0  # type: ignore[union-attr]
    with pytest.raises(ReportValidationError) as caught:
        twin.report.submit_report(uut)
    assert [p.field for p in caught.value.problems] == ["pn", "highLimit"]
    assert "MainSequence Callback/Power/Output rails/48V: highLimit < lowLimit" in str(caught.value)
    assert _posts(wats_control) == []


def test_the_server_validates_what_the_client_did_not(twin: Any) -> None:
    """A WSJF dict sent as raw bytes by another tool is checked by the server with the same rules."""
    doc = json.loads(minimal_uut().to_wsjf())
    doc["root"]["steps"][0]["steps"][0]["numericMeas"][0]["compOp"] = "EQT"
    with pytest.raises(ReportValidationError, match="compOp 'EQT' is not a numeric comparison operator"):
        twin.report.submit_report(doc)


def test_station_identity_fills_unset_fields(make_twin: Any) -> None:
    station = Station(config=StationConfig(station_name="ICT-01", location="Production Line A"))
    api = make_twin(station=station)
    uut = TestUUT(part_number="WIDGET-001", serial_number="SN-12345", revision="A", operator="John Doe")
    api.report.submit_report(uut)
    assert (uut.station_name, uut.location, uut.purpose) == ("ICT-01", "Production Line A", "Production")
    stored = api.report.get_report(uut.id)
    assert (stored.machine_name, stored.location, stored.purpose) == (
        "ICT-01",
        "Production Line A",
        "Production",
    )
    own = TestUUT(
        "WIDGET-001", "SN-2", "A", station_name="OWN", location="Elsewhere", station_purpose="Debug"
    )
    api.report.submit_report(own)
    assert (own.station_name, own.location, own.purpose) == ("OWN", "Elsewhere", "Debug")


def test_without_a_location_the_error_says_so(make_twin: Any, wats_control: ServerControl) -> None:
    api = make_twin()
    with pytest.raises(ReportValidationError, match="location is required"):
        api.report.submit_report(TestUUT("P", "S", "A"))
    assert _posts(wats_control) == []


def test_other_inputs(twin: Any) -> None:
    uut = minimal_uut("SN-DICT")
    assert twin.report.submit(json.loads(uut.to_wsjf())) == uut.id
    other = minimal_uut("SN-BYTES")
    assert twin.report.submit_report(other.to_wsjf().decode()) == other.id
    with pytest.raises(ValidationError):
        twin.report.submit_report(42)
    with pytest.raises(ValidationError):
        twin.report.submit_report(b"{not json")


def test_repairs_link_to_their_test_report(twin: Any) -> None:
    uut = full_uut("SN-REPAIR")
    uut.assign_step_ids()
    twin.report.submit_report(uut)
    uur = twin.report.create_uur_from_uut(uut, operator="tech", comment="Replaced Q12")
    uur.station_name, uur.location = "REPAIR-01", "Lab"
    failing = uut.find_step("Power/Efficiency at 50% load")
    uur.add_failure("Component", "Degraded", com_ref="Q12", ref_step_id=failing.id)  # type: ignore[union-attr]
    twin.report.submit_report(uur)
    back = twin.report.get_report(uur.id)
    assert isinstance(back, UURReport) and back.uut_id == uut.id
    assert back.main_unit.failures[0].ref_step_id == failing.id  # type: ignore[union-attr]
    refs = twin.report.get_report(uut.id).raw["uut"]["referencedByUURs"]
    assert [ref["id"] for ref in refs] == [uur.id]
    assert [h.uuid for h in twin.report.query_uur_headers()] == [uur.id]
    with pytest.raises(ValidationError):
        twin.report.create_uur_report(part_number="P", serial_number="S")


def test_xml_submission_and_download(twin: Any, wats_control: ServerControl) -> None:
    uut = full_uut("SN-XML")
    report_id = twin.report.submit_report_xml(to_wsxf(uut).decode())
    assert report_id == uut.id
    xml = twin.report.get_report_xml(report_id, include_indexes=True)
    assert xml.startswith(b"<?xml") and b"StepIndex=" in xml and uut.id.upper().encode() in xml
    assert twin.report.get_report(report_id).find_step("Communication/Identity") is not None
    requests = _posts(wats_control)
    assert requests[0]["path"] == "/api/Report/WSXF"
    with pytest.raises(UnsafeXMLError):
        twin.report.submit_report_xml(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    assert len(_posts(wats_control)) == 1


def test_missing_reports(make_twin: Any) -> None:
    strict = make_twin()
    with pytest.raises(NotFoundError) as caught:
        strict.report.get_report("9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96")
    assert caught.value.resource_type == "Report"
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.report.get_report("9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96") is None
    assert lenient.report.get_report_xml("9d2b7c41-0e6f-4a8b-b3d5-71c2e8f04a96") is None
    with pytest.raises(ValidationError):
        strict.report.get_report("")
