"""Manual Inspection executions on the wire: string tests, MI details, instance counts, misc info (§12)."""

from __future__ import annotations

import uuid

import httpx
import pytest

MI = "/api/internal/ManualInspection/"


@pytest.fixture
def released(client: httpx.Client) -> str:
    ident = str(
        client.post(MI + "PostDefinition", json={"Name": "Visual"}).json()["TestSequenceDefinitionId"]
    )
    for status in (1, 2):
        client.put(MI + "PutDefinitionNew", json={"TestSequenceDefinitionId": ident, "Status": status})
    return ident


def string_test(client: httpx.Client, definition_id: str, sn: str = "SN-1", **extra: str) -> httpx.Response:
    body = {
        "TestSequenceDefinitionId": definition_id,
        "SerialNumber": sn,
        "PartNumber": "PN-1",
        "StepName": "Label",
    }
    return client.put(MI + "PutStringTest", json={**body, "Value": "OK", **extra})


def test_string_tests_build_one_instance_per_unit(client: httpx.Client, released: str) -> None:
    first = string_test(client, released, Revision="A").json()
    second = string_test(client, released, StepName="Colour", Value="Blue").json()
    assert first["TestSequenceInstanceId"] == second["TestSequenceInstanceId"]
    assert first["UnitId"] == second["UnitId"]
    assert [(t["StepName"], t["Value"], t["CreatedBy"]) for t in second["StringTests"]] == [
        ("Label", "OK", "tester"),
        ("Colour", "Blue", "tester"),
    ]
    assert second["Revision"] == "A"
    string_test(client, released, sn="SN-2")
    assert client.get(MI + f"GetInstancesCount/{released}").json() == 2
    listed = client.get(MI + "GetTestSequenceDefinition", params={"definitionId": released}).json()
    assert listed["InstancesCount"] == 2

    by_unit = client.get(MI + f"GetMiDetailsNew/{first['UnitId']}").json()
    assert by_unit == second
    by_instance = client.get(MI + f"GetMiDetails/{first['TestSequenceInstanceId']}").json()
    assert by_instance["SerialNumber"] == "SN-1"
    assert client.get(MI + f"GetMiDetailsNew/{uuid.uuid4()}").status_code == 404


def test_a_given_unit_id_is_used(client: httpx.Client, released: str) -> None:
    unit = str(uuid.uuid4())
    assert string_test(client, released, UnitId=unit).json()["UnitId"] == unit


def test_string_test_errors(client: httpx.Client, released: str) -> None:
    draft = str(client.post(MI + "PostDefinition", json={"Name": "Draft"}).json()["TestSequenceDefinitionId"])
    refused = string_test(client, draft)
    assert refused.status_code == 400 and "Released" in refused.json()["Message"]
    assert string_test(client, released, sn=" ").status_code == 400
    assert string_test(client, released, StepName="").status_code == 400
    assert string_test(client, str(uuid.uuid4())).status_code == 404
    assert client.put(MI + "PutStringTest", json={"SerialNumber": "x"}).status_code == 400


def test_misc_info_validation(client: httpx.Client, released: str) -> None:
    body = {
        "TestSequenceDefinitionId": released,
        "MiscInfo": [
            {"Description": "Operator shift", "Text": "B", "AllowedValues": "A;B;C"},
            {"Description": "Batch", "Text": " ", "Required": True},
            {"Description": "", "Text": "x"},
            {"Description": "Note", "Text": "x" * 101},
            {"Description": "Colour", "Text": "Pink", "AllowedValues": "Red; Blue"},
        ],
    }
    result = client.put(MI + "ValidateMiscInfo", json=body).json()
    assert result["IsValid"] is False
    assert [(e["Index"], e["Message"]) for e in result["Errors"]] == [
        (1, "A value is required."),
        (2, "Description is required."),
        (3, "Text is longer than 100 characters."),
        (4, "'Pink' is not one of: Red, Blue."),
    ]
    ok = client.put(
        MI + "ValidateMiscInfo", json={"MiscInfo": [{"Description": "Shift", "Text": "A"}]}
    ).json()
    assert ok == {"IsValid": True, "Errors": []}
    unknown = client.put(MI + "ValidateMiscInfo", json={"TestSequenceDefinitionId": str(uuid.uuid4())})
    assert unknown.status_code == 404
