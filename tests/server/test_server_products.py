"""Products: ``/api/Product`` query, get, upsert and bulk upsert (endpoints.md §3.1)."""

from __future__ import annotations

import uuid

import httpx


def put(client: httpx.Client, body: object) -> httpx.Response:
    return client.put("/api/Product", json=body)


def test_create_returns_the_stored_product_with_a_server_assigned_guid(client: httpx.Client) -> None:
    response = put(client, {"partNumber": "PN-1", "name": "Widget", "description": "A widget"})

    assert response.status_code == 200
    body = response.json()
    assert str(uuid.UUID(body.pop("productId"))) != ""
    assert body == {
        "partNumber": "PN-1",
        "name": "Widget",
        "description": "A widget",
        "nonSerial": False,
        "state": 1,
        "revisions": [],
        "tags": [],
    }


def test_get_returns_what_put_stored_and_omits_nulls(client: httpx.Client) -> None:
    category = str(uuid.uuid4())
    stored = put(
        client,
        {
            "partNumber": "PN-2",
            "name": "Board",
            "nonSerial": True,
            "state": 0,
            "xmlData": "<x/>",
            "productCategoryId": category.upper(),
            "productCategoryName": "PCBA",
            "description": None,
        },
    ).json()

    got = client.get("/api/Product/PN-2").json()

    assert got == stored
    assert got["productCategoryId"] == category  # canonical lower-case GUID
    assert "description" not in got


def test_update_keeps_the_product_id_and_members_not_sent(client: httpx.Client) -> None:
    first = put(client, {"partNumber": "PN-3", "name": "Old", "description": "kept"}).json()

    second = put(client, {"partNumber": "PN-3", "name": "New", "state": 0}).json()

    assert second["productId"] == first["productId"]
    assert (second["name"], second["description"], second["state"]) == ("New", "kept", 0)
    cleared = put(client, {"partNumber": "PN-3", "description": None}).json()
    assert "description" not in cleared
    assert cleared["name"] == "New"


def test_query_lists_product_views_sorted_by_part_number(client: httpx.Client) -> None:
    put(client, {"partNumber": "B", "name": "Bee", "productCategoryName": "Cat", "description": "hidden"})
    put(client, {"partNumber": "A", "nonSerial": True})

    rows = client.get("/api/Product/Query").json()

    assert rows == [
        {"partNumber": "A", "nonSerial": True, "state": 1},
        {"partNumber": "B", "name": "Bee", "category": "Cat", "nonSerial": False, "state": 1},
    ]


def test_unknown_members_are_ignored_and_names_are_case_insensitive(client: httpx.Client) -> None:
    response = put(client, {"PartNumber": "PN-4", "NAME": "Loud", "somethingNew": {"nested": [1, 2]}})

    assert response.status_code == 200
    assert response.json()["partNumber"] == "PN-4"
    assert response.json()["name"] == "Loud"
    assert "somethingNew" not in response.json()


def test_missing_or_empty_part_number_is_400_naming_it(client: httpx.Client) -> None:
    for body in ({"name": "x"}, {"partNumber": ""}, {"partNumber": "   "}, {"partNumber": None}):
        response = put(client, body)
        assert response.status_code == 400, body
        assert "partNumber" in response.json()["Message"]
    assert client.get("/api/Product/Query").json() == []


def test_wrong_types_are_400(client: httpx.Client) -> None:
    for body in (
        {"partNumber": 42},
        {"partNumber": "X", "state": "active"},
        {"partNumber": "X", "nonSerial": "perhaps"},
        {"partNumber": "X", "productId": "not-a-guid"},
        {"partNumber": "X", "tags": "k=v"},
        ["not", "an", "object"],
    ):
        response = put(client, body)
        assert response.status_code == 400, body
        assert response.json()["Message"].startswith("The request is invalid.")


def test_tags_replace_the_stored_tags_when_sent(client: httpx.Client) -> None:
    put(client, {"partNumber": "T", "tags": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]})

    kept = put(client, {"partNumber": "T", "name": "no tags sent"}).json()
    assert kept["tags"] == [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]

    replaced = put(client, {"partNumber": "T", "tags": [{"key": "c", "value": "3", "change": 1}]}).json()
    assert replaced["tags"] == [{"key": "c", "value": "3"}]

    assert put(client, {"partNumber": "T", "tags": []}).json()["tags"] == []


def test_a_tag_with_change_3_is_deleted(client: httpx.Client) -> None:
    put(client, {"partNumber": "T", "tags": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"}]})

    body = {"partNumber": "T", "tags": [{"key": "a", "value": "1", "change": 0}, {"key": "b", "change": 3}]}
    response = put(client, body)

    assert response.json()["tags"] == [{"key": "a", "value": "1"}]
    assert client.get("/api/Product/T").json()["tags"] == [{"key": "a", "value": "1"}]


def test_bulk_upsert_returns_every_product(client: httpx.Client) -> None:
    existing = put(client, {"partNumber": "P1", "name": "one"}).json()

    response = client.put(
        "/api/Product/Products",
        json=[{"partNumber": "P1", "name": "uno"}, {"partNumber": "P2", "name": "two"}],
    )

    assert response.status_code == 200
    products = response.json()
    assert [(p["partNumber"], p["name"]) for p in products] == [("P1", "uno"), ("P2", "two")]
    assert products[0]["productId"] == existing["productId"]
    assert len(client.get("/api/Product/Query").json()) == 2


def test_bulk_upsert_is_all_or_nothing_on_a_validation_error(client: httpx.Client) -> None:
    response = client.put(
        "/api/Product/Products",
        json=[{"partNumber": "GOOD-1"}, {"name": "no part number"}, {"partNumber": "G2"}],
    )

    assert response.status_code == 400
    assert "[1].partNumber" in response.json()["Message"]
    assert client.get("/api/Product/Query").json() == []


def test_bulk_upsert_of_nothing_is_an_empty_list(client: httpx.Client) -> None:
    assert client.put("/api/Product/Products", json=[]).json() == []


def test_the_same_part_number_twice_in_one_bulk_request_is_one_product(client: httpx.Client) -> None:
    products = client.put(
        "/api/Product/Products",
        json=[{"partNumber": "DUP", "name": "first"}, {"partNumber": "DUP", "state": 0}],
    ).json()

    assert products[0]["productId"] == products[1]["productId"]
    assert client.get("/api/Product/DUP").json()["name"] == "first"
    assert client.get("/api/Product/DUP").json()["state"] == 0
