"""Data survives a restart; concurrent writers do not corrupt or lose anything."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from server_helpers import basic, make_settings

from pywats_server import EmbeddedServer


def test_data_survives_a_restart_on_the_same_data_dir(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with EmbeddedServer(settings) as first, httpx.Client(base_url=first.url, headers=basic()) as http:
        created = http.put(
            "/api/Product", json={"partNumber": "KEEP/ME", "tags": [{"key": "k", "value": "v"}]}
        )
        http.put("/api/Product/Revision", json={"partNumber": "KEEP/ME", "revision": "A"}).raise_for_status()
        http.put("/api/Product/Vendors", json={"vendorId": "V", "name": "Vendor", "x": 1}).raise_for_status()
        http.put("/api/Product/Group", json={"productGroupName": "G"}).raise_for_status()

    assert (tmp_path / "wats.db").is_file()
    with EmbeddedServer(settings) as second, httpx.Client(base_url=second.url, headers=basic()) as http:
        product = http.get("/api/Product/KEEP%2FME").json()
        assert product["productId"] == created.json()["productId"]
        assert product["tags"] == [{"key": "k", "value": "v"}]
        assert [r["revision"] for r in product["revisions"]] == ["A"]
        assert http.get("/api/Product/Vendors").json() == [{"vendorId": "V", "name": "Vendor", "x": 1}]
        assert http.get("/api/Product/Groups").json() == [{"productGroupId": 1, "productGroupName": "G"}]


def test_concurrent_upserts_of_one_new_product_create_it_once(client: httpx.Client) -> None:
    def upsert(index: int) -> httpx.Response:
        with httpx.Client(base_url=str(client.base_url), headers=client.headers, timeout=30.0) as http:
            return http.put("/api/Product", json={"partNumber": "RACE", "name": f"writer {index}"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(upsert, range(24)))

    assert [r.status_code for r in responses] == [200] * 24
    assert len({r.json()["productId"] for r in responses}) == 1
    assert [row["partNumber"] for row in client.get("/api/Product/Query").json()] == ["RACE"]


def test_embedded_server_without_settings_uses_a_temporary_directory() -> None:
    with EmbeddedServer() as server:
        data_dir = server.settings.data_dir
        headers = {"Authorization": f"Basic {server.token}"}
        response = httpx.put(f"{server.url}/api/Product", json={"partNumber": "TMP"}, headers=headers)
        assert response.status_code == 200
        assert (data_dir / "wats.db").is_file()
    assert not data_dir.exists()
