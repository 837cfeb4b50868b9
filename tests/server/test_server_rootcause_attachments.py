"""RootCause attachments: multipart upload answering a GUID string, byte-exact download (endpoints.md §10)."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import httpx

from pywats_server import EmbeddedServer

BINARY = bytes(range(256)) * 40 + b"\r\n--boundary-lookalike\r\n"


def upload(client: httpx.Client, name: str = "scope.png", data: bytes = BINARY) -> str:
    response = client.post("/api/RootCause/Attachment", files={"file": (name, data, "image/png")})
    assert response.status_code == 200, response.text
    value = response.json()
    assert isinstance(value, str)
    return str(uuid.UUID(value))


def test_upload_then_download_returns_the_exact_bytes(client: httpx.Client) -> None:
    attachment_id = upload(client)
    response = client.get("/api/RootCause/Attachment", params={"attachmentId": attachment_id})
    assert response.status_code == 200
    assert response.content == BINARY
    assert response.headers["content-type"] == "image/png"
    assert "scope.png" in response.headers["content-disposition"]

    renamed = client.get(
        "/api/RootCause/Attachment", params={"attachmentId": attachment_id, "fileName": "ü.png"}
    )
    assert "%C3%BC.png" in renamed.headers["content-disposition"]


def test_bytes_are_stored_on_disk_by_content_hash(client: httpx.Client, server: EmbeddedServer) -> None:
    upload(client, "a.bin")
    upload(client, "b.bin")  # same content, stored once
    digest = hashlib.sha256(BINARY).hexdigest()
    stored = Path(server.settings.data_dir) / "content" / digest[:2] / digest[2:4] / digest
    assert stored.read_bytes() == BINARY


def test_attachment_referenced_by_a_comment(client: httpx.Client) -> None:
    attachment_id = upload(client, "trace.csv", b"t,v\n0,1\n")
    ticket = client.post(
        "/api/RootCause/Ticket",
        json={
            "subject": "Noise",
            "update": {"content": "see trace", "attachments": [{"attachmentId": attachment_id}]},
        },
    ).json()
    assert ticket["history"][0]["attachments"] == [{"attachmentId": attachment_id, "filename": "trace.csv"}]


def test_upload_errors(client: httpx.Client) -> None:
    no_file_part = client.post("/api/RootCause/Attachment", files={"other": ("x.txt", b"x", "text/plain")})
    assert no_file_part.status_code == 400 and "'file'" in no_file_part.json()["Message"]
    not_multipart = client.post(
        "/api/RootCause/Attachment", content=b"raw", headers={"Content-Type": "application/octet-stream"}
    )
    assert not_multipart.status_code == 400
    nameless = client.post(
        "/api/RootCause/Attachment",
        content=b'--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nxyz\r\n--b--\r\n',
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert nameless.status_code == 400 and "file name" in nameless.json()["Message"]
    truncated = client.post(
        "/api/RootCause/Attachment",
        content=b'--b\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nxyz',
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert truncated.status_code == 400


def test_download_errors(client: httpx.Client) -> None:
    assert (
        client.get("/api/RootCause/Attachment", params={"attachmentId": str(uuid.uuid4())}).status_code == 404
    )
    assert client.get("/api/RootCause/Attachment", params={"attachmentId": "nope"}).status_code == 400
    assert client.get("/api/RootCause/Attachment").status_code == 400
