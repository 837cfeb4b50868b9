"""Manual Inspection definitions on the wire: PascalCase, versions, life cycle, sequences, XAML (§12)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

MI = "/api/internal/ManualInspection/"


def post(client: httpx.Client, name: str = "Visual check", **body: Any) -> dict[str, Any]:
    response = client.post(MI + "PostDefinition", json={"Name": name, **body})
    assert response.status_code == 200, response.text
    return response.json()


def put(client: httpx.Client, definition: dict[str, Any], **body: Any) -> httpx.Response:
    return client.put(
        MI + "PutDefinitionNew",
        json={"TestSequenceDefinitionId": definition["TestSequenceDefinitionId"], **body},
    )


def status_of(client: httpx.Client, definition: dict[str, Any]) -> int:
    params = {"definitionId": definition["TestSequenceDefinitionId"]}
    return int(client.get(MI + "GetTestSequenceDefinition", params=params).json()["Status"])


def test_post_creates_a_pascal_case_draft(client: httpx.Client) -> None:
    created = post(client, Description="Look at solder joints", OnFailRequireRepair=2, IsGlobal=False)
    assert uuid.UUID(created["TestSequenceDefinitionId"])
    assert created["Name"] == "Visual check"
    assert (created["Version"], created["Status"], created["InstancesCount"]) == (1, 0, 0)
    assert created["OnFailRequireRepair"] == 2
    assert created["LogOperator"] is True and created["OnFailGotoCleanup"] is False
    assert created["CreatedBy"] == "tester"
    assert created["Relations"] == []
    fetched = client.get(
        MI + "GetTestSequenceDefinition", params={"definitionId": created["TestSequenceDefinitionId"]}
    )
    assert fetched.json() == created


def test_same_name_bumps_the_version_and_lists_are_split_by_scope(client: httpx.Client) -> None:
    first = post(client, "Final inspection")
    second = post(client, "final INSPECTION")
    global_one = post(client, "Label check", IsGlobal=True)
    assert (first["Version"], second["Version"]) == (1, 2)

    local = client.get(MI + "GetTestSequenceDefinitions", params={"isGlobalDefinitions": "false"}).json()
    assert [(d["Name"], d["Version"]) for d in local] == [("Final inspection", 1), ("final INSPECTION", 2)]
    assert "XAML" not in local[0] and "Relations" not in local[0]
    global_list = client.get(MI + "GetTestSequenceDefinitions", params={"isGlobalDefinitions": "true"}).json()
    assert [d["TestSequenceDefinitionId"] for d in global_list] == [global_one["TestSequenceDefinitionId"]]


def test_life_cycle_and_release_revokes_the_previous_version(client: httpx.Client) -> None:
    v1, v2 = post(client, "Box check"), post(client, "Box check")
    assert put(client, v1, Status=1).json()["Status"] == 1
    released = put(client, v1, Status=2).json()
    assert released["Status"] == 2 and released["ReleasedBy"] == "tester" and released["Released"]

    assert put(client, v2, Status=1).status_code == 200
    assert put(client, v2, Status=0).json()["Status"] == 0  # Pending → Draft
    assert put(client, v2, Status=1).status_code == 200
    assert put(client, v2, Status=2).status_code == 200
    assert status_of(client, v1) == 3  # revoked by the release of v2
    old = client.get(
        MI + "GetTestSequenceDefinition", params={"definitionId": v1["TestSequenceDefinitionId"]}
    ).json()
    assert old["RevokedBy"] == "tester"


@pytest.mark.parametrize(
    ("path", "target", "fragment"),
    [
        ([], 2, "can become Pending"),  # Draft → Released skips Pending
        ([], 3, "can become Pending"),
        ([1, 2, 3], 0, "Revoked is final"),
        ([1, 2], 1, "can become Revoked"),
        ([], 9, "Status must be"),
    ],
)
def test_illegal_transitions_are_400(
    client: httpx.Client, path: list[int], target: int, fragment: str
) -> None:
    definition = post(client)
    for status in path:
        assert put(client, definition, Status=status).status_code == 200
    response = put(client, definition, Status=target)
    assert response.status_code == 400
    assert fragment in response.json()["Message"]


def test_only_drafts_can_be_edited(client: httpx.Client) -> None:
    definition = post(client)
    edited = put(client, definition, Description="new", LogOperator=False).json()
    assert (edited["Description"], edited["LogOperator"], edited["ModifiedBy"]) == ("new", False, "tester")
    put(client, definition, Status=1)
    refused = put(client, definition, Description="again")
    assert refused.status_code == 400 and "Only a Draft" in refused.json()["Message"]
    assert put(client, definition, OnFailRequireRepair=5, Status=0).status_code == 400


def test_put_errors(client: httpx.Client) -> None:
    assert client.put(MI + "PutDefinitionNew", json={"Name": "x"}).status_code == 400
    missing = client.put(
        MI + "PutDefinitionNew", json={"TestSequenceDefinitionId": str(uuid.uuid4()), "Status": 1}
    )
    assert missing.status_code == 404
    assert client.post(MI + "PostDefinition", json={"Name": " "}).status_code == 400
    assert client.post(MI + "PostDefinition", json={"Name": "x", "Status": 2}).status_code == 400
    taken, other = post(client, "Taken"), post(client, "Other")
    assert put(client, other, Name="taken").status_code == 409
    assert put(client, taken, Name="Renamed").json()["Name"] == "Renamed"


def test_copy_makes_the_next_draft_version_with_content(client: httpx.Client) -> None:
    source = post(client, "Copy me", Description="d")
    ident = source["TestSequenceDefinitionId"]
    client.post(
        MI + "PostRelation",
        json={"TestSequenceDefinitionId": ident, "EntitySchema": "Product", "EntityName": "PN-1"},
    )
    client.put(
        MI + "PutTestSequenceDefinitionXaml", json={"TestSequenceDefinitionId": ident, "XAML": "<Activity/>"}
    )
    put(client, source, Status=1)
    copy = client.get(MI + f"GetDefinitionCopy/{ident}").json()
    assert (copy["Name"], copy["Version"], copy["Status"], copy["Description"]) == ("Copy me", 2, 0, "d")
    assert copy["TestSequenceDefinitionId"] != ident
    assert copy["XAML"] == "<Activity/>"
    assert [r["EntityName"] for r in copy["Relations"]] == ["PN-1"]
    assert client.get(MI + f"GetDefinitionCopy/{uuid.uuid4()}").status_code == 404


def test_sequences(client: httpx.Client) -> None:
    a, b = post(client, "Alpha"), post(client, "Beta")
    rows = client.get(MI + "GetSequences").json()
    assert rows == [
        {
            "TestSequenceDefinitionId": a["TestSequenceDefinitionId"],
            "Name": "Alpha",
            "Version": 1,
            "Status": 0,
        },
        {
            "TestSequenceDefinitionId": b["TestSequenceDefinitionId"],
            "Name": "Beta",
            "Version": 1,
            "Status": 0,
        },
    ]
    renamed = client.put(
        MI + "PutSequence",
        json={"TestSequenceDefinitionId": a["TestSequenceDefinitionId"], "Name": "Alpha 2"},
    )
    assert renamed.json()["Name"] == "Alpha 2"
    assert client.put(MI + "PutSequence", json={"Name": "x"}).status_code == 400

    assert client.delete(MI + f"DeleteSequence/{b['TestSequenceDefinitionId']}").json() is True
    assert [r["Name"] for r in client.get(MI + "GetSequences").json()] == ["Alpha 2"]
    assert client.delete(MI + f"DeleteSequence/{b['TestSequenceDefinitionId']}").status_code == 404
    put(client, a, Status=1)
    assert client.delete(MI + f"DeleteSequence/{a['TestSequenceDefinitionId']}").status_code == 400


def test_xaml(client: httpx.Client) -> None:
    definition = post(client)
    ident = definition["TestSequenceDefinitionId"]
    assert client.get(MI + "GetTestSequenceDefinitionXaml", params={"definitionId": ident}).json() is None
    assert client.get(MI + f"GetWatswwfContent/{ident}").status_code == 404
    xaml = '<Activity xmlns="http://schemas.microsoft.com/netfx/2009/xaml/activities"><Sequence/></Activity>'
    saved = client.put(
        MI + "PutTestSequenceDefinitionXaml", json={"TestSequenceDefinitionId": ident, "XAML": xaml}
    )
    assert saved.json() is True
    assert client.get(MI + "GetTestSequenceDefinitionXaml", params={"definitionId": ident}).json() == xaml
    workflow = client.get(MI + f"GetWatswwfContent/{ident}")
    assert workflow.content == xaml.encode() and workflow.headers["content-type"].startswith(
        "application/xaml+xml"
    )

    bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'
    for bad in ("<unclosed>", bomb):
        response = client.put(
            MI + "PutTestSequenceDefinitionXaml", json={"TestSequenceDefinitionId": ident, "XAML": bad}
        )
        assert response.status_code == 400
    put(client, definition, Status=1)
    locked = client.put(
        MI + "PutTestSequenceDefinitionXaml", json={"TestSequenceDefinitionId": ident, "XAML": "<a/>"}
    )
    assert locked.status_code == 400


def test_lookups_of_unknown_definitions(client: httpx.Client) -> None:
    unknown = str(uuid.uuid4())
    assert client.get(MI + "GetTestSequenceDefinition", params={"definitionId": unknown}).status_code == 404
    assert client.get(MI + f"GetInstancesCount/{unknown}").status_code == 404
    assert (
        client.get(MI + "GetTestSequenceDefinitionXaml", params={"definitionId": unknown}).status_code == 404
    )
    assert client.get(MI + "GetTestSequenceDefinition", params={"definitionId": "x"}).status_code == 400
    assert client.get(MI + "GetTestSequenceDefinitions").status_code == 400
