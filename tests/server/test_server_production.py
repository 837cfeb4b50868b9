"""Production endpoints over plain HTTP: wire shapes, the XML Take answer, status codes and texts."""

from __future__ import annotations

import httpx
import pytest

SN_POOL = "SerialNumberType,SerialNumber\n" + "".join(f"SerialNumber,SN{n:08d}\n" for n in range(1, 6))


def _product(client: httpx.Client, pn: str, *revisions: str) -> None:
    client.put("/api/Product", json={"partNumber": pn}).raise_for_status()
    for rev in revisions:
        client.put("/api/Product/Revision", json={"partNumber": pn, "revision": rev}).raise_for_status()


def test_units_upsert_and_lookup(client: httpx.Client) -> None:
    _product(client, "PN", "A")
    answer = client.put(
        "/api/Production/Units", json=[{"serialNumber": "S/1", "partNumber": "PN", "revision": "A"}]
    )
    [unit] = answer.json()
    assert unit["unitPhaseId"] == 2 and unit["unitPhase"] == "Under production"
    assert unit["productRevision"]["revision"] == "A" and "revisions" not in unit["product"]
    fetched = client.get("/api/Production/Unit/S%2F1/PN").json()
    assert fetched["serialNumber"] == "S/1"
    missing = client.get("/api/Production/Unit/S%2F2/PN")
    assert missing.status_code == 404 and missing.json() == {
        "Message": "Unit 'S/2' of product 'PN' not found"
    }


@pytest.mark.parametrize(
    ("unit", "words"),
    [
        ({"serialNumber": "S", "partNumber": "NOPE"}, "Product 'NOPE' does not exist"),
        ({"serialNumber": "S", "partNumber": "PN", "revision": "Z"}, "Revision 'Z'"),
        ({"serialNumber": "S", "partNumber": "PN", "unitPhaseId": 5}, "Unknown unit phase 5"),
        ({"serialNumber": "S", "partNumber": "PN", "processCode": 999}, "Unknown process code 999"),
        ({"partNumber": "PN"}, "serialNumber"),
    ],
)
def test_unit_rules(client: httpx.Client, unit: dict[str, object], words: str) -> None:
    _product(client, "PN", "A")
    answer = client.put("/api/Production/Units", json=[{"serialNumber": "OK", "partNumber": "PN"}, unit])
    assert answer.status_code == 400 and words in answer.json()["Message"]
    assert client.get("/api/Production/Unit/OK/PN").status_code == 404  # all or nothing


def test_phase_and_process_commands(client: httpx.Client) -> None:
    _product(client, "PN")
    client.put("/api/Production/Units", json=[{"serialNumber": "S", "partNumber": "PN"}])
    query = {"serialNumber": "S", "partNumber": "PN"}
    assert client.put("/api/Production/SetUnitPhase", params={**query, "phase": 16}).status_code == 204
    bad = client.put("/api/Production/SetUnitPhase", params={**query, "phase": 17})
    assert bad.status_code == 400 and "Unknown unit phase 17" in bad.json()["Message"]
    assert (
        client.put("/api/Production/SetUnitProcess", params={**query, "processCode": 90}).status_code == 204
    )
    assert client.get("/api/internal/Production/GetUnitProcess", params=query).json() == {
        "processCode": 90,
        "processName": "Burn In test",
    }
    phase = client.get("/api/internal/Production/GetUnitPhase", params=query).json()
    assert phase == {
        "UnitPhaseId": 16,
        "Code": "Finalized",
        "Name": "Finalized",
        "Description": "The unit is finished",
    }
    gone = client.put(
        "/api/Production/SetUnitPhase", params={"serialNumber": "X", "partNumber": "PN", "phase": 16}
    )
    assert gone.status_code == 404


def test_change_feed_paging(client: httpx.Client) -> None:
    _product(client, "PN")
    client.put(
        "/api/Production/Units", json=[{"serialNumber": f"S{i}", "partNumber": "PN"} for i in range(4)]
    )
    page = client.get("/api/Production/Units/Changes", params={"$top": 2, "$skip": 1}).json()
    assert [c["unitSerialNumber"] for c in page] == ["S1", "S2"]
    assert client.delete(f"/api/Production/Units/Changes/{page[0]['id']}").status_code == 204
    assert client.delete(f"/api/Production/Units/Changes/{page[0]['id']}").status_code == 404
    assert client.get("/api/Production/Units/Changes", params={"$top": -1}).status_code == 400


def test_take_answers_xml(client: httpx.Client) -> None:
    imported = client.put(
        "/api/Production/SerialNumbers", content=SN_POOL, headers={"Content-Type": "text/csv"}
    )
    assert imported.json() == {"imported": 5, "skipped": 0}
    taken = client.post(
        "/api/Production/SerialNumbers/Take", params={"serialNumberType": "SerialNumber", "quantity": 2}
    )
    assert taken.status_code == 200 and taken.headers["content-type"].startswith("application/xml")
    assert b'<SN id="SN00000001" />' in taken.content and b'<SN id="SN00000002" />' in taken.content
    assert taken.content.startswith(b"<?xml")
    too_many = client.post(
        "/api/Production/SerialNumbers/Take", params={"serialNumberType": "SerialNumber", "quantity": 4}
    )
    assert too_many.status_code == 409 and "Only 3 free" in too_many.json()["Message"]


def test_serial_number_files(client: httpx.Client) -> None:
    client.put("/api/Production/SerialNumbers", content=SN_POOL, headers={"Content-Type": "text/csv"})
    csv_export = client.get("/api/Production/SerialNumbers", params={"typeName": "SerialNumber"})
    assert csv_export.headers["content-type"].startswith("text/csv")
    assert csv_export.text.splitlines()[1].startswith("SerialNumber,SN00000001,Free")
    xml_export = client.get(
        "/api/Production/SerialNumbers", params={"typeName": "SerialNumber", "format": "xml"}
    )
    assert xml_export.content.count(b'state="Free"') == 5
    bad_format = client.get(
        "/api/Production/SerialNumbers", params={"typeName": "SerialNumber", "format": "pdf"}
    )
    assert bad_format.status_code == 400
    bad_state = client.get(
        "/api/Production/SerialNumbers", params={"typeName": "SerialNumber", "state": "Lost"}
    )
    assert bad_state.status_code == 400
    mac = client.put(
        "/api/Production/SerialNumbers",
        content=b'<SerialNumbers><SN type="MACAddress" id="AA:BB:CC:00:00:0F"/></SerialNumbers>',
        headers={"Content-Type": "application/xml"},
    )
    assert mac.json() == {"imported": 1, "skipped": 0}
    bad_mac = client.put(
        "/api/Production/SerialNumbers",
        content=b"MACAddress,ZZ:BB:CC:00:00:0F\n",
        headers={"Content-Type": "text/csv"},
    )
    assert bad_mac.status_code == 400 and "Line 1" in bad_mac.json()["Message"]


def test_internal_serial_number_tools(client: httpx.Client) -> None:
    client.put("/api/Production/SerialNumbers", content=SN_POOL, headers={"Content-Type": "text/csv"})
    client.post(
        "/api/Production/SerialNumbers/Take", params={"serialNumberType": "SerialNumber", "quantity": 2}
    )
    count = client.get(
        "/api/internal/Production/SerialNumbers/Count",
        params={"serialNumberType": "SerialNumber", "startAddress": "SN00000002"},
    )
    assert count.json() == 4
    no_body = client.request("DELETE", "/api/internal/Production/SerialNumbers/Free")
    assert no_body.status_code == 400 and "ranges" in no_body.json()["Message"]
    stats = client.get("/api/internal/Production/SerialNumbers/Statistics").json()
    assert (stats["total"], stats["taken"]) == (5, 2) and len(stats["types"]) == 3
    unknown = client.get("/api/internal/Production/SerialNumbers/Ranges", params={"serialNumberType": "Nope"})
    assert unknown.status_code == 400


def test_assembly_status_codes(client: httpx.Client) -> None:
    _product(client, "BOX", "A")
    _product(client, "PCB", "1")
    units = [("B1", "BOX", "A"), ("B2", "BOX", "A"), ("C1", "PCB", "1")]
    client.put(
        "/api/Production/Units",
        json=[{"serialNumber": s, "partNumber": p, "revision": r} for s, p, r in units],
    )
    family = {
        "parentSerialNumber": "B1",
        "parentPartNumber": "BOX",
        "childSerialNumber": "C1",
        "childPartNumber": "PCB",
    }
    assert client.post("/api/Production/AddChildUnit", params=family).status_code == 204
    elsewhere = client.post("/api/Production/AddChildUnit", params={**family, "parentSerialNumber": "B2"})
    assert elsewhere.status_code == 409
    missing = client.post("/api/Production/AddChildUnit", params={**family, "childSerialNumber": "C9"})
    assert missing.status_code == 404 and "C9" in missing.json()["Message"]
    internal = client.post(
        "/api/internal/Production/AddChildUnit",
        params={
            "serialNumber": "B2",
            "partNumber": "BOX",
            "childSerialNumber": "C1",
            "childPartNumber": "PCB",
        },
    )
    assert internal.status_code == 200 and internal.json()["success"] is False
    check = client.get(
        "/api/internal/Production/CheckChildUnits",
        params={"ParentSerialNumber": "B1", "ParentPartNumber": "BOX"},
    ).json()
    assert check["hasTemplate"] is False and check["isComplete"] is False
    assert client.post("/api/Production/RemoveChildUnit", params=family).status_code == 204
    assert client.post("/api/Production/RemoveChildUnit", params=family).status_code == 400


def test_unit_phases_catalogue(client: httpx.Client) -> None:
    phases = client.get("/api/internal/Mes/GetUnitPhases").json()
    assert phases[1] == {
        "UnitPhaseId": 2,
        "Code": "Under_Production",
        "Name": "Under production",
        "Description": "The unit is being built and tested",
    }
    assert client.get("/api/internal/Production/isConnected").json() is True
