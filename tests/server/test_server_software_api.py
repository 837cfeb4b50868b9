"""Software distribution over plain HTTP (endpoints.md §9): shapes, lifecycle rules, zip safety, storage."""

from __future__ import annotations

import hashlib
import io
import stat
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from server_helpers import basic, make_settings

from pywats_server import EmbeddedServer


def make_zip(files: dict[str, bytes], *, compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def create(client: httpx.Client, name: str = "Drivers", **members: object) -> dict[str, object]:
    response = client.post("/api/Software/Package", json={"name": name, **members})
    assert response.status_code == 200, response.text
    return dict(response.json())


def upload(client: httpx.Client, package_id: object, data: bytes, **params: object) -> httpx.Response:
    return client.post(
        f"/api/Software/Package/UploadZip/{package_id}",
        params=params,
        content=data,
        headers={"Content-Type": "application/zip"},
    )


def message(response: httpx.Response) -> str:
    return str(response.json()["Message"])


def test_package_shape_and_versions(client: httpx.Client) -> None:
    package = create(client, "Drivers", description="d", tags=[{"key": "station", "value": "ICT"}])
    assert uuid.UUID(str(package["packageId"]))
    assert (package["version"], package["status"], package["installOnRoot"]) == (1, "Draft", False)
    assert str(package["createdUtc"]).endswith("Z") and package["createdBy"] == "tester"
    assert package["files"] == [] and None not in package.values()
    assert create(client, "DRIVERS")["version"] == 2
    listed = client.get("/api/Software/Packages").json()
    assert [(p["name"], p["version"]) for p in listed] == [("Drivers", 1), ("Drivers", 2)]
    assert "files" not in listed[0]  # the list is a summary
    assert (
        client.get("/api/Software/PackageByName", params={"name": "drivers", "version": 1}).json()["version"]
        == 1
    )
    missing = client.get("/api/Software/PackageByName", params={"name": "drivers", "status": "Released"})
    assert missing.status_code == 404 and "with status Released" in message(missing)
    bad_status = client.get("/api/Software/PackageByName", params={"name": "drivers", "status": "Gold"})
    assert bad_status.status_code == 400
    assert client.get("/api/Software/PackageByName").status_code == 400
    tagged = client.get("/api/Software/PackagesByTag", params={"tag": "STATION", "value": "ict"}).json()
    assert [p["version"] for p in tagged] == [1]


def test_create_and_update_rules(client: httpx.Client) -> None:
    assert client.post("/api/Software/Package", json={"name": " "}).status_code == 400
    not_draft = client.post("/api/Software/Package", json={"name": "X", "status": "Released"})
    assert not_draft.status_code == 400 and "starts as Draft" in message(not_draft)
    package = create(client, "X")
    path = f"/api/Software/Package/{package['packageId']}"
    changed = client.put(path, json={"name": "x", "priority": 3, "rootDirectory": "C:\\X"}).json()
    assert (changed["priority"], changed["rootDirectory"], changed["name"]) == (3, "C:\\X", "X")
    assert client.put(path, json={"name": "Y"}).status_code == 400
    assert client.put(path, json={"name": "X", "version": 5}).status_code == 400
    assert client.put(path, json={"name": "X", "status": "Pending"}).status_code == 400
    assert client.put(f"/api/Software/Package/{uuid.uuid4()}", json={"name": "X"}).status_code == 404
    assert client.get("/api/Software/Package/not-a-guid").status_code == 404


def test_lifecycle_transitions(client: httpx.Client) -> None:
    package_id = create(client)["packageId"]

    def move(status: str) -> httpx.Response:
        return client.post(f"/api/Software/PackageStatus/{package_id}", params={"status": status})

    moves = [
        ("Released", 409),
        ("Revoked", 409),
        ("pending", 200),
        ("Pending", 200),
        ("Draft", 200),
        ("Pending", 200),
        ("Released", 200),
        ("Draft", 409),
        ("Pending", 409),
        ("Revoked", 200),
        ("Released", 409),
        ("Draft", 409),
        ("Unknown", 400),
    ]
    for status, expected in moves:
        assert move(status).status_code == expected, status
    assert client.get(f"/api/Software/Package/{package_id}").json()["status"] == "Revoked"
    assert client.post(f"/api/Software/PackageStatus/{package_id}").status_code == 400


def test_only_drafts_change_and_released_ones_stay(client: httpx.Client) -> None:
    package_id = create(client)["packageId"]
    assert upload(client, package_id, make_zip({"a.txt": b"a"})).status_code == 200
    file_id = client.get(f"/api/Software/PackageFiles/{package_id}").json()[0]["fileId"]
    client.post(f"/api/Software/PackageStatus/{package_id}", params={"status": "Pending"})
    for response in (
        upload(client, package_id, make_zip({"b.txt": b"b"})),
        client.put(f"/api/Software/Package/{package_id}", json={"name": "Drivers", "description": "x"}),
        client.post(f"/api/Software/Package/FileAttribute/{file_id}", json={"attributes": "x"}),
        client.post(
            "/api/internal/Software/PostPackageFolder", params={"packageId": package_id}, json={"name": "f"}
        ),
        client.post(
            "/api/internal/Software/DeletePackageFolderFiles", params={"packageFolderFileIds": file_id}
        ),
    ):
        assert response.status_code == 409, response.text
        assert "only a Draft can be changed" in message(response)
    client.post(f"/api/Software/PackageStatus/{package_id}", params={"status": "Released"})
    blocked = client.delete(f"/api/Software/Package/{package_id}")
    assert blocked.status_code == 409 and "revoke it" in message(blocked)
    assert client.delete("/api/Software/PackageByName", params={"name": "Drivers"}).status_code == 409
    client.post(f"/api/Software/PackageStatus/{package_id}", params={"status": "Revoked"})
    assert client.delete(f"/api/Software/Package/{package_id}").status_code == 204
    assert client.delete(f"/api/Software/Package/{package_id}").status_code == 404


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../escape.txt", "climbs out"),
        ("dir/../../escape.txt", "climbs out"),
        ("/absolute.txt", "absolute"),
        ("\\\\server\\share.txt", "absolute"),
        ("C:/windows/evil.dll", "absolute"),
        ("bad<name>.txt", "cannot create"),
        ("trailing-dot.", "cannot create"),
        ("ctrl\x01.txt", "cannot create"),
    ],
)
def test_unsafe_entry_names(client: httpx.Client, name: str, reason: str) -> None:
    package_id = create(client)["packageId"]
    response = upload(client, package_id, make_zip({"fine.txt": b"ok", name: b"x"}))
    assert response.status_code == 400 and reason in message(response)
    assert client.get(f"/api/Software/PackageFiles/{package_id}").json() == []  # all or nothing


def test_links_encryption_duplicates_and_bombs(client: httpx.Client) -> None:
    package_id = create(client)["packageId"]
    link = zipfile.ZipInfo("link")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(link, "/etc/passwd")
    assert "symbolic link" in message(upload(client, package_id, buffer.getvalue()))

    encrypted = bytearray(make_zip({"secret.txt": b"s"}))
    for offset in (6, encrypted.rfind(b"PK\x01\x02") + 8):  # general-purpose flag: local and central headers
        encrypted[offset] |= 0x1
    assert "encrypted" in message(upload(client, package_id, bytes(encrypted)))

    assert "twice" in message(upload(client, package_id, make_zip({"A/b.txt": b"1", "a/B.TXT": b"2"})))
    bomb = make_zip({"zeros.bin": b"\0" * (20 * 1024 * 1024)}, compression=zipfile.ZIP_DEFLATED)
    assert "zip bomb" in message(upload(client, package_id, bomb))
    assert "not a valid zip" in message(upload(client, package_id, b"PK\x03\x04 truncated"))
    assert client.get(f"/api/Software/PackageFiles/{package_id}").json() == []


def test_contents_on_disk_by_hash(client: httpx.Client, server: EmbeddedServer) -> None:
    first, second = create(client, "A")["packageId"], create(client, "B")["packageId"]
    data = b"shared driver binary " * 500
    upload(client, first, make_zip({"drv.sys": data}))
    upload(client, second, make_zip({"copy/drv.sys": data}))
    digest = hashlib.sha256(data).hexdigest()
    root = Path(server.settings.data_dir) / "software-files"
    stored = root / digest[:2] / digest[2:4] / digest
    assert stored.read_bytes() == data
    assert [p for p in root.rglob("*") if p.is_file()] == [stored]  # once, and no temporary files left
    file = client.get(f"/api/Software/PackageFiles/{first}").json()[0]
    assert file["checksum"] == hashlib.sha1(data).hexdigest() and file["size"] == len(data)
    client.delete(f"/api/Software/Package/{first}")
    assert stored.exists()  # still part of the second package
    upload(client, second, make_zip({"other.txt": b"o"}), cleanInstall="true")
    assert not stored.exists()


def test_download_zip_round_trip(client: httpx.Client) -> None:
    package_id = create(client)["packageId"]
    files = {"bin/app.exe": bytes(range(256)) * 50, "readme.txt": b"read me", "empty.dat": b""}
    upload(client, package_id, make_zip(files))
    response = client.get(f"/api/Software/Package/DownloadZip/{package_id}")
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-length"] == str(len(response.content))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert {name: archive.read(name) for name in archive.namelist()} == files
    assert client.get(f"/api/Software/Package/DownloadZip/{uuid.uuid4()}").status_code == 404


def test_folders_and_internal_endpoints(client: httpx.Client) -> None:
    assert client.get("/api/internal/Software/isConnected").json() is True
    virtual = client.get("/api/Software/VirtualFolders").json()
    assert all({"folderId", "name", "path"} <= set(v) for v in virtual)
    package_id = create(client)["packageId"]
    created = client.post(
        "/api/internal/Software/PostPackageFolder",
        params={"packageId": package_id},
        json={"name": "Seq", "virtualFolderId": virtual[0]["folderId"], "description": "sequences"},
    ).json()
    folder_id = created["packageFolderId"]
    assert (created["path"], created["virtualFolderId"]) == ("Seq", virtual[0]["folderId"])
    child = client.post(
        "/api/internal/Software/PostPackageFolder",
        params={"packageId": package_id},
        json={"name": "Sub", "parentFolderId": folder_id},
    ).json()
    inside_itself = client.post(
        "/api/internal/Software/UpdatePackageFolder",
        json={"packageFolderId": folder_id, "parentFolderId": child["packageFolderId"]},
    )
    assert inside_itself.status_code == 400
    foreign = client.post(
        "/api/internal/Software/PostPackageFolder",
        params={"packageId": create(client, "Other")["packageId"]},
        json={"name": "x", "parentFolderId": folder_id},
    )
    assert foreign.status_code == 400
    assert (
        client.post(
            "/api/internal/Software/PostPackageFolder", params={"packageId": package_id}, json={"name": "a/b"}
        ).status_code
        == 400
    )
    upload(client, package_id, make_zip({"seq/Sub/main.seq": b"m"}))
    details = client.get(
        "/api/internal/Software/GetSoftwareEntityDetails", params={"packageId": package_id}
    ).json()
    assert [f["path"] for f in details["folders"]] == ["Seq", "Seq/Sub"]
    assert details["files"][0]["path"] == "Seq/Sub/main.seq" and details["totalSize"] == 1
    file_id = details["files"][0]["fileId"]
    assert (
        client.get(f"/api/internal/Software/File/{file_id}").json()["parentFolderId"]
        == child["packageFolderId"]
    )
    deleted = client.post("/api/internal/Software/DeletePackageFolder", params={"packageFolderId": folder_id})
    assert deleted.json() == {"deletedFolders": 2, "deletedFiles": 1}
    assert client.get(f"/api/internal/Software/File/{file_id}").status_code == 404
    bad_ids = client.post(
        "/api/internal/Software/DeletePackageFolderFiles", params={"packageFolderFileIds": "x,y"}
    )
    assert bad_ids.status_code == 400


def test_station_queries(client: httpx.Client) -> None:
    def release(package_id: object) -> None:
        for status in ("Pending", "Released"):
            client.post(f"/api/Software/PackageStatus/{package_id}", params={"status": status})

    old = create(client, "Drivers", tags=[{"key": "station", "value": "ICT"}])["packageId"]
    new = create(client, "Drivers", tags=[{"key": "station", "value": "ICT"}])["packageId"]
    release(old)
    release(new)
    available = client.get(
        "/api/internal/Software/GetAvailablePackages", params={"installedPackages": old}
    ).json()
    assert [p["packageId"] for p in available] == [new] and available[0]["files"] == []
    history = client.get(
        "/api/internal/Software/GetPackageHistory",
        params={"tags": "station=ICT", "status": 2, "allVersions": True},
    ).json()
    assert [p["version"] for p in history] == [2, 1]
    assert client.get("/api/internal/Software/GetPackageHistory", params={"tags": "=x"}).status_code == 400
    assert (
        client.get("/api/internal/Software/GetPackageHistory", params={"tags": "a", "status": 9}).status_code
        == 400
    )
    client.post(f"/api/Software/PackageStatus/{old}", params={"status": "Revoked"})
    revoked = client.get(
        "/api/internal/Software/GetRevokedPackages", params={"installedPackages": f"{old},{new}"}
    )
    assert revoked.json() == [old]
    logged = client.get(
        "/api/internal/Software/Log", params={"packageId": new, "downloadSize": 5, "clientId": 3}
    )
    assert logged.json()["downloadSize"] == 5
    assert (
        client.get("/api/internal/Software/Log", params={"packageId": new, "downloadSize": -5}).status_code
        == 400
    )
    records = client.get("/api/internal/Software/GetPackageDownloadHistory", params={"clientId": 3}).json()
    assert [(r["packageId"], r["version"], r["user"]) for r in records] == [(new, 2, "tester")]
    check = client.get(
        "/api/internal/Software/CheckFile",
        params={
            "packageId": new,
            "parentFolderId": str(uuid.uuid4()),
            "filePath": "a",
            "checksum": "0" * 40,
            "fileDateEpoch": 0,
        },
    )
    assert check.status_code == 404
    assert client.get("/api/internal/Software/CheckFile", params={"packageId": new}).status_code == 400


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A server that accepts uploads of at most 2000 bytes."""
    settings = replace(make_settings(tmp_path_factory.mktemp("small-software")), max_upload_bytes=2000)
    with EmbeddedServer(settings) as running:
        yield running


def test_upload_size_limit(small: EmbeddedServer) -> None:
    with httpx.Client(base_url=small.url, headers=basic()) as client:
        client.post("/_control/reset").raise_for_status()
        package_id = create(client)["packageId"]
        assert upload(client, package_id, make_zip({"a.txt": b"a" * 100})).status_code == 200
        too_big = make_zip({"b.bin": bytes(range(256)) * 20})
        assert upload(client, package_id, too_big).status_code == 413
        streamed = client.post(
            f"/api/Software/Package/UploadZip/{package_id}", content=iter([too_big[:1500], too_big[1500:]])
        )
        assert streamed.status_code == 413
        # Unpacked content is limited too (four times the upload limit).
        packed = make_zip({"c.txt": b"c" * 9000}, compression=zipfile.ZIP_DEFLATED)
        assert len(packed) < 2000
        unpacked = upload(client, package_id, packed)
        assert unpacked.status_code == 400 and "unpacks to more than" in message(unpacked)
        assert [f["path"] for f in client.get(f"/api/Software/PackageFiles/{package_id}").json()] == ["a.txt"]
    leftovers = [p.name for p in (Path(small.settings.data_dir) / "software-files").rglob("*") if p.is_file()]
    assert len(leftovers) == 1 and not leftovers[0].startswith(".")
