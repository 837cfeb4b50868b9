"""The Asset endpoints over plain HTTP (endpoints.md §5.1–5.4): shapes, rules and error answers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from server_helpers import SECOND_PASSWORD, SECOND_USER, USER, basic, make_settings

from pywats_server import EmbeddedServer


def make_type(client: httpx.Client, name: str = "Fixture", **limits: object) -> str:
    response = client.put("/api/Asset/Types", json={"typeName": name, **limits})
    assert response.status_code == 200, response.text
    return str(response.json()["typeId"])


def make_asset(client: httpx.Client, serial: str = "FX-1", **members: object) -> dict[str, object]:
    members.setdefault("typeId", make_type(client, f"Type of {serial}"))
    response = client.put("/api/Asset", json={"serialNumber": serial, **members})
    assert response.status_code == 200, response.text
    return dict(response.json())


def message(response: httpx.Response) -> str:
    return str(response.json()["Message"])


def test_asset_shape(client: httpx.Client) -> None:
    asset = make_asset(client, "FX-1", ClientId=7, assetName="Bed", tags=[{"key": "k", "value": "v"}])
    assert asset["ClientId"] == 7 and "clientId" not in asset  # PascalCase, as WATS writes it
    assert uuid.UUID(str(asset["assetId"]))
    assert (asset["state"], asset["runningCount"], asset["totalCount"]) == (1, 0, 0)
    assert asset["assetType"]["typeName"] == "Type of FX-1"  # type: ignore[index]
    assert None not in asset.values()
    assert str(asset["firstSeenDate"]).endswith("Z")
    listed = client.get("/api/Asset").json()
    assert listed[0]["serialNumber"] == "FX-1" and None not in listed[0].values()
    by_serial = client.get("/api/Asset/FX-1").json()
    by_id = client.get(f"/api/Asset/{asset['assetId']}").json()
    assert by_serial == by_id


def test_member_names_are_case_insensitive_and_updates_are_partial(client: httpx.Client) -> None:
    type_id = make_type(client)
    created = client.put("/api/Asset", json={"SERIALNUMBER": "FX-1", "TypeId": type_id, "clientid": 3}).json()
    assert created["ClientId"] == 3
    client.put("/api/Asset", json={"serialNumber": "FX-1", "location": "Line 2"})
    stored = client.get("/api/Asset/FX-1").json()
    assert (stored["location"], stored["ClientId"], stored["typeId"]) == ("Line 2", 3, type_id)
    # An explicit null clears a member; the parent is detached the same way.
    client.put("/api/Asset", json={"serialNumber": "FX-1", "location": None})
    assert "location" not in client.get("/api/Asset/FX-1").json()


def test_asset_write_errors(client: httpx.Client) -> None:
    type_id = make_type(client)
    no_type = client.put("/api/Asset", json={"serialNumber": "X"})
    assert no_type.status_code == 400 and "typeId" in message(no_type)
    unknown_type = client.put("/api/Asset", json={"serialNumber": "X", "typeId": str(uuid.uuid4())})
    assert unknown_type.status_code == 400
    bad_state = client.put("/api/Asset", json={"serialNumber": "X", "typeId": type_id, "state": 9})
    assert bad_state.status_code == 400 and "state" in message(bad_state)
    negative = client.put("/api/Asset", json={"serialNumber": "X", "typeId": type_id, "runningCount": -1})
    assert negative.status_code == 400 and "runningCount" in message(negative)
    blank = client.put("/api/Asset", json={"serialNumber": " ", "typeId": type_id})
    assert blank.status_code == 400 and "serialNumber" in message(blank)
    unknown_id = client.put("/api/Asset", json={"serialNumber": "X", "assetId": str(uuid.uuid4())})
    assert unknown_id.status_code == 404
    no_parent = client.put(
        "/api/Asset", json={"serialNumber": "X", "typeId": type_id, "parentSerialNumber": "P"}
    )
    assert no_parent.status_code == 400 and "parent" in message(no_parent)
    assert client.get("/api/Asset/NOPE").status_code == 404


def test_addressing_rules(client: httpx.Client) -> None:
    one = make_asset(client, "A-1")
    make_asset(client, "A-2")
    neither = client.get("/api/Asset/Status")
    assert neither.status_code == 400 and "id or serialNumber" in message(neither)
    disagree = client.get("/api/Asset/Status", params={"id": one["assetId"], "serialNumber": "A-2"})
    assert disagree.status_code == 400
    agree = client.get("/api/Asset/Status", params={"id": one["assetId"], "serialNumber": "A-1"})
    assert agree.status_code == 200
    assert client.get("/api/Asset/Status", params={"id": "not-a-guid"}).status_code == 404


def test_odata(client: httpx.Client) -> None:
    type_id = make_type(client)
    for i in range(5):
        client.put("/api/Asset", json={"serialNumber": f"S-{i}", "typeId": type_id, "state": 1 + i % 2})
    serials = lambda params: [a["serialNumber"] for a in client.get("/api/Asset", params=params).json()]  # noqa: E731
    assert serials({"$filter": "state eq 2"}) == ["S-1", "S-3"]
    assert serials({"$filter": "state eq 1 and (serialNumber eq 'S-0' or serialNumber eq 's-4')"}) == [
        "S-0",
        "S-4",
    ]
    assert serials({"$filter": "not (state eq 1)", "$orderby": "serialNumber desc"}) == ["S-3", "S-1"]
    assert serials({"$orderby": "state desc, serialNumber", "$top": 3}) == ["S-1", "S-3", "S-0"]
    assert serials({"$skip": 4}) == ["S-4"]
    assert serials({"$filter": "firstSeenDate ge 2020-01-01 and endswith(serialNumber,'2')"}) == ["S-2"]
    assert serials({"$filter": "location eq null and contains(serialNumber, 's-')"}) == [
        f"S-{i}" for i in range(5)
    ]
    for bad in (
        "state eq",
        "state xx 1",
        "nosuch eq 1",
        "state eq 'a' or",
        "contains(serialNumber)",
        "state gt 'x'",
    ):
        response = client.get("/api/Asset", params={"$filter": bad})
        assert response.status_code == 400, bad
        assert "$filter" in message(response)
    assert client.get("/api/Asset", params={"$orderby": "state sideways"}).status_code == 400
    assert client.get("/api/Asset", params={"$top": -1}).status_code == 400


def test_types(client: httpx.Client) -> None:
    type_id = make_type(client, "Fixture", runningCountLimit=10, warningThreshold=70, alarmThreshold=90)
    renamed = client.put("/api/Asset/Types", json={"typeId": type_id, "typeName": "Bed of nails"}).json()
    assert (renamed["typeName"], renamed["runningCountLimit"]) == ("Bed of nails", 10)
    make_type(client, "Cable")
    clash = client.put("/api/Asset/Types", json={"typeId": type_id, "typeName": "cable"})
    assert clash.status_code == 409
    filtered = client.get("/api/Asset/Types", params={"$filter": "runningCountLimit eq 10"}).json()
    assert [t["typeName"] for t in filtered] == ["Bed of nails"]
    assert len(client.get("/api/Asset/Types", params={"$top": 1}).json()) == 1
    inverted = client.put(
        "/api/Asset/Types", json={"typeName": "Odd", "warningThreshold": 90, "alarmThreshold": 50}
    )
    assert inverted.status_code == 400
    assert (
        client.put("/api/Asset/Types", json={"typeName": "Bad", "calibrationInterval": -3}).status_code == 400
    )
    client.put("/api/Asset/Types", json={"typeId": type_id, "typeName": "Bed of nails", "isReadonly": True})
    locked = client.put("/api/Asset/Types", json={"typeId": type_id, "typeName": "Changed"})
    assert locked.status_code == 409 and "read-only" in message(locked)


def test_counts(client: httpx.Client) -> None:
    parent = make_asset(client, "P-1")
    child = make_asset(client, "C-1", parentAssetId=parent["assetId"])
    grandchild = make_asset(client, "G-1", parentSerialNumber="C-1")
    counted = client.put(
        "/api/Asset/Count", params={"serialNumber": "P-1", "incrementBy": 2, "incrementChildren": "true"}
    )
    assert counted.status_code == 200 and counted.json()["runningCount"] == 2
    assert client.get(f"/api/Asset/{grandchild['assetId']}").json()["totalCount"] == 2
    client.put("/api/Asset/Count", params={"id": child["assetId"]})  # one use by default
    absolute = client.put("/api/Asset/Count", params={"serialNumber": "P-1", "totalCount": 10}).json()
    assert (absolute["totalCount"], absolute["runningCount"]) == (10, 10)
    lower = client.put("/api/Asset/Count", params={"serialNumber": "P-1", "totalCount": 5})
    assert lower.status_code == 400 and "SetTotalCount" in message(lower)
    both = client.put("/api/Asset/Count", params={"serialNumber": "P-1", "totalCount": 20, "incrementBy": 1})
    assert both.status_code == 400
    assert client.put("/api/Asset/Count", params={"serialNumber": "P-1", "incrementBy": 0}).status_code == 400
    reset = client.post("/api/Asset/ResetRunningCount", params={"serialNumber": "P-1", "comment": "probes"})
    assert reset.json()["runningCount"] == 0 and reset.json()["totalCount"] == 10
    set_total = client.put("/api/Asset/SetTotalCount", params={"serialNumber": "P-1", "totalCount": 3})
    assert set_total.json()["totalCount"] == 3
    assert (
        client.put(
            "/api/Asset/SetRunningCount", params={"serialNumber": "P-1", "runningCount": -1}
        ).status_code
        == 400
    )
    assert client.put("/api/Asset/SetRunningCount", params={"serialNumber": "P-1"}).status_code == 400
    log = client.get("/api/Asset/Log", params={"$filter": "serialNumber eq 'P-1' and type eq 3"}).json()
    assert [(row["comment"], row["user"]) for row in log] == [("probes", USER)]


@pytest.fixture(scope="module")
def restricted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    settings = make_settings(tmp_path_factory.mktemp("restricted"))
    from dataclasses import replace

    with EmbeddedServer(replace(settings, restricted_users=frozenset({SECOND_USER}))) as running:
        yield running


def test_setting_counts_needs_edit_total_count(restricted: EmbeddedServer) -> None:
    with httpx.Client(base_url=restricted.url, headers=basic(SECOND_USER, SECOND_PASSWORD)) as operator:
        operator.post("/_control/reset").raise_for_status()
        make_asset(operator, "FX-1")
        assert operator.put("/api/Asset/Count", params={"serialNumber": "FX-1"}).status_code == 200
        for path, name in (
            ("/api/Asset/SetRunningCount", "runningCount"),
            ("/api/Asset/SetTotalCount", "totalCount"),
        ):
            denied = operator.put(path, params={"serialNumber": "FX-1", name: 0})
            assert denied.status_code == 403 and "Edit Total count" in message(denied)
    with httpx.Client(base_url=restricted.url, headers=basic()) as admin:
        allowed = admin.put("/api/Asset/SetTotalCount", params={"serialNumber": "FX-1", "totalCount": 0})
        assert allowed.status_code == 200


def test_status_evaluation(client: httpx.Client) -> None:
    type_id = make_type(
        client, "Probe", runningCountLimit=100, calibrationInterval=10, maintenanceInterval=-1
    )
    make_asset(client, "PR-1", typeId=type_id)
    status = client.get("/api/Asset/Status", params={"serialNumber": "PR-1", "translate": "false"}).json()
    assert (status["alarmState"], status["messages"], status["runningCountLimit"]) == (0, [], 100)
    client.put("/api/Asset/Count", params={"serialNumber": "PR-1", "incrementBy": 85})
    assert client.get("/api/Asset/Status", params={"serialNumber": "PR-1"}).json()["alarmState"] == 1
    client.post("/api/Asset/Calibration", params={"serialNumber": "PR-1", "dateTime": "2020-01-01T00:00:00Z"})
    overdue = client.get("/api/Asset/Status", params={"serialNumber": "PR-1"}).json()
    assert overdue["alarmState"] == 2 and overdue["runningCount"] == 0
    assert overdue["nextCalibrationDate"].startswith("2020-01-11")
    assert "Calibration" in overdue["messages"][0]


def test_calibration_and_maintenance_rules(client: httpx.Client) -> None:
    type_id = make_type(client, "Meter", calibrationInterval=365, maintenanceInterval=30)
    make_asset(client, "M-1", typeId=type_id)
    client.put("/api/Asset/Count", params={"serialNumber": "M-1", "incrementBy": 5})
    calibrated = client.post(
        "/api/Asset/Calibration", params={"serialNumber": "M-1", "dateTime": "2026-03-01T10:00:00+02:00"}
    ).json()
    assert calibrated["lastCalibrationDate"] == "2026-03-01T08:00:00Z"
    assert calibrated["nextCalibrationDate"] == "2027-03-01T08:00:00Z"
    assert calibrated["runningCount"] == 0 and calibrated["totalCount"] == 5
    maintained = client.post("/api/Asset/Maintenance", params={"serialNumber": "M-1"}).json()
    assert maintained["lastMaintenanceDate"] and maintained["nextMaintenanceDate"]
    external = client.post(
        "/api/Asset/Maintenance/External",
        params={"serialNumber": "M-1", "fromDate": "2026-01-01T00:00:00Z", "toDate": "2026-06-01T00:00:00Z"},
    ).json()
    assert (external["lastMaintenanceDate"], external["nextMaintenanceDate"]) == (
        "2026-01-01T00:00:00Z",
        "2026-06-01T00:00:00Z",
    )
    backwards = client.post(
        "/api/Asset/Calibration/External",
        params={"serialNumber": "M-1", "fromDate": "2026-06-01T00:00:00Z", "toDate": "2026-01-01T00:00:00Z"},
    )
    assert backwards.status_code == 400
    missing = client.post("/api/Asset/Calibration/External", params={"serialNumber": "M-1"})
    assert missing.status_code == 400
    bad_date = client.post("/api/Asset/Calibration", params={"serialNumber": "M-1", "dateTime": "yesterday"})
    assert bad_date.status_code == 400 and "dateTime" in message(bad_date)
    kinds = [row["type"] for row in client.get("/api/Asset/Log", params={"$orderby": "logId"}).json()]
    assert kinds == [1, 4, 5, 5]


def test_state_and_messages(client: httpx.Client) -> None:
    asset = make_asset(client, "FX-1")
    moved = client.put("/api/Asset/State", params={"serialNumber": "FX-1", "state": 3}).json()
    assert moved["state"] == 3
    assert client.put("/api/Asset/State", params={"serialNumber": "FX-1", "state": 7}).status_code == 400
    assert client.put("/api/Asset/State", params={"serialNumber": "FX-1"}).status_code == 400
    note = client.post(
        "/api/Asset/Message", json={"assetId": asset["assetId"], "comment": "hi", "user": "bob"}
    )
    assert note.status_code == 200 and (note.json()["type"], note.json()["user"]) == (0, "bob")
    assert client.post("/api/Asset/Message", json={"assetId": asset["assetId"]}).status_code == 400
    assert (
        client.post("/api/Asset/Message", json={"assetId": str(uuid.uuid4()), "comment": "x"}).status_code
        == 404
    )
    log = client.get("/api/Asset/Log", params={"$filter": "type eq 6"}).json()
    assert log[0]["comment"] == "State changed from 1 to 3"


def test_hierarchy_and_delete(client: httpx.Client) -> None:
    top = make_asset(client, "T-1")
    middle = make_asset(client, "M-1", parentAssetId=top["assetId"])
    make_asset(client, "B-1", parentAssetId=middle["assetId"])
    names = lambda level: [  # noqa: E731
        a["serialNumber"]
        for a in client.get("/api/Asset/SubAssets", params={"serialNumber": "T-1", "level": level}).json()
    ]
    assert names(1) == ["M-1"] and names(3) == ["M-1", "B-1"]
    assert client.get("/api/Asset/SubAssets", params={"serialNumber": "T-1", "level": 0}).status_code == 400
    cycle = client.put("/api/Asset", json={"serialNumber": "T-1", "parentSerialNumber": "B-1"})
    assert cycle.status_code == 400 and "ancestor" in message(cycle)
    self_parent = client.put("/api/Asset", json={"serialNumber": "T-1", "parentSerialNumber": "T-1"})
    assert self_parent.status_code == 400
    blocked = client.delete("/api/Asset", params={"serialNumber": "M-1"})
    assert blocked.status_code == 409
    assert client.delete("/api/Asset", params={"serialNumber": "B-1"}).status_code == 204
    assert client.delete("/api/Asset", params={"serialNumber": "B-1"}).status_code == 404
    assert client.delete("/api/Asset").status_code == 400
    detached = client.put("/api/Asset", json={"serialNumber": "M-1", "parentAssetId": None}).json()
    assert "parentAssetId" not in detached
    assert client.delete("/api/Asset", params={"id": top["assetId"]}).status_code == 204


def test_data_survive_a_restart(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with EmbeddedServer(settings) as first, httpx.Client(base_url=first.url, headers=basic()) as http:
        make_asset(http, "KEEP-1")
    with EmbeddedServer(settings) as second, httpx.Client(base_url=second.url, headers=basic()) as http:
        assert http.get("/api/Asset/KEEP-1").json()["serialNumber"] == "KEEP-1"
