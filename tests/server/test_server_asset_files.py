"""Asset files, the internal Blob API (endpoints.md §5.5): streamed, on disk by SHA-256, limited."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from server_helpers import basic, make_settings

from pywats_server import EmbeddedServer

BLOB = "/api/internal/Blob/Asset"
MARKER = b"distinctive-asset-file-content-" * 100


def new_asset(client: httpx.Client, serial: str = "FX-1") -> str:
    type_id = client.put("/api/Asset/Types", json={"typeName": f"T-{serial}"}).json()["typeId"]
    return str(client.put("/api/Asset", json={"serialNumber": serial, "typeId": type_id}).json()["assetId"])


def upload(client: httpx.Client, asset_id: str, name: str, data: bytes | Iterator[bytes]) -> httpx.Response:
    return client.post(
        BLOB,
        params={"assetId": asset_id, "filename": name},
        content=data,
        headers={"Content-Type": "application/octet-stream"},
    )


def stored_path(server: EmbeddedServer, data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()
    return Path(server.settings.data_dir) / "asset-files" / digest[:2] / digest[2:4] / digest


def test_round_trip_raw_and_json(client: httpx.Client) -> None:
    asset_id = new_asset(client)
    data = bytes(range(256)) * 1000
    answer = upload(client, asset_id, "dump.bin", data)
    assert answer.status_code == 200
    assert answer.json() == {
        "assetId": asset_id,
        "filename": "dump.bin",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    raw = client.get(BLOB, params={"assetId": asset_id, "filename": "dump.bin"}, headers={"Accept": "*/*"})
    assert raw.content == data
    assert raw.headers["content-type"] == "application/octet-stream"
    assert raw.headers["content-length"] == str(len(data))
    assert "dump.bin" in raw.headers["content-disposition"]
    # A client that accepts only JSON (the older pyWATS) gets {"content": base64}.
    legacy = client.get(
        BLOB, params={"assetId": asset_id, "filename": "dump.bin"}, headers={"Accept": "application/json"}
    )
    assert legacy.headers["content-type"] == "application/json"
    assert base64.b64decode(legacy.json()["content"]) == data
    assert client.get(f"{BLOB}/List/{asset_id}").json() == ["dump.bin"]


def test_streamed_upload_of_unknown_length(client: httpx.Client) -> None:
    asset_id = new_asset(client)
    parts = [bytes([i]) * 70_000 for i in range(20)]
    assert upload(client, asset_id, "chunked.bin", iter(parts)).status_code == 200
    got = client.get(BLOB, params={"assetId": asset_id, "filename": "chunked.bin"}, headers={"Accept": "*/*"})
    assert got.content == b"".join(parts)


def test_contents_live_on_disk_by_hash_not_in_the_database(
    client: httpx.Client, server: EmbeddedServer
) -> None:
    first, second = new_asset(client, "A-1"), new_asset(client, "A-2")
    upload(client, first, "a.txt", MARKER)
    upload(client, second, "b.txt", MARKER)  # the same content is stored once
    path = stored_path(server, MARKER)
    assert path.read_bytes() == MARKER
    files_dir = Path(server.settings.data_dir) / "asset-files"
    stored = [p for p in files_dir.rglob("*") if p.is_file()]
    assert stored == [path]  # no temporary file left behind
    database = b"".join(p.read_bytes() for p in Path(server.settings.data_dir).glob("wats.db*"))
    assert MARKER[:40] not in database

    client.request("DELETE", "/api/internal/Blob/Assets", params={"assetId": first}, json=["a.txt"])
    assert path.exists()  # still named by the second asset
    client.delete("/api/Asset", params={"id": second})  # deleting the asset deletes its files
    assert not path.exists()


def test_replacing_a_file_releases_the_old_content(client: httpx.Client, server: EmbeddedServer) -> None:
    asset_id = new_asset(client)
    upload(client, asset_id, "cfg.ini", b"version=1")
    upload(client, asset_id, "cfg.ini", b"version=2")
    assert not stored_path(server, b"version=1").exists()
    assert stored_path(server, b"version=2").exists()
    got = client.get(BLOB, params={"assetId": asset_id, "filename": "cfg.ini"}, headers={"Accept": "*/*"})
    assert got.content == b"version=2"


def test_delete_forms(client: httpx.Client) -> None:
    asset_id = new_asset(client)
    for name in ("a", "b", "c"):
        upload(client, asset_id, name, name.encode())
    by_query = client.delete(
        "/api/internal/Blob/Assets", params={"assetId": asset_id, "filename": ["a", "zzz"]}
    )
    assert by_query.json() == {"deleted": 1}
    by_body = client.request("DELETE", "/api/internal/Blob/Assets", params={"assetId": asset_id}, json=["b"])
    assert by_body.json() == {"deleted": 1}
    assert client.get(f"{BLOB}/List/{asset_id}").json() == ["c"]
    nothing_named = client.delete("/api/internal/Blob/Assets", params={"assetId": asset_id})
    assert nothing_named.status_code == 400 and "Name the files" in nothing_named.json()["Message"]
    not_a_list = client.request(
        "DELETE", "/api/internal/Blob/Assets", params={"assetId": asset_id}, json={"a": 1}
    )
    assert not_a_list.status_code == 400
    not_json = client.request(
        "DELETE", "/api/internal/Blob/Assets", params={"assetId": asset_id}, content=b"[oops"
    )
    assert not_json.status_code == 400
    assert client.delete("/api/internal/Blob/Assets", params={"filename": "c"}).status_code == 400


def test_errors(client: httpx.Client) -> None:
    asset_id = new_asset(client)
    for bad in ("../etc/passwd", "a/b", "c:\\x", "..", "", "x" * 300):
        response = upload(client, asset_id, bad, b"x")
        assert response.status_code == 400, bad
        assert "filename" in response.json()["Message"]
    assert upload(client, "11111111-2222-3333-4444-555555555555", "a", b"x").status_code == 404
    assert client.post(BLOB, params={"filename": "a"}, content=b"x").status_code == 400  # no assetId
    missing = client.get(BLOB, params={"assetId": asset_id, "filename": "none"})
    assert missing.status_code == 404 and "has no file" in missing.json()["Message"]
    assert (
        client.get(
            BLOB, params={"assetId": "11111111-2222-3333-4444-555555555555", "filename": "a"}
        ).status_code
        == 404
    )
    assert client.get(f"{BLOB}/List/11111111-2222-3333-4444-555555555555").status_code == 404


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A server that accepts uploads of at most 1000 bytes."""
    settings = replace(make_settings(tmp_path_factory.mktemp("small")), max_upload_bytes=1000)
    with EmbeddedServer(settings) as running:
        yield running


def test_size_limit(small: EmbeddedServer) -> None:
    with httpx.Client(base_url=small.url, headers=basic()) as client:
        client.post("/_control/reset").raise_for_status()
        asset_id = new_asset(client)
        assert upload(client, asset_id, "fits.bin", b"x" * 1000).status_code == 200
        declared = upload(client, asset_id, "big.bin", b"x" * 1001)  # refused on Content-Length
        assert declared.status_code == 413 and "1000 bytes" in declared.json()["Message"]
        streamed = upload(
            client, asset_id, "big.bin", iter([b"y" * 600, b"y" * 600])
        )  # refused while reading
        assert streamed.status_code == 413
        assert client.get(f"{BLOB}/List/{asset_id}").json() == ["fits.bin"]
    files = [p for p in (Path(small.settings.data_dir) / "asset-files").rglob("*") if p.is_file()]
    assert len(files) == 1  # the refused uploads left nothing behind


def test_reset_deletes_stored_contents(client: httpx.Client, server: EmbeddedServer) -> None:
    upload(client, new_asset(client, "R-1"), "kept-until-reset.bin", MARKER)
    path = stored_path(server, MARKER)
    assert path.exists()

    client.post("/_control/reset").raise_for_status()

    data_dir = Path(server.settings.data_dir)
    left = [p for name in ("asset-files", "software-files", "content") for p in (data_dir / name).rglob("*")]
    assert left == []
    # The store works as before after a reset.
    assert upload(client, new_asset(client, "R-2"), "again.bin", MARKER).status_code == 200
    assert path.read_bytes() == MARKER
