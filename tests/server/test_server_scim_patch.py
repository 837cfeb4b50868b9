"""SCIM PATCH on the wire (RFC 7644 §3.5.2): paths, value objects, Entra ID quirks, errors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def user(client: httpx.Client) -> dict[str, Any]:
    response = client.post(
        "/api/SCIM/v2/Users",
        json={
            "userName": "erin",
            "displayName": "Erin",
            "name": {"givenName": "Erin", "familyName": "Ek"},
            "emails": [{"value": "erin@work.example", "type": "work", "primary": True}],
        },
    )
    assert response.status_code == 201
    return response.json()


def patch(client: httpx.Client, user: dict[str, Any], *operations: dict[str, Any]) -> httpx.Response:
    body = {"schemas": [PATCH_OP], "Operations": list(operations)}
    return client.patch(f"/api/SCIM/v2/Users/{user['id']}", json=body)


def test_replace_simple_attributes(client: httpx.Client, user: dict[str, Any]) -> None:
    response = patch(
        client,
        user,
        {"op": "replace", "path": "active", "value": False},
        {"op": "replace", "path": "displayName", "value": "Erin E."},
    )
    assert response.status_code == 200
    patched = response.json()
    assert (patched["active"], patched["displayName"]) == (False, "Erin E.")
    assert patched["meta"]["version"] != user["meta"]["version"]
    assert client.get(f"/api/SCIM/v2/Users/{user['id']}").json() == patched


def test_entra_id_style_operations(client: httpx.Client, user: dict[str, Any]) -> None:
    patched = patch(
        client,
        user,
        {"op": "Replace", "path": "active", "value": "False"},
        {"op": "Add", "value": {"name.familyName": "Eklund", "externalId": "aad-7"}},
        {"op": "replace", "path": 'emails[type eq "work"].value', "value": "erin@new.example"},
    ).json()
    assert patched["active"] is False
    assert patched["name"] == {"givenName": "Erin", "familyName": "Eklund"}
    assert patched["externalId"] == "aad-7"
    assert patched["emails"] == [{"value": "erin@new.example", "type": "work", "primary": True}]


def test_remove(client: httpx.Client, user: dict[str, Any]) -> None:
    patched = patch(
        client,
        user,
        {"op": "remove", "path": "displayName"},
        {"op": "remove", "path": 'emails[type eq "work"]'},
    ).json()
    assert "displayName" not in patched and "emails" not in patched


@pytest.mark.parametrize(
    ("operation", "status", "scim_type"),
    [
        ({"op": "move", "path": "active", "value": True}, 400, "invalidSyntax"),
        ({"op": "remove"}, 400, "noTarget"),
        ({"op": "replace", "path": "nickName", "value": "x"}, 400, "invalidPath"),
        ({"op": "replace", "path": "id", "value": "x"}, 400, "mutability"),
        ({"op": "remove", "path": "userName"}, 400, "invalidValue"),
        ({"op": "replace", "path": "active", "value": "perhaps"}, 400, "invalidValue"),
        ({"op": "replace", "value": "not an object"}, 400, "invalidSyntax"),
    ],
)
def test_patch_errors_change_nothing(
    client: httpx.Client, user: dict[str, Any], operation: dict[str, Any], status: int, scim_type: str
) -> None:
    response = patch(client, user, {"op": "replace", "path": "displayName", "value": "changed"}, operation)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["scimType"] == scim_type and body["status"] == str(status)
    assert client.get(f"/api/SCIM/v2/Users/{user['id']}").json() == user  # all operations or none


def test_renaming_onto_another_user_name_is_409(client: httpx.Client, user: dict[str, Any]) -> None:
    client.post("/api/SCIM/v2/Users", json={"userName": "frank"})
    response = patch(client, user, {"op": "replace", "path": "userName", "value": "Frank"})
    assert response.status_code == 409 and response.json()["scimType"] == "uniqueness"


def test_patch_request_shape_is_checked(client: httpx.Client, user: dict[str, Any]) -> None:
    url = f"/api/SCIM/v2/Users/{user['id']}"
    wrong_schema = client.patch(
        url, json={"schemas": ["urn:x"], "Operations": [{"op": "remove", "path": "active"}]}
    )
    assert wrong_schema.status_code == 400 and wrong_schema.json()["scimType"] == "invalidSyntax"
    no_ops = client.patch(url, json={"schemas": [PATCH_OP], "Operations": []})
    assert no_ops.status_code == 400
    missing_ops = client.patch(url, json={"schemas": [PATCH_OP]})
    assert missing_ops.status_code == 400
    unknown_user = client.patch(
        "/api/SCIM/v2/Users/nope", json={"Operations": [{"op": "remove", "path": "active"}]}
    )
    assert unknown_user.status_code == 404 and unknown_user.json()["status"] == "404"
