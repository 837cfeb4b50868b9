"""Product groups and vendors."""

from __future__ import annotations

import httpx


def test_groups_get_server_assigned_ids(client: httpx.Client) -> None:
    first = client.put("/api/Product/Group", json={"productGroupName": "Boards"}).json()
    second = client.put("/api/Product/Group", json={"productGroupName": "Modules"}).json()

    assert first == {"productGroupId": 1, "productGroupName": "Boards"}
    assert second["productGroupId"] == 2
    assert client.get("/api/Product/Groups").json() == [first, second]


def test_group_put_with_an_id_renames_and_without_one_is_idempotent(client: httpx.Client) -> None:
    group = client.put("/api/Product/Group", json={"productGroupName": "Boards"}).json()

    again = client.put("/api/Product/Group", json={"productGroupName": "Boards"}).json()
    renamed = client.put("/api/Product/Group", json={**group, "productGroupName": "PCBAs"}).json()

    assert again == group
    assert renamed == {"productGroupId": group["productGroupId"], "productGroupName": "PCBAs"}
    assert client.get("/api/Product/Groups").json() == [renamed]


def test_group_errors(client: httpx.Client) -> None:
    unnamed = client.put("/api/Product/Group", json={"productGroupId": 1})
    assert unnamed.status_code == 400
    assert "productGroupName" in unnamed.json()["Message"]
    unknown = client.put("/api/Product/Group", json={"productGroupId": 99, "productGroupName": "x"})
    assert unknown.status_code == 404


def test_vendor_gets_an_id_and_keeps_extra_members(client: httpx.Client) -> None:
    vendor = client.put(
        "/api/Product/Vendors", json={"name": "Acme", "country": "NO", "rating": {"q": 5}}
    ).json()

    assert vendor["vendorId"]
    assert vendor == {"vendorId": vendor["vendorId"], "name": "Acme", "country": "NO", "rating": {"q": 5}}
    assert client.get("/api/Product/Vendors").json() == [vendor]


def test_vendor_update_by_id_merges_members(client: httpx.Client) -> None:
    vendor = client.put(
        "/api/Product/Vendors", json={"vendorId": "V-1", "name": "Acme", "country": "NO"}
    ).json()
    assert vendor["vendorId"] == "V-1"

    updated = client.put(
        "/api/Product/Vendors", json={"vendorId": "V-1", "name": "Acme AS", "city": "Oslo"}
    ).json()

    assert updated == {"vendorId": "V-1", "name": "Acme AS", "country": "NO", "city": "Oslo"}
    assert len(client.get("/api/Product/Vendors").json()) == 1


def test_vendor_without_name_is_400(client: httpx.Client) -> None:
    response = client.put("/api/Product/Vendors", json={"vendorId": "V-1"})
    assert response.status_code == 400
    assert "name" in response.json()["Message"]


def test_delete_vendor(client: httpx.Client) -> None:
    vendor = client.put("/api/Product/Vendors", json={"name": "Gone/Soon"}).json()

    deleted = client.delete(f"/api/Product/Vendors/{vendor['vendorId']}")

    assert deleted.status_code == 204
    assert client.get("/api/Product/Vendors").json() == []
    again = client.delete(f"/api/Product/Vendors/{vendor['vendorId']}")
    assert again.status_code == 404
    assert again.json() == {"Message": f"Vendor '{vendor['vendorId']}' not found"}
