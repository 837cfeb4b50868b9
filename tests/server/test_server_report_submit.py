"""The server's report intake: validation as WATS does it, lossless storage, idempotency, one transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, text

from pywats.domains.report.formats import to_wsxf
from pywats_server.db import Database
from pywats_server.domains.report.backend import ReportBackend
from pywats_server.domains.report.tables import ReportMeasurementRow, ReportRow, ReportStepRow
from pywats_server.errors import BadRequest
from report_samples import UUR_FIXTURE, UUT_FIXTURE, full_uut, minimal_uut, numbers_equal


def _submit(client: httpx.Client, body: bytes | str, kind: str = "WSJF") -> httpx.Response:
    content_type = "application/json" if kind == "WSJF" else "application/xml"
    return client.post(f"/api/Report/{kind}", content=body, headers={"Content-Type": content_type})


@pytest.mark.parametrize("path", [UUT_FIXTURE, UUR_FIXTURE], ids=["uut", "uur"])
def test_real_exports_are_stored_and_returned_unchanged(client: httpx.Client, path: Path) -> None:
    original = path.read_bytes()
    answer = _submit(client, original)
    assert answer.status_code == 200
    report_id = json.loads(original)["id"]
    assert answer.json() == {"ID": report_id}
    stored = client.get(f"/api/Report/Wsjf/{report_id}")
    assert stored.headers["content-type"].startswith("application/json")
    assert numbers_equal(stored.json(), json.loads(original))
    assert list(stored.json()) == list(json.loads(original))


def test_missing_step_ids_and_start_utc_are_added_as_wats_does(client: httpx.Client) -> None:
    uut = full_uut()
    del uut.raw["startUTC"]
    assert _submit(client, uut.to_wsjf()).status_code == 200
    stored = client.get(f"/api/Report/Wsjf/{uut.id.upper()}").json()
    assert stored["startUTC"] == "2025-06-12T14:03:07.500000Z"
    assert list(stored)[list(stored).index("start") + 1] == "startUTC"
    ids = []
    stack = [stored["root"]]
    while stack:
        step = stack.pop()
        ids.append(step["id"])
        assert next(iter(step)) == "id"
        stack.extend(reversed(step.get("steps") or []))
    assert ids == list(range(1, len(ids) + 1))


def test_partly_numbered_steps_get_fresh_ids(client: httpx.Client) -> None:
    uut = minimal_uut()
    uut.raw["root"]["steps"][0]["id"] = 7
    client.post("/api/Report/WSJF", content=uut.to_wsjf())
    stored = client.get(f"/api/Report/Wsjf/{uut.id}").json()
    main = stored["root"]["steps"][0]
    assert (stored["root"]["id"], main["id"], [s["id"] for s in main["steps"]]) == (8, 7, [9, 10])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "The report could not be read: line 1, column 2: not valid JSON"),
        (
            b'{"type": "T", "root": {"steps": 5}}',
            "The report could not be read: root.steps: must be an array",
        ),
        (b"[]", "a report must be a JSON object"),
    ],
)
def test_unreadable_reports_get_400(client: httpx.Client, body: bytes, message: str) -> None:
    answer = _submit(client, body)
    assert answer.status_code == 400
    assert message in answer.json()["Message"]


def test_invalid_reports_get_400_naming_every_problem(client: httpx.Client) -> None:
    doc = json.loads(full_uut().to_wsjf())
    doc["result"] = "D"
    doc["root"]["steps"][1]["steps"][0]["numericMeas"][0]["highLimit"] = 1.0
    doc["root"]["steps"][2]["steps"][2]["stringMeas"][0]["value"] = "v" * 101
    answer = _submit(client, json.dumps(doc))
    assert answer.status_code == 400
    assert answer.json()["Message"] == (
        "The report is invalid (3 problems): header: result must be P, F, E or T, got 'D'; "
        "MainSequence Callback/Power/Output rails/48V: highLimit < lowLimit (1 < 47.5); "
        "MainSequence Callback/Communication/Firmware version: value is 101 characters; at most 100 allowed"
    )
    assert client.get("/api/Report/Query/Header", params={"reportType": "U"}).json() == []


def test_wsxf_is_accepted_and_dtds_are_refused(client: httpx.Client) -> None:
    uut = full_uut()
    answer = _submit(client, to_wsxf(uut), "WSXF")
    assert answer.status_code == 200 and answer.json() == {"ID": uut.id}
    header = client.get("/api/Report/Query/Header", params={"reportType": "U"}).json()[0]
    assert header["result"] == "Failed"
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Reports>&x;</Reports>'
    refused = _submit(client, xxe, "WSXF")
    assert refused.status_code == 400 and "DOCTYPE" in refused.json()["Message"]


def test_resubmitting_replaces_and_counts(client: httpx.Client) -> None:
    uut = minimal_uut("SN-AGAIN")
    assert _submit(client, uut.to_wsjf()).status_code == 200
    uut.root.add_numeric_step("Added later", 1.0)
    assert _submit(client, uut.to_wsjf()).status_code == 200
    headers = client.get("/api/Report/Query/Header", params={"reportType": "U"}).json()
    assert [(h["uuid"], h["receiveCount"]) for h in headers] == [(uut.id, 2)]
    stored = client.get(f"/api/Report/Wsjf/{uut.id}").json()
    assert stored["root"]["steps"][-1]["name"] == "Added later"


def test_future_reports_are_stored_but_quarantined(client: httpx.Client) -> None:
    uut = minimal_uut("SN-FUTURE", start=datetime.now(UTC) + timedelta(days=3))
    assert _submit(client, uut.to_wsjf()).status_code == 200
    assert client.get(f"/api/Report/Wsjf/{uut.id}").status_code == 200
    assert client.get("/api/Report/Query/Header", params={"reportType": "U"}).json() == []


@pytest.fixture
def backend(tmp_path: Path) -> ReportBackend:
    db = Database(f"sqlite:///{tmp_path / 'reports.db'}")
    db.create_tables()
    return ReportBackend(db)


def _count(backend: ReportBackend, table: type) -> int:
    return backend.db.read(lambda session: session.scalar(select(func.count()).select_from(table)) or 0)


def test_steps_and_measurements_are_indexed_and_replaced_not_duplicated(backend: ReportBackend) -> None:
    uut = full_uut()
    backend.submit(uut.to_wsjf(), "WSJF")
    steps, measurements = _count(backend, ReportStepRow), _count(backend, ReportMeasurementRow)
    assert steps == len(list(uut.root.walk())) and measurements == 11
    backend.submit(uut.to_wsjf(), "WSJF")
    assert (_count(backend, ReportStepRow), _count(backend, ReportMeasurementRow)) == (steps, measurements)
    rows = backend.db.read(
        lambda s: s.execute(
            select(ReportStepRow.path, ReportStepRow.status).where(ReportStepRow.status == "F")
        ).all()
    )
    assert sorted(rows) == [("", "F"), ("Power", "F"), ("Power¶Efficiency at 50% load", "F")]


def test_a_report_is_never_half_stored(backend: ReportBackend) -> None:
    backend.db.write(lambda session: session.execute(text("DROP TABLE report_measurement")))
    uut = full_uut()
    with pytest.raises(Exception, match="report_measurement"):
        backend.submit(uut.to_wsjf(), "WSJF")
    assert _count(backend, ReportRow) == 0 and _count(backend, ReportStepRow) == 0


def test_backend_rejects_with_bad_request(backend: ReportBackend) -> None:
    with pytest.raises(BadRequest):
        backend.submit(b"<Reports/>", "WSXF")
