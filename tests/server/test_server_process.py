"""Process endpoints over plain HTTP: the default list, filters, internal shapes, operator control."""

from __future__ import annotations

import uuid

import httpx


def test_a_fresh_server_has_the_default_processes(client: httpx.Client) -> None:
    processes = client.get("/api/App/Processes").json()
    assert [(p["code"], p["name"]) for p in processes] == [
        (10, "SW Debug"),
        (50, "PCBA test"),
        (90, "Burn In test"),
        (100, "End of line test"),
        (200, "Assembly"),
        (500, "Repair"),
        (510, "RMA repair"),
    ]
    assert processes[0] == {
        "code": 10,
        "name": "SW Debug",
        "description": "Software debugging and bring-up",
        "isTestOperation": True,
        "isRepairOperation": False,
        "isWipOperation": False,
        "processIndex": 1,
        "state": 1,
    }


def test_filters(client: httpx.Client) -> None:
    only_repair = client.get(
        "/api/App/Processes", params={"includeTestOperations": "false", "includeWipOperations": "false"}
    ).json()
    assert [p["code"] for p in only_repair] == [500, 510]


def test_internal_shapes_and_errors(client: httpx.Client) -> None:
    [first, *_] = client.get("/api/internal/Process/GetProcesses").json()
    assert {"Code", "Name", "ProcessID", "IsWIPOperation", "IsTestOperation"} <= set(first)
    one = client.get(f"/api/internal/Process/GetProcess/{first['ProcessID']}").json()
    assert one == first
    assert client.get(f"/api/internal/Process/GetProcess/{uuid.uuid4()}").status_code == 404
    assert client.get("/api/internal/Process/GetProcess/not-a-guid").status_code == 400
    repairs = client.get("/api/internal/Process/GetRepairOperations").json()
    assert sorted(repairs) == ["500", "510"]
    assert repairs["500"]["Categories"][0]["Failcodes"][0]["Description"] == "Burned Component"
    not_repair = client.get(f"/api/internal/Process/GetRepairOperation/{first['ProcessID']}")
    assert not_repair.status_code == 404


def test_the_operator_can_define_processes(client: httpx.Client) -> None:
    defined = client.put(
        "/_control/processes",
        json=[
            {"code": 1, "name": "ICT", "isTestOperation": True},
            {"code": 2, "name": "Rework", "isRepairOperation": True},
        ],
    )
    assert [p["Code"] for p in defined.json()] == [1, 2]
    assert [p["name"] for p in client.get("/api/App/Processes").json()] == ["ICT", "Rework"]
    assert list(client.get("/api/internal/Process/GetRepairOperations").json()) == ["2"]
    duplicate = client.put("/_control/processes", json=[{"code": 1, "name": "a"}, {"code": 1, "name": "b"}])
    assert duplicate.status_code == 400


def test_a_process_in_use_cannot_be_dropped(client: httpx.Client) -> None:
    client.put("/api/Product", json={"partNumber": "PN"})
    client.put("/api/Production/Units", json=[{"serialNumber": "S", "partNumber": "PN", "processCode": 90}])
    refused = client.put("/_control/processes", json=[{"code": 10, "name": "Only", "isTestOperation": True}])
    assert refused.status_code == 409 and "unit 'S'" in refused.json()["Message"]


def test_reset_restores_the_defaults(client: httpx.Client) -> None:
    client.put("/_control/processes", json=[{"code": 1, "name": "ICT", "isTestOperation": True}])
    client.post("/_control/reset").raise_for_status()
    assert len(client.get("/api/App/Processes").json()) == 7
