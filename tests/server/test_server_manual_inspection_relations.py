"""Manual Inspection relations and their conflicts on the wire (endpoints.md §12)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

MI = "/api/internal/ManualInspection/"


def definition(client: httpx.Client, name: str) -> str:
    response = client.post(MI + "PostDefinition", json={"Name": name})
    assert response.status_code == 200
    return str(response.json()["TestSequenceDefinitionId"])


def relate(client: httpx.Client, definition_id: str, **body: Any) -> dict[str, Any]:
    body = {
        "TestSequenceDefinitionId": definition_id,
        "EntitySchema": "Product",
        "EntityName": "PN-1",
        **body,
    }
    response = client.post(MI + "PostRelation", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def move(client: httpx.Client, definition_id: str, *statuses: int) -> None:
    for status in statuses:
        body = {"TestSequenceDefinitionId": definition_id, "Status": status}
        assert client.put(MI + "PutDefinitionNew", json=body).status_code == 200


def test_create_list_update_delete(client: httpx.Client) -> None:
    ident = definition(client, "Visual")
    process, site = str(uuid.uuid4()), str(uuid.uuid4())
    created = relate(
        client,
        ident,
        EntityKey="Revision",
        EntityValue="A",
        TestSequenceProcessRelations=[{"ProcessId": process}],
        TestSequenceSiteRelations=[{"SiteId": site}],
    )
    relation_id = created["TestSequenceRelationId"]
    assert created["TestSequenceDefinitionId"] == ident
    assert (created["EntitySchema"], created["EntityName"], created["EntityKey"], created["EntityValue"]) == (
        "Product",
        "PN-1",
        "Revision",
        "A",
    )
    assert created["TestSequenceProcessRelations"][0]["ProcessId"] == process
    assert created["TestSequenceProcessRelations"][0]["TestSequenceRelationId"] == relation_id
    assert created["TestSequenceSiteRelations"][0]["SiteId"] == site

    assert client.get(MI + f"GetRelations/{ident}").json() == [created]
    updated = client.put(
        MI + "PutRelation", json={"TestSequenceRelationId": relation_id, "EntityValue": "B"}
    ).json()
    assert (updated["EntityValue"], updated["EntityName"]) == ("B", "PN-1")  # members not sent are kept

    assert client.put(MI + "DeleteRelationNew", json={"TestSequenceRelationId": relation_id}).json() is True
    assert client.get(MI + f"GetRelations/{ident}").json() == []
    again = client.put(MI + "DeleteRelationNew", json={"TestSequenceRelationId": relation_id})
    assert again.status_code == 404


def test_relation_errors(client: httpx.Client) -> None:
    ident = definition(client, "Visual")
    assert (
        client.post(MI + "PostRelation", json={"EntitySchema": "Product", "EntityName": "x"}).status_code
        == 400
    )
    no_name = client.post(
        MI + "PostRelation", json={"TestSequenceDefinitionId": ident, "EntitySchema": "Product"}
    )
    assert no_name.status_code == 400 and "EntityName" in no_name.json()["Message"]
    unknown = {"TestSequenceDefinitionId": str(uuid.uuid4()), "EntitySchema": "Product", "EntityName": "x"}
    assert client.post(MI + "PostRelation", json=unknown).status_code == 404
    assert client.put(MI + "PutRelation", json={"EntityName": "x"}).status_code == 400
    assert (
        client.put(MI + "PutRelation", json={"TestSequenceRelationId": str(uuid.uuid4())}).status_code == 404
    )
    assert client.get(MI + f"GetRelations/{uuid.uuid4()}").status_code == 404
    move(client, ident, 1, 2, 3)
    revoked = client.post(
        MI + "PostRelation",
        json={"TestSequenceDefinitionId": ident, "EntitySchema": "Product", "EntityName": "x"},
    )
    assert revoked.status_code == 400


def test_conflicts_new_and_legacy(client: httpx.Client) -> None:
    mine = definition(client, "Mine")
    relate(client, mine, EntityValue="A")
    draft_other = definition(client, "Other draft")
    draft_relation = relate(client, draft_other, EntitySchema="PRODUCT", EntityValue="A")
    released_other = definition(client, "Other released")
    released_relation = relate(client, released_other, EntityValue="A")
    move(client, released_other, 1, 2)
    unrelated = definition(client, "Unrelated")
    relate(client, unrelated, EntityValue="B")
    next_version = definition(client, "Mine")  # same name: never a conflict
    relate(client, next_version, EntityValue="A")

    conflicts = client.get(MI + f"GetRelationConflictsNew/{mine}").json()
    assert [(c["Name"], c["Status"], c["TestSequenceRelationId"]) for c in conflicts] == [
        ("Other draft", 0, draft_relation["TestSequenceRelationId"]),
        ("Other released", 2, released_relation["TestSequenceRelationId"]),
    ]
    assert conflicts[0]["EntityName"] == "PN-1" and conflicts[0]["EntityValue"] == "A"
    legacy = client.get(MI + f"GetRelationConflicts/{mine}").json()
    assert [c["TestSequenceDefinitionId"] for c in legacy] == [released_other]
    assert client.get(MI + f"GetRelationConflictsNew/{unrelated}").json() == []
    assert client.get(MI + f"GetRelationConflictsNew/{uuid.uuid4()}").status_code == 404
