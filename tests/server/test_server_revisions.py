"""Product revisions: ``PUT /api/Product/Revision(s)`` and ``GET /api/Product?partNumber&revision``."""

from __future__ import annotations

import uuid

import httpx
import pytest


@pytest.fixture
def product(client: httpx.Client) -> dict[str, object]:
    response = client.put("/api/Product", json={"partNumber": "BOARD", "name": "Board"})
    response.raise_for_status()
    return dict(response.json())


def test_create_by_part_number_returns_the_stored_revision(
    client: httpx.Client, product: dict[str, object]
) -> None:
    response = client.put(
        "/api/Product/Revision",
        json={"partNumber": "BOARD", "revision": "A", "name": "Rev A", "tags": [{"key": "k", "value": "v"}]},
    )

    assert response.status_code == 200
    revision = response.json()
    uuid.UUID(revision.pop("productRevisionId"))
    assert revision == {
        "revision": "A",
        "name": "Rev A",
        "state": 1,
        "productId": product["productId"],
        "partNumber": "BOARD",
        "tags": [{"key": "k", "value": "v"}],
    }


def test_create_by_product_id(client: httpx.Client, product: dict[str, object]) -> None:
    response = client.put("/api/Product/Revision", json={"productId": product["productId"], "revision": "B"})
    assert response.status_code == 200
    assert response.json()["partNumber"] == "BOARD"


def test_update_keeps_the_revision_id(client: httpx.Client, product: dict[str, object]) -> None:
    first = client.put(
        "/api/Product/Revision", json={"partNumber": "BOARD", "revision": "A", "name": "x"}
    ).json()
    second = client.put(
        "/api/Product/Revision", json={"partNumber": "BOARD", "revision": "A", "state": 0, "description": "d"}
    ).json()

    assert second["productRevisionId"] == first["productRevisionId"]
    assert (second["name"], second["state"], second["description"]) == ("x", 0, "d")


def test_get_revision_by_query(client: httpx.Client, product: dict[str, object]) -> None:
    stored = client.put("/api/Product/Revision", json={"partNumber": "BOARD", "revision": "1.0"}).json()

    response = client.get("/api/Product", params={"partNumber": "BOARD", "revision": "1.0"})

    assert response.json() == stored


def test_unknown_revision_or_product_is_404(client: httpx.Client, product: dict[str, object]) -> None:
    missing_revision = client.get("/api/Product", params={"partNumber": "BOARD", "revision": "Z"})
    assert missing_revision.status_code == 404
    assert missing_revision.json() == {"Message": "Revision 'Z' of product 'BOARD' not found"}
    missing_product = client.get("/api/Product", params={"partNumber": "NOPE", "revision": "Z"})
    assert missing_product.json() == {"Message": "Product 'NOPE' not found"}


def test_revisions_appear_in_the_product(client: httpx.Client, product: dict[str, object]) -> None:
    client.put("/api/Product/Revisions", json=[{"partNumber": "BOARD", "revision": r} for r in ("B", "A")])

    revisions = client.get("/api/Product/BOARD").json()["revisions"]

    assert [r["revision"] for r in revisions] == ["A", "B"]
    assert {r["partNumber"] for r in revisions} == {"BOARD"}


def test_unknown_parent_is_404(client: httpx.Client) -> None:
    by_number = client.put("/api/Product/Revision", json={"partNumber": "GHOST", "revision": "A"})
    assert by_number.status_code == 404
    assert by_number.json() == {"Message": "Product 'GHOST' not found"}
    ghost_id = str(uuid.uuid4())
    by_id = client.put("/api/Product/Revision", json={"productId": ghost_id, "revision": "A"})
    assert by_id.status_code == 404
    assert ghost_id in by_id.json()["Message"]


def test_missing_parent_or_revision_is_400_naming_the_field(
    client: httpx.Client, product: dict[str, object]
) -> None:
    no_parent = client.put("/api/Product/Revision", json={"revision": "A"})
    assert no_parent.status_code == 400
    assert "partNumber" in no_parent.json()["Message"]
    assert "productId" in no_parent.json()["Message"]
    no_revision = client.put("/api/Product/Revision", json={"partNumber": "BOARD"})
    assert no_revision.status_code == 400
    assert "revision" in no_revision.json()["Message"]


def test_contradicting_parent_is_400(client: httpx.Client, product: dict[str, object]) -> None:
    client.put("/api/Product", json={"partNumber": "OTHER"}).raise_for_status()
    response = client.put(
        "/api/Product/Revision",
        json={"partNumber": "OTHER", "productId": product["productId"], "revision": "A"},
    )
    assert response.status_code == 400


def test_bulk_revisions_are_all_or_nothing(client: httpx.Client, product: dict[str, object]) -> None:
    response = client.put(
        "/api/Product/Revisions",
        json=[{"partNumber": "BOARD", "revision": "A"}, {"partNumber": "GHOST", "revision": "A"}],
    )

    assert response.status_code == 404
    assert client.get("/api/Product/BOARD").json()["revisions"] == []


def test_revision_tags_replace_and_delete(client: httpx.Client, product: dict[str, object]) -> None:
    base = {"partNumber": "BOARD", "revision": "A"}
    client.put("/api/Product/Revision", json={**base, "tags": [{"key": "a", "value": "1"}, {"key": "b"}]})

    updated = client.put(
        "/api/Product/Revision", json={**base, "tags": [{"key": "a", "change": 3}, {"key": "b"}]}
    )

    assert updated.json()["tags"] == [{"key": "b"}]
