"""SCIM users on the wire: RFC 7644 list and error shapes, paging, filter, create, get, delete."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"


def create(client: httpx.Client, user_name: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/SCIM/v2/Users", json={"schemas": [USER], "userName": user_name, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def assert_scim_error(response: httpx.Response, status: int, scim_type: str | None = None) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/scim+json")
    body = response.json()
    assert body["schemas"] == [ERROR]
    assert body["status"] == str(status)
    assert body["detail"]
    if scim_type is not None:
        assert body["scimType"] == scim_type
    return str(body["detail"])


def test_create_answers_201_with_location_and_the_user(client: httpx.Client) -> None:
    response = client.post(
        "/api/SCIM/v2/Users",
        json={
            "schemas": [USER],
            "userName": "ada@example.com",
            "externalId": "e-1",
            "displayName": "Ada Lovelace",
            "name": {"givenName": "Ada", "familyName": "Lovelace"},
            "emails": [{"value": "ada@example.com", "type": "work", "primary": True}],
        },
        headers={"Content-Type": "application/scim+json"},
    )
    assert response.status_code == 201
    user = response.json()
    assert user["schemas"] == [USER]
    assert user["active"] is True
    assert user["name"] == {"givenName": "Ada", "familyName": "Lovelace"}
    assert user["meta"]["resourceType"] == "User"
    assert user["meta"]["location"].endswith("/api/SCIM/v2/Users/" + user["id"])
    assert response.headers["location"] == user["meta"]["location"]
    assert client.get(f"/api/SCIM/v2/Users/{user['id']}").json() == user


def test_get_by_user_name_path_form_ignores_case(client: httpx.Client) -> None:
    user = create(client, "Grace.Hopper@example.com")
    found = client.get("/api/SCIM/v2/Users/userName=grace.hopper%40example.com")
    assert found.status_code == 200 and found.json()["id"] == user["id"]
    assert_scim_error(client.get("/api/SCIM/v2/Users/userName=nobody"), 404)


def test_list_is_an_rfc7644_list_response_with_paging(client: httpx.Client) -> None:
    ids = [create(client, f"user{i:02d}")["id"] for i in range(7)]
    page = client.get("/api/SCIM/v2/Users", params={"startIndex": 3, "count": 2}).json()
    assert page["schemas"] == [LIST]
    assert (page["totalResults"], page["startIndex"], page["itemsPerPage"]) == (7, 3, 2)
    assert [u["id"] for u in page["Resources"]] == ids[2:4]

    everything = client.get("/api/SCIM/v2/Users").json()
    assert everything["itemsPerPage"] == 7 and everything["startIndex"] == 1
    past_the_end = client.get("/api/SCIM/v2/Users", params={"startIndex": 50}).json()
    assert (past_the_end["totalResults"], past_the_end["itemsPerPage"], past_the_end["Resources"]) == (
        7,
        0,
        [],
    )
    # RFC 7644 §3.4.2.4: startIndex < 1 means 1, a negative count means 0.
    clamped = client.get("/api/SCIM/v2/Users", params={"startIndex": -4, "count": -1}).json()
    assert (clamped["startIndex"], clamped["itemsPerPage"]) == (1, 0)


def test_list_filter(client: httpx.Client) -> None:
    create(client, "alice", externalId="ext-a")
    bob = create(client, "bob", externalId="ext-b")
    found = client.get("/api/SCIM/v2/Users", params={"filter": 'userName eq "BOB"'}).json()
    assert [u["id"] for u in found["Resources"]] == [bob["id"]] and found["totalResults"] == 1
    by_external = client.get("/api/SCIM/v2/Users", params={"filter": 'externalId eq "ext-b"'}).json()
    assert by_external["totalResults"] == 1
    assert_scim_error(
        client.get("/api/SCIM/v2/Users", params={"filter": 'title co "x"'}), 400, "invalidFilter"
    )


@pytest.mark.parametrize(
    ("body", "status", "scim_type"),
    [
        ({"displayName": "no user name"}, 400, "invalidValue"),
        ({"userName": "  "}, 400, "invalidValue"),
        ({"userName": "x", "active": "maybe"}, 400, "invalidValue"),
        ({"userName": "x", "emails": "not-a-list"}, 400, "invalidValue"),
    ],
)
def test_create_errors(client: httpx.Client, body: dict[str, Any], status: int, scim_type: str) -> None:
    assert_scim_error(client.post("/api/SCIM/v2/Users", json=body), status, scim_type)


def test_duplicate_user_name_is_409_uniqueness(client: httpx.Client) -> None:
    create(client, "carol")
    assert_scim_error(client.post("/api/SCIM/v2/Users", json={"userName": "CAROL"}), 409, "uniqueness")


def test_malformed_requests(client: httpx.Client) -> None:
    bad_json = client.post(
        "/api/SCIM/v2/Users", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert_scim_error(bad_json, 400, "invalidSyntax")
    assert_scim_error(client.get("/api/SCIM/v2/Users", params={"count": "ten"}), 400, "invalidValue")
    assert_scim_error(client.get("/api/SCIM/v2/Users/no-such-id"), 404)


def test_delete(client: httpx.Client) -> None:
    user = create(client, "dave")
    assert client.delete(f"/api/SCIM/v2/Users/{user['id']}").status_code == 204
    assert_scim_error(client.get(f"/api/SCIM/v2/Users/{user['id']}"), 404)
    assert_scim_error(client.delete(f"/api/SCIM/v2/Users/{user['id']}"), 404)


def test_token(client: httpx.Client) -> None:
    token = client.get("/api/SCIM/v2/Token", params={"duration": 30}).json()
    assert token["durationDays"] == 30
    assert token["token"].count(".") == 2  # a JWT: header.claims.signature
    assert token["expiresUtc"] > "2000"
    assert client.get("/api/SCIM/v2/Token").json()["durationDays"] == 90
    assert_scim_error(client.get("/api/SCIM/v2/Token", params={"duration": 0}), 400, "invalidValue")
    assert_scim_error(client.get("/api/SCIM/v2/Token", params={"duration": "x"}), 400)
